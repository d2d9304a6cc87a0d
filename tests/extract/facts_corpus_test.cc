// Every corpus article (corpus/sites/**, with expectations in
// corpus/expected/**.facts.jsonl) goes through the whole pipeline without a
// database (ExtractRecord: HTML in, facts out) and is matched against its
// expected facts. Precision and recall per language must stay at or above the
// floors below, which are what the extractor achieves today: a change that
// loses a fact or adds a spurious one fails here. tools/eval_facts.py prints
// the same table from the command line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iomanip>
#include <map>
#include <sstream>

#include "fact_matching.h"
#include "newsfacts/ingestor.h"
#include "test_util.h"

using namespace newsfacts;
using namespace newsfacts::testing;

namespace {

struct Floor {
  const char* lang;
  double precision;
  double recall;
};

// What the extractor achieves on the corpus (see the table this test prints).
constexpr Floor kFloors[] = {
    {"de", 1.0, 1.0}, {"en", 1.0, 1.0}, {"es", 1.0, 1.0}, {"fr", 1.0, 1.0},
    {"ja", 1.0, 1.0}, {"ru", 1.0, 1.0}, {"zh", 1.0, 1.0},
};

}  // namespace

TEST_CASE("FactExtractor meets the per-language precision and recall floors on the corpus",
          "[extract]") {
  namespace fs = std::filesystem;
  const fs::path corpus = SourceDir() / "corpus";
  const fs::path expected_root = corpus / "expected";
  REQUIRE(fs::is_directory(expected_root));
  struct Tally {
    int expected = 0, found = 0, extracted = 0, correct = 0;
  };
  std::map<std::string, Tally> by_lang;
  int articles = 0;
  for (const auto& entry : fs::recursive_directory_iterator(expected_root)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".facts.jsonl";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    fs::path rel = fs::relative(entry.path(), expected_root);
    std::string rel_str = rel.string();
    rel_str.resize(rel_str.size() - suffix.size());
    const fs::path page = corpus / "sites" / (rel_str + ".html");
    INFO(rel_str);
    REQUIRE(fs::exists(page));
    auto raw = ReadInput(page.string(), 16 << 20);
    REQUIRE(raw.ok());
    IngestRecord rec = ExtractRecord(*raw, IngestOptions());
    REQUIRE(rec.status == "ok");
    REQUIRE(rec.article.has_value());
    MatchReport r = MatchFacts(ReadJsonLines(entry.path().string()), {}, rec.facts);
    for (const auto& m : r.missing) UNSCOPED_INFO("missing: " << m);
    for (const auto& s : r.spurious) UNSCOPED_INFO("spurious: " << s);
    Tally& t = by_lang[rec.article->lang];
    t.expected += r.expected;
    t.found += r.found;
    t.extracted += r.extracted;
    t.correct += r.correct;
    ++articles;
  }
  CHECK(articles == 21);
  std::ostringstream table;
  table << std::fixed << std::setprecision(3) << "lang expected found extracted correct P R\n";
  for (const auto& [lang, t] : by_lang) {
    const double p = t.extracted == 0 ? 1.0 : static_cast<double>(t.correct) / t.extracted;
    const double r = t.expected == 0 ? 1.0 : static_cast<double>(t.found) / t.expected;
    table << lang << " " << t.expected << " " << t.found << " " << t.extracted << " " << t.correct << " "
          << p << " " << r << "\n";
  }
  WARN(table.str());
  for (const Floor& floor : kFloors) {
    INFO("language " << floor.lang);
    REQUIRE(by_lang.count(floor.lang) == 1);
    const Tally& t = by_lang[floor.lang];
    CHECK(t.expected > 0);
    CHECK(static_cast<double>(t.correct) / t.extracted >= floor.precision - 1e-9);
    CHECK(static_cast<double>(t.found) / t.expected >= floor.recall - 1e-9);
  }
}
