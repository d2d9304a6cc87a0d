// ingest/crawl_discovery.h — finding URLs in what the crawler fetched
// (internal to newsfacts_ingest; the crawler and its tests use it).
//
// ScanLinks() reads an HTML page for <a>/<area> hrefs, <link rel=canonical>,
// <link rel=alternate type=rss/atom> feeds, <base href> and
// <meta name=robots content=nofollow>. It is a tag scanner, not a parser: it
// skips comments, <script>, <style> and <template> bodies, decodes the
// character references that occur in URLs, and never allocates per byte, so
// it costs a fraction of the article extraction that runs on the same page.
// Hrefs are returned as written (resolve them against `base` or the page URL).
//
// ParseDiscoveryXml() reads RSS 2.0/1.0 (<item><link>), Atom (<entry><link
// rel=alternate href>), sitemaps (<urlset><url><loc>, including Google News
// sitemaps) and sitemap indexes (<sitemapindex><sitemap><loc>), gzip-
// compressed or not (detected by magic bytes; inflated with a size cap, so a
// gzip bomb stops at `max_bytes`), and plain-text sitemaps (one URL a line).
// Malformed XML yields the URLs parsed before the error.
//
// Thread-safety: pure functions.
#ifndef NEWSFACTS_INGEST_CRAWL_DISCOVERY_H_
#define NEWSFACTS_INGEST_CRAWL_DISCOVERY_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/status.h"

namespace newsfacts {

struct PageLinks {
  std::string base;                // <base href>, "" if none
  std::string canonical;           // <link rel=canonical href>, "" if none
  std::vector<std::string> links;  // <a href>, <area href> (rel=nofollow skipped)
  std::vector<std::string> feeds;  // <link rel=alternate type=application/(rss|atom)+xml>
  bool nofollow = false;           // <meta name=robots content=...nofollow...>
};

// At most `max_links` links are returned.
PageLinks ScanLinks(std::string_view html, std::size_t max_links = 10000);

enum class DiscoveryKind { kNone, kRss, kAtom, kSitemap, kSitemapIndex, kTextSitemap };
std::string_view DiscoveryKindName(DiscoveryKind k);  // "rss", "atom", "sitemap", ...

struct DiscoveredUrls {
  DiscoveryKind kind = DiscoveryKind::kNone;
  std::vector<std::string> urls;  // as written, trimmed
};

// True if the response looks like a feed or sitemap rather than a page: an
// XML/RSS/Atom content type, a gzip body, or a body that starts with an XML
// declaration or an <rss>, <feed>, <urlset>, <sitemapindex> element.
bool LooksLikeDiscoveryDocument(std::string_view content_type, std::string_view body);

// kCorruption if nothing usable was found in a body that should have been
// XML; kResourceExhausted if a gzip body inflates past `max_bytes`.
Result<DiscoveredUrls> ParseDiscoveryXml(std::string_view body, std::size_t max_urls = 100000,
                                         std::size_t max_bytes = 64u << 20);

}  // namespace newsfacts

#endif  // NEWSFACTS_INGEST_CRAWL_DISCOVERY_H_
