// `newsfacts crawl-log [--failed] [--host H] [--url S] [--outcome O] [--since T]`
// — what the crawler fetched, refused and why (table crawl_log; newest first).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "command.h"
#include "newsfacts/crawl_state.h"
#include "newsfacts/fact_store.h"
#include "output.h"

namespace newsfacts::cli {
namespace {

struct CrawlLogFlags {
  FetchLogQuery query;
  bool json = false;
  bool summary = false;
};

int RunCrawlLog(const CrawlLogFlags& flags, const GlobalOptions& global) {
  FactStore::Options o;
  o.read_only = true;
  auto store = FactStore::Open(global.db, o);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  CrawlState state(**store);
  if (flags.summary) {
    auto counts = state.Counts();
    if (!counts.ok()) {
      PrintError(counts.status().ToString());
      return 2;
    }
    if (flags.json) {
      WriteJsonLine(std::cout, {{"queued", counts->queued},
                                {"done", counts->done},
                                {"failed", counts->failed},
                                {"skipped", counts->skipped}});
    } else {
      std::cout << "frontier: " << counts->queued << " queued, " << counts->done << " done, "
                << counts->failed << " failed, " << counts->skipped << " skipped\n";
    }
    return 0;
  }
  auto rows = state.QueryLog(flags.query);
  if (!rows.ok()) {
    PrintError(rows.status().ToString());
    return 2;
  }
  if (flags.json) {
    for (const FetchLogEntry& e : *rows) {
      WriteJsonLine(std::cout, {{"at", e.at},
                                {"url", e.url},
                                {"host", e.host},
                                {"source", e.source},
                                {"kind", e.kind},
                                {"status", e.http_status},
                                {"outcome", e.outcome},
                                {"reason", e.reason},
                                {"bytes", e.bytes},
                                {"ms", e.ms},
                                {"attempt", e.attempt}});
    }
    return 0;
  }
  std::vector<std::vector<std::string>> table;
  for (const FetchLogEntry& e : *rows) {
    table.push_back({e.at, e.http_status ? std::to_string(e.http_status) : "-", e.outcome,
                     e.kind, e.url, e.reason});
  }
  PrintTable(std::cout, {"at", "status", "outcome", "kind", "url", "reason"}, table, 70);
  return 0;
}

}  // namespace

Handler SetupCrawlLogCommand(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<CrawlLogFlags>();
  sub.add_flag("--failed", f->query.failures_only, "only retries, failures and refusals");
  sub.add_option("--host", f->query.host, "only this host (or host:port)");
  sub.add_option("--url", f->query.url_contains, "only URLs containing this text");
  sub.add_option("--outcome", f->query.outcome,
                 "stored|unchanged|not_modified|duplicate|discovered|redirect|retry|failed|skipped");
  sub.add_option("--since", f->query.since, "only entries at or after this ISO 8601 time");
  sub.add_option("--limit", f->query.limit, "at most this many rows (0: all)")->capture_default_str();
  sub.add_flag("--summary", f->summary, "print frontier counts instead");
  sub.add_flag("--json", f->json, "JSON lines");
  return [f, &global] { return RunCrawlLog(*f, global); };
}

}  // namespace newsfacts::cli
