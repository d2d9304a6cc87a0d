// HtmlDocument: Gumbo output flattened into a pre-order array (html_dom.h).
#include <cstring>

#include "html_dom.h"

namespace newsfacts::internal {

std::unique_ptr<HtmlDocument> HtmlDocument::Parse(std::string html, TextSegments segments) {
  std::unique_ptr<HtmlDocument> doc(new HtmlDocument());
  doc->html_ = std::move(html);
  doc->segments_ = std::move(segments);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // we never look at parse errors
  doc->output_ = gumbo_parse_with_options(&options, doc->html_.data(), doc->html_.size());
  if (!doc->output_ || !doc->output_->document) return doc;

  // Iterative pre-order walk. Each stack entry is a node and its parent's
  // index; `end` is fixed when the walk leaves a subtree.
  struct Frame {
    const GumboNode* node;
    int parent;
  };
  std::vector<Frame> stack;
  std::vector<int> open;  // indices of nodes whose subtree is still being walked
  doc->nodes_.reserve(doc->html_.size() / 40 + 16);
  stack.push_back({doc->output_->document, -1});
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    // Close every open subtree that `f` is not inside of.
    while (!open.empty() && open.back() != f.parent) {
      doc->nodes_[static_cast<std::size_t>(open.back())].end = static_cast<int>(doc->nodes_.size());
      open.pop_back();
    }
    DomNode n;
    n.gumbo = f.node;
    n.parent = f.parent;
    n.depth = f.parent < 0 ? 0 : doc->nodes_[static_cast<std::size_t>(f.parent)].depth + 1;
    const GumboVector* children = nullptr;
    switch (f.node->type) {
      case GUMBO_NODE_DOCUMENT:
        children = &f.node->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        n.tag = f.node->v.element.tag;
        children = &f.node->v.element.children;
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        n.is_text = true;
        n.text = f.node->v.text.text ? std::string_view(f.node->v.text.text) : std::string_view();
        if (f.node->type == GUMBO_NODE_TEXT) n.text = doc->Expand(n.text);
        break;
      case GUMBO_NODE_COMMENT:
        continue;
    }
    int index = static_cast<int>(doc->nodes_.size());
    n.end = index + 1;
    doc->nodes_.push_back(n);
    if (children && children->length > 0) {
      open.push_back(index);
      for (unsigned int k = children->length; k-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children->data[k]), index});
      }
    }
  }
  while (!open.empty()) {
    doc->nodes_[static_cast<std::size_t>(open.back())].end = static_cast<int>(doc->nodes_.size());
    open.pop_back();
  }
  return doc;
}

std::string_view HtmlDocument::Expand(std::string_view text) {
  // Markers are U+E000.. U+F8FF: EE xx xx or EF 80..A3 xx.
  auto is_marker_at = [&](std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b != 0xEE && b != 0xEF) || i + 2 >= text.size()) return false;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    return (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && (b == 0xEE || b1 <= 0xA3);
  };
  const std::vector<std::uint32_t>& ends = segments_.ends;
  if (ends.empty()) return text;
  std::size_t i = 0;
  while (i < text.size() && !is_marker_at(i)) ++i;
  if (i == text.size()) return text;
  std::string& out = expanded_.emplace_back();
  std::size_t copied = 0;
  for (; i < text.size(); ++i) {
    if (!is_marker_at(i)) continue;
    const auto b = static_cast<unsigned char>(text[i]);
    const std::uint32_t cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                             (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    const std::size_t k = cp - kSegmentMarkerFirst;
    if (k >= ends.size()) continue;  // cannot happen: pages with such characters are not compacted
    out.append(text.data() + copied, i - copied);
    const std::uint32_t begin = k == 0 ? 0 : ends[k - 1];
    out.append(segments_.bytes, begin, ends[k] - begin);
    i += 2;
    copied = i + 1;
  }
  out.append(text.data() + copied, text.size() - copied);
  return out;
}

HtmlDocument::~HtmlDocument() {
  if (output_) gumbo_destroy_output(&kGumboDefaultOptions, output_);
}

std::string_view HtmlDocument::Attr(int i, const char* name) const {
  const GumboNode* g = node(i).gumbo;
  if (!g || g->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* a = gumbo_get_attribute(&g->v.element.attributes, name);
  return a && a->value ? std::string_view(a->value) : std::string_view();
}

bool HtmlDocument::HasAttr(int i, const char* name) const {
  const GumboNode* g = node(i).gumbo;
  if (!g || g->type != GUMBO_NODE_ELEMENT) return false;
  return gumbo_get_attribute(&g->v.element.attributes, name) != nullptr;
}

std::string HtmlDocument::TagName(int i) const {
  const DomNode& n = node(i);
  if (n.is_text || !n.gumbo) return {};
  if (n.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n.tag);
  GumboStringPiece piece = n.gumbo->v.element.original_tag;
  // Elements the parser inserted have no original text.
  if (!piece.data || piece.length < 2 || piece.data[0] != '<') return {};
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.data ? piece.length : 0);
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return name;
}

std::string HtmlDocument::Text(int i) const {
  std::string out;
  bool pending_space = false;
  const int end = node(i).end;
  for (int k = i; k < end; ++k) {
    const DomNode& n = node(k);
    if (!n.is_text) {
      if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_TEMPLATE) {
        k = n.end - 1;
      } else if (n.tag == GUMBO_TAG_BR) {
        pending_space = true;
      }
      continue;
    }
    AppendCollapsed(n.text, &out, &pending_space);
  }
  return out;
}

bool IsSpaceAt(std::string_view s, std::size_t i, std::size_t* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  if (c < 0xC2) return false;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;  // U+00A0
    return true;
  }
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
    if (c2 <= 0x8A || c2 == 0xAF) {  // U+2000..U+200A, U+202F
      *len = 3;
      return true;
    }
    if (c2 == 0x8B) {  // U+200B zero width space: a word break, treated as one
      *len = 3;
      return true;
    }
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    *len = 3;  // U+3000 ideographic space
    return true;
  }
  return false;
}

void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t len;
    if (IsSpaceAt(text, i, &len)) {
      *pending_space = true;
      i += len;
      continue;
    }
    // Copy a run of non-space bytes at once.
    std::size_t j = i;
    while (j < n) {
      unsigned char c = static_cast<unsigned char>(text[j]);
      if (c <= ' ' || c == 0xC2 || c == 0xE2 || c == 0xE3) {
        std::size_t l;
        if (IsSpaceAt(text, j, &l)) break;
      }
      ++j;
    }
    if (*pending_space && !out->empty() && out->back() != '\n') out->push_back(' ');
    *pending_space = false;
    out->append(text.data() + i, j - i);
    i = j;
  }
}

}  // namespace newsfacts::internal
