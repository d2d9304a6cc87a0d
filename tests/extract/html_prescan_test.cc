// Tests for extract/html_prescan + html_dom: text runs replaced by markers
// before Gumbo come back into the tree, and the tree Gumbo builds is the one
// it builds from the page with its text left in (same elements, same
// parents, same text in every node), on the corpus pages, on edge cases of
// the HTML tokenizer and tree builder, and on random markup.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "html_dom.h"
#include "html_prescan.h"
#include "newsfacts/charset.h"
#include "test_util.h"

namespace newsfacts::internal {
namespace {

struct Parsed {
  std::vector<std::string> nodes;  // one line per node: depth, parent, end, tag, text
  std::size_t gumbo_bytes = 0;     // what the parser read
  std::size_t segments = 0;
};

Parsed ParseWith(std::string_view html, bool compact) {
  PrescannedHtml pre = PrescanHtml(html, 256, compact);
  Parsed p;
  p.gumbo_bytes = pre.html.size();
  p.segments = pre.segments.ends.size();
  auto doc = HtmlDocument::Parse(std::move(pre.html), std::move(pre.segments));
  for (const DomNode& n : doc->nodes()) {
    p.nodes.push_back(std::to_string(n.depth) + " " + std::to_string(n.parent) + " " +
                      std::to_string(n.end) + " " + std::to_string(static_cast<int>(n.tag)) +
                      (n.is_text ? " text:" + std::string(n.text) : std::string()));
  }
  return p;
}

// The tree with compaction equals the tree without; returns the first.
Parsed RequireSameTree(std::string_view html) {
  Parsed with = ParseWith(html, true);
  Parsed without = ParseWith(html, false);
  INFO("html: " << html);
  REQUIRE(with.nodes.size() == without.nodes.size());
  for (std::size_t i = 0; i < with.nodes.size(); ++i) {
    INFO("node " << i);
    REQUIRE(with.nodes[i] == without.nodes[i]);
  }
  return with;
}

TEST_CASE("html prescan: corpus pages parse to the same tree with their text runs compacted",
          "[extract][prescan]") {
  int pages = 0;
  std::size_t with_bytes = 0, without_bytes = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(testing::SourceDir() / "corpus" / "sites")) {
    if (e.path().extension() != ".html") continue;
    // As the extractor sees it: UTF-8.
    std::string html = DecodeToUtf8(testing::ReadFile(e.path()), "", /*sniff_html=*/true).utf8;
    INFO(e.path());
    Parsed p = RequireSameTree(html);
    CHECK(p.segments > 0);
    with_bytes += p.gumbo_bytes;
    without_bytes += ParseWith(html, false).gumbo_bytes;
    ++pages;
  }
  REQUIRE(pages >= 20);
  // The parser reads far less: much of what is left after the prescan is text.
  CHECK(with_bytes * 3 < without_bytes * 2);
}

TEST_CASE("html prescan: compacted text keeps what the tokenizer and tree builder do with it",
          "[extract][prescan]") {
  using namespace std::string_literals;
  const std::vector<std::string> cases = {
      // References stay whole for the parser, text around them is compacted.
      "<p>Tom &amp; Jerry went home early today &mdash; and stayed &copy2024 rights reserved</p>",
      "<p>A long dash&#x2014;between words here&#8217;s text &notit; &nbsp;&nbsp; trailing words</p>",
      "<p>An ampersand & alone in text here, and &unknownentity; here as well</p>",
      // A literal '<' and a bogus comment after "</ ".
      "<p>a &lt; b and 3 < 4 holds in this sentence, <3 hearts and more</p>",
      "<p>text before</ 3 bogus comment up to here> visible text after the comment</p>",
      // Tree construction that depends on the first non-blank character.
      "<table>foster parented text here<tr><td>cell text long enough</td></tr>more table text</table>",
      "<table>   <tr>  <td>  padded cell text  </td>  </tr>  </table>",
      "<head>text in the head moves the parser to the body<meta name=x content=y></head><p>more</p>",
      "leading text before any element at all<html><body><p>paragraph text</p></body></html>",
      "<pre>\nfirst line of preformatted text\n  second line indented</pre>",
      "<textarea>\ntext area content goes here</textarea><title>A title of a page</title>",
      "<select><option>first option text</option><option>second option text</select>",
      "<frameset><frame>text inside a frameset is dropped</frameset>",
      "<ul><li>first item text here<li>second item text here</ul>",
      "<p>text with a form feed\f inside and tabs\tinside it too</p>",
      // Characters the parser rewrites or reports.
      "<p>carriage return line\r\nends here and a lone\rcarriage return</p>",
      "<p>a NUL \0 inside text here and after it</p>"s,
      "<p>C1 control \xC2\x85 next line and \xC2\x9F inside text</p>",
      "<p>non-character \xEF\xB7\x90 and \xEF\xBF\xBE inside text here</p>",
      "<p>broken UTF-8 \xFF\xFE bytes and a cut sequence \xE4\xB8 here</p>",
      "<p>deleted \x7F char and bell \x07 inside this text</p>",
      // CJK and other scripts, full-width forms (EF BC xx: not private use).
      "<p>阿里巴巴、腾讯和百度今年上半年的资本支出合计达到500亿元（约70亿美元）。</p>",
      "<p>Alibaba investierte 4,2 Milliarden Renminbi – mehr als im Vorjahr.</p>",
      "<p>short</p><p>tiny</p><p>1234567</p><p>12345678</p>",
      "<div>   </div><div>\n\n</div>",
  };
  for (const std::string& c : cases) RequireSameTree(c);
}

TEST_CASE("html prescan: text runs come back into the text nodes", "[extract][prescan]") {
  Parsed p = RequireSameTree("<p>Tom &amp; Jerry went home early today</p>");
  CHECK(p.segments == 1);  // "Tom " is too short to compact
  bool found = false;
  for (const std::string& n : p.nodes) found = found || n.ends_with("text:Tom & Jerry went home early today");
  CHECK(found);
}

TEST_CASE("html prescan: a page with private-use characters of its own is not compacted",
          "[extract][prescan]") {
  // An icon font glyph (U+E001) in the text, or a reference to one.
  for (const char* html : {"<p>icon \xEE\x80\x81 in a long paragraph of text</p>",
                           "<p>icon \xEF\x80\x81 in a long paragraph of text</p>",
                           "<p>icon &#xE000; in a long paragraph of text</p>",
                           "<p>icon &#57344 in a long paragraph of text</p>",
                           "<p title='&#xe001;'>icon in a long paragraph of text</p>"}) {
    Parsed p = RequireSameTree(html);
    CHECK(p.segments == 0);
  }
  // Full-width forms share the lead byte EF: still compacted.
  CHECK(RequireSameTree("<p>价格为５０亿元，同比增长一倍。</p>").segments == 1);
}

TEST_CASE("html prescan: more runs than markers leave the rest as text", "[extract][prescan]") {
  std::string html = "<div>";
  for (std::size_t i = 0; i < kMaxSegments + 500; ++i) html += "<p>paragraph number " + std::to_string(i) + "</p>";
  html += "</div>";
  Parsed p = RequireSameTree(html);
  CHECK(p.segments == kMaxSegments);
}

TEST_CASE("html prescan: random markup parses to the same tree", "[extract][prescan]") {
  const std::vector<std::string> pieces = {
      "<p>", "</p>", "<div>", "</div>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<li>",
      "<ul>", "</ul>", "<pre>", "</pre>", "<title>", "</title>", "<head>", "<body>", "<br>",
      "<b>", "</b>", "<i>", "<a href=x>", "</a>", "<select>", "<option>", "<textarea>",
      "</textarea>", "<frameset>", "<svg>", "</svg>", "<!-- c -->", "<!doctype html>", "<",
      "</ ", ">", "&amp;", "&copy", "&#x41;", "&#", "&", ";", " ", "\n", "\r\n", "\r", "\t",
      "\f", std::string(1, '\0'), "\x01", "\xC2\x85", "\xEF\xB7\x90", "\xFF", "\xE4\xB8",
      "plain words of text", "more text here", "x", "数字500亿元", "Milliarden Euro",
      "   padded text   ", "text&amp;more text", "a<b", "</p >", "<p/>", "<img src=a>",
      "<plaintext>", "<xmp>", "</xmp>", "<iframe>", "<noembed>", "<noframes>", "<script>",
      "</script>", "<style>", "<nav>", "</nav>", "<footer>", "<colgroup>", "<caption>",
      "<math>", "<![CDATA[", "]]>", "<?x", "</>", "<!x>", "&#xE000;", "\xEE\x80\x80",
      "<html>", "</body>", "</html>", "<template>", "</template>", "<h1>", "<form>"};
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) html += pieces[pick(rng)];
    RequireSameTree(html);
  }
}

}  // namespace
}  // namespace newsfacts::internal
