// The crawler's durable state. Contract in newsfacts/crawl_state.h.
#include "newsfacts/crawl_state.h"

#include <ctime>

#include "database.h"

namespace newsfacts {
namespace {

using store::Database;
using store::Statement;

#define NF_CS_STMT(var, db, sql)                 \
  auto var##_r = (db).Prepare(sql);              \
  if (!var##_r.ok()) return var##_r.status();    \
  Statement& var = **var##_r

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

constexpr const char* kFrontierColumns =
    "id, url, url_hash, host, source, depth, redirects, IFNULL(via,''), state, attempts, "
    "not_before, IFNULL(etag,''), IFNULL(last_modified,''), IFNULL(content_hash,''), "
    "IFNULL(http_status,0), IFNULL(reason,''), IFNULL(fetched_at,'')";

FrontierEntry ReadFrontier(const Statement& q) {
  FrontierEntry e;
  e.id = q.Int(0);
  e.url = q.Text(1);
  e.url_hash = static_cast<std::uint64_t>(q.Int(2));
  e.host = q.Text(3);
  e.source = q.Text(4);
  e.depth = static_cast<int>(q.Int(5));
  e.redirects = static_cast<int>(q.Int(6));
  e.via = q.Text(7);
  e.state = q.Text(8);
  e.attempts = static_cast<int>(q.Int(9));
  e.not_before = q.Int(10);
  e.etag = q.Text(11);
  e.last_modified = q.Text(12);
  e.content_hash = q.Text(13);
  e.http_status = static_cast<int>(q.Int(14));
  e.reason = q.Text(15);
  e.fetched_at = q.Text(16);
  return e;
}

void BindNewFrontier(Statement& s, const FrontierEntry& e) {
  s.Bind(1, e.url)
      .Bind(2, static_cast<std::int64_t>(e.url_hash))
      .Bind(3, e.host)
      .Bind(4, e.source)
      .Bind(5, e.depth)
      .Bind(6, e.redirects)
      .BindOrNull(7, e.via)
      .Bind(8, e.state)
      .Bind(9, e.not_before)
      .Bind(10, NowIso())
      .BindOrNull(11, e.reason);
}

}  // namespace

Result<std::int64_t> CrawlState::Enqueue(const FrontierEntry& e) {
  Database& db = store_.database();
  NF_CS_STMT(ins, db,
             "INSERT INTO crawl_frontier(url, url_hash, host, source, depth, redirects, via, "
             "state, not_before, discovered_at, reason) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) "
             "ON CONFLICT(url) DO NOTHING");
  BindNewFrontier(ins, e);
  NF_RETURN_IF_ERROR(ins.Run());
  if (db.Changes() == 0) return std::int64_t{0};
  return db.LastInsertId();
}

Result<std::int64_t> CrawlState::Requeue(const FrontierEntry& e) {
  Database& db = store_.database();
  {
    NF_CS_STMT(up, db,
               "UPDATE crawl_frontier SET state = 'queued', attempts = 0, not_before = 0, "
               "reason = NULL, depth = MIN(depth, ?2) WHERE url = ?1 RETURNING id");
    up.Bind(1, e.url).Bind(2, e.depth);
    if (up.Step()) {
      std::int64_t id = up.Int(0);
      while (up.Step()) {
      }
      NF_RETURN_IF_ERROR(up.status());
      return id;
    }
    NF_RETURN_IF_ERROR(up.status());
  }
  FrontierEntry fresh = e;
  fresh.state = kFrontierQueued;
  return Enqueue(fresh);
}

Result<std::optional<FrontierEntry>> CrawlState::Find(const std::string& url) {
  NF_CS_STMT(q, store_.database(),
             std::string("SELECT ") + kFrontierColumns + " FROM crawl_frontier WHERE url = ?");
  q.Bind(1, url);
  if (q.Step()) {
    FrontierEntry e = ReadFrontier(q);
    q.Reset();
    return std::optional<FrontierEntry>(std::move(e));
  }
  NF_RETURN_IF_ERROR(q.status());
  return std::optional<FrontierEntry>();
}

Status CrawlState::Finish(std::int64_t id, const FrontierUpdate& u) {
  NF_CS_STMT(q, store_.database(),
             "UPDATE crawl_frontier SET state = ?2, attempts = ?3, not_before = ?4, "
             "http_status = ?5, reason = ?6, etag = COALESCE(?7, etag), "
             "last_modified = COALESCE(?8, last_modified), "
             "content_hash = COALESCE(?9, content_hash), fetched_at = COALESCE(?10, fetched_at) "
             "WHERE id = ?1");
  q.Bind(1, id).Bind(2, u.state).Bind(3, u.attempts).Bind(4, u.not_before);
  if (u.http_status != 0) {
    q.Bind(5, u.http_status);
  } else {
    q.BindNull(5);
  }
  q.BindOrNull(6, u.reason)
      .BindOrNull(7, u.etag)
      .BindOrNull(8, u.last_modified)
      .BindOrNull(9, u.content_hash)
      .BindOrNull(10, u.fetched_at);
  return q.Run();
}

Result<std::vector<FrontierEntry>> CrawlState::Queued(const std::string& host,
                                                      std::int64_t after_id, int limit) {
  NF_CS_STMT(q, store_.database(),
             std::string("SELECT ") + kFrontierColumns +
                 " FROM crawl_frontier WHERE host = ?1 AND state = 'queued' AND id > ?2 "
                 "ORDER BY id LIMIT ?3");
  q.Bind(1, host).Bind(2, after_id).Bind(3, limit);
  std::vector<FrontierEntry> out;
  while (q.Step()) out.push_back(ReadFrontier(q));
  NF_RETURN_IF_ERROR(q.status());
  return out;
}

Result<std::vector<std::string>> CrawlState::QueuedHosts() {
  NF_CS_STMT(q, store_.database(),
             "SELECT DISTINCT host FROM crawl_frontier WHERE state = 'queued' ORDER BY host");
  std::vector<std::string> out;
  while (q.Step()) out.push_back(q.Text(0));
  NF_RETURN_IF_ERROR(q.status());
  return out;
}

Status CrawlState::ForEachUrlHash(const std::function<void(std::uint64_t)>& fn) {
  NF_CS_STMT(q, store_.database(), "SELECT url_hash FROM crawl_frontier");
  while (q.Step()) fn(static_cast<std::uint64_t>(q.Int(0)));
  return q.status();
}

Result<FrontierCounts> CrawlState::Counts() {
  NF_CS_STMT(q, store_.database(),
             "SELECT state, count(*) FROM crawl_frontier GROUP BY state");
  FrontierCounts c;
  while (q.Step()) {
    const std::string s = q.Text(0);
    const std::int64_t n = q.Int(1);
    if (s == kFrontierQueued) c.queued = n;
    if (s == kFrontierDone) c.done = n;
    if (s == kFrontierFailed) c.failed = n;
    if (s == kFrontierSkipped) c.skipped = n;
  }
  NF_RETURN_IF_ERROR(q.status());
  return c;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> CrawlState::UrlsPerHost() {
  NF_CS_STMT(q, store_.database(), "SELECT host, count(*) FROM crawl_frontier GROUP BY host");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (q.Step()) out.emplace_back(q.Text(0), q.Int(1));
  NF_RETURN_IF_ERROR(q.status());
  return out;
}

Result<std::optional<HostRecord>> CrawlState::Host(const std::string& host) {
  NF_CS_STMT(q, store_.database(),
             "SELECT host, robots_status, IFNULL(robots_body,''), IFNULL(robots_fetched,0), "
             "IFNULL(robots_expires,0), robots_failures, IFNULL(robots_unreachable_since,0), "
             "failures, backoff_until, pages FROM crawl_hosts WHERE host = ?");
  q.Bind(1, host);
  if (!q.Step()) {
    NF_RETURN_IF_ERROR(q.status());
    return std::optional<HostRecord>();
  }
  HostRecord h;
  h.host = q.Text(0);
  h.robots_known = !q.IsNull(1);
  h.robots_status = static_cast<int>(q.Int(1));
  h.robots_body = q.Text(2);
  h.robots_fetched = q.Int(3);
  h.robots_expires = q.Int(4);
  h.robots_failures = static_cast<int>(q.Int(5));
  h.robots_unreachable_since = q.Int(6);
  h.failures = static_cast<int>(q.Int(7));
  h.backoff_until = q.Int(8);
  h.pages = q.Int(9);
  q.Reset();
  return std::optional<HostRecord>(std::move(h));
}

Status CrawlState::PutHost(const HostRecord& h) {
  NF_CS_STMT(q, store_.database(),
             "INSERT INTO crawl_hosts(host, robots_status, robots_body, robots_fetched, "
             "robots_expires, robots_failures, robots_unreachable_since, failures, "
             "backoff_until, pages) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) "
             "ON CONFLICT(host) DO UPDATE SET robots_status = excluded.robots_status, "
             "robots_body = excluded.robots_body, robots_fetched = excluded.robots_fetched, "
             "robots_expires = excluded.robots_expires, "
             "robots_failures = excluded.robots_failures, "
             "robots_unreachable_since = excluded.robots_unreachable_since, "
             "failures = excluded.failures, backoff_until = excluded.backoff_until, "
             "pages = excluded.pages");
  q.Bind(1, h.host);
  if (h.robots_known) {
    q.Bind(2, h.robots_status);
  } else {
    q.BindNull(2);
  }
  q.BindOrNull(3, h.robots_body)
      .Bind(4, h.robots_fetched)
      .Bind(5, h.robots_expires)
      .Bind(6, h.robots_failures);
  if (h.robots_unreachable_since != 0) {
    q.Bind(7, h.robots_unreachable_since);
  } else {
    q.BindNull(7);
  }
  q.Bind(8, h.failures).Bind(9, h.backoff_until).Bind(10, h.pages);
  return q.Run();
}

Status CrawlState::UpsertSource(const std::string& name, std::int64_t interval_s) {
  NF_CS_STMT(q, store_.database(),
             "INSERT INTO crawl_sources(name, interval_s) VALUES(?1, ?2) "
             "ON CONFLICT(name) DO UPDATE SET interval_s = excluded.interval_s");
  q.Bind(1, name).Bind(2, interval_s);
  return q.Run();
}

Result<std::optional<SourceSchedule>> CrawlState::Source(const std::string& name) {
  NF_CS_STMT(q, store_.database(),
             "SELECT name, interval_s, next_due, IFNULL(last_started,0), IFNULL(last_finished,0) "
             "FROM crawl_sources WHERE name = ?");
  q.Bind(1, name);
  if (!q.Step()) {
    NF_RETURN_IF_ERROR(q.status());
    return std::optional<SourceSchedule>();
  }
  SourceSchedule s;
  s.name = q.Text(0);
  s.interval_s = q.Int(1);
  s.next_due = q.Int(2);
  s.last_started = q.Int(3);
  s.last_finished = q.Int(4);
  q.Reset();
  return std::optional<SourceSchedule>(std::move(s));
}

Status CrawlState::PutSource(const SourceSchedule& s) {
  NF_CS_STMT(q, store_.database(),
             "INSERT INTO crawl_sources(name, interval_s, next_due, last_started, last_finished) "
             "VALUES(?1,?2,?3,?4,?5) ON CONFLICT(name) DO UPDATE SET "
             "interval_s = excluded.interval_s, next_due = excluded.next_due, "
             "last_started = excluded.last_started, last_finished = excluded.last_finished");
  q.Bind(1, s.name).Bind(2, s.interval_s).Bind(3, s.next_due);
  if (s.last_started != 0) {
    q.Bind(4, s.last_started);
  } else {
    q.BindNull(4);
  }
  if (s.last_finished != 0) {
    q.Bind(5, s.last_finished);
  } else {
    q.BindNull(5);
  }
  return q.Run();
}

Status CrawlState::Log(const FetchLogEntry& e) {
  NF_CS_STMT(q, store_.database(),
             "INSERT INTO crawl_log(at, url, host, source, kind, http_status, outcome, reason, "
             "bytes, ms, attempt) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
  q.Bind(1, e.at.empty() ? NowIso() : e.at)
      .Bind(2, e.url)
      .Bind(3, e.host)
      .BindOrNull(4, e.source)
      .BindOrNull(5, e.kind);
  if (e.http_status != 0) {
    q.Bind(6, e.http_status);
  } else {
    q.BindNull(6);
  }
  q.Bind(7, e.outcome).BindOrNull(8, e.reason).Bind(9, e.bytes).Bind(10, e.ms).Bind(11, e.attempt);
  return q.Run();
}

Result<std::vector<FetchLogEntry>> CrawlState::QueryLog(const FetchLogQuery& f) {
  NF_CS_STMT(q, store_.database(),
             "SELECT id, at, url, host, IFNULL(source,''), IFNULL(kind,''), "
             "IFNULL(http_status,0), outcome, IFNULL(reason,''), IFNULL(bytes,0), IFNULL(ms,0), "
             "IFNULL(attempt,0) FROM crawl_log "
             "WHERE (?1 = 0 OR outcome IN ('retry','failed','skipped')) "
             "AND (?2 = '' OR host = ?2 OR host LIKE ?2 || ':%') "
             "AND (?3 = '' OR instr(url, ?3) > 0) "
             "AND (?4 = '' OR outcome = ?4) "
             "AND (?5 = '' OR at >= ?5) "
             "ORDER BY id DESC LIMIT ?6");
  q.Bind(1, f.failures_only ? 1 : 0)
      .Bind(2, f.host)
      .Bind(3, f.url_contains)
      .Bind(4, f.outcome)
      .Bind(5, f.since)
      .Bind(6, static_cast<std::int64_t>(f.limit > 0 ? f.limit : -1));
  std::vector<FetchLogEntry> out;
  while (q.Step()) {
    FetchLogEntry e;
    e.id = q.Int(0);
    e.at = q.Text(1);
    e.url = q.Text(2);
    e.host = q.Text(3);
    e.source = q.Text(4);
    e.kind = q.Text(5);
    e.http_status = static_cast<int>(q.Int(6));
    e.outcome = q.Text(7);
    e.reason = q.Text(8);
    e.bytes = q.Int(9);
    e.ms = q.Int(10);
    e.attempt = static_cast<int>(q.Int(11));
    out.push_back(std::move(e));
  }
  NF_RETURN_IF_ERROR(q.status());
  return out;
}

}  // namespace newsfacts
