// End-to-end tests of `newsfacts reconcile --claims` through the built
// binary, on TSV files written by the tests.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

using namespace newsfacts::testing;

namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// Two items: "gdp" where two of three sources agree (one writes the number
// differently), "arrival" with a clock time in two spellings against one.
const char* kClaims =
    "source\titem\tvalue\n"
    "alpha\tgdp|2023\t1,234.5\n"
    "beta\tgdp|2023\t1234.50\n"
    "gamma\tgdp|2023\t1250\n"
    "alpha\tarrival\t7:53 PM\n"
    "beta\tarrival\t2011-12-01 19:53 EST\n"
    "gamma\tarrival\tNot Available\n"
    "delta\tarrival\t8:10 PM\n";

std::string Reconcile(const std::string& args) {
  return ShellQuote(BinaryPath().string()) + " -q reconcile " + args;
}

}  // namespace

TEST_CASE("reconcile --claims writes item, value and confidence per item", "[cli]") {
  ScopedTempDir tmp;
  const auto claims = tmp.path() / "claims.tsv";
  const auto pred = tmp.path() / "pred.tsv";
  const auto sources = tmp.path() / "sources.tsv";
  WriteFile(claims, kClaims);

  CommandResult r = RunCommand(Reconcile("--claims " + ShellQuote(claims.string()) + " --out " +
                                         ShellQuote(pred.string()) + " --sources-out " +
                                         ShellQuote(sources.string())));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  const std::vector<std::string> lines = Lines(ReadFile(pred));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "item\tvalue\tconfidence");
  CHECK(lines[1].rfind("gdp|2023\t1,234.5\t0.", 0) == 0);
  CHECK(lines[2].rfind("arrival\t", 0) == 0);
  CHECK((lines[2].find("\t7:53 PM\t") != std::string::npos ||
         lines[2].find("\t2011-12-01 19:53 EST\t") != std::string::npos));
  const std::vector<std::string> source_lines = Lines(ReadFile(sources));
  REQUIRE(source_lines.size() == 5);
  CHECK(source_lines[0] == "source\taccuracy\tclaims");

  // Without --out the predictions go to stdout; --method vote uses the same
  // reader and writer.
  CommandResult vote =
      RunCommand(Reconcile("--method vote --claims " + ShellQuote(claims.string())));
  REQUIRE(vote.exit_code == 0);
  const std::vector<std::string> vote_lines = Lines(vote.out);
  REQUIRE(vote_lines.size() == 3);
  CHECK(vote_lines[1].rfind("gdp|2023\t1,234.5\t0.6667", 0) == 0);  // 2 of 3 claims
}

TEST_CASE("reconcile --claims fails with the line of a malformed row", "[cli]") {
  ScopedTempDir tmp;
  const auto claims = tmp.path() / "claims.tsv";
  WriteFile(claims, "source\titem\tvalue\na\tx\t1\nb\tx\n");
  CommandResult r = RunCommand(Reconcile("--claims " + ShellQuote(claims.string())));
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("claims.tsv:3: expected 3 tab-separated fields (source, item, value), got 2") !=
        std::string::npos);

  CommandResult missing =
      RunCommand(Reconcile("--claims " + ShellQuote((tmp.path() / "nope.tsv").string())));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("cannot open") != std::string::npos);

  WriteFile(claims, kClaims);
  CommandResult method =
      RunCommand(Reconcile("--method majority --claims " + ShellQuote(claims.string())));
  CHECK(method.exit_code == 2);
  CHECK(method.err.find("unknown truth method 'majority'") != std::string::npos);
}
