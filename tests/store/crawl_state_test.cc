// CrawlState: frontier, hosts, sources and the fetch log in the store's database.
#include <catch2/catch.hpp>

#include "newsfacts/crawl_state.h"
#include "newsfacts/fact_store.h"

namespace nf = newsfacts;

namespace {

nf::FrontierEntry Entry(const std::string& url, const std::string& host = "a.test:80") {
  nf::FrontierEntry e;
  e.url = url;
  e.url_hash = std::hash<std::string>()(url);
  e.host = host;
  e.source = "s";
  return e;
}

}  // namespace

TEST_CASE("CrawlState frontier: enqueue once, finish, requeue keeps validators", "[store]") {
  auto store = nf::FactStore::Open(":memory:");
  REQUIRE(store.ok());
  nf::CrawlState state(**store);
  auto a = state.Enqueue(Entry("http://a.test/1"));
  REQUIRE(a.ok());
  CHECK(*a > 0);
  auto again = state.Enqueue(Entry("http://a.test/1"));
  REQUIRE(again.ok());
  CHECK(*again == 0);  // known URL: untouched
  REQUIRE(state.Enqueue(Entry("http://a.test/2")).ok());
  REQUIRE(state.Enqueue(Entry("http://b.test/1", "b.test:80")).ok());

  auto queued = state.Queued("a.test:80", 0, 10);
  REQUIRE(queued.ok());
  REQUIRE(queued->size() == 2);
  CHECK((*queued)[0].url == "http://a.test/1");
  auto hosts = state.QueuedHosts();
  REQUIRE(hosts.ok());
  CHECK(*hosts == std::vector<std::string>{"a.test:80", "b.test:80"});

  nf::FrontierUpdate done;
  done.http_status = 200;
  done.etag = "\"v1\"";
  done.last_modified = "Wed, 21 Oct 2015 07:28:00 GMT";
  done.content_hash = "abc";
  REQUIRE(state.Finish(*a, done).ok());
  auto row = state.Find("http://a.test/1");
  REQUIRE(row.ok());
  REQUIRE(row->has_value());
  CHECK((*row)->state == "done");
  CHECK((*row)->etag == "\"v1\"");

  // A later update without validators keeps them (COALESCE).
  nf::FrontierUpdate retry;
  retry.state = nf::kFrontierQueued;
  retry.attempts = 2;
  retry.not_before = 12345;
  retry.reason = "http 503";
  REQUIRE(state.Finish(*a, retry).ok());
  row = state.Find("http://a.test/1");
  CHECK((*row)->attempts == 2);
  CHECK((*row)->not_before == 12345);
  CHECK((*row)->etag == "\"v1\"");
  REQUIRE(state.Finish(*a, done).ok());

  auto requeued = state.Requeue(Entry("http://a.test/1"));
  REQUIRE(requeued.ok());
  CHECK(*requeued == *a);
  row = state.Find("http://a.test/1");
  CHECK((*row)->state == "queued");
  CHECK((*row)->attempts == 0);
  CHECK((*row)->content_hash == "abc");
  CHECK((*row)->last_modified == "Wed, 21 Oct 2015 07:28:00 GMT");

  auto counts = state.Counts();
  REQUIRE(counts.ok());
  CHECK(counts->queued == 3);
  auto per_host = state.UrlsPerHost();
  REQUIRE(per_host.ok());
  CHECK(per_host->size() == 2);
  std::size_t hashes = 0;
  REQUIRE(state.ForEachUrlHash([&](std::uint64_t) { ++hashes; }).ok());
  CHECK(hashes == 3);
}

TEST_CASE("CrawlState hosts, sources and the fetch log round-trip", "[store]") {
  auto store = nf::FactStore::Open(":memory:");
  REQUIRE(store.ok());
  nf::CrawlState state(**store);

  auto none = state.Host("a.test:443");
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  nf::HostRecord h;
  h.host = "a.test:443";
  h.robots_known = true;
  h.robots_status = 200;
  h.robots_body = "User-agent: *\nDisallow: /x\n";
  h.robots_expires = 99;
  h.failures = 3;
  h.backoff_until = 77;
  REQUIRE(state.PutHost(h).ok());
  h.failures = 4;
  REQUIRE(state.PutHost(h).ok());
  auto got = state.Host("a.test:443");
  REQUIRE(got->has_value());
  CHECK((*got)->robots_body == h.robots_body);
  CHECK((*got)->failures == 4);
  CHECK((*got)->backoff_until == 77);

  REQUIRE(state.UpsertSource("news", 900).ok());
  auto src = state.Source("news");
  REQUIRE(src->has_value());
  CHECK((*src)->next_due == 0);
  nf::SourceSchedule s = **src;
  s.next_due = 5000;
  s.last_started = 4100;
  REQUIRE(state.PutSource(s).ok());
  REQUIRE(state.UpsertSource("news", 60).ok());  // new interval keeps the schedule
  src = state.Source("news");
  CHECK((*src)->interval_s == 60);
  CHECK((*src)->next_due == 5000);

  nf::FetchLogEntry e;
  e.url = "https://a.test/x";
  e.host = "a.test:443";
  e.outcome = "stored";
  e.http_status = 200;
  REQUIRE(state.Log(e).ok());
  e.url = "https://a.test/y";
  e.outcome = "failed";
  e.reason = "timeout";
  e.http_status = 0;
  REQUIRE(state.Log(e).ok());
  nf::FetchLogQuery q;
  auto all = state.QueryLog(q);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].url == "https://a.test/y");  // newest first
  CHECK_FALSE((*all)[0].at.empty());
  q.failures_only = true;
  auto failed = state.QueryLog(q);
  REQUIRE(failed->size() == 1);
  CHECK((*failed)[0].reason == "timeout");
  q = {};
  q.host = "a.test";
  CHECK(state.QueryLog(q)->size() == 2);
  q.host = "b.test";
  CHECK(state.QueryLog(q)->empty());
}

TEST_CASE("CrawlState writes roll back with the store's transaction", "[store]") {
  auto store = nf::FactStore::Open(":memory:");
  REQUIRE(store.ok());
  nf::CrawlState state(**store);
  REQUIRE((*store)->Begin().ok());
  REQUIRE(state.Enqueue(Entry("http://a.test/lost")).ok());
  REQUIRE((*store)->Rollback().ok());
  auto row = state.Find("http://a.test/lost");
  REQUIRE(row.ok());
  CHECK_FALSE(row->has_value());
}
