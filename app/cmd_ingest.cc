// `newsfacts ingest FILE|DIR...` — extract and store articles from local files.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>
#include <set>

#include "command.h"
#include "output.h"
#include "newsfacts/fact_store.h"
#include "newsfacts/ingestor.h"
#include "newsfacts/reconcile.h"
#include "newsfacts/warc_ingest.h"

namespace newsfacts::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> paths;
  bool json = false;
  bool keep_non_articles = false;
  bool no_reconcile = false;
  std::uint64_t max_bytes = 16ull << 20;
  int batch = 200;
};

struct Tally {
  int files = 0, inserted = 0, replaced = 0, unchanged = 0, duplicates = 0, not_articles = 0,
      failed = 0, facts = 0, figures = 0;
};

int RunIngest(const IngestFlags& flags, const GlobalOptions& global) {
  auto inputs = ListInputs(flags.paths);
  if (!inputs.ok()) {
    PrintError(inputs.status().message());
    return 2;
  }
  auto store = FactStore::Open(global.db);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  IngestOptions options;
  options.keep_non_articles = flags.keep_non_articles;
  Ingestor ingestor(**store, options);
  Tally t;
  const bool progress = !global.quiet && StderrIsTerminal();
  const auto start = std::chrono::steady_clock::now();
  int in_batch = 0;
  auto commit = [&]() -> bool {
    if (in_batch == 0) return true;
    Status s = (*store)->Commit();
    in_batch = 0;
    if (!s.ok()) {
      PrintError(s.ToString());
      return false;
    }
    return true;
  };
  for (std::size_t i = 0; i < inputs->size(); ++i) {
    const std::string& path = (*inputs)[i];
    ++t.files;
    if (progress) {
      std::cerr << "\r\033[K[" << (i + 1) << "/" << inputs->size() << "] " << path << std::flush;
    }
    if (path.ends_with(".warc") || path.ends_with(".warc.gz")) {  // pages inside a WARC file
      if (!commit()) return 2;
      WarcIngestOptions wo;
      wo.ingest = options;
      wo.max_body_bytes = flags.max_bytes;
      auto w = IngestWarcFile(**store, path, wo);
      if (progress) std::cerr << "\r\033[K";
      if (!w.ok()) {
        ++t.failed;
        PrintError(path + ": " + w.status().ToString());
        continue;
      }
      for (const std::string& p : w->problems) PrintError(p);
      t.inserted += w->inserted, t.replaced += w->replaced, t.unchanged += w->unchanged;
      t.duplicates += w->duplicates, t.not_articles += w->not_articles;
      t.failed += w->extraction_errors + w->bad_records;
      t.facts += w->facts, t.figures += w->figures;
      continue;
    }
    auto raw = ReadInput(path, flags.max_bytes);
    if (!raw.ok()) {
      ++t.failed;
      if (progress) std::cerr << "\r\033[K";
      PrintError(path + ": " + raw.status().message());
      continue;
    }
    if (raw->truncated && !global.quiet) {
      if (progress) std::cerr << "\r\033[K";
      std::cerr << "newsfacts: " << path << ": larger than " << flags.max_bytes
                << " bytes; only the first part was read\n";
    }
    if (in_batch == 0) {
      Status s = (*store)->Begin();
      if (!s.ok()) {
        PrintError(s.ToString());
        return 2;
      }
    }
    ++in_batch;
    auto outcome = ingestor.Ingest(*raw);
    if (!outcome.ok()) {
      ++t.failed;
      if (progress) std::cerr << "\r\033[K";
      PrintError(path + ": " + outcome.status().ToString());
      continue;
    }
    switch (outcome->put.outcome) {
      case PutOutcome::kInserted: ++t.inserted; break;
      case PutOutcome::kReplaced: ++t.replaced; break;
      case PutOutcome::kUnchanged: ++t.unchanged; break;
      case PutOutcome::kDuplicate: ++t.duplicates; break;
    }
    if (outcome->status == "error") {
      ++t.failed;
      if (progress) std::cerr << "\r\033[K";
      PrintError(path + ": " + outcome->error);
    } else if (outcome->status == "not_article") {
      ++t.not_articles;
    }
    t.facts += outcome->facts;
    t.figures += outcome->figures;
    if (in_batch >= flags.batch && !commit()) return 2;
  }
  if (!commit()) return 2;
  if (progress) std::cerr << "\r\033[K";
  // Reconcile the claims whose facts changed: pending_claims, written with
  // the facts, so this also finishes what an interrupted run left.
  ReconcileStats rs;
  if (!flags.no_reconcile) {
    ReconcileOptions ro;
    if (progress) ro.progress = [](std::string_view m) { std::cerr << "\r\033[K" << m << std::flush; };
    auto r = ReconcilePending(**store, ro);
    if (progress) std::cerr << "\r\033[K";
    if (!r.ok()) {
      PrintError("reconcile: " + r.status().ToString());
      return 2;
    }
    rs = *r;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (flags.json) {
    nlohmann::json j = {{"files", t.files},         {"inserted", t.inserted},
                        {"replaced", t.replaced},   {"unchanged", t.unchanged},
                        {"duplicates", t.duplicates}, {"not_articles", t.not_articles},
                        {"failed", t.failed},       {"figures", t.figures},
                        {"facts", t.facts},         {"seconds", secs},
                        {"claims", rs.claims},      {"conflicts", rs.conflicts},
                        {"db", global.db}};
    WriteJsonLine(std::cout, j);
  } else {
    std::cout << "ingested " << t.files << " file(s) into " << global.db << ": " << t.inserted
              << " new, " << t.replaced << " updated, " << t.unchanged << " unchanged, "
              << t.duplicates << " duplicate(s), " << t.not_articles << " not article(s), "
              << t.failed << " failed; " << t.figures << " figures, " << t.facts << " facts";
    if (rs.claims > 0) {
      std::cout << "; reconciled " << rs.claims << " claim(s), " << rs.conflicts << " finding(s)";
    }
    std::cout << "\n";
  }
  return t.failed > 0 ? 1 : 0;
}

}  // namespace

Handler SetupIngestCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<IngestFlags>();
  sub.add_option("paths", flags->paths, ".html/.htm/.txt files or directories (recursive)")
      ->required();
  sub.add_flag("--json", flags->json, "print the summary as one JSON object");
  sub.add_flag("--keep-non-articles", flags->keep_non_articles,
               "also extract facts from index/listing pages");
  sub.add_flag("--no-reconcile", flags->no_reconcile,
               "do not update claims and conflicts afterwards (they stay pending for the next run or reconcile)");
  sub.add_option("--max-bytes", flags->max_bytes, "read at most this many bytes per file")
      ->capture_default_str();
  return [flags, &global] { return RunIngest(*flags, global); };
}

}  // namespace newsfacts::cli
