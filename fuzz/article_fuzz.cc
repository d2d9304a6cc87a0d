// libFuzzer entry point for the HTML side of extract/: charset decoding, the
// HTML prescan, Gumbo, metadata and body extraction, and the plain-text path.
//
//   CXX=clang++ cmake -S . -B build-fuzz -DNEWSFACTS_FUZZ=ON \
//       -DNEWSFACTS_BUILD_TESTS=OFF -DNEWSFACTS_BUILD_BENCH=OFF
//   cmake --build build-fuzz --target article_fuzz
//   build-fuzz/article_fuzz -max_len=65536 -timeout=10 corpus_dir/
//
// The first byte picks a Content-Type charset so declared-charset decoding is
// exercised too; the rest is the page. The prescan's text compaction must
// leave the parsed tree as it is without it (html_prescan.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "html_dom.h"
#include "html_prescan.h"
#include "newsfacts/article.h"
#include "newsfacts/charset.h"

namespace {

constexpr const char* kContentTypes[] = {
    "", "text/html; charset=utf-8", "text/html; charset=gbk", "text/html; charset=shift_jis",
    "text/html; charset=big5", "text/html; charset=euc-kr", "text/html; charset=windows-1251",
    "text/html; charset=koi8-r", "text/html; charset=iso-8859-2", "text/html; charset=utf-16le",
    "text/html; charset=iso-2022-jp", "text/html; charset=bogus"};

void Check(bool ok) {
  if (!ok) std::abort();
}

// The parsed tree of `html` as text: every node's place, tag and text.
std::string Tree(std::string_view html, bool compact) {
  newsfacts::internal::PrescannedHtml pre = newsfacts::internal::PrescanHtml(html, 128, compact);
  auto doc = newsfacts::internal::HtmlDocument::Parse(std::move(pre.html), std::move(pre.segments));
  std::string out;
  for (const newsfacts::internal::DomNode& n : doc->nodes()) {
    out += std::to_string(n.parent) + ' ' + std::to_string(n.end) + ' ' +
           std::to_string(static_cast<int>(n.tag)) + ' ';
    if (n.is_text) out.append(n.text);
    out += '\n';
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* ct = kContentTypes[data[0] % (sizeof kContentTypes / sizeof kContentTypes[0])];
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

  newsfacts::Decoded d = newsfacts::DecodeToUtf8(input, ct);
  Check(newsfacts::IsValidUtf8(d.utf8));
  Check(Tree(d.utf8, true) == Tree(d.utf8, false));

  newsfacts::ExtractOptions options;
  options.url = "https://fuzz.example/a/b.html";
  options.content_type = ct;
  options.max_depth = 64 + (data[0] % 4) * 64;
  newsfacts::Result<newsfacts::Article> a = newsfacts::ExtractArticle(input, options);
  if (a.ok()) {
    Check(newsfacts::IsValidUtf8(a->text));
    Check(newsfacts::IsValidUtf8(a->title));
    Check(newsfacts::IsValidUtf8(a->published));
    for (const std::string& author : a->authors) Check(newsfacts::IsValidUtf8(author));
    Check(a->page_type == "article" || a->page_type == "listing" || a->page_type == "other");
  }
  newsfacts::Result<newsfacts::Article> t = newsfacts::ArticleFromText(input, options);
  if (t.ok()) Check(newsfacts::IsValidUtf8(t->text));
  return 0;
}
