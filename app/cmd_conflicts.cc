// `newsfacts conflicts` — claims whose sources disagree, and failed cross-checks,
// each with a one-sentence explanation. `--checks` lists every cross-check.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "reconcile_output.h"
#include "newsfacts/reconcile.h"

namespace newsfacts::cli {
namespace {

struct ConflictsFlags {
  ClaimFilter filter;
  std::vector<std::string> kinds;
  bool json = false;
  bool csv = false;
  bool checks = false;
};

int RunConflicts(const ConflictsFlags& flags, const GlobalOptions& global) {
  FactStore::Options options;
  options.read_only = true;
  auto store = FactStore::Open(global.db, options);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  if (flags.checks) {
    auto checks = QueryChecks(**store, flags.filter);
    if (!checks.ok()) {
      PrintError(checks.status().ToString());
      return 2;
    }
    if (flags.json) {
      for (const CrossCheck& c : *checks) WriteJsonLine(std::cout, CheckToJson(c));
      return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const CrossCheck& c : *checks) {
      rows.push_back({c.kind, c.consistent ? "ok" : "FAILED", c.explanation});
    }
    PrintTable(std::cout, {"check", "result", "explanation"}, rows, 160);
    return 0;
  }
  auto conflicts = QueryConflicts(**store, flags.filter);
  if (!conflicts.ok()) {
    PrintError(conflicts.status().ToString());
    return 2;
  }
  std::vector<Conflict> shown;
  for (Conflict& c : *conflicts) {
    if (flags.kinds.empty() ||
        std::find(flags.kinds.begin(), flags.kinds.end(), c.kind) != flags.kinds.end()) {
      shown.push_back(std::move(c));
    }
  }
  if (flags.json) {
    for (const Conflict& c : shown) WriteJsonLine(std::cout, ConflictToJson(c));
    return 0;
  }
  if (flags.csv) {
    std::cout << "entity,metric,period,kind,values,explanation\n";
    for (const Conflict& c : shown) {
      std::string values;
      for (const ReportedValue& v : c.values) {
        values += (values.empty() ? "" : "; ") + ValueText(v.value, v.unit, v.qualifier);
      }
      std::cout << CsvField(c.entity) << ',' << CsvField(c.metric) << ',' << CsvField(c.period) << ','
                << c.kind << ',' << CsvField(values) << ',' << CsvField(c.explanation) << '\n';
    }
    return 0;
  }
  for (const Conflict& c : shown) {
    std::cout << "[" << c.kind << "] " << c.entity << " / " << c.metric
              << (c.period.empty() ? "" : " / " + c.period) << "\n  " << c.explanation << "\n";
    for (const ReportedValue& v : c.values) {
      std::cout << "    " << ValueText(v.value, v.unit, v.qualifier)
                << (v.period.empty() ? "" : " (" + v.period + ")")
                << (v.modality == "actual" ? "" : " [" + v.modality + "]");
      if (!v.sources.empty()) {
        std::cout << " — " << v.sources.size() << (v.sources.size() == 1 ? " source, " : " sources, ")
                  << v.origins << (v.origins == 1 ? " origin" : " origins");
      }
      std::cout << "\n";
      for (std::size_t i = 0; i < v.evidence.size() && i < 2; ++i) {
        std::cout << "      \u201c" << v.evidence[i] << "\u201d\n";
      }
    }
  }
  std::cout << shown.size() << " finding(s)\n";
  return 0;
}

}  // namespace

Handler SetupConflictsCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<ConflictsFlags>();
  sub.add_option("--entity", flags->filter.entity, "entity (case-insensitive)");
  sub.add_option("--metric", flags->filter.metric, "metric");
  sub.add_option("--period", flags->filter.period, "period");
  sub.add_option("--kind", flags->kinds, "only these kinds: minor conflict period modality arithmetic");
  sub.add_flag("--checks", flags->checks, "list every cross-check (sum, change, fx), passed or failed");
  auto* json = sub.add_flag("--json", flags->json, "one JSON object per line");
  sub.add_flag("--csv", flags->csv, "CSV with a header line")->excludes(json);
  return [flags, &global] { return RunConflicts(*flags, global); };
}

}  // namespace newsfacts::cli
