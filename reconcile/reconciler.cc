// The news reconciler: stored facts -> origins, claims, conflicts, checks.
//
// Pipeline (Reconcile / ReconcileClaims):
//  1. Load the facts in scope and their articles (site, date, SimHash,
//     attributions).
//  2. Origins: union articles that cite the same report, that are
//     near-duplicates, or that share many specific figures.
//  3. Infer periods of undated articles' facts from agreeing dated claims.
//  4. Group facts into claims (entity, metric, period, measure); put every
//     statement into a common unit; cluster consistent statements into value
//     groups; vote with truth discovery (sources = publishers, each origin's
//     weight split among the articles that relay it).
//  5. Statuses, conflicts (minor/conflict/period/modality) and cross-checks
//     (sum of parts, change vs earlier value, implied exchange rates).
//  6. Replace the stored results for the scope in one transaction.
#include "newsfacts/reconcile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "claims_internal.h"
#include "database.h"
#include "fx.h"
#include "newsfacts/fingerprint.h"

namespace newsfacts {
namespace {

using reconcile::ArticleRow;
using reconcile::FactRow;
using reconcile::FormatAmount;
using reconcile::FxTable;
using reconcile::Interval;
using reconcile::ParseYearMonth;
using reconcile::PeriodMonths;
using reconcile::StatementInterval;
using reconcile::YearMonth;
using store::Database;
using store::Statement;

#define NF_STMT(var, db, sql)                      \
  auto var##_r = (db).Prepare(sql);                \
  if (!var##_r.ok()) return var##_r.status();      \
  Statement& var = **var##_r

// ------------------------------------------------------------------ loading

struct Data {
  std::vector<FactRow> facts;
  std::vector<ArticleRow> articles;
  std::unordered_map<std::int64_t, int> article_index;
};

std::vector<AltValue> ParseAlt(const std::string& text) {
  std::vector<AltValue> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    out.push_back({e.value("value", 0.0), e.value("unit", std::string()), e.value("resolution", 1.0)});
  }
  return out;
}

// Loads facts whose entity is in `scope` (all facts when scope is null).
Status LoadData(Database& db, const std::set<std::string>* scope, Data* data) {
  if (scope != nullptr) {
    NF_RETURN_IF_ERROR(db.Exec("CREATE TEMP TABLE IF NOT EXISTS reconcile_scope(entity TEXT PRIMARY KEY)"));
    NF_RETURN_IF_ERROR(db.Exec("DELETE FROM reconcile_scope"));
    NF_STMT(ins, db, "INSERT OR IGNORE INTO reconcile_scope(entity) VALUES(?)");
    for (const std::string& e : *scope) {
      ins.Reset();
      ins.Bind(1, e);
      NF_RETURN_IF_ERROR(ins.Run());
    }
  }
  std::string sql =
      "SELECT f.id, f.article_id, f.entity, f.metric, IFNULL(f.period,''), IFNULL(f.period_hint,''), "
      "f.value, IFNULL(f.unit,''), f.change_pct, IFNULL(f.qualifier,''), f.low, f.high, "
      "IFNULL(f.alt,''), IFNULL(f.resolution,1), f.modality, IFNULL(f.published,'') "
      "FROM facts f";
  if (scope != nullptr) sql += " WHERE f.entity IN (SELECT entity FROM reconcile_scope)";
  sql += " ORDER BY f.id";
  {
    NF_STMT(count, db, scope != nullptr
                           ? "SELECT count(*) FROM facts WHERE entity IN (SELECT entity FROM reconcile_scope)"
                           : "SELECT count(*) FROM facts");
    if (count.Step()) data->facts.reserve(static_cast<std::size_t>(count.Int(0)));
    NF_RETURN_IF_ERROR(count.status());
  }
  NF_STMT(q, db, sql);
  std::unordered_set<std::int64_t> article_ids;
  while (q.Step()) {
    FactRow f;
    f.id = q.Int(0);
    f.article_id = q.Int(1);
    f.entity = q.Text(2);
    f.metric = q.Text(3);
    f.period = q.Text(4);
    f.period_hint = q.Text(5);
    f.value = q.OptDouble(6);
    f.unit = q.Text(7);
    f.change = q.OptDouble(8);
    f.qualifier = QualifierFromName(q.Text(9));
    f.low = q.OptDouble(10);
    f.high = q.OptDouble(11);
    f.alt = ParseAlt(q.Text(12));
    f.resolution = q.Double(13);
    f.modality = ModalityFromName(q.Text(14));
    f.published = q.Text(15);
    article_ids.insert(f.article_id);
    data->facts.push_back(std::move(f));
  }
  NF_RETURN_IF_ERROR(q.status());

  NF_STMT(a, db,
          "SELECT a.id, a.url, IFNULL(a.published,''), IFNULL(s.name,''), d.simhash "
          "FROM articles a JOIN documents d ON d.id = a.document_id "
          "LEFT JOIN sources s ON s.id = d.source_id ORDER BY a.id");
  while (a.Step()) {
    std::int64_t id = a.Int(0);
    if (article_ids.count(id) == 0) continue;
    ArticleRow row;
    row.id = id;
    row.url = a.Text(1);
    row.published = a.Text(2);
    row.site = a.Text(3);
    if (!a.IsNull(4)) row.simhash = static_cast<std::uint64_t>(a.Int(4));
    data->article_index[id] = static_cast<int>(data->articles.size());
    data->articles.push_back(std::move(row));
  }
  NF_RETURN_IF_ERROR(a.status());
  NF_STMT(at, db, "SELECT article_id, origin FROM attributions ORDER BY article_id, origin");
  while (at.Step()) {
    auto it = data->article_index.find(at.Int(0));
    if (it != data->article_index.end()) data->articles[it->second].attributions.push_back(at.Text(1));
  }
  NF_RETURN_IF_ERROR(at.status());
  for (FactRow& f : data->facts) {
    auto it = data->article_index.find(f.article_id);
    f.article = it == data->article_index.end() ? -1 : it->second;
  }
  data->facts.erase(std::remove_if(data->facts.begin(), data->facts.end(),
                                   [](const FactRow& f) { return f.article < 0; }),
                    data->facts.end());
  return Status::Ok();
}

// ------------------------------------------------------------------ origins

struct UnionFind {
  std::vector<int> parent;
  explicit UnionFind(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  int Find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  bool Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return false;
    if (a > b) std::swap(a, b);
    parent[b] = a;
    return true;
  }
};

struct Origin {
  std::string name;
  std::string reason;
};

// A figure specific enough to reveal copying: entity, metric, unit and the
// value rounded to 3 significant digits (periods are ignored, undated
// articles carry the same figures).
std::uint64_t FigureSignature(const FactRow& f) {
  double v = f.value ? *f.value : (f.change ? *f.change : 0);
  char buf[160];
  int n = std::snprintf(buf, sizeof buf, "%s|%s|%s|%.3g", f.entity.c_str(), f.metric.c_str(),
                        f.value ? f.unit.c_str() : "%chg", v);
  return Fingerprint64(std::string_view(buf, static_cast<std::size_t>(std::min(n, 159))));
}

std::vector<Origin> ComputeOrigins(Data& data) {
  const int n = static_cast<int>(data.articles.size());
  UnionFind uf(n);
  std::vector<std::string> reason(n);
  // (a) Cited reports.
  std::unordered_map<std::string, int> by_attribution;
  for (int i = 0; i < n; ++i) {
    for (const std::string& a : data.articles[i].attributions) {
      auto [it, inserted] = by_attribution.emplace(a, i);
      if (!inserted) uf.Union(it->second, i);
      if (reason[i].empty()) reason[i] = "attribution";
    }
  }
  // (b) Near-duplicate texts: SimHashes within kNearDuplicateBits share one
  // of kNearDuplicateBits+1 blocks exactly (pigeonhole), so compare only
  // within block buckets.
  constexpr int kBlocks = kNearDuplicateBits + 1;
  for (int block = 0; block < kBlocks; ++block) {
    const int lo = block * 64 / kBlocks, hi = (block + 1) * 64 / kBlocks;
    const std::uint64_t mask = (hi - lo == 64) ? ~0ull : (((1ull << (hi - lo)) - 1) << lo);
    std::unordered_map<std::uint64_t, std::vector<int>> buckets;
    for (int i = 0; i < n; ++i) {
      if (data.articles[i].simhash && *data.articles[i].simhash != 0) {
        buckets[*data.articles[i].simhash & mask].push_back(i);
      }
    }
    for (auto& [key, members] : buckets) {
      if (members.size() > 200) continue;  // degenerate bucket
      for (std::size_t x = 0; x < members.size(); ++x) {
        for (std::size_t y = x + 1; y < members.size(); ++y) {
          int a = members[x], b = members[y];
          if (HammingDistance(*data.articles[a].simhash, *data.articles[b].simhash) <=
              kNearDuplicateBits) {
            // Recorded even when attribution already joined them: the
            // copied text is the stronger reason.
            uf.Union(a, b);
            if (reason[a].empty()) reason[a] = "near-duplicate";
            if (reason[b].empty() || reason[b] == "attribution") reason[b] = "near-duplicate";
          }
        }
      }
    }
  }
  // (c) Shared specific figures: two articles that state at least three
  // identical figures, covering half of the smaller one's figures, relay one
  // origin (Dong et al.: sources sharing many identical values are likely
  // dependent). Signatures common to very many articles are skipped for
  // speed; they join through others.
  std::vector<std::vector<std::uint64_t>> sigs(n);
  for (const FactRow& f : data.facts) {
    if (f.modality == Modality::kActual) sigs[f.article].push_back(FigureSignature(f));
  }
  std::unordered_map<std::uint64_t, std::vector<int>> index;
  for (int i = 0; i < n; ++i) {
    std::sort(sigs[i].begin(), sigs[i].end());
    sigs[i].erase(std::unique(sigs[i].begin(), sigs[i].end()), sigs[i].end());
    for (std::uint64_t sig : sigs[i]) index[sig].push_back(i);
  }
  std::unordered_map<std::uint64_t, int> shared;  // (a << 32 | b) -> shared figures
  for (auto& [sig, members] : index) {
    if (members.size() < 2 || members.size() > 64) continue;
    for (std::size_t x = 0; x < members.size(); ++x) {
      for (std::size_t y = x + 1; y < members.size(); ++y) {
        ++shared[(static_cast<std::uint64_t>(members[x]) << 32) | static_cast<std::uint32_t>(members[y])];
      }
    }
  }
  for (auto& [pair, count] : shared) {
    const int a = static_cast<int>(pair >> 32), b = static_cast<int>(pair & 0xffffffffu);
    const std::size_t smaller = std::min(sigs[a].size(), sigs[b].size());
    if (count >= 3 && 2 * static_cast<std::size_t>(count) >= smaller) {
      if (uf.Union(a, b)) {
        if (reason[a].empty()) reason[a] = "shared-figures";
        if (reason[b].empty()) reason[b] = "shared-figures";
      }
    }
  }
  // Name each origin: the report cited by its members, else its earliest
  // article (by publication date, then id).
  std::map<int, std::vector<int>> groups;
  for (int i = 0; i < n; ++i) groups[uf.Find(i)].push_back(i);
  std::vector<Origin> origins;
  for (auto& [root, members] : groups) {
    std::map<std::string, int> cited;
    for (int m : members) {
      for (const std::string& a : data.articles[m].attributions) ++cited[a];
    }
    std::string name;
    int best = 0;
    for (auto& [a, c] : cited) {
      if (c > best) {
        best = c;
        name = a;
      }
    }
    if (name.empty()) {
      int first = members[0];
      for (int m : members) {
        const ArticleRow& x = data.articles[m];
        const ArticleRow& y = data.articles[first];
        if (!x.published.empty() && (y.published.empty() || x.published < y.published)) first = m;
      }
      name = data.articles[first].url;
    }
    const int id = static_cast<int>(origins.size());
    origins.push_back({name, members.size() == 1 && reason[members[0]].empty() ? "own" : ""});
    for (int m : members) {
      data.articles[m].origin = id;
    }
  }
  for (int i = 0; i < n; ++i) data.articles[i].origin_reason = reason[i].empty() ? "own" : reason[i];
  return origins;
}

// ------------------------------------------------------------------ claims

struct Statement_ {
  int fact = -1;           // index into Data::facts
  double value = 0;        // in the claim's unit
  double resolution = 1;   // in the claim's unit
  Interval interval;
  bool converted = false;  // through an exchange rate
  bool via_alt = false;    // through the article's own stated conversion
};

struct ValueGroup {
  Interval core;
  std::vector<int> statements;  // indexes into Claim_::statements
  double probability = 0;
  // Run::Reported() of this group, computed once after voting.
  mutable std::optional<ReportedValue> reported;
};

struct Claim_ {
  std::string entity, metric, period, measure;
  std::string unit;
  std::vector<int> facts;           // all facts of the key
  std::vector<Statement_> statements;  // of the facts that vote (see modality)
  std::vector<ValueGroup> groups;
  std::string modality = "actual";
  int chosen = -1;
  double confidence = 0;
  bool period_inferred = false;
  std::string status;
  std::string explanation;
};

std::string ClaimKeyString(const std::string& e, const std::string& m, const std::string& p,
                           const std::string& measure) {
  return e + '\x1f' + m + '\x1f' + p + '\x1f' + measure;
}

// The month whose exchange rate applies to a fact's conversions: writers
// convert at the rate of the day, so the publication month; else the end of
// the period.
YearMonth FactMonth(const FactRow& f) {
  YearMonth pub = ParseYearMonth(f.published);
  if (pub.ok() && pub.month > 0) return pub;
  YearMonth first, last;
  if (!f.period.empty() && PeriodMonths(f.period, &first, &last)) return last;
  return pub;
}

// The fact's amount in `unit`, if it can be expressed there.
bool ToUnit(const FactRow& f, const std::string& unit, const FxTable& fx, double fx_tol,
            Statement_* out) {
  const double v = *f.value;
  const double res = reconcile::EffectiveResolution(v, f.resolution);
  if (f.unit == unit) {
    out->value = v;
    out->resolution = res;
    out->interval = StatementInterval(v, res, f.qualifier, f.low, f.high, 0);
    return true;
  }
  for (const AltValue& a : f.alt) {
    if (a.unit == unit) {
      out->value = a.value;
      out->resolution = reconcile::EffectiveResolution(a.value, a.resolution);
      out->via_alt = true;
      out->interval = StatementInterval(a.value, out->resolution, f.qualifier, std::nullopt, std::nullopt, 0);
      return true;
    }
  }
  YearMonth ym = FactMonth(f);
  if (!ym.ok()) ym = {2024, 6};
  auto conv = fx.Convert(v, f.unit, unit, ym.year, ym.month);
  if (!conv) return false;
  const double scale = *conv / v;
  out->value = *conv;
  out->resolution = res * std::fabs(scale);
  out->converted = true;
  std::optional<double> lo, hi;
  if (f.low) lo = *f.low * scale;
  if (f.high) hi = *f.high * scale;
  out->interval = StatementInterval(*conv, out->resolution, f.qualifier, lo, hi, fx_tol);
  return true;
}

// Period of an undated fact's hint relative to a dated period: does "H1"
// fit "2024-H1", and which year offset does "-1y" ask for?
bool HintMatches(const std::string& hint, const std::string& period, int* year_offset) {
  std::string sub = hint;
  *year_offset = 0;
  auto dash = hint.find("-");
  auto plus = hint.find("+");
  auto cut = std::min(dash, plus);
  if (cut != std::string::npos) {
    sub = hint.substr(0, cut);
    *year_offset = std::atoi(hint.c_str() + cut);
  }
  if (sub == "this-year" || sub == "year") return period.size() == 4;
  if (sub.empty() || period.size() < 7) return false;
  if (sub[0] == 'H' || sub[0] == 'Q') return period.substr(4) == "-" + sub;
  if (sub[0] == 'M') return period.substr(4) == "-" + sub.substr(1);
  return false;
}

// The period an undated fact's hint means in `year`: "H1" -> "2024-H1",
// "H1-1y" -> "2023-H1", "M02" -> "2024-02", "this-year" -> "2024",
// "next-3y" -> "2024..2026"; "" when the hint is not understood.
std::string ResolveHint(const std::string& hint, int year) {
  std::string sub = hint;
  int offset = 0;
  if (hint.rfind("next-", 0) == 0) {
    int n = std::atoi(hint.c_str() + 5);
    if (n <= 0) return {};
    return std::to_string(year) + ".." + std::to_string(year + n - 1);
  }
  auto cut = std::min(hint.find('-', 1), hint.find('+', 1));
  if (hint.rfind("this-year", 0) == 0) {
    sub = "year";
    cut = hint.find_first_of("+-", 9);
  }
  if (cut != std::string::npos) {
    offset = std::atoi(hint.c_str() + cut);
    if (sub != "year") sub = hint.substr(0, cut);
  }
  const std::string y = std::to_string(year + offset);
  if (sub == "year") return y;
  if (sub.size() == 2 && (sub[0] == 'H' || sub[0] == 'Q')) return y + "-" + sub;
  if (sub.size() == 3 && sub[0] == 'M') return y + "-" + sub.substr(1);
  return {};
}

}  // namespace

// ------------------------------------------------------------------ the run

namespace {

class Run {
 public:
  Run(FactStore& store, const ReconcileOptions& options)
      : db_(store.database()), options_(options), fx_(FxTable::Default()) {}

  Result<ReconcileStats> Execute(const std::set<std::string>* scope);

 private:
  void Progress(const std::string& msg) {
    if (options_.progress) options_.progress(msg);
  }
  void InferPeriods();
  void BuildClaims();
  void Vote(const std::map<std::string, double>* priors);
  void Classify();
  void PeriodAndModality();
  void CrossChecks();
  Status Write(const std::set<std::string>* scope);
  ReportedValue Reported(const Claim_& c, const ValueGroup& g) const;
  ReportedValue ReportedFacts(const std::vector<int>& facts, const std::string& unit) const;

  Database& db_;
  const ReconcileOptions& options_;
  const FxTable& fx_;
  Data data_;
  std::vector<Origin> origins_;
  std::vector<Claim_> claims_;
  std::unordered_map<std::string, int> claim_index_;
  std::vector<Conflict> conflicts_;
  std::vector<CrossCheck> checks_;
  std::map<std::string, std::pair<double, int>> trust_;  // site -> accuracy, claims
};

void Run::InferPeriods() {
  // Dated value facts by (entity, metric): period -> statements.
  std::map<std::pair<std::string, std::string>, std::vector<int>> dated;
  for (int i = 0; i < static_cast<int>(data_.facts.size()); ++i) {
    const FactRow& f = data_.facts[i];
    if (!f.period.empty() && f.modality == Modality::kActual) dated[{f.entity, f.metric}].push_back(i);
  }
  // Per undated article: candidate years from each hinted fact that agrees
  // with exactly one dated period.
  std::map<int, std::map<int, int>> year_votes;       // article -> year -> votes
  std::vector<std::pair<int, std::string>> proposals;  // fact -> period
  for (int i = 0; i < static_cast<int>(data_.facts.size()); ++i) {
    FactRow& f = data_.facts[i];
    if (!f.period.empty() || f.period_hint.empty()) continue;
    if (!data_.articles[f.article].published.empty()) continue;
    auto it = dated.find({f.entity, f.metric});
    if (it == dated.end()) continue;
    std::set<std::string> fits;
    for (int j : it->second) {
      const FactRow& d = data_.facts[j];
      int offset = 0;
      if (!HintMatches(f.period_hint, d.period, &offset)) continue;
      // Values must agree (same measure).
      bool agree = false;
      if (f.value && d.value) {
        Statement_ a, b;
        if (ToUnit(f, d.unit, fx_, options_.fx_tolerance, &a) &&
            ToUnit(d, d.unit, fx_, options_.fx_tolerance, &b)) {
          agree = a.interval.Overlaps(b.interval);
        }
      } else if (!f.value && !d.value && f.change && d.change) {
        agree = StatementInterval(*f.change, f.resolution, f.qualifier, {}, {}, 0)
                    .Overlaps(StatementInterval(*d.change, d.resolution, d.qualifier, {}, {}, 0));
      }
      if (agree) fits.insert(d.period);
    }
    if (fits.size() != 1) continue;
    const std::string& period = *fits.begin();
    int offset = 0;
    HintMatches(f.period_hint, period, &offset);
    const int year = std::atoi(period.substr(0, 4).c_str()) - offset;  // the article's own year
    ++year_votes[f.article][year];
    proposals.emplace_back(i, period);
  }
  // Keep proposals consistent with the article's most supported year.
  std::map<int, int> article_year;
  for (auto& [article, votes] : year_votes) {
    int best = 0, best_votes = 0;
    for (auto& [y, v] : votes) {
      if (v > best_votes) {
        best = y;
        best_votes = v;
      }
    }
    article_year[article] = best;
  }
  // Every hinted fact of such an article resolves against the inferred year
  // ("H1" -> 2024-H1, "H1-1y" -> 2023-H1, "Q2" -> 2024-Q2), not only the
  // ones that matched a dated report.
  for (FactRow& f : data_.facts) {
    if (!f.period.empty() || f.period_hint.empty()) continue;
    auto it = article_year.find(f.article);
    if (it == article_year.end()) continue;
    std::string period = ResolveHint(f.period_hint, it->second);
    if (period.empty()) continue;
    f.period = period;
    f.period_inferred = true;
  }
}

void Run::BuildClaims() {
  for (int i = 0; i < static_cast<int>(data_.facts.size()); ++i) {
    const FactRow& f = data_.facts[i];
    auto add = [&](const std::string& measure) {
      std::string key = ClaimKeyString(f.entity, f.metric, f.period, measure);
      auto [it, inserted] = claim_index_.emplace(key, static_cast<int>(claims_.size()));
      if (inserted) {
        Claim_ c;
        c.entity = f.entity;
        c.metric = f.metric;
        c.period = f.period;
        c.measure = measure;
        claims_.push_back(std::move(c));
      }
      claims_[it->second].facts.push_back(i);
      if (f.period_inferred) claims_[it->second].period_inferred = true;
    };
    if (f.value) add("value");
    if (f.change) add("change");
  }
  for (Claim_& c : claims_) {
    // Voting facts: the actual ones; forecasts and plans only when nothing
    // actual is known (they are kept apart, see PeriodAndModality).
    std::vector<int> voters;
    for (int i : c.facts) {
      if (data_.facts[i].modality == Modality::kActual) voters.push_back(i);
    }
    if (voters.empty()) {
      voters = c.facts;
      c.modality = std::string(ModalityName(data_.facts[c.facts[0]].modality));
    }
    if (c.measure == "change") {
      c.unit = "%";
      for (int i : voters) {
        const FactRow& f = data_.facts[i];
        Statement_ s;
        s.fact = i;
        s.value = *f.change;
        s.resolution = f.value ? 1 : f.resolution;
        s.interval = StatementInterval(s.value, s.resolution, f.value ? Qualifier::kNone : f.qualifier,
                                       {}, {}, 0);
        c.statements.push_back(s);
      }
    } else {
      // The claim's unit: the most common unit among its statements.
      std::map<std::string, int> units;
      for (int i : voters) ++units[data_.facts[i].unit];
      int best = -1;
      for (auto& [u, n] : units) {
        if (n > best) {
          best = n;
          c.unit = u;
        }
      }
      for (int i : voters) {
        Statement_ s;
        s.fact = i;
        if (!ToUnit(data_.facts[i], c.unit, fx_, options_.fx_tolerance, &s)) {
          // Not comparable (unknown currency): its own statement in its unit
          // would mislead; it still counts as a source of the claim.
          continue;
        }
        c.statements.push_back(s);
      }
    }
    // Cluster consistent statements, most precise first.
    std::vector<int> order(c.statements.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      const Statement_& x = c.statements[a];
      const Statement_& y = c.statements[b];
      if (x.converted != y.converted) return !x.converted;
      return x.interval.hi - x.interval.lo < y.interval.hi - y.interval.lo;
    });
    for (int si : order) {
      const Statement_& s = c.statements[si];
      bool placed = false;
      for (ValueGroup& g : c.groups) {
        if (g.core.Overlaps(s.interval)) {
          g.core = g.core.Intersect(s.interval);
          g.statements.push_back(si);
          placed = true;
          break;
        }
      }
      if (!placed) {
        ValueGroup g;
        g.core = s.interval;
        g.statements.push_back(si);
        c.groups.push_back(std::move(g));
      }
    }
  }
}

void Run::Vote(const std::map<std::string, double>* priors) {
  TruthProblem problem;
  std::vector<ItemId> item_of_claim(claims_.size(), kNoId);
  std::vector<std::vector<ValueId>> value_of_group(claims_.size());
  // Articles already counted for the current value group (cleared after
  // each group through `seen`): a big story has thousands of articles on one
  // claim, and a search of `seen` per statement made this quadratic.
  std::vector<char> counted(data_.articles.size(), 0);
  // Origin weights per item: each origin's articles share one vote.
  for (std::size_t ci = 0; ci < claims_.size(); ++ci) {
    Claim_& c = claims_[ci];
    if (c.groups.empty()) continue;
    ItemId item = problem.InternItem(ClaimKeyString(c.entity, c.metric, c.period, c.measure));
    item_of_claim[ci] = item;
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      value_of_group[ci].push_back(problem.InternValue(item, std::to_string(g)));
    }
    // (origin, article) pairs on this item: an origin's articles share one vote.
    std::vector<std::pair<int, int>> oa;
    oa.reserve(c.statements.size());
    for (const Statement_& s : c.statements) {
      const int article = data_.facts[s.fact].article;
      oa.emplace_back(data_.articles[article].origin, article);
    }
    std::sort(oa.begin(), oa.end());
    oa.erase(std::unique(oa.begin(), oa.end()), oa.end());
    auto articles_of_origin = [&](int origin) {
      auto lo = std::lower_bound(oa.begin(), oa.end(), std::make_pair(origin, -1));
      auto hi = std::lower_bound(oa.begin(), oa.end(), std::make_pair(origin + 1, -1));
      return static_cast<double>(hi - lo);
    };
    std::vector<int> seen;
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      for (int a : seen) counted[static_cast<std::size_t>(a)] = 0;
      seen.clear();
      for (int si : c.groups[g].statements) {
        const FactRow& f = data_.facts[c.statements[si].fact];
        if (counted[static_cast<std::size_t>(f.article)]) continue;
        counted[static_cast<std::size_t>(f.article)] = 1;
        seen.push_back(f.article);
        const ArticleRow& a = data_.articles[f.article];
        const double weight = 1.0 / articles_of_origin(a.origin);
        SourceId src = problem.InternSource(a.site.empty() ? a.url : a.site);
        Status st = problem.AddClaim(src, value_of_group[ci][g], weight);
        (void)st;
      }
    }
    for (int a : seen) counted[static_cast<std::size_t>(a)] = 0;
  }
  if (priors != nullptr) {
    // Only sources that take part (InternSource would add new ones).
    for (SourceId s = 0; s < problem.source_count(); ++s) {
      auto it = priors->find(problem.source_name(s));
      if (it != priors->end()) {
        Status st = problem.SetSourcePrior(s, std::clamp(it->second, 0.05, 0.95));
        (void)st;
      }
    }
  }
  TruthOptions topts;
  topts.method = options_.method;
  // News claims are mostly single-valued: a data-driven prior would drift
  // towards 0.5 as every lone value feeds back into its sources' accuracy.
  // Start every publisher from Dong et al.'s 0.8 instead.
  topts.prior_accuracy = 0.8;
  auto result = DiscoverTruth(problem, topts);
  for (std::size_t ci = 0; ci < claims_.size(); ++ci) {
    Claim_& c = claims_[ci];
    if (item_of_claim[ci] == kNoId) continue;
    if (!result.ok()) {
      // Fall back to the largest group (cannot happen with valid options).
      c.chosen = 0;
      c.confidence = 0;
      continue;
    }
    const ItemTruth& it = result->items[item_of_claim[ci]];
    for (std::size_t g = 0; g < c.groups.size(); ++g) {
      c.groups[g].probability = result->value_probability[value_of_group[ci][g]];
      if (value_of_group[ci][g] == it.value) c.chosen = static_cast<int>(g);
    }
    if (c.chosen < 0) c.chosen = 0;
    c.confidence = it.confidence;
  }
  if (result.ok()) {
    std::vector<int> claim_count(problem.source_count(), 0);
    for (const auto& cl : problem.claims()) ++claim_count[cl.source];
    for (SourceId s = 0; s < problem.source_count(); ++s) {
      trust_[problem.source_name(s)] = {result->source_accuracy[s], claim_count[s]};
    }
  }
}

ReportedValue Run::ReportedFacts(const std::vector<int>& facts, const std::string& unit) const {
  ReportedValue r;
  r.unit = unit;
  std::vector<int> articles, origins;
  for (int i : facts) {
    const FactRow& f = data_.facts[i];
    r.facts.push_back(f.id);
    articles.push_back(f.article);
    origins.push_back(data_.articles[f.article].origin);
  }
  std::sort(articles.begin(), articles.end());
  articles.erase(std::unique(articles.begin(), articles.end()), articles.end());
  std::sort(origins.begin(), origins.end());
  origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
  for (int a : articles) r.sources.push_back(data_.articles[a].url);
  r.origins = static_cast<int>(origins.size());
  if (!facts.empty()) {
    const FactRow& f = data_.facts[facts[0]];
    r.period = f.period;
    r.modality = std::string(ModalityName(f.modality));
  }
  return r;
}

ReportedValue Run::Reported(const Claim_& c, const ValueGroup& g) const {
  if (g.reported && g.reported->probability == g.probability) return *g.reported;
  std::vector<int> facts;
  for (int si : g.statements) facts.push_back(c.statements[si].fact);
  ReportedValue r = ReportedFacts(facts, c.unit);
  // The group's value: the most common stated value (in the claim unit),
  // preferring unconverted statements.
  std::map<double, int> counts;
  for (int si : g.statements) {
    const Statement_& s = c.statements[si];
    counts[s.value] += s.converted ? 1 : 100;
  }
  int best = -1;
  for (auto& [v, n] : counts) {
    if (n > best) {
      best = n;
      r.value = v;
    }
  }
  const FactRow& first = data_.facts[c.statements[g.statements[0]].fact];
  r.qualifier = c.measure == "change" && first.value ? Qualifier::kNone : first.qualifier;
  for (int si : g.statements) {
    const FactRow& f = data_.facts[c.statements[si].fact];
    if (c.measure == "value" && f.low && f.high && f.unit == c.unit) {
      r.low = f.low;
      r.high = f.high;
      break;
    }
  }
  r.probability = g.probability;
  g.reported = r;
  return r;
}

std::string Describe(const ReportedValue& v) {
  std::string out = FormatAmount(v.value, v.unit);
  if (v.qualifier == Qualifier::kOver) out = "more than " + out;
  if (v.qualifier == Qualifier::kUnder) out = "less than " + out;
  if (v.qualifier == Qualifier::kAbout) out = "about " + out;
  return out;
}

std::string Sources(int n) { return std::to_string(n) + (n == 1 ? " source" : " sources"); }

// "differ by a factor of 10" when two values are a power of ten apart.
std::string FactorNote(double a, double b) {
  if (a == 0 || b == 0) return "";
  double r = std::fabs(a / b);
  if (r < 1) r = 1 / r;
  double l = std::log10(r);
  if (r >= 9 && std::fabs(l - std::round(l)) < 0.05) {
    return "; they differ by a factor of " + FormatAmount(std::pow(10, std::round(l)), "") +
           ", the mark of a misplaced scale word or a translation error";
  }
  return "";
}

void Run::Classify() {
  for (Claim_& c : claims_) {
    if (c.groups.empty()) {
      c.status = "agree";
      continue;
    }
    std::string what = c.entity + " " + c.metric + (c.period.empty() ? "" : " " + c.period);
    if (c.groups.size() > 1) {
      c.status = "conflict";
      std::vector<int> order(c.groups.size());
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](int a, int b) {
        return c.groups[a].probability > c.groups[b].probability;
      });
      ReportedValue a = Reported(c, c.groups[order[0]]);
      ReportedValue b = Reported(c, c.groups[order[1]]);
      c.explanation = what + ": " + Describe(a) + " (" + Sources(static_cast<int>(a.sources.size())) +
                      ") against " + Describe(b) + " (" + Sources(static_cast<int>(b.sources.size())) +
                      "), beyond rounding" + FactorNote(a.value, b.value) + ".";
      Conflict k;
      k.entity = c.entity;
      k.metric = c.metric;
      k.period = c.period;
      k.kind = "conflict";
      for (int g : order) k.values.push_back(Reported(c, c.groups[g]));
      k.explanation = c.explanation;
      conflicts_.push_back(std::move(k));
      continue;
    }
    // One group: agree, or minor when the statements differ in the digits.
    const ValueGroup& g = c.groups[0];
    std::set<std::pair<double, std::string>> stated;
    bool converted = false;
    std::map<std::string, std::set<double>> alts;  // alt unit -> values
    for (int si : g.statements) {
      const Statement_& s = c.statements[si];
      const FactRow& f = data_.facts[s.fact];
      double v = c.measure == "change" ? *f.change : *f.value;
      stated.insert({v, c.measure == "change" ? "%" : f.unit});
      if (s.converted || s.via_alt) converted = true;
      if (c.measure == "value") {
        for (const AltValue& a : f.alt) alts[a.unit].insert(a.value);
      }
    }
    std::string minor;
    if (stated.size() > 1) {
      std::vector<std::string> parts;
      for (auto& [v, u] : stated) parts.push_back(FormatAmount(v, u));
      std::string list;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        list += (i == 0 ? "" : (i + 1 == parts.size() ? " and " : ", ")) + parts[i];
      }
      minor = what + ": " + list +
              (converted ? " agree once converted at the stated or reference exchange rates"
                         : " agree within the precision of the less precise figure") + ".";
    } else {
      for (auto& [unit, values] : alts) {
        if (values.size() > 1) {
          std::string list;
          std::size_t i = 0;
          for (double v : values) {
            if (i > 0) list += i + 1 == values.size() ? " and " : ", ";
            list += FormatAmount(v, unit);
            ++i;
          }
          minor = what + ": the same " + FormatAmount(stated.begin()->first, stated.begin()->second) +
                  " is converted as " + list + ", exchange rates rounded differently.";
          break;
        }
      }
    }
    if (minor.empty()) {
      c.status = "agree";
    } else {
      c.status = "minor";
      c.explanation = minor;
      Conflict k;
      k.entity = c.entity;
      k.metric = c.metric;
      k.period = c.period;
      k.kind = "minor";
      k.values.push_back(Reported(c, g));
      k.explanation = minor;
      conflicts_.push_back(std::move(k));
    }
  }
}

void Run::PeriodAndModality() {
  // Index claims by (entity, metric, measure).
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<int>> by_em;
  for (int i = 0; i < static_cast<int>(claims_.size()); ++i) {
    by_em[{claims_[i].entity, claims_[i].metric, claims_[i].measure}].push_back(i);
  }
  for (auto& [key, ids] : by_em) {
    // period: an undated claim whose value differs from every dated claim.
    for (int u : ids) {
      Claim_& undated = claims_[u];
      if (!undated.period.empty() || undated.groups.empty() || undated.modality != "actual") continue;
      std::vector<int> dated;
      for (int d : ids) {
        if (!claims_[d].period.empty() && !claims_[d].groups.empty() && claims_[d].modality == "actual") {
          dated.push_back(d);
        }
      }
      if (dated.empty()) continue;
      for (const ValueGroup& g : undated.groups) {
        bool fits_some = false;
        for (int d : dated) {
          const Claim_& dc = claims_[d];
          if (dc.unit != undated.unit) continue;
          const ValueGroup& dg = dc.groups[std::max(dc.chosen, 0)];
          if (dg.core.Overlaps(g.core)) fits_some = true;
        }
        if (fits_some) continue;
        Conflict k;
        k.entity = undated.entity;
        k.metric = undated.metric;
        k.kind = "period";
        ReportedValue uv = Reported(undated, g);
        k.values.push_back(uv);
        std::string others;
        for (int d : dated) {
          const Claim_& dc = claims_[d];
          ReportedValue dv = Reported(dc, dc.groups[std::max(dc.chosen, 0)]);
          dv.period = dc.period;
          if (!others.empty()) others += ", ";
          others += Describe(dv) + " (" + dc.period + ")";
          k.values.push_back(std::move(dv));
        }
        k.explanation = undated.entity + " " + undated.metric + ": " + Describe(uv) +
                        " comes without a period and matches none of the dated reports (" + others +
                        "); the figures may describe different periods.";
        conflicts_.push_back(std::move(k));
      }
    }
    // modality: forecasts/plans against actual figures, or about the past.
    std::vector<int> forecast_facts, actual_facts;
    for (int id : ids) {
      for (int fi : claims_[id].facts) {
        (data_.facts[fi].modality == Modality::kActual ? actual_facts : forecast_facts).push_back(fi);
      }
    }
    std::set<int> done;
    for (int fi : forecast_facts) {
      if (done.count(fi)) continue;
      const FactRow& f = data_.facts[fi];
      const ArticleRow& a = data_.articles[f.article];
      YearMonth first, last;
      YearMonth pub = ParseYearMonth(a.published);
      const bool past = !f.period.empty() && pub.ok() && PeriodMonths(f.period, &first, &last) &&
                        (last.year < pub.year || (last.year == pub.year && last.month < pub.month));
      std::vector<int> against;
      for (int ai : actual_facts) {
        const FactRow& x = data_.facts[ai];
        if (x.period.empty() || x.period == f.period) against.push_back(ai);
      }
      if (!past && against.empty()) continue;
      // All forecasts of the same value and period go in one entry.
      std::vector<int> same;
      for (int fj : forecast_facts) {
        const FactRow& g = data_.facts[fj];
        if (g.period == f.period && g.value == f.value && g.change == f.change) {
          same.push_back(fj);
          done.insert(fj);
        }
      }
      const std::string unit = std::get<2>(key) == "change" ? "%" : f.unit;
      ReportedValue fv = ReportedFacts(same, unit);
      fv.value = std::get<2>(key) == "change" ? *f.change : *f.value;
      fv.qualifier = f.qualifier;
      Conflict k;
      k.entity = f.entity;
      k.metric = f.metric;
      k.period = f.period;
      k.kind = "modality";
      k.values.push_back(fv);
      std::string what = std::string(ModalityName(f.modality)) + " of " + Describe(fv) +
                         (f.period.empty() ? "" : " for " + f.period);
      std::string explanation = f.entity + " " + f.metric + ": a " + what;
      if (past) explanation += " in an article of " + a.published.substr(0, 10) +
                               ", when that period had already passed";
      if (!against.empty()) {
        // Group the actual statements by value.
        std::map<std::pair<double, std::string>, std::vector<int>> actual_by_value;
        for (int ai : against) {
          const FactRow& x = data_.facts[ai];
          double v = std::get<2>(key) == "change" ? *x.change : *x.value;
          actual_by_value[{v, x.period}].push_back(ai);
        }
        std::string list;
        for (auto& [vp, fs] : actual_by_value) {
          const FactRow& first_actual = data_.facts[fs[0]];
          ReportedValue av = ReportedFacts(fs, std::get<2>(key) == "change" ? "%" : first_actual.unit);
          av.value = vp.first;
          av.qualifier = data_.facts[fs[0]].qualifier;
          if (!list.empty()) list += ", ";
          list += Describe(av) + (vp.second.empty() ? "" : " (" + vp.second + ")");
          k.values.push_back(std::move(av));
        }
        explanation += (past ? "; " : ", ") + std::string("set against reported actual figures: ") + list;
      }
      k.explanation = explanation + ".";
      conflicts_.push_back(std::move(k));
    }
  }
}

void Run::CrossChecks() {
  auto chosen_value = [&](const Claim_& c, double* v, double* res, std::string* unit) {
    if (c.groups.empty() || c.chosen < 0 || c.modality != "actual") return false;
    ReportedValue r = Reported(c, c.groups[c.chosen]);
    *v = r.value;
    *unit = c.unit;
    double resolution = 0;
    for (int si : c.groups[c.chosen].statements) resolution = std::max(resolution, c.statements[si].resolution);
    *res = resolution;
    return true;
  };
  // (a) A combined figure against the sum of its parts.
  for (const Claim_& c : claims_) {
    if (c.measure != "value" || c.entity.find('+') == std::string::npos) continue;
    double total, total_res;
    std::string unit;
    if (!chosen_value(c, &total, &total_res, &unit)) continue;
    std::vector<std::string> members;
    std::size_t start = 0;
    while (true) {
      auto plus = c.entity.find('+', start);
      members.push_back(c.entity.substr(start, plus - start));
      if (plus == std::string::npos) break;
      start = plus + 1;
    }
    double sum = 0, slack = total_res / 2;
    bool complete = true;
    std::string parts;
    for (const std::string& m : members) {
      auto it = claim_index_.find(ClaimKeyString(m, c.metric, c.period, "value"));
      double v, res;
      std::string u;
      if (it == claim_index_.end() || !chosen_value(claims_[it->second], &v, &res, &u)) {
        complete = false;
        break;
      }
      if (u != unit) {
        YearMonth first, last;
        if (!PeriodMonths(c.period, &first, &last)) last = {2024, 6};
        auto conv = fx_.Convert(v, u, unit, last.year, last.month);
        if (!conv) {
          complete = false;
          break;
        }
        res *= *conv / v;
        v = *conv;
        slack += options_.fx_tolerance * std::fabs(v);
      }
      sum += v;
      slack += res / 2;
      parts += (parts.empty() ? "" : " + ") + FormatAmount(v, "");
    }
    if (!complete) continue;
    CrossCheck ck;
    ck.kind = "sum";
    ck.entity = c.entity;
    ck.metric = c.metric;
    ck.period = c.period;
    ck.expected = sum;
    ck.actual = total;
    ck.unit = unit;
    ck.consistent = std::fabs(sum - total) <= slack + 1e-9 * std::fabs(total);
    ck.explanation = c.entity + " " + c.metric + " " + c.period + ": the parts add up to " + parts +
                     " = " + FormatAmount(sum, unit) + (ck.consistent ? ", consistent with" : ", which contradicts") +
                     " the combined " + FormatAmount(total, unit) + ".";
    checks_.push_back(std::move(ck));
  }
  // (b) A value with a change against the earlier period's value.
  for (const Claim_& c : claims_) {
    if (c.measure != "value" || c.period.empty() || c.modality != "actual") continue;
    const std::string earlier = [&] {
      YearMonth first, last;
      if (!PeriodMonths(c.period, &first, &last)) return std::string();
      return std::to_string(std::atoi(c.period.substr(0, 4).c_str()) - 1) + c.period.substr(4);
    }();
    if (earlier.empty() || c.period.find("..") != std::string::npos) continue;
    auto prev = claim_index_.find(ClaimKeyString(c.entity, c.metric, earlier, "value"));
    auto chg = claim_index_.find(ClaimKeyString(c.entity, c.metric, c.period, "change"));
    if (prev == claim_index_.end() || chg == claim_index_.end()) continue;
    double v, vres, p, pres;
    std::string unit, punit;
    if (!chosen_value(c, &v, &vres, &unit) || !chosen_value(claims_[prev->second], &p, &pres, &punit)) continue;
    const Claim_& cc = claims_[chg->second];
    if (cc.groups.empty() || cc.chosen < 0 || unit != punit) continue;
    const ValueGroup& g = cc.groups[cc.chosen];
    ReportedValue change = Reported(cc, g);
    // Range of the implied earlier value from the rounding of both numbers.
    double lo_change = std::max(g.core.lo, -99.0), hi_change = std::min(g.core.hi, 1e7);
    double implied = v / (1 + change.value / 100);
    double lo = (v - vres / 2) / (1 + hi_change / 100);
    double hi = (v + vres / 2) / (1 + lo_change / 100);
    CrossCheck ck;
    ck.kind = "change";
    ck.entity = c.entity;
    ck.metric = c.metric;
    ck.period = c.period;
    ck.expected = implied;
    ck.actual = p;
    ck.unit = unit;
    ck.consistent = p + pres / 2 >= lo && p - pres / 2 <= hi;
    ck.explanation = c.entity + " " + c.metric + ": " + FormatAmount(v, unit) + " in " + c.period +
                     " after a change of " + Describe(change) + " implies about " +
                     FormatAmount(implied, unit) + " in " + earlier + "; the reported " +
                     FormatAmount(p, unit) + (ck.consistent ? " is consistent." : " is not.");
    checks_.push_back(std::move(ck));
  }
  // (c) Exchange rates implied by stated conversions, against the reference
  // table: "Rmb50bn ($7bn)" implies 7.1 CNY per USD.
  for (const FactRow& f : data_.facts) {
    if (!f.value || f.alt.empty() || *f.value == 0) continue;
    for (const AltValue& a : f.alt) {
      if (a.value == 0 || a.unit == f.unit) continue;
      YearMonth ym = FactMonth(f);
      if (!ym.ok()) continue;
      auto ref = fx_.Convert(1.0, a.unit, f.unit, ym.year, ym.month);  // f.unit per a.unit
      if (!ref) continue;
      const double v = *f.value, vr = f.resolution / 2, av = a.value, ar = a.resolution / 2;
      const double implied = v / av;
      double lo = (v - vr) / (av + ar), hi = (v + vr) / std::max(av - ar, av * 1e-6);
      const double slack = options_.fx_tolerance;
      CrossCheck ck;
      ck.kind = "fx";
      ck.entity = f.entity;
      ck.metric = f.metric;
      ck.period = f.period;
      ck.expected = *ref;
      ck.actual = implied;
      ck.unit = f.unit + "/" + a.unit;
      ck.consistent = *ref >= lo * (1 - slack) && *ref <= hi * (1 + slack);
      char buf[256];
      std::snprintf(buf, sizeof buf, "%.4g %s per %s", implied, f.unit.c_str(), a.unit.c_str());
      char refbuf[64];
      std::snprintf(refbuf, sizeof refbuf, "%.4g", *ref);
      ck.explanation = f.entity + " " + f.metric + ": " + FormatAmount(v, f.unit) + " stated as " +
                       FormatAmount(av, a.unit) + " implies " + buf +
                       (ck.consistent ? ", in line with the reference rate " : ", far from the reference rate ") +
                       refbuf + " (" + std::to_string(ym.year) + "-" + (ym.month < 10 ? "0" : "") +
                       std::to_string(ym.month) + ")" + FactorNote(implied, *ref) + "; source " +
                       data_.articles[f.article].url + ".";
      checks_.push_back(std::move(ck));
    }
  }
  for (const CrossCheck& ck : checks_) {
    if (ck.consistent) continue;
    Conflict k;
    k.entity = ck.entity;
    k.metric = ck.metric;
    k.period = ck.period;
    k.kind = "arithmetic";
    ReportedValue expected, actual;
    expected.value = ck.expected;
    expected.unit = ck.unit;
    expected.modality = "implied";
    actual.value = ck.actual;
    actual.unit = ck.unit;
    k.values = {actual, expected};
    k.explanation = ck.explanation;
    conflicts_.push_back(std::move(k));
  }
}

nlohmann::json ValueJson(const ReportedValue& v) {
  nlohmann::json j;
  j["value"] = v.value;
  j["unit"] = v.unit;
  std::string_view q = QualifierName(v.qualifier);
  j["qualifier"] = q.empty() ? nlohmann::json(nullptr) : nlohmann::json(q);
  if (v.low) j["low"] = *v.low;
  if (v.high) j["high"] = *v.high;
  j["period"] = v.period;
  j["modality"] = v.modality;
  j["probability"] = v.probability;
  j["origins"] = v.origins;
  j["sources"] = v.sources;
  j["facts"] = v.facts;
  return j;
}

Status Run::Write(const std::set<std::string>* scope) {
  NF_RETURN_IF_ERROR(db_.Exec("SAVEPOINT reconcile"));
  auto fail = [&](Status s) {
    Status ignored = db_.Exec("ROLLBACK TO reconcile");
    ignored = db_.Exec("RELEASE reconcile");
    (void)ignored;
    return s;
  };
  if (scope == nullptr) {
    for (const char* t : {"DELETE FROM claims", "DELETE FROM conflicts", "DELETE FROM checks",
                          "DELETE FROM origins", "DELETE FROM source_trust",
                          "DELETE FROM pending_claims"}) {
      Status s = db_.Exec(t);
      if (!s.ok()) return fail(s);
    }
  } else {
    for (const char* t : {"DELETE FROM claims WHERE entity IN (SELECT entity FROM reconcile_scope)",
                          "DELETE FROM conflicts WHERE entity IN (SELECT entity FROM reconcile_scope)",
                          "DELETE FROM checks WHERE entity IN (SELECT entity FROM reconcile_scope)",
                          "DELETE FROM pending_claims WHERE entity IN (SELECT entity FROM reconcile_scope)"}) {
      Status s = db_.Exec(t);
      if (!s.ok()) return fail(s);
    }
  }
  {
    auto st = db_.Prepare("INSERT OR REPLACE INTO origins(article_id, origin, reason) VALUES(?,?,?)");
    if (!st.ok()) return fail(st.status());
    for (const ArticleRow& a : data_.articles) {
      (*st)->Reset();
      (*st)->Bind(1, a.id).Bind(2, origins_[a.origin].name).Bind(3, a.origin_reason);
      Status s = (*st)->Run();
      if (!s.ok()) return fail(s);
    }
  }
  auto ins_claim = db_.Prepare(
      "INSERT INTO claims(entity, metric, period, measure, value, unit, status, modality, confidence, "
      "sources, origins, period_inferred, explanation) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  auto ins_value = db_.Prepare(
      "INSERT INTO claim_values(claim_id, value, unit, qualifier, low, high, probability, origins, "
      "sources, facts) VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!ins_claim.ok()) return fail(ins_claim.status());
  if (!ins_value.ok()) return fail(ins_value.status());
  for (const Claim_& c : claims_) {
    std::set<std::string> urls;
    std::set<int> origins;
    for (int fi : c.facts) {
      urls.insert(data_.articles[data_.facts[fi].article].url);
      origins.insert(data_.articles[data_.facts[fi].article].origin);
    }
    Statement& s = **ins_claim;
    s.Reset();
    s.Bind(1, c.entity).Bind(2, c.metric).Bind(3, c.period).Bind(4, c.measure);
    if (!c.groups.empty() && c.chosen >= 0) {
      s.Bind(5, Reported(c, c.groups[c.chosen]).value);
    } else {
      s.BindNull(5);
    }
    s.BindOrNull(6, c.unit)
        .Bind(7, c.status)
        .Bind(8, c.modality)
        .Bind(9, c.confidence)
        .Bind(10, static_cast<std::int64_t>(urls.size()))
        .Bind(11, static_cast<std::int64_t>(origins.size()))
        .Bind(12, c.period_inferred ? 1 : 0)
        .BindOrNull(13, c.explanation);
    Status st = s.Run();
    if (!st.ok()) return fail(st);
    const std::int64_t claim_id = db_.LastInsertId();
    for (const ValueGroup& g : c.groups) {
      ReportedValue r = Reported(c, g);
      Statement& v = **ins_value;
      v.Reset();
      v.Bind(1, claim_id)
          .Bind(2, r.value)
          .BindOrNull(3, r.unit)
          .BindOrNull(4, QualifierName(r.qualifier))
          .Bind(5, r.low)
          .Bind(6, r.high)
          .Bind(7, r.probability)
          .Bind(8, static_cast<std::int64_t>(r.origins))
          .Bind(9, nlohmann::json(r.sources).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
          .Bind(10, nlohmann::json(r.facts).dump());
      Status vs = v.Run();
      if (!vs.ok()) return fail(vs);
    }
  }
  auto ins_conflict = db_.Prepare(
      "INSERT INTO conflicts(entity, metric, period, kind, explanation, detail) VALUES(?,?,?,?,?,?)");
  if (!ins_conflict.ok()) return fail(ins_conflict.status());
  for (const Conflict& k : conflicts_) {
    nlohmann::json detail = nlohmann::json::array();
    for (const ReportedValue& v : k.values) detail.push_back(ValueJson(v));
    Statement& s = **ins_conflict;
    s.Reset();
    s.Bind(1, k.entity).Bind(2, k.metric).Bind(3, k.period).Bind(4, k.kind).Bind(5, k.explanation)
        .Bind(6, detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    Status st = s.Run();
    if (!st.ok()) return fail(st);
  }
  auto ins_check = db_.Prepare(
      "INSERT INTO checks(kind, entity, metric, period, consistent, expected, actual, unit, explanation) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  if (!ins_check.ok()) return fail(ins_check.status());
  for (const CrossCheck& ck : checks_) {
    Statement& s = **ins_check;
    s.Reset();
    s.Bind(1, ck.kind).Bind(2, ck.entity).Bind(3, ck.metric).Bind(4, ck.period)
        .Bind(5, ck.consistent ? 1 : 0).Bind(6, ck.expected).Bind(7, ck.actual).BindOrNull(8, ck.unit)
        .Bind(9, ck.explanation);
    Status st = s.Run();
    if (!st.ok()) return fail(st);
  }
  if (scope == nullptr) {
    auto ins_trust = db_.Prepare("INSERT OR REPLACE INTO source_trust(source, accuracy, claims) VALUES(?,?,?)");
    if (!ins_trust.ok()) return fail(ins_trust.status());
    for (auto& [site, t] : trust_) {
      (*ins_trust)->Reset();
      (*ins_trust)->Bind(1, site).Bind(2, t.first).Bind(3, static_cast<std::int64_t>(t.second));
      Status st = (*ins_trust)->Run();
      if (!st.ok()) return fail(st);
    }
  }
  return db_.Exec("RELEASE reconcile");
}

Result<ReconcileStats> Run::Execute(const std::set<std::string>* scope) {
  const auto start = std::chrono::steady_clock::now();
  Progress("reconcile: loading facts");
  NF_RETURN_IF_ERROR(LoadData(db_, scope, &data_));
  Progress("reconcile: grouping " + std::to_string(data_.articles.size()) + " articles into origins");
  origins_ = ComputeOrigins(data_);
  InferPeriods();
  Progress("reconcile: building claims from " + std::to_string(data_.facts.size()) + " facts");
  BuildClaims();
  std::map<std::string, double> priors;
  if (scope != nullptr) {
    NF_STMT(q, db_, "SELECT source, accuracy FROM source_trust");
    while (q.Step()) priors[q.Text(0)] = q.Double(1);
    NF_RETURN_IF_ERROR(q.status());
  }
  Progress("reconcile: truth discovery over " + std::to_string(claims_.size()) + " claims");
  Vote(scope != nullptr ? &priors : nullptr);
  Progress("reconcile: statuses, period and modality differences");
  Classify();
  PeriodAndModality();
  Progress("reconcile: cross-checks");
  CrossChecks();
  Progress("reconcile: writing results");
  NF_RETURN_IF_ERROR(Write(scope));
  ReconcileStats stats;
  stats.facts = static_cast<int>(data_.facts.size());
  stats.articles = static_cast<int>(data_.articles.size());
  stats.claims = static_cast<int>(claims_.size());
  stats.conflicts = static_cast<int>(conflicts_.size());
  stats.checks = static_cast<int>(checks_.size());
  for (const CrossCheck& ck : checks_) stats.failed_checks += ck.consistent ? 0 : 1;
  stats.origins = static_cast<int>(origins_.size());
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

// Runs `body` in one write transaction unless the caller already has one
// open: the facts read and the claims and pending rows written must be one
// snapshot, or a Put from another process between them could be marked
// reconciled without being read.
template <typename Body>
Result<ReconcileStats> InWriteTransaction(FactStore& store, Body body) {
  Database& db = store.database();
  if (db.InTransaction()) return body();
  NF_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Result<ReconcileStats> r = body();
  db.ResetStatements();
  Status s = r.ok() ? db.Exec("COMMIT") : r.status();
  if (!s.ok()) {
    Status ignored = db.Exec("ROLLBACK");
    (void)ignored;
    return s;
  }
  return r;
}

Result<ReconcileStats> ReconcileScope(FactStore& store, const std::vector<ClaimKey>& touched,
                                      const ReconcileOptions& options) {
  if (touched.empty()) return ReconcileStats();
  // Scope: the touched entities, their members, and every combined entity
  // that contains one of them (sum-of-parts checks span those).
  std::set<std::string> scope;
  std::set<std::string> members;
  for (const ClaimKey& k : touched) {
    scope.insert(k.entity);
    std::size_t start = 0;
    while (true) {
      auto plus = k.entity.find('+', start);
      members.insert(k.entity.substr(start, plus - start));
      if (plus == std::string::npos) break;
      start = plus + 1;
    }
  }
  scope.insert(members.begin(), members.end());
  {
    auto q = store.database().Prepare("SELECT DISTINCT entity FROM facts WHERE instr(entity, '+') > 0");
    if (!q.ok()) return q.status();
    while ((*q)->Step()) {
      std::string e = (*q)->Text(0);
      std::size_t start = 0;
      while (true) {
        auto plus = e.find('+', start);
        if (members.count(e.substr(start, plus - start))) {
          scope.insert(e);
          break;
        }
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    }
    NF_RETURN_IF_ERROR((*q)->status());
  }
  Run run(store, options);
  return run.Execute(&scope);
}

}  // namespace

Result<ReconcileStats> Reconcile(FactStore& store, const ReconcileOptions& options) {
  return InWriteTransaction(store, [&] {
    Run run(store, options);
    return run.Execute(nullptr);
  });
}

Result<ReconcileStats> ReconcileClaims(FactStore& store, const std::vector<ClaimKey>& touched,
                                       const ReconcileOptions& options) {
  return InWriteTransaction(store, [&] { return ReconcileScope(store, touched, options); });
}

Result<std::vector<ClaimKey>> PendingClaims(FactStore& store) {
  std::vector<ClaimKey> keys;
  NF_STMT(q, store.database(), "SELECT entity, metric, period FROM pending_claims ORDER BY 1, 2, 3");
  while (q.Step()) keys.push_back({q.Text(0), q.Text(1), q.Text(2)});
  NF_RETURN_IF_ERROR(q.status());
  return keys;
}

Result<ReconcileStats> ReconcilePending(FactStore& store, const ReconcileOptions& options) {
  return InWriteTransaction(store, [&]() -> Result<ReconcileStats> {
    auto keys = PendingClaims(store);
    if (!keys.ok()) return keys.status();
    return ReconcileScope(store, *keys, options);
  });
}

}  // namespace newsfacts
