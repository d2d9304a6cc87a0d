// `newsfacts reconcile` — truth discovery over conflicting claims.
//
//   newsfacts reconcile --claims claims.tsv [--out pred.tsv]
//
// Claims mode reads source<TAB>item<TAB>value rows and writes
// item<TAB>value<TAB>confidence for every item. The engine flags (method,
// priors, copy detection, similarity) are shared by every mode; a mode is a
// Run*Mode function that builds a TruthProblem, runs DiscoverTruth and
// writes its own output.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "command.h"
#include "output.h"
#include "newsfacts/fact_store.h"
#include "newsfacts/lexicon.h"
#include "newsfacts/reconcile.h"
#include "newsfacts/truth.h"

namespace newsfacts::cli {
namespace {

struct ReconcileFlags {
  // Engine, all modes.
  std::string method = "accucopy";
  TruthOptions truth;
  std::string sources_out;  // per-source accuracy TSV
  std::string pairs_out;    // dependent source pairs TSV
  // Claims mode.
  std::string claims;
  std::string out;
  bool untyped = false;
  ClaimsTsvOptions values;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Engine options from the flags, with progress lines on stderr once a run
// has taken more than two seconds.
Result<TruthOptions> EngineOptions(const ReconcileFlags& flags, const GlobalOptions& global) {
  Result<TruthMethod> method = TruthMethodFromName(flags.method);
  if (!method.ok()) return method.status();
  TruthOptions options = flags.truth;
  options.method = *method;
  if (!global.quiet) {
    // At most one line a second, once the run has taken two.
    options.progress = [last = 0.0](const TruthProgress& p) mutable {
      if (p.seconds < 2 || p.seconds - last < 1) return;
      last = p.seconds;
      std::fprintf(stderr,
                   "newsfacts: reconcile: round %d, max accuracy change %.5f, %zu dependent "
                   "source pairs (%.1f s)\n",
                   p.iteration, p.max_change, p.dependent_pairs, p.seconds);
    };
  }
  return options;
}

Status WriteSourceReport(const std::string& path, const TruthProblem& problem,
                         const TruthResult& result) {
  std::ofstream out(path);
  if (!out) return Status::IoError("cannot write " + path);
  std::vector<std::uint32_t> claims(problem.source_count(), 0);
  for (const auto& c : problem.claims()) ++claims[c.source];
  out << "source\taccuracy\tclaims\n";
  for (SourceId s = 0; s < problem.source_count(); ++s) {
    out << problem.source_name(s) << '\t' << result.source_accuracy[s] << '\t' << claims[s] << '\n';
  }
  out.flush();
  return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

Status WritePairReport(const std::string& path, const TruthProblem& problem,
                       const TruthResult& result) {
  std::ofstream out(path);
  if (!out) return Status::IoError("cannot write " + path);
  out << "source_a\tsource_b\tdependence\tshared_items\tsame_values\n";
  for (const SourceDependence& d : result.dependences) {
    out << problem.source_name(d.a) << '\t' << problem.source_name(d.b) << '\t' << d.probability
        << '\t' << d.shared_items << '\t' << d.same_values << '\n';
  }
  out.flush();
  return out ? Status::Ok() : Status::IoError("cannot write " + path);
}

// Runs the engine and the optional source/pair reports shared by all modes.
Result<TruthResult> Reconcile(const TruthProblem& problem, const ReconcileFlags& flags,
                              const GlobalOptions& global) {
  Result<TruthOptions> options = EngineOptions(flags, global);
  if (!options.ok()) return options.status();
  Result<TruthResult> result = DiscoverTruth(problem, *options);
  if (!result.ok()) return result;
  if (!flags.sources_out.empty()) {
    NF_RETURN_IF_ERROR(WriteSourceReport(flags.sources_out, problem, *result));
  }
  if (!flags.pairs_out.empty()) {
    NF_RETURN_IF_ERROR(WritePairReport(flags.pairs_out, problem, *result));
  }
  if (!global.quiet) {
    std::fprintf(stderr,
                 "newsfacts: reconcile: %zu claims, %zu sources, %zu items; %s: %d round(s)%s, "
                 "%zu dependent source pairs, %.2f s\n",
                 problem.claim_count(), problem.source_count(), problem.item_count(),
                 flags.method.c_str(), result->iterations, result->converged ? " (converged)" : "",
                 result->dependences.size(), result->seconds);
  }
  return result;
}

int RunClaimsMode(const ReconcileFlags& flags, const GlobalOptions& global) {
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(flags.claims, std::ios::binary);
  if (!in) {
    PrintError("cannot open " + flags.claims);
    return 2;
  }
  ClaimsTsvOptions values = flags.values;
  values.typed_values = !flags.untyped;
  ForEachTsvRow(LoadLexicon("null_values.tsv"),
                [&](const std::vector<std::string_view>& cols, int) {
                  if (!cols.empty()) values.null_values.emplace_back(cols[0]);
                });
  Result<ClaimsTable> table = ReadClaimsTsv(in, flags.claims, values);
  if (!table.ok()) {
    PrintError(table.status().ToString());
    return 2;
  }
  if (!global.quiet && Seconds(start) > 2) {
    std::fprintf(stderr, "newsfacts: reconcile: read %zu rows (%.1f s)\n", table->rows,
                 Seconds(start));
  }
  Result<TruthResult> result = Reconcile(table->problem, flags, global);
  if (!result.ok()) {
    PrintError(result.status().ToString());
    return 2;
  }
  Status written;
  if (flags.out.empty()) {
    written = WriteTruthTsv(std::cout, *table, *result);
  } else {
    std::ofstream out(flags.out, std::ios::binary);
    written =
        out ? WriteTruthTsv(out, *table, *result) : Status::IoError("cannot write " + flags.out);
  }
  if (!written.ok()) {
    PrintError(written.ToString());
    return 2;
  }
  return 0;
}

// Database mode: rebuild claims, conflicts and checks from the stored facts.
int RunDatabaseMode(const ReconcileFlags& flags, const GlobalOptions& global, bool json) {
  Result<TruthMethod> method = TruthMethodFromName(flags.method);
  if (!method.ok()) {
    PrintError(method.status().ToString());
    return 2;
  }
  auto store = FactStore::Open(global.db);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  ReconcileOptions options;
  options.method = *method;
  if (!global.quiet && StderrIsTerminal()) {
    options.progress = [](std::string_view m) {
      std::fprintf(stderr, "newsfacts: %.*s\n", static_cast<int>(m.size()), m.data());
    };
  }
  auto stats = Reconcile(**store, options);
  if (!stats.ok()) {
    PrintError(stats.status().ToString());
    return 2;
  }
  if (json) {
    std::printf("{\"facts\":%d,\"articles\":%d,\"origins\":%d,\"claims\":%d,\"findings\":%d,"
                "\"checks\":%d,\"failed_checks\":%d,\"seconds\":%.3f}\n",
                stats->facts, stats->articles, stats->origins, stats->claims, stats->conflicts,
                stats->checks, stats->failed_checks, stats->seconds);
  } else {
    std::printf("reconciled %d facts from %d articles (%d independent origins): %d claims, %d "
                "findings, %d of %d cross-checks failed (%.2f s)\n",
                stats->facts, stats->articles, stats->origins, stats->claims, stats->conflicts,
                stats->failed_checks, stats->checks, stats->seconds);
  }
  return 0;
}

}  // namespace

Handler SetupReconcileCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<ReconcileFlags>();
  TruthOptions& t = flags->truth;
  sub.add_option("--claims", flags->claims,
                 "claims mode: TSV source<TAB>item<TAB>value (header line) to reconcile; "
                 "without it, the stored facts of --db are reconciled");
  auto json = std::make_shared<bool>(false);
  sub.add_flag("--json", *json, "database mode: print the summary as JSON");
  sub.add_option("--out", flags->out,
                 "claims mode: write item/value/confidence TSV here "
                 "(default stdout)");
  sub.add_option("--method", flags->method, "vote | accu | accucopy")->capture_default_str();
  sub.add_flag("--untyped", flags->untyped,
               "claims mode: compare values as text only (no numbers or clock times)");
  sub.add_option("--time-tolerance", flags->values.time_tolerance_min,
                 "claims mode: minutes over which two clock times stop supporting each other "
                 "(0: off)")
      ->capture_default_str();
  sub.add_option("--numeric-tolerance", flags->values.numeric_tolerance,
                 "claims mode: relative difference over which two numbers stop supporting each "
                 "other (0: off)")
      ->capture_default_str();
  sub.add_option("--prior-accuracy", t.prior_accuracy,
                 "prior source accuracy (0: data-driven, the mean accuracy of the sources)")
      ->capture_default_str();
  sub.add_option("--prior-strength", t.prior_strength, "pseudo claims at the prior per source")
      ->capture_default_str();
  sub.add_option("--false-values", t.false_values,
                 "false values per item, n (0: observed values - 1, at least 1)")
      ->capture_default_str();
  sub.add_option("--similarity-weight", t.similarity_weight,
                 "weight of support from similar values (0: off)")
      ->capture_default_str();
  sub.add_option("--copy-prior", t.copy_prior, "prior probability that two sources copy")
      ->capture_default_str();
  sub.add_option("--copy-rate", t.copy_rate, "probability that a copier copies a value")
      ->capture_default_str();
  sub.add_option("--max-iterations", t.max_iterations, "at most this many rounds")
      ->capture_default_str();
  sub.add_option("--sources-out", flags->sources_out, "write source<TAB>accuracy<TAB>claims here");
  sub.add_option("--pairs-out", flags->pairs_out,
                 "write dependent source pairs (dependence >= 0.5) here");
  return [flags, json, &global]() -> int {
    if (!flags->claims.empty()) return RunClaimsMode(*flags, global);
    return RunDatabaseMode(*flags, global, *json);
  };
}

}  // namespace newsfacts::cli
