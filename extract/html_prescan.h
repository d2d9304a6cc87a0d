// extract/html_prescan.h — a cheap pass over raw HTML before Gumbo sees it.
//
// Gumbo spends most of its time on markup that never holds article text
// (inline scripts, JSON blobs, CSS, SVG icons, comments) and its tree
// construction is quadratic in the nesting depth (100k unclosed <div>s take
// minutes). PrescanHtml therefore
//   - drops <script>, <style>, <noscript>, <template>, <svg>, <math> elements
//     with their content, and comments;
//   - keeps the bodies of <script type="application/ld+json"> aside;
//   - flattens elements nested deeper than `max_depth` into their ancestor by
//     dropping their start and end tags (content is kept).
//   - replaces each run of plain text (no '&', no control or non-character
//     code points, at least kMinCompactBytes between its first and last
//     non-blank character) by one private-use character, U+E000 + the run's
//     index, keeping the run in `segments`. Gumbo turns every character of
//     text into a token of its own (about 400 instructions a character);
//     a marker is one token. The tree it builds is the same: a marker is a
//     non-blank character where the run's first non-blank one was, blanks
//     around it stay, and entities stay for Gumbo to decode.
//     HtmlDocument::Parse puts the runs back into the text nodes. A page that
//     contains a private-use character itself (or a numeric reference to
//     one) is left as it is.
// The output is still HTML for Gumbo. The pass is linear in the input and
// allocates only the output strings and a bounded tag stack.
#ifndef NEWSFACTS_EXTRACT_HTML_PRESCAN_H_
#define NEWSFACTS_EXTRACT_HTML_PRESCAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts::internal {

// Runs of text taken out of the HTML: run k is bytes[ends[k-1], ends[k]).
struct TextSegments {
  std::string bytes;
  std::vector<std::uint32_t> ends;
};

// The private-use characters that stand for runs: U+E000 + k.
constexpr char32_t kSegmentMarkerFirst = 0xE000;
constexpr std::size_t kMaxSegments = 0xF8FF - 0xE000 + 1;
constexpr std::size_t kMinCompactBytes = 8;

struct PrescannedHtml {
  std::string html;                    // what is left for the parser
  TextSegments segments;               // runs of text replaced by markers in `html`
  std::vector<std::string> json_ld;    // <script type="application/ld+json"> bodies
  int dropped_tags = 0;                // start tags flattened for depth
};

// `compact_text` false keeps all text in `html` (for tests that compare).
PrescannedHtml PrescanHtml(std::string_view html, int max_depth, bool compact_text = true);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_HTML_PRESCAN_H_
