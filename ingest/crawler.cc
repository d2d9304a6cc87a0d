// The crawler: scheduling, politeness, robots.txt, retries, discovery and the
// hand-off to extraction and the store. Contract in newsfacts/crawler.h.
//
// Threads: Run() owns the event loop (the Fetcher), the scheduler and the
// database. Fetched 2xx bodies go to a small pool of worker threads that
// write the WARC records, scan links, parse feeds/sitemaps and run
// ExtractRecord(); their results come back to Run(), which writes them with
// FactStore::Put and CrawlState in batched transactions (one page's rows and
// its frontier update are always in the same transaction).
#include "newsfacts/crawler.h"

#include <re2/re2.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "ascii.h"
#include "crawl_discovery.h"
#include "newsfacts/crawl_state.h"
#include "newsfacts/fingerprint.h"
#include "newsfacts/ingestor.h"
#include "newsfacts/robots.h"
#include "newsfacts/url.h"
#include "newsfacts/warc.h"

namespace newsfacts {
namespace {

using SysClock = std::chrono::system_clock;

double WallNow() {
  return std::chrono::duration<double>(SysClock::now().time_since_epoch()).count();
}

std::string IsoTime(SysClock::time_point tp) {
  std::time_t t = SysClock::to_time_t(tp);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::uint64_t UrlHash(std::string_view url) { return XXH3_64bits(url.data(), url.size()); }


// Retry-After: delta-seconds or an HTTP-date. nullopt if absent or unreadable.
std::optional<double> RetryAfterSeconds(std::string_view value, double now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value.front()))) {
    double s = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c))) break;
      s = s * 10 + (c - '0');
      if (s > 1e9) break;
    }
    return s;
  }
  std::tm tm{};
  std::string v(value);
  for (const char* fmt : {"%a, %d %b %Y %H:%M:%S", "%A, %d-%b-%y %H:%M:%S", "%a %b %d %H:%M:%S %Y"}) {
    tm = {};
    if (strptime(v.c_str(), fmt, &tm) != nullptr) {
      double at = static_cast<double>(timegm(&tm));
      return std::max(0.0, at - now);
    }
  }
  return std::nullopt;
}

// Immutable per-source rules, shared with the worker threads.
struct SourceRules {
  SourceConfig config;
  bool is_seeds = false;
  std::vector<std::unique_ptr<RE2>> allow;
  std::vector<std::unique_ptr<RE2>> deny;
  std::unordered_set<std::string> hosts;  // Url::host of the start URLs
  bool same_host = false;
  int max_depth = -1;
  std::int64_t budget = 0;
  double delay = 1.0;
  int concurrency = 1;

  bool InScope(const Url& url, const std::string& normalized) const {
    for (const auto& re : deny) {
      if (RE2::PartialMatch(normalized, *re)) return false;
    }
    if (same_host && !hosts.count(url.host)) return false;
    if (!allow.empty()) {
      for (const auto& re : allow) {
        if (RE2::PartialMatch(normalized, *re)) return true;
      }
      return false;
    }
    // Without patterns a config source stays on its start URLs' hosts; seeds
    // go anywhere (bounded by depth, budgets and --same-host).
    return is_seeds || hosts.count(url.host) > 0;
  }
};

struct Candidate {
  std::string url;       // normalised
  std::string host_key;  // host:port
  std::string origin;    // scheme://host[:port]
  std::uint64_t hash = 0;
  int depth = 0;
  int redirects = 0;
};

struct HostQueue;

struct Job {
  enum class Kind { kPage, kRobots };
  enum class Outcome { kNone, kPage, kUnchangedPage, kArchived, kDiscovery, kNotPage, kError };
  Kind kind = Kind::kPage;
  std::uint64_t id = 0;
  FrontierEntry entry;
  HostQueue* host = nullptr;
  const SourceRules* rules = nullptr;
  int robots_hops = 0;
  FetchResponse response;
  // Filled by a worker.
  Outcome outcome = Outcome::kNone;
  std::optional<IngestRecord> record;
  std::string content_hash;
  DiscoveryKind discovery = DiscoveryKind::kNone;
  std::vector<Candidate> candidates;
  std::string warc_file;
  std::int64_t warc_offset = -1;
  std::string note;
};

struct HeapItem {
  double time;
  std::uint64_t gen;
  HostQueue* host;
  // When the wait is a back-off (Retry-After, retry, host back-off, robots.txt
  // unreachable) rather than politeness: its end. 0 for politeness waits.
  double deferred_until;
  bool operator>(const HeapItem& o) const { return time > o.time; }
};

struct DelayedLater {
  bool operator()(const FrontierEntry& a, const FrontierEntry& b) const {
    return a.not_before > b.not_before;
  }
};

struct HostQueue {
  std::string key;
  std::string host;
  std::string origin;
  bool is_file = false;
  const SourceRules* rules = nullptr;
  std::deque<FrontierEntry> pending;
  std::vector<FrontierEntry> delayed;  // min-heap on not_before (DelayedLater)
  std::int64_t loaded_upto = 0;
  bool more_in_db = false;
  int in_flight = 0;
  double next_allowed = 0;
  double delay = 1.0;
  int max_conn = 1;
  enum class Robots { kUnknown, kFetching, kReady } robots = Robots::kUnknown;
  bool robots_unreachable = false;
  std::string refused;  // robots.txt fetch refused by the SSRF policy: so is every URL
  RobotsRules robots_rules;
  HostRecord record;
  std::int64_t admitted = 0;
  bool budget_logged = false;
  std::uint64_t gen = 0;
  bool scheduled = false;
  double scheduled_time = 0;

  bool HasWork() const { return !pending.empty() || more_in_db || !delayed.empty(); }
};

// Extraction threads. Jobs in, finished jobs out; Wakeup() on the fetcher
// tells the event loop that something is ready.
class WorkerPool {
 public:
  WorkerPool(int threads, std::function<void(Job&)> fn, Fetcher* fetcher)
      : fn_(std::move(fn)), fetcher_(fetcher) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  void Push(std::unique_ptr<Job> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      in_.push_back(std::move(job));
      ++outstanding_;
    }
    cv_.notify_one();
  }
  std::vector<std::unique_ptr<Job>> TakeDone() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::unique_ptr<Job>> out;
    out.reserve(out_.size());
    for (auto& j : out_) out.push_back(std::move(j));
    outstanding_ -= out_.size();
    out_.clear();
    return out;
  }
  std::size_t outstanding() {
    std::lock_guard<std::mutex> lock(mu_);
    return outstanding_;
  }

 private:
  void Loop() {
    while (true) {
      std::unique_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return stop_ || !in_.empty(); });
        if (stop_ && in_.empty()) return;
        job = std::move(in_.front());
        in_.pop_front();
      }
      fn_(*job);
      {
        std::lock_guard<std::mutex> lock(mu_);
        out_.push_back(std::move(job));
      }
      fetcher_->Wakeup();
    }
  }

  std::function<void(Job&)> fn_;
  Fetcher* fetcher_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Job>> in_;
  std::deque<std::unique_ptr<Job>> out_;
  std::size_t outstanding_ = 0;
  bool stop_ = false;
};

constexpr std::size_t kHostMemoryQueue = 256;  // queued URLs of one host kept in memory
constexpr int kBatchItems = 256;               // results per transaction at most
constexpr double kBatchSeconds = 0.25;         // ... and a transaction stays open at most this long

}  // namespace

struct Crawler::Impl {
  FactStore& store;
  CrawlConfig config;
  CrawlOptions options;
  std::unique_ptr<Fetcher> fetcher;
  CrawlState state;
  std::atomic<bool> stop_requested{false};

  std::vector<std::unique_ptr<SourceRules>> sources;
  std::unordered_map<std::string, SourceRules*> source_by_name;
  std::unordered_map<std::string, std::unique_ptr<HostQueue>> hosts;
  std::vector<HeapItem> heap;  // min-heap (std::greater) of scheduled hosts
  std::unordered_set<std::uint64_t> seen;
  std::unordered_set<std::int64_t> live_ids;
  std::unordered_map<std::string, std::int64_t> host_counts;  // frontier rows per host at start
  std::unordered_map<std::string, double> source_due;         // next-due time per source
  std::unordered_map<std::uint64_t, std::unique_ptr<Job>> in_flight;
  std::uint64_t next_job_id = 1;
  std::unique_ptr<WarcWriter> warc;
  std::unique_ptr<WorkerPool> workers;
  std::mt19937_64 rng{std::random_device{}()};

  CrawlStats stats;
  std::int64_t dispatched = 0;
  bool in_txn = false;
  double txn_started = 0;
  int batch_items = 0;
  std::int64_t committed_pages = 0;
  std::int64_t batch_pages = 0;
  std::vector<std::vector<ClaimKey>> pending_hooks;
  double last_progress = 0;
  Status fatal;

  Impl(FactStore& s, CrawlConfig c, CrawlOptions o, std::unique_ptr<Fetcher> f)
      : store(s), config(std::move(c)), options(std::move(o)), fetcher(std::move(f)), state(s) {
    if (!fetcher) {
      FetcherOptions fo;
      fo.user_agent = options.user_agent;
      fo.connect_timeout = options.connect_timeout;
      fo.total_timeout = options.total_timeout;
      fo.low_speed_bytes = options.low_speed_bytes;
      fo.low_speed_seconds = options.low_speed_seconds;
      fo.max_body_bytes = options.max_body_bytes;
      fo.max_host_connections = std::max(1, options.connections_per_host);
      for (const SourceConfig& sc : config.sources) {
        fo.max_host_connections = std::max(fo.max_host_connections, sc.concurrency);
      }
      fo.http2 = options.http2;
      fo.allow_file = options.allow_file;
      fo.resolve = options.resolve;
      fo.verify_tls = options.verify_tls;
      fo.allow = BuildAllowList();
      fetcher = std::make_unique<CurlFetcher>(std::move(fo));
    }
  }

  // Seeds, start URLs and allow_internal entries: the hosts that may be internal.
  HostAllowList BuildAllowList() {
    HostAllowList allow;
    auto add_url = [&](const std::string& u) {
      UrlPolicy p;
      p.allow_file = options.allow_file;
      Result<Url> url = ParseUrl(u, p);
      if (url.ok() && !url->host.empty()) {
        Status s = allow.Add(url->host);
        (void)s;
      }
    };
    for (const std::string& s : options.seeds) add_url(s);
    for (const std::string& e : options.allow_internal) {
      Status s = allow.Add(e);
      (void)s;
    }
    for (const SourceConfig& sc : config.sources) {
      for (const std::string& u : sc.start_urls) add_url(u);
      for (const std::string& e : sc.allow_internal) {
        Status s = allow.Add(e);
        (void)s;
      }
    }
    return allow;
  }

  // ------------------------------------------------------------------ setup

  Status BuildSources() {
    std::vector<SourceConfig> all = config.sources;
    if (!options.seeds.empty()) {
      SourceConfig seeds;
      seeds.name = "seeds";
      seeds.start_urls = options.seeds;
      seeds.interval_s = options.seed_interval_s;
      all.push_back(std::move(seeds));
    }
    for (SourceConfig& sc : all) {
      auto r = std::make_unique<SourceRules>();
      r->is_seeds = sc.name == "seeds" && &sc == &all.back() && !options.seeds.empty();
      for (const std::string& p : sc.allow) {
        auto re = std::make_unique<RE2>(p, RE2::Quiet);
        if (!re->ok()) {
          return Status::InvalidArgument("source " + sc.name + ": bad allow pattern \"" + p +
                                         "\": " + re->error());
        }
        r->allow.push_back(std::move(re));
      }
      for (const std::string& p : sc.deny) {
        auto re = std::make_unique<RE2>(p, RE2::Quiet);
        if (!re->ok()) {
          return Status::InvalidArgument("source " + sc.name + ": bad deny pattern \"" + p +
                                         "\": " + re->error());
        }
        r->deny.push_back(std::move(re));
      }
      for (const std::string& u : sc.start_urls) {
        UrlPolicy p;
        p.allow_file = options.allow_file;
        Result<Url> url = ParseUrl(u, p);
        if (!url.ok()) {
          return Status::InvalidArgument("source " + sc.name + ": start URL " + u + ": " +
                                         url.status().message());
        }
        r->hosts.insert(url->host);
      }
      r->same_host = options.same_host;
      r->max_depth = sc.max_depth >= 0 ? sc.max_depth : options.max_depth;
      r->budget = sc.max_pages_per_host > 0 ? sc.max_pages_per_host : options.max_pages_per_host;
      r->delay = sc.delay ? *sc.delay : options.delay;
      r->concurrency = sc.concurrency > 0 ? sc.concurrency : std::max(1, options.connections_per_host);
      r->config = std::move(sc);
      source_by_name[r->config.name] = r.get();
      sources.push_back(std::move(r));
    }
    if (sources.empty()) return Status::InvalidArgument("nothing to crawl: no sources and no seeds");
    return Status::Ok();
  }

  const SourceRules* RulesFor(const std::string& source) {
    auto it = source_by_name.find(source);
    if (it != source_by_name.end()) return it->second;
    return nullptr;
  }

  // A source that is no longer configured: its queued URLs are still
  // crawled, with default rules.
  const SourceRules* DefaultRules(const std::string& name) {
    auto r = std::make_unique<SourceRules>();
    r->config.name = name;
    r->max_depth = options.max_depth;
    r->budget = options.max_pages_per_host;
    r->delay = options.delay;
    r->concurrency = std::max(1, options.connections_per_host);
    SourceRules* out = r.get();
    source_by_name[name] = out;
    sources.push_back(std::move(r));
    return out;
  }

  Status EnsureTxn() {
    if (in_txn) return Status::Ok();
    NF_RETURN_IF_ERROR(store.Begin());
    in_txn = true;
    txn_started = WallNow();
    return Status::Ok();
  }

  Status CommitNow() {
    if (!in_txn) return Status::Ok();
    NF_RETURN_IF_ERROR(store.Commit());
    in_txn = false;
    batch_items = 0;
    committed_pages += batch_pages;
    batch_pages = 0;
    if (options.on_stored) {
      for (const auto& keys : pending_hooks) options.on_stored(keys);
    }
    pending_hooks.clear();
    if (options.on_commit) options.on_commit(committed_pages);
    return Status::Ok();
  }

  Status MaybeCommit() {
    if (in_txn && (batch_items >= kBatchItems || WallNow() - txn_started >= kBatchSeconds)) {
      return CommitNow();
    }
    return Status::Ok();
  }

  Status Log(const Job& job, std::string_view kind, std::string outcome, std::string reason) {
    FetchLogEntry e;
    e.at = IsoTime(job.response.started == SysClock::time_point{} ? SysClock::now()
                                                                    : job.response.started);
    e.url = job.kind == Job::Kind::kRobots ? job.response.url : job.entry.url;
    e.host = job.host != nullptr ? job.host->key : job.entry.host;
    e.source = job.entry.source;
    e.kind = std::string(kind);
    e.http_status = job.response.http_status;
    e.outcome = std::move(outcome);
    e.reason = std::move(reason);
    e.bytes = static_cast<std::int64_t>(job.response.body.size());
    e.ms = static_cast<std::int64_t>(job.response.seconds * 1000);
    e.attempt = job.entry.attempts + 1;
    NF_RETURN_IF_ERROR(EnsureTxn());
    ++batch_items;
    return state.Log(e);
  }

  HostQueue* GetHost(const std::string& key, const std::string& origin, const SourceRules* rules) {
    auto it = hosts.find(key);
    if (it != hosts.end()) return it->second.get();
    auto h = std::make_unique<HostQueue>();
    h->key = key;
    h->origin = origin;
    h->is_file = origin.rfind("file:", 0) == 0;
    h->rules = rules;
    h->delay = rules->delay;
    h->max_conn = rules->concurrency;
    h->record.host = key;
    if (auto c = host_counts.find(key); c != host_counts.end()) h->admitted = c->second;
    auto rec = state.Host(key);
    if (rec.ok() && rec->has_value()) {
      h->record = **rec;
      const double now = WallNow();
      if (h->record.robots_known && h->record.robots_expires > now) {
        const bool unreachable = h->record.robots_status == 0 || h->record.robots_status >= 500 ||
                                 h->record.robots_status == 429;
        if (unreachable) {
          h->robots_unreachable = true;
          h->robots_rules = RobotsRules::DisallowAll();
        } else {
          h->robots_rules = RobotsRulesForFetch(h->record.robots_status, h->record.robots_body,
                                                options.user_agent);
        }
        ApplyCrawlDelay(h.get());
        h->robots = HostQueue::Robots::kReady;
      }
    }
    if (h->is_file) {
      h->robots = HostQueue::Robots::kReady;
      h->robots_rules = RobotsRules::AllowAll();
    }
    HostQueue* out = h.get();
    hosts.emplace(key, std::move(h));
    return out;
  }

  void ApplyCrawlDelay(HostQueue* h) {
    double d = h->rules->delay;
    if (std::optional<double> cd = h->robots_rules.crawl_delay()) {
      d = std::max(d, std::min(*cd, options.max_crawl_delay));
    }
    h->delay = d;
  }

  void Schedule(HostQueue* h) {
    if (h->in_flight >= h->max_conn || h->robots == HostQueue::Robots::kFetching) return;
    if (!h->HasWork()) return;
    double deferred = static_cast<double>(h->record.backoff_until);
    if (h->robots == HostQueue::Robots::kReady && h->robots_unreachable) {
      deferred = std::max(deferred, static_cast<double>(h->record.robots_expires));
    } else if (h->robots == HostQueue::Robots::kReady && h->pending.empty() && !h->more_in_db) {
      deferred = std::max(deferred, static_cast<double>(h->delayed.front().not_before));
    }
    const double t = std::max(h->next_allowed, deferred);
    if (h->scheduled && h->scheduled_time <= t) return;
    h->scheduled = true;
    h->scheduled_time = t;
    heap.push_back({t, ++h->gen, h, deferred > WallNow() ? deferred : 0});
    std::push_heap(heap.begin(), heap.end(), std::greater<HeapItem>());
  }

  void PushEntry(HostQueue* h, FrontierEntry e, bool force) {
    if (live_ids.count(e.id)) return;
    if (!force && (h->more_in_db || h->pending.size() >= kHostMemoryQueue)) {
      h->more_in_db = true;
      return;
    }
    live_ids.insert(e.id);
    if (e.id > h->loaded_upto && !h->more_in_db) h->loaded_upto = e.id;
    if (e.not_before > WallNow()) {
      h->delayed.push_back(std::move(e));
      std::push_heap(h->delayed.begin(), h->delayed.end(), DelayedLater());
    } else {
      h->pending.push_back(std::move(e));
    }
  }

  Status Refill(HostQueue* h) {
    auto rows = state.Queued(h->key, h->loaded_upto, static_cast<int>(kHostMemoryQueue));
    if (!rows.ok()) return rows.status();
    h->more_in_db = rows->size() >= kHostMemoryQueue;
    const double now = WallNow();
    for (FrontierEntry& e : *rows) {
      h->loaded_upto = std::max(h->loaded_upto, e.id);
      if (live_ids.count(e.id)) continue;
      live_ids.insert(e.id);
      if (e.not_before > now) {
        h->delayed.push_back(std::move(e));
        std::push_heap(h->delayed.begin(), h->delayed.end(), DelayedLater());
      } else {
        h->pending.push_back(std::move(e));
      }
    }
    return Status::Ok();
  }

  // Puts each due source's start URLs back in the frontier.
  Status ActivateDueSources(bool force) {
    const double now = WallNow();
    for (auto& src : sources) {
      if (src->config.start_urls.empty()) continue;
      NF_RETURN_IF_ERROR(EnsureTxn());
      NF_RETURN_IF_ERROR(state.UpsertSource(src->config.name, src->config.interval_s));
      auto sched = state.Source(src->config.name);
      if (!sched.ok()) return sched.status();
      SourceSchedule s = **sched;
      if (!force && s.next_due > now) {
        source_due[src->config.name] = static_cast<double>(s.next_due);
        continue;
      }
      for (const std::string& start : src->config.start_urls) {
        UrlPolicy p;
        p.allow_file = options.allow_file;
        Result<Url> url = ParseUrl(start, p);
        if (!url.ok()) continue;
        FrontierEntry e;
        e.url = NormalizeUrl(*url);
        e.url_hash = UrlHash(e.url);
        e.host = url->HostKey();
        e.source = src->config.name;
        e.depth = 0;
        auto id = state.Requeue(e);
        if (!id.ok()) return id.status();
        e.id = *id;
        auto row = state.Find(e.url);
        if (!row.ok()) return row.status();
        if (row->has_value()) e = **row;
        HostQueue* h = GetHost(e.host, url->Origin(), src.get());
        if (seen.insert(e.url_hash).second) {
          ++h->admitted;
        }
        PushEntry(h, std::move(e), /*force=*/true);
        Schedule(h);
      }
      s.last_started = static_cast<std::int64_t>(now);
      s.next_due = static_cast<std::int64_t>(now) + std::max<std::int64_t>(1, src->config.interval_s);
      NF_RETURN_IF_ERROR(state.PutSource(s));
      source_due[src->config.name] = static_cast<double>(s.next_due);
      stats.sources_due.push_back(src->config.name);
    }
    auto counts = state.Counts();
    if (!counts.ok()) return counts.status();
    stats.queued = counts->queued;
    return Status::Ok();
  }

  // The earliest next-due time among the sources (watch mode).
  double NextSourceDue() {
    double best = 0;
    for (const auto& [name, due] : source_due) {
      if (best == 0 || due < best) best = due;
    }
    return best;
  }

  Status LoadFrontier() {
    NF_RETURN_IF_ERROR(state.ForEachUrlHash([this](std::uint64_t h) { seen.insert(h); }));
    auto per_host = state.UrlsPerHost();
    if (!per_host.ok()) return per_host.status();
    host_counts.insert(per_host->begin(), per_host->end());
    auto queued_hosts = state.QueuedHosts();
    if (!queued_hosts.ok()) return queued_hosts.status();
    for (const std::string& key : *queued_hosts) {
      auto first = state.Queued(key, 0, 1);
      if (!first.ok()) return first.status();
      if (first->empty()) continue;
      const FrontierEntry& e = first->front();
      const SourceRules* rules = RulesFor(e.source);
      if (rules == nullptr) rules = DefaultRules(e.source);
      Result<Url> url = ParseUrl(e.url, UrlPolicy{.allow_file = true});
      if (!url.ok()) continue;
      HostQueue* h = GetHost(key, url->Origin(), rules);
      h->more_in_db = true;
      Schedule(h);
    }
    auto counts_all = state.Counts();
    if (!counts_all.ok()) return counts_all.status();
    stats.queued = counts_all->queued;
    return Status::Ok();
  }

  // ------------------------------------------------------------ dispatching

  void StartFetch(std::unique_ptr<Job> job, const std::string& url, const std::string& etag,
                  const std::string& last_modified, std::uint64_t max_body) {
    FetchRequest req;
    req.id = next_job_id++;
    job->id = req.id;
    req.url = url;
    req.if_none_match = etag;
    req.if_modified_since = last_modified;
    req.max_body_bytes = max_body;
    job->host->in_flight++;
    job->host->next_allowed = std::max(job->host->next_allowed, WallNow() + job->host->delay);
    in_flight.emplace(req.id, std::move(job));
    fetcher->Start(std::move(req));
  }

  void StartRobots(HostQueue* h, const std::string& url, int hops) {
    auto job = std::make_unique<Job>();
    job->kind = Job::Kind::kRobots;
    job->host = h;
    job->rules = h->rules;
    job->robots_hops = hops;
    job->entry.host = h->key;
    h->robots = HostQueue::Robots::kFetching;
    StartFetch(std::move(job), url, "", "", kRobotsMaxBytes);
  }

  // Starts at most one request for `h` (robots.txt first). Returns false on a
  // database error (in `fatal`).
  bool Dispatch(HostQueue* h, double now) {
    if (h->refused.empty() && (h->robots == HostQueue::Robots::kUnknown ||
        (h->robots == HostQueue::Robots::kReady && !h->is_file &&
         h->record.robots_expires <= now))) {
      StartRobots(h, h->origin + "/robots.txt", 0);
      return true;
    }
    while (true) {
      FrontierEntry e;
      if (!h->delayed.empty() && h->delayed.front().not_before <= now) {
        std::pop_heap(h->delayed.begin(), h->delayed.end(), DelayedLater());
        e = std::move(h->delayed.back());
        h->delayed.pop_back();
      } else {
        if (h->pending.empty() && h->more_in_db) {
          Status s = Refill(h);
          if (!s.ok()) {
            fatal = s;
            return false;
          }
          continue;
        }
        if (h->pending.empty()) break;
        e = std::move(h->pending.front());
        h->pending.pop_front();
      }
      const SourceRules* rules = RulesFor(e.source);
      if (rules == nullptr) rules = DefaultRules(e.source);
      if (!h->refused.empty() || !h->robots_rules.IsAllowed(e.url)) {
        auto job = std::make_unique<Job>();
        job->entry = std::move(e);
        job->host = h;
        job->rules = rules;
        Status s = h->refused.empty()
                       ? FinishEntry(*job, kFrontierSkipped, "robots", "page", "skipped",
                                     "disallowed by robots.txt")
                       : FinishEntry(*job, kFrontierSkipped, "ssrf", "page", "skipped",
                                     h->refused);
        if (!s.ok()) {
          fatal = s;
          return false;
        }
        ++stats.skipped;
        continue;
      }
      auto job = std::make_unique<Job>();
      job->kind = Job::Kind::kPage;
      job->host = h;
      job->rules = rules;
      job->entry = std::move(e);
      const std::string url = job->entry.url;
      const std::string etag = job->entry.etag;
      const std::string lm = job->entry.last_modified;
      ++dispatched;
      StartFetch(std::move(job), url, etag, lm, 0);
      break;
    }
    Schedule(h);
    return true;
  }

  void DispatchReady() {
    const double now = WallNow();
    const std::size_t backlog_cap = 64 + 8 * static_cast<std::size_t>(WorkerCount());
    dispatch_blocked = false;
    while (!heap.empty() && !stop_requested.load(std::memory_order_relaxed)) {
      if (static_cast<int>(fetcher->in_flight()) >= options.max_in_flight ||
          workers->outstanding() >= backlog_cap) {
        dispatch_blocked = true;
        break;
      }
      if (options.max_pages > 0 && dispatched >= options.max_pages) break;
      HeapItem top = heap.front();
      if (top.gen != top.host->gen) {
        std::pop_heap(heap.begin(), heap.end(), std::greater<HeapItem>());
        heap.pop_back();
        continue;
      }
      if (top.time > now) break;
      std::pop_heap(heap.begin(), heap.end(), std::greater<HeapItem>());
      heap.pop_back();
      top.host->scheduled = false;
      if (!Dispatch(top.host, now)) return;
    }
  }

  // hardware_concurrency() reads sysfs on every call: ask once.
  int WorkerCount() {
    if (worker_count == 0) {
      worker_count = options.workers > 0
                         ? options.workers
                         : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    }
    return worker_count;
  }
  int worker_count = 0;
  // DispatchReady stopped at the transfer or extraction cap: what frees a
  // slot (a transfer or a worker finishing) wakes the event loop, so ready
  // hosts are no reason to poll without waiting.
  bool dispatch_blocked = false;

  // ------------------------------------------------------------ completion

  Status FinishEntry(Job& job, const char* frontier_state, std::string reason_key,
                     std::string_view kind, std::string outcome, std::string detail) {
    NF_RETURN_IF_ERROR(EnsureTxn());
    FrontierUpdate u;
    u.state = frontier_state;
    u.attempts = job.entry.attempts;
    u.http_status = job.response.http_status;
    u.reason = reason_key.empty() ? std::string() : (detail.empty() ? reason_key : reason_key + ": " + detail);
    NF_RETURN_IF_ERROR(state.Finish(job.entry.id, u));
    live_ids.erase(job.entry.id);
    --stats.queued;
    ++batch_items;
    return Log(job, kind, std::move(outcome), u.reason);
  }

  // Schedules a retry (or gives up) for a page job.
  Status Retry(Job& job, std::string reason, double delay_s) {
    job.entry.attempts += 1;
    if (job.entry.attempts > options.max_retries) {
      ++stats.failed;
      return FinishEntry(job, kFrontierFailed, reason, "page", "failed",
                         "gave up after " + std::to_string(job.entry.attempts) + " attempts");
    }
    NF_RETURN_IF_ERROR(EnsureTxn());
    const double now = WallNow();
    job.entry.not_before = static_cast<std::int64_t>(std::ceil(now + delay_s));
    FrontierUpdate u;
    u.state = kFrontierQueued;
    u.attempts = job.entry.attempts;
    u.not_before = job.entry.not_before;
    u.http_status = job.response.http_status;
    u.reason = reason;
    NF_RETURN_IF_ERROR(state.Finish(job.entry.id, u));
    ++stats.retries;
    // Log with the attempt that just failed.
    job.entry.attempts -= 1;
    Status s = Log(job, "page", "retry", reason + " (retry in " + std::to_string(static_cast<int>(std::ceil(delay_s))) + "s)");
    job.entry.attempts += 1;
    NF_RETURN_IF_ERROR(s);
    HostQueue* h = job.host;
    h->delayed.push_back(std::move(job.entry));
    std::push_heap(h->delayed.begin(), h->delayed.end(), DelayedLater());
    return Status::Ok();
  }

  double Backoff(int attempt) {
    std::uniform_real_distribution<double> jitter(0.0, 0.5);
    double d = options.retry_base_s * std::pow(2.0, std::max(0, attempt)) * (1.0 + jitter(rng));
    return std::min(d, 3600.0);
  }

  Status HostFailed(HostQueue* h) {
    h->record.failures++;
    if (h->record.failures >= options.host_failure_threshold) {
      const int over = h->record.failures - options.host_failure_threshold;
      const double pause = std::min(3600.0, options.host_backoff_s * std::pow(2.0, std::min(over, 20)));
      h->record.backoff_until = static_cast<std::int64_t>(std::ceil(WallNow() + pause));
    }
    NF_RETURN_IF_ERROR(EnsureTxn());
    return state.PutHost(h->record);
  }

  Status HostAnswered(HostQueue* h) {
    if (h->record.failures == 0) return Status::Ok();
    h->record.failures = 0;
    NF_RETURN_IF_ERROR(EnsureTxn());
    return state.PutHost(h->record);
  }

  void WriteWarc(Job& job) {
    if (!warc || job.response.http_status == 0) return;
    WarcExchange ex;
    ex.target_uri = job.response.url;
    ex.date = job.response.started;
    ex.ip_address = job.response.ip;
    ex.request = job.response.request_block;
    ex.response = WarcResponseBlock(job.response);
    ex.metadata = {{"fetchTimeMs", std::to_string(static_cast<long>(job.response.seconds * 1000))}};
    if (!job.entry.via.empty()) ex.metadata.emplace_back("via", job.entry.via);
    ex.metadata.emplace_back("hopsFromSeed", std::to_string(job.entry.depth));
    if (job.response.truncated) ex.truncated = "length";
    Result<WarcExchangeIds> ids = warc->WriteExchange(ex);
    if (ids.ok()) {
      job.warc_file = ids->file;
      job.warc_offset = static_cast<std::int64_t>(ids->offset);
    } else {
      job.note = "warc: " + ids.status().message();
    }
  }

  // Resolves, normalises and scopes one URL found in `job`'s document.
  void AddCandidate(Job& job, const Url& base, std::string_view href, int depth, int redirects) {
    if (job.rules->max_depth >= 0 && depth > job.rules->max_depth) return;
    UrlPolicy p;
    p.allow_file = options.allow_file && base.scheme == "file";
    Result<Url> url = ResolveUrl(base, href, p);
    if (!url.ok()) return;
    std::string normalized = NormalizeUrl(*url);
    if (!job.rules->InScope(*url, normalized)) return;
    Candidate c;
    c.hash = UrlHash(normalized);
    c.url = std::move(normalized);
    c.host_key = url->HostKey();
    c.origin = url->Origin();
    c.depth = depth;
    c.redirects = redirects;
    job.candidates.push_back(std::move(c));
  }

  // Worker thread: everything about a 2xx body that needs no database.
  void Process(Job& job) {
    WriteWarc(job);
    const FetchResponse& r = job.response;
    UrlPolicy p;
    p.allow_file = options.allow_file;
    Result<Url> base = ParseUrl(r.url, p);
    if (!base.ok()) {
      job.outcome = Job::Outcome::kError;
      job.note = base.status().message();
      return;
    }
    const std::string_view ctype = r.Header("content-type");
    const bool text_plain = ContainsNoCase(ctype, "text/plain");
    std::string_view body = r.body;
    std::size_t lead = 0;
    while (lead < body.size() && static_cast<unsigned char>(body[lead]) <= ' ') ++lead;
    const bool text_sitemap = text_plain && body.substr(lead).rfind("http", 0) == 0;
    if (text_sitemap || LooksLikeDiscoveryDocument(ctype, body)) {
      Result<DiscoveredUrls> d = ParseDiscoveryXml(body);
      if (!d.ok()) {
        job.outcome = Job::Outcome::kError;
        job.note = d.status().message();
        return;
      }
      job.outcome = Job::Outcome::kDiscovery;
      job.discovery = d->kind;
      for (const std::string& u : d->urls) AddCandidate(job, *base, u, job.entry.depth, 0);
      job.note = std::string(DiscoveryKindName(d->kind)) + ": " + std::to_string(d->urls.size()) + " URLs";
      return;
    }
    const bool html = ctype.empty() || ContainsNoCase(ctype, "html") || ContainsNoCase(ctype, "xml");
    if (!html && !text_plain) {
      job.outcome = Job::Outcome::kNotPage;
      job.note = "content type " + std::string(ctype);
      return;
    }
    job.content_hash = ContentHash(body);
    if (html) {
      PageLinks links = ScanLinks(body, static_cast<std::size_t>(options.max_links_per_page));
      Url link_base = *base;
      if (!links.base.empty()) {
        Result<Url> b = ResolveUrl(*base, links.base, p);
        if (b.ok()) link_base = std::move(*b);
      }
      for (const std::string& l : links.links) AddCandidate(job, link_base, l, job.entry.depth + 1, 0);
      for (const std::string& f : links.feeds) AddCandidate(job, link_base, f, job.entry.depth + 1, 0);
      if (!links.canonical.empty()) AddCandidate(job, link_base, links.canonical, job.entry.depth, 0);
    }
    if (!job.entry.content_hash.empty() && job.entry.content_hash == job.content_hash) {
      job.outcome = Job::Outcome::kUnchangedPage;
      return;
    }
    if (options.archive_only) {
      job.outcome = Job::Outcome::kArchived;
      return;
    }
    RawDocument raw = MakeRaw(job);
    raw.format = html ? RawDocument::Format::kHtml : RawDocument::Format::kText;
    job.record = ExtractRecord(raw, IngestOptions());
    job.outcome = Job::Outcome::kPage;
  }

  RawDocument MakeRaw(const Job& job) {
    RawDocument raw;
    raw.url = job.entry.url;
    raw.bytes = job.response.body;
    raw.truncated = job.response.truncated;
    raw.content_type = std::string(job.response.Header("content-type"));
    raw.http_status = job.response.http_status;
    raw.etag = std::string(job.response.Header("etag"));
    raw.last_modified = std::string(job.response.Header("last-modified"));
    raw.fetched_at = IsoTime(job.response.started);
    raw.warc_file = job.warc_file;
    raw.warc_offset = job.warc_offset;
    raw.lang_hint = job.rules->config.lang;
    return raw;
  }

  // Adds a job's in-scope URLs to the frontier (new ones only).
  Status Admit(Job& job) {
    for (Candidate& c : job.candidates) {
      if (seen.count(c.hash)) continue;
      HostQueue* h = GetHost(c.host_key, c.origin, job.rules);
      if (h->admitted >= job.rules->budget) {
        if (!h->budget_logged) {
          h->budget_logged = true;
          FetchLogEntry e;
          e.url = c.url;
          e.host = c.host_key;
          e.source = job.entry.source;
          e.kind = "page";
          e.outcome = "skipped";
          e.reason = "host budget: " + std::to_string(job.rules->budget) + " URLs";
          NF_RETURN_IF_ERROR(EnsureTxn());
          NF_RETURN_IF_ERROR(state.Log(e));
        }
        continue;
      }
      seen.insert(c.hash);
      FrontierEntry e;
      e.url = std::move(c.url);
      e.url_hash = c.hash;
      e.host = c.host_key;
      e.source = job.entry.source;
      e.depth = c.depth;
      e.redirects = c.redirects;
      e.via = job.entry.url;
      NF_RETURN_IF_ERROR(EnsureTxn());
      auto id = state.Enqueue(e);
      if (!id.ok()) return id.status();
      ++batch_items;
      if (*id == 0) continue;
      e.id = *id;
      ++h->admitted;
      ++stats.discovered;
      ++stats.queued;
      PushEntry(h, std::move(e), false);
      Schedule(h);
    }
    job.candidates.clear();
    return Status::Ok();
  }

  Status HandleRobots(std::unique_ptr<Job> job) {
    HostQueue* h = job->host;
    h->in_flight--;
    const double now = WallNow();
    h->next_allowed = std::max(h->next_allowed, now + h->delay);
    FetchResponse& r = job->response;
    if (r.error == FetchError::kCancelled) {  // shutdown: ask again next time
      h->robots = HostQueue::Robots::kUnknown;
      return Status::Ok();
    }
    if (r.http_status != 0) {
      WriteWarc(*job);
      ++stats.robots_fetched;
    }
    if (r.error == FetchError::kRefused || r.error == FetchError::kUnsupported) {
      // No request may go to this host at all: skip its URLs without fetching.
      h->refused = r.error_message;
      h->robots = HostQueue::Robots::kReady;
      job->entry.url = r.url;
      NF_RETURN_IF_ERROR(Log(*job, "robots", "skipped", "ssrf: " + r.error_message));
      Schedule(h);
      return Status::Ok();
    }
    const int status = (r.ok() || r.truncated) ? r.http_status : 0;
    if (status >= 300 && status < 400 && job->robots_hops < kRobotsMaxRedirects) {
      std::string_view location = r.Header("location");
      Result<Url> base = ParseUrl(r.url);
      if (!location.empty() && base.ok()) {
        Result<Url> next = ResolveUrl(*base, location);
        if (next.ok()) {
          NF_RETURN_IF_ERROR(Log(*job, "robots", "redirect", "to " + next->Serialize()));
          auto follow = std::make_unique<Job>();
          follow->kind = Job::Kind::kRobots;
          follow->host = h;
          follow->rules = h->rules;
          follow->robots_hops = job->robots_hops + 1;
          follow->entry.host = h->key;
          StartFetch(std::move(follow), next->Serialize(), "", "", kRobotsMaxBytes);
          return Status::Ok();
        }
      }
    }
    const std::chrono::seconds unreachable_for(
        h->record.robots_unreachable_since > 0
            ? static_cast<std::int64_t>(now) - h->record.robots_unreachable_since
            : 0);
    RobotsFetchPolicy policy = RobotsFetchPolicyFor(status, kRobotsMaxRedirects,
                                                    h->record.robots_failures, unreachable_for);
    std::string outcome = "robots";
    std::string reason;
    h->robots_unreachable = false;
    h->record.robots_known = true;
    h->record.robots_status = status;
    h->record.robots_body.clear();
    h->record.robots_fetched = static_cast<std::int64_t>(now);
    h->record.robots_expires = static_cast<std::int64_t>(now) + policy.cache_for.count();
    switch (policy.action) {
      case RobotsFetchAction::kParseBody: {
        RobotsTxt txt = RobotsTxt::Parse(r.body);
        h->robots_rules = txt.ForAgent(options.user_agent);
        h->record.robots_body = r.body.substr(0, kRobotsMaxBytes);
        h->record.robots_failures = 0;
        h->record.robots_unreachable_since = 0;
        reason = "parsed: " + std::to_string(h->robots_rules.rules().size()) + " rules";
        if (h->robots_rules.crawl_delay()) {
          reason += ", crawl-delay " + std::to_string(*h->robots_rules.crawl_delay());
        }
        // Sitemap: lines feed discovery (scope rules of the host's source apply).
        Result<Url> base = ParseUrl(h->origin + "/robots.txt");
        if (base.ok()) {
          job->rules = h->rules;
          job->entry.source = h->rules->config.name;
          job->entry.url = base->Serialize();
          for (const std::string& sm : txt.sitemaps()) AddCandidate(*job, *base, sm, 0, 0);
          if (!txt.sitemaps().empty()) {
            reason += ", " + std::to_string(txt.sitemaps().size()) + " sitemap(s)";
          }
        }
        break;
      }
      case RobotsFetchAction::kAllowAll:
      case RobotsFetchAction::kFollowRedirect:
        h->robots_rules = RobotsRules::AllowAll();
        h->record.robots_failures = 0;
        h->record.robots_unreachable_since = 0;
        reason = status == 0 ? "unreachable for 30 days: allow all"
                             : "http " + std::to_string(status) + ": allow all";
        break;
      case RobotsFetchAction::kDisallowAll:
        h->robots_rules = RobotsRules::DisallowAll();
        h->robots_unreachable = true;
        h->record.robots_failures++;
        if (h->record.robots_unreachable_since == 0) {
          h->record.robots_unreachable_since = static_cast<std::int64_t>(now);
        }
        outcome = "retry";
        reason = (status == 0 ? std::string(FetchErrorName(r.error)) : "http " + std::to_string(status)) +
                 ": robots.txt unreachable, host paused " + std::to_string(policy.cache_for.count()) + "s";
        break;
    }
    ApplyCrawlDelay(h);
    h->next_allowed = std::max(h->next_allowed, now + h->delay);  // Crawl-delay after robots.txt too
    h->robots = HostQueue::Robots::kReady;
    NF_RETURN_IF_ERROR(EnsureTxn());
    NF_RETURN_IF_ERROR(state.PutHost(h->record));
    job->entry.url = r.url;
    NF_RETURN_IF_ERROR(Log(*job, "robots", outcome, reason));
    NF_RETURN_IF_ERROR(Admit(*job));
    Schedule(h);
    return Status::Ok();
  }

  Status HandleResponse(FetchResponse&& resp) {
    auto it = in_flight.find(resp.id);
    if (it == in_flight.end()) return Status::Ok();
    std::unique_ptr<Job> job = std::move(it->second);
    in_flight.erase(it);
    job->response = std::move(resp);
    if (job->kind == Job::Kind::kRobots) return HandleRobots(std::move(job));

    HostQueue* h = job->host;
    FetchResponse& r = job->response;
    h->in_flight--;
    const double now = WallNow();
    h->next_allowed = std::max(h->next_allowed, now + h->delay);

    if (r.error == FetchError::kCancelled) {  // stays queued in the database
      live_ids.erase(job->entry.id);
      return Status::Ok();
    }
    if (r.http_status != 0) {
      ++stats.fetched;
      stats.bytes += static_cast<std::int64_t>(r.body.size());
    }
    Status result = Status::Ok();
    if (!r.ok()) {
      const std::string reason(FetchErrorName(r.error));
      switch (r.error) {
        case FetchError::kRefused:
        case FetchError::kUnsupported:
          ++stats.skipped;
          result = FinishEntry(*job, kFrontierSkipped, reason, "page", "skipped", r.error_message);
          break;
        case FetchError::kTooLarge:
        case FetchError::kDecompressionLimit:
        case FetchError::kBadEncoding:
          WriteWarc(*job);
          ++stats.failed;
          NF_RETURN_IF_ERROR(HostAnswered(h));
          result = FinishEntry(*job, kFrontierFailed, reason, "page", "failed", r.error_message);
          break;
        default:
          NF_RETURN_IF_ERROR(HostFailed(h));
          result = Retry(*job, reason + ": " + r.error_message, Backoff(job->entry.attempts));
          break;
      }
      Schedule(h);
      return result;
    }

    const int status = r.http_status;
    if (status >= 200 && status < 300) {
      NF_RETURN_IF_ERROR(HostAnswered(h));
      workers->Push(std::move(job));
      Schedule(h);
      return Status::Ok();
    }
    WriteWarc(*job);
    if (status == 304) {
      NF_RETURN_IF_ERROR(HostAnswered(h));
      ++stats.not_modified;
      NF_RETURN_IF_ERROR(EnsureTxn());
      FrontierUpdate u;
      u.state = kFrontierDone;
      u.http_status = 304;
      u.fetched_at = IsoTime(r.started);
      NF_RETURN_IF_ERROR(state.Finish(job->entry.id, u));
      live_ids.erase(job->entry.id);
      --stats.queued;
      ++batch_items;
      result = Log(*job, "page", "not_modified", "");
    } else if (status >= 300 && status < 400 && !r.Header("location").empty()) {
      NF_RETURN_IF_ERROR(HostAnswered(h));
      result = HandleRedirect(*job);
    } else if (status == 429 || status == 503) {
      NF_RETURN_IF_ERROR(HostFailed(h));
      std::optional<double> after = RetryAfterSeconds(r.Header("retry-after"), now);
      double wait = after ? std::min(*after, options.max_retry_after_s) : Backoff(job->entry.attempts);
      // The server asked the whole host to slow down.
      h->record.backoff_until = std::max(h->record.backoff_until,
                                         static_cast<std::int64_t>(std::ceil(now + wait)));
      NF_RETURN_IF_ERROR(state.PutHost(h->record));
      std::string reason = "http " + std::to_string(status);
      if (after) reason += " retry-after " + std::string(r.Header("retry-after"));
      result = Retry(*job, reason, wait);
    } else if (status >= 500) {
      NF_RETURN_IF_ERROR(HostFailed(h));
      result = Retry(*job, "http " + std::to_string(status), Backoff(job->entry.attempts));
    } else {
      NF_RETURN_IF_ERROR(HostAnswered(h));
      ++stats.failed;
      result = FinishEntry(*job, kFrontierFailed, "http " + std::to_string(status), "page",
                           "failed", "");
    }
    Schedule(h);
    return result;
  }

  Status HandleRedirect(Job& job) {
    ++stats.redirects;
    const FetchResponse& r = job.response;
    std::string_view location = r.Header("location");
    UrlPolicy p;  // a redirect never leads to file://
    Result<Url> base = ParseUrl(r.url, p);
    Result<Url> target = base.ok() ? ResolveUrl(*base, location, p) : base.status();
    if (!target.ok()) {
      ++stats.failed;
      return FinishEntry(job, kFrontierFailed, "bad redirect", "page", "failed",
                         std::string(location) + ": " + target.status().message());
    }
    std::string normalized = NormalizeUrl(*target);
    if (normalized == job.entry.url) {
      ++stats.failed;
      return FinishEntry(job, kFrontierFailed, "redirect loop", "page", "failed",
                         "redirects to itself");
    }
    if (job.entry.redirects + 1 > options.max_redirects) {
      ++stats.failed;
      return FinishEntry(job, kFrontierFailed, "too many redirects", "page", "failed",
                         std::to_string(job.entry.redirects + 1) + " hops, last to " + normalized);
    }
    if (!job.rules->InScope(*target, normalized)) {
      ++stats.skipped;
      return FinishEntry(job, kFrontierDone, "redirect out of scope", "page", "redirect",
                         normalized);
    }
    const bool known = seen.count(UrlHash(normalized)) > 0;
    Candidate c;
    c.hash = UrlHash(normalized);
    c.url = normalized;
    c.host_key = target->HostKey();
    c.origin = target->Origin();
    c.depth = job.entry.depth;
    c.redirects = job.entry.redirects + 1;
    job.candidates.push_back(std::move(c));
    NF_RETURN_IF_ERROR(Admit(job));
    return FinishEntry(job, kFrontierDone, "", "page", "redirect",
                       "to " + normalized + (known ? " (already seen)" : ""));
  }

  // A worker finished `job`: write its rows, frontier update and links.
  Status Store(std::unique_ptr<Job> job) {
    NF_RETURN_IF_ERROR(EnsureTxn());
    ++batch_items;
    FrontierUpdate u;
    u.state = kFrontierDone;
    u.attempts = 0;
    u.http_status = job->response.http_status;
    u.etag = std::string(job->response.Header("etag"));
    u.last_modified = std::string(job->response.Header("last-modified"));
    u.fetched_at = IsoTime(job->response.started);
    std::string outcome;
    std::string detail = job->note;
    std::string kind = "page";
    switch (job->outcome) {
      case Job::Outcome::kDiscovery:
        ++stats.feeds;
        outcome = "discovered";
        kind = job->discovery == DiscoveryKind::kRss || job->discovery == DiscoveryKind::kAtom
                   ? "feed"
                   : "sitemap";
        break;
      case Job::Outcome::kArchived:
        ++stats.archived;
        outcome = "archived";
        u.content_hash = job->content_hash;
        detail = job->warc_file.empty() ? job->note : "warc offset " + std::to_string(job->warc_offset);
        break;
      case Job::Outcome::kNotPage:
        outcome = "skipped";
        ++stats.skipped;
        u.reason = "not a page: " + job->note;
        break;
      case Job::Outcome::kError:
        outcome = "failed";
        ++stats.failed;
        u.state = kFrontierFailed;
        u.reason = job->note;
        break;
      case Job::Outcome::kUnchangedPage:
      case Job::Outcome::kPage: {
        IngestRecord rec;
        if (job->outcome == Job::Outcome::kUnchangedPage) {
          rec.document.url = job->entry.url;
          rec.document.content_hash = job->content_hash;
          rec.document.size = job->response.body.size();
          rec.document.fetched_at = u.fetched_at;
          rec.document.etag = u.etag;
          rec.document.last_modified = u.last_modified;
        } else {
          rec = std::move(*job->record);
          job->record.reset();
        }
        Result<PutResult> put = store.Put(rec);
        if (!put.ok()) {
          outcome = "failed";
          ++stats.failed;
          u.state = kFrontierFailed;
          u.reason = "store: " + put.status().message();
          break;
        }
        u.content_hash = job->content_hash;
        ++batch_pages;
        switch (put->outcome) {
          case PutOutcome::kInserted:
          case PutOutcome::kReplaced:
            ++stats.stored;
            outcome = "stored";
            if (rec.status == "not_article") {
              ++stats.not_articles;
              detail = "not an article";
            } else if (rec.status == "error") {
              detail = "extraction: " + rec.error;
            }
            stats.facts += put->facts_written;
            if (!put->touched.empty()) pending_hooks.push_back(std::move(put->touched));
            break;
          case PutOutcome::kUnchanged:
            ++stats.unchanged;
            outcome = "unchanged";
            break;
          case PutOutcome::kDuplicate:
            ++stats.duplicates;
            outcome = "duplicate";
            detail = "of document " + std::to_string(put->duplicate_of);
            break;
        }
        if (job->response.truncated) detail += detail.empty() ? "truncated" : "; truncated";
        break;
      }
      case Job::Outcome::kNone:
        outcome = "failed";
        u.state = kFrontierFailed;
        break;
    }
    NF_RETURN_IF_ERROR(state.Finish(job->entry.id, u));
    live_ids.erase(job->entry.id);
    --stats.queued;
    if (!job->note.empty() && job->note.rfind("warc:", 0) == 0 && detail != job->note) {
      detail += "; " + job->note;
    }
    NF_RETURN_IF_ERROR(Log(*job, kind, outcome, u.reason.empty() ? detail : u.reason));
    return Admit(*job);
  }

  Status DrainWorkers() {
    for (std::unique_ptr<Job>& job : workers->TakeDone()) {
      NF_RETURN_IF_ERROR(Store(std::move(job)));
    }
    return Status::Ok();
  }

  void Progress(bool force) {
    if (!options.on_progress) return;
    const double now = WallNow();
    if (!force && now - last_progress < options.progress_interval.count() / 1000.0) return;
    last_progress = now;
    stats.in_flight = static_cast<std::int64_t>(fetcher->in_flight());
    options.on_progress(stats);
  }

  // Seconds until the next host may be dispatched (or -1 if none).
  double NextReady() {
    while (!heap.empty() && heap.front().gen != heap.front().host->gen) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<HeapItem>());
      heap.pop_back();
    }
    if (heap.empty()) return -1;
    return heap.front().time;
  }

  // True if some host has work that is not backed off past `limit`
  // (politeness waits always count).
  bool WorkBefore(double limit) const {
    for (const HeapItem& item : heap) {
      if (item.gen == item.host->gen && item.deferred_until <= limit) return true;
    }
    return false;
  }

  Status Loop(double start) {
    while (true) {
      NF_RETURN_IF_ERROR(DrainWorkers());
      if (!fatal.ok()) return fatal;
      if (stop_requested.load()) return Status::Ok();
      DispatchReady();
      if (!fatal.ok()) return fatal;
      NF_RETURN_IF_ERROR(MaybeCommit());
      Progress(false);

      const double now = WallNow();
      const bool busy = fetcher->in_flight() > 0 || workers->outstanding() > 0;
      double next = NextReady();
      const bool capped = options.max_pages > 0 && dispatched >= options.max_pages;
      if (!busy) {
        NF_RETURN_IF_ERROR(CommitNow());
        if (options.watch) {
          double due = NextSourceDue();
          if (due > 0 && due <= now) {
            NF_RETURN_IF_ERROR(ActivateDueSources(false));
            NF_RETURN_IF_ERROR(CommitNow());
            continue;
          }
          if (capped) next = -1;
          double wake = due > 0 ? due : now + 60;
          if (next >= 0) wake = std::min(wake, next);
          double wait = std::clamp(wake - now, 0.0, 1.0);
          for (FetchResponse& r : fetcher->Poll(std::chrono::milliseconds(static_cast<long>(wait * 1000)))) {
            NF_RETURN_IF_ERROR(HandleResponse(std::move(r)));
          }
          continue;
        }
        if (capped || next < 0 || !WorkBefore(now + options.retry_horizon_s)) return Status::Ok();
      }
      double wait = 0.2;
      if (next >= 0 && !capped && !dispatch_blocked) wait = std::clamp(next - now, 0.0, 0.2);
      if (in_txn) wait = std::min(wait, std::max(0.0, txn_started + kBatchSeconds - now));
      for (FetchResponse& r : fetcher->Poll(std::chrono::milliseconds(static_cast<long>(wait * 1000)))) {
        NF_RETURN_IF_ERROR(HandleResponse(std::move(r)));
      }
      (void)start;
    }
  }

  // After Stop(): let transfers finish for a while, cancel the rest (they
  // stay queued), store what the workers finish.
  Status Shutdown() {
    const double deadline = WallNow() + options.stop_grace_s;
    while (fetcher->in_flight() > 0 && WallNow() < deadline) {
      for (FetchResponse& r : fetcher->Poll(std::chrono::milliseconds(100))) {
        NF_RETURN_IF_ERROR(HandleResponse(std::move(r)));
      }
      NF_RETURN_IF_ERROR(DrainWorkers());
    }
    for (FetchResponse& r : fetcher->CancelAll()) {
      NF_RETURN_IF_ERROR(HandleResponse(std::move(r)));
    }
    while (workers->outstanding() > 0) {
      for (FetchResponse& r : fetcher->Poll(std::chrono::milliseconds(50))) {
        NF_RETURN_IF_ERROR(HandleResponse(std::move(r)));
      }
      NF_RETURN_IF_ERROR(DrainWorkers());
    }
    return Status::Ok();
  }

  Result<CrawlStats> Run() {
    const double start = WallNow();
    if (auto* cf = dynamic_cast<CurlFetcher*>(fetcher.get()); cf != nullptr && !cf->status().ok()) {
      return cf->status();
    }
    NF_RETURN_IF_ERROR(BuildSources());
    if (options.archive_only && options.warc_dir.empty()) {
      return Status::InvalidArgument("archive-only crawling needs a WARC directory");
    }
    if (!options.warc_dir.empty()) {
      WarcWriterOptions wo;
      wo.directory = options.warc_dir;
      wo.max_file_bytes = options.warc_max_file_bytes;
      wo.software = "newsfacts/0.1 crawler";
      wo.compression_level = options.warc_compression_level;
      wo.warcinfo = {{"http-header-user-agent", options.user_agent}, {"robots", "obey"},
                     {"format", "WARC File Format 1.1"}};
      auto w = WarcWriter::Open(wo);
      if (!w.ok()) return w.status().WithContext("cannot write WARC files");
      warc = std::move(*w);
    }
    workers = std::make_unique<WorkerPool>(WorkerCount(), [this](Job& j) { Process(j); },
                                           fetcher.get());
    Status s = LoadFrontier();
    if (s.ok()) s = ActivateDueSources(options.force);
    if (s.ok()) s = CommitNow();
    if (s.ok()) s = Loop(start);
    if (s.ok() && stop_requested.load()) {
      stats.stopped = true;
      s = Shutdown();
    }
    if (s.ok()) s = DrainWorkers();
    if (s.ok()) s = CommitNow();
    if (!s.ok()) {
      if (in_txn) {
        Status ignored = store.Rollback();
        (void)ignored;
        in_txn = false;
      }
      // Let the workers finish before the objects they use go away.
      fetcher->CancelAll();
      workers.reset();
      return s;
    }
    workers.reset();
    if (warc) {
      Status w = warc->Close();
      (void)w;
    }
    auto counts = state.Counts();
    if (counts.ok()) stats.queued = counts->queued;
    stats.in_flight = 0;
    stats.seconds = WallNow() - start;
    Progress(true);
    return stats;
  }
};

Crawler::Crawler(FactStore& store, CrawlConfig config, CrawlOptions options,
                 std::unique_ptr<Fetcher> fetcher)
    : impl_(std::make_unique<Impl>(store, std::move(config), std::move(options),
                                   std::move(fetcher))) {}
Crawler::~Crawler() = default;

Result<CrawlStats> Crawler::Run() { return impl_->Run(); }

void Crawler::Stop() {
  impl_->stop_requested.store(true);
  impl_->fetcher->Wakeup();
}

Fetcher& Crawler::fetcher() { return *impl_->fetcher; }

}  // namespace newsfacts
