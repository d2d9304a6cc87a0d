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
// The output is still HTML for Gumbo. The pass is linear in the input and
// allocates only the output string and a bounded tag stack.
#ifndef NEWSFACTS_EXTRACT_HTML_PRESCAN_H_
#define NEWSFACTS_EXTRACT_HTML_PRESCAN_H_

#include <string>
#include <string_view>
#include <vector>

namespace newsfacts::internal {

struct PrescannedHtml {
  std::string html;                    // what is left for the parser
  std::vector<std::string> json_ld;    // <script type="application/ld+json"> bodies
  int dropped_tags = 0;                // start tags flattened for depth
};

PrescannedHtml PrescanHtml(std::string_view html, int max_depth);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_HTML_PRESCAN_H_
