// newsfacts/ingestor.h — one document in, rows in the store out.
//
// The Ingestor wires the stages together for one raw document (a file, a
// WARC record or a fetched page): decode and extract the article (HTML) or
// read it as plain text, find figures, attach facts, fingerprint, and store
// everything with FactStore::Put in one transaction.
//
//   Ingestor ingestor(*store);
//   Result<IngestOutcome> r = ingestor.Ingest(raw);   // r->put.outcome, r->facts
//
// ExtractRecord() is the same pipeline without a database (benchmarks and
// dry runs). Documents whose URL is already stored with the same content
// hash are recognised before any extraction work (kUnchanged).
//
// Also here: ListInputs() expands the paths given to `newsfacts ingest`
// (directories recursively, sorted) and ReadInput() reads one file with a
// size cap, so a 50 MB page is never held whole in memory.
//
// Thread-safety: an Ingestor uses its FactStore from one thread.
#ifndef NEWSFACTS_INGESTOR_H_
#define NEWSFACTS_INGESTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/status.h"

namespace newsfacts {

// A document as it arrives, before extraction.
struct RawDocument {
  enum class Format { kHtml, kText };
  std::string url;           // http(s) URL or file:// URI
  std::string bytes;         // raw body (possibly capped)
  bool truncated = false;    // bytes were cut at a size cap
  Format format = Format::kHtml;
  std::string content_type;  // HTTP Content-Type, if any
  int http_status = 0;
  std::string etag;
  std::string last_modified;
  std::string fetched_at;    // ISO 8601 UTC
  std::string warc_file;
  std::int64_t warc_offset = -1;
  std::string lang_hint;     // from the source config, "" if none
};

struct IngestOptions {
  // Store figures and facts of pages classified as listings too. Default off:
  // index and section pages are recorded as documents only.
  bool keep_non_articles = false;
};

struct IngestOutcome {
  PutResult put;
  std::string status;   // "ok", "not_article", "error" (see IngestRecord)
  std::string error;    // extraction problem, when status = "error"
  std::string title;
  int figures = 0;
  int facts = 0;
};

// Runs extraction only: decode, article, figures, facts, fingerprints.
IngestRecord ExtractRecord(const RawDocument& raw, const IngestOptions& options);

class Ingestor {
 public:
  explicit Ingestor(FactStore& store, IngestOptions options = IngestOptions());
  // Extracts and stores one document. An extraction failure (an empty or
  // binary file) is stored as a document with status "error" and reported in
  // the outcome; only database failures return a non-OK Result.
  Result<IngestOutcome> Ingest(const RawDocument& raw);

 private:
  FactStore& store_;
  IngestOptions options_;
};

// Expands files and directories (recursively) into the sorted list of
// ingestible files: .html .htm .xhtml .txt .warc .warc.gz. A path that does not
// exist is an error; unknown extensions and site metadata (robots.txt, ads.txt,
// security.txt, ...) inside directories are skipped, but a file named
// explicitly is ingested by sniffing its content.
Result<std::vector<std::string>> ListInputs(const std::vector<std::string>& paths);

// Reads a file as a RawDocument (url = file:// URI of its absolute path;
// format from the extension or content; fetched_at = its mtime), reading at
// most `max_bytes` (then truncated = true).
Result<RawDocument> ReadInput(const std::string& path, std::uint64_t max_bytes);

// "file:///abs/path%20with%20space.html" for a local path.
std::string FileUri(const std::string& path);

}  // namespace newsfacts

#endif  // NEWSFACTS_INGESTOR_H_
