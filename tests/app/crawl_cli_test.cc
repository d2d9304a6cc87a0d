// `newsfacts crawl`, `crawl-log` and `ingest FILE.warc.gz` through the built
// binary, including a crawl killed with SIGKILL and restarted.
#include <catch2/catch.hpp>
#include <signal.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <set>
#include <thread>

#include "gzip.h"
#include "ingest/test_server.h"
#include "test_util.h"

namespace nf = newsfacts;
using nf::testing::Newsfacts;
using nf::testing::RunCommand;
using nf::testing::ScopedTempDir;
using nf::testing::ShellQuote;
using nf::testing::TestServer;

namespace {

using Rows = std::multiset<std::string>;

// Rows of `sql` on the database file, each row's columns joined by '|'.
Rows Dump(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  Rows rows;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const unsigned char* t = sqlite3_column_text(stmt, i);
      row += t ? reinterpret_cast<const char*>(t) : "NULL";
      row += '|';
    }
    rows.insert(std::move(row));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return rows;
}

std::int64_t CountRows(const std::string& db_path, const std::string& sql) {
  Rows r = Dump(db_path, sql);
  return r.empty() ? 0 : std::stoll(*r.begin());
}

// The content of a crawl, without ids, timestamps or anything that depends on
// the order in which hosts answered (which of two identical pages came first).
std::map<std::string, Rows> Content(const std::string& db) {
  std::map<std::string, Rows> c;
  c["documents"] = Dump(db,
                        "SELECT url, IFNULL(canonical_url,''), content_hash, size, http_status, "
                        "IFNULL(content_type,''), IFNULL(etag,''), IFNULL(charset,''), "
                        "IFNULL(simhash,''), IFNULL(error,'') FROM documents");
  c["duplicates"] = Dump(db, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL");
  c["articles"] = Dump(db, "SELECT title, IFNULL(lang,''), IFNULL(published,''), page_type, text FROM articles");
  c["figures"] = Dump(db, "SELECT kind, text, IFNULL(value,''), IFNULL(unit,''), start, end FROM figures");
  c["facts"] = Dump(db,
                    "SELECT entity, metric, IFNULL(period,''), IFNULL(value,''), IFNULL(unit,''), "
                    "modality, evidence FROM facts");
  c["frontier"] = Dump(db,
                       "SELECT url, host, source, state, attempts, IFNULL(http_status,''), "
                       "IFNULL(content_hash,''), IFNULL(reason,'') FROM crawl_frontier");
  c["sources"] = Dump(db, "SELECT name, interval_s FROM crawl_sources");
  c["claims"] = Dump(db,
                     "SELECT entity, metric, period, measure, printf('%.6g', value), IFNULL(unit,''), "
                     "status, sources, origins FROM claims");
  return c;
}

std::string CorpusConfig(const TestServer& server) {
  const std::string port = std::to_string(server.port());
  std::string toml = "[crawler]\ndelay = 0\nmax_crawl_delay = 0\nresolve = [";
  for (const std::string& r : nf::testing::CorpusResolve(server.port())) toml += "\"" + r + "\",";
  toml += "]\n";
  for (const std::string& h : nf::testing::CorpusHosts()) {
    toml += "[[source]]\nname = \"" + h + "\"\nstart = [\"http://" + h + ":" + port + "/\"]\n";
  }
  return toml;
}

}  // namespace

TEST_CASE("crawl CLI: a crawl killed with SIGKILL resumes to the same database", "[cli]") {
  TestServer server;
  nf::testing::ServeCorpus(server, std::chrono::milliseconds(60));
  server.Start();
  ScopedTempDir tmp;
  const auto cfg = tmp.path() / "sources.toml";
  nf::testing::WriteFile(cfg, CorpusConfig(server));
  const std::string a = (tmp.path() / "a.db").string();
  const std::string b = (tmp.path() / "b.db").string();

  // Uninterrupted.
  auto full = RunCommand(Newsfacts(a) + " crawl --no-warc --json --config " + ShellQuote(cfg.string()));
  INFO(full.err);
  REQUIRE(full.exit_code == 0);
  auto summary = nlohmann::json::parse(full.out);
  CHECK(summary["stored"].get<int>() > 40);
  CHECK(summary["queued"].get<int>() == 0);
  // The crawl reconciles what it stored: the claims are those a full
  // `reconcile` computes from the same facts.
  CHECK(summary["claims"].get<int>() > 10);
  const Rows claims_after_crawl = Dump(a, "SELECT entity, metric, period, status, sources FROM claims");
  CHECK(CountRows(a, "SELECT count(*) FROM claims WHERE status = 'conflict'") > 0);
  auto again = RunCommand(Newsfacts(a) + " reconcile");
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(Dump(a, "SELECT entity, metric, period, status, sources FROM claims") == claims_after_crawl);
  const int full_hits = server.TotalHits();

  // Killed mid-crawl, then restarted.
  const std::string bin = nf::testing::BinaryPath().string();
  const std::string cfg_s = cfg.string();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execl(bin.c_str(), bin.c_str(), "--db", b.c_str(), "crawl", "--no-warc", "--config",
          cfg_s.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!std::filesystem::exists(b)) continue;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(b.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      continue;
    }
    auto count = [db](const char* sql) {
      sqlite3_stmt* st = nullptr;
      std::int64_t n = 0;
      if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
      }
      sqlite3_finalize(st);
      return n;
    };
    // Kill once pages with facts are committed (their claims not yet
    // reconciled: a one-shot crawl reconciles at its end).
    const std::int64_t docs = count("SELECT count(*) FROM documents");
    const std::int64_t pending = count("SELECT count(*) FROM pending_claims");
    sqlite3_close(db);
    if (docs >= 12 && pending > 0) break;
  }
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  REQUIRE(WIFSIGNALED(wstatus));
  const std::int64_t queued_at_kill =
      CountRows(b, "SELECT count(*) FROM crawl_frontier WHERE state = 'queued'");
  CHECK(queued_at_kill > 0);  // really killed mid-crawl
  // The killed crawl stored facts and never reconciled them: their claims
  // wait in pending_claims for the next run.
  CHECK(CountRows(b, "SELECT count(*) FROM pending_claims") > 0);
  const Rows stored_before = Dump(b, "SELECT url FROM documents");
  const std::size_t hits_before_restart = server.Requests().size();

  auto resumed = RunCommand(Newsfacts(b) + " crawl --no-warc --json --config " + ShellQuote(cfg_s));
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);

  // Nothing that was stored before the kill was fetched again.
  const auto requests = server.Requests();
  const std::string port = ":" + std::to_string(server.port());
  for (std::size_t i = hits_before_restart; i < requests.size(); ++i) {
    std::string url = "http://" + requests[i].host + port + requests[i].target;
    CHECK(stored_before.count(url + "|") == 0);
  }
  CHECK(static_cast<int>(requests.size()) - full_hits < 2 * full_hits);  // only the uncommitted tail again

  CHECK(CountRows(b, "SELECT count(*) FROM pending_claims") == 0);
  // Same content as the uninterrupted crawl.
  auto ca = Content(a);
  auto cb = Content(b);
  for (const auto& [table, rows] : ca) {
    INFO(table);
    CHECK(rows.size() == cb[table].size());
    CHECK(rows == cb[table]);
  }
}

TEST_CASE("crawl CLI: crawl-log lists failures; WARC files re-ingest to the same rows", "[cli]") {
  TestServer server;
  server.http().Get("/", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><head><meta property='og:type' content='article'><title>Home story</title></head>"
                    "<body><article><h1>Home story</h1><p>Tencent raised capital spending by 40% to "
                    "Rmb23bn in the second quarter of 2024, the company said on Wednesday.</p><p>"
                    "Alibaba spent Rmb17bn over the same period, up from Rmb8bn a year earlier.</p>"
                    "</article><a href='/missing'>x</a><a href='/gz'>g</a></body></html>",
                    "text/html; charset=utf-8");
  });
  server.http().Get("/gz", [&](const httplib::Request&, httplib::Response& res) {
    std::string page = "<html><head><title>Second</title><meta property='og:type' content='article'>"
                       "</head><body><article><p>Baidu lifted capital expenditure to Rmb5bn in the "
                       "second quarter of 2024, a rise of 30% from a year earlier.</p></article></body></html>";
    std::string gz;
    REQUIRE(nf::AppendGzipMember(page, 6, &gz).ok());
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gz, "text/html");
  });
  server.Start();
  ScopedTempDir tmp;
  const std::string db = (tmp.path() / "c.db").string();
  const std::string warc = (tmp.path() / "w").string();
  auto run = RunCommand(Newsfacts(db) + " crawl --delay 0 --warc-dir " + ShellQuote(warc) +
                        " --seed " + server.Url("/"));
  INFO(run.err);
  CHECK(run.exit_code == 1);  // one URL failed (404)
  CHECK(run.out.find("crawled 3 page(s)") == 0);

  auto log = RunCommand(Newsfacts(db) + " crawl-log --failed --json");
  REQUIRE(log.exit_code == 0);
  auto line = nlohmann::json::parse(log.out.substr(0, log.out.find('\n')));
  CHECK(line["url"] == server.Url("/missing"));
  CHECK(line["reason"] == "http 404");
  auto table = RunCommand(Newsfacts(db) + " crawl-log");
  CHECK(table.out.find("stored") != std::string::npos);
  auto summary = RunCommand(Newsfacts(db) + " crawl-log --summary");
  CHECK(summary.out == "frontier: 0 queued, 2 done, 1 failed, 0 skipped\n");

  // Re-extract from the WARC files into a fresh database: the same documents.
  std::string files;
  for (const auto& e : std::filesystem::directory_iterator(warc)) files += " " + ShellQuote(e.path().string());
  const std::string fresh = (tmp.path() / "fresh.db").string();
  auto ingest = RunCommand(Newsfacts(fresh) + " ingest --json" + files);
  INFO(ingest.err);
  REQUIRE(ingest.exit_code == 0);
  const std::string docs_sql =
      "SELECT url, content_hash, IFNULL(charset,''), status FROM documents ORDER BY url";
  CHECK(Dump(fresh, docs_sql) == Dump(db, docs_sql));
  const std::string facts_sql = "SELECT entity, metric, period, value FROM facts";
  CHECK(Dump(fresh, facts_sql) == Dump(db, facts_sql));
  CHECK(CountRows(fresh, "SELECT count(*) FROM documents WHERE warc_offset IS NOT NULL") == 2);
  // And into the crawl's own database: nothing new.
  auto again = RunCommand(Newsfacts(db) + " ingest --json" + files);
  REQUIRE(again.exit_code == 0);
  auto j = nlohmann::json::parse(again.out);
  CHECK(j["unchanged"] == 2);
  CHECK(j["inserted"] == 0);
}
