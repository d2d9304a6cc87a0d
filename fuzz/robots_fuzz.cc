// libFuzzer target for robots.txt parsing and matching (ingest/robots.cc).
//
// Input: "<agent>\n<url path>\n<robots.txt body>". Besides "no crash", it
// checks the matcher against a slow reference (a backtracking-free DP over
// the rules ForAgent returned): the verdict must equal "longest matching
// pattern wins, Allow on ties, no match allows", and /robots.txt is allowed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/robots.h"

namespace {

// Reference matcher: DP over pattern positions; '*' any run, final '$' anchors.
bool ReferenceMatch(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // reach[j]: pattern[0..i) can match path[0..j)
  std::vector<char> reach(path.size() + 1, 0), next(path.size() + 1, 0);
  reach[0] = 1;
  for (char p : pattern) {
    std::fill(next.begin(), next.end(), 0);
    if (p == '*') {
      char any = 0;
      for (std::size_t j = 0; j <= path.size(); ++j) {
        any |= reach[j];
        next[j] = any;
      }
    } else {
      for (std::size_t j = 0; j < path.size(); ++j) {
        if (reach[j] && path[j] == p) next[j + 1] = 1;
      }
    }
    reach.swap(next);
  }
  if (anchored) return reach[path.size()];
  for (char r : reach) {
    if (r) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t nl1 = input.find('\n');
  if (nl1 == std::string_view::npos) return 0;
  std::size_t nl2 = input.find('\n', nl1 + 1);
  if (nl2 == std::string_view::npos) return 0;
  std::string_view agent = input.substr(0, nl1);
  std::string path = "/" + std::string(input.substr(nl1 + 1, nl2 - nl1 - 1));
  path = path.substr(0, path.find('#'));  // request paths carry no fragment
  std::string_view body = input.substr(nl2 + 1);

  newsfacts::RobotsTxt robots = newsfacts::RobotsTxt::Parse(body);
  newsfacts::RobotsRules rules = robots.ForAgent(agent);
  bool allowed = rules.IsAllowed(path);
  if (!rules.IsAllowed("/robots.txt")) std::abort();
  (void)rules.IsAllowed("https://example.org" + path + "#x");

  if (path.size() > 300 || rules.rules().size() > 64) return 0;
  std::string normalized = newsfacts::NormalizeRobotsPath(path);
  if (normalized == "/robots.txt") return 0;
  const newsfacts::RobotsRule* best = nullptr;
  for (const newsfacts::RobotsRule& rule : rules.rules()) {
    if (!ReferenceMatch(rule.pattern, normalized)) continue;
    if (best == nullptr || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow)) {
      best = &rule;
    }
  }
  bool expected = best == nullptr || best->allow;
  if (expected != allowed) std::abort();
  return 0;
}
