// Reading the reconciler's results back (claims, conflicts, checks).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "database.h"
#include "newsfacts/reconcile.h"

namespace newsfacts {
namespace {

using store::Statement;

// Same matching as FactQuery: case-insensitive entity/metric, period prefix.
constexpr const char* kFilter =
    "(?1 = '' OR entity = ?1 COLLATE NOCASE) AND (?2 = '' OR metric = ?2 COLLATE NOCASE) "
    "AND (?3 = '' OR period = ?3 OR period LIKE ?3 || '-%' OR period LIKE ?3 || '..%')";

void BindFilter(Statement& s, const ClaimFilter& f) {
  s.Bind(1, f.entity).Bind(2, f.metric).Bind(3, f.period);
}

// Sentences of the given facts, distinct, in id order.
Status FillEvidence(store::Database& db, ReportedValue* v) {
  auto q = db.Prepare("SELECT evidence FROM facts WHERE id = ?");
  if (!q.ok()) return q.status();
  for (std::int64_t id : v->facts) {
    Statement& s = **q;
    s.Reset();
    s.Bind(1, id);
    if (s.Step()) {
      std::string e = s.Text(0);
      if (std::find(v->evidence.begin(), v->evidence.end(), e) == v->evidence.end()) {
        v->evidence.push_back(std::move(e));
      }
    }
    NF_RETURN_IF_ERROR(s.status());
  }
  return Status::Ok();
}

std::vector<std::string> JsonStrings(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

ReportedValue ValueFromJson(const nlohmann::json& j) {
  ReportedValue v;
  v.value = j.value("value", 0.0);
  v.unit = j.value("unit", std::string());
  if (j.contains("qualifier") && j["qualifier"].is_string()) {
    v.qualifier = QualifierFromName(j["qualifier"].get<std::string>());
  }
  if (j.contains("low")) v.low = j["low"].get<double>();
  if (j.contains("high")) v.high = j["high"].get<double>();
  v.period = j.value("period", std::string());
  v.modality = j.value("modality", std::string("actual"));
  v.probability = j.value("probability", 0.0);
  v.origins = j.value("origins", 0);
  if (j.contains("sources")) v.sources = j["sources"].get<std::vector<std::string>>();
  if (j.contains("facts")) v.facts = j["facts"].get<std::vector<std::int64_t>>();
  return v;
}

}  // namespace

Result<std::vector<Claim>> QueryClaims(FactStore& store, const ClaimFilter& filter) {
  auto& db = store.database();
  auto q = db.Prepare(std::string(
      "SELECT id, entity, metric, period, measure, value, IFNULL(unit,''), status, modality, "
      "IFNULL(confidence,0), sources, origins, period_inferred, IFNULL(explanation,'') FROM claims WHERE ") +
      kFilter + " ORDER BY entity, metric, period, measure");
  if (!q.ok()) return q.status();
  Statement& s = **q;
  BindFilter(s, filter);
  std::vector<Claim> out;
  std::vector<std::int64_t> ids;
  while (s.Step()) {
    Claim c;
    ids.push_back(s.Int(0));
    c.entity = s.Text(1);
    c.metric = s.Text(2);
    c.period = s.Text(3);
    c.measure = s.Text(4);
    c.value = s.OptDouble(5);
    c.unit = s.Text(6);
    c.status = s.Text(7);
    c.modality = s.Text(8);
    c.confidence = s.Double(9);
    c.sources = static_cast<int>(s.Int(10));
    c.origins = static_cast<int>(s.Int(11));
    c.period_inferred = s.Int(12) != 0;
    c.explanation = s.Text(13);
    out.push_back(std::move(c));
  }
  NF_RETURN_IF_ERROR(s.status());
  auto v = db.Prepare(
      "SELECT value, IFNULL(unit,''), IFNULL(qualifier,''), low, high, IFNULL(probability,0), "
      "IFNULL(origins,0), sources, facts FROM claim_values WHERE claim_id = ? "
      "ORDER BY probability DESC, rowid");
  if (!v.ok()) return v.status();
  for (std::size_t i = 0; i < out.size(); ++i) {
    Statement& vs = **v;
    vs.Reset();
    vs.Bind(1, ids[i]);
    while (vs.Step()) {
      ReportedValue r;
      r.value = vs.Double(0);
      r.unit = vs.Text(1);
      r.qualifier = QualifierFromName(vs.Text(2));
      r.low = vs.OptDouble(3);
      r.high = vs.OptDouble(4);
      r.probability = vs.Double(5);
      r.origins = static_cast<int>(vs.Int(6));
      r.sources = JsonStrings(vs.Text(7));
      auto ids = nlohmann::json::parse(vs.Text(8), nullptr, false);
      if (ids.is_array()) {
        for (const auto& id : ids) {
          if (id.is_number_integer()) r.facts.push_back(id.get<std::int64_t>());
        }
      }
      r.period = out[i].period;
      r.modality = out[i].modality;
      out[i].values.push_back(std::move(r));
    }
    NF_RETURN_IF_ERROR(vs.status());
  }
  for (Claim& c : out) {
    for (ReportedValue& r : c.values) NF_RETURN_IF_ERROR(FillEvidence(db, &r));
  }
  return out;
}

Result<std::vector<Conflict>> QueryConflicts(FactStore& store, const ClaimFilter& filter) {
  auto q = store.database().Prepare(
      std::string("SELECT entity, metric, period, kind, explanation, detail FROM conflicts WHERE ") +
      kFilter + " ORDER BY entity, metric, period, kind, id");
  if (!q.ok()) return q.status();
  Statement& s = **q;
  BindFilter(s, filter);
  std::vector<Conflict> out;
  while (s.Step()) {
    Conflict c;
    c.entity = s.Text(0);
    c.metric = s.Text(1);
    c.period = s.Text(2);
    c.kind = s.Text(3);
    c.explanation = s.Text(4);
    auto detail = nlohmann::json::parse(s.Text(5), nullptr, false);
    if (detail.is_array()) {
      for (const auto& d : detail) c.values.push_back(ValueFromJson(d));
    }
    out.push_back(std::move(c));
  }
  NF_RETURN_IF_ERROR(s.status());
  for (Conflict& c : out) {
    for (ReportedValue& r : c.values) NF_RETURN_IF_ERROR(FillEvidence(store.database(), &r));
  }
  return out;
}

Result<std::vector<CrossCheck>> QueryChecks(FactStore& store, const ClaimFilter& filter) {
  auto q = store.database().Prepare(
      std::string("SELECT kind, entity, metric, period, consistent, IFNULL(expected,0), "
                  "IFNULL(actual,0), IFNULL(unit,''), explanation FROM checks WHERE ") +
      kFilter + " ORDER BY entity, metric, period, kind, id");
  if (!q.ok()) return q.status();
  Statement& s = **q;
  BindFilter(s, filter);
  std::vector<CrossCheck> out;
  while (s.Step()) {
    CrossCheck c;
    c.kind = s.Text(0);
    c.entity = s.Text(1);
    c.metric = s.Text(2);
    c.period = s.Text(3);
    c.consistent = s.Int(4) != 0;
    c.expected = s.Double(5);
    c.actual = s.Double(6);
    c.unit = s.Text(7);
    c.explanation = s.Text(8);
    out.push_back(std::move(c));
  }
  NF_RETURN_IF_ERROR(s.status());
  return out;
}

}  // namespace newsfacts
