// The sources file (TOML). Contract in newsfacts/crawler.h; example and
// reference in corpus/sources.toml.
#include <toml++/toml.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "newsfacts/crawler.h"

namespace newsfacts {
namespace {

std::string Where(std::string_view origin, const toml::source_region& src, std::string_view key) {
  std::string out(origin);
  if (src.begin.line > 0) out += ":" + std::to_string(src.begin.line);
  out += ": ";
  out += key;
  return out;
}

Status Bad(std::string_view origin, const toml::node& node, std::string_view key,
           std::string_view what) {
  return Status::InvalidArgument(Where(origin, node.source(), key) + ": " + std::string(what));
}

// A duration given as a string ("15m") or a number of seconds.
Result<double> DurationOf(std::string_view origin, const toml::node& node, std::string_view key) {
  if (auto v = node.value<double>()) return *v;
  if (auto v = node.value<std::int64_t>()) return static_cast<double>(*v);
  if (auto s = node.value<std::string>()) {
    // Fractions of a second ("0.5s") for delays.
    std::string text = *s;
    if (!text.empty() && text.back() == 's' && text.find('.') != std::string::npos) {
      char* end = nullptr;
      double d = std::strtod(text.c_str(), &end);
      if (end == text.c_str() + text.size() - 1 && d >= 0) return d;
    }
    Result<std::int64_t> d = ParseDuration(text);
    if (!d.ok()) return Bad(origin, node, key, d.status().message());
    return static_cast<double>(*d);
  }
  return Bad(origin, node, key, "expected a duration such as \"15m\" or a number of seconds");
}

Result<std::vector<std::string>> Strings(std::string_view origin, const toml::node& node,
                                         std::string_view key) {
  std::vector<std::string> out;
  if (auto s = node.value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const toml::array* arr = node.as_array();
  if (arr == nullptr) return Bad(origin, node, key, "expected a string or an array of strings");
  for (const toml::node& e : *arr) {
    auto s = e.value<std::string>();
    if (!s) return Bad(origin, e, key, "expected a string");
    out.push_back(*s);
  }
  return out;
}

Result<std::int64_t> Integer(std::string_view origin, const toml::node& node, std::string_view key,
                             std::int64_t min_value) {
  auto v = node.value<std::int64_t>();
  if (!v) return Bad(origin, node, key, "expected an integer");
  if (*v < min_value) {
    return Bad(origin, node, key, "must be at least " + std::to_string(min_value));
  }
  return *v;
}

#define NF_ASSIGN_OR_RETURN(lhs, expr) \
  auto lhs##_r = (expr);               \
  if (!lhs##_r.ok()) return lhs##_r.status(); \
  auto lhs = std::move(*lhs##_r)

Status ApplyCrawlerTable(std::string_view origin, const toml::table& t, CrawlOptions* o) {
  for (const auto& [k, node] : t) {
    const std::string_view key = k.str();
    if (key == "user_agent") {
      auto s = node.value<std::string>();
      if (!s || s->empty()) return Bad(origin, node, key, "expected a non-empty string");
      o->user_agent = *s;
    } else if (key == "delay") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      o->delay = d;
    } else if (key == "max_crawl_delay") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      o->max_crawl_delay = d;
    } else if (key == "concurrency") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1));
      o->connections_per_host = static_cast<int>(n);
    } else if (key == "max_in_flight") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1));
      o->max_in_flight = static_cast<int>(n);
    } else if (key == "max_depth") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, -1));
      o->max_depth = static_cast<int>(n);
    } else if (key == "max_pages_per_host") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1));
      o->max_pages_per_host = n;
    } else if (key == "max_body_bytes") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1024));
      o->max_body_bytes = static_cast<std::uint64_t>(n);
    } else if (key == "connect_timeout") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      o->connect_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(d * 1000));
    } else if (key == "timeout") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      o->total_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(d * 1000));
    } else if (key == "max_retries") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 0));
      o->max_retries = static_cast<int>(n);
    } else if (key == "max_redirects") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 0));
      o->max_redirects = static_cast<int>(n);
    } else if (key == "warc_dir") {
      auto s = node.value<std::string>();
      if (!s) return Bad(origin, node, key, "expected a string");
      o->warc_dir = *s;
    } else if (key == "resolve") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      o->resolve.insert(o->resolve.end(), v.begin(), v.end());
    } else if (key == "allow_internal") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      o->allow_internal.insert(o->allow_internal.end(), v.begin(), v.end());
    } else {
      return Bad(origin, node, key, "unknown [crawler] setting");
    }
  }
  return Status::Ok();
}

Result<SourceConfig> ParseSource(std::string_view origin, const toml::table& t, std::size_t index) {
  SourceConfig s;
  for (const auto& [k, node] : t) {
    const std::string_view key = k.str();
    if (key == "name") {
      auto v = node.value<std::string>();
      if (!v || v->empty()) return Bad(origin, node, key, "expected a non-empty string");
      s.name = *v;
    } else if (key == "start" || key == "start_urls") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      s.start_urls = std::move(v);
    } else if (key == "allow") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      s.allow = std::move(v);
    } else if (key == "deny") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      s.deny = std::move(v);
    } else if (key == "lang") {
      auto v = node.value<std::string>();
      if (!v) return Bad(origin, node, key, "expected a language code such as \"en\"");
      s.lang = *v;
    } else if (key == "interval") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      s.interval_s = static_cast<std::int64_t>(d);
    } else if (key == "delay") {
      NF_ASSIGN_OR_RETURN(d, DurationOf(origin, node, key));
      s.delay = d;
    } else if (key == "concurrency") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1));
      s.concurrency = static_cast<int>(n);
    } else if (key == "max_depth") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, -1));
      s.max_depth = static_cast<int>(n);
    } else if (key == "max_pages_per_host") {
      NF_ASSIGN_OR_RETURN(n, Integer(origin, node, key, 1));
      s.max_pages_per_host = n;
    } else if (key == "allow_internal") {
      NF_ASSIGN_OR_RETURN(v, Strings(origin, node, key));
      s.allow_internal = std::move(v);
    } else {
      return Bad(origin, node, key, "unknown [[source]] setting");
    }
  }
  if (s.name.empty()) s.name = "source" + std::to_string(index + 1);
  if (s.start_urls.empty()) {
    return Status::InvalidArgument(Where(origin, t.source(), "[[source]] " + s.name) +
                                   ": no start URLs (start = [\"https://...\"])");
  }
  return s;
}

}  // namespace

Result<std::int64_t> ParseDuration(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i == text.size()) return Status::InvalidArgument("empty duration");
  std::int64_t total = 0;
  bool any = false;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return Status::InvalidArgument("bad duration \"" + std::string(text) +
                                     "\" (use e.g. 90s, 15m, 6h, 2d)");
    }
    std::int64_t n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 1000000000) return Status::InvalidArgument("duration too long: " + std::string(text));
      ++i;
    }
    std::int64_t unit = 1;
    if (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) {
      switch (std::tolower(static_cast<unsigned char>(text[i]))) {
        case 's': unit = 1; break;
        case 'm': unit = 60; break;
        case 'h': unit = 3600; break;
        case 'd': unit = 86400; break;
        case 'w': unit = 7 * 86400; break;
        default:
          return Status::InvalidArgument("bad duration unit in \"" + std::string(text) +
                                         "\" (s, m, h, d, w)");
      }
      ++i;
    } else if (any) {
      return Status::InvalidArgument("bad duration \"" + std::string(text) + "\"");
    }
    total += n * unit;
    any = true;
  }
  return total;
}

Result<CrawlConfig> ParseCrawlConfig(std::string_view text, std::string_view origin,
                                     CrawlOptions* options) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << origin << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
        << e.description();
    return Status::InvalidArgument(msg.str());
  }
  CrawlConfig config;
  for (const auto& [k, node] : root) {
    const std::string_view key = k.str();
    if (key == "crawler") {
      const toml::table* t = node.as_table();
      if (t == nullptr) return Bad(origin, node, key, "expected a table [crawler]");
      if (options != nullptr) NF_RETURN_IF_ERROR(ApplyCrawlerTable(origin, *t, options));
    } else if (key == "source") {
      const toml::array* arr = node.as_array();
      if (arr == nullptr) return Bad(origin, node, key, "expected [[source]] tables");
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::table* t = (*arr)[i].as_table();
        if (t == nullptr) return Bad(origin, (*arr)[i], key, "expected a [[source]] table");
        NF_ASSIGN_OR_RETURN(s, ParseSource(origin, *t, i));
        for (const SourceConfig& other : config.sources) {
          if (other.name == s.name) {
            return Bad(origin, *t, "name", "two sources are named \"" + s.name + "\"");
          }
        }
        config.sources.push_back(std::move(s));
      }
    } else {
      return Bad(origin, node, key, "unknown top-level key (expected [crawler] or [[source]])");
    }
  }
  return config;
}

Result<CrawlConfig> LoadCrawlConfig(const std::string& path, CrawlOptions* options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseCrawlConfig(buf.str(), path, options);
}

}  // namespace newsfacts
