// newsfacts/crawl_state.h — the crawler's durable state, in the same SQLite
// file as the documents: frontier, per-host state, fetch log, source schedule.
//
//   CrawlState state(*store);                      // store: an open FactStore
//   store->Begin();
//   ingestor-style Put(...) of a page;             // document rows
//   state.Finish(entry_id, FrontierUpdate{...});   // its frontier row
//   state.Enqueue({...links...}); state.Log({...});
//   store->Commit();                               // all of it, or nothing
//
// Because CrawlState writes through FactStore::database(), a page's document
// rows, its frontier update, the links found on it and its fetch-log row
// commit in ONE transaction when the caller brackets them with
// FactStore::Begin()/Commit(). That is the crash-safety argument: a frontier
// row is `queued` until the transaction that stores its page marks it `done`,
// so after a kill -9 the page is fetched again and nothing is stored twice.
//
// Tables (migration "crawl state", documented in the README for sqlite3
// users; times are unix seconds unless the column name ends in `_at` text):
//   crawl_sources   one row per configured source: interval and next due time
//   crawl_hosts     one row per host:port: cached robots.txt, failure counters
//   crawl_frontier  one row per normalised URL ever seen: state, retries,
//                   validators (ETag, Last-Modified) for conditional GET
//   crawl_log       one row per fetch attempt or refusal, with its outcome and
//                   reason ("timeout", "robots", "ssrf", "http 503", ...)
//
// Thread-safety: like FactStore, one thread at a time.
// Failure: every call returns the SQLite failure as a Status; nothing throws.
#ifndef NEWSFACTS_CRAWL_STATE_H_
#define NEWSFACTS_CRAWL_STATE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/status.h"

namespace newsfacts {

// crawl_frontier.state values.
inline constexpr const char* kFrontierQueued = "queued";    // to fetch (maybe not before `not_before`)
inline constexpr const char* kFrontierDone = "done";        // fetched and handled
inline constexpr const char* kFrontierFailed = "failed";    // gave up (retries exhausted, 4xx, ...)
inline constexpr const char* kFrontierSkipped = "skipped";  // refused by policy (robots, SSRF, budget)

struct FrontierEntry {
  std::int64_t id = 0;
  std::string url;        // normalised (NormalizeUrl); the identity
  std::uint64_t url_hash = 0;
  std::string host;       // Url::HostKey(), "host:port"
  std::string source;     // name of the source whose rules apply
  int depth = 0;          // link hops from a start URL
  int redirects = 0;      // consecutive redirect hops that led here
  std::string via;        // the URL this one was found on, "" for start URLs
  std::string state = kFrontierQueued;
  int attempts = 0;       // failed attempts so far (retries)
  std::int64_t not_before = 0;  // unix seconds; retry/back-off time
  std::string etag;
  std::string last_modified;
  std::string content_hash;
  int http_status = 0;
  std::string reason;     // why failed/skipped, "" otherwise
  std::string fetched_at; // ISO 8601 of the last successful fetch
};

// What a finished fetch changes on its frontier row (id).
struct FrontierUpdate {
  std::string state = kFrontierDone;
  int attempts = 0;
  std::int64_t not_before = 0;
  int http_status = 0;
  std::string reason;
  // Validators and hash: empty keeps the stored value.
  std::string etag;
  std::string last_modified;
  std::string content_hash;
  std::string fetched_at;
};

struct HostRecord {
  std::string host;                   // "host:port"
  bool robots_known = false;          // robots.txt fetched (or given up) at least once
  int robots_status = 0;              // HTTP status of robots.txt, 0: unreachable
  std::string robots_body;            // body when robots_status was 2xx
  std::int64_t robots_fetched = 0;    // unix seconds
  std::int64_t robots_expires = 0;    // re-fetch after this
  int robots_failures = 0;            // consecutive unreachable answers
  std::int64_t robots_unreachable_since = 0;
  int failures = 0;                   // consecutive failed page fetches
  std::int64_t backoff_until = 0;     // no requests before this
  std::int64_t pages = 0;             // pages fetched from this host (budget)
};

struct SourceSchedule {
  std::string name;
  std::int64_t interval_s = 0;
  std::int64_t next_due = 0;          // unix seconds; 0: due now
  std::int64_t last_started = 0;
  std::int64_t last_finished = 0;
};

struct FetchLogEntry {
  std::int64_t id = 0;
  std::string at;         // ISO 8601 UTC
  std::string url;
  std::string host;
  std::string source;
  std::string kind;       // page | feed | sitemap | robots
  int http_status = 0;    // 0: no HTTP answer
  // stored | unchanged | not_modified | duplicate | discovered | redirect |
  // retry | failed | skipped
  std::string outcome;
  std::string reason;     // "timeout", "robots", "ssrf", "http 404", "too large", ...
  std::int64_t bytes = 0;
  std::int64_t ms = 0;
  int attempt = 0;
};

struct FetchLogQuery {
  bool failures_only = false;  // outcome in (retry, failed, skipped)
  std::string host;            // exact host:port or host
  std::string url_contains;
  std::string outcome;
  std::string since;           // ISO 8601 lower bound on `at`
  int limit = 100;             // 0: all
};

struct FrontierCounts {
  std::int64_t queued = 0, done = 0, failed = 0, skipped = 0;
};

class CrawlState {
 public:
  // Uses `store`'s connection; the store must outlive this object.
  explicit CrawlState(FactStore& store) : store_(store) {}

  // --- frontier --------------------------------------------------------
  // Inserts a new URL; returns its id, or 0 when the URL was already known
  // (the existing row is left alone).
  Result<std::int64_t> Enqueue(const FrontierEntry& entry);
  // Puts a known URL back in the queue (a due start URL): state queued,
  // attempts 0; validators are kept for a conditional GET. Inserts it if new.
  // Returns the row id.
  Result<std::int64_t> Requeue(const FrontierEntry& entry);
  Result<std::optional<FrontierEntry>> Find(const std::string& url);
  Status Finish(std::int64_t id, const FrontierUpdate& update);
  // Queued rows of `host` with id > after_id, oldest first.
  Result<std::vector<FrontierEntry>> Queued(const std::string& host, std::int64_t after_id,
                                            int limit);
  // Hosts that have queued rows.
  Result<std::vector<std::string>> QueuedHosts();
  // Every url_hash in the frontier (the crawler's in-memory seen set).
  Status ForEachUrlHash(const std::function<void(std::uint64_t)>& fn);
  Result<FrontierCounts> Counts();
  // Number of frontier rows per host (the per-host page budget).
  Result<std::vector<std::pair<std::string, std::int64_t>>> UrlsPerHost();

  // --- hosts -----------------------------------------------------------
  Result<std::optional<HostRecord>> Host(const std::string& host);
  Status PutHost(const HostRecord& host);

  // --- sources ---------------------------------------------------------
  // Creates the source or updates its interval (keeping its schedule).
  Status UpsertSource(const std::string& name, std::int64_t interval_s);
  Result<std::optional<SourceSchedule>> Source(const std::string& name);
  Status PutSource(const SourceSchedule& source);

  // --- fetch log -------------------------------------------------------
  Status Log(const FetchLogEntry& entry);
  Result<std::vector<FetchLogEntry>> QueryLog(const FetchLogQuery& query);

 private:
  FactStore& store_;
};

}  // namespace newsfacts

#endif  // NEWSFACTS_CRAWL_STATE_H_
