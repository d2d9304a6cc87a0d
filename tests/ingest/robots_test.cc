// Tests for ingest/robots.cc (newsfacts/robots.h).
#include "newsfacts/robots.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace newsfacts {
namespace {

constexpr char kAgent[] = "newsfacts/0.1 (+https://example.org/bot)";

bool Allowed(std::string_view body, std::string_view url, std::string_view agent = kAgent) {
  return RobotsTxt::Parse(body).IsAllowed(agent, url);
}

TEST_CASE("robots: groups, agents and fallback to *", "[ingest]") {
  const std::string body =
      "# comment line\n"
      "User-agent: otherbot\n"
      "Disallow: /\n"
      "\n"
      "User-agent: NewsFacts\n"
      "User-agent: somebot\n"
      "Disallow: /private\n"
      "\n"
      "User-agent: *\n"
      "Disallow: /everyone-else\n";
  CHECK_FALSE(Allowed(body, "https://example.org/private/a"));
  CHECK(Allowed(body, "https://example.org/everyone-else"));  // our group, not *
  CHECK_FALSE(Allowed(body, "/private", "SomeBot/2.0"));        // second agent line, same group
  CHECK_FALSE(Allowed(body, "/everyone-else", "unknownbot"));   // falls back to *
  CHECK(Allowed(body, "/private", "unknownbot"));
  CHECK_FALSE(Allowed(body, "/anything", "OtherBot"));
  // Product token must match exactly, not as a prefix.
  CHECK(Allowed(body, "/private", "newsfactsplus/1.0"));
  CHECK_FALSE(Allowed(body, "/everyone-else", "newsfactsplus/1.0"));
}

TEST_CASE("robots: product token extraction", "[ingest]") {
  CHECK(RobotsProductToken("newsfacts/0.1 (+https://x)") == "newsfacts");
  CHECK(RobotsProductToken("  Googlebot-News ") == "googlebot-news");
  CHECK(RobotsProductToken("") == "");
  CHECK(RobotsProductToken("/1.0") == "");
}

TEST_CASE("robots: groups naming the same agent are merged", "[ingest]") {
  const std::string body =
      "user-agent: newsfacts\ndisallow: /a\n"
      "user-agent: other\ndisallow: /b\n"
      "user-agent: newsfacts\ndisallow: /c\ncrawl-delay: 7\n";
  RobotsRules rules = RobotsTxt::Parse(body).ForAgent(kAgent);
  CHECK_FALSE(rules.IsAllowed("/a"));
  CHECK(rules.IsAllowed("/b"));
  CHECK_FALSE(rules.IsAllowed("/c"));
  REQUIRE(rules.crawl_delay().has_value());
  CHECK(*rules.crawl_delay() == 7.0);
}

TEST_CASE("robots: rules before any user-agent line are ignored", "[ingest]") {
  const std::string body = "Disallow: /x\nUser-agent: *\nDisallow: /y\n";
  CHECK(Allowed(body, "/x"));
  CHECK_FALSE(Allowed(body, "/y"));
}

TEST_CASE("robots: sitemap and unknown lines do not split a group", "[ingest]") {
  const std::string body =
      "User-agent: a\n"
      "Sitemap: https://example.org/s1.xml\n"
      "Foo: bar\n"
      "User-agent: newsfacts\n"
      "Disallow: /z\n"
      "SITEMAP: https://example.org/s2.xml\n";
  RobotsTxt robots = RobotsTxt::Parse(body);
  CHECK_FALSE(robots.IsAllowed(kAgent, "/z"));
  CHECK_FALSE(robots.IsAllowed("a", "/z"));  // same group as newsfacts
  REQUIRE(robots.sitemaps().size() == 2);
  CHECK(robots.sitemaps()[0] == "https://example.org/s1.xml");
  CHECK(robots.sitemaps()[1] == "https://example.org/s2.xml");
}

TEST_CASE("robots: line endings, BOM and case-insensitive field names", "[ingest]") {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    std::string body = "\xEF\xBB\xBFuSeR-AgEnT: *";
    body += eol;
    body += "DISALLOW: /no";
    body += eol;
    body += "allow: /no/but-yes";  // no final newline
    INFO("eol size " << eol.size());
    CHECK_FALSE(Allowed(body, "/no/x"));
    CHECK(Allowed(body, "/no/but-yes/1"));
    CHECK(Allowed(body, "/yes"));
  }
  // Mixed endings in one file.
  CHECK_FALSE(Allowed("User-agent: *\r\nDisallow: /a\rDisallow: /b\nDisallow: /c", "/b"));
  CHECK_FALSE(Allowed("User-agent: *\r\nDisallow: /a\rDisallow: /b\nDisallow: /c", "/c"));
}

TEST_CASE("robots: comments are stripped from values", "[ingest]") {
  const std::string body = "User-agent: * # everyone\nDisallow: /tmp # scratch\n";
  CHECK_FALSE(Allowed(body, "/tmp/x"));
  CHECK(Allowed(body, "/tm"));
}

TEST_CASE("robots: longest match wins, Allow wins ties", "[ingest]") {
  const std::string body =
      "User-agent: *\n"
      "Disallow: /shop\n"
      "Allow: /shop/public\n"
      "Disallow: /shop/public/secret\n"
      "Allow: /same\n"
      "Disallow: /same\n";
  CHECK_FALSE(Allowed(body, "/shop/cart"));
  CHECK(Allowed(body, "/shop/public/page"));
  CHECK_FALSE(Allowed(body, "/shop/public/secret/1"));
  CHECK(Allowed(body, "/same/thing"));
  CHECK(Allowed(body, "/elsewhere"));
}

TEST_CASE("robots: wildcards and end anchor", "[ingest]") {
  const std::string body =
      "User-agent: *\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "Disallow: /exact$\n"
      "Allow: /*/feed/*.xml\n"
      "Disallow: /*/feed/\n";
  CHECK_FALSE(Allowed(body, "/docs/report.pdf"));
  CHECK(Allowed(body, "/docs/report.pdf?download=1"));
  CHECK(Allowed(body, "/docs/report.pdfx"));
  CHECK_FALSE(Allowed(body, "/search?lang=en&q=x"));
  CHECK(Allowed(body, "/search?lang=en"));
  CHECK_FALSE(Allowed(body, "/exact"));
  CHECK(Allowed(body, "/exact/"));
  CHECK(Allowed(body, "/news/feed/all.xml"));
  CHECK_FALSE(Allowed(body, "/news/feed/all.json"));
  // '$' inside a pattern is literal; "*" alone matches everything.
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a$b\n", "/a$bc"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: *\n", "/anything"));
}

TEST_CASE("robots: wildcard matching needs no backtracking", "[ingest]") {
  std::string pattern = "/";
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "b$";
  const std::string body = "User-agent: *\nDisallow: " + pattern + "\n";
  std::string path = "/" + std::string(4000, 'a');
  RobotsRules rules = RobotsTxt::Parse(body).ForAgent("x");
  auto start = std::chrono::steady_clock::now();
  CHECK(rules.IsAllowed(path));
  CHECK_FALSE(rules.IsAllowed(path + "b"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
}

TEST_CASE("robots: empty Disallow allows everything", "[ingest]") {
  CHECK(Allowed("User-agent: *\nDisallow:\n", "/anything"));
  CHECK(Allowed("User-agent: *\nDisallow: \nAllow:\n", "/"));
  CHECK(RobotsTxt::Parse("User-agent: *\nDisallow:\n").ForAgent("x").rules().empty());
}

TEST_CASE("robots: percent-encoding is normalised on both sides", "[ingest]") {
  // Raw UTF-8 in the rule vs an encoded URL, and the other way round.
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /caf\xC3\xA9\n", "/caf%C3%A9/menu"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /caf%c3%a9\n", "/caf\xC3\xA9"));
  // Hex case does not matter.
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a%2fb\n", "/a%2Fb"));
  // Unreserved characters are decoded; reserved ones are not.
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /%7Euser\n", "/~user/x"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /~user\n", "/%7euser/x"));
  CHECK(Allowed("User-agent: *\nDisallow: /a/b\n", "/a%2Fb"));
  CHECK(NormalizeRobotsPath("/a b%41%2f\xC3\xA9") == "/a%20bA%2F%C3%A9");
  CHECK(NormalizeRobotsPath("/100%%41") == "/100%25A");
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /100%\n", "/100%25/x"));
  // A request path may start with "//".
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: //x\n", "//x/y"));
}

TEST_CASE("robots: URL forms accepted by IsAllowed", "[ingest]") {
  RobotsRules rules = RobotsTxt::Parse("User-agent: *\nDisallow: /p\nDisallow: /*?s=\n").ForAgent("x");
  CHECK_FALSE(rules.IsAllowed("https://example.org/p"));
  CHECK_FALSE(rules.IsAllowed("https://example.org:8443/p#frag"));
  CHECK(rules.IsAllowed("https://example.org"));         // path "/"
  CHECK(rules.IsAllowed("https://example.org/x#/p"));    // fragment ignored
  CHECK_FALSE(rules.IsAllowed("https://example.org?s=1"));  // "/?s=1"
  CHECK_FALSE(rules.IsAllowed("/p?x"));
  CHECK(rules.IsAllowed(""));
}

TEST_CASE("robots: /robots.txt is always allowed", "[ingest]") {
  CHECK(Allowed("User-agent: *\nDisallow: /\n", "https://example.org/robots.txt"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /\n", "https://example.org/robots.txt.bak"));
}

TEST_CASE("robots: lenient spellings and missing colons", "[ingest]") {
  CHECK_FALSE(Allowed("User-agent: *\nDisallow /x\n", "/x"));
  CHECK_FALSE(Allowed("useragent: *\ndissallow: /x\n", "/x"));
  CHECK_FALSE(Allowed("User agent: *\nDisalow: /x\n", "/x"));
  CHECK(Allowed("Something /x\nUser-agent: *\nFoo: /x\n", "/x"));
}

TEST_CASE("robots: crawl-delay", "[ingest]") {
  RobotsTxt robots = RobotsTxt::Parse(
      "User-agent: *\nCrawl-delay: 2.5\n\nUser-agent: slowbot\nCrawl-delay: abc\nCrawl-delay: 30\n"
      "User-agent: fast\nCrawl-delay: -1\n");
  CHECK(robots.ForAgent("x").crawl_delay() == 2.5);
  CHECK(robots.ForAgent("slowbot").crawl_delay() == 30.0);  // first *valid* value
  CHECK_FALSE(robots.ForAgent("fast").crawl_delay().has_value());
}

TEST_CASE("robots: the 500 KiB cap drops the cut line", "[ingest]") {
  std::string body = "User-agent: *\nDisallow: /first\n";
  while (body.size() < kRobotsMaxBytes - 10) body += "# padding padding padding padding\n";
  body += "Disallow: /cut-in-the-middle-of-this-line\n";
  body += "Disallow: /after\n";
  RobotsTxt robots = RobotsTxt::Parse(body);
  CHECK(robots.truncated());
  CHECK_FALSE(robots.IsAllowed("x", "/first"));
  CHECK(robots.IsAllowed("x", "/cut"));
  CHECK(robots.IsAllowed("x", "/after"));
}

TEST_CASE("robots: allow-all and disallow-all rules", "[ingest]") {
  CHECK(RobotsRules::AllowAll().IsAllowed("/x"));
  CHECK_FALSE(RobotsRules::DisallowAll().IsAllowed("/x"));
  CHECK(RobotsRules::DisallowAll().IsAllowed("/robots.txt"));
  CHECK(RobotsRules::DisallowAll().disallows_everything());
  CHECK(RobotsTxt::Parse("User-agent: *\nDisallow: /\n").ForAgent("a").disallows_everything());
  CHECK_FALSE(
      RobotsTxt::Parse("User-agent: *\nDisallow: /\nAllow: /a\n").ForAgent("a").disallows_everything());
}

TEST_CASE("robots: fetch-status policy follows RFC 9309", "[ingest]") {
  using A = RobotsFetchAction;
  CHECK(RobotsFetchPolicyFor(200).action == A::kParseBody);
  CHECK(RobotsFetchPolicyFor(200).cache_for == kRobotsCacheTtl);
  CHECK(RobotsFetchPolicyFor(301, 0).action == A::kFollowRedirect);
  CHECK(RobotsFetchPolicyFor(308, 4).action == A::kFollowRedirect);
  CHECK(RobotsFetchPolicyFor(302, 5).action == A::kAllowAll);  // too many hops
  for (int status : {400, 401, 403, 404, 410, 451}) {
    INFO(status);
    CHECK(RobotsFetchPolicyFor(status).action == A::kAllowAll);
    CHECK_FALSE(RobotsFetchPolicyFor(status).unreachable);
  }
  for (int status : {0, 429, 500, 502, 503, 599, 100}) {
    INFO(status);
    RobotsFetchPolicy p = RobotsFetchPolicyFor(status, 0, 2);
    CHECK(p.action == A::kDisallowAll);
    CHECK(p.unreachable);
    CHECK(p.cache_for == RobotsRetryDelay(2));
  }
  // After 30 days of being unreachable the crawler may treat it as unavailable.
  CHECK(RobotsFetchPolicyFor(503, 0, 50, kRobotsUnreachableGiveUp).action == A::kAllowAll);
  CHECK(RobotsRetryDelay(0) == std::chrono::seconds(60));
  CHECK(RobotsRetryDelay(1) == std::chrono::seconds(120));
  CHECK(RobotsRetryDelay(100) == std::chrono::hours(6));
  CHECK(RobotsRetryDelay(-3) == std::chrono::seconds(60));
}

TEST_CASE("robots: rules for a fetch outcome", "[ingest]") {
  const std::string body = "User-agent: *\nDisallow: /x\n";
  CHECK_FALSE(RobotsRulesForFetch(200, body, kAgent).IsAllowed("/x"));
  CHECK(RobotsRulesForFetch(404, body, kAgent).IsAllowed("/x"));
  CHECK(RobotsRulesForFetch(403, body, kAgent).IsAllowed("/x"));
  CHECK_FALSE(RobotsRulesForFetch(503, body, kAgent).IsAllowed("/y"));
  CHECK_FALSE(RobotsRulesForFetch(0, "", kAgent).IsAllowed("/y"));
}

TEST_CASE("robots: matching rule and rule order", "[ingest]") {
  RobotsRules rules =
      RobotsTxt::Parse("User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b\n").ForAgent("x");
  REQUIRE(rules.rules().size() == 3);
  CHECK(rules.rules()[0].pattern == "/a/b");
  CHECK(rules.rules()[0].allow);  // Allow first on a tie
  const RobotsRule* rule = rules.MatchingRule("/a/b/c");
  REQUIRE(rule != nullptr);
  CHECK(rule->allow);
  CHECK(rules.MatchingRule("/zzz") == nullptr);
}

}  // namespace
}  // namespace newsfacts
