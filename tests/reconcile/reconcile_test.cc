// Reconciler tests on facts written straight into a real SQLite file, and on
// the seed articles when they are available.
#include "newsfacts/reconcile.h"

#include <catch2/catch.hpp>

#include <filesystem>

#include <sqlite3.h>

#include "newsfacts/fact_store.h"
#include "newsfacts/ingestor.h"
#include "test_util.h"

using namespace newsfacts;
using namespace newsfacts::testing;

namespace {

struct FactSpec {
  std::string entity = "Baidu";
  std::string metric = "capex";
  std::string period = "2024-H1";
  std::optional<double> value;
  std::string unit = "CNY";
  double resolution = 1e8;
  std::optional<double> change;
  Qualifier qualifier = Qualifier::kNone;
  Modality modality = Modality::kActual;
  std::vector<AltValue> alt;
  std::string hint;
};

// One article with the given facts, from `url` on `site`.
IngestRecord MakeArticle(const std::string& url, const std::string& published,
                     const std::vector<FactSpec>& specs,
                     const std::vector<std::string>& attributions = {},
                     std::uint64_t simhash = 0) {
  IngestRecord rec;
  rec.document.url = url;
  rec.document.source = url.substr(8, url.find('/', 8) - 8);
  rec.document.content_hash = url;  // distinct per URL
  rec.document.size = 100;
  if (simhash != 0) rec.document.simhash = simhash;
  ::newsfacts::Article a;
  a.url = url;
  a.published = published;
  a.lang = "en";
  a.text = "Some article text about " + url;
  rec.article = a;
  for (const FactSpec& s : specs) {
    Fact f;
    f.entity = s.entity;
    f.metric = s.metric;
    f.period = s.period;
    f.period_hint = s.hint;
    f.value = s.value;
    f.unit = s.value ? s.unit : "";
    f.resolution = s.resolution;
    f.change_pct = s.change;
    f.qualifier = s.qualifier;
    f.modality = s.modality;
    f.alt = s.alt;
    f.evidence = "Evidence sentence from " + url + ".";
    f.source = url;
    f.published = published;
    rec.facts.push_back(f);
  }
  for (const std::string& origin : attributions) rec.attributions.push_back({origin, 0, 0});
  return rec;
}

FactSpec Value(double v, const std::string& entity = "Baidu", const std::string& period = "2024-H1",
               double resolution = 1e8) {
  FactSpec s;
  s.entity = entity;
  s.period = period;
  s.value = v;
  s.resolution = resolution;
  return s;
}

const Claim* FindClaim(const std::vector<Claim>& claims, const std::string& entity,
                       const std::string& period, const std::string& measure = "value") {
  for (const Claim& c : claims) {
    if (c.entity == entity && c.period == period && c.measure == measure) return &c;
  }
  return nullptr;
}

int CountKind(const std::vector<Conflict>& conflicts, const std::string& kind) {
  int n = 0;
  for (const Conflict& c : conflicts) n += c.kind == kind;
  return n;
}

std::unique_ptr<FactStore> OpenStore(const ScopedTempDir& dir) {
  auto store = FactStore::Open((dir.path() / "r.db").string());
  REQUIRE(store.ok());
  return std::move(*store);
}

}  // namespace

TEST_CASE("Reconcile: rounding differences are minor, not conflicts", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  FactSpec coarse = Value(5e10, "Alibaba+Tencent+Baidu", "2024-H1", 1e9);  // "Rmb50bn"
  FactSpec fine = Value(5.02e10, "Alibaba+Tencent+Baidu", "2024-H1", 1e8);  // "502億元"
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {coarse})).ok());
  REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-28", {fine})).ok());
  auto stats = Reconcile(*store, {});
  REQUIRE(stats.ok());
  auto claims = QueryClaims(*store, {});
  REQUIRE(claims.ok());
  const Claim* c = FindClaim(*claims, "Alibaba+Tencent+Baidu", "2024-H1");
  REQUIRE(c != nullptr);
  CHECK(c->status == "minor");
  CHECK(c->values.size() == 1);
  CHECK(c->sources == 2);
  auto conflicts = QueryConflicts(*store, {});
  REQUIRE(conflicts.ok());
  CHECK(CountKind(*conflicts, "conflict") == 0);
  CHECK(CountKind(*conflicts, "minor") == 1);
}

TEST_CASE("Reconcile: a factor-of-ten error is a conflict and the majority of origins wins",
          "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  // Three independent publishers say 4.2bn; one says 42bn (a translation error).
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {Value(4.2e9)})).ok());
  REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-27", {Value(4.2e9)})).ok());
  REQUIRE(store->Put(MakeArticle("https://c.test/1", "2024-08-27", {Value(4.2e9)})).ok());
  REQUIRE(store->Put(MakeArticle("https://ru.test/1", "2024-08-28", {Value(4.2e10, "Baidu", "2024-H1", 1e9)})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  ClaimFilter baidu;
  baidu.entity = "Baidu";
  auto claims = QueryClaims(*store, baidu);
  REQUIRE(claims.ok());
  const Claim* c = FindClaim(*claims, "Baidu", "2024-H1");
  REQUIRE(c != nullptr);
  CHECK(c->status == "conflict");
  REQUIRE(c->value.has_value());
  CHECK(*c->value == Approx(4.2e9));
  CHECK(c->values.size() == 2);
  auto conflicts = QueryConflicts(*store, {});
  REQUIRE(conflicts.ok());
  REQUIRE(CountKind(*conflicts, "conflict") == 1);
  for (const Conflict& k : *conflicts) {
    if (k.kind == "conflict") CHECK(k.explanation.find("factor of 10") != std::string::npos);
  }
}

TEST_CASE("Reconcile: articles citing one report count as one origin", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  for (const char* url : {"https://a.test/1", "https://b.test/2", "https://c.test/3"}) {
    REQUIRE(store->Put(MakeArticle(url, "2024-08-26", {Value(5e10, "Alibaba+Tencent+Baidu")}, {"Financial Times"})).ok());
  }
  REQUIRE(store->Put(MakeArticle("https://d.test/4", "2024-08-26", {Value(5e10, "Alibaba+Tencent+Baidu")})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto claims = QueryClaims(*store, {});
  REQUIRE(claims.ok());
  const Claim* c = FindClaim(*claims, "Alibaba+Tencent+Baidu", "2024-H1");
  REQUIRE(c != nullptr);
  CHECK(c->sources == 4);
  CHECK(c->origins == 2);  // the FT relays, and d.test on its own
  CHECK(c->status == "agree");
}

TEST_CASE("Reconcile: near-duplicate texts are one origin", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  const std::uint64_t h = 0x0123456789abcdefull;
  REQUIRE(store->Put(MakeArticle("https://wire.test/1", "2024-08-27", {Value(5e10, "Tencent")}, {}, h)).ok());
  REQUIRE(store->Put(MakeArticle("https://roll.test/1", "2024-08-27", {Value(5e10, "Tencent")}, {}, h ^ 0x5)).ok());
  REQUIRE(store->Put(MakeArticle("https://other.test/1", "2024-08-27", {Value(5e10, "Tencent")}, {}, ~h)).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto claims = QueryClaims(*store, {});
  const Claim* c = FindClaim(*claims, "Tencent", "2024-H1");
  REQUIRE(c != nullptr);
  CHECK(c->sources == 3);
  CHECK(c->origins == 2);
}

TEST_CASE("Reconcile: a stated conversion with a wrong scale fails the exchange-rate check",
          "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  FactSpec ok = Value(5e10, "Alibaba+Tencent+Baidu", "2024-H1", 1e9);
  ok.alt = {{7e9, "USD", 1e9}};
  FactSpec bad = ok;
  bad.alt = {{7e6, "USD", 1e6}};  // "$7 million"
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {ok})).ok());
  REQUIRE(store->Put(MakeArticle("https://brief.test/1", "2024-09-09", {bad})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto checks = QueryChecks(*store, {});
  REQUIRE(checks.ok());
  int fx_ok = 0, fx_failed = 0;
  for (const CrossCheck& c : *checks) {
    if (c.kind != "fx") continue;
    (c.consistent ? fx_ok : fx_failed)++;
    if (!c.consistent) CHECK(c.explanation.find("factor of 1000") != std::string::npos);
  }
  CHECK(fx_ok == 1);
  CHECK(fx_failed == 1);
  auto conflicts = QueryConflicts(*store, {});
  CHECK(CountKind(*conflicts, "arithmetic") == 1);
}

TEST_CASE("Reconcile: sum of parts and change against the earlier period", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  FactSpec alibaba = Value(2.3e10, "Alibaba", "2024-H1", 1e9);
  alibaba.change = 123;
  FactSpec alibaba_prev = Value(1.03e10, "Alibaba", "2023-H1", 1e8);
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26",
                             {Value(5e10, "Alibaba+Tencent+Baidu", "2024-H1", 1e9), alibaba,
                              Value(2.3e10, "Tencent", "2024-H1", 1e9), Value(4.2e9, "Baidu")}))
              .ok());
  REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-26", {alibaba_prev})).ok());
  // A wrong combined figure elsewhere: 60bn is not 23 + 23 + 4.2.
  REQUIRE(store->Put(MakeArticle("https://c.test/1", "2024-08-26",
                             {Value(6e10, "Alibaba+Tencent+Baidu", "2025-H1", 1e9),
                              Value(2.3e10, "Alibaba", "2025-H1", 1e9), Value(2.3e10, "Tencent", "2025-H1", 1e9),
                              Value(4.2e9, "Baidu", "2025-H1")}))
              .ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto checks = QueryChecks(*store, {});
  REQUIRE(checks.ok());
  bool sum_ok = false, sum_failed = false, change_ok = false;
  for (const CrossCheck& c : *checks) {
    if (c.kind == "sum" && c.period == "2024-H1") sum_ok = c.consistent;
    if (c.kind == "sum" && c.period == "2025-H1") sum_failed = !c.consistent;
    if (c.kind == "change" && c.entity == "Alibaba") {
      change_ok = c.consistent;
      CHECK(c.expected == Approx(2.3e10 / 2.23));
    }
  }
  CHECK(sum_ok);
  CHECK(sum_failed);
  CHECK(change_ok);
}

TEST_CASE("Reconcile: forecasts are kept apart from actual figures", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  FactSpec forecast;
  forecast.entity = "Alibaba";
  forecast.metric = "ai_revenue";
  forecast.period = "2023";
  forecast.change = 100;
  forecast.resolution = 1;
  forecast.qualifier = Qualifier::kOver;
  forecast.modality = Modality::kForecast;
  FactSpec actual = forecast;
  actual.period = "";
  actual.modality = Modality::kActual;
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {forecast})).ok());
  REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-26", {actual})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto conflicts = QueryConflicts(*store, {});
  REQUIRE(conflicts.ok());
  REQUIRE(CountKind(*conflicts, "modality") == 1);
  for (const Conflict& k : *conflicts) {
    if (k.kind != "modality") continue;
    CHECK(k.explanation.find("already passed") != std::string::npos);
    CHECK(k.values.size() == 2);
  }
  CHECK(CountKind(*conflicts, "conflict") == 0);
}

TEST_CASE("Reconcile: undated articles get periods from agreeing dated reports", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  FactSpec h1 = Value(5e10, "Alibaba+Tencent+Baidu", "2024-H1", 1e9);
  FactSpec prev = Value(2.3e10, "Alibaba+Tencent+Baidu", "2023-H1", 1e9);
  REQUIRE(store->Put(MakeArticle("https://dated.test/1", "2024-08-26", {h1, prev})).ok());
  FactSpec u1 = h1, u2 = prev;
  u1.period = u2.period = "";
  u1.hint = "H1";
  u2.hint = "H1-1y";
  FactSpec tencent = Value(2.3e10, "Tencent", "", 1e9);
  tencent.hint = "H1";
  FactSpec growth;  // a change without any period: stays undated
  growth.entity = "Alibaba";
  growth.metric = "cloud_revenue";
  growth.period = "";
  growth.change = 34;
  growth.resolution = 1;  // "34%"
  FactSpec q2 = growth;
  q2.period = "2024-Q2";
  q2.change = 6;
  REQUIRE(store->Put(MakeArticle("https://undated.test/1", "", {u1, u2, tencent, growth})).ok());
  REQUIRE(store->Put(MakeArticle("https://dated.test/2", "2024-08-26", {q2})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto claims = QueryClaims(*store, {});
  REQUIRE(claims.ok());
  const Claim* c = FindClaim(*claims, "Alibaba+Tencent+Baidu", "2024-H1");
  REQUIRE(c != nullptr);
  CHECK(c->sources == 2);
  CHECK(c->period_inferred);
  const Claim* p = FindClaim(*claims, "Alibaba+Tencent+Baidu", "2023-H1");
  REQUIRE(p != nullptr);
  CHECK(p->sources == 2);
  // Tencent had no dated report, but the article's year is now known.
  CHECK(FindClaim(*claims, "Tencent", "2024-H1") != nullptr);
  auto conflicts = QueryConflicts(*store, {});
  REQUIRE(conflicts.ok());
  CHECK(CountKind(*conflicts, "period") == 1);  // 34% (undated) vs 6% (2024-Q2)
  CHECK(CountKind(*conflicts, "conflict") == 0);
}

TEST_CASE("ReconcileClaims incrementally gives the same claims as a full run", "[reconcile]") {
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {Value(4.2e9), Value(2.3e10, "Tencent")})).ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto put = store->Put(MakeArticle("https://b.test/1", "2024-08-27", {Value(4.2e10, "Baidu", "2024-H1", 1e9)}));
  REQUIRE(put.ok());
  REQUIRE(ReconcileClaims(*store, put->touched, {}).ok());
  auto incremental = QueryClaims(*store, {});
  REQUIRE(incremental.ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto full = QueryClaims(*store, {});
  REQUIRE(full.ok());
  REQUIRE(incremental->size() == full->size());
  for (std::size_t i = 0; i < full->size(); ++i) {
    CHECK((*incremental)[i].entity == (*full)[i].entity);
    CHECK((*incremental)[i].status == (*full)[i].status);
    CHECK((*incremental)[i].sources == (*full)[i].sources);
  }
  const Claim* baidu = FindClaim(*full, "Baidu", "2024-H1");
  REQUIRE(baidu != nullptr);
  CHECK(baidu->status == "conflict");
}

TEST_CASE("Claims stored facts changed stay pending until reconciled, across a restart",
          "[reconcile]") {
  ScopedTempDir dir;
  std::vector<ClaimKey> pending_after_restart;
  {
    auto store = OpenStore(dir);
    REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {Value(4.2e9), Value(2.3e10, "Tencent")})).ok());
    REQUIRE(Reconcile(*store, {}).ok());
    auto none = PendingClaims(*store);
    REQUIRE(none.ok());
    CHECK(none->empty());
    // A Put in a transaction that is rolled back leaves nothing pending.
    REQUIRE(store->Begin().ok());
    REQUIRE(store->Put(MakeArticle("https://c.test/1", "2024-08-27", {Value(9e9, "Kuaishou")})).ok());
    REQUIRE(store->Rollback().ok());
    // Committed facts whose claims are not yet reconciled: the process
    // "dies" here, before reconciling (the store is closed without it).
    REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-27", {Value(4.2e10, "Baidu", "2024-H1", 1e9)})).ok());
    REQUIRE(store->Put(MakeArticle("https://d.test/1", "2024-08-28", {Value(3e9, "Kuaishou", "2025")})).ok());
  }
  auto store = OpenStore(dir);
  auto pending = PendingClaims(*store);
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 2);
  CHECK((*pending)[0] == ClaimKey{"Baidu", "capex", "2024-H1"});
  CHECK((*pending)[1] == ClaimKey{"Kuaishou", "capex", "2025"});
  CHECK(!FindClaim(*QueryClaims(*store, {}), "Kuaishou", "2025"));

  auto r = ReconcilePending(*store, {});
  REQUIRE(r.ok());
  CHECK(r->claims == 2);  // Baidu 2024-H1 and Kuaishou 2025; Tencent untouched
  pending = PendingClaims(*store);
  REQUIRE(pending.ok());
  CHECK(pending->empty());
  auto after = QueryClaims(*store, {});
  REQUIRE(after.ok());
  REQUIRE(Reconcile(*store, {}).ok());
  auto full = QueryClaims(*store, {});
  REQUIRE(full.ok());
  REQUIRE(after->size() == full->size());
  for (std::size_t i = 0; i < full->size(); ++i) {
    CHECK((*after)[i].entity == (*full)[i].entity);
    CHECK((*after)[i].period == (*full)[i].period);
    CHECK((*after)[i].status == (*full)[i].status);
    CHECK((*after)[i].sources == (*full)[i].sources);
  }
  CHECK(FindClaim(*after, "Kuaishou", "2025") != nullptr);
  CHECK(FindClaim(*after, "Baidu", "2024-H1")->status == "conflict");
  // Nothing pending: a second run has nothing to do.
  r = ReconcilePending(*store, {});
  REQUIRE(r.ok());
  CHECK(r->claims == 0);
}

TEST_CASE("Opening a database from before pending_claims lists its unreconciled facts",
          "[reconcile]") {
  ScopedTempDir dir;
  {
    auto store = OpenStore(dir);
    REQUIRE(store->Put(MakeArticle("https://a.test/1", "2024-08-26", {Value(4.2e9)})).ok());
    REQUIRE(Reconcile(*store, {}).ok());
    REQUIRE(store->Put(MakeArticle("https://b.test/1", "2024-08-27", {Value(2.3e10, "Tencent")})).ok());
  }
  {
    // Back to schema version 2, as an older newsfacts left it.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir.path() / "r.db").string().c_str(), &db) == SQLITE_OK);
    // (Migrations 3 and 4 undone: pending_claims, and fts_pending with its triggers.)
    CHECK(sqlite3_exec(db,
                       "DROP TABLE pending_claims; DROP TRIGGER articles_fts_insert;"
                       "DROP TRIGGER articles_fts_delete; DROP TRIGGER articles_fts_update;"
                       "DROP TABLE fts_pending;"
                       "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
                       "  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;"
                       "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
                       "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                       "  VALUES ('delete', old.id, old.title, old.text); END;"
                       "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN"
                       "  INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                       "  VALUES ('delete', old.id, old.title, old.text);"
                       "  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;"
                       "PRAGMA user_version = 2",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = OpenStore(dir);
  auto pending = PendingClaims(*store);
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);  // Baidu was reconciled, Tencent not
  CHECK((*pending)[0] == ClaimKey{"Tencent", "capex", "2024-H1"});
}

TEST_CASE("Reconcile on the seed articles meets the issue's acceptance", "[reconcile][seeds]") {
  if (!std::filesystem::exists(SeedsDir())) {
    WARN("seed articles not found at " << SeedsDir() << "; skipping");
    return;
  }
  ScopedTempDir dir;
  auto store = OpenStore(dir);
  Ingestor ingestor(*store);
  for (const auto& entry : std::filesystem::directory_iterator(SeedsDir())) {
    auto raw = ReadInput(entry.path().string(), 1 << 20);
    REQUIRE(raw.ok());
    REQUIRE(ingestor.Ingest(*raw).ok());
  }
  REQUIRE(Reconcile(*store, {}).ok());
  auto claims = QueryClaims(*store, {});
  REQUIRE(claims.ok());
  for (const char* period : {"2024-H1", "2023-H1"}) {
    const Claim* c = FindClaim(*claims, "Alibaba+Tencent+Baidu", period);
    INFO(period);
    REQUIRE(c != nullptr);
    CHECK(c->sources == 4);  // four articles report it ...
    CHECK(c->origins == 1);  // ... all relaying the Financial Times
    CHECK(c->status != "conflict");
  }
  auto conflicts = QueryConflicts(*store, {});
  REQUIRE(conflicts.ok());
  bool minor_fx = false, modality_ai = false, period_cloud = false;
  for (const Conflict& k : *conflicts) {
    if (k.kind == "minor" && k.period == "2023-H1" && k.explanation.find("3.22") != std::string::npos &&
        k.explanation.find("3.23") != std::string::npos) {
      minor_fx = true;
    }
    if (k.kind == "modality" && k.entity == "Alibaba" && k.metric == "ai_revenue") modality_ai = true;
    if (k.kind == "period" && k.entity == "Alibaba" && k.metric == "cloud_revenue") {
      period_cloud = k.explanation.find("34%") != std::string::npos &&
                     k.explanation.find("6%") != std::string::npos;
    }
    CHECK(k.kind != "conflict");
    CHECK(k.kind != "arithmetic");
  }
  CHECK(minor_fx);
  CHECK(modality_ai);
  CHECK(period_cloud);
  auto checks = QueryChecks(*store, {});
  REQUIRE(checks.ok());
  bool sum_passed = false;
  for (const CrossCheck& c : *checks) {
    if (c.kind == "sum" && c.entity == "Alibaba+Tencent+Baidu" && c.period == "2024-H1") sum_passed = c.consistent;
  }
  CHECK(sum_passed);
}
