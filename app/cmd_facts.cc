// `newsfacts facts` — list stored facts as a table, JSON lines or CSV.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.h"
#include "output.h"
#include "newsfacts/fact_store.h"

namespace newsfacts::cli {
namespace {

struct FactsFlags {
  FactQuery query;
  bool json = false;
  bool csv = false;
};

std::string ShortSource(const std::string& url) {
  auto slash = url.find_last_of('/');
  if (url.rfind("file://", 0) == 0 && slash != std::string::npos) return url.substr(slash + 1);
  auto scheme = url.find("://");
  return scheme == std::string::npos ? url : url.substr(scheme + 3);
}

int RunFacts(const FactsFlags& flags, const GlobalOptions& global) {
  FactStore::Options options;
  options.read_only = true;
  auto store = FactStore::Open(global.db, options);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  auto facts = (*store)->Facts(flags.query);
  if (!facts.ok()) {
    PrintError(facts.status().ToString());
    return 2;
  }
  if (flags.json) {
    for (const StoredFact& s : *facts) WriteJsonLine(std::cout, FactToJson(s.fact));
    return 0;
  }
  if (flags.csv) {
    std::cout << "entity,metric,period,value,unit,change_pct,qualifier,low,high,modality,"
                 "confidence,source,published,evidence\n";
    for (const StoredFact& s : *facts) {
      const Fact& f = s.fact;
      auto num = [](std::optional<double> v) { return v ? NumberJson(v).dump() : std::string(); };
      std::cout << CsvField(f.entity) << ',' << CsvField(f.metric) << ',' << CsvField(f.period)
                << ',' << num(f.value) << ',' << CsvField(f.unit) << ',' << num(f.change_pct)
                << ',' << QualifierName(f.qualifier) << ',' << num(f.low) << ',' << num(f.high)
                << ',' << ModalityName(f.modality) << ',' << f.confidence << ','
                << CsvField(f.source) << ',' << CsvField(f.published) << ','
                << CsvField(f.evidence) << '\n';
    }
    return 0;
  }
  std::vector<std::vector<std::string>> rows;
  for (const StoredFact& s : *facts) {
    const Fact& f = s.fact;
    std::string value = f.value ? HumanNumber(*f.value) : "";
    if (f.low && f.high) value = HumanNumber(*f.low) + "-" + HumanNumber(*f.high);
    std::string q(QualifierName(f.qualifier));
    if (!q.empty() && !value.empty()) value = (q == "over" ? ">" : q == "under" ? "<" : "~") + value;
    std::string change = f.change_pct ? NumberJson(f.change_pct).dump() + "%" : "";
    rows.push_back({f.entity, f.metric, f.period.empty() ? "?" : f.period, value, f.unit, change,
                    std::string(ModalityName(f.modality)), ShortSource(f.source), f.evidence});
  }
  PrintTable(std::cout,
             {"entity", "metric", "period", "value", "unit", "change", "modality", "source",
              "evidence"},
             rows, 64);
  std::cout << facts->size() << " fact(s)\n";
  return 0;
}

}  // namespace

Handler SetupFactsCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<FactsFlags>();
  sub.add_option("--entity", flags->query.entity, "entity (canonical name, case-insensitive)");
  sub.add_option("--metric", flags->query.metric, "metric (capex, revenue, ...)");
  sub.add_option("--period", flags->query.period, "period; 2024 also matches 2024-H1, 2024-Q2...");
  sub.add_option("--source", flags->query.source, "only facts whose source URL contains this");
  sub.add_option("--limit", flags->query.limit, "at most this many facts");
  auto* json = sub.add_flag("--json", flags->json, "one JSON object per line");
  sub.add_flag("--csv", flags->csv, "CSV with a header line")->excludes(json);
  return [flags, &global] { return RunFacts(*flags, global); };
}

}  // namespace newsfacts::cli
