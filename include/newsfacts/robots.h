// newsfacts/robots.h — robots.txt (RFC 9309): parse once, ask per URL.
//
//   RobotsTxt robots = RobotsTxt::Parse(body);            // never fails
//   RobotsRules rules = robots.ForAgent("newsfacts/0.1 (+https://example.org/bot)");
//   rules.IsAllowed("https://example.org/private/x?y=1")  // false if disallowed
//   rules.crawl_delay()                                   // optional<double> seconds
//   robots.sitemaps()                                     // every "Sitemap:" URL
//
// Parsing follows RFC 9309:
//  - lines end with CR, LF or CRLF; a leading UTF-8 BOM is skipped; '#' starts
//    a comment; field names are case-insensitive; only the first
//    kRobotsMaxBytes (500 KiB) are read (a line cut by the cap is dropped).
//  - a group is one or more consecutive `User-agent:` lines followed by rules;
//    rules seen before any `User-agent:` are ignored; `Sitemap:` and unknown
//    lines neither start nor end a group. Several groups naming the same agent
//    are merged.
//  - to stay polite, a few well-known slips are read as meant (RFC 9309 §2.2.4
//    allows it): a missing colon after a known field ("Disallow /x") and the
//    spellings "useragent", "user agent", "disalow", "dissallow", "dissalow".
//  - an empty `Disallow:` (or `Allow:`) value is no rule at all.
//
// Agent matching: the product token is the leading run of letters, digits,
// '_', '-' and '.' of the agent string ("newsfacts/0.1 (+https://..)" →
// "newsfacts"), compared case-insensitively and exactly with each group's
// token (a group "User-agent: newsfacts/2" also names "newsfacts"). If no group
// names the crawler, the `*` groups apply; if there are none, all is allowed.
//
// URL matching: the path and query of the URL (the fragment is ignored; an
// empty path is "/") is compared with each rule of the matched groups. `*`
// matches any run of characters, a final `$` anchors the end, anything else is
// literal. Before comparing, paths and patterns are both normalised the RFC way:
// octets outside printable US-ASCII are percent-encoded, %-escapes get
// upper-case hex, and %-escapes of unreserved characters (A-Z a-z 0-9 - . _ ~)
// are decoded, so "/a%7eb", "/a%7Eb" and "/a~b" are the same path (a '%'
// that starts no escape is a literal one, "%25"). The
// longest matching pattern (in octets) wins; on a tie Allow wins; no match
// means allowed. "/robots.txt" itself is always allowed.
//
// Fetch policy (what the crawler does with the answer to GET /robots.txt) is a
// pure function, RobotsFetchPolicyFor(); see below.
//
// Thread-safety: RobotsTxt and RobotsRules are immutable after construction;
// share them freely between threads. IsAllowed never allocates when the path
// needs no percent-encoding normalisation.
#ifndef NEWSFACTS_ROBOTS_H_
#define NEWSFACTS_ROBOTS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsfacts {

// RFC 9309 §2.5: crawlers must read at least 500 KiB; we read exactly that much.
inline constexpr std::size_t kRobotsMaxBytes = 500 * 1024;
// RFC 9309 §2.3.1.2: follow at least five consecutive redirects.
inline constexpr int kRobotsMaxRedirects = 5;

// One Allow/Disallow line after normalisation (see above).
struct RobotsRule {
  std::string pattern;  // normalised, starts with '/' or '*'; may end with '$'
  bool allow = false;
};

// The rules that apply to one crawler on one site, ready to be asked per URL.
// A default-constructed RobotsRules allows everything.
class RobotsRules {
 public:
  RobotsRules() = default;
  static RobotsRules AllowAll();
  static RobotsRules DisallowAll();

  // `url` is an absolute URL ("https://host/path?q") or a path starting with
  // '/' (optionally with "?query"). Anything else is treated as "/".
  bool IsAllowed(std::string_view url) const;

  // The rule that decided (nullptr: no rule matched, so allowed).
  const RobotsRule* MatchingRule(std::string_view url) const;

  // Crawl-delay of the matched group(s) in seconds (first valid value), if any.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  // True when every URL but /robots.txt is disallowed (e.g. "Disallow: /" only).
  bool disallows_everything() const { return disallow_all_; }
  // Rules in the order they are tried: longest pattern first, Allow first on ties.
  const std::vector<RobotsRule>& rules() const { return rules_; }

 private:
  friend class RobotsTxt;
  void BuildIndex();

  std::vector<RobotsRule> rules_;
  // Index over rules_ (positions are priority order): rules whose pattern
  // starts with "/c" for a literal c, grouped by c, and all other rules.
  std::vector<uint32_t> keyed_;                      // sorted by (key, position)
  std::vector<std::pair<char, uint32_t>> key_start_;  // key → first slot in keyed_
  std::vector<uint32_t> unkeyed_;
  std::optional<double> crawl_delay_;
  bool disallow_all_ = false;
};

// A parsed robots.txt file.
class RobotsTxt {
 public:
  struct Group {
    std::vector<std::string> agents;  // lower-case product tokens, or "*"
    std::vector<RobotsRule> rules;    // in file order
    std::optional<double> crawl_delay;
  };

  RobotsTxt() = default;  // an empty file: allows everything

  // Never fails: unparseable lines are ignored. Reads at most kRobotsMaxBytes.
  static RobotsTxt Parse(std::string_view body);

  // Rules for `user_agent` (a product token or a full User-Agent string).
  RobotsRules ForAgent(std::string_view user_agent) const;

  // Convenience: ForAgent(user_agent).IsAllowed(url). Prefer caching ForAgent.
  bool IsAllowed(std::string_view user_agent, std::string_view url) const;

  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  // True if the body was longer than kRobotsMaxBytes and was cut.
  bool truncated() const { return truncated_; }

 private:
  std::vector<Group> groups_;
  std::vector<std::string> sitemaps_;
  bool truncated_ = false;
};

// The product token of a User-Agent string, lower-cased:
// "NewsFacts/0.1 (+https://x)" → "newsfacts"; "" when there is none.
std::string RobotsProductToken(std::string_view user_agent);

// Percent-encoding normalisation used on both sides of the comparison
// (exposed for tests and for callers that pre-normalise).
std::string NormalizeRobotsPath(std::string_view path);

// ---------------------------------------------------------------------------
// Fetch-status policy (RFC 9309 §2.3.1).
//
//   2xx                     → parse the body (cache 24 h)
//   3xx, < 5 hops so far    → follow the redirect (the crawler does it)
//   3xx, 5 hops done        → treat as unavailable: allow all (cache 24 h)
//   4xx                     → "unavailable": allow all, including 401 and 403
//                             (cache 24 h). Exception: 429 Too Many Requests is
//                             the server asking us to slow down, so it is read
//                             as "unreachable" below (as Google does); the RFC
//                             lists 4xx only as an example of unavailable.
//   5xx, 429, network error → "unreachable": disallow all, retry after
//   (http_status 0)           RobotsRetryDelay(consecutive_failures)
//   anything else (1xx..)   → as unreachable
//
// RFC 9309 §2.4: a cached robots.txt should not be used for more than 24 h;
// after 30 days of being unreachable a crawler MAY treat the file as
// unavailable (allow all) or keep the last good copy — RobotsFetchPolicyFor
// does the former when `unreachable_for` reaches kRobotsUnreachableGiveUp.
enum class RobotsFetchAction { kParseBody, kFollowRedirect, kAllowAll, kDisallowAll };

struct RobotsFetchPolicy {
  RobotsFetchAction action = RobotsFetchAction::kDisallowAll;
  std::chrono::seconds cache_for{0};  // re-fetch robots.txt after this long
  bool unreachable = false;           // 5xx / 429 / network failure
};

inline constexpr std::chrono::seconds kRobotsCacheTtl{24 * 3600};
inline constexpr std::chrono::seconds kRobotsUnreachableGiveUp{30 * 24 * 3600};

// `http_status` 0 means no HTTP answer (DNS, connect, TLS, timeout).
// `redirects_followed` counts hops already taken for this robots.txt fetch;
// `consecutive_failures` counts earlier unreachable answers (0 for the first);
// `unreachable_for` is how long the file has been unreachable so far.
RobotsFetchPolicy RobotsFetchPolicyFor(int http_status, int redirects_followed = 0,
                                       int consecutive_failures = 0,
                                       std::chrono::seconds unreachable_for = {});

// Back-off before re-fetching an unreachable robots.txt: 1 min, 2, 4, ...,
// capped at 6 h.
std::chrono::seconds RobotsRetryDelay(int consecutive_failures);

// Rules for a fetch outcome in one step: parses `body` for kParseBody, else
// allow-all / disallow-all as the policy says. Redirects must have been
// followed already (a 3xx here counts as too many hops).
RobotsRules RobotsRulesForFetch(int http_status, std::string_view body,
                                std::string_view user_agent);

}  // namespace newsfacts

#endif  // NEWSFACTS_ROBOTS_H_
