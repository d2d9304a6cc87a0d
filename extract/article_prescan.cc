// The pass over raw HTML that runs before Gumbo (see html_prescan.h).
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "html_prescan.h"

namespace newsfacts::internal {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool EqualsNoCase(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != lower_b[i]) return false;
  return true;
}

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

bool ContainsNoCase(std::string_view hay, std::string_view lower_needle) {
  if (hay.size() < lower_needle.size()) return false;
  for (std::size_t i = 0; i + lower_needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() && Lower(hay[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

bool IsAsciiBlank(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\f'; }

// ASCII a compacted run never holds: '&' starts a reference, NUL and CR are
// rewritten by the parser, and it reports the other controls.
bool SpecialAscii(unsigned char b) {
  return b == '&' || b == '<' || (b < 0x20 && b != '\t' && b != '\n' && b != '\f') || b == 0x7F;
}

// Code points a compacted run never holds: C1 controls and non-characters
// (reported by the parser), the private-use markers; c < 0 is malformed UTF-8.
bool SpecialCodePoint(UChar32 c) {
  return c < 0 || (c >= 0x80 && c <= 0x9F) || (c >= 0xFDD0 && c <= 0xFDEF) ||
         (c & 0xFFFE) == 0xFFFE || (c >= 0xE000 && c <= 0xF8FF);
}

// The code point of the UTF-8 sequence at s[i] (< 0 if malformed); *next is
// where the next one starts.
UChar32 DecodeAt(std::string_view s, std::size_t i, std::size_t* next) {
  const std::size_t avail = std::min<std::size_t>(s.size() - i, 4);
  int32_t k = 0;
  UChar32 c;
  U8_NEXT(s.data() + i, k, static_cast<int32_t>(avail), c);
  *next = i + static_cast<std::size_t>(k);
  return c;
}

// True if the page holds a character the markers use (U+E000..U+F8FF: EE xx xx
// or EF 80..A3 xx in UTF-8), or a numeric reference to one.
bool HasPrivateUse(std::string_view s) {
  if (s.find('\xEE') != std::string_view::npos) return true;
  for (std::size_t p = s.find('\xEF'); p != std::string_view::npos; p = s.find('\xEF', p + 1)) {
    if (p + 1 < s.size() && static_cast<unsigned char>(s[p + 1]) <= 0xA3) return true;
  }
  for (std::size_t p = s.find("&#"); p != std::string_view::npos; p = s.find("&#", p + 2)) {
    std::size_t i = p + 2;
    const bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
    if (hex) ++i;
    std::uint32_t v = 0;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      int d = c >= '0' && c <= '9' ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0) break;
      v = std::min<std::uint32_t>(v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
    }
    if (v >= 0xE000 && v <= 0xF8FF) return true;
  }
  return false;
}

// Position of "</name" (case-insensitive) at or after `from`, or npos.
std::size_t FindEndTag(std::string_view s, std::string_view lower_name, std::size_t from) {
  while (true) {
    std::size_t p = s.find("</", from);
    if (p == std::string_view::npos) return p;
    std::size_t k = 0;
    while (k < lower_name.size() && p + 2 + k < s.size() && Lower(s[p + 2 + k]) == lower_name[k])
      ++k;
    if (k == lower_name.size()) {
      std::size_t after = p + 2 + k;
      if (after >= s.size() || IsSpace(s[after]) || s[after] == '>' || s[after] == '/') return p;
    }
    from = p + 2;
  }
}

// End of the tag that starts at s[pos] == '<': the index just past its '>',
// honouring quoted attribute values. npos when the tag never closes.
std::size_t TagEnd(std::string_view s, std::size_t pos) {
  std::size_t i = pos + 1;
  char quote = 0;
  // Quotes only matter after "=" (attribute values); a stray quote in a
  // name must not swallow the document.
  bool after_equals = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '>') return i + 1;
    if ((c == '"' || c == '\'') && after_equals) {
      quote = c;
      after_equals = false;
      continue;
    }
    if (c == '=') {
      after_equals = true;
    } else if (!IsSpace(c)) {
      after_equals = false;
    }
  }
  return std::string_view::npos;
}

// Elements whose whole content is dropped.
bool IsDroppedElement(std::string_view name) {
  return EqualsNoCase(name, "script") || EqualsNoCase(name, "style") ||
         EqualsNoCase(name, "noscript") || EqualsNoCase(name, "template") ||
         EqualsNoCase(name, "svg") || EqualsNoCase(name, "math");
}

bool IsVoidElement(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr",
                                               "img", "input", "link", "meta", "param",
                                               "source", "track", "wbr", "keygen", "basefont",
                                               "bgsound", "frame", "image"};
  for (std::string_view v : kVoid)
    if (EqualsNoCase(name, v)) return true;
  return false;
}

// Start tags that implicitly close an open element of the same kind (HTML's
// optional end tags); `boundary` elements stop the search.
bool ClosesSame(std::string_view name) {
  static constexpr std::string_view kTags[] = {"p", "li", "dt", "dd", "tr", "td", "th",
                                               "option", "tbody", "thead", "tfoot"};
  for (std::string_view v : kTags)
    if (EqualsNoCase(name, v)) return true;
  return false;
}

bool IsScopeBoundary(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "div", "section", "article", "main", "ul", "ol", "dl", "table", "select", "body",
      "html", "blockquote", "form", "td", "th", "header", "footer", "nav", "aside", "button"};
  for (std::string_view v : kTags)
    if (EqualsNoCase(name, v)) return true;
  return false;
}

// Block-level start tags that close an open <p>.
bool ClosesParagraph(std::string_view name) {
  static constexpr std::string_view kTags[] = {
      "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
      "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
      "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
      "section", "table", "ul"};
  for (std::string_view v : kTags)
    if (EqualsNoCase(name, v)) return true;
  return false;
}

class Prescanner {
 public:
  Prescanner(std::string_view in, int max_depth, bool compact_text, PrescannedHtml* out)
      : in_(in), max_depth_(std::max(max_depth, 8)), compact_(compact_text && !HasPrivateUse(in)),
        out_(out) {
    out_->html.reserve(in.size() / 2 + 64);
    stack_.reserve(static_cast<std::size_t>(max_depth_) + 1);
  }

  void Run() {
    std::size_t i = 0;
    const std::size_t n = in_.size();
    std::string& html = out_->html;
    while (i < n) {
      const char* lt = static_cast<const char*>(std::memchr(in_.data() + i, '<', n - i));
      std::size_t p = lt ? static_cast<std::size_t>(lt - in_.data()) : n;
      AppendText(i, p);
      if (!lt) break;
      const std::size_t before = html.size();
      i = HandleMarkup(p);
      // Markup that is kept ends a character reference; markup that is
      // dropped (a comment, a flattened tag) joins the texts around it.
      if (html.size() != before) {
        open_ref_ = Ref::kNone;
        after_lt_ = html.back() == '<';  // only a literal '<' ends so
      }
    }
  }

 private:
  // Handles the markup starting at in_[p] == '<'; returns where to go on.
  std::size_t HandleMarkup(std::size_t p) {
    const std::size_t n = in_.size();
    std::string& html = out_->html;
    if (p + 1 >= n) {
      html.push_back('<');
      return p + 1;
    }
    char c = in_[p + 1];
    if (c == '!') {
      if (in_.compare(p, 4, "<!--") == 0) {
        std::size_t end = in_.find("-->", p + 4);
        return end == std::string_view::npos ? n : end + 3;
      }
      std::size_t end = in_.find('>', p + 2);  // doctype, CDATA: keep
      end = end == std::string_view::npos ? n : end + 1;
      html.append(in_.data() + p, end - p);
      return end;
    }
    if (c == '?') {  // a bogus comment to the parser
      std::size_t end = in_.find('>', p + 2);
      return end == std::string_view::npos ? n : end + 1;
    }
    bool is_end = c == '/';
    std::size_t name_begin = p + (is_end ? 2 : 1);
    if (name_begin >= n || !IsAlpha(in_[name_begin])) {
      if (is_end && name_begin < n) {
        // "</>" is dropped, and "</" before anything but a letter opens a
        // bogus comment up to the next '>', as in the parser.
        std::size_t gt = in_.find('>', name_begin);
        return gt == std::string_view::npos ? n : gt + 1;
      }
      html.push_back('<');  // a literal '<' in text
      return p + 1;
    }
    std::size_t name_end = name_begin;
    while (name_end < n && !IsSpace(in_[name_end]) && in_[name_end] != '>' &&
           in_[name_end] != '/')
      ++name_end;
    std::string_view name = in_.substr(name_begin, name_end - name_begin);
    std::size_t end = TagEnd(in_, p);
    if (end == std::string_view::npos) return n;  // an unclosed tag ends the document
    std::string_view tag = in_.substr(p, end - p);

    if (is_end) {
      if (CloseElement(name)) html.append(tag);
      return end;
    }
    if (IsDroppedElement(name)) return SkipElement(name, tag, end);
    // In a frameset the parser keeps the blanks of text and drops the rest,
    // so text there must stay as it is.
    if (EqualsNoCase(name, "frameset")) compact_ = false;
    if (int f = FurnitureIndex(name); f >= 0 && !no_skip_[f]) {
      std::size_t after = SkipFurniture(f, end);
      if (after != std::string_view::npos) {
        html.push_back(' ');  // still separates the words around it
        return after;
      }
    }

    bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    if (IsVoidElement(name) || (self_closing && !ClosesParagraph(name) && !ClosesSame(name))) {
      AppendLeanTag(tag, name_end - p, EqualsNoCase(name, "link"));
      return end;
    }
    ImplicitlyClose(name);
    if (static_cast<int>(stack_.size()) >= max_depth_) {
      ++dropped_[std::string(LowerName(name))];
      ++out_->dropped_tags;
      return end;
    }
    stack_.push_back(name);
    AppendLeanTag(tag, name_end - p, /*keep_href=*/false);
    return end;
  }

  // Appends the text in_[from, to), its plain runs replaced by markers
  // (html_prescan.h).
  void AppendText(std::size_t from, std::size_t to) {
    std::string& html = out_->html;
    if (from >= to) return;
    if (after_lt_) {
      // A literal '<' joined to this text across dropped markup ("<<!-- -->p")
      // opens a tag or a comment for the parser: from here on the text stays
      // as it is.
      after_lt_ = false;
      const char c = in_[from];
      if (IsAlpha(c) || c == '!' || c == '/' || c == '?') compact_ = false;
    }
    if (!compact_) {
      html.append(in_.data() + from, to - from);
      return;
    }
    std::string_view run = in_.substr(0, to);
    std::size_t i = from;
    // The text before ended inside a reference ("&copy<!-- -->;"): its
    // continuation stays for the parser to read.
    if (open_ref_ != Ref::kNone) {
      std::size_t k = ContinueReference(from, to);
      html.append(in_.data() + from, k - from);
      i = k;
    }
    while (i < to) {
      std::size_t j = i;
      while (j < to) {
        const auto b = static_cast<unsigned char>(in_[j]);
        if (b < 0x80) {
          if (SpecialAscii(b)) break;
          ++j;
          continue;
        }
        std::size_t next;
        if (SpecialCodePoint(DecodeAt(run, j, &next))) break;
        j = next;
      }
      AppendPiece(i, j);
      if (j >= to) break;
      // The special character stays; after '&' so does the reference
      // ("&#x2014;", "&amp;", "&copy2024"): the parser must see it whole.
      std::size_t k = j + 1;
      if (in_[j] == '&') {
        open_ref_ = Ref::kAfterAmpersand;
        k = ContinueReference(k, to);
      } else if (static_cast<unsigned char>(in_[j]) >= 0x80) {
        DecodeAt(run, j, &k);
      }
      html.append(in_.data() + j, k - j);
      i = k;
    }
  }

  // Where the character reference that open_ref_ says is open ends, reading
  // from in_[from] but not past `to`: '#' right after the '&', letters and
  // digits, and a ';'. Updates open_ref_: still open only if `to` came first.
  std::size_t ContinueReference(std::size_t from, std::size_t to) {
    std::size_t k = from;
    if (open_ref_ == Ref::kAfterAmpersand && k < to && in_[k] == '#') ++k;
    while (k < to && (IsAlpha(in_[k]) || (in_[k] >= '0' && in_[k] <= '9'))) ++k;
    if (k == to) {
      if (k > from) open_ref_ = Ref::kInside;
      return k;
    }
    if (in_[k] == ';') ++k;
    open_ref_ = Ref::kNone;
    return k;
  }

  // Appends in_[from, to), which holds no special character: blanks at its
  // ends as they are, the rest as one marker when it is long enough.
  void AppendPiece(std::size_t from, std::size_t to) {
    std::string& html = out_->html;
    std::size_t b = from, e = to;
    while (b < e && IsAsciiBlank(static_cast<unsigned char>(in_[b]))) ++b;
    while (e > b && IsAsciiBlank(static_cast<unsigned char>(in_[e - 1]))) --e;
    TextSegments& seg = out_->segments;
    if (e - b < kMinCompactBytes || seg.ends.size() >= kMaxSegments) {
      html.append(in_.data() + from, to - from);
      return;
    }
    html.append(in_.data() + from, b - from);
    const auto cp = static_cast<std::uint32_t>(kSegmentMarkerFirst + seg.ends.size());
    html.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    html.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    html.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    html.append(in_.data() + e, to - e);
    seg.bytes.append(in_.data() + b, e - b);
    seg.ends.push_back(static_cast<std::uint32_t>(seg.bytes.size()));
  }

  // Appends the start tag with only the attributes the extractor reads:
  // most of a modern page's markup is srcset, data-*, href and inline
  // handlers, and every attribute costs the parser an allocation.
  void AppendLeanTag(std::string_view tag, std::size_t name_len, bool keep_href) {
    std::string& html = out_->html;
    html.append(tag.data(), name_len);
    std::size_t i = name_len;
    const std::size_t n = tag.size();
    while (i < n) {
      while (i < n && (IsSpace(tag[i]) || tag[i] == '/')) ++i;
      if (i >= n || tag[i] == '>') break;
      std::size_t attr_begin = i;
      while (i < n && !IsSpace(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/') ++i;
      std::string_view attr = tag.substr(attr_begin, i - attr_begin);
      std::size_t j = i;
      while (j < n && IsSpace(tag[j])) ++j;
      std::size_t value_end = i;
      if (j < n && tag[j] == '=') {
        ++j;
        while (j < n && IsSpace(tag[j])) ++j;
        if (j < n && (tag[j] == '"' || tag[j] == '\'')) {
          std::size_t close = tag.find(tag[j], j + 1);
          j = close == std::string_view::npos ? n - 1 : close + 1;
        } else {
          while (j < n && !IsSpace(tag[j]) && tag[j] != '>') ++j;
        }
        value_end = j;
        i = j;
      }
      if (KeepAttribute(attr, tag.substr(attr_begin, value_end - attr_begin), keep_href)) {
        html.push_back(' ');
        html.append(tag.data() + attr_begin, value_end - attr_begin);
      }
    }
    html.push_back('>');
  }

  static bool KeepAttribute(std::string_view name, std::string_view whole, bool keep_href) {
    static constexpr std::string_view kKeep[] = {
        "class", "id", "role", "hidden", "aria-hidden", "itemprop", "content", "property",
        "name", "http-equiv", "rel", "datetime", "pubdate", "lang", "xml:lang", "charset"};
    if (keep_href && EqualsNoCase(name, "href")) return true;
    for (std::string_view k : kKeep)
      if (EqualsNoCase(name, k)) return true;
    // Inline styles matter only when they hide the element.
    if (EqualsNoCase(name, "style"))
      return ContainsNoCase(whole, "none") || ContainsNoCase(whole, "hidden");
    return false;
  }

  // Elements the extractor drops with their subtree anyway: skipping them
  // here spares the parser a third of a typical page.
  static constexpr std::string_view kFurniture[] = {"nav", "aside", "footer", "select", "button"};

  static int FurnitureIndex(std::string_view name) {
    for (std::size_t k = 0; k < std::size(kFurniture); ++k)
      if (EqualsNoCase(name, kFurniture[k])) return static_cast<int>(k);
    return -1;
  }

  // Position of the next "<name" start tag (case-insensitive) at or after `from`.
  std::size_t FindStartTag(std::string_view lower_name, std::size_t from) const {
    while (true) {
      std::size_t p = in_.find('<', from);
      if (p == std::string_view::npos) return p;
      std::size_t k = 0;
      while (k < lower_name.size() && p + 1 + k < in_.size() && Lower(in_[p + 1 + k]) == lower_name[k])
        ++k;
      if (k == lower_name.size()) {
        std::size_t after = p + 1 + k;
        if (after >= in_.size() || IsSpace(in_[after]) || in_[after] == '>' || in_[after] == '/')
          return p;
      }
      from = p + 1;
    }
  }

  // Skips furniture element kFurniture[f] whose content starts at `content`
  // (nested ones included); npos, and no skipping of that kind from then on,
  // when it is never closed, so broken markup costs one scan, not many.
  // Elements holding JSON-LD are not skipped.
  std::size_t SkipFurniture(int f, std::size_t content) {
    std::string_view name = kFurniture[f];
    std::size_t pos = content;
    std::size_t next_open = FindStartTag(name, pos);
    std::size_t next_close = FindEndTag(in_, name, pos);
    int depth = 1;
    while (next_close != std::string_view::npos) {
      if (next_open < next_close) {
        ++depth;
        next_open = FindStartTag(name, next_open + 1);
        continue;
      }
      if (--depth == 0) break;
      next_close = FindEndTag(in_, name, next_close + 2);
    }
    if (next_close == std::string_view::npos) {
      no_skip_[f] = true;
      return std::string_view::npos;
    }
    if (ContainsNoCase(in_.substr(content, next_close - content), "ld+json"))
      return std::string_view::npos;
    std::size_t gt = in_.find('>', next_close);
    return gt == std::string_view::npos ? in_.size() : gt + 1;
  }

  std::string LowerName(std::string_view name) const {
    std::string s(name.substr(0, 32));
    for (char& ch : s) ch = Lower(ch);
    return s;
  }

  // Skips a dropped element and its content; keeps JSON-LD bodies.
  std::size_t SkipElement(std::string_view name, std::string_view tag, std::size_t content) {
    std::string lower = LowerName(name);
    std::size_t close = FindEndTag(in_, lower, content);
    std::size_t stop = close == std::string_view::npos ? in_.size() : close;
    if (lower == "script" && ContainsNoCase(tag, "ld+json") && stop > content) {
      out_->json_ld.emplace_back(in_.substr(content, stop - content));
    }
    if (close == std::string_view::npos) return in_.size();
    std::size_t gt = in_.find('>', close);
    return gt == std::string_view::npos ? in_.size() : gt + 1;
  }

  // Pops elements that the new start tag `name` closes implicitly.
  void ImplicitlyClose(std::string_view name) {
    if (ClosesParagraph(name) && !stack_.empty() && EqualsNoCase(stack_.back(), "p")) {
      stack_.pop_back();
    }
    if (!ClosesSame(name)) return;
    bool cell = EqualsNoCase(name, "td") || EqualsNoCase(name, "th");
    bool def = EqualsNoCase(name, "dd") || EqualsNoCase(name, "dt");
    for (std::size_t k = stack_.size(); k-- > 0;) {
      std::string_view open = stack_[k];
      bool same = SameName(open, name) ||
                  (cell && (EqualsNoCase(open, "td") || EqualsNoCase(open, "th"))) ||
                  (def && (EqualsNoCase(open, "dd") || EqualsNoCase(open, "dt")));
      if (same) {
        stack_.resize(k);
        return;
      }
      if (IsScopeBoundary(open) || stack_.size() - k > 16) return;
    }
  }

  // True if the end tag should be kept.
  bool CloseElement(std::string_view name) {
    for (std::size_t k = stack_.size(); k-- > 0;) {
      if (SameName(name, stack_[k])) {
        stack_.resize(k);
        return true;
      }
    }
    if (!dropped_.empty()) {
      auto it = dropped_.find(LowerName(name));
      if (it != dropped_.end() && it->second > 0) {
        --it->second;
        return false;
      }
    }
    return true;  // a stray end tag: the parser decides
  }

  std::string_view in_;
  int max_depth_;
  bool compact_;
  // Whether the text so far ends inside a character reference.
  enum class Ref { kNone, kAfterAmpersand, kInside };
  Ref open_ref_ = Ref::kNone;
  bool after_lt_ = false;  // the output ends with a literal '<'

  PrescannedHtml* out_;
  std::vector<std::string_view> stack_;
  std::unordered_map<std::string, int> dropped_;
  bool no_skip_[5] = {};
};

}  // namespace

PrescannedHtml PrescanHtml(std::string_view html, int max_depth, bool compact_text) {
  PrescannedHtml out;
  // Segment offsets are 32-bit.
  compact_text = compact_text && html.size() < (std::size_t{1} << 31);
  Prescanner(html, max_depth, compact_text, &out).Run();
  return out;
}

}  // namespace newsfacts::internal
