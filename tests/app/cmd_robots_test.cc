// End-to-end tests of `newsfacts robots` (app/cmd_robots.cc) through the built binary.
#include <catch2/catch.hpp>

#include <string>

#include "test_util.h"

using namespace newsfacts::testing;

namespace {

std::string Robots() { return ShellQuote(BinaryPath().string()) + " robots"; }

}  // namespace

TEST_CASE("robots CLI answers allow/disallow per URL", "[cli]") {
  ScopedTempDir dir;
  const std::string file = (dir.path() / "robots.txt").string();
  WriteFile(file,
            "User-agent: *\nDisallow: /\n\nUser-agent: newsfacts\nDisallow: /private\n"
            "Crawl-delay: 1.5\n");

  CommandResult r = RunCommand(Robots() + " --agent 'newsfacts/0.1 (+https://x)' --file " +
                               ShellQuote(file) +
                               " https://example.org/private/a https://example.org/public /robots.txt");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "disallow https://example.org/private/a\nallow https://example.org/public\n"
        "allow /robots.txt\n");

  r = RunCommand(Robots() + " --agent otherbot --file - /public < " + ShellQuote(file));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "disallow /public\n");

  r = RunCommand(Robots() + " --agent newsfacts --explain --file " + ShellQuote(file) + " /private/x");
  CHECK(r.out == "disallow /private/x\tDisallow: /private\tcrawl-delay 1.5\n");
}

TEST_CASE("robots CLI usage errors exit 2", "[cli]") {
  ScopedTempDir dir;
  CommandResult r =
      RunCommand(Robots() + " --agent x --file " + ShellQuote((dir.path() / "none").string()) + " /a");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("cannot open") != std::string::npos);
  r = RunCommand(Robots() + " /a < /dev/null");  // --agent is required
  CHECK(r.exit_code == 2);
}
