// Main-text extraction: which part of the page is the article?
//
// 1. Furniture removal. Elements that never hold article text (nav, aside,
//    footer, forms, hidden elements, and anything whose class/id/role matches
//    extract/lexicons/article_classes.tsv) are dropped with their subtree. A
//    class match on a wrapper holding most of the page's paragraph text is a
//    layout class ("and-w-sidebar") and is ignored; a furniture-classed
//    heading that opens its section ("Related posts") drops the section.
// 2. Blocks. The remaining text is cut into blocks at block-level element
//    boundaries (as boilerpipe and jusText do); each block knows its text,
//    how much of it is link text, and the innermost element that owns it.
// 3. Container. Each block gets a weight: positive for sentence-like text
//    with few links (growing with length), negative for link lists, short
//    scraps, excerpts cut with an ellipsis and teaser cards (three or more
//    small siblings with one headline link each). An element's score is the
//    sum over the blocks inside it; the container is the deepest element
//    whose score is within kKeepShare of the best score, so a small stray
//    paragraph outside the article does not pull the choice up to <body>.
// 4. Cleanup. Inside the container, link lists, captions, furniture lines
//    (article_furniture.tsv), the title itself, scraps before the first real
//    paragraph and headings with nothing after them are dropped.
//
// Every pass is a loop over the pre-order node array (no recursion), linear
// in the number of nodes.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "article_internal.h"
#include "dates.h"
#include "newsfacts/lexicon.h"

namespace newsfacts::internal {
namespace {

// The container is the deepest element keeping this share of the best score.
constexpr double kKeepShare = 0.9;

struct ClassRules {
  std::vector<std::string> strong_sub, strong_tok, weak_sub, weak_tok, pos_sub, pos_tok;
};

const ClassRules& Rules() {
  static const ClassRules rules = [] {
    ClassRules r;
    ForEachTsvRow(LoadLexicon("article_classes.tsv"),
                  [&](const std::vector<std::string_view>& cols, int) {
                    if (cols.size() < 3 || cols[2].empty()) return;
                    bool sub = cols[1] == "sub";
                    std::string pat(cols[2]);
                    if (cols[0] == "strong") (sub ? r.strong_sub : r.strong_tok).push_back(pat);
                    else if (cols[0] == "weak") (sub ? r.weak_sub : r.weak_tok).push_back(pat);
                    else if (cols[0] == "positive") (sub ? r.pos_sub : r.pos_tok).push_back(pat);
                  });
    return r;
  }();
  return rules;
}

struct FurnitureRules {
  std::unordered_set<std::string> exact;
  std::vector<std::string> prefix;
  std::vector<std::string> contains;
};

const FurnitureRules& Furniture() {
  static const FurnitureRules rules = [] {
    FurnitureRules r;
    ForEachTsvRow(LoadLexicon("article_furniture.tsv"),
                  [&](const std::vector<std::string_view>& cols, int) {
                    if (cols.size() < 2 || cols[1].empty()) return;
                    if (cols[0] == "exact") r.exact.insert(std::string(cols[1]));
                    else if (cols[0] == "prefix") r.prefix.emplace_back(cols[1]);
                    else if (cols[0] == "contains") r.contains.emplace_back(cols[1]);
                  });
    return r;
  }();
  return rules;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool HasToken(std::string_view lower, std::string_view token) {
  std::size_t pos = 0;
  while ((pos = lower.find(token, pos)) != std::string_view::npos) {
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    bool left = pos == 0 || !alnum(lower[pos - 1]);
    std::size_t after = pos + token.size();
    bool right = after >= lower.size() || !alnum(lower[after]);
    if (left && right) return true;
    pos = after;
  }
  return false;
}

bool MatchesAny(std::string_view lower, const std::vector<std::string>& subs,
                const std::vector<std::string>& toks) {
  for (const std::string& s : subs)
    if (lower.find(s) != std::string_view::npos) return true;
  for (const std::string& t : toks)
    if (HasToken(lower, t)) return true;
  return false;
}

enum class ClassVerdict { kNone, kStrong, kWeak, kPositive };

ClassVerdict JudgeClass(std::string_view class_and_id_lower) {
  if (class_and_id_lower.empty()) return ClassVerdict::kNone;
  const ClassRules& r = Rules();
  bool positive = MatchesAny(class_and_id_lower, r.pos_sub, r.pos_tok);
  if (MatchesAny(class_and_id_lower, r.strong_sub, r.strong_tok)) return ClassVerdict::kStrong;
  if (MatchesAny(class_and_id_lower, r.weak_sub, r.weak_tok))
    return positive ? ClassVerdict::kPositive : ClassVerdict::kWeak;
  return positive ? ClassVerdict::kPositive : ClassVerdict::kNone;
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_LI: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_HR: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_HGROUP: 
    case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

// Elements dropped by tag alone.
bool IsFurnitureTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_LABEL: 
    case GUMBO_TAG_MENU: case GUMBO_TAG_MAP: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool IsFurnitureRole(std::string_view role_lower) {
  static constexpr std::string_view kRoles[] = {
      "navigation", "menu", "menubar", "complementary", "contentinfo", "banner", "alert",
      "alertdialog", "dialog", "search", "tablist", "toolbar"};
  for (std::string_view r : kRoles)
    if (role_lower == r) return true;
  return false;
}

bool StyleHides(std::string_view style) {
  if (style.empty()) return false;
  std::string s;
  for (char c : style)
    if (c != ' ') s.push_back(static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c));
  return s.find("display:none") != std::string::npos ||
         s.find("visibility:hidden") != std::string::npos;
}

// Non-space bytes of a text node.
int TextBytes(std::string_view s) {
  int n = 0;
  for (char c : s) n += !(c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f');
  return n;
}

enum BlockFlag : unsigned {
  kListItem = 1u << 0,
  kQuote = 1u << 1,
  kCaption = 1u << 2,
  kTableCell = 1u << 3,
  kPositiveClass = 1u << 4,
  kTeaser = 1u << 5,
};

struct Block {
  int owner = -1;
  std::string text;
  int bytes = 0;       // non-space bytes
  int link_bytes = 0;
  int heading = 0;     // 1..6 inside <hN>
  unsigned flags = 0;
  double weight = 0;
};

// Sentence punctuation anywhere in the text (Latin and CJK).
bool HasSentencePunctuation(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':') return true;
    if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x82 || static_cast<unsigned char>(s[i + 2]) == 0x81))
      return true;  // 。 、
    if (static_cast<unsigned char>(c) == 0xEF && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) == 0xBC &&
        (static_cast<unsigned char>(s[i + 2]) == 0x8C || static_cast<unsigned char>(s[i + 2]) == 0x81 ||
         static_cast<unsigned char>(s[i + 2]) == 0x9F))
      return true;  // ， ！ ？
  }
  return false;
}

bool EndsWithSentencePunct(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ' '))
    s.remove_suffix(1);
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || s.ends_with("\xE3\x80\x82") ||
         s.ends_with("\xE2\x80\x9D");  // 。 ”
}

double BlockWeight(const Block& b) {
  const double len = b.bytes;
  if (len <= 0) return 0;
  const double link = b.link_bytes;
  const double ld = link / len;
  if (b.heading) return ld > 0.5 ? -len * 0.5 : 0;
  const bool sentence = HasSentencePunctuation(b.text);
  if (ld > 0.75 || (ld > 0.5 && !sentence)) return -len - 10;  // navigation, link lists
  const double own = len - link;
  double base;
  if (sentence) {
    base = own * std::min(1.0, 0.3 + own / 150);  // short sentences count, long ones fully
  } else if (own >= 250) {
    base = own * 0.5;
  } else {
    base = -5 - own * 0.1;  // labels, menu items, scraps
  }
  if (b.flags & kCaption) base = std::min(base, 0.0);
  // A teaser excerpt cut off with an ellipsis.
  std::string_view t = b.text;
  if (own < 800 && (t.ends_with("\xE2\x80\xA6") || t.ends_with("...") || t.ends_with("[…]")))
    base = -own * 0.5;
  return base - 0.5 * link;
}

bool IsGoodParagraph(const Block& b) {
  return b.bytes >= 120 && b.link_bytes * 10 < b.bytes * 3 && !b.heading &&
         HasSentencePunctuation(b.text);
}

class BodyExtractor {
 public:
  BodyExtractor(const HtmlDocument& doc, const BodyHints& hints)
      : doc_(doc), hints_(hints), n_(doc.size()) {}

  BodyResult Run() {
    BodyResult result;
    if (n_ == 0) return result;
    ComputeStats();
    root_ = FindBody();
    MarkFurniture();
    CollectBlocks();
    result.body_bytes = text_len_[static_cast<std::size_t>(root_)];
    result.body_link_bytes = link_len_[static_cast<std::size_t>(root_)];
    result.teaser_links = teaser_links_;
    if (blocks_.empty()) return result;
    int container = ChooseContainer();
    result.container = container;
    result.headline_links = headlines_[static_cast<std::size_t>(container)];
    EmitParagraphs(container, &result);
    return result;
  }

 private:
  // Text and link-text bytes per subtree (two linear passes).
  void ComputeStats() {
    text_len_.assign(static_cast<std::size_t>(n_), 0);
    link_len_.assign(static_cast<std::size_t>(n_), 0);
    good_len_.assign(static_cast<std::size_t>(n_), 0);
    std::vector<uint8_t> in_link(static_cast<std::size_t>(n_), 0);
    for (int i = 1; i < n_; ++i) {
      const DomNode& node = doc_.node(i);
      const std::size_t p = static_cast<std::size_t>(node.parent);
      in_link[static_cast<std::size_t>(i)] =
          in_link[p] || (!doc_.node(node.parent).is_text && doc_.node(node.parent).tag == GUMBO_TAG_A);
    }
    for (int i = n_ - 1; i >= 0; --i) {
      const DomNode& node = doc_.node(i);
      const std::size_t k = static_cast<std::size_t>(i);
      if (node.is_text) {
        int bytes = TextBytes(node.text);
        text_len_[k] += bytes;
        if (in_link[k]) link_len_[k] += bytes;
      } else if (node.tag == GUMBO_TAG_P && text_len_[k] >= 100 && link_len_[k] * 10 < text_len_[k] * 3) {
        good_len_[k] = text_len_[k];
      }
      if (node.parent >= 0) {
        const std::size_t p = static_cast<std::size_t>(node.parent);
        text_len_[p] += text_len_[k];
        link_len_[p] += link_len_[k];
        good_len_[p] += good_len_[k];
      }
    }
  }

  int FindBody() const {
    for (int i = 0; i < n_; ++i) {
      if (!doc_.node(i).is_text && doc_.node(i).tag == GUMBO_TAG_BODY) return i;
    }
    return 0;
  }

  std::string ClassAndId(int i) const {
    std::string s = LowerAscii(doc_.Attr(i, "class"));
    std::string_view id = doc_.Attr(i, "id");
    if (!id.empty()) {
      s.push_back(' ');
      s += LowerAscii(id);
    }
    return s;
  }

  bool ShouldDrop(int i) const {
    const DomNode& node = doc_.node(i);
    const std::size_t k = static_cast<std::size_t>(i);
    if (IsFurnitureTag(node.tag)) return true;
    if (node.tag == GUMBO_TAG_BODY || node.tag == GUMBO_TAG_HTML) return false;
    long long total = std::max(1, text_len_[static_cast<std::size_t>(root_)]);
    double share = static_cast<double>(text_len_[k]) / static_cast<double>(total);
    if (node.tag == GUMBO_TAG_HEADER && text_len_[k] < 1500) return true;
    if (node.tag == GUMBO_TAG_FORM && share < 0.3) return true;
    if (doc_.HasAttr(i, "hidden")) return true;
    if (StyleHides(doc_.Attr(i, "style"))) return true;
    const bool aria_hidden = doc_.Attr(i, "aria-hidden") == "true";
    if (aria_hidden && share < 0.3) return true;
    std::string_view role = doc_.Attr(i, "role");
    const bool furniture_role = !role.empty() && IsFurnitureRole(LowerAscii(role));
    if (furniture_role && share < 0.5) return true;
    if (node.tag == GUMBO_TAG_ARTICLE || node.tag == GUMBO_TAG_MAIN) return false;
    std::string cls = ClassAndId(i);
    ClassVerdict v = JudgeClass(cls);
    if (v != ClassVerdict::kStrong && v != ClassVerdict::kWeak) return false;
    // Two independent signs of furniture (a cookie dialog: class "modal",
    // role=dialog, aria-hidden) outweigh any amount of text.
    if (v == ClassVerdict::kStrong && (aria_hidden || furniture_role)) return true;
    // A match on a wrapper that holds most of the page's paragraph text is a
    // layout class ("and-w-sidebar", "page-with-ads"), not furniture.
    long long good_total = good_len_[static_cast<std::size_t>(root_)];
    if (good_total > 0) {
      double good_share = static_cast<double>(good_len_[k]) / static_cast<double>(good_total);
      return good_share < (v == ClassVerdict::kStrong ? 0.5 : 0.3);
    }
    return share < (v == ClassVerdict::kStrong ? 0.5 : 0.3);
  }

  // True if heading i carries a furniture class and no paragraph text comes
  // before it in its parent.
  bool OpensSection(int i) const {
    if (JudgeClass(ClassAndId(i)) != ClassVerdict::kStrong) return false;
    const int parent = doc_.node(i).parent;
    int before = 0;
    for (int j = parent + 1; j < i; j = doc_.node(j).end) before += good_len_[static_cast<std::size_t>(j)];
    return before == 0;
  }

  void MarkFurniture() {
    dropped_.assign(static_cast<std::size_t>(n_), 0);
    positive_.assign(static_cast<std::size_t>(n_), 0);
    const int end = doc_.node(root_).end;
    int drop_until = -1;  // following siblings of a "related stories" heading
    for (int i = root_ + 1; i < end; ++i) {
      const DomNode& node = doc_.node(i);
      if (node.is_text) continue;
      if (i < drop_until) {
        dropped_[static_cast<std::size_t>(i)] = 1;
        i = node.end - 1;
        continue;
      }
      if (ShouldDrop(i)) {
        dropped_[static_cast<std::size_t>(i)] = 1;
        // A heading classed as furniture ("relatedpoststitle") that opens
        // its section makes the whole section furniture.
        if (HeadingLevel(node.tag) >= 2 && node.parent > root_ && OpensSection(i))
          drop_until = doc_.node(node.parent).end;
        i = node.end - 1;
        continue;
      }
      if (!doc_.Attr(i, "itemprop").empty() &&
          LowerAscii(doc_.Attr(i, "itemprop")) == "articlebody") {
        positive_[static_cast<std::size_t>(i)] = 2;
      } else if (JudgeClass(ClassAndId(i)) == ClassVerdict::kPositive ||
                 node.tag == GUMBO_TAG_ARTICLE) {
        positive_[static_cast<std::size_t>(i)] = 1;
      }
      if (node.tag == GUMBO_TAG_A && text_len_[static_cast<std::size_t>(i)] >= 25) ++teaser_links_;
    }
  }

  // Cuts the kept text into blocks at block-level boundaries.
  void CollectBlocks() {
    struct Open {
      int node;
      int end;
    };
    std::vector<Open> open;
    Block cur;
    bool pending_space = false;
    int link_end = -1;
    int heading = 0, list = 0, quote = 0, caption = 0, cell = 0;
    auto flush = [&]() {
      // Trim and keep only blocks with visible text.
      while (!cur.text.empty() && (cur.text.back() == ' ' || cur.text.back() == '\n'))
        cur.text.pop_back();
      if (cur.bytes > 0 && !cur.text.empty()) {
        cur.owner = open.empty() ? root_ : open.back().node;
        cur.heading = heading;
        cur.flags = (list ? kListItem : 0u) | (quote ? kQuote : 0u) | (caption ? kCaption : 0u) |
                    (cell ? kTableCell : 0u);
        cur.weight = BlockWeight(cur);
        blocks_.push_back(std::move(cur));
      }
      cur = Block();
      pending_space = false;
    };
    auto adjust = [&](GumboTag tag, int delta) {
      if (int h = HeadingLevel(tag)) heading = delta > 0 ? h : 0;
      if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) list += delta;
      if (tag == GUMBO_TAG_BLOCKQUOTE) quote += delta;
      if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION) caption += delta;
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) cell += delta;
    };
    const int end = doc_.node(root_).end;
    open.push_back({root_, end});
    for (int i = root_ + 1; i < end; ++i) {
      while (open.size() > 1 && open.back().end <= i) {
        flush();
        adjust(doc_.node(open.back().node).tag, -1);
        open.pop_back();
      }
      const DomNode& node = doc_.node(i);
      if (node.is_text) {
        int bytes = TextBytes(node.text);
        if (bytes == 0) {
          pending_space = pending_space || !node.text.empty();
          continue;
        }
        AppendCollapsed(node.text, &cur.text, &pending_space);
        cur.bytes += bytes;
        if (i < link_end) cur.link_bytes += bytes;
        continue;
      }
      if (dropped_[static_cast<std::size_t>(i)]) {
        // A dropped element between two words still separates them.
        pending_space = true;
        i = node.end - 1;
        continue;
      }
      if (node.tag == GUMBO_TAG_BR) {
        if (!cur.text.empty() && cur.text.back() != '\n') cur.text.push_back('\n');
        pending_space = false;
        continue;
      }
      if (node.tag == GUMBO_TAG_A && i >= link_end) link_end = node.end;
      if (IsBlockTag(node.tag)) {
        flush();
        if (node.end > i + 1) {
          open.push_back({i, node.end});
          adjust(node.tag, +1);
        }
      } else if (node.tag == GUMBO_TAG_IMG) {
        pending_space = true;
      }
    }
    while (!open.empty()) {
      flush();
      if (open.size() > 1) adjust(doc_.node(open.back().node).tag, -1);
      open.pop_back();
    }
  }

  // Teaser cards: a list of three or more small siblings, each holding one
  // headline link and a little text ("related stories", "more from").
  // Their summaries read like article text, so their weight turns negative.
  void DemoteTeaserCards() {
    // A headline link is an <a> with headline-length text that fills its
    // block (counted in the DOM, so it counts inside dropped <header>s too).
    std::vector<int>& headlines = headlines_;
    headlines.assign(static_cast<std::size_t>(n_), 0);
    const int end = doc_.node(root_).end;
    for (int i = root_ + 1; i < end; ++i) {
      const DomNode& node = doc_.node(i);
      if (node.is_text || node.tag != GUMBO_TAG_A) continue;
      const int len = text_len_[static_cast<std::size_t>(i)];
      if (len < 20) continue;
      int block = node.parent;
      while (block > root_ && !IsBlockTag(doc_.node(block).tag)) block = doc_.node(block).parent;
      if (text_len_[static_cast<std::size_t>(block)] * 5 <= len * 6) ++headlines[static_cast<std::size_t>(i)];
    }
    for (int i = end - 1; i > root_; --i) {
      int p = doc_.node(i).parent;
      if (p >= 0) headlines[static_cast<std::size_t>(p)] += headlines[static_cast<std::size_t>(i)];
    }
    auto is_card = [&](int i) {
      const DomNode& node = doc_.node(i);
      return !node.is_text && node.parent >= 0 && headlines[static_cast<std::size_t>(i)] == 1 &&
             text_len_[static_cast<std::size_t>(i)] < 1000 &&
             headlines[static_cast<std::size_t>(node.parent)] >= 3;
    };
    std::vector<int> cards(static_cast<std::size_t>(n_), 0);
    for (int i = root_ + 1; i < end; ++i)
      if (is_card(i)) ++cards[static_cast<std::size_t>(doc_.node(i).parent)];
    std::vector<uint8_t> teaser(static_cast<std::size_t>(n_), 0);
    bool any = false;
    for (int i = root_ + 1; i < end; ++i) {
      const DomNode& node = doc_.node(i);
      std::size_t k = static_cast<std::size_t>(i);
      teaser[k] = teaser[static_cast<std::size_t>(node.parent)] ||
                  (is_card(i) && cards[static_cast<std::size_t>(node.parent)] >= 3);
      any = any || teaser[k];
    }
    if (!any) return;
    for (Block& b : blocks_) {
      if (teaser[static_cast<std::size_t>(b.owner)]) {
        b.weight = std::min(b.weight, -0.3 * b.bytes);
        b.flags |= kTeaser;
      }
    }
  }

  int ChooseContainer() {
    DemoteTeaserCards();
    score_.assign(static_cast<std::size_t>(n_), 0.0);
    for (const Block& b : blocks_) score_[static_cast<std::size_t>(b.owner)] += b.weight;
    const int end = doc_.node(root_).end;
    for (int i = end - 1; i > root_; --i) {
      const DomNode& node = doc_.node(i);
      if (node.parent >= 0) score_[static_cast<std::size_t>(node.parent)] += score_[static_cast<std::size_t>(i)];
    }
    // Marked-up article bodies get a nudge.
    std::vector<double> adjusted(score_);
    for (int i = root_; i < end; ++i) {
      std::size_t k = static_cast<std::size_t>(i);
      if (positive_[k] == 2) adjusted[k] *= 1.15;
    }
    int best = root_;
    for (int i = root_; i < end; ++i) {
      if (doc_.node(i).is_text) continue;
      if (adjusted[static_cast<std::size_t>(i)] > adjusted[static_cast<std::size_t>(best)]) best = i;
    }
    double best_score = adjusted[static_cast<std::size_t>(best)];
    if (best_score <= 0) return root_;
    // The deepest element inside `best` that keeps most of its score.
    int chosen = best;
    for (int i = best + 1; i < doc_.node(best).end; ++i) {
      const DomNode& node = doc_.node(i);
      if (node.is_text) continue;
      if (adjusted[static_cast<std::size_t>(i)] >= kKeepShare * best_score &&
          node.depth > doc_.node(chosen).depth)
        chosen = i;
    }
    return chosen;
  }

  void EmitParagraphs(int container, BodyResult* result) {
    const int end = doc_.node(container).end;
    std::string title = FoldForCompare(hints_.title);
    std::vector<const Block*> kept;
    bool seen_good = false;
    for (const Block& b : blocks_) {
      if (b.owner < container || b.owner >= end) continue;
      // A short dated line before the first paragraph ("Published 26 Aug").
      seen_good = seen_good || IsGoodParagraph(b);
      if (!seen_good && result->date_text.empty() && b.bytes < 100 && FindDate(b.text))
        result->date_text = b.text;
      double ld = b.bytes ? static_cast<double>(b.link_bytes) / b.bytes : 0;
      if (ld > 0.5 && b.bytes >= 25) ++result->link_blocks;
      // Link lists go; a sentence that merely carries a long link stays.
      if (ld > 0.5 && b.bytes < 400 &&
          !(ld < 0.7 && b.bytes - b.link_bytes >= 30 && EndsWithSentencePunct(b.text)))
        continue;
      if (b.heading == 1 || (b.flags & kCaption)) continue;
      if (!title.empty() && FoldForCompare(b.text) == title) continue;
      if (b.bytes < 120 && IsFurnitureLine(b.text)) continue;
      kept.push_back(&b);
    }
    // Scraps before the first real paragraph (kickers, bylines, dates,
    // "3 min read") are not article text.
    std::size_t first = 0;
    while (first < kept.size() && !IsGoodParagraph(*kept[first])) ++first;
    std::size_t start = 0;
    if (first < kept.size()) {
      start = first;
      // Keep a sub-heading or a short lead that sits right before it.
      while (start > 0) {
        const Block& prev = *kept[start - 1];
        bool keep = prev.heading >= 2 || (prev.bytes >= 60 && HasSentencePunctuation(prev.text) &&
                                          !FindDate(prev.text));
        if (!keep) break;
        --start;
      }
    }
    // A heading with nothing after it ("Tell us what you think") is not
    // part of the story.
    std::size_t stop = kept.size();
    while (stop > start && kept[stop - 1]->heading) --stop;
    for (std::size_t k = start; k < stop; ++k) {
      const Block& b = *kept[k];
      if (IsGoodParagraph(b)) ++result->good_paragraphs;
      // Multiple <br>s inside one block separate paragraphs too.
      std::string text;
      text.reserve(b.text.size());
      int newlines = 0;
      for (char c : b.text) {
        if (c == '\n') {
          ++newlines;
          continue;
        }
        if (newlines) {
          while (!text.empty() && text.back() == ' ') text.pop_back();
          text += newlines >= 2 ? "\n\n" : "\n";
          newlines = 0;
          if (c == ' ') continue;
        }
        text.push_back(c);
      }
      result->paragraphs.push_back(std::move(text));
    }
  }

  const HtmlDocument& doc_;
  const BodyHints& hints_;
  const int n_;
  int root_ = 0;
  int teaser_links_ = 0;
  std::vector<int> text_len_, link_len_, good_len_;  // per subtree: text, link text, text of
                                                    // sentence-length <p>s with few links
  std::vector<uint8_t> dropped_, positive_;
  std::vector<Block> blocks_;
  std::vector<double> score_;
  std::vector<int> headlines_;  // per subtree: links that fill their block
};

}  // namespace

bool IsFurnitureLine(std::string_view line) {
  std::string folded = FoldForCompare(line);
  while (!folded.empty() && (folded.back() == ' ' || folded.back() == ':' || folded.back() == '.' ||
                             folded.back() == '>' || folded.back() == '|'))
    folded.pop_back();
  if (folded.empty()) return false;
  const FurnitureRules& rules = Furniture();
  if (rules.exact.count(folded)) return true;
  if (folded.size() >= 120) return false;
  for (const std::string& p : rules.prefix) {
    if (folded.compare(0, p.size(), p) == 0) return true;
  }
  if (folded.size() < 100) {
    for (const std::string& c : rules.contains) {
      if (folded.find(c) != std::string::npos) return true;
    }
  }
  return false;
}

BodyResult ExtractBody(const HtmlDocument& doc, const BodyHints& hints) {
  return BodyExtractor(doc, hints).Run();
}

}  // namespace newsfacts::internal
