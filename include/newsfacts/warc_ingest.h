// newsfacts/warc_ingest.h — re-extract pages from WARC files without refetching.
//
//   WarcIngestOptions opt;
//   Result<WarcIngestStats> r = IngestWarcFile(*store, "crawl.warc.gz", opt);
//
// Every `response` record (WARC 1.0/1.1, ours or another crawler's: wget,
// Heritrix, warcprox, ...) whose HTTP status is 2xx and whose payload is a page
// (text/html, application/xhtml+xml, text/plain, or no type but markup) goes
// through the same Ingestor path as a fetched page: RawDocument with the
// target URI (normalised as the crawler does, so a page crawled by newsfacts
// and re-ingested from its WARC is recognised as unchanged), the HTTP
// Content-Type (charset), ETag, Last-Modified, WARC-Date as fetched_at, and
// the file and record offset. Content-Encoding (gzip, deflate) is undone;
// records newsfacts wrote carry decoded bodies already
// (X-Newsfacts-Original-Content-Encoding). `resource` records with an HTML
// Content-Type are ingested as well; revisit, request, metadata, warcinfo,
// non-2xx and non-page records are counted as skipped. A corrupt record is
// counted and reported, and reading resumes at the next one.
//
// Writes are batched in transactions of `batch` documents (the caller must
// not hold a transaction open). Thread-safety: one call per FactStore at a time.
#ifndef NEWSFACTS_WARC_INGEST_H_
#define NEWSFACTS_WARC_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/ingestor.h"
#include "newsfacts/status.h"

namespace newsfacts {

struct WarcIngestOptions {
  IngestOptions ingest;
  std::uint64_t max_body_bytes = 16ull << 20;  // larger payloads are cut (truncated = true)
  int batch = 200;
  // Called after each ingested document (progress, per-document output).
  std::function<void(const RawDocument&, const IngestOutcome&)> on_document;
};

struct WarcIngestStats {
  std::int64_t records = 0;      // records read
  std::int64_t documents = 0;    // page records ingested
  std::int64_t inserted = 0, replaced = 0, unchanged = 0, duplicates = 0;
  std::int64_t not_articles = 0;
  std::int64_t extraction_errors = 0;
  std::int64_t skipped = 0;      // not a 2xx page
  std::int64_t bad_records = 0;  // corrupt records (reading went on)
  std::int64_t figures = 0, facts = 0;
  std::vector<std::string> problems;  // first messages about bad records
};

// Fails only if the file cannot be opened or the database fails.
Result<WarcIngestStats> IngestWarcFile(FactStore& store, const std::string& path,
                                       const WarcIngestOptions& options);

}  // namespace newsfacts

#endif  // NEWSFACTS_WARC_INGEST_H_
