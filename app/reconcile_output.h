// app/reconcile_output.h — JSON and text forms of claims, conflicts and checks.
#ifndef NEWSFACTS_APP_RECONCILE_OUTPUT_H_
#define NEWSFACTS_APP_RECONCILE_OUTPUT_H_

#include <nlohmann/json.hpp>

#include <string>

#include "newsfacts/reconcile.h"

namespace newsfacts::cli {

// `claims --json` object (field names are a stable interface).
nlohmann::json ClaimToJson(const Claim& c);
// `conflicts --json` object.
nlohmann::json ConflictToJson(const Conflict& c);
nlohmann::json CheckToJson(const CrossCheck& c);
nlohmann::json ReportedValueToJson(const ReportedValue& v);

// "50bn CNY", "more than 50bn USD", "123%".
std::string ValueText(double value, const std::string& unit, Qualifier q);

}  // namespace newsfacts::cli

#endif  // NEWSFACTS_APP_RECONCILE_OUTPUT_H_
