// Link scanning, feed/sitemap parsing and the sources file.
#include <catch2/catch.hpp>

#include "crawl_discovery.h"
#include "gzip.h"
#include "newsfacts/crawler.h"
#include "test_util.h"

namespace nf = newsfacts;
using nf::testing::ReadFile;
using nf::testing::SourceDir;

TEST_CASE("ScanLinks finds anchors, canonical, feeds and base", "[ingest]") {
  const std::string html = R"(<!doctype html><html><head>
<base href="https://example.org/news/">
<link rel="canonical" href="https://example.org/a?x=1&amp;y=2">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="stylesheet" href="/style.css">
<script>var s = '<a href="/from-script">';</script>
<style>a[href="/from-style"] {}</style>
</head><body>
<!-- <a href="/commented-out">x</a> -->
<A HREF='/upper'>u</A>
<a class=x href=/unquoted>u</a>
<a href="  /spaced  ">s</a>
<a href="#top">fragment only</a>
<a rel="nofollow noopener" href="/nofollow">n</a>
<area shape="rect" href="/area">
<a href="/caf&#233;?a=1&amp;b=2">e</a>
<a>no href</a>
</body></html>)";
  nf::PageLinks links = nf::ScanLinks(html);
  CHECK(links.base == "https://example.org/news/");
  CHECK(links.canonical == "https://example.org/a?x=1&y=2");
  REQUIRE(links.feeds.size() == 1);
  CHECK(links.feeds[0] == "/feed.xml");
  CHECK(links.links ==
        std::vector<std::string>{"/upper", "/unquoted", "/spaced", "/area", "/caf\xC3\xA9?a=1&b=2"});
  CHECK_FALSE(links.nofollow);
}

TEST_CASE("ScanLinks honours meta robots nofollow and caps the count", "[ingest]") {
  nf::PageLinks none = nf::ScanLinks(
      R"(<meta name="robots" content="noindex, nofollow"><a href="/x">x</a>)");
  CHECK(none.nofollow);
  CHECK(none.links.empty());
  std::string many;
  for (int i = 0; i < 100; ++i) many += "<a href=\"/p" + std::to_string(i) + "\">p</a>";
  CHECK(nf::ScanLinks(many, 10).links.size() == 10);
  // Unterminated constructs do not crash or loop.
  CHECK(nf::ScanLinks("<a href=\"/x").links.size() == 1);
  CHECK(nf::ScanLinks("<!-- never closed <a href=/y>").links.empty());
  CHECK(nf::ScanLinks("<script>never closed <a href=/y>").links.empty());
}

TEST_CASE("ParseDiscoveryXml reads RSS, Atom and the corpus's Google News sitemap", "[ingest]") {
  const auto sites = SourceDir() / "corpus" / "sites";
  auto rss = nf::ParseDiscoveryXml(ReadFile(sites / "harbour-ledger.test" / "feed.xml"));
  REQUIRE(rss.ok());
  CHECK(rss->kind == nf::DiscoveryKind::kRss);
  CHECK(std::count(rss->urls.begin(), rss->urls.end(),
                   "https://harbour-ledger.test/2024/08/china-ai-capex.html") == 1);
  auto atom = nf::ParseDiscoveryXml(ReadFile(sites / "tech-wire.test" / "atom.xml"));
  REQUIRE(atom.ok());
  CHECK(atom->kind == nf::DiscoveryKind::kAtom);
  CHECK(std::count(atom->urls.begin(), atom->urls.end(),
                   "https://tech-wire.test/news/61477-alibaba-cloud-revenue-jumps-34pct.html") == 1);
  auto index = nf::ParseDiscoveryXml(ReadFile(sites / "harbour-ledger.test" / "sitemap.xml"));
  REQUIRE(index.ok());
  CHECK(index->kind == nf::DiscoveryKind::kSitemapIndex);
  CHECK(index->urls == std::vector<std::string>{"https://harbour-ledger.test/news-sitemap.xml",
                                                "https://harbour-ledger.test/sitemap-pages.xml"});
  auto news = nf::ParseDiscoveryXml(ReadFile(sites / "harbour-ledger.test" / "news-sitemap.xml"));
  REQUIRE(news.ok());
  CHECK(news->kind == nf::DiscoveryKind::kSitemap);
  CHECK(news->urls.size() == 3);
}

TEST_CASE("ParseDiscoveryXml reads gzip and text sitemaps and stops gzip bombs", "[ingest]") {
  const std::string xml =
      "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
      "<url><loc> https://a.test/1 </loc></url><url><loc>https://a.test/2</loc></url></urlset>";
  std::string gz;
  REQUIRE(nf::AppendGzipMember(xml, 6, &gz).ok());
  REQUIRE(nf::LooksLikeDiscoveryDocument("application/x-gzip", gz));
  auto sm = nf::ParseDiscoveryXml(gz);
  REQUIRE(sm.ok());
  CHECK(sm->urls == std::vector<std::string>{"https://a.test/1", "https://a.test/2"});

  auto text = nf::ParseDiscoveryXml("https://a.test/x\r\n\nhttps://a.test/y\nnot a url\n");
  REQUIRE(text.ok());
  CHECK(text->kind == nf::DiscoveryKind::kTextSitemap);
  CHECK(text->urls.size() == 2);

  std::string bomb;
  REQUIRE(nf::AppendGzipMember(std::string(8 << 20, '\0'), 9, &bomb).ok());
  auto exploded = nf::ParseDiscoveryXml(bomb, 1000, 1 << 20);
  REQUIRE_FALSE(exploded.ok());
  CHECK(exploded.status().code() == nf::Status::Code::kResourceExhausted);

  // Broken XML keeps what came before the error; garbage is an error.
  auto partial = nf::ParseDiscoveryXml(
      "<rss><channel><item><link>https://a.test/ok</link></item><item><link>x</li");
  REQUIRE(partial.ok());
  CHECK(partial->urls.front() == "https://a.test/ok");
  CHECK_FALSE(nf::ParseDiscoveryXml("<html><body>hi</body></html>").ok());
}

TEST_CASE("LooksLikeDiscoveryDocument tells feeds from pages", "[ingest]") {
  CHECK(nf::LooksLikeDiscoveryDocument("application/rss+xml", "<rss/>"));
  CHECK(nf::LooksLikeDiscoveryDocument("", "\xEF\xBB\xBF<?xml version='1.0'?><feed>"));
  CHECK(nf::LooksLikeDiscoveryDocument("text/plain", "  <urlset>"));
  CHECK_FALSE(nf::LooksLikeDiscoveryDocument("text/html; charset=utf-8", "<?xml?><rss>"));
  CHECK_FALSE(nf::LooksLikeDiscoveryDocument("", "<?xml version='1.0'?><!DOCTYPE html><html>"));
  CHECK_FALSE(nf::LooksLikeDiscoveryDocument("", "<!doctype html><p>a feed</p>"));
}

TEST_CASE("ParseDuration reads intervals", "[ingest]") {
  CHECK(*nf::ParseDuration("90") == 90);
  CHECK(*nf::ParseDuration("15m") == 900);
  CHECK(*nf::ParseDuration("6h") == 21600);
  CHECK(*nf::ParseDuration("1h30m") == 5400);
  CHECK(*nf::ParseDuration("2d") == 172800);
  CHECK_FALSE(nf::ParseDuration("").ok());
  CHECK_FALSE(nf::ParseDuration("soon").ok());
  CHECK_FALSE(nf::ParseDuration("5x").ok());
}

TEST_CASE("ParseCrawlConfig reads sources and [crawler] and names mistakes", "[ingest]") {
  nf::CrawlOptions options;
  auto cfg = nf::ParseCrawlConfig(R"TOML(
[crawler]
user_agent = "test-bot/1 (+https://example.org/bot)"
delay = "0.5s"
concurrency = 2
resolve = ["a.test:80:127.0.0.1"]

[[source]]
name = "a"
start = ["https://a.test/", "https://a.test/feed.xml"]
allow = ['^https://a\.test/news/']
lang = "de"
interval = "15m"
delay = 3
)TOML", "test.toml", &options);
  REQUIRE(cfg.ok());
  REQUIRE(cfg->sources.size() == 1);
  const nf::SourceConfig& s = cfg->sources[0];
  CHECK(s.name == "a");
  CHECK(s.start_urls.size() == 2);
  CHECK(s.allow.size() == 1);
  CHECK(s.lang == "de");
  CHECK(s.interval_s == 900);
  CHECK(s.delay.value_or(0) == 3.0);
  CHECK(options.user_agent == "test-bot/1 (+https://example.org/bot)");
  CHECK(options.delay == 0.5);
  CHECK(options.connections_per_host == 2);
  CHECK(options.resolve == std::vector<std::string>{"a.test:80:127.0.0.1"});

  auto unknown = nf::ParseCrawlConfig("[[source]]\nname='x'\nstart=['https://x.test/']\nspeed=3\n",
                                      "bad.toml", nullptr);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("bad.toml:4") != std::string::npos);
  CHECK(unknown.status().message().find("speed") != std::string::npos);
  CHECK_FALSE(nf::ParseCrawlConfig("[[source]]\nname='x'\n", "t", nullptr).ok());  // no start
  CHECK_FALSE(nf::ParseCrawlConfig("[[source]]\nname = \n", "t", nullptr).ok());   // TOML error
  CHECK_FALSE(nf::ParseCrawlConfig(
                  "[[source]]\nstart='https://x.test/'\ninterval='often'\n", "t", nullptr)
                  .ok());
}

TEST_CASE("corpus/sources.toml is a valid sources file for every corpus site", "[ingest]") {
  nf::CrawlOptions options;
  auto cfg = nf::LoadCrawlConfig((SourceDir() / "corpus" / "sources.toml").string(), &options);
  REQUIRE(cfg.ok());
  CHECK(cfg->sources.size() == 9);
  CHECK(options.user_agent.find("+https://") != std::string::npos);
}
