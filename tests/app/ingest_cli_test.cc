// End-to-end tests of `newsfacts ingest` and `newsfacts facts` through the
// built binary, on files written by the tests.
#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "test_util.h"

using namespace newsfacts::testing;

namespace {

const char* kArticle = R"(<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Chinese tech giants double AI spending | Harbour Ledger</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-08-26T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/markets">Markets</a> <a href="/tech">Tech</a></nav>
<article><h1>Chinese tech giants double AI spending</h1>
<p>Alibaba, Tencent and Baidu had combined capital expenditure of Rmb50bn ($7bn) in the first
half, compared with Rmb23bn a year earlier, according to company filings reviewed by analysts.</p>
<p>The groups said the focus was on buying processors and infrastructure for training large
language models, both their own and those of their cloud customers, who are queuing for capacity.</p>
<p>Alibaba is buying processors to train its models and rent out computing power. The Chinese tech
giant's capex in the first half totalled Rmb23bn, up 123 per cent from a year earlier.</p>
</article><footer>Copyright 2024 Harbour Ledger. All rights reserved.</footer></body></html>)";

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

}  // namespace

TEST_CASE("ingest CLI stores facts and is idempotent", "[cli]") {
  ScopedTempDir dir;
  WriteFile(dir.path() / "site" / "a.html", kArticle);
  WriteFile(dir.path() / "site" / "notes.md", "not ingested: unknown extension");
  auto db = dir.path() / "t.db";
  auto r = RunCommand(Newsfacts(db) + " ingest --json " + ShellQuote((dir.path() / "site").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto summary = nlohmann::json::parse(r.out);
  CHECK(summary["files"] == 1);
  CHECK(summary["inserted"] == 1);
  CHECK(summary["facts"].get<int>() >= 3);

  auto again = RunCommand(Newsfacts(db) + " ingest --json " + ShellQuote((dir.path() / "site").string()));
  REQUIRE(again.exit_code == 0);
  CHECK(nlohmann::json::parse(again.out)["unchanged"] == 1);

  auto facts = RunCommand(Newsfacts(db) + " facts --json");
  REQUIRE(facts.exit_code == 0);
  auto rows = JsonLines(facts.out);
  bool combined = false, earlier = false, alibaba = false;
  for (const auto& f : rows) {
    for (const char* key : {"entity", "metric", "period", "value", "unit", "change_pct", "qualifier",
                            "source", "published", "evidence"}) {
      CHECK(f.contains(key));
    }
    if (f["entity"] == "Alibaba+Tencent+Baidu" && f["period"] == "2024-H1") {
      combined = f["value"] == 50000000000LL && f["unit"] == "CNY" && f["metric"] == "capex";
      CHECK(f["alt"][0]["unit"] == "USD");
    }
    if (f["entity"] == "Alibaba+Tencent+Baidu" && f["period"] == "2023-H1") {
      earlier = f["value"] == 23000000000LL;
    }
    if (f["entity"] == "Alibaba" && f["metric"] == "capex") {
      alibaba = f["change_pct"] == 123 && f["period"] == "2024-H1";
    }
  }
  CHECK(combined);
  CHECK(earlier);
  CHECK(alibaba);

  // Filters and the other output formats.
  auto csv = RunCommand(Newsfacts(db) + " facts --csv --entity alibaba");
  REQUIRE(csv.exit_code == 0);
  CHECK(csv.out.rfind("entity,metric,period,", 0) == 0);
  CHECK(csv.out.find("Alibaba,capex,2024-H1") != std::string::npos);
  auto table = RunCommand(Newsfacts(db) + " facts --period 2023");
  REQUIRE(table.exit_code == 0);
  CHECK(table.out.find("2023-H1") != std::string::npos);
  CHECK(table.out.find("2024-H1") == std::string::npos);
}

TEST_CASE("ingest CLI reports bad files, keeps going and exits non-zero", "[cli]") {
  ScopedTempDir dir;
  auto in = dir.path() / "in";
  WriteFile(in / "1-empty.html", "");
  std::string garbage;
  for (int i = 0; i < 100000; ++i) garbage += static_cast<char>((i * 7919 + 13) % 256);
  WriteFile(in / "2-garbage.html", garbage);
  WriteFile(in / "3-invalid-utf8.txt",
            "date 2024-08-26\n\nAlibaba's capex totalled Rmb23bn \xff\xfe\xc3 in the first half, up 123 "
            "per cent from a year earlier.\n");
  WriteFile(in / "4-good.html", kArticle);
  // Deeply nested markup.
  std::string nested = "<html><body>";
  for (int i = 0; i < 100000; ++i) nested += "<div>";
  nested += "<p>Alibaba's capex totalled Rmb23bn in the first half.</p></body></html>";
  WriteFile(in / "5-nested.html", nested);
  auto db = dir.path() / "t.db";
  auto r = RunCommand(Newsfacts(db) + " ingest --json " + ShellQuote(in.string()));
  INFO(r.err);
  CHECK(r.exit_code == 1);  // some inputs failed
  auto summary = nlohmann::json::parse(r.out);
  CHECK(summary["files"] == 5);
  CHECK(summary["failed"].get<int>() >= 1);
  CHECK(r.err.find("1-empty.html") != std::string::npos);
  // The good file and the invalid-UTF-8 text still made it in.
  auto facts = RunCommand(Newsfacts(db) + " facts --json --entity Alibaba");
  REQUIRE(facts.exit_code == 0);
  int from_txt = 0;
  for (const auto& f : JsonLines(facts.out)) {
    if (f["source"].get<std::string>().find("3-invalid-utf8.txt") != std::string::npos) ++from_txt;
    CHECK(f["evidence"].is_string());  // valid UTF-8, or json would have thrown
  }
  CHECK(from_txt >= 1);

  // A missing path is a usage error with one clear line.
  auto missing = RunCommand(Newsfacts(db) + " ingest " + ShellQuote((dir.path() / "nope").string()));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no such file") != std::string::npos);
}

TEST_CASE("ingest CLI caps a 50 MB page and stays within bounded memory", "[cli]") {
  ScopedTempDir dir;
  auto big = dir.path() / "big.html";
  {
    std::ofstream out(big, std::ios::binary);
    out << "<html><body><article><p>Alibaba's capex totalled Rmb23bn in the first half.</p>";
    std::string para = "<p>" + std::string(1000, 'x') + " filler text</p>\n";
    while (out.tellp() < 50LL * 1024 * 1024) out << para;
    out << "</article></body></html>";
  }
  auto db = dir.path() / "t.db";
  struct rusage before {};
  getrusage(RUSAGE_CHILDREN, &before);
  auto r = RunCommand(Newsfacts(db) + " ingest --json " + ShellQuote(big.string()));
  struct rusage after {};
  getrusage(RUSAGE_CHILDREN, &after);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.err.find("only the first part was read") != std::string::npos);
  // ru_maxrss is in KiB: the child never held the whole 50 MB page plus a DOM of it.
  CHECK(after.ru_maxrss < 400 * 1024);
}

TEST_CASE("facts CLI explains a missing database in one line", "[cli]") {
  ScopedTempDir dir;
  auto r = RunCommand(Newsfacts(dir.path() / "missing.db") + " facts");
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("newsfacts: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("ingest CLI: claims skipped with --no-reconcile stay pending for the next run", "[cli]") {
  ScopedTempDir dir;
  WriteFile(dir.path() / "site" / "a.html", kArticle);
  auto db = dir.path() / "t.db";
  const std::string site = ShellQuote((dir.path() / "site").string());
  auto r = RunCommand(Newsfacts(db) + " ingest --json --no-reconcile " + site);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto claims = RunCommand(Newsfacts(db) + " claims --json");
  REQUIRE(claims.exit_code == 0);
  CHECK(JsonLines(claims.out).empty());
  // Nothing new to store, but the next run reconciles what was left pending.
  auto again = RunCommand(Newsfacts(db) + " ingest --json " + site);
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  auto summary = nlohmann::json::parse(again.out);
  CHECK(summary["unchanged"] == 1);
  CHECK(summary["claims"].get<int>() >= 2);
  claims = RunCommand(Newsfacts(db) + " claims --json");
  REQUIRE(claims.exit_code == 0);
  CHECK(JsonLines(claims.out).size() == static_cast<std::size_t>(summary["claims"].get<int>()));
}
