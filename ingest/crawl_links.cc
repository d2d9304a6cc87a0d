// ScanLinks: a fast tag scanner for the links a crawler follows. Contract in
// crawl_discovery.h.
#include <cstring>

#include "ascii.h"
#include "crawl_discovery.h"

namespace newsfacts {
namespace {


inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }


// Case-insensitive search for `needle` (lower-case) from `from`.
std::size_t FindNoCase(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from;
  while (from + needle.size() <= hay.size()) {
    const void* p = std::memchr(hay.data() + from, '<', hay.size() - from);
    if (p == nullptr) return std::string_view::npos;
    std::size_t i = static_cast<const char*>(p) - hay.data();
    if (i + needle.size() > hay.size()) return std::string_view::npos;
    bool match = true;
    for (std::size_t k = 0; k < needle.size(); ++k) {
      if (AsciiLower(hay[i + k]) != needle[k]) {
        match = false;
        break;
      }
    }
    if (match) return i;
    from = i + 1;
  }
  return std::string_view::npos;
}

// True if the whitespace-separated list `value` contains `token` (any case).
bool HasToken(std::string_view value, std::string_view token) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (IsSpace(value[i]) || value[i] == ',')) ++i;
    std::size_t start = i;
    while (i < value.size() && !IsSpace(value[i]) && value[i] != ',') ++i;
    if (i > start && EqualsIgnoreCase(value.substr(start, i - start), token)) return true;
  }
  return false;
}

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the character references that matter in attribute values.
std::string DecodeAttr(std::string_view v) {
  if (v.find('&') == std::string_view::npos) return std::string(v);
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size();) {
    if (v[i] != '&') {
      out.push_back(v[i++]);
      continue;
    }
    std::size_t semi = v.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back(v[i++]);
      continue;
    }
    std::string_view name = v.substr(i + 1, semi - i - 1);
    if (!name.empty() && name[0] == '#') {
      unsigned cp = 0;
      bool hex = name.size() > 1 && AsciiLower(name[1]) == 'x';
      bool ok = name.size() > (hex ? 2u : 1u);
      for (std::size_t k = hex ? 2 : 1; k < name.size() && ok; ++k) {
        char c = AsciiLower(name[k]);
        unsigned d;
        if (c >= '0' && c <= '9') {
          d = static_cast<unsigned>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          d = static_cast<unsigned>(c - 'a' + 10);
        } else {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) ok = false;
      }
      if (ok) {
        AppendUtf8(cp, &out);
        i = semi + 1;
        continue;
      }
    } else if (name == "amp") {
      out.push_back('&');
      i = semi + 1;
      continue;
    } else if (name == "lt" || name == "gt" || name == "quot" || name == "apos") {
      out.push_back(name == "lt" ? '<' : name == "gt" ? '>' : name == "quot" ? '"' : '\'');
      i = semi + 1;
      continue;
    }
    out.push_back(v[i++]);
  }
  return out;
}

struct Attr {
  std::string_view name;
  std::string_view value;
};

// Parses the attributes of a start tag from `pos` (just after the tag name)
// up to '>'; returns the position after '>'.
std::size_t ParseAttrs(std::string_view s, std::size_t pos, Attr* attrs, int max_attrs,
                       int* count) {
  *count = 0;
  const std::size_t n = s.size();
  while (pos < n) {
    while (pos < n && (IsSpace(s[pos]) || s[pos] == '/')) ++pos;
    if (pos >= n) return n;
    if (s[pos] == '>') return pos + 1;
    std::size_t name_start = pos;
    while (pos < n && !IsSpace(s[pos]) && s[pos] != '=' && s[pos] != '>' && s[pos] != '/') ++pos;
    std::string_view name = s.substr(name_start, pos - name_start);
    while (pos < n && IsSpace(s[pos])) ++pos;
    std::string_view value;
    if (pos < n && s[pos] == '=') {
      ++pos;
      while (pos < n && IsSpace(s[pos])) ++pos;
      if (pos < n && (s[pos] == '"' || s[pos] == '\'')) {
        char q = s[pos++];
        const void* e = std::memchr(s.data() + pos, q, n - pos);
        std::size_t end = e == nullptr ? n : static_cast<const char*>(e) - s.data();
        value = s.substr(pos, end - pos);
        pos = end < n ? end + 1 : n;
      } else {
        std::size_t vs = pos;
        while (pos < n && !IsSpace(s[pos]) && s[pos] != '>') ++pos;
        value = s.substr(vs, pos - vs);
      }
    }
    if (!name.empty() && *count < max_attrs) attrs[(*count)++] = {name, value};
    if (name.empty() && pos < n && s[pos] != '>') ++pos;  // stray character
  }
  return n;
}

std::string_view AttrValue(const Attr* attrs, int count, std::string_view name) {
  for (int i = 0; i < count; ++i) {
    if (EqualsIgnoreCase(attrs[i].name, name)) return attrs[i].value;
  }
  return {};
}

std::string TrimUrl(std::string v) {
  std::size_t b = 0, e = v.size();
  while (b < e && static_cast<unsigned char>(v[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(v[e - 1]) <= ' ') --e;
  return v.substr(b, e - b);
}

}  // namespace

PageLinks ScanLinks(std::string_view s, std::size_t max_links) {
  PageLinks out;
  const std::size_t n = s.size();
  std::size_t pos = 0;
  Attr attrs[32];
  while (pos < n) {
    const void* p = std::memchr(s.data() + pos, '<', n - pos);
    if (p == nullptr) break;
    pos = static_cast<const char*>(p) - s.data() + 1;
    if (pos >= n) break;
    if (s[pos] == '!') {  // comment, doctype, CDATA
      if (s.compare(pos, 3, "!--") == 0) {
        std::size_t end = s.find("-->", pos + 3);
        pos = end == std::string_view::npos ? n : end + 3;
      } else {
        const void* e = std::memchr(s.data() + pos, '>', n - pos);
        pos = e == nullptr ? n : static_cast<const char*>(e) - s.data() + 1;
      }
      continue;
    }
    if (s[pos] == '/' || s[pos] == '?') continue;
    std::size_t name_start = pos;
    while (pos < n && !IsSpace(s[pos]) && s[pos] != '>' && s[pos] != '/') ++pos;
    std::string_view tag = s.substr(name_start, pos - name_start);
    if (tag.empty()) continue;
    const char t0 = AsciiLower(tag[0]);
    const bool interesting = (tag.size() == 1 && t0 == 'a') || EqualsIgnoreCase(tag, "area") ||
                             EqualsIgnoreCase(tag, "link") || EqualsIgnoreCase(tag, "base") ||
                             EqualsIgnoreCase(tag, "meta");
    const bool raw_text = EqualsIgnoreCase(tag, "script") || EqualsIgnoreCase(tag, "style") ||
                          EqualsIgnoreCase(tag, "template") || EqualsIgnoreCase(tag, "textarea");
    if (!interesting && !raw_text) {
      // Skip to the end of the tag, honouring quotes.
      while (pos < n && s[pos] != '>') {
        if (s[pos] == '"' || s[pos] == '\'') {
          const void* e = std::memchr(s.data() + pos + 1, s[pos], n - pos - 1);
          pos = e == nullptr ? n : static_cast<const char*>(e) - s.data() + 1;
        } else {
          ++pos;
        }
      }
      ++pos;
      continue;
    }
    int count = 0;
    pos = ParseAttrs(s, pos, attrs, 32, &count);
    if (raw_text) {
      std::string closing = "</";
      for (char c : tag) closing.push_back(AsciiLower(c));
      std::size_t end = FindNoCase(s, closing, pos);
      pos = end == std::string_view::npos ? n : end + closing.size();
      continue;
    }
    if (t0 == 'a') {  // a, area
      std::string_view href = AttrValue(attrs, count, "href");
      if (href.empty() || out.links.size() >= max_links) continue;
      if (HasToken(AttrValue(attrs, count, "rel"), "nofollow")) continue;
      std::string url = TrimUrl(DecodeAttr(href));
      if (!url.empty() && url[0] != '#') out.links.push_back(std::move(url));
    } else if (t0 == 'l') {  // link
      std::string_view rel = AttrValue(attrs, count, "rel");
      std::string_view href = AttrValue(attrs, count, "href");
      if (href.empty()) continue;
      if (HasToken(rel, "canonical") && out.canonical.empty()) {
        out.canonical = TrimUrl(DecodeAttr(href));
      } else if (HasToken(rel, "alternate")) {
        std::string_view type = AttrValue(attrs, count, "type");
        if (EqualsIgnoreCase(type, "application/rss+xml") ||
            EqualsIgnoreCase(type, "application/atom+xml")) {
          out.feeds.push_back(TrimUrl(DecodeAttr(href)));
        }
      }
    } else if (AsciiLower(tag[0]) == 'b') {  // base
      std::string_view href = AttrValue(attrs, count, "href");
      if (!href.empty() && out.base.empty()) out.base = TrimUrl(DecodeAttr(href));
    } else {  // meta
      if (EqualsIgnoreCase(AttrValue(attrs, count, "name"), "robots") &&
          HasToken(AttrValue(attrs, count, "content"), "nofollow")) {
        out.nofollow = true;
      }
    }
  }
  if (out.nofollow) out.links.clear();
  return out;
}

}  // namespace newsfacts
