// `newsfacts claims` — one line per (entity, metric, period): the best-supported
// value, its status, how many sources and independent origins back it.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "reconcile_output.h"
#include "newsfacts/reconcile.h"

namespace newsfacts::cli {
namespace {

struct ClaimsFlags {
  ClaimFilter filter;
  bool json = false;
  bool csv = false;
};

int RunClaims(const ClaimsFlags& flags, const GlobalOptions& global) {
  FactStore::Options options;
  options.read_only = true;
  auto store = FactStore::Open(global.db, options);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  auto claims = QueryClaims(**store, flags.filter);
  if (!claims.ok()) {
    PrintError(claims.status().ToString());
    return 2;
  }
  if (flags.json) {
    for (const Claim& c : *claims) WriteJsonLine(std::cout, ClaimToJson(c));
    return 0;
  }
  if (flags.csv) {
    std::cout << "entity,metric,period,measure,value,unit,status,modality,confidence,sources,origins,"
                 "period_inferred,explanation\n";
    for (const Claim& c : *claims) {
      std::cout << CsvField(c.entity) << ',' << CsvField(c.metric) << ',' << CsvField(c.period) << ','
                << c.measure << ',' << (c.value ? NumberJson(c.value).dump() : "") << ','
                << CsvField(c.unit) << ',' << c.status << ',' << c.modality << ',' << c.confidence
                << ',' << c.sources << ',' << c.origins << ',' << (c.period_inferred ? 1 : 0) << ','
                << CsvField(c.explanation) << '\n';
    }
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const Claim& c : *claims) {
    std::string value;
    if (c.value) {
      Qualifier q = c.values.empty() ? Qualifier::kNone : c.values[0].qualifier;
      value = ValueText(*c.value, c.unit, q);
      if (c.measure == "change") value = (*c.value >= 0 ? "+" : "") + value;
    }
    std::string others;
    for (std::size_t i = 1; i < c.values.size(); ++i) {
      others += (others.empty() ? "" : "; ") + ValueText(c.values[i].value, c.values[i].unit, c.values[i].qualifier);
    }
    char conf[16];
    std::snprintf(conf, sizeof conf, "%.2f", c.confidence);
    rows.push_back({c.entity, c.metric, c.period.empty() ? "?" : c.period + (c.period_inferred ? "*" : ""),
                    value, c.status + (c.modality == "actual" ? "" : " (" + c.modality + ")"), conf,
                    std::to_string(c.sources), std::to_string(c.origins), others});
  }
  PrintTable(std::cout, {"entity", "metric", "period", "value", "status", "conf", "sources", "origins", "other values"},
             rows, 48);
  std::cout << claims->size() << " claim(s); * = period inferred for undated articles\n";
  return 0;
}

}  // namespace

Handler SetupClaimsCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<ClaimsFlags>();
  sub.add_option("--entity", flags->filter.entity, "entity (case-insensitive)");
  sub.add_option("--metric", flags->filter.metric, "metric");
  sub.add_option("--period", flags->filter.period, "period; 2024 also matches 2024-H1...");
  auto* json = sub.add_flag("--json", flags->json, "one JSON object per line");
  sub.add_flag("--csv", flags->csv, "CSV with a header line")->excludes(json);
  return [flags, &global] { return RunClaims(*flags, global); };
}

}  // namespace newsfacts::cli
