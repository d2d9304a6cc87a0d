// newsfacts/fact_store.h — the SQLite database: documents, articles, figures
// and facts. Start here to query what newsfacts has collected.
//
//   auto store = FactStore::Open("newsfacts.db");      // creates + migrates
//   Result<PutResult> r = (*store)->Put(record);         // one document, atomically
//   auto facts = (*store)->Facts({.entity = "Tencent", .metric = "capex"});
//
// The file is a plain SQLite 3 database (WAL mode, foreign keys on) whose
// schema is documented in the README, so `sqlite3 newsfacts.db` works too.
// The schema is versioned with PRAGMA user_version and migrated on Open.
//
// Idempotence: Put() keys documents by URL. The same URL with the same
// content hash is kUnchanged (nothing written but the fetch metadata); the
// same URL with new content replaces the old article, figures and facts; a
// new URL whose bytes (content hash) or canonical URL match a stored
// document is recorded as a kDuplicate of it without extracting again.
// Each Put is one SQLite savepoint: a failure leaves no partial rows.
//
// Thread-safety: a FactStore is used from one thread at a time. Several
// processes may open the same file (SQLite locking; busy timeout applies).
// Failure: Open fails with IoError/Corruption/Unsupported (schema from a
// newer version); queries return Status, never throw.
#ifndef NEWSFACTS_FACT_STORE_H_
#define NEWSFACTS_FACT_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "newsfacts/article.h"
#include "newsfacts/attribution.h"
#include "newsfacts/facts.h"
#include "newsfacts/figures.h"
#include "newsfacts/status.h"

namespace newsfacts {

namespace store {
class Database;
}

// Where a document came from and how it was fetched.
struct DocumentRecord {
  std::string url;             // http(s) URL or file:// URI; the identity
  std::string canonical_url;   // "" if none
  std::string source;          // publisher key, e.g. the host "harbour-ledger.test"
  std::string site_name;       // human-readable publisher name, if known
  std::string content_hash;    // ContentHash() of the raw bytes
  std::uint64_t size = 0;      // raw size in bytes
  int http_status = 0;         // 0 for files
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string charset;
  std::string fetched_at;      // ISO 8601 UTC
  std::string warc_file;       // "" if not kept
  std::int64_t warc_offset = -1;
  std::optional<std::uint64_t> simhash;
};

// Everything extracted from one document, stored together.
struct IngestRecord {
  DocumentRecord document;
  // Set when the document is an article; figures and facts refer to its text.
  std::optional<Article> article;
  std::vector<Figure> figures;
  std::vector<Fact> facts;
  // Organisations the article cites as its source ("according to the FT").
  std::vector<Attribution> attributions;
  // "ok", "not_article" (listing or other page) or "error" (then `error` says why).
  std::string status = "ok";
  std::string error;
};

// (entity, metric, period): what the reconciler groups facts by.
struct ClaimKey {
  std::string entity;
  std::string metric;
  std::string period;
  bool operator<(const ClaimKey& o) const {
    return std::tie(entity, metric, period) < std::tie(o.entity, o.metric, o.period);
  }
  bool operator==(const ClaimKey& o) const {
    return entity == o.entity && metric == o.metric && period == o.period;
  }
};

enum class PutOutcome { kInserted, kReplaced, kUnchanged, kDuplicate };
std::string_view PutOutcomeName(PutOutcome o);  // "inserted", "replaced", ...

struct PutResult {
  PutOutcome outcome = PutOutcome::kInserted;
  std::int64_t document_id = 0;
  std::int64_t article_id = 0;       // 0 when no article was stored
  std::int64_t duplicate_of = 0;     // for kDuplicate
  int facts_written = 0;
  // Claims whose facts were added or removed by this Put (for incremental
  // reconciliation).
  std::vector<ClaimKey> touched;
};

// A fact as stored, with where it came from.
struct StoredFact {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  std::string title;
  std::string site;
  Fact fact;
};

// Filters for Facts(); empty fields match everything. `entity` and `metric`
// match case-insensitively; `period` "2024" matches "2024" and every period
// inside it ("2024-H1", "2024-Q2", "2024-08").
struct FactQuery {
  std::string entity;
  std::string metric;
  std::string period;
  std::string source;     // substring of the article URL
  int limit = 0;          // 0 = no limit
};

struct StoreStats {
  std::int64_t documents = 0;
  std::int64_t articles = 0;
  std::int64_t figures = 0;
  std::int64_t facts = 0;
};

class FactStore {
 public:
  struct Options {
    bool read_only = false;       // open without creating or migrating
    int busy_timeout_ms = 10000;  // wait this long for another writer
  };

  // Opens or creates the database at `path` (":memory:" for a private
  // in-memory one) and migrates its schema.
  static Result<std::unique_ptr<FactStore>> Open(const std::string& path, Options options);
  static Result<std::unique_ptr<FactStore>> Open(const std::string& path) {
    return Open(path, Options());
  }
  ~FactStore();
  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;

  // The content hash stored for `url`, if that URL is known.
  Result<std::optional<std::string>> ContentHashOf(const std::string& url);

  // Stores one document and what was extracted from it, atomically.
  Result<PutResult> Put(const IngestRecord& record);

  Result<std::vector<StoredFact>> Facts(const FactQuery& query);
  Result<StoreStats> Stats();

  // Explicit transactions group many Puts (much faster for bulk ingest) and
  // make several writes atomic. Nesting is not supported. Articles become
  // searchable (articles_fts) when the transaction commits: Commit indexes
  // them all in one statement (a Put outside a transaction does it itself).
  Status Begin();
  Status Commit();
  Status Rollback();

  // The schema version of this build (PRAGMA user_version after Open).
  static int SchemaVersion();

  // For code inside store/ and reconcile/ (claims, crawl state): the
  // underlying connection. Not part of the stable API.
  store::Database& database() { return *db_; }

 private:
  explicit FactStore(std::unique_ptr<store::Database> db);
  std::unique_ptr<store::Database> db_;
};

}  // namespace newsfacts

#endif  // NEWSFACTS_FACT_STORE_H_
