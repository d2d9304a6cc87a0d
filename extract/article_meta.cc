// Page metadata: title, site, canonical URL, language, publication date and
// authors, from JSON-LD, <meta> tags, microdata and visible markup.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "article_internal.h"
#include "dates.h"
#include "newsfacts/charset.h"
#include "newsfacts/langid.h"

namespace newsfacts::internal {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxJsonLdBytes = 2u << 20;
constexpr int kMaxJsonDepth = 64;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t' ||
                        s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t' ||
                        s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool ContainsWord(std::string_view hay_lower, std::string_view needle) {
  return hay_lower.find(needle) != std::string_view::npos;
}

// Collapses white space of a metadata value.
std::string CleanValue(std::string_view s) {
  std::string out;
  bool space = false;
  AppendCollapsed(s, &out, &space);
  return out;
}

// Text of a JSON value that should be a string ("" otherwise).
std::string JsonString(const Json& v) {
  if (v.is_string()) return CleanValue(v.get_ref<const std::string&>());
  if (v.is_array() && !v.empty() && v.front().is_string())
    return CleanValue(v.front().get_ref<const std::string&>());
  return {};
}

// Rejects JSON nested deeper than kMaxJsonDepth before the parser sees it.
bool ShallowEnough(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

// JSON-LD as found on the web: raw control characters inside strings (which
// strict JSON forbids) become spaces; HTML comment wrappers are dropped.
std::string RepairJson(std::string_view s) {
  s = Trim(s);
  if (s.substr(0, 4) == "<!--") s.remove_prefix(4);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "-->") s.remove_suffix(3);
  std::string out(s);
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out[i] = ' ';
      }
    } else if (c == '"') {
      in_string = true;
    }
  }
  if (!out.empty() && out.back() == ';') out.pop_back();
  return out;
}

bool IsArticleType(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
      "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "socialmediaposting",
      "techarticle", "scholarlyarticle", "report", "liveblogposting", "posting", "review"};
  std::string lower = Lower(type);
  for (std::string_view t : kTypes)
    if (lower == t) return true;
  return false;
}

bool HasArticleType(const Json& obj) {
  auto it = obj.find("@type");
  if (it == obj.end()) return false;
  if (it->is_string()) return IsArticleType(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const Json& t : *it)
      if (t.is_string() && IsArticleType(t.get_ref<const std::string&>())) return true;
  }
  return false;
}

void AddAuthorNames(const Json& v, std::vector<std::string>* out) {
  if (v.is_string()) {
    out->push_back(CleanValue(v.get_ref<const std::string&>()));
  } else if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end()) AddAuthorNames(*it, out);
  } else if (v.is_array()) {
    for (const Json& a : v) {
      if (a.is_string() || a.is_object()) AddAuthorNames(a, out);
    }
  }
}

struct JsonLdFacts {
  std::string headline, published, site, body, url, lang;
  std::vector<std::string> authors;
  bool article = false;
};

// Visits every object in a JSON-LD document (arrays and @graph included)
// without recursion and takes the fields of the best Article-typed object.
void ReadJsonLd(const Json& root, JsonLdFacts* facts) {
  std::vector<const Json*> stack{&root};
  const Json* best = nullptr;
  const Json* any_with_date = nullptr;
  std::size_t best_body = 0;
  int visited = 0;
  while (!stack.empty() && ++visited < 5000) {
    const Json* v = stack.back();
    stack.pop_back();
    if (v->is_array()) {
      for (const Json& e : *v)
        if (e.is_object() || e.is_array()) stack.push_back(&e);
      continue;
    }
    if (!v->is_object()) continue;
    if (HasArticleType(*v)) {
      auto body = v->find("articleBody");
      std::size_t len = body != v->end() && body->is_string() ? body->get_ref<const std::string&>().size() : 0;
      if (!best || len > best_body) {
        best = v;
        best_body = len;
      }
    } else if (!any_with_date && v->contains("datePublished")) {
      any_with_date = v;
    }
    for (const char* key : {"@graph", "mainEntity", "mainEntityOfPage", "itemListElement"}) {
      auto it = v->find(key);
      if (it != v->end() && (it->is_object() || it->is_array())) stack.push_back(&*it);
    }
  }
  const Json* src = best ? best : any_with_date;
  if (!src) return;
  facts->article = facts->article || best != nullptr;
  auto get = [&](const char* key) -> std::string {
    auto it = src->find(key);
    return it == src->end() ? std::string() : JsonString(*it);
  };
  if (facts->headline.empty()) facts->headline = get("headline");
  if (facts->headline.empty() && best) facts->headline = get("name");
  if (facts->published.empty()) facts->published = get("datePublished");
  if (facts->published.empty()) facts->published = get("dateCreated");
  if (facts->body.empty()) {
    auto it = src->find("articleBody");
    if (it != src->end() && it->is_string()) facts->body = it->get<std::string>();
  }
  if (facts->lang.empty()) facts->lang = get("inLanguage");
  if (facts->url.empty()) facts->url = get("url");
  if (facts->authors.empty()) {
    auto it = src->find("author");
    if (it != src->end()) AddAuthorNames(*it, &facts->authors);
    if (facts->authors.empty()) {
      it = src->find("creator");
      if (it != src->end()) AddAuthorNames(*it, &facts->authors);
    }
  }
  if (facts->site.empty()) {
    auto it = src->find("publisher");
    if (it != src->end() && it->is_object()) {
      auto name = it->find("name");
      if (name != it->end()) facts->site = JsonString(*name);
    }
  }
}

// "By Jane Doe and John Roe" -> {"Jane Doe", "John Roe"}.
void AddAuthorsFromByline(std::string_view byline, std::vector<std::string>* out) {
  std::string s = CleanValue(byline);
  std::string lower = Lower(s);
  for (std::string_view prefix : {"written by ", "posted by ", "by ", "von ", "par ", "por ",
                                  "di ", "door ", "av ", "autor: ", "author: ", "auteur : "}) {
    if (lower.compare(0, prefix.size(), prefix) == 0) {
      s.erase(0, prefix.size());
      break;
    }
  }
  std::size_t start = 0;
  auto push = [&](std::size_t b, std::size_t e) {
    std::string part(Trim(std::string_view(s).substr(b, e - b)));
    if (!part.empty()) out->push_back(part);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',' || s[i] == '&' || s[i] == '|') {
      push(start, i);
      start = i + 1;
    } else if (s.compare(i, 5, " and ") == 0 || s.compare(i, 5, " und ") == 0 ||
               s.compare(i, 4, " et ") == 0 || s.compare(i, 3, " y ") == 0) {
      push(start, i);
      start = i + (s[i + 2] == ' ' ? 3 : s[i + 3] == ' ' ? 4 : 5);
    }
  }
  push(start, s.size());
}

// Drops URLs, duplicates, over-long and empty names; keeps order.
std::vector<std::string> CleanAuthors(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const std::string& a0 : raw) {
    std::string a(Trim(a0));
    if (a.empty() || a.size() > 80 || a.find("://") != std::string::npos ||
        a.find('@') != std::string::npos || a.find('{') != std::string::npos)
      continue;
    bool has_letter = false;
    for (char c : a) has_letter = has_letter || (c & 0x80) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (!has_letter) continue;
    std::string key = Lower(a);
    bool dup = false;
    for (const std::string& o : out) dup = dup || Lower(o) == key;
    if (!dup) out.push_back(a);
    if (out.size() >= 10) break;
  }
  return out;
}

std::string HostOf(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  std::size_t end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  std::size_t at = host.rfind('@');
  if (at != std::string_view::npos) host.remove_prefix(at + 1);
  std::size_t colon = host.rfind(':');
  if (colon != std::string_view::npos && host.find(']') == std::string_view::npos)
    host = host.substr(0, colon);
  std::string h = Lower(host);
  if (h.compare(0, 4, "www.") == 0) h.erase(0, 4);
  return h;
}

// A date written into the URL path: /2019/11/19/ or /2019-11-19-.
std::string DateFromUrl(std::string_view url) {
  for (std::size_t i = 0; i + 10 <= url.size(); ++i) {
    if (url[i] != '/') continue;
    std::string_view s = url.substr(i + 1);
    auto digits = [&](std::size_t pos, std::size_t n) {
      if (pos + n > s.size()) return false;
      for (std::size_t k = 0; k < n; ++k)
        if (s[pos + k] < '0' || s[pos + k] > '9') return false;
      return true;
    };
    if (digits(0, 4) && s.size() >= 10 && (s[4] == '/' || s[4] == '-') && digits(5, 2) &&
        s[7] == s[4] && digits(8, 2) && (s.size() == 10 || !(s[10] >= '0' && s[10] <= '9'))) {
      if (auto dt = ParseDateValue(std::string(s.substr(0, 10)))) {
        DateTime d = *dt;
        d.hour = d.minute = d.second = -1;
        d.has_offset = false;
        return d.ToIso();
      }
    }
  }
  return {};
}

std::string NormalizedDate(std::string_view value) {
  if (auto dt = ParseDateValue(value)) return dt->ToIso();
  return {};
}

}  // namespace

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  ref = Trim(ref);
  if (ref.empty()) return {};
  // Absolute reference: has a scheme.
  std::size_t colon = ref.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    bool scheme = true;
    for (std::size_t i = 0; i < colon; ++i) {
      char c = ref[i];
      scheme = scheme && (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                          (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')));
    }
    if (scheme) return std::string(ref);
  }
  std::size_t base_scheme = base.find("://");
  if (base_scheme == std::string_view::npos) return std::string(ref);
  std::size_t authority_end = base.find_first_of("/?#", base_scheme + 3);
  if (authority_end == std::string_view::npos) authority_end = base.size();
  std::string_view origin = base.substr(0, authority_end);
  if (ref.substr(0, 2) == "//") return std::string(base.substr(0, base_scheme + 1)) + std::string(ref);
  std::string path;
  if (ref.front() == '/') {
    path = std::string(ref);
  } else if (ref.front() == '#') {
    std::size_t cut = base.find('#', authority_end);
    std::string out(base.substr(0, cut));
    if (cut == std::string_view::npos && authority_end == base.size()) out += "/";
    return out + std::string(ref);
  } else if (ref.front() == '?') {
    std::size_t cut = base.find_first_of("?#", authority_end);
    std::string_view b = base.substr(authority_end, cut == std::string_view::npos
                                                        ? std::string_view::npos
                                                        : cut - authority_end);
    path = std::string(b.empty() ? "/" : b) + std::string(ref);
  } else {
    std::size_t query = base.find_first_of("?#", authority_end);
    std::string_view base_path = base.substr(authority_end, query == std::string_view::npos
                                                                ? std::string_view::npos
                                                                : query - authority_end);
    std::size_t slash = base_path.rfind('/');
    path = (slash == std::string_view::npos ? std::string("/")
                                            : std::string(base_path.substr(0, slash + 1))) +
           std::string(ref);
  }
  // Remove dot segments in the path part.
  std::size_t qpos = path.find_first_of("?#");
  std::string tail = qpos == std::string::npos ? "" : path.substr(qpos);
  std::string p = qpos == std::string::npos ? path : path.substr(0, qpos);
  std::vector<std::string> segs;
  std::size_t start = 1;
  while (start <= p.size()) {
    std::size_t slash = p.find('/', start);
    std::string seg = p.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    bool last = slash == std::string::npos;
    if (seg == "..") {
      if (!segs.empty()) segs.pop_back();
      if (last) segs.emplace_back();
    } else if (seg == ".") {
      if (last) segs.emplace_back();
    } else {
      segs.push_back(seg);
    }
    if (last) break;
    start = slash + 1;
  }
  std::string out(origin);
  for (const std::string& s : segs) out += "/" + s;
  if (segs.empty()) out += "/";
  return out + tail;
}

std::string CleanTitle(std::string_view title, std::string_view site) {
  std::string t = CleanValue(title);
  std::string site_lower = Lower(site);
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " – ", " — ", " :: ", " · ",
                                                     " » ", " // ", " ~ ", "｜", " | "};
  auto words = [](std::string_view s) {
    int n = 0;
    bool in = false;
    for (char c : s) {
      bool sp = c == ' ';
      if (!sp && !in) ++n;
      in = !sp;
    }
    return n;
  };
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    for (std::string_view sep : kSeparators) {
      std::size_t last = t.rfind(sep);
      if (last != std::string::npos && last > 0) {
        std::string_view head = std::string_view(t).substr(0, last);
        std::string_view tail = std::string_view(t).substr(last + sep.size());
        std::string tail_lower = Lower(tail);
        bool is_site = !site_lower.empty() &&
                       (tail_lower == site_lower || site_lower.find(tail_lower) != std::string::npos ||
                        tail_lower.find(site_lower) != std::string::npos);
        if (is_site || (words(tail) <= 4 && words(head) >= 3 && tail.size() * 2 < head.size())) {
          t = std::string(Trim(head));
          changed = true;
          break;
        }
      }
      std::size_t first = t.find(sep);
      if (first != std::string::npos && first > 0 && !site_lower.empty()) {
        std::string head_lower = Lower(std::string_view(t).substr(0, first));
        if (head_lower == site_lower) {
          t = std::string(Trim(std::string_view(t).substr(first + sep.size())));
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return t;
}

PageMeta ExtractPageMeta(const HtmlDocument& doc, const std::vector<std::string>& json_ld,
                         std::string_view url) {
  PageMeta meta;
  std::unordered_map<std::string, std::string> metas;  // lower-cased key -> first content
  std::string html_lang, title_tag, canonical, first_time, pub_time, item_date;
  std::vector<std::string> h1s, item_authors, rel_authors, byline_authors;
  std::vector<int> date_nodes;  // elements whose class or id says "date", "time", ...
  bool in_body = false;

  const int n = doc.size();
  for (int i = 0; i < n; ++i) {
    const DomNode& node = doc.node(i);
    if (node.is_text) continue;
    switch (node.tag) {
      case GUMBO_TAG_HTML:
        if (html_lang.empty()) {
          html_lang = std::string(doc.Attr(i, "lang"));
          if (html_lang.empty()) html_lang = std::string(doc.Attr(i, "xml:lang"));
        }
        break;
      case GUMBO_TAG_BODY:
        if (meta.body_start < 0) meta.body_start = i;
        in_body = true;
        break;
      case GUMBO_TAG_TITLE:
        if (title_tag.empty() && !in_body) title_tag = doc.Text(i);
        break;
      case GUMBO_TAG_META: {
        std::string_view content = doc.Attr(i, "content");
        if (content.empty()) break;
        for (const char* attr : {"property", "name", "itemprop", "http-equiv"}) {
          std::string_view key = doc.Attr(i, attr);
          if (!key.empty() && key.size() < 64) metas.emplace(Lower(key), CleanValue(content));
        }
        break;
      }
      case GUMBO_TAG_LINK: {
        std::string rel = Lower(doc.Attr(i, "rel"));
        if (canonical.empty() && rel == "canonical") canonical = std::string(Trim(doc.Attr(i, "href")));
        break;
      }
      case GUMBO_TAG_TIME: {
        std::string_view dt = doc.Attr(i, "datetime");
        if (dt.empty()) break;
        if (first_time.empty()) first_time = std::string(dt);
        std::string cls = Lower(doc.Attr(i, "class"));
        if (pub_time.empty() &&
            (doc.HasAttr(i, "pubdate") || Lower(doc.Attr(i, "itemprop")) == "datepublished" ||
             ContainsWord(cls, "publish") || ContainsWord(cls, "posted")))
          pub_time = std::string(dt);
        break;
      }
      case GUMBO_TAG_H1:
        if (h1s.size() < 3) h1s.push_back(doc.Text(i));
        break;
      default:
        break;
    }
    if (!in_body) continue;
    std::string_view itemprop = doc.Attr(i, "itemprop");
    if (!itemprop.empty()) {
      std::string ip = Lower(itemprop);
      if (ip == "datepublished" && item_date.empty()) {
        std::string_view v = doc.Attr(i, "content");
        if (v.empty()) v = doc.Attr(i, "datetime");
        item_date = v.empty() ? doc.Text(i) : std::string(v);
      } else if (ip == "author" && item_authors.size() < 10) {
        std::string_view v = doc.Attr(i, "content");
        std::string text = v.empty() ? doc.Text(i) : std::string(v);
        if (text.size() <= 120) AddAuthorsFromByline(text, &item_authors);
      }
    }
    if (node.tag == GUMBO_TAG_A && rel_authors.size() < 10 &&
        Lower(doc.Attr(i, "rel")).find("author") != std::string::npos) {
      std::string text = doc.Text(i);
      if (text.size() <= 80) rel_authors.push_back(text);
    }
    if (date_nodes.size() < 20 && (node.tag == GUMBO_TAG_SPAN || node.tag == GUMBO_TAG_DIV ||
                                   node.tag == GUMBO_TAG_P || node.tag == GUMBO_TAG_LI ||
                                   node.tag == GUMBO_TAG_TIME)) {
      std::string cls = Lower(doc.Attr(i, "class"));
      cls += Lower(doc.Attr(i, "id"));
      if (ContainsWord(cls, "date") || ContainsWord(cls, "time") || ContainsWord(cls, "publish") ||
          ContainsWord(cls, "posted") || ContainsWord(cls, "byline") || ContainsWord(cls, "meta"))
        date_nodes.push_back(i);
    }
    if (byline_authors.empty() && (node.tag == GUMBO_TAG_SPAN || node.tag == GUMBO_TAG_DIV ||
                                   node.tag == GUMBO_TAG_P || node.tag == GUMBO_TAG_A)) {
      std::string cls = Lower(doc.Attr(i, "class"));
      if (ContainsWord(cls, "byline") || ContainsWord(cls, "author-name") ||
          cls == "author" || ContainsWord(cls, "authorname")) {
        std::string text = doc.Text(i);
        if (!text.empty() && text.size() <= 120) AddAuthorsFromByline(text, &byline_authors);
      }
    }
  }

  JsonLdFacts ld;
  for (const std::string& raw : json_ld) {
    if (raw.size() > kMaxJsonLdBytes || !ShallowEnough(raw)) continue;
    Json root = Json::parse(raw, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
    if (root.is_discarded()) {
      std::string repaired = RepairJson(raw);
      if (!IsValidUtf8(repaired)) repaired = SanitizeUtf8(repaired);
      root = Json::parse(repaired, nullptr, false, true);
      if (root.is_discarded()) continue;
    }
    ReadJsonLd(root, &ld);
  }

  auto meta_value = [&](std::initializer_list<const char*> keys) -> std::string {
    for (const char* k : keys) {
      auto it = metas.find(k);
      if (it != metas.end() && !it->second.empty()) return it->second;
    }
    return {};
  };

  // Site name.
  meta.site = meta_value({"og:site_name", "application-name", "twitter:site", "publisher"});
  if (meta.site.empty()) meta.site = ld.site;
  if (!meta.site.empty() && meta.site[0] == '@') meta.site.erase(0, 1);
  if (meta.site.empty()) meta.site = HostOf(url);

  // Title: a visible <h1> that the metadata title agrees with is the cleanest
  // source; otherwise the metadata title without its site suffix.
  std::vector<std::string> candidates = {meta_value({"og:title"}), ld.headline,
                                         meta_value({"twitter:title", "headline", "title"}),
                                         title_tag};
  std::string h1;
  for (const std::string& h : h1s) {
    if (h.size() >= 10) {
      h1 = h;
      break;
    }
  }
  std::string chosen;
  if (!h1.empty()) {
    std::string h1_lower = FoldForCompare(h1);
    for (const std::string& c : candidates) {
      if (!c.empty() && FoldForCompare(c).find(h1_lower) != std::string::npos) {
        chosen = h1;
        break;
      }
    }
  }
  if (chosen.empty()) {
    for (const std::string& c : candidates) {
      if (!c.empty()) {
        chosen = CleanTitle(c, meta.site);
        break;
      }
    }
  }
  if (chosen.empty()) chosen = h1;
  meta.title = CleanValue(chosen);

  // Canonical URL.
  std::string canon = canonical.empty() ? meta_value({"og:url"}) : canonical;
  if (canon.empty() && !ld.url.empty()) canon = ld.url;
  if (!canon.empty()) {
    std::string base = url.empty() ? canon : std::string(url);
    meta.canonical_url = ResolveUrl(base, canon);
    if (meta.canonical_url.find("://") == std::string::npos) meta.canonical_url.clear();
  }

  // Declared language.
  meta.declared_lang = NormalizeLangTag(Trim(html_lang));
  if (meta.declared_lang.empty())
    meta.declared_lang = NormalizeLangTag(meta_value({"content-language", "language", "dc.language"}));
  if (meta.declared_lang.empty()) meta.declared_lang = NormalizeLangTag(ld.lang);
  if (meta.declared_lang.empty()) meta.declared_lang = NormalizeLangTag(meta_value({"og:locale"}));

  // Publication date, most explicit source first.
  std::vector<std::string> date_sources = {
      ld.published,
      meta_value({"article:published_time", "og:article:published_time", "article.published",
                  "datepublished", "published_time", "article:published", "publish-date",
                  "publish_date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
                  "dcterms.created", "date", "article_date_original", "original-publish-date",
                  "originalpublicationdate", "cxenseparse:recs:publishtime", "date_published",
                  "release_date", "displaydate", "citation_publication_date", "og:pubdate",
                  "datecreated", "created"}),
      item_date, pub_time, first_time};
  for (const std::string& s : date_sources) {
    if (s.empty()) continue;
    meta.published = NormalizedDate(s);
    if (!meta.published.empty()) break;
  }
  // A date written in a dated element ("<span class=date>Aug 26, 2024</span>").
  for (int i : date_nodes) {
    if (!meta.published.empty()) break;
    std::string text = doc.Text(i);
    if (text.size() > 160) continue;
    if (auto dt = FindDate(text)) meta.published = dt->ToIso();
  }
  if (meta.published.empty()) meta.published = DateFromUrl(url);

  // Authors.
  std::vector<std::string> authors = ld.authors;
  if (authors.empty()) authors = item_authors;
  if (authors.empty()) {
    std::string m = meta_value({"author", "article:author", "dc.creator", "parsely-author",
                                "sailthru.author", "byl"});
    if (!m.empty()) AddAuthorsFromByline(m, &authors);
  }
  if (authors.empty()) authors = rel_authors;
  if (authors.empty()) authors = byline_authors;
  meta.authors = CleanAuthors(authors);

  meta.json_ld_body = std::move(ld.body);
  std::string og_type = Lower(meta_value({"og:type"}));
  meta.article_markup = ld.article || og_type == "article" || og_type.find("article") == 0;
  return meta;
}

std::string FoldForCompare(std::string_view s) {
  std::string out;
  bool space = false;
  AppendCollapsed(s, &out, &space);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

}  // namespace newsfacts::internal
