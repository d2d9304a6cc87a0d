// newsfacts — command-line entry point: parses global flags and dispatches to
// one subcommand from the table below. All logic lives in the libraries.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "command.h"
#include "newsfacts/lexicon.h"

namespace nc = newsfacts::cli;

static const nc::Command kCommands[] = {
    {"article", "extract the main article from an HTML page as JSON", nc::SetupArticleCommand},
    {"figures", "find money, percentages, numbers and chip names in text (JSONL)", nc::SetupFiguresCommand},
    {"ingest", "extract and store articles from .html/.txt/.warc.gz files and directories", nc::SetupIngestCommand},
    {"facts", "list stored facts (entity, metric, period, value)", nc::SetupFactsCommand},
    {"extract", "run extraction on one file without a database; print its facts", nc::SetupExtractCommand},
    {"claims", "one claim per entity, metric and period: best value, status, sources, origins", nc::SetupClaimsCommand},
    {"conflicts", "where sources disagree (minor, conflict, period, modality, arithmetic)", nc::SetupConflictsCommand},
    {"robots", "answer allow/disallow for URLs under a robots.txt file (RFC 9309)", nc::SetupRobotsCommand},
    {"reconcile", "pick the best-supported value per item from conflicting claims (truth discovery)", nc::SetupReconcileCommand},
    {"crawl", "fetch due sources or seed URLs politely (robots.txt, delays), extract and store", nc::SetupCrawlCommand},
    {"crawl-log", "show what the crawler fetched, refused and why (crawl_log table)", nc::SetupCrawlLogCommand},
};

int main(int argc, char** argv) {
  CLI::App app{"newsfacts: news ingestion and fact extraction"};
  app.require_subcommand(1);
  nc::GlobalOptions global;
  app.add_option("--db", global.db, "SQLite database file")->capture_default_str();
  app.add_option("--lexicons", global.lexicon_dirs, "extra lexicon directory (repeatable)");
  app.add_flag("-q,--quiet", global.quiet, "no progress output on stderr");

  std::vector<std::pair<CLI::App*, nc::Handler>> handlers;
  for (const nc::Command& cmd : kCommands) {
    CLI::App* sub = app.add_subcommand(cmd.name, cmd.summary);
    handlers.emplace_back(sub, cmd.setup(*sub, global));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  newsfacts::SetLexiconDirs(global.lexicon_dirs);
  try {
    for (auto& [sub, run] : handlers) {
      if (sub->parsed()) return run();
    }
  } catch (const std::exception& e) {
    nc::PrintError(std::string("internal error: ") + e.what());
    return 2;
  }
  return 2;
}
