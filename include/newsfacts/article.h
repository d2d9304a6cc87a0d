// newsfacts/article.h — turn one HTML page (or a plain-text file) into an Article.
//
//   Result<Article> a = ExtractArticle(html_bytes, {.url = "https://x.com/a"});
//   a->title      "Chinese tech giants double AI spending"
//   a->text       main text only, paragraphs separated by "\n\n", valid UTF-8
//   a->published  "2024-08-26T13:21:00+00:00", "2024-08-26T13:21" (no zone
//                 known) or "2024-08-26" or ""; from JSON-LD, <meta>,
//                 <time datetime>, dated elements, the URL, then the text
//   a->lang       "en" (html lang attribute, else detected from the text)
//   a->page_type  "article", "listing" or "other" (see Article)
//
// The input is raw bytes in any charset: the HTTP Content-Type charset (if
// given), a BOM, <meta charset>, then ICU detection decide how to decode it.
// Invalid bytes become U+FFFD; the output is always valid UTF-8.
//
// Boilerplate (navigation, ads, footers, comments, cookie banners, related
// links, teaser lists) is removed by DOM scoring on text and link density,
// helped by itemprop=articleBody / <article> hints, the class/id words in
// extract/lexicons/article_classes.tsv and the furniture lines in
// article_furniture.tsv; JSON-LD articleBody is used when the DOM yields
// next to nothing. Headings inside the body stay, each its own paragraph.
//
// Robustness: scripts, styles, comments and SVG are cut before parsing,
// elements nested deeper than ExtractOptions::max_depth are flattened, and
// every tree walk is iterative, so no input overflows the stack or makes the
// parser quadratic; the output strings are always valid UTF-8.
//
// Failure: an empty input (or only white space), or a page with neither text
// nor title, is Status::InvalidArgument; inputs larger than
// ExtractOptions::max_input_bytes are truncated at that size before anything
// else looks at them, not rejected.
//
// Thread-safety: the functions are reentrant; call them from any thread.
#ifndef NEWSFACTS_ARTICLE_H_
#define NEWSFACTS_ARTICLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/status.h"

namespace newsfacts {

// One article as the rest of the pipeline sees it. Plain data.
struct Article {
  std::string url;            // the URL it was fetched from / given as
  std::string canonical_url;  // <link rel=canonical> / og:url, absolute; "" if none
  std::string title;
  std::string text;           // main text, paragraphs separated by a blank line
  std::string lang;           // ISO 639-1 code ("en", "de", "zh"), "" if unknown
  std::string published;      // ISO 8601 date or date-time, "" if unknown
  std::vector<std::string> authors;
  std::string site;           // site name (og:site_name, JSON-LD publisher, host)
  std::string charset;        // the charset the bytes were decoded from
  // "article" (a single story: og:type article, NewsArticle JSON-LD, or one
  // dominant text block), "listing" (index, section or tag page: mostly
  // links), or "other". Ingest and crawl store only "article" pages' facts.
  std::string page_type;
};

struct ExtractOptions {
  // URL of the page: used for the `url` field, to resolve relative canonical
  // links and as the site name fallback. Default: none.
  std::string url;
  // Value of the HTTP Content-Type header, if known ("text/html; charset=gbk").
  // Its charset wins over everything but a BOM. Default: none.
  std::string content_type;
  // Pages larger than this are cut at this size before parsing. Default 8 MiB.
  std::size_t max_input_bytes = 8u << 20;
  // Elements nested deeper than this are flattened into their ancestor (their
  // tags are dropped before parsing, their text kept). Default 256.
  int max_depth = 256;
};

// Extracts the main article from an HTML page.
Result<Article> ExtractArticle(std::string_view html, const ExtractOptions& options);

// Builds an Article from a plain-text file (the seeds' format). A leading
// date line such as "date 2024-08-26 ...", "Aug 26, 2024 13:21" or
// "26. August 2024" sets `published` and is dropped from the text; the first
// short line without final punctuation becomes the title when it looks like one.
Result<Article> ArticleFromText(std::string_view text, const ExtractOptions& options);

}  // namespace newsfacts

#endif  // NEWSFACTS_ARTICLE_H_
