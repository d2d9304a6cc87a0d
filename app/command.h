// app/command.h — the shape of a newsfacts subcommand.
//
// Each subcommand lives in its own app/cmd_<name>.cc and exposes one
// Setup<Name>Command function. It declares its flags on the CLI11 subcommand
// and returns the function main() calls when that subcommand was chosen. The
// handler parses nothing itself, calls library code and writes output:
// machine output (JSON lines, CSV) to stdout, progress and errors to stderr.
// It returns the process exit code: 0 success, 1 a partial failure (some
// inputs failed), 2 a usage or fatal error.
#ifndef NEWSFACTS_APP_COMMAND_H_
#define NEWSFACTS_APP_COMMAND_H_

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace newsfacts::cli {

// Flags shared by every subcommand, filled before a handler runs.
struct GlobalOptions {
  std::string db = "newsfacts.db";        // --db PATH
  std::vector<std::string> lexicon_dirs;  // --lexicons DIR (repeatable)
  bool quiet = false;                     // --quiet: no progress on stderr
};

using Handler = std::function<int()>;
using SetupFn = Handler (*)(CLI::App& sub, const GlobalOptions& global);

struct Command {
  const char* name;
  const char* summary;
  SetupFn setup;
};

// One line on stderr: "newsfacts: <message>".
void PrintError(const std::string& message);

Handler SetupArticleCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupFiguresCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupIngestCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupFactsCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupExtractCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupClaimsCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupConflictsCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupRobotsCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupReconcileCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupCrawlCommand(CLI::App& sub, const GlobalOptions& global);
Handler SetupCrawlLogCommand(CLI::App& sub, const GlobalOptions& global);

}  // namespace newsfacts::cli

#endif  // NEWSFACTS_APP_COMMAND_H_
