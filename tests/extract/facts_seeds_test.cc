// The five seed articles (../shared/seeds, not part of the repository) must
// give the facts in tests/data/seeds/expected_facts.jsonl — all of them, and
// nothing else. Skipped when the seeds are absent.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "fact_matching.h"
#include "newsfacts/ingestor.h"
#include "test_util.h"

using namespace newsfacts;
using namespace newsfacts::testing;

TEST_CASE("FactExtractor finds every expected fact in the seed articles and nothing else",
          "[extract][seeds]") {
  if (!std::filesystem::exists(SeedsDir())) {
    WARN("seed articles not found at " << SeedsDir() << "; skipping");
    return;
  }
  std::map<std::string, std::vector<nlohmann::json>> expected, extra;
  for (auto& e : ReadJsonLines((SourceDir() / "tests/data/seeds/expected_facts.jsonl").string())) {
    std::string file = e["file"];
    (e.value("extra", false) ? extra : expected)[file].push_back(e);
  }
  int total_expected = 0, total_found = 0, total_extracted = 0, total_correct = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SeedsDir())) {
    const std::string name = entry.path().filename().string();
    const std::string key = name.substr(0, 3);
    auto raw = ReadInput(entry.path().string(), 1 << 20);
    REQUIRE(raw.ok());
    IngestRecord rec = ExtractRecord(*raw, IngestOptions());
    REQUIRE(rec.status == "ok");
    MatchReport r = MatchFacts(expected[key], extra[key], rec.facts);
    INFO(name);
    for (const auto& m : r.missing) UNSCOPED_INFO("missing: " << m);
    for (const auto& s : r.spurious) UNSCOPED_INFO("spurious: " << s);
    CHECK(r.missing.empty());
    CHECK(r.spurious.empty());
    total_expected += r.expected;
    total_found += r.found;
    total_extracted += r.extracted;
    total_correct += r.correct;
  }
  CHECK(total_expected == 30 - 2);
  WARN("seeds: recall " << total_found << "/" << total_expected << ", precision " << total_correct
                        << "/" << total_extracted);
}
