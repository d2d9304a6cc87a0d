// extract/html_dom.h — a Gumbo parse flattened into a pre-order node array.
//
// Every walk over the tree in the extractor is a loop over this array (never
// recursion), so no input can overflow the stack: node i's subtree is the
// index range [i, nodes[i].end). Text nodes keep a view of Gumbo's decoded
// text, with the runs PrescanHtml replaced by markers put back; the
// HtmlDocument owns the Gumbo output and those texts and keeps them alive.
//
// Thread-safety: an HtmlDocument is immutable after Parse and may be read
// from several threads.
#ifndef NEWSFACTS_EXTRACT_HTML_DOM_H_
#define NEWSFACTS_EXTRACT_HTML_DOM_H_

#include <gumbo.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "html_prescan.h"

namespace newsfacts::internal {

struct DomNode {
  const GumboNode* gumbo = nullptr;
  int parent = -1;
  int end = 0;           // one past the last node of this subtree
  int depth = 0;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes
  bool is_text = false;  // text, CDATA or whitespace node
  std::string_view text; // decoded text of a text node
};

class HtmlDocument {
 public:
  // Parses `html` (UTF-8). Never fails: Gumbo accepts any input. Markers
  // for `segments` (html_prescan.h) in text become the runs they stand for.
  static std::unique_ptr<HtmlDocument> Parse(std::string html, TextSegments segments = {});

  const std::vector<DomNode>& nodes() const { return nodes_; }
  const DomNode& node(int i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int size() const { return static_cast<int>(nodes_.size()); }

  // Value of attribute `name` (lower case) of element node i, or "".
  std::string_view Attr(int i, const char* name) const;
  // True if element node i has attribute `name`.
  bool HasAttr(int i, const char* name) const;
  // The element's tag name in lower case ("div", or the original name of an
  // unknown tag such as "amp-img").
  std::string TagName(int i) const;

  // Text of the subtree of node i, whitespace runs collapsed to one space and
  // trimmed. Skips <script>/<style>/<template> subtrees.
  std::string Text(int i) const;

  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;
  ~HtmlDocument();

 private:
  HtmlDocument() = default;
  std::string_view Expand(std::string_view text);

  std::string html_;
  TextSegments segments_;
  std::deque<std::string> expanded_;  // texts with their markers replaced
  GumboOutput* output_ = nullptr;
  std::vector<DomNode> nodes_;
};

// Appends `text` to `out` with whitespace runs collapsed into one space;
// `*pending_space` carries a space across calls.
void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space);

// True for Unicode whitespace we collapse (ASCII space family, NBSP, and the
// U+2000..U+200A / U+3000 spaces), given the byte at s[i]; *len is its length.
bool IsSpaceAt(std::string_view s, std::size_t i, std::size_t* len);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_HTML_DOM_H_
