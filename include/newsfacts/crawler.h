// newsfacts/crawler.h — the scheduled, polite crawler: sources in, documents
// in the store out.
//
//   CrawlOptions options;                      // defaults are polite
//   Result<CrawlConfig> config = LoadCrawlConfig("sources.toml", &options);
//   Crawler crawler(*store, *config, options);  // store: FactStore
//   Result<CrawlStats> stats = crawler.Run();   // crawls what is due, returns
//
// What a run does: every source whose next-due time has come (all of them
// with `force`) has its start URLs (home pages, RSS/Atom feeds, sitemaps or
// sitemap indexes, gzip-compressed or not) put back in the frontier; then
// URLs are fetched host by host until nothing is left that may be fetched
// within `retry_horizon` (or, with `watch`, forever: each source is revisited
// at its interval; next-due times live in the database, so a restart keeps
// the schedule). HTML pages go through the same ExtractRecord + FactStore::Put
// path as `newsfacts ingest`; their links (and <link rel=canonical>) are added
// to the frontier when in scope; feeds and sitemaps only add URLs.
//
// Politeness: robots.txt per RFC 9309 (robots.h) is fetched before any other
// URL of a host, cached 24 h in the database, and obeyed (Crawl-delay too,
// capped at max_crawl_delay; its Sitemap: lines are crawled). At most
// `connections_per_host` requests to a host at a time (default 1) and
// `delay` seconds between them (max of configured delay and Crawl-delay);
// many hosts in parallel on one libcurl multi event loop. 429/503 with
// Retry-After pause the whole host; 5xx and network errors are retried with
// exponential back-off and jitter; a host that keeps failing is backed off.
//
// Scope: a source's `allow` regular expressions (RE2, partial match on the
// normalised URL) decide; without them a config source stays on the hosts of
// its start URLs, and --seed crawls follow links anywhere unless
// `same_host`. `deny` patterns, max_depth and a per-host page budget bound
// link traps; URLs are deduplicated in normalised form (url.h: lower-case
// host, default port, no fragment, sorted query, no utm_* etc.). Only http
// and https (file:// with allow_file). A URL whose host resolves (or is) a
// loopback, private or link-local address is refused unless that host was a
// seed, a start URL, or is listed in allow_internal — checked on the address
// DNS returned, at connect time (fetcher.h).
//
// Durability: the frontier, host state, schedule and a log of every fetch
// and failure are tables in the same database (crawl_state.h). A page's
// document rows, its frontier update and the links found on it commit in one
// transaction, so killing the process at any point and running it again
// resumes without refetching what was stored and without duplicate rows.
// Raw responses go to WARC 1.1 files (warc.h) unless `warc_dir` is empty.
//
// Stop(): in-flight transfers get `stop_grace` to finish (their pages are
// stored); the rest are cancelled and stay queued; Run() then returns.
//
// Thread-safety: Run() on one thread; Stop() from any thread or a signal
// handler. Extraction runs on `workers` threads inside Run().
#ifndef NEWSFACTS_CRAWLER_H_
#define NEWSFACTS_CRAWLER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/fetcher.h"
#include "newsfacts/status.h"

namespace newsfacts {

// One [[source]] of the config file.
struct SourceConfig {
  std::string name;
  std::vector<std::string> start_urls;  // home pages, feeds, sitemaps
  std::vector<std::string> allow;       // RE2 patterns; a URL must match one (if any given)
  std::vector<std::string> deny;        // RE2 patterns; a matching URL is never fetched
  std::string lang;                     // language hint for extraction ("" = detect)
  std::int64_t interval_s = 3600;       // recrawl interval
  std::optional<double> delay;          // seconds between requests to one host
  int concurrency = 0;                  // connections per host; 0 = crawler default
  int max_depth = -1;                   // -1 = crawler default
  std::int64_t max_pages_per_host = 0;  // 0 = crawler default
  std::vector<std::string> allow_internal;  // hosts/CIDRs that may be internal addresses
};

struct CrawlConfig {
  std::vector<SourceConfig> sources;
};

struct CrawlStats {
  std::int64_t fetched = 0;        // HTTP responses for pages, feeds and sitemaps
  std::int64_t stored = 0;         // new or changed documents written
  std::int64_t unchanged = 0;      // same bytes as stored (no re-extraction)
  std::int64_t not_modified = 0;   // 304 to a conditional GET
  std::int64_t duplicates = 0;     // same content or canonical URL as another document
  std::int64_t not_articles = 0;   // stored pages that are listings, not articles
  std::int64_t archived = 0;       // pages written to WARC only (archive_only)
  std::int64_t facts = 0;
  std::int64_t discovered = 0;     // new URLs added to the frontier
  std::int64_t feeds = 0;          // feeds and sitemaps read
  std::int64_t redirects = 0;
  std::int64_t retries = 0;
  std::int64_t failed = 0;         // gave up on a URL
  std::int64_t skipped = 0;        // refused by policy (robots, SSRF, scope at fetch time)
  std::int64_t robots_fetched = 0;
  std::int64_t bytes = 0;          // decoded body bytes received
  std::int64_t queued = 0;         // URLs still queued
  std::int64_t in_flight = 0;
  double seconds = 0;
  bool stopped = false;            // ended by Stop()
  std::vector<std::string> sources_due;  // sources whose start URLs were queued
};

struct CrawlOptions {
  std::string user_agent = kDefaultUserAgent;
  // --seed URLs: an implicit source named "seeds" with `seed_interval`.
  std::vector<std::string> seeds;
  std::int64_t seed_interval_s = 3600;
  bool force = false;              // treat every source as due now
  bool watch = false;              // keep running; revisit sources at their interval
  std::int64_t max_pages = 0;      // stop dispatching after this many fetches (0 = no cap)
  int max_depth = -1;              // link hops from a start URL (-1 = unlimited)
  bool same_host = false;          // only follow links to the start URLs' hosts
  std::int64_t max_pages_per_host = 100000;  // URLs admitted per host (link-trap budget)
  int max_links_per_page = 2000;

  double delay = 1.0;              // seconds between requests to one host
  double max_crawl_delay = 30.0;   // cap on robots.txt Crawl-delay
  int connections_per_host = 1;
  int max_in_flight = 256;         // transfers at once, all hosts
  int workers = 0;                 // extraction threads; 0 = hardware threads

  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{60000};
  long low_speed_bytes = 512;      // cut off a server slower than this ...
  long low_speed_seconds = 20;     // ... for this long
  std::uint64_t max_body_bytes = 16ull << 20;  // bodies are cut here (>20:1 compressed: dropped as bombs)
  int max_redirects = 5;
  int max_retries = 3;             // per URL, for 5xx, 429 and network errors
  double retry_base_s = 2.0;       // back-off: base * 2^(attempt-1) * (1 + jitter)
  double max_retry_after_s = 3600; // cap on Retry-After
  int host_failure_threshold = 5;  // consecutive failures before a host is backed off
  double host_backoff_s = 60;      // first host back-off, doubling
  // Without `watch`, a run ends when nothing can be fetched within this many
  // seconds (URLs waiting longer stay queued for the next run).
  double retry_horizon_s = 120;
  double stop_grace_s = 5;         // after Stop(), let transfers finish this long

  bool allow_file = false;         // file:// URLs (never for discovered links from http pages)
  std::vector<std::string> allow_internal;  // hosts/CIDRs that may be internal
  std::vector<std::string> resolve;         // "host:port:address" (curl --resolve)
  bool verify_tls = true;
  bool http2 = true;

  std::string warc_dir;            // "" = no WARC files
  int warc_compression_level = 1;  // zlib level per record (1: fastest, ~4x smaller than HTML)
  // Fetch, follow links and archive to WARC, but leave extraction for later
  // (`newsfacts ingest FILE.warc.gz`): pages are recorded in the frontier and
  // the log as "archived", no document rows are written. Needs warc_dir.
  bool archive_only = false;
  std::uint64_t warc_max_file_bytes = 1ull << 30;

  // Called on the Run() thread at most every progress_interval.
  std::function<void(const CrawlStats&)> on_progress;
  std::chrono::milliseconds progress_interval{500};
  // After each commit, once per stored page, the claim keys
  // (PutResult::touched) whose facts that page added or removed. They are
  // also in pending_claims, committed with the facts, which is what the CLI
  // reconciles from (ReconcilePending), so a killed crawl loses none.
  std::function<void(const std::vector<ClaimKey>&)> on_stored;
  // Called on the Run() thread after each committed batch with the number of
  // pages committed so far (the CLI reconciles there in --watch mode; tests
  // use it to observe commits).
  std::function<void(std::int64_t)> on_commit;
};

// Parses a duration: "90" or "90s", "15m", "6h", "2d", "1h30m". Seconds.
Result<std::int64_t> ParseDuration(std::string_view text);

// Reads a sources file (TOML; see corpus/sources.toml). Its [crawler] table,
// if any, sets fields of `*options` (user_agent, delay, max_crawl_delay,
// concurrency, max_depth, max_pages_per_host, timeouts, max_body_bytes,
// warc_dir, resolve, allow_internal); pass the defaults and apply
// command-line flags afterwards. kInvalidArgument names the file, line and
// field of a mistake.
Result<CrawlConfig> ParseCrawlConfig(std::string_view toml_text, std::string_view origin,
                                     CrawlOptions* options);
Result<CrawlConfig> LoadCrawlConfig(const std::string& path, CrawlOptions* options);

class Crawler {
 public:
  // `fetcher` = nullptr: a CurlFetcher configured from `options`.
  Crawler(FactStore& store, CrawlConfig config, CrawlOptions options,
          std::unique_ptr<Fetcher> fetcher = nullptr);
  ~Crawler();
  Crawler(const Crawler&) = delete;
  Crawler& operator=(const Crawler&) = delete;

  // Crawls (see above). Fails only on a bad configuration or a database
  // error; fetch failures are logged in crawl_log and counted in the stats.
  Result<CrawlStats> Run();

  // Asks Run() to finish (see above). Async-signal-safe.
  void Stop();

  Fetcher& fetcher();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsfacts

#endif  // NEWSFACTS_CRAWLER_H_
