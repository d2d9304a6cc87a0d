// The crawler end to end against real HTTP servers on 127.0.0.x: the corpus
// sites, and a trap site with every failure mode the crawler must survive.
#include <catch2/catch.hpp>
#include <unicode/ucnv.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "database.h"
#include "gzip.h"
#include "newsfacts/crawl_state.h"
#include "newsfacts/crawler.h"
#include "newsfacts/fact_store.h"
#include "newsfacts/warc.h"
#include "test_server.h"
#include "test_util.h"

namespace nf = newsfacts;
using nf::testing::ScopedTempDir;
using nf::testing::TestServer;

namespace {

// Options that make a test crawl fast but keep every mechanism on.
nf::CrawlOptions FastOptions() {
  nf::CrawlOptions o;
  o.delay = 0;
  o.max_crawl_delay = 0;
  o.retry_base_s = 0.1;
  o.max_retries = 1;
  o.retry_horizon_s = 5;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(10000);
  o.low_speed_bytes = 1000;
  o.low_speed_seconds = 1;
  o.workers = 2;
  o.stop_grace_s = 1;
  return o;
}

using Rows = std::vector<std::vector<std::string>>;

Rows Query(nf::FactStore& store, const std::string& sql) {
  sqlite3* db = store.database().handle();
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  Rows rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* t = sqlite3_column_text(stmt, i);
      row.push_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(stmt);
  return rows;
}

std::string One(nf::FactStore& store, const std::string& sql) {
  Rows r = Query(store, sql);
  return r.empty() ? std::string() : r[0][0];
}

std::int64_t Count(nf::FactStore& store, const std::string& sql) {
  return std::stoll(One(store, sql));
}

std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  REQUIRE(U_SUCCESS(err));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// An article page the extractor recognises as one (og:type, enough text).
std::string ArticleHtml(const std::string& title, const std::string& body,
                        const std::string& head_extra = "", const std::string& links = "") {
  std::string paras;
  for (int i = 0; i < 4; ++i) paras += "<p>" + body + "</p>\n";
  return "<!doctype html><html><head>" + head_extra + "<title>" + title +
         "</title><meta property=\"og:type\" content=\"article\"></head><body><article><h1>" +
         title + "</h1>" + paras + "</article>" + links + "</body></html>";
}

}  // namespace

TEST_CASE("Crawler crawls the corpus sites from a sources file", "[ingest]") {
  TestServer server;
  nf::testing::ServeCorpus(server);
  server.Start();
  ScopedTempDir tmp;
  const std::string port = std::to_string(server.port());
  std::string toml = "[crawler]\nresolve = [";
  for (const std::string& r : nf::testing::CorpusResolve(server.port())) toml += "\"" + r + "\",";
  toml += "]\n";
  for (const std::string& h : nf::testing::CorpusHosts()) {
    toml += "[[source]]\nname = \"" + h + "\"\nstart = [\"http://" + h + ":" + port + "/\"]\n" +
            "interval = \"1h\"\n";
  }
  nf::CrawlOptions options = FastOptions();
  auto config = nf::ParseCrawlConfig(toml, "test.toml", &options);
  REQUIRE(config.ok());
  options.warc_dir = (tmp.path() / "warc").string();
  std::int64_t hook_calls = 0;
  options.on_stored = [&](const std::vector<nf::ClaimKey>& keys) {
    CHECK_FALSE(keys.empty());
    ++hook_calls;
  };
  auto store = nf::FactStore::Open((tmp.path() / "c.db").string());
  REQUIRE(store.ok());
  nf::Crawler crawler(**store, *config, options);
  auto stats = crawler.Run();
  REQUIRE(stats.ok());
  nf::FactStore& db = **store;

  // Every corpus article arrived, through feeds, sitemaps or links.
  CHECK(Count(db, "SELECT count(*) FROM documents WHERE url LIKE '%/2024/%' OR url LIKE '%/news/%'") == 21);
  CHECK(Count(db, "SELECT count(*) FROM articles") >= 21);
  CHECK(stats->facts > 50);
  CHECK(hook_calls > 0);
  CHECK(stats->feeds >= 9);
  // robots.txt was asked once per host and its Disallow lines were obeyed.
  for (const std::string& h : nf::testing::CorpusHosts()) CHECK(server.Hits("/robots.txt", h) == 1);
  for (const auto& r : server.Requests()) {
    CHECK(r.target.rfind("/search", 0) != 0);
    CHECK(r.target.rfind("/account", 0) != 0);
    CHECK(r.user_agent.find("newsfacts/0.1") == 0);
  }
  // Nothing fetched twice.
  std::map<std::string, int> per_url;
  for (const auto& r : server.Requests()) ++per_url[r.host + r.target];
  for (const auto& [url, n] : per_url) CHECK(n == 1);
  // Charsets: GBK, windows-1251, Shift_JIS and undeclared UTF-8 pages arrive as UTF-8.
  CHECK(One(db, "SELECT a.text LIKE '%腾讯%' FROM articles a JOIN documents d ON d.id = a.document_id "
                "WHERE d.url LIKE '%dongfang-caijing.test%/2024/08/%'") == "1");
  CHECK(One(db, "SELECT lower(charset) FROM documents WHERE url LIKE '%dongfang-caijing.test%/2024/08/%'")
            .find("gb") != std::string::npos);
  CHECK(One(db, "SELECT a.title LIKE '%Китайские%' OR a.text LIKE '%Китай%' FROM articles a JOIN documents d "
                "ON d.id = a.document_id WHERE d.url LIKE '%kitajskie-tekhgiganty%'") == "1");
  CHECK(One(db, "SELECT lower(charset) FROM documents WHERE url LIKE '%kitajskie-tekhgiganty%'") ==
        "windows-1251");
  CHECK(One(db, "SELECT a.text LIKE '%アリババ%' OR a.text LIKE '%中国%' FROM articles a JOIN documents d "
                "ON d.id = a.document_id WHERE d.url LIKE '%china-it-ooote%'") == "1");
  CHECK(One(db, "SELECT a.text LIKE '%inversión%' OR a.text LIKE '%según%' OR a.text LIKE '%millones%' "
                "FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.url LIKE '%nvidia-h20-china%'") == "1");
  // The frontier is done; WARC files hold every response.
  nf::CrawlState state(db);
  auto counts = state.Counts();
  REQUIRE(counts.ok());
  CHECK(counts->queued == 0);
  std::int64_t responses = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path() / "warc")) {
    auto reader = nf::WarcReader::Open(e.path().string());
    REQUIRE(reader.ok());
    nf::WarcRecord rec;
    while (true) {
      auto more = reader->Next(&rec);
      REQUIRE(more.ok());
      if (!*more) break;
      if (rec.type() == "response") ++responses;
    }
  }
  CHECK(responses == server.TotalHits());
  CHECK(Count(db, "SELECT count(*) FROM documents WHERE warc_file IS NULL OR warc_offset IS NULL") == 0);

  // A second run: nothing is due, nothing is fetched.
  const int before = server.TotalHits();
  nf::Crawler again(**store, *config, options);
  auto stats2 = again.Run();
  REQUIRE(stats2.ok());
  CHECK(stats2->fetched == 0);
  CHECK(server.TotalHits() == before);
}

// The trap site: one host, every failure mode.
struct TrapSite {
  TestServer server;
  std::atomic<int> busy_calls{0}, limited_calls{0};
  std::atomic<bool> stop_slow{false};
  std::string bomb;
  std::string gbk_page, cp1251_page;
  std::chrono::steady_clock::time_point busy_first, busy_second;

  TrapSite() {
    REQUIRE(nf::AppendGzipMember(std::string(32 << 20, ' '), 9, &bomb).ok());
    gbk_page = Encode(ArticleHtml("中国科技公司资本支出翻倍", "阿里巴巴、腾讯和百度今年上半年的资本支出合计达到五百亿元人民币，比去年同期翻了一番。"),
                      "GBK");
    cp1251_page = Encode(ArticleHtml("Китайские техгиганты удвоили капзатраты",
                                     "Капитальные затраты Alibaba, Tencent и Baidu в первом полугодии выросли вдвое, до 50 млрд юаней.",
                                     "<meta charset=\"windows-1251\">"),
                         "windows-1251");
    auto& http = server.http();
    const std::string origin = server.Origin();
    http.Get("/robots.txt", [origin](const httplib::Request&, httplib::Response& res) {
      res.set_content("User-agent: *\nDisallow: /\n\n"
                      "User-agent: NewsFacts\nDisallow: /nf-blocked/\nAllow: /nf-blocked/but-this\n"
                      "Disallow: /*.pdf$\n\nSitemap: " + origin + "/sitemap.xml.gz\n",
                      "text/plain");
    });
    http.Get("/sitemap.xml.gz", [origin](const httplib::Request&, httplib::Response& res) {
      std::string gz;
      REQUIRE(nf::AppendGzipMember("<?xml version=\"1.0\"?><urlset><url><loc>" + origin +
                                       "/from-sitemap</loc></url></urlset>",
                                   6, &gz)
                  .ok());
      res.set_content(gz, "application/x-gzip");
    });
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      const char* links[] = {"/nf-blocked/x", "/nf-blocked/but-this", "/doc.pdf", "/etag", "/slow",
                             "/huge", "/bomb", "/loop-a", "/chain/0", "/to-metadata",
                             "/to-private", "/busy", "/limited", "/cal?day=1", "/gbk", "/cp1251",
                             "/nocharset", "/invalid-utf8", "/dup1", "/dup2", "/canon-main", "/canon-copy",
                             "/session?x=1&sid=abc", "/session?sid=def&x=1",
                             "/etag?utm_source=newsletter", "/etag#comments", "/gone"};
      std::string html = "<html><body><h1>Trap site</h1><ul>";
      for (const char* l : links) html += std::string("<li><a href=\"") + l + "\">" + l + "</a></li>";
      res.set_content(html + "</ul></body></html>", "text/html");
    });
    http.Get("/etag", [](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("If-None-Match") == "\"e1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"e1\"");
      res.set_header("Last-Modified", "Mon, 02 Sep 2024 10:00:00 GMT");
      res.set_content(ArticleHtml("Versioned story", "This story carries an entity tag so a recrawl can ask whether it changed."),
                      "text/html");
    });
    http.Get(R"(/(nf-blocked/but-this|from-sitemap|session|dup1|dup2|canon-main))",
             [](const httplib::Request& req, httplib::Response& res) {
               std::string path = req.path;
               if (path == "/dup1" || path == "/dup2") path = "dup";
               res.set_content(ArticleHtml("Page " + path, "A page with enough words to count as an article for the extractor in these tests."),
                               "text/html");
             });
    http.Get("/canon-copy", [origin](const httplib::Request&, httplib::Response& res) {
      res.set_content(ArticleHtml("Canonical story", "The copy names the main URL as canonical, so both are one story in the store.",
                                  "<link rel=\"canonical\" href=\"" + origin + "/canon-main\">"),
                      "text/html");
    });
    http.Get(R"(/nf-blocked/x|/doc\.pdf|/gone)", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
    });
    http.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [this](size_t, httplib::DataSink& sink) {
        for (int i = 0; i < 50 && !stop_slow; ++i) {
          if (!sink.write("x", 1)) return false;
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        sink.done();
        return true;
      });
    });
    http.Get("/huge", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/html", [](size_t, httplib::DataSink& sink) {
        std::string head = ArticleHtml("A very long page", "Long text follows and never ends.");
        head.resize(head.size() - 14);  // drop </body></html>
        if (!sink.write(head.data(), head.size())) return false;
        static const std::string chunk = "<p>" + nf::testing::NoiseText(64 * 1024) + "</p>";
        for (int i = 0; i < 800; ++i) {  // ~50 MB
          if (!sink.write(chunk.data(), chunk.size())) return false;
        }
        sink.done();
        return true;
      });
    });
    http.Get("/bomb", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(bomb, "text/html");
    });
    http.Get("/loop-a", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop-b"); });
    http.Get("/loop-b", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop-a"); });
    http.Get(R"(/chain/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.set_redirect("/chain/" + std::to_string(std::stoi(req.matches[1]) + 1));
    });
    http.Get("/to-metadata", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://169.254.169.254/latest/meta-data/");
    });
    http.Get("/to-private", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://10.0.0.1/admin");
    });
    http.Get("/busy", [this](const httplib::Request&, httplib::Response& res) {
      if (busy_calls++ == 0) {
        busy_first = std::chrono::steady_clock::now();
        res.status = 503;
        res.set_header("Retry-After", "1");
        return;
      }
      busy_second = std::chrono::steady_clock::now();
      res.set_content(ArticleHtml("Back again", "The server was busy the first time and asked us to come back a second later."),
                      "text/html");
    });
    http.Get("/limited", [this](const httplib::Request&, httplib::Response& res) {
      if (limited_calls++ == 0) {
        res.status = 429;
        res.set_header("Retry-After", "1");
        return;
      }
      res.set_content(ArticleHtml("Rate limited", "Too many requests the first time; the crawler waited as it was told to."),
                      "text/html");
    });
    http.Get("/cal", [](const httplib::Request& req, httplib::Response& res) {
      int day = std::stoi(req.get_param_value("day"));
      res.set_content("<html><body><a href=\"/cal?day=" + std::to_string(day + 1) +
                          "\">next</a> <a href=\"/cal;jsessionid=" + std::to_string(day) + "?day=" +
                          std::to_string(day + 1) + "\">next again</a></body></html>",
                      "text/html");
    });
    http.Get("/gbk", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(gbk_page, "text/html; charset=gbk");  // the header is the only declaration
    });
    http.Get("/cp1251", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(cp1251_page, "text/html");  // only <meta charset>
    });
    http.Get("/nocharset", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(ArticleHtml("Économie et données", "Les géants chinois ont doublé leurs dépenses d'investissement, à près de cinquante milliards."),
                      "text/html");
    });
    http.Get("/invalid-utf8", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(ArticleHtml("Broken \xC3\x28 bytes", "Some text with invalid bytes \xFF\xFE\xC0\xAF in the middle of a long paragraph."),
                      "text/html; charset=utf-8");
    });
    server.Start();
  }
  ~TrapSite() { stop_slow = true; }
};

TEST_CASE("Crawler survives the trap site and records every failure", "[ingest]") {
  TrapSite site;
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "t.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.seeds = {site.server.Url("/")};
  options.max_depth = 4;
  options.max_body_bytes = 1 << 20;
  options.warc_dir = (tmp.path() / "warc").string();
  options.host_failure_threshold = 50;  // host back-off has its own test
  nf::Crawler crawler(**store, nf::CrawlConfig(), options);
  const auto t0 = std::chrono::steady_clock::now();
  auto stats = crawler.Run();
  REQUIRE(stats.ok());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 20);
  nf::FactStore& db = **store;
  TestServer& s = site.server;
  auto reason = [&](const std::string& path) {
    return One(db, "SELECT IFNULL(reason,'') || '|' || state FROM crawl_frontier WHERE url = '" +
                       s.Url(path) + "'");
  };

  // robots.txt: the NewsFacts group (not '*') applies; longest match wins; '$' anchors.
  CHECK(s.Hits("/robots.txt") == 1);
  CHECK(s.Hits("/nf-blocked/x") == 0);
  CHECK(s.Hits("/nf-blocked/but-this") == 1);
  CHECK(s.Hits("/doc.pdf") == 0);
  CHECK(reason("/nf-blocked/x").find("robots") == 0);
  // Sitemap: from robots.txt, gzip-compressed.
  CHECK(s.Hits("/from-sitemap") == 1);

  // Slow page: cut off by the low-speed limit, retried once, then given up.
  CHECK(s.Hits("/slow") == 2);
  CHECK(reason("/slow").find("timeout") == 0);
  CHECK(reason("/slow").find("|failed") != std::string::npos);
  // Huge page: truncated at the cap, stored; the bomb: stopped and recorded.
  INFO(reason("/huge"));
  CHECK(One(db, "SELECT size FROM documents WHERE url = '" + s.Url("/huge") + "'") ==
        std::to_string(1 << 20));
  CHECK(reason("/bomb").find("decompression limit") == 0);
  CHECK(s.Hits("/bomb") == 1);

  // Redirect loop: each URL once; chain: stopped after max_redirects hops.
  CHECK(s.Hits("/loop-a") == 1);
  CHECK(s.Hits("/loop-b") == 1);
  CHECK(s.HitsWithPrefix("/chain/") == 6);
  CHECK(reason("/chain/5").find("too many redirects") == 0);

  // Redirects to the metadata service and a private address: refused, no connection.
  CHECK(reason("/to-metadata").find("|done") != std::string::npos);
  CHECK(One(db, "SELECT reason FROM crawl_frontier WHERE url = 'http://169.254.169.254/latest/meta-data/'")
            .find("ssrf") == 0);
  CHECK(One(db, "SELECT reason FROM crawl_frontier WHERE url = 'http://10.0.0.1/admin'").find("ssrf") == 0);
  auto* curl = dynamic_cast<nf::CurlFetcher*>(&crawler.fetcher());
  REQUIRE(curl != nullptr);
  CHECK(curl->counters().literal_refused == 2);  // the two robots.txt attempts, before any socket
  CHECK(curl->counters().sockets_refused == 0);
  CHECK(Count(db, "SELECT count(*) FROM crawl_log WHERE outcome = 'skipped' AND reason LIKE 'ssrf%'") >= 4);

  // 503 and 429 with Retry-After: waited, then stored.
  CHECK(site.busy_calls == 2);
  CHECK(std::chrono::duration<double>(site.busy_second - site.busy_first).count() >= 0.95);
  CHECK(site.limited_calls == 2);
  CHECK(Count(db, "SELECT count(*) FROM documents WHERE url IN ('" + s.Url("/busy") + "','" +
                      s.Url("/limited") + "')") == 2);
  CHECK(Count(db, "SELECT count(*) FROM crawl_log WHERE outcome = 'retry' AND reason LIKE 'http 503 retry-after%'") == 1);

  // Link trap: bounded by depth; session ids normalised away.
  CHECK(s.HitsWithPrefix("/cal") == 4);  // depths 1..4
  CHECK(s.HitsWithPrefix("/session") == 1);
  CHECK(s.Hits("/etag") == 1);  // ?utm_source and #fragment variants are the same URL

  // Charsets.
  CHECK(One(db, "SELECT a.title FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.url = '" +
                    s.Url("/gbk") + "'") == "中国科技公司资本支出翻倍");
  CHECK(One(db, "SELECT a.title FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.url = '" +
                    s.Url("/cp1251") + "'") == "Китайские техгиганты удвоили капзатраты");
  CHECK(One(db, "SELECT a.title FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.url = '" +
                    s.Url("/nocharset") + "'") == "Économie et données");
  const std::string broken = One(db, "SELECT a.text FROM articles a JOIN documents d ON d.id = a.document_id WHERE d.url = '" +
                                         s.Url("/invalid-utf8") + "'");
  CHECK(broken.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD, valid UTF-8

  // Duplicates: same bytes under two URLs, and a canonical copy.
  CHECK(Count(db, "SELECT count(*) FROM documents WHERE status = 'duplicate' AND url IN ('" +
                      s.Url("/dup1") + "','" + s.Url("/dup2") + "')") == 1);
  // The canonical link is recorded, and the copy (fetched after its canonical
  // URL: one connection per host, links in page order) is merged into it.
  CHECK(One(db, "SELECT canonical_url FROM documents WHERE url = '" + s.Url("/canon-copy") + "'") ==
        s.Url("/canon-main"));
  CHECK(One(db, "SELECT d.status || ' of ' || o.url FROM documents d JOIN documents o ON o.id = d.duplicate_of "
                "WHERE d.url = '" + s.Url("/canon-copy") + "'") == "duplicate of " + s.Url("/canon-main"));
  CHECK(Count(db, "SELECT count(*) FROM documents WHERE simhash IS NOT NULL") > 5);

  CHECK(reason("/gone") == "http 404|failed");
  CHECK(stats->failed >= 4);
  // Every failure is queryable with its reason.
  nf::CrawlState state(db);
  nf::FetchLogQuery q;
  q.failures_only = true;
  q.limit = 0;
  auto failures = state.QueryLog(q);
  REQUIRE(failures.ok());
  std::set<std::string> urls;
  for (const auto& e : *failures) {
    CHECK_FALSE(e.reason.empty());
    urls.insert(e.url);
  }
  for (const char* p : {"/slow", "/bomb", "/chain/5", "/gone", "/nf-blocked/x"}) {
    CHECK(urls.count(s.Url(p)) == 1);
  }

  // Recrawl: conditional GET; 304 means no new rows.
  const auto docs = Count(db, "SELECT count(*) FROM documents");
  const auto facts = Count(db, "SELECT count(*) FROM facts");
  nf::CrawlOptions again = options;
  again.seeds = {s.Url("/etag")};
  again.force = true;
  nf::Crawler recrawl(db, nf::CrawlConfig(), again);
  auto stats2 = recrawl.Run();
  REQUIRE(stats2.ok());
  CHECK(stats2->not_modified == 1);
  CHECK(s.Hits("/etag") == 2);
  bool conditional = false;
  for (const auto& r : s.Requests()) {
    if (r.target == "/etag" && r.if_none_match == "\"e1\"" &&
        r.if_modified_since == "Mon, 02 Sep 2024 10:00:00 GMT") {
      conditional = true;
    }
  }
  CHECK(conditional);
  CHECK(Count(db, "SELECT count(*) FROM documents") == docs);
  CHECK(Count(db, "SELECT count(*) FROM facts") == facts);
}

TEST_CASE("Crawler bounds a link trap with the per-host budget", "[ingest]") {
  TestServer server;
  server.http().Get("/cal", [](const httplib::Request& req, httplib::Response& res) {
    int day = req.has_param("day") ? std::stoi(req.get_param_value("day")) : 0;
    std::string html = "<html><body>";
    for (int k = 1; k <= 3; ++k) {
      html += "<a href=\"/cal?day=" + std::to_string(day * 3 + k) + "\">d</a>";
    }
    res.set_content(html + "</body></html>", "text/html");
  });
  server.Start();
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "b.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.seeds = {server.Url("/cal")};
  options.max_pages_per_host = 25;
  nf::Crawler crawler(**store, nf::CrawlConfig(), options);
  auto stats = crawler.Run();
  REQUIRE(stats.ok());
  CHECK(server.HitsWithPrefix("/cal") == 25);  // the seed and 24 discovered URLs
  CHECK(Count(**store, "SELECT count(*) FROM crawl_frontier") == 25);
  CHECK(Count(**store, "SELECT count(*) FROM crawl_log WHERE reason LIKE 'host budget%'") == 1);
}

TEST_CASE("Crawler honours Crawl-delay and pauses on robots.txt 5xx", "[ingest]") {
  TestServer polite("127.0.0.1"), broken("127.0.0.2");
  polite.http().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("User-agent: *\nCrawl-delay: 0.4\n", "text/plain");
  });
  polite.http().Get(R"(/p/(\d))", [](const httplib::Request& req, httplib::Response& res) {
    int n = std::stoi(req.matches[1]);
    res.set_content(n < 3 ? "<a href=\"/p/" + std::to_string(n + 1) + "\">next</a>" : "end",
                    "text/html");
  });
  broken.http().Get("/robots.txt", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  broken.http().Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("x", "text/html"); });
  polite.Start();
  broken.Start();
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "p.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.max_crawl_delay = 5;
  options.retry_horizon_s = 0;  // do not wait for the broken host's robots.txt retry
  options.seeds = {polite.Url("/p/0"), broken.Url("/")};
  nf::Crawler crawler(**store, nf::CrawlConfig(), options);
  auto stats = crawler.Run();
  REQUIRE(stats.ok());
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const auto& r : polite.Requests()) times.push_back(r.at);
  REQUIRE(times.size() == 5);  // robots.txt + /p/0../p/3
  for (std::size_t i = 1; i < times.size(); ++i) {
    CHECK(std::chrono::duration<double>(times[i] - times[i - 1]).count() >= 0.38);
  }
  // 5xx robots.txt: nothing else fetched from that host, the URL stays queued.
  CHECK(broken.Hits("/robots.txt") == 1);
  CHECK(broken.Hits("/") == 0);
  CHECK(One(**store, "SELECT state FROM crawl_frontier WHERE url = '" + broken.Url("/") + "'") == "queued");
  CHECK(Count(**store, "SELECT count(*) FROM crawl_log WHERE kind = 'robots' AND reason LIKE 'http 503%unreachable%'") == 1);
}

TEST_CASE("Crawler Stop() returns in-flight work to the frontier", "[ingest]") {
  TestServer server;
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    std::string html;
    for (int i = 0; i < 20; ++i) html += "<a href=\"/s/" + std::to_string(i) + "\">s</a>";
    res.set_content(html, "text/html");
  });
  server.http().Get(R"(/s/\d+)", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(3000));
    res.set_content("late", "text/html");
  });
  server.Start();
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "s.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.seeds = {server.Url("/")};
  options.stop_grace_s = 0.2;
  nf::Crawler crawler(**store, nf::CrawlConfig(), options);
  std::thread stopper([&] {
    while (server.HitsWithPrefix("/s/") == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    crawler.Stop();
  });
  auto stats = crawler.Run();
  stopper.join();
  REQUIRE(stats.ok());
  CHECK(stats->stopped);
  CHECK(Count(**store, "SELECT count(*) FROM crawl_frontier WHERE state = 'queued'") == 20);
  CHECK(Count(**store, "SELECT count(*) FROM crawl_frontier WHERE url = '" + server.Url("/") +
                           "' AND state = 'done'") == 1);
}

TEST_CASE("Crawler backs off a host that keeps failing", "[ingest]") {
  TestServer server;
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    std::string html;
    for (int i = 0; i < 10; ++i) html += "<a href=\"/f/" + std::to_string(i) + "\">f</a>";
    res.set_content(html, "text/html");
  });
  server.http().Get(R"(/f/\d)", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  server.Start();
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "h.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.seeds = {server.Url("/")};
  options.max_retries = 0;
  options.host_failure_threshold = 3;
  options.host_backoff_s = 60;
  nf::Crawler crawler(**store, nf::CrawlConfig(), options);
  auto stats = crawler.Run();
  REQUIRE(stats.ok());
  CHECK(server.HitsWithPrefix("/f/") == 3);
  CHECK(Count(**store, "SELECT count(*) FROM crawl_frontier WHERE state = 'queued'") == 7);
  CHECK(Count(**store, "SELECT backoff_until - strftime('%s','now') > 50 FROM crawl_hosts") == 1);
  CHECK(stats->queued == 7);
}

TEST_CASE("Crawler --watch revisits a source at its interval with conditional GETs", "[ingest]") {
  TestServer server;
  std::atomic<int> home{0};
  server.http().Get("/", [&home](const httplib::Request& req, httplib::Response& res) {
    ++home;
    if (req.get_header_value("If-Modified-Since") == "Mon, 02 Sep 2024 10:00:00 GMT") {
      res.status = 304;
      return;
    }
    res.set_header("Last-Modified", "Mon, 02 Sep 2024 10:00:00 GMT");
    res.set_content("<a href=\"/a\">a</a>", "text/html");
  });
  server.http().Get("/a", [](const httplib::Request&, httplib::Response& res) { res.set_content("a", "text/html"); });
  server.Start();
  ScopedTempDir tmp;
  auto store = nf::FactStore::Open((tmp.path() / "w.db").string());
  REQUIRE(store.ok());
  nf::CrawlOptions options = FastOptions();
  options.watch = true;
  nf::CrawlConfig config;
  nf::SourceConfig src;
  src.name = "local";
  src.start_urls = {server.Url("/")};
  src.interval_s = 1;
  config.sources.push_back(src);
  nf::Crawler crawler(**store, config, options);
  std::thread stopper([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (home < 3 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    crawler.Stop();
  });
  auto stats = crawler.Run();
  stopper.join();
  REQUIRE(stats.ok());
  CHECK(home >= 3);
  CHECK(stats->not_modified >= 2);
  CHECK(server.Hits("/a") == 1);  // found once, not refetched
  nf::CrawlState state(**store);
  auto sched = state.Source("local");
  REQUIRE(sched.ok());
  REQUIRE(sched->has_value());
  CHECK((*sched)->next_due > (*sched)->last_started);
  CHECK(Count(**store, "SELECT count(*) FROM documents") == 2);
}

TEST_CASE("Crawler bounds: max_pages, same_host, and internal hosts only when allowed", "[ingest]") {
  TestServer a("127.0.0.1"), b("127.0.0.2");
  a.http().Get("/", [&b](const httplib::Request&, httplib::Response& res) {
    std::string html = "<a href=\"" + b.Url("/elsewhere") + "\">b</a>";
    for (int i = 0; i < 10; ++i) html += "<a href=\"/n/" + std::to_string(i) + "\">n</a>";
    res.set_content(html, "text/html");
  });
  a.http().Get(R"(/n/\d+)", [](const httplib::Request&, httplib::Response& res) { res.set_content("n", "text/html"); });
  b.http().Get("/elsewhere", [](const httplib::Request&, httplib::Response& res) { res.set_content("b", "text/html"); });
  a.Start();
  b.Start();
  auto run = [&](nf::CrawlOptions options) {
    ScopedTempDir tmp;
    auto store = nf::FactStore::Open((tmp.path() / "x.db").string());
    REQUIRE(store.ok());
    options.seeds = {a.Url("/")};
    nf::Crawler crawler(**store, nf::CrawlConfig(), options);
    auto stats = crawler.Run();
    REQUIRE(stats.ok());
    return *stats;
  };
  nf::CrawlOptions o = FastOptions();
  o.max_pages = 4;
  nf::CrawlStats capped = run(o);
  CHECK(a.HitsWithPrefix("/n/") + a.Hits("/") == 4);
  CHECK(capped.queued > 0);

  // Without --same-host the link to 127.0.0.2 is followed, but that address is
  // loopback and was neither a seed nor allowed: refused without a connection.
  nf::CrawlStats refused = run(FastOptions());
  CHECK(b.TotalHits() == 0);
  CHECK(refused.skipped >= 1);

  o = FastOptions();
  o.allow_internal = {"127.0.0.2"};
  o.same_host = true;
  run(o);
  CHECK(b.TotalHits() == 0);  // same host only

  o.same_host = false;
  run(o);
  CHECK(b.Hits("/elsewhere") == 1);  // allowed now
}
