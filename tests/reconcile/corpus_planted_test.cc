// The reconciler against the differences planted in our own corpus: ingest
// every page of corpus/sites into a temporary store, reconcile, then check
// each line of corpus/expected/planted.jsonl by its kind (minor, conflict,
// period, modality, copy). The checks are generic: a new planted line of a
// known kind is covered without touching this file.
//
// Planted lines name articles by their path under corpus/sites ("host/path");
// the store knows them by document URL (file://) and canonical URL (https://),
// so both are mapped back to that path. By convention articles[0] is the
// article that carries the planted difference.
#include "newsfacts/reconcile.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "database.h"
#include "newsfacts/fact_store.h"
#include "newsfacts/ingestor.h"
#include "test_util.h"

using namespace newsfacts;
using namespace newsfacts::testing;

namespace {

constexpr std::string_view kSitesDir = "/corpus/sites/";

struct PlantedLine {
  int line_no = 0;
  std::string kind;
  std::string entity;
  std::string metric;
  std::string period;
  std::vector<std::string> periods;
  std::vector<std::string> articles;
  std::string note;
};

// Everything the checks read, computed once for all test cases.
struct CorpusRun {
  std::vector<PlantedLine> planted;
  std::vector<Claim> claims;
  std::vector<Conflict> conflicts;
  std::vector<StoredFact> facts;
  std::map<std::string, std::string> path_of_url;      // document or article URL -> path
  std::map<std::string, std::string> origin_of;        // path -> origin (origins table)
  std::map<std::string, std::set<std::string>> cites;  // path -> organisations it cites
  double seconds = 0;
};

std::string StringOr(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> StringsOr(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& e : *it) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

std::vector<PlantedLine> ReadPlanted(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<PlantedLine> out;
  std::string text;
  int line_no = 0;
  while (std::getline(in, text)) {
    ++line_no;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(text, nullptr, false);
    INFO("planted.jsonl line " << line_no);
    REQUIRE(j.is_object());
    PlantedLine p;
    p.line_no = line_no;
    p.kind = StringOr(j, "kind");
    p.entity = StringOr(j, "entity");
    p.metric = StringOr(j, "metric");
    p.period = StringOr(j, "period");
    p.periods = StringsOr(j, "periods");
    p.articles = StringsOr(j, "articles");
    p.note = StringOr(j, "note");
    out.push_back(std::move(p));
  }
  return out;
}

// "host/path" for a file:// URL under corpus/sites; "" otherwise.
std::string CorpusPath(const std::string& file_url) {
  const auto at = file_url.find(kSitesDir);
  if (file_url.rfind("file://", 0) != 0 || at == std::string::npos) return "";
  return file_url.substr(at + kSitesDir.size());
}

void ReadOrigins(FactStore& store, CorpusRun* run) {
  auto& db = store.database();
  auto q = db.Prepare(
      "SELECT d.url, a.url, IFNULL(o.origin, '') FROM articles a "
      "JOIN documents d ON d.id = a.document_id LEFT JOIN origins o ON o.article_id = a.id");
  REQUIRE(q.ok());
  store::Statement& s = **q;
  while (s.Step()) {
    const std::string path = CorpusPath(s.Text(0));
    if (path.empty()) continue;
    run->path_of_url[s.Text(0)] = path;
    run->path_of_url[s.Text(1)] = path;
    if (!s.Text(2).empty()) run->origin_of[path] = s.Text(2);
  }
  REQUIRE(s.status().ok());
  auto c = db.Prepare(
      "SELECT d.url, t.origin FROM attributions t JOIN articles a ON a.id = t.article_id "
      "JOIN documents d ON d.id = a.document_id");
  REQUIRE(c.ok());
  store::Statement& cs = **c;
  while (cs.Step()) run->cites[CorpusPath(cs.Text(0))].insert(cs.Text(1));
  REQUIRE(cs.status().ok());
}

std::unique_ptr<CorpusRun> BuildRun() {
  auto run = std::make_unique<CorpusRun>();
  const auto start = std::chrono::steady_clock::now();
  // Lives as long as the run is built; everything needed later is copied out.
  ScopedTempDir dir;
  auto opened = FactStore::Open((dir.path() / "planted.db").string());
  REQUIRE(opened.ok());
  FactStore& store = **opened;
  auto inputs = ListInputs({(SourceDir() / "corpus" / "sites").string()});
  REQUIRE(inputs.ok());
  REQUIRE(!inputs->empty());
  Ingestor ingestor(store);
  REQUIRE(store.Begin().ok());
  for (const std::string& path : *inputs) {
    INFO(path);
    auto raw = ReadInput(path, 16u << 20);
    REQUIRE(raw.ok());
    auto outcome = ingestor.Ingest(*raw);
    REQUIRE(outcome.ok());
    CHECK(outcome->status != "error");
  }
  REQUIRE(store.Commit().ok());
  REQUIRE(Reconcile(store, {}).ok());

  auto claims = QueryClaims(store, {});
  REQUIRE(claims.ok());
  run->claims = std::move(*claims);
  auto conflicts = QueryConflicts(store, {});
  REQUIRE(conflicts.ok());
  run->conflicts = std::move(*conflicts);
  auto facts = store.Facts({});
  REQUIRE(facts.ok());
  run->facts = std::move(*facts);
  ReadOrigins(store, run.get());
  run->planted = ReadPlanted(SourceDir() / "corpus" / "expected" / "planted.jsonl");
  run->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

// Ingesting and reconciling the corpus takes about half a second: do it once.
const CorpusRun& Corpus() {
  static std::unique_ptr<CorpusRun> run;
  if (run == nullptr) run = BuildRun();
  return *run;
}

std::vector<const PlantedLine*> LinesOfKind(const CorpusRun& run, const std::string& kind) {
  std::vector<const PlantedLine*> out;
  for (const PlantedLine& p : run.planted) {
    if (p.kind == kind) out.push_back(&p);
  }
  return out;
}

// Claims of one (entity, metric, period), every measure; exact match.
std::vector<const Claim*> ClaimsAt(const CorpusRun& run, const std::string& entity,
                                   const std::string& metric, const std::string& period) {
  std::vector<const Claim*> out;
  for (const Claim& c : run.claims) {
    if (c.entity == entity && c.metric == metric && c.period == period) out.push_back(&c);
  }
  return out;
}

bool HasFinding(const CorpusRun& run, const std::string& kind, const std::string& entity,
                const std::string& metric, const std::string& period) {
  return std::any_of(run.conflicts.begin(), run.conflicts.end(), [&](const Conflict& c) {
    return c.kind == kind && c.entity == entity && c.metric == metric && c.period == period;
  });
}

bool HasFact(const CorpusRun& run, const std::string& entity, const std::string& metric,
             const std::string& period) {
  return std::any_of(run.facts.begin(), run.facts.end(), [&](const StoredFact& f) {
    return f.fact.entity == entity && f.fact.metric == metric && f.fact.period == period;
  });
}

// Whether `path` has any stored fact about (entity, metric). Extraction
// recall is facts_corpus_test's business (it misses one zh fact today), so
// the checks below ask only articles that stated the figure to land right.
bool HasFactFrom(const CorpusRun& run, const std::string& path, const std::string& entity,
                 const std::string& metric) {
  return std::any_of(run.facts.begin(), run.facts.end(), [&](const StoredFact& f) {
    if (f.fact.entity != entity || f.fact.metric != metric) return false;
    auto it = run.path_of_url.find(f.fact.source);
    return it != run.path_of_url.end() && it->second == path;
  });
}

// The corpus paths of source URLs (a URL that is not in the corpus stays as is).
std::set<std::string> Paths(const CorpusRun& run, const std::vector<std::string>& urls) {
  std::set<std::string> out;
  for (const std::string& url : urls) {
    auto it = run.path_of_url.find(url);
    out.insert(it == run.path_of_url.end() ? url : it->second);
  }
  return out;
}

std::set<std::string> ClaimPaths(const CorpusRun& run, const Claim& claim) {
  std::set<std::string> out;
  for (const ReportedValue& v : claim.values) {
    auto p = Paths(run, v.sources);
    out.insert(p.begin(), p.end());
  }
  return out;
}

bool SameAmount(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

std::string Describe(const CorpusRun& run, const Claim& c) {
  std::ostringstream out;
  out << c.entity << " " << c.metric << " " << c.period << " " << c.measure
      << " status=" << c.status << " modality=" << c.modality
      << " value=" << (c.value ? std::to_string(*c.value) : "none") << " " << c.unit;
  for (const ReportedValue& v : c.values) {
    out << "\n  " << v.value << " " << v.unit << " origins=" << v.origins << ":";
    for (const std::string& p : Paths(run, v.sources)) out << " " << p;
  }
  return out.str();
}

std::string Describe(const CorpusRun& run, const std::vector<const Claim*>& claims) {
  std::string out;
  for (const Claim* c : claims) out += Describe(run, *c) + "\n";
  return out.empty() ? "(no claims)" : out;
}

}  // namespace

TEST_CASE("Reconcile on corpus/sites: planted.jsonl names ingested articles", "[reconcile]") {
  const CorpusRun& run = Corpus();
  INFO("ingest + reconcile took " << run.seconds << " s");
  REQUIRE(!run.planted.empty());
  std::set<std::string> ingested;
  for (const auto& [url, path] : run.path_of_url) ingested.insert(path);
  const std::set<std::string> kinds = {"minor", "conflict", "period", "modality", "copy"};
  for (const PlantedLine& p : run.planted) {
    INFO("planted.jsonl line " << p.line_no << " (" << p.kind << "): " << p.note);
    CHECK(kinds.count(p.kind) == 1);
    CHECK(!p.articles.empty());
    if (p.kind != "copy") {
      CHECK(!p.entity.empty());
      CHECK(!p.metric.empty());
      CHECK(!p.period.empty());
    }
    if (p.kind == "period" || p.kind == "modality") {
      CHECK(p.periods.size() >= 2);
      CHECK(std::count(p.periods.begin(), p.periods.end(), p.period) == 1);
    }
    for (const std::string& a : p.articles) {
      INFO(a);
      CHECK(std::filesystem::is_regular_file(SourceDir() / "corpus" / "sites" / a));
      CHECK(ingested.count(a) == 1);  // stored as an article, not a listing
    }
  }
}

// The planted article states a value no other source has; the reconciler
// must flag the conflict and still pick the value most sources hold.
TEST_CASE("Reconcile on corpus/sites: planted conflicts are found and outvoted", "[reconcile]") {
  const CorpusRun& run = Corpus();
  const auto lines = LinesOfKind(run, "conflict");
  CHECK(!lines.empty());
  for (const PlantedLine* p : lines) {
    INFO("planted.jsonl line " << p->line_no << ": " << p->note);
    if (p->articles.empty()) continue;  // reported by the first test case
    const auto claims = ClaimsAt(run, p->entity, p->metric, p->period);
    INFO(Describe(run, claims));
    CHECK(HasFinding(run, "conflict", p->entity, p->metric, p->period));
    const std::string& planted = p->articles[0];
    // The claim in which the planted article stands alone with its value.
    const Claim* claim = nullptr;
    const ReportedValue* wrong = nullptr;
    for (const Claim* c : claims) {
      for (const ReportedValue& v : c->values) {
        if (c->values.size() > 1 && Paths(run, v.sources) == std::set<std::string>{planted}) {
          claim = c;
          wrong = &v;
        }
      }
    }
    if (claim == nullptr) {
      FAIL_CHECK("no claim has a value reported by " << planted << " alone");
      continue;
    }
    CHECK(claim->status == "conflict");
    // The best-supported value is the one most articles report.
    const ReportedValue* best = nullptr;
    int ties = 0;
    for (const ReportedValue& v : claim->values) {
      if (best == nullptr || v.sources.size() > best->sources.size()) {
        best = &v;
        ties = 1;
      } else if (v.sources.size() == best->sources.size()) {
        ++ties;
      }
    }
    CHECK(ties == 1);
    REQUIRE(claim->value.has_value());
    CHECK(SameAmount(*claim->value, best->value));
    CHECK(claim->unit == best->unit);
    CHECK_FALSE(SameAmount(*claim->value, wrong->value));
    // The other listed articles are the majority.
    const auto majority = Paths(run, best->sources);
    for (std::size_t i = 1; i < p->articles.size(); ++i) {
      INFO(p->articles[i]);
      CHECK(majority.count(p->articles[i]) == 1);
    }
    // And the conflict finding shows the planted value.
    bool shown = false;
    for (const Conflict& k : run.conflicts) {
      if (k.kind != "conflict" || k.entity != p->entity || k.metric != p->metric ||
          k.period != p->period)
        continue;
      for (const ReportedValue& v : k.values)
        shown = shown || Paths(run, v.sources).count(planted) == 1;
    }
    CHECK(shown);
  }
}

// Rounding and conversion differences: the listed articles support one value.
// Where the same claim also carries a planted conflict, that conflict's
// article is left out and the claim's status is the conflict line's business.
TEST_CASE("Reconcile on corpus/sites: planted rounding differences are not conflicts",
          "[reconcile]") {
  const CorpusRun& run = Corpus();
  const auto lines = LinesOfKind(run, "minor");
  CHECK(!lines.empty());
  for (const PlantedLine* p : lines) {
    INFO("planted.jsonl line " << p->line_no << ": " << p->note);
    const auto claims = ClaimsAt(run, p->entity, p->metric, p->period);
    INFO(Describe(run, claims));
    CHECK(!claims.empty());
    std::set<std::string> planted_errors;
    for (const PlantedLine* c : LinesOfKind(run, "conflict")) {
      if (!c->articles.empty() && c->entity == p->entity && c->metric == p->metric &&
          c->period == p->period) {
        planted_errors.insert(c->articles[0]);
      }
    }
    std::set<std::string> agreeing;
    for (const std::string& a : p->articles) {
      if (planted_errors.count(a) == 0) agreeing.insert(a);
    }
    CHECK(agreeing.size() >= 2);
    // One reported value holds all of them, and it is the claim's value.
    bool together = false;
    for (const Claim* c : claims) {
      for (const ReportedValue& v : c->values) {
        const auto paths = Paths(run, v.sources);
        if (!std::includes(paths.begin(), paths.end(), agreeing.begin(), agreeing.end())) continue;
        together = true;
        REQUIRE(c->value.has_value());
        CHECK(SameAmount(*c->value, v.value));
      }
    }
    CHECK(together);
    if (planted_errors.empty()) {
      for (const Claim* c : claims) CHECK((c->status == "agree" || c->status == "minor"));
      CHECK_FALSE(HasFinding(run, "conflict", p->entity, p->metric, p->period));
    }
  }
}

// Values for different periods are separate claims, each consistent.
TEST_CASE("Reconcile on corpus/sites: planted period differences stay apart", "[reconcile]") {
  const CorpusRun& run = Corpus();
  const auto lines = LinesOfKind(run, "period");
  CHECK(!lines.empty());
  for (const PlantedLine* p : lines) {
    INFO("planted.jsonl line " << p->line_no << ": " << p->note);
    std::set<std::string> covered;
    std::map<std::string, std::vector<double>> best_by_measure;  // one entry per period
    for (const std::string& period : p->periods) {
      const auto claims = ClaimsAt(run, p->entity, p->metric, period);
      INFO(period << ":\n" << Describe(run, claims));
      CHECK(!claims.empty());
      for (const Claim* c : claims) {
        CHECK(c->status != "conflict");
        if (c->value) best_by_measure[c->measure].push_back(*c->value);
        const auto paths = ClaimPaths(run, *c);
        covered.insert(paths.begin(), paths.end());
      }
      CHECK_FALSE(HasFinding(run, "conflict", p->entity, p->metric, period));
    }
    // Some measure is reported for every period with different values: the
    // periods were not merged into one claim.
    bool apart = false;
    for (const auto& [measure, values] : best_by_measure) {
      if (values.size() != p->periods.size()) continue;
      for (std::size_t i = 1; i < values.size(); ++i)
        apart = apart || !SameAmount(values[0], values[i]);
    }
    CHECK(apart);
    int stated = 0;
    for (const std::string& a : p->articles) {
      if (!HasFactFrom(run, a, p->entity, p->metric)) continue;
      ++stated;
      INFO(a);
      CHECK(covered.count(a) == 1);
    }
    CHECK(stated >= 2);
  }
}

// A forecast (articles[0]) is kept apart from the actual figures: different
// claims, its modality kept, no conflict (a `modality` finding is fine).
TEST_CASE("Reconcile on corpus/sites: planted forecasts are not merged with actuals",
          "[reconcile]") {
  const CorpusRun& run = Corpus();
  const auto lines = LinesOfKind(run, "modality");
  CHECK(!lines.empty());
  for (const PlantedLine* p : lines) {
    INFO("planted.jsonl line " << p->line_no << ": " << p->note);
    if (p->articles.empty()) continue;  // reported by the first test case
    const std::string& forecast_article = p->articles[0];
    const std::set<std::string> actual_articles(p->articles.begin() + 1, p->articles.end());
    std::vector<std::string> forecast_periods;
    std::set<std::string> actual_covered;
    for (const std::string& period : p->periods) {
      const auto claims = ClaimsAt(run, p->entity, p->metric, period);
      INFO(period << ":\n" << Describe(run, claims));
      CHECK((!claims.empty() || HasFact(run, p->entity, p->metric, period)));
      CHECK_FALSE(HasFinding(run, "conflict", p->entity, p->metric, period));
      bool has_forecast = false;
      for (const Claim* c : claims) {
        CHECK(c->status != "conflict");
        const auto paths = ClaimPaths(run, *c);
        if (paths.count(forecast_article) == 0) {
          if (c->modality == "actual") actual_covered.insert(paths.begin(), paths.end());
          continue;
        }
        has_forecast = true;
        CHECK(c->modality != "actual");
        for (const std::string& a : actual_articles) {
          INFO("actual report merged with the forecast: " << a);
          CHECK(paths.count(a) == 0);
        }
      }
      if (has_forecast) forecast_periods.push_back(period);
    }
    // The forecast is at the line's period only, the actual reports elsewhere.
    CHECK(forecast_periods == std::vector<std::string>{p->period});
    int stated = 0;
    for (const std::string& a : actual_articles) {
      if (!HasFactFrom(run, a, p->entity, p->metric)) continue;
      ++stated;
      INFO(a);
      CHECK(actual_covered.count(a) == 1);
    }
    CHECK(stated >= 1);
  }
}

// Copies are one origin: the listed articles relay one upstream story, and
// articles citing the same organisation are grouped; their agreement then
// counts once in the claims.
TEST_CASE("Reconcile on corpus/sites: planted copies share one origin", "[reconcile]") {
  const CorpusRun& run = Corpus();
  const auto lines = LinesOfKind(run, "copy");
  CHECK(!lines.empty());
  for (const PlantedLine* p : lines) {
    INFO("planted.jsonl line " << p->line_no << ": " << p->note);
    std::set<std::string> origins;
    std::map<std::string, std::set<std::string>> origins_by_cited;
    for (const std::string& a : p->articles) {
      auto it = run.origin_of.find(a);
      INFO(a);
      if (it == run.origin_of.end()) {
        FAIL_CHECK("no row in the origins table");
        continue;
      }
      INFO("origin " << it->second);
      origins.insert(it->second);
      auto cited = run.cites.find(a);
      if (cited == run.cites.end()) continue;
      for (const std::string& organisation : cited->second)
        origins_by_cited[organisation].insert(it->second);
    }
    CHECK(origins.size() < p->articles.size());
    CHECK(origins.size() == 1);
    for (const auto& [organisation, grouped] : origins_by_cited) {
      INFO("articles citing " << organisation);
      CHECK(grouped.size() == 1);
    }
    // In every claim value reported by two or more of these articles, the
    // independent origins are the distinct origins of its articles.
    const std::set<std::string> listed(p->articles.begin(), p->articles.end());
    for (const Claim& c : run.claims) {
      for (const ReportedValue& v : c.values) {
        const auto paths = Paths(run, v.sources);
        const auto n_listed = std::count_if(
            paths.begin(), paths.end(), [&](const std::string& s) { return listed.count(s) == 1; });
        if (n_listed < 2) continue;
        std::set<std::string> distinct;
        for (const std::string& s : paths) {
          auto it = run.origin_of.find(s);
          distinct.insert(it == run.origin_of.end() ? s : it->second);
        }
        INFO(Describe(run, c));
        CHECK(v.origins == static_cast<int>(distinct.size()));
      }
    }
  }
}
