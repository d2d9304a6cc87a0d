// newsfacts robots --agent UA [--file FILE|-] URL...
//
// Answers, one line per URL, "allow URL" or "disallow URL" using the same
// RobotsTxt/RobotsRules matcher the crawler uses. The robots.txt body comes
// from FILE, or from stdin with "--file -" (the default). With --explain the
// deciding rule and the crawl-delay follow on the same line after a TAB.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "command.h"
#include "newsfacts/robots.h"

namespace newsfacts::cli {
namespace {

struct RobotsFlags {
  std::string agent;
  std::string file = "-";
  std::vector<std::string> urls;
  bool explain = false;
};

int RunRobots(const RobotsFlags& flags) {
  std::string body;
  if (flags.file == "-") {
    body.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(flags.file, std::ios::binary);
    if (!in) {
      PrintError("cannot open " + flags.file);
      return 2;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    body = buf.str();
  }
  RobotsTxt robots = RobotsTxt::Parse(body);
  RobotsRules rules = robots.ForAgent(flags.agent);
  std::string out;
  for (const std::string& url : flags.urls) {
    const RobotsRule* rule = rules.MatchingRule(url);
    bool allowed = rule == nullptr || rule->allow;
    out += allowed ? "allow " : "disallow ";
    out += url;
    if (flags.explain) {
      out += '\t';
      out += rule ? (rule->allow ? "Allow: " : "Disallow: ") + rule->pattern : "(no rule)";
      if (rules.crawl_delay()) {
        char delay[32];
        std::snprintf(delay, sizeof(delay), "%g", *rules.crawl_delay());
        out += "\tcrawl-delay ";
        out += delay;
      }
    }
    out += '\n';
  }
  std::cout << out << std::flush;
  return 0;
}

}  // namespace

Handler SetupRobotsCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<RobotsFlags>();
  sub.add_option("--agent", flags->agent, "crawler User-Agent or product token")->required();
  sub.add_option("--file", flags->file, "robots.txt file, or - for stdin")->capture_default_str();
  sub.add_flag("--explain", flags->explain, "also print the deciding rule and crawl-delay");
  sub.add_option("urls", flags->urls, "URLs (absolute, or paths starting with /)")->required();
  return [flags] { return RunRobots(*flags); };
}

}  // namespace newsfacts::cli
