// `newsfacts crawl --config sources.toml [--watch]` / `crawl --seed URL ...` —
// fetch what is due, extract and store it (see newsfacts/crawler.h).
#include <CLI/CLI.hpp>

#include <csignal>
#include <iomanip>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "command.h"
#include "newsfacts/crawler.h"
#include "newsfacts/fact_store.h"
#include "newsfacts/reconcile.h"
#include "output.h"

namespace newsfacts::cli {
namespace {

struct CrawlFlags {
  std::string config;
  std::vector<std::string> seeds;
  std::int64_t max_pages = 0;
  int max_depth = -2;  // -2: not given
  bool same_host = false;
  bool watch = false;
  bool force = false;
  bool json = false;
  bool no_warc = false;
  bool archive_only = false;
  bool no_reconcile = false;
  std::string warc_dir;
  std::string user_agent;
  double delay = -1;
  int concurrency = 0;
  std::vector<std::string> resolve;
  std::vector<std::string> allow_internal;
  bool allow_file = false;
  bool insecure = false;
  double timeout = 0;
  std::uint64_t max_bytes = 0;
  int workers = 0;
  std::string seed_interval;
};

Crawler* g_crawler = nullptr;

extern "C" void OnStopSignal(int) {
  if (g_crawler != nullptr) g_crawler->Stop();
}

std::string ProgressLine(const CrawlStats& s, double seconds) {
  std::ostringstream out;
  out << "fetched " << s.fetched << ", stored " << s.stored << ", queued " << s.queued
      << ", in flight " << s.in_flight << ", errors " << s.failed << ", retries " << s.retries;
  if (seconds > 0) out << ", " << std::fixed << std::setprecision(1) << s.fetched / seconds << " pages/s";
  return out.str();
}

nlohmann::json StatsJson(const CrawlStats& s, const std::string& db) {
  return {{"fetched", s.fetched},         {"stored", s.stored},
          {"unchanged", s.unchanged},     {"not_modified", s.not_modified},
          {"duplicates", s.duplicates},   {"not_articles", s.not_articles},
          {"facts", s.facts},             {"discovered", s.discovered},
          {"feeds", s.feeds},             {"redirects", s.redirects},
          {"archived", s.archived},
          {"retries", s.retries},         {"failed", s.failed},
          {"skipped", s.skipped},         {"robots_fetched", s.robots_fetched},
          {"bytes", s.bytes},             {"queued", s.queued},
          {"seconds", s.seconds},         {"pages_per_second", s.seconds > 0 ? s.fetched / s.seconds : 0.0},
          {"stopped", s.stopped},         {"sources_due", s.sources_due},
          {"db", db}};
}

int RunCrawl(const CrawlFlags& flags, const GlobalOptions& global) {
  if (flags.config.empty() && flags.seeds.empty()) {
    PrintError("crawl: give --config FILE or at least one --seed URL");
    return 2;
  }
  CrawlOptions options;
  CrawlConfig config;
  if (!flags.config.empty()) {
    auto c = LoadCrawlConfig(flags.config, &options);
    if (!c.ok()) {
      PrintError(c.status().message());
      return 2;
    }
    config = std::move(*c);
  }
  options.seeds = flags.seeds;
  if (!flags.seed_interval.empty()) {
    auto d = ParseDuration(flags.seed_interval);
    if (!d.ok()) {
      PrintError("--seed-interval: " + d.status().message());
      return 2;
    }
    options.seed_interval_s = *d;
  }
  options.max_pages = flags.max_pages;
  if (flags.max_depth != -2) options.max_depth = flags.max_depth;
  options.same_host = flags.same_host;
  options.watch = flags.watch;
  options.force = flags.force;
  if (!flags.user_agent.empty()) options.user_agent = flags.user_agent;
  if (flags.delay >= 0) options.delay = flags.delay;
  if (flags.concurrency > 0) options.connections_per_host = flags.concurrency;
  options.resolve.insert(options.resolve.end(), flags.resolve.begin(), flags.resolve.end());
  options.allow_internal.insert(options.allow_internal.end(), flags.allow_internal.begin(),
                                flags.allow_internal.end());
  options.allow_file = flags.allow_file;
  options.verify_tls = !flags.insecure;
  if (flags.timeout > 0) {
    options.total_timeout = std::chrono::milliseconds(static_cast<long>(flags.timeout * 1000));
  }
  if (flags.max_bytes > 0) options.max_body_bytes = flags.max_bytes;
  if (flags.workers > 0) options.workers = flags.workers;
  options.archive_only = flags.archive_only;
  if (flags.no_warc) {
    options.warc_dir.clear();
  } else if (!flags.warc_dir.empty()) {
    options.warc_dir = flags.warc_dir;
  } else if (options.warc_dir.empty()) {
    options.warc_dir = global.db + ".warc";
  }

  auto store = FactStore::Open(global.db);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return 2;
  }
  const bool progress = !global.quiet && StderrIsTerminal();
  // Reconciliation: the claims whose facts stored pages changed (kept in
  // pending_claims, committed with the facts) are recomputed after every
  // commit in --watch mode (new articles are reconciled as they arrive) and
  // once at the end of a one-shot crawl. Claims left pending by a crawl that
  // was killed are picked up by the next one.
  const bool reconcile = !flags.no_reconcile && !flags.archive_only;
  ReconcileStats reconciled;
  Status reconcile_status = Status::Ok();
  FactStore* db = store->get();
  auto reconcile_pending = [&] {
    if (!reconcile_status.ok()) return;
    auto r = ReconcilePending(*db, ReconcileOptions());
    if (!r.ok()) {
      reconcile_status = r.status();
      return;
    }
    reconciled.claims += r->claims;
    reconciled.conflicts += r->conflicts;
  };
  if (reconcile && flags.watch) {
    reconcile_pending();
    options.on_commit = [&](std::int64_t) { reconcile_pending(); };
  }
  const auto start = std::chrono::steady_clock::now();
  if (progress) {
    options.on_progress = [start](const CrawlStats& s) {
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << "\r\033[K" << ProgressLine(s, secs) << std::flush;
    };
  }
  Crawler crawler(**store, std::move(config), std::move(options));
  g_crawler = &crawler;
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int {}, old_term {};
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  Result<CrawlStats> stats = crawler.Run();
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  g_crawler = nullptr;
  if (progress) std::cerr << "\r\033[K";
  if (!stats.ok()) {
    PrintError(stats.status().ToString());
    return 2;
  }
  if (reconcile) reconcile_pending();
  if (!reconcile_status.ok()) {
    PrintError("reconcile: " + reconcile_status.ToString());
    return 2;
  }
  if (flags.json) {
    nlohmann::json j = StatsJson(*stats, global.db);
    j["claims"] = reconciled.claims;
    j["conflicts"] = reconciled.conflicts;
    WriteJsonLine(std::cout, j);
  } else {
    std::cout << "crawled " << stats->fetched << " page(s) in " << std::fixed
              << std::setprecision(1) << stats->seconds << " s into " << global.db << ": "
              << stats->stored << " stored, " << stats->archived << " archived, "
              << stats->unchanged << " unchanged, "
              << stats->not_modified << " not modified, " << stats->duplicates
              << " duplicate(s), " << stats->feeds << " feed(s)/sitemap(s), "
              << stats->redirects << " redirect(s), " << stats->failed << " failed, "
              << stats->skipped << " skipped, " << stats->retries << " retr"
              << (stats->retries == 1 ? "y" : "ies") << "; " << stats->facts << " facts, " << reconciled.claims << " claim(s) reconciled; "
              << stats->queued << " still queued" << (stats->stopped ? " (stopped)" : "") << "\n";
    if (stats->sources_due.empty() && stats->fetched == 0 && !global.quiet) {
      std::cerr << "newsfacts: nothing was due (use --force to recrawl now)\n";
    }
  }
  return stats->failed > 0 ? 1 : 0;
}

}  // namespace

Handler SetupCrawlCommand(CLI::App& sub, const GlobalOptions& global) {
  auto f = std::make_shared<CrawlFlags>();
  sub.add_option("--config", f->config, "sources file (TOML; see corpus/sources.toml)");
  sub.add_option("--seed", f->seeds, "start URL (repeatable); crawls without a config");
  sub.add_option("--max-pages", f->max_pages, "stop after fetching this many pages");
  sub.add_option("--max-depth", f->max_depth, "follow links at most this many hops from a start URL");
  sub.add_flag("--same-host", f->same_host, "only follow links to the start URLs' hosts");
  sub.add_flag("--watch", f->watch, "keep running; revisit each source at its interval");
  sub.add_flag("--force", f->force, "treat every source as due now");
  sub.add_flag("--json", f->json, "print the summary as one JSON object on stdout");
  sub.add_flag("--no-warc", f->no_warc, "do not write WARC files");
  sub.add_option("--warc-dir", f->warc_dir, "directory for WARC files (default: <db>.warc)");
  sub.add_flag("--no-reconcile", f->no_reconcile,
               "do not recompute claims for the new facts (they stay pending for the next crawl, ingest or reconcile)");
  sub.add_flag("--archive-only", f->archive_only,
               "fetch and write WARC files only; extract later with `ingest FILE.warc.gz`");
  sub.add_option("--user-agent", f->user_agent, "User-Agent (keep a contact URL in it)");
  sub.add_option("--delay", f->delay, "seconds between requests to one host (default 1)");
  sub.add_option("--concurrency", f->concurrency, "connections per host (default 1)");
  sub.add_option("--resolve", f->resolve, "HOST:PORT:ADDRESS, as curl --resolve (repeatable)");
  sub.add_option("--allow-internal", f->allow_internal,
                 "host or CIDR that may be a private/loopback address (repeatable)");
  sub.add_flag("--allow-file", f->allow_file, "accept file:// seed URLs");
  sub.add_flag("--insecure", f->insecure, "do not verify TLS certificates");
  sub.add_option("--timeout", f->timeout, "total seconds per request (default 60)");
  sub.add_option("--max-bytes", f->max_bytes, "largest body kept per page (default 16 MiB)");
  sub.add_option("--workers", f->workers, "extraction threads (default: one per core)");
  sub.add_option("--seed-interval", f->seed_interval, "recrawl interval for --seed URLs (default 1h)");
  return [f, &global] { return RunCrawl(*f, global); };
}

}  // namespace newsfacts::cli
