#include "reconcile_output.h"

#include <cmath>

#include "output.h"

namespace newsfacts::cli {

std::string ValueText(double value, const std::string& unit, Qualifier q) {
  std::string out = HumanNumber(value);
  if (unit == "%") {
    out += "%";
  } else if (!unit.empty() && unit != "units") {
    out += " " + unit;
  }
  switch (q) {
    case Qualifier::kOver: return ">" + out;
    case Qualifier::kUnder: return "<" + out;
    case Qualifier::kAbout: return "~" + out;
    case Qualifier::kNone: return out;
  }
  return out;
}

nlohmann::json ReportedValueToJson(const ReportedValue& v) {
  nlohmann::json j;
  j["value"] = NumberJson(v.value);
  j["unit"] = v.unit;
  std::string_view q = QualifierName(v.qualifier);
  j["qualifier"] = q.empty() ? nlohmann::json(nullptr) : nlohmann::json(q);
  if (v.low) j["low"] = NumberJson(v.low);
  if (v.high) j["high"] = NumberJson(v.high);
  if (!v.period.empty()) j["period"] = v.period;
  j["modality"] = v.modality;
  j["probability"] = std::round(v.probability * 1000) / 1000;
  j["origins"] = v.origins;
  j["sources"] = v.sources;
  j["evidence"] = v.evidence;
  return j;
}

nlohmann::json ClaimToJson(const Claim& c) {
  nlohmann::json j;
  j["entity"] = c.entity;
  j["metric"] = c.metric;
  j["period"] = c.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.period);
  j["measure"] = c.measure;
  j["value"] = NumberJson(c.value);
  j["unit"] = c.unit;
  j["status"] = c.status;
  j["modality"] = c.modality;
  j["confidence"] = std::round(c.confidence * 1000) / 1000;
  j["sources"] = c.sources;
  j["origins"] = c.origins;
  j["period_inferred"] = c.period_inferred;
  if (!c.explanation.empty()) j["explanation"] = c.explanation;
  nlohmann::json values = nlohmann::json::array();
  for (const ReportedValue& v : c.values) values.push_back(ReportedValueToJson(v));
  j["values"] = values;
  return j;
}

nlohmann::json ConflictToJson(const Conflict& c) {
  nlohmann::json j;
  j["entity"] = c.entity;
  j["metric"] = c.metric;
  j["period"] = c.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.period);
  j["kind"] = c.kind;
  nlohmann::json values = nlohmann::json::array();
  for (const ReportedValue& v : c.values) values.push_back(ReportedValueToJson(v));
  j["values"] = values;
  j["explanation"] = c.explanation;
  return j;
}

nlohmann::json CheckToJson(const CrossCheck& c) {
  return {{"kind", c.kind},
          {"entity", c.entity},
          {"metric", c.metric},
          {"period", c.period.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.period)},
          {"consistent", c.consistent},
          {"expected", c.expected},
          {"actual", c.actual},
          {"unit", c.unit},
          {"explanation", c.explanation}};
}

}  // namespace newsfacts::cli
