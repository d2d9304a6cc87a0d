// tests/fact_matching.h — compare extracted facts with expected ones written
// as JSON objects (the corpus/expected/*.facts.jsonl format).
//
// An expected fact matches an extracted one when entity, metric and period
// are equal and every numeric field the expectation gives (value, change_pct,
// low, high) agrees within 1e-6 relative; unit, qualifier and modality are
// compared when the expectation names them (modality "actual" is the default).
#ifndef NEWSFACTS_TESTS_FACT_MATCHING_H_
#define NEWSFACTS_TESTS_FACT_MATCHING_H_

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/facts.h"

namespace newsfacts::testing {

inline bool NearlyEqual(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
}

inline bool OptMatches(const nlohmann::json& e, const char* key, const std::optional<double>& got) {
  if (!e.contains(key)) return true;
  const auto& v = e[key];
  if (v.is_null()) return !got.has_value();
  return got.has_value() && NearlyEqual(v.get<double>(), *got);
}

inline bool FactMatches(const nlohmann::json& e, const Fact& f) {
  if (e.value("entity", "") != f.entity) return false;
  if (e.value("metric", "") != f.metric) return false;
  std::string period = e.contains("period") && e["period"].is_string() ? e["period"].get<std::string>() : "";
  if (period != f.period) return false;
  if (!OptMatches(e, "value", f.value) || !OptMatches(e, "change_pct", f.change_pct) ||
      !OptMatches(e, "low", f.low) || !OptMatches(e, "high", f.high)) {
    return false;
  }
  if (e.contains("unit") && e["unit"].is_string() && !e["unit"].get<std::string>().empty() &&
      e["unit"].get<std::string>() != f.unit) {
    return false;
  }
  if (e.contains("qualifier")) {
    std::string q = e["qualifier"].is_string() ? e["qualifier"].get<std::string>() : "";
    if (q != QualifierName(f.qualifier)) return false;
  }
  std::string modality = e.contains("modality") && e["modality"].is_string()
                             ? e["modality"].get<std::string>()
                             : "actual";
  if (modality != ModalityName(f.modality)) return false;
  if (e.contains("period_hint") && e["period_hint"].get<std::string>() != f.period_hint) return false;
  if (e.contains("alt")) {
    for (const auto& a : e["alt"]) {
      bool found = false;
      for (const AltValue& got : f.alt) {
        if (got.unit == a.value("unit", "") && NearlyEqual(got.value, a.value("value", 0.0))) found = true;
      }
      if (!found) return false;
    }
  }
  return true;
}

inline std::vector<nlohmann::json> ReadJsonLines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

inline std::string Describe(const Fact& f) {
  std::ostringstream out;
  out << f.entity << " | " << f.metric << " | " << (f.period.empty() ? "?" + f.period_hint : f.period)
      << " | value=" << (f.value ? std::to_string(*f.value) : "null") << " " << f.unit
      << " | change=" << (f.change_pct ? std::to_string(*f.change_pct) : "null") << " | "
      << QualifierName(f.qualifier) << " | " << ModalityName(f.modality) << "\n    " << f.evidence;
  return out.str();
}

// Matching of one article: which expectations were found, which facts unexpected.
struct MatchReport {
  int expected = 0;
  int found = 0;
  int extracted = 0;
  int correct = 0;  // extracted facts that match some expectation (or an allowed extra)
  std::vector<std::string> missing;
  std::vector<std::string> spurious;
};

inline MatchReport MatchFacts(const std::vector<nlohmann::json>& expected,
                              const std::vector<nlohmann::json>& allowed_extra,
                              const std::vector<Fact>& got) {
  MatchReport r;
  r.expected = static_cast<int>(expected.size());
  r.extracted = static_cast<int>(got.size());
  std::vector<bool> used(got.size(), false);
  for (const auto& e : expected) {
    bool hit = false;
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (FactMatches(e, got[i])) {
        hit = true;
        used[i] = true;
      }
    }
    if (hit) {
      ++r.found;
    } else {
      r.missing.push_back(e.dump());
    }
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (!used[i]) {
      for (const auto& e : allowed_extra) {
        if (FactMatches(e, got[i])) used[i] = true;
      }
    }
    if (used[i]) {
      ++r.correct;
    } else {
      r.spurious.push_back(Describe(got[i]));
    }
  }
  return r;
}

}  // namespace newsfacts::testing

#endif  // NEWSFACTS_TESTS_FACT_MATCHING_H_
