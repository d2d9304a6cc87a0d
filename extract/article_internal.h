// extract/article_internal.h — the pieces ExtractArticle is built from.
//
//   raw bytes --DecodeToUtf8--> UTF-8 --PrescanHtml--> lean HTML + JSON-LD
//     --HtmlDocument::Parse--> node array --ExtractPageMeta--> title, dates, ...
//                                        --ExtractBody-----> main text
//
// Everything here is internal to extract/; callers use newsfacts/article.h.
#ifndef NEWSFACTS_EXTRACT_ARTICLE_INTERNAL_H_
#define NEWSFACTS_EXTRACT_ARTICLE_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "html_dom.h"

namespace newsfacts::internal {

// Metadata of a page, each field from the best source that has it.
struct PageMeta {
  std::string title;          // cleaned of the site suffix
  std::string site;
  std::string canonical_url;  // absolute, or ""
  std::string declared_lang;  // normalised <html lang>, content-language, og:locale
  std::string published;      // ISO 8601, or ""
  std::vector<std::string> authors;
  std::string json_ld_body;   // JSON-LD articleBody, or ""
  bool article_markup = false;  // og:type article or an Article-typed JSON-LD
  int body_start = -1;        // node index of <body>, -1 if none
};

PageMeta ExtractPageMeta(const HtmlDocument& doc, const std::vector<std::string>& json_ld,
                         std::string_view url);

struct BodyResult {
  std::vector<std::string> paragraphs;
  int container = -1;          // node index of the chosen container
  int good_paragraphs = 0;     // long, sentence-like, few links
  long long body_bytes = 0;    // text bytes in <body> outside removed furniture
  long long body_link_bytes = 0;
  int teaser_links = 0;        // links with headline-length text in <body>
  int link_blocks = 0;         // link-only blocks (headlines) inside the container
  int headline_links = 0;      // links filling their block inside the container,
                               // counted in the DOM (also inside dropped parts)
  std::string date_text;       // a short date-like line seen near the top, or ""
};

struct BodyHints {
  std::string_view title;
  std::string_view json_ld_body;
};

BodyResult ExtractBody(const HtmlDocument& doc, const BodyHints& hints);

// "Title | Site" -> "Title" (also " - ", " — ", " :: ", " · ", " » ").
std::string CleanTitle(std::string_view title, std::string_view site);

// `ref` resolved against `base` (RFC 3986, simplified); `ref` as is when it
// is absolute or `base` is not a usable absolute URL.
std::string ResolveUrl(std::string_view base, std::string_view ref);

// True if `line` (any case) is page furniture per article_furniture.tsv.
bool IsFurnitureLine(std::string_view line);

// Lower-cases ASCII letters and collapses white space (for comparisons).
std::string FoldForCompare(std::string_view s);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_ARTICLE_INTERNAL_H_
