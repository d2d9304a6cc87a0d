// End-to-end tests of `newsfacts figures` through the built binary: the JSONL
// forms scripts depend on.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

#include "test_util.h"

using namespace newsfacts::testing;

namespace {

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

std::string Figures() { return ShellQuote(BinaryPath().string()) + " figures"; }

}  // namespace

TEST_CASE("figures CLI prints one JSON object per figure", "[cli]") {
  ScopedTempDir dir;
  WriteFile(dir.path() / "a.txt", "Capex of Rmb50bn ($7bn), up 123 per cent; Nvidia's H20 and 12,000-13,000 units.");
  auto r = RunCommand(Figures() + " --lang en " + ShellQuote((dir.path() / "a.txt").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto rows = JsonLines(r.out);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0]["kind"] == "money");
  CHECK(rows[0]["text"] == "Rmb50bn");
  CHECK(rows[0]["start"] == 9);
  CHECK(rows[0]["end"] == 16);
  CHECK(rows[0]["value"] == 50000000000LL);
  CHECK(rows[0]["currency"] == "CNY");
  CHECK(rows[0]["qualifier"].is_null());
  CHECK(rows[0]["resolution"] == 1000000000LL);
  CHECK(rows[2]["kind"] == "percent");
  CHECK(rows[2]["value"] == 123);
  CHECK_FALSE(rows[2].contains("currency"));
  CHECK(rows[3]["kind"] == "chip");
  CHECK(rows[3]["chip"] == "H20");
  CHECK(rows[3]["vendor"] == "Nvidia");
  CHECK(rows[4]["low"] == 12000);
  CHECK(rows[4]["high"] == 13000);
  CHECK(rows[4]["unit"] == "units");

  // stdin with "-", language detected.
  auto piped = RunCommand("printf '%s' 'Der Umsatz stieg um 6 Prozent auf 4,2 Milliarden Euro.' | " + Figures() + " -");
  REQUIRE(piped.exit_code == 0);
  auto de = JsonLines(piped.out);
  REQUIRE(de.size() == 2);
  CHECK(de[1]["value"] == 4200000000LL);
  CHECK(de[1]["currency"] == "EUR");
}

TEST_CASE("figures CLI --batch answers every line in order", "[cli]") {
  ScopedTempDir dir;
  std::string input =
      "{\"id\":\"a\",\"text\":\"mehr als 50 Milliarden US-Dollar\",\"lang\":\"de\"}\n"
      "not json\n"
      "\n"
      "{\"id\":7,\"text\":\"no figures here\"}\n"
      "{\"id\":\"c\",\"text\":\"超过50亿美元\"}\n";
  WriteFile(dir.path() / "in.jsonl", input);
  auto r = RunCommand(Figures() + " --batch < " + ShellQuote((dir.path() / "in.jsonl").string()));
  CHECK(r.exit_code == 1);  // one malformed line
  CHECK(r.err.find("line 2") != std::string::npos);
  auto rows = JsonLines(r.out);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["id"] == "a");
  REQUIRE(rows[0]["figures"].size() == 1);
  CHECK(rows[0]["figures"][0]["qualifier"] == "over");
  CHECK(rows[0]["figures"][0]["value"] == 50000000000LL);
  CHECK(rows[1]["id"].is_null());
  CHECK(rows[1]["figures"].empty());
  CHECK(rows[2]["id"] == 7);
  CHECK(rows[2]["figures"].empty());
  CHECK(rows[3]["id"] == "c");
  CHECK(rows[3]["figures"][0]["currency"] == "USD");
}
