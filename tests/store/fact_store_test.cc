#include "newsfacts/fact_store.h"

#include <sqlite3.h>

#include <filesystem>

#include <catch2/catch.hpp>

#include "test_util.h"

using namespace newsfacts;
using newsfacts::testing::ScopedTempDir;

namespace {

IngestRecord SampleRecord(const std::string& url, const std::string& hash, double value = 5e10) {
  IngestRecord rec;
  rec.document.url = url;
  rec.document.source = "harbour-ledger.test";
  rec.document.content_hash = hash;
  rec.document.size = 1234;
  rec.document.http_status = 200;
  Article a;
  a.url = url;
  a.title = "Chinese tech giants double AI spending";
  a.text = "Alibaba, Tencent and Baidu had combined capital expenditure of Rmb50bn ($7bn) in the "
           "first half.";
  a.lang = "en";
  a.published = "2024-08-26";
  a.authors = {"A. Writer"};
  rec.article = a;
  Figure f;
  f.kind = FigureKind::kMoney;
  f.text = "Rmb50bn";
  f.start = 63;
  f.end = 70;
  f.value = value;
  f.currency = "CNY";
  rec.figures.push_back(f);
  Fact fact;
  fact.entity = "Alibaba+Tencent+Baidu";
  fact.metric = "capex";
  fact.period = "2024-H1";
  fact.value = value;
  fact.unit = "CNY";
  fact.alt.push_back({7e9, "USD", 1e9});
  fact.evidence = a.text;
  fact.source = url;
  fact.confidence = 0.9;
  rec.facts.push_back(fact);
  return rec;
}

int CountRows(const std::string& db_path, const std::string& table) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string sql = "SELECT count(*) FROM " + table;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

}  // namespace

TEST_CASE("FactStore creates a migrated WAL database file", "[store]") {
  ScopedTempDir dir;
  std::string path = (dir.path() / "facts.db").string();
  {
    auto store = FactStore::Open(path);
    REQUIRE(store.ok());
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == FactStore::SchemaVersion());
  sqlite3_finalize(st);
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("FactStore Put is idempotent per URL and content hash", "[store]") {
  ScopedTempDir dir;
  std::string path = (dir.path() / "facts.db").string();
  auto store = FactStore::Open(path);
  REQUIRE(store.ok());
  auto r1 = (*store)->Put(SampleRecord("https://harbour-ledger.test/a", "h1"));
  REQUIRE(r1.ok());
  CHECK(r1->outcome == PutOutcome::kInserted);
  CHECK(r1->facts_written == 1);
  REQUIRE(r1->touched.size() == 1);
  CHECK(r1->touched[0].entity == "Alibaba+Tencent+Baidu");

  auto r2 = (*store)->Put(SampleRecord("https://harbour-ledger.test/a", "h1"));
  REQUIRE(r2.ok());
  CHECK(r2->outcome == PutOutcome::kUnchanged);
  CHECK(r2->touched.empty());
  CHECK(CountRows(path, "documents") == 1);
  CHECK(CountRows(path, "facts") == 1);
  CHECK(CountRows(path, "figures") == 1);

  // New content under the same URL replaces the article and its facts.
  auto r3 = (*store)->Put(SampleRecord("https://harbour-ledger.test/a", "h2", 5.02e10));
  REQUIRE(r3.ok());
  CHECK(r3->outcome == PutOutcome::kReplaced);
  CHECK(CountRows(path, "articles") == 1);
  CHECK(CountRows(path, "facts") == 1);
  auto facts = (*store)->Facts({});
  REQUIRE(facts.ok());
  REQUIRE(facts->size() == 1);
  CHECK(*(*facts)[0].fact.value == Approx(5.02e10));

  // Same bytes under another URL: a duplicate, no second article.
  auto r4 = (*store)->Put(SampleRecord("https://mirror.test/a", "h2"));
  REQUIRE(r4.ok());
  CHECK(r4->outcome == PutOutcome::kDuplicate);
  CHECK(r4->duplicate_of == r3->document_id);
  CHECK(CountRows(path, "documents") == 2);
  CHECK(CountRows(path, "articles") == 1);
}

TEST_CASE("FactStore merges documents that share a canonical URL", "[store]") {
  auto store = FactStore::Open(":memory:");
  REQUIRE(store.ok());
  IngestRecord a = SampleRecord("https://site.test/a?utm=1", "x1");
  a.document.canonical_url = "https://site.test/a";
  a.article->canonical_url = "https://site.test/a";
  REQUIRE((*store)->Put(a).ok());
  IngestRecord b = SampleRecord("https://site.test/amp/a", "x2");
  b.document.canonical_url = "https://site.test/a";
  auto r = (*store)->Put(b);
  REQUIRE(r.ok());
  CHECK(r->outcome == PutOutcome::kDuplicate);
}

TEST_CASE("FactStore round-trips facts with filters", "[store]") {
  auto store = FactStore::Open(":memory:");
  REQUIRE(store.ok());
  REQUIRE((*store)->Put(SampleRecord("https://a.test/1", "a")).ok());
  IngestRecord other = SampleRecord("https://b.test/2", "b");
  other.facts[0].entity = "Tencent";
  other.facts[0].period = "2024-Q2";
  other.facts[0].change_pct = 176;
  other.facts[0].qualifier = Qualifier::kOver;
  other.facts[0].modality = Modality::kForecast;
  REQUIRE((*store)->Put(other).ok());

  auto all = (*store)->Facts({});
  REQUIRE(all.ok());
  CHECK(all->size() == 2);

  FactQuery q;
  q.entity = "tencent";  // case-insensitive
  auto t = (*store)->Facts(q);
  REQUIRE(t.ok());
  REQUIRE(t->size() == 1);
  const Fact& f = (*t)[0].fact;
  CHECK(f.entity == "Tencent");
  CHECK(*f.change_pct == 176);
  CHECK(f.qualifier == Qualifier::kOver);
  CHECK(f.modality == Modality::kForecast);
  REQUIRE(f.alt.size() == 1);
  CHECK(f.alt[0].unit == "USD");
  CHECK(f.alt[0].value == 7e9);

  FactQuery year;
  year.period = "2024";  // matches 2024-H1 and 2024-Q2
  CHECK((*store)->Facts(year)->size() == 2);
  FactQuery half;
  half.period = "2024-H1";
  CHECK((*store)->Facts(half)->size() == 1);
  FactQuery wrong;
  wrong.period = "202";  // not a prefix match on partial years
  CHECK((*store)->Facts(wrong)->empty());
  FactQuery inj;
  inj.entity = "x' OR '1'='1";  // bound parameter, not SQL
  CHECK((*store)->Facts(inj)->empty());
}

TEST_CASE("FactStore Put is atomic: a failing record leaves no rows", "[store]") {
  auto store = FactStore::Open(":memory:");
  REQUIRE(store.ok());
  IngestRecord bad = SampleRecord("https://a.test/1", "a");
  bad.article->text.clear();  // rejected before writing
  CHECK(!(*store)->Put(bad).ok());
  auto stats = (*store)->Stats();
  REQUIRE(stats.ok());
  CHECK(stats->documents == 0);

  // Inside an explicit transaction, a failed Put rolls back only itself.
  REQUIRE((*store)->Begin().ok());
  REQUIRE((*store)->Put(SampleRecord("https://a.test/2", "b")).ok());
  CHECK(!(*store)->Put(bad).ok());
  REQUIRE((*store)->Commit().ok());
  CHECK((*store)->Stats()->documents == 1);
  CHECK((*store)->Stats()->facts == 1);
}

TEST_CASE("FactStore full-text search finds article text", "[store]") {
  ScopedTempDir dir;
  std::string path = (dir.path() / "fts.db").string();
  {
    auto store = FactStore::Open(path);
    REQUIRE(store.ok());
    REQUIRE((*store)->Put(SampleRecord("https://a.test/1", "a")).ok());
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Tencent'",
                             -1, &st, nullptr) == SQLITE_OK);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

namespace {

IngestRecord TextRecord(const std::string& url, const std::string& text) {
  IngestRecord rec = SampleRecord(url, url + "#" + text);
  rec.article->text = text;
  rec.facts.clear();
  rec.figures.clear();
  return rec;
}

// Rowids of articles_fts matching `query`, and whether FTS5's own
// integrity check (index against the articles table) passes.
std::vector<std::int64_t> Search(sqlite3* db, const std::string& query) {
  std::vector<std::int64_t> out;
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", -1,
                             &st, nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, query.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  return out;
}

bool FtsIntact(sqlite3* db) {
  return sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')", nullptr, nullptr,
                      nullptr) == SQLITE_OK;
}

}  // namespace

TEST_CASE("FactStore indexes text once per transaction and keeps the index exact", "[store]") {
  ScopedTempDir dir;
  std::string path = (dir.path() / "fts.db").string();
  auto opened = FactStore::Open(path);
  REQUIRE(opened.ok());
  FactStore& store = **opened;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);

  // A batch that replaces one of its own articles before it commits.
  REQUIRE(store.Begin().ok());
  auto a = store.Put(TextRecord("https://a.test/1", "Tencent raised capital spending"));
  auto b = store.Put(TextRecord("https://a.test/2", "Baidu kept spending flat"));
  auto a2 = store.Put(TextRecord("https://a.test/1", "Kuaishou doubled its budget"));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a2.ok());
  CHECK(a2->outcome == PutOutcome::kReplaced);
  REQUIRE(store.Commit().ok());
  CHECK(Search(db, "Kuaishou") == std::vector<std::int64_t>{a2->article_id});
  CHECK(Search(db, "Tencent").empty());
  CHECK(Search(db, "Baidu") == std::vector<std::int64_t>{b->article_id});
  CHECK(CountRows(path, "fts_pending") == 0);
  CHECK(FtsIntact(db));

  // Replacing an article indexed by an earlier transaction.
  REQUIRE(store.Begin().ok());
  auto b2 = store.Put(TextRecord("https://a.test/2", "Baidu cut spending"));
  REQUIRE(b2.ok());
  REQUIRE(store.Commit().ok());
  CHECK(Search(db, "flat").empty());
  CHECK(Search(db, "cut") == std::vector<std::int64_t>{b2->article_id});
  CHECK(FtsIntact(db));

  // A rolled-back batch leaves nothing behind.
  REQUIRE(store.Begin().ok());
  REQUIRE(store.Put(TextRecord("https://a.test/3", "Alibaba rolled back")).ok());
  REQUIRE(store.Rollback().ok());
  CHECK(Search(db, "rolled").empty());
  CHECK(CountRows(path, "fts_pending") == 0);

  // A Put outside a transaction is searchable at once.
  auto d = store.Put(TextRecord("https://a.test/4", "Meituan alone"));
  REQUIRE(d.ok());
  CHECK(Search(db, "Meituan") == std::vector<std::int64_t>{d->article_id});
  CHECK(CountRows(path, "fts_pending") == 0);
  CHECK(FtsIntact(db));
  sqlite3_close(db);
}

TEST_CASE("FactStore refuses files that are not databases and newer schemas", "[store]") {
  ScopedTempDir dir;
  auto junk = dir.path() / "junk.db";
  newsfacts::testing::WriteFile(junk, std::string(4096, 'x'));
  auto r = FactStore::Open(junk.string());
  CHECK(!r.ok());

  auto newer = dir.path() / "newer.db";
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(newer.string().c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  auto r2 = FactStore::Open(newer.string());
  REQUIRE(!r2.ok());
  CHECK(r2.status().code() == Status::Code::kUnsupported);

  FactStore::Options ro;
  ro.read_only = true;
  CHECK(!FactStore::Open((dir.path() / "missing.db").string(), ro).ok());
}

// A statement left on its row keeps a read snapshot open, and then no
// checkpoint can copy the WAL back: a 10,000-page crawl grew a 391 MB WAL
// next to an empty database file. Batches of Puts (each looks up its source
// row) must let SQLite's automatic checkpoints run.
TEST_CASE("FactStore batches leave the WAL checkpointable", "[store]") {
  ScopedTempDir dir;
  std::string path = (dir.path() / "wal.db").string();
  auto opened = FactStore::Open(path);
  REQUIRE(opened.ok());
  FactStore& store = **opened;
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "Capital spending rose " + std::to_string(i) + "% this year. ";
  // ~12 MB over 40 transactions, three times the 1,000-page autocheckpoint.
  for (int batch = 0; batch < 40; ++batch) {
    REQUIRE(store.Begin().ok());
    for (int k = 0; k < 25; ++k) {
      const std::string id = std::to_string(batch) + "-" + std::to_string(k);
      REQUIRE(store.Put(TextRecord("https://wal.test/" + id, id + " " + filler)).ok());
    }
    REQUIRE(store.Commit().ok());
  }
  const auto db_size = std::filesystem::file_size(path);
  const auto wal_size = std::filesystem::file_size(path + "-wal");
  INFO("db " << db_size << " bytes, wal " << wal_size << " bytes");
  CHECK(db_size > (4u << 20));   // checkpoints copied pages into the file
  CHECK(wal_size < (12u << 20));  // and the WAL was reused, not grown throughout
}
