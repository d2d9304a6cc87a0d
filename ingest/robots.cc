// robots.txt parsing and matching (RFC 9309). Contract in newsfacts/robots.h.
#include "newsfacts/robots.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "ascii.h"

namespace newsfacts {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}



int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Bytes that must be percent-encoded before comparison: controls, space,
// DEL and everything outside US-ASCII.
bool NeedsEncoding(unsigned char c) { return c <= 0x20 || c >= 0x7F; }

// True if NormalizeRobotsPath(s) == s, i.e. the fast path may skip it.
bool IsNormalized(std::string_view s) {
  for (unsigned char c : s) {
    if (c == '%' || NeedsEncoding(c)) return false;
  }
  return true;
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

// Does `path` match `pattern` ('*' wildcards, optional final '$' anchor)?
// Greedy leftmost placement of each literal segment is exact for this pattern
// language, so the cost is a handful of memchr/memcmp scans, no backtracking.
bool PatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  std::size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return anchored ? path == pattern : path.substr(0, pattern.size()) == pattern;
  }
  std::string_view first = pattern.substr(0, star);
  if (path.substr(0, first.size()) != first) return false;
  std::size_t pos = first.size();
  pattern.remove_prefix(star + 1);
  while (true) {
    std::size_t next = pattern.find('*');
    if (next == std::string_view::npos) {
      if (anchored) {
        return path.size() - pos >= pattern.size() &&
               path.substr(path.size() - pattern.size()) == pattern;
      }
      return pattern.empty() || path.find(pattern, pos) != std::string_view::npos;
    }
    std::string_view segment = pattern.substr(0, next);
    if (!segment.empty()) {
      std::size_t found = path.find(segment, pos);
      if (found == std::string_view::npos) return false;
      pos = found + segment.size();
    }
    pattern.remove_prefix(next + 1);
  }
}

// The path and query of an absolute URL or of a "/path?query" reference,
// without the fragment; "/" when there is none.
std::string_view PathOf(std::string_view url) {
  std::size_t hash = url.find('#');
  if (hash != std::string_view::npos) url = url.substr(0, hash);
  if (!url.empty() && url.front() == '/') return url;  // a path ("//x" included)
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    if (!url.empty() && url.front() == '?') return url;  // query only: caller adds "/"
    return "/";
  }
  std::size_t path_start = url.find_first_of("/?", scheme_end + 3);
  if (path_start == std::string_view::npos) return "/";
  return url.substr(path_start);
}

enum class Field { kUnknown, kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap };

Field FieldOf(std::string_view key) {
  struct Name {
    std::string_view name;
    Field field;
  };
  static constexpr Name kNames[] = {
      {"user-agent", Field::kUserAgent}, {"useragent", Field::kUserAgent},
      {"user agent", Field::kUserAgent}, {"allow", Field::kAllow},
      {"disallow", Field::kDisallow},    {"disalow", Field::kDisallow},
      {"dissallow", Field::kDisallow},   {"dissalow", Field::kDisallow},
      {"crawl-delay", Field::kCrawlDelay}, {"crawldelay", Field::kCrawlDelay},
      {"sitemap", Field::kSitemap},      {"site-map", Field::kSitemap},
  };
  for (const Name& n : kNames) {
    if (EqualsIgnoreCase(key, n.name)) return n.field;
  }
  return Field::kUnknown;
}

// Splits "key: value" (or, for known keys, "key value"). Returns false for
// lines that carry no field.
bool SplitLine(std::string_view line, Field* field, std::string_view* value) {
  std::size_t hash = line.find('#');
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  line = Trim(line);
  if (line.empty()) return false;
  std::size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    *field = FieldOf(Trim(line.substr(0, colon)));
    if (*field != Field::kUnknown) {
      *value = Trim(line.substr(colon + 1));
      return true;
    }
  }
  // Lenient: "Disallow /x" (no colon). Try the first one or two words as the key.
  std::size_t space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return false;
  *field = FieldOf(line.substr(0, space));
  std::string_view rest = Trim(line.substr(space));
  if (*field == Field::kUnknown) {  // "user agent: x" / "user agent x"
    std::size_t space2 = rest.find_first_of(" \t:");
    std::string_view second = rest.substr(0, space2);
    std::string two = std::string(line.substr(0, space)) + " " + std::string(second);
    if (FieldOf(two) != Field::kUserAgent || space2 == std::string_view::npos) return false;
    *field = Field::kUserAgent;
    rest = rest.substr(space2);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    rest = Trim(rest);
  } else if (colon != std::string_view::npos) {
    return false;  // "foo: bar baz" with an unknown key before the colon
  }
  *value = rest;
  return true;
}

void AppendEscaped(std::string* out, unsigned char c) {
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

// Group agent value → token: "FooBot/1.2 extra" → "foobot"; "*" → "*".
std::string GroupToken(std::string_view value) {
  if (!value.empty() && value.front() == '*') return "*";
  std::string token;
  for (char c : value) {
    if (!IsTokenChar(c)) break;
    token.push_back(AsciiLower(c));
  }
  return token;
}

std::optional<double> ParseDelay(std::string_view value) {
  double delay = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), delay);
  if (ec != std::errc() || end == value.data() || !std::isfinite(delay) || delay < 0) {
    return std::nullopt;
  }
  return delay;
}

bool RuleBefore(const RobotsRule& a, const RobotsRule& b) {
  if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
  return a.allow && !b.allow;
}

}  // namespace

std::string NormalizeRobotsPath(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 8);
  for (std::size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '%' && i + 2 < path.size() && HexValue(path[i + 1]) >= 0 && HexValue(path[i + 2]) >= 0) {
      unsigned char decoded =
          static_cast<unsigned char>(HexValue(path[i + 1]) * 16 + HexValue(path[i + 2]));
      if (IsUnreserved(decoded)) {
        out.push_back(static_cast<char>(decoded));
      } else {
        AppendEscaped(&out, decoded);
      }
      i += 2;
    } else if (NeedsEncoding(c) || c == '%') {  // a stray '%' is a literal percent sign
      AppendEscaped(&out, c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string RobotsProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  std::string token;
  for (char c : user_agent) {
    if (!IsTokenChar(c)) break;
    token.push_back(AsciiLower(c));
  }
  return token;
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.disallow_all_ = true;
  rules.rules_.push_back(RobotsRule{"/", false});
  rules.BuildIndex();
  return rules;
}

namespace {

// The byte every matching path has at index 1, if the pattern fixes it.
int IndexKey(const std::string& pattern) {
  if (pattern.size() < 2 || pattern[0] != '/' || pattern[1] == '*') return -1;
  if (pattern[1] == '$' && pattern.size() == 2) return -1;  // "/$": the anchor
  return static_cast<unsigned char>(pattern[1]);
}

}  // namespace

void RobotsRules::BuildIndex() {
  keyed_.clear();
  key_start_.clear();
  unkeyed_.clear();
  std::vector<std::pair<int, uint32_t>> keyed;
  for (uint32_t i = 0; i < rules_.size(); ++i) {
    int key = IndexKey(rules_[i].pattern);
    if (key < 0) {
      unkeyed_.push_back(i);
    } else {
      keyed.emplace_back(key, i);
    }
  }
  std::sort(keyed.begin(), keyed.end());
  for (const auto& [key, index] : keyed) {
    if (key_start_.empty() || key_start_.back().first != static_cast<char>(key)) {
      key_start_.emplace_back(static_cast<char>(key), static_cast<uint32_t>(keyed_.size()));
    }
    keyed_.push_back(index);
  }
}

const RobotsRule* RobotsRules::MatchingRule(std::string_view url) const {
  if (rules_.empty()) return nullptr;
  std::string_view path = PathOf(url);
  std::string storage;
  if (!path.empty() && path.front() == '?') {
    storage = "/";
    storage.append(path);
    path = storage;
  }
  if (!IsNormalized(path)) {
    storage = NormalizeRobotsPath(path);
    path = storage;
  }
  if (path == "/robots.txt") return nullptr;
  // Positions are priority order, so the answer is the smallest matching
  // position: the first hit among the rules keyed by path[1], then any
  // better-placed hit among the unkeyed rules.
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t best = kNone;
  if (path.size() >= 2) {
    auto it = std::lower_bound(key_start_.begin(), key_start_.end(), path[1],
                               [](const std::pair<char, uint32_t>& e, char key) {
                                 return static_cast<unsigned char>(e.first) <
                                        static_cast<unsigned char>(key);
                               });
    if (it != key_start_.end() && it->first == path[1]) {
      uint32_t end = (it + 1 == key_start_.end()) ? static_cast<uint32_t>(keyed_.size())
                                                  : (it + 1)->second;
      for (uint32_t slot = it->second; slot < end; ++slot) {
        if (PatternMatches(rules_[keyed_[slot]].pattern, path)) {
          best = keyed_[slot];
          break;
        }
      }
    }
  }
  for (uint32_t index : unkeyed_) {
    if (index > best) break;
    if (PatternMatches(rules_[index].pattern, path)) {
      best = index;
      break;
    }
  }
  return best == kNone ? nullptr : &rules_[best];
}

bool RobotsRules::IsAllowed(std::string_view url) const {
  const RobotsRule* rule = MatchingRule(url);
  return rule == nullptr || rule->allow;
}

RobotsTxt RobotsTxt::Parse(std::string_view body) {
  RobotsTxt robots;
  if (body.size() > kRobotsMaxBytes) {
    robots.truncated_ = true;
    body = body.substr(0, kRobotsMaxBytes);
    std::size_t last_break = body.find_last_of("\r\n");
    body = body.substr(0, last_break == std::string_view::npos ? 0 : last_break + 1);
  }
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);

  // Indices into groups_ of the group being filled; -1: none yet.
  int current = -1;
  bool in_agent_lines = false;  // the previous field line was a User-agent
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    if (end + 1 < body.size() && body[end] == '\r' && body[end + 1] == '\n') ++pos;

    Field field;
    std::string_view value;
    if (!SplitLine(line, &field, &value)) continue;
    switch (field) {
      case Field::kUserAgent: {
        if (!in_agent_lines) {
          robots.groups_.emplace_back();
          current = static_cast<int>(robots.groups_.size()) - 1;
        }
        in_agent_lines = true;
        std::string token = GroupToken(value);
        if (!token.empty()) robots.groups_[current].agents.push_back(std::move(token));
        break;
      }
      case Field::kAllow:
      case Field::kDisallow: {
        in_agent_lines = false;
        if (current < 0 || value.empty()) break;
        std::string pattern = NormalizeRobotsPath(value);
        if (pattern.front() != '/' && pattern.front() != '*') pattern.insert(0, 1, '/');
        robots.groups_[current].rules.push_back(
            RobotsRule{std::move(pattern), field == Field::kAllow});
        break;
      }
      case Field::kCrawlDelay: {
        in_agent_lines = false;
        if (current < 0) break;
        Group& group = robots.groups_[current];
        if (!group.crawl_delay) group.crawl_delay = ParseDelay(value);
        break;
      }
      case Field::kSitemap:
        if (!value.empty()) robots.sitemaps_.emplace_back(value);
        break;
      case Field::kUnknown:
        break;
    }
  }
  return robots;
}

RobotsRules RobotsTxt::ForAgent(std::string_view user_agent) const {
  std::string token = RobotsProductToken(user_agent);
  auto names = [](const Group& group, std::string_view name) {
    return std::find(group.agents.begin(), group.agents.end(), name) != group.agents.end();
  };
  bool specific = false;
  if (!token.empty()) {
    for (const Group& group : groups_) {
      if (names(group, token)) {
        specific = true;
        break;
      }
    }
  }
  RobotsRules rules;
  for (const Group& group : groups_) {
    if (!(specific ? names(group, token) : names(group, "*"))) continue;
    rules.rules_.insert(rules.rules_.end(), group.rules.begin(), group.rules.end());
    if (!rules.crawl_delay_ && group.crawl_delay) rules.crawl_delay_ = group.crawl_delay;
  }
  std::stable_sort(rules.rules_.begin(), rules.rules_.end(), RuleBefore);
  // Drop rules that can never decide: an exact duplicate of an earlier one.
  rules.rules_.erase(std::unique(rules.rules_.begin(), rules.rules_.end(),
                                 [](const RobotsRule& a, const RobotsRule& b) {
                                   return a.pattern == b.pattern && a.allow == b.allow;
                                 }),
                     rules.rules_.end());
  rules.disallow_all_ =
      std::none_of(rules.rules_.begin(), rules.rules_.end(),
                   [](const RobotsRule& r) { return r.allow; }) &&
      std::any_of(rules.rules_.begin(), rules.rules_.end(), [](const RobotsRule& r) {
        return r.pattern == "/" || r.pattern == "*" || r.pattern == "/*";
      });
  rules.BuildIndex();
  return rules;
}

bool RobotsTxt::IsAllowed(std::string_view user_agent, std::string_view url) const {
  return ForAgent(user_agent).IsAllowed(url);
}

std::chrono::seconds RobotsRetryDelay(int consecutive_failures) {
  constexpr std::chrono::seconds kFirst{60};
  constexpr std::chrono::seconds kMax{6 * 3600};
  if (consecutive_failures <= 0) return kFirst;
  if (consecutive_failures >= 9) return kMax;  // 60 s << 9 > 6 h
  return std::min(kMax, kFirst * (1 << consecutive_failures));
}

RobotsFetchPolicy RobotsFetchPolicyFor(int http_status, int redirects_followed,
                                       int consecutive_failures,
                                       std::chrono::seconds unreachable_for) {
  RobotsFetchPolicy policy;
  if (http_status >= 200 && http_status <= 299) {
    policy.action = RobotsFetchAction::kParseBody;
    policy.cache_for = kRobotsCacheTtl;
  } else if (http_status >= 300 && http_status <= 399) {
    if (redirects_followed < kRobotsMaxRedirects) {
      policy.action = RobotsFetchAction::kFollowRedirect;
    } else {
      policy.action = RobotsFetchAction::kAllowAll;
      policy.cache_for = kRobotsCacheTtl;
    }
  } else if (http_status >= 400 && http_status <= 499 && http_status != 429) {
    policy.action = RobotsFetchAction::kAllowAll;
    policy.cache_for = kRobotsCacheTtl;
  } else {
    policy.unreachable = true;
    if (unreachable_for >= kRobotsUnreachableGiveUp) {
      policy.action = RobotsFetchAction::kAllowAll;
      policy.cache_for = RobotsRetryDelay(consecutive_failures);
    } else {
      policy.action = RobotsFetchAction::kDisallowAll;
      policy.cache_for = RobotsRetryDelay(consecutive_failures);
    }
  }
  return policy;
}

RobotsRules RobotsRulesForFetch(int http_status, std::string_view body,
                                std::string_view user_agent) {
  RobotsFetchPolicy policy = RobotsFetchPolicyFor(http_status, kRobotsMaxRedirects);
  switch (policy.action) {
    case RobotsFetchAction::kParseBody:
      return RobotsTxt::Parse(body).ForAgent(user_agent);
    case RobotsFetchAction::kAllowAll:
    case RobotsFetchAction::kFollowRedirect:
      return RobotsRules::AllowAll();
    case RobotsFetchAction::kDisallowAll:
      return RobotsRules::DisallowAll();
  }
  return RobotsRules::DisallowAll();
}

}  // namespace newsfacts
