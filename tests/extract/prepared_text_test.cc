// Figures, facts and attributions read through a PreparedText (normalised and
// split once, as ExtractRecord does) are exactly those each stage finds on its
// own, on every corpus article; a PreparedText split for another language is
// not used.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "newsfacts/article.h"
#include "newsfacts/attribution.h"
#include "newsfacts/facts.h"
#include "newsfacts/figures.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"
#include "test_util.h"

using namespace newsfacts;

namespace {

std::string Describe(const std::vector<Figure>& figures) {
  std::ostringstream o;
  for (const Figure& f : figures) {
    o << static_cast<int>(f.kind) << ' ' << f.start << '-' << f.end << ' ' << f.text << ' '
      << f.value << ' ' << f.currency << '\n';
  }
  return o.str();
}

std::string Describe(const std::vector<Fact>& facts) {
  std::ostringstream o;
  for (const Fact& f : facts) {
    o << f.entity << '|' << f.metric << '|' << f.period << '|' << (f.value ? *f.value : -1) << '|'
      << f.unit << '|' << (f.change_pct ? *f.change_pct : -1) << '|' << f.evidence_start << '-'
      << f.evidence_end << '|' << f.figure_start << '-' << f.figure_end << '\n';
  }
  return o.str();
}

std::string Describe(const std::vector<Attribution>& attributions) {
  std::ostringstream o;
  for (const Attribution& a : attributions) o << a.origin << ' ' << a.start << '-' << a.end << '\n';
  return o.str();
}

}  // namespace

TEST_CASE("A PreparedText gives the same figures, facts and attributions as each stage alone",
          "[extract]") {
  namespace fs = std::filesystem;
  int articles = 0, with_facts = 0, with_attributions = 0;
  for (const auto& entry : fs::recursive_directory_iterator(newsfacts::testing::SourceDir() / "corpus" / "sites")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".html") continue;
    std::string html = newsfacts::testing::ReadFile(entry.path());
    auto a = ExtractArticle(html, {});
    if (!a.ok() || a->text.empty() || a->lang.empty()) continue;
    INFO(entry.path().string());
    ++articles;
    const PreparedText prepared = PrepareText(a->text, NormalizeLangTag(a->lang));
    const auto figures = FigureExtractor::Default().Extract(a->text, a->lang);
    CHECK(Describe(FigureExtractor::Default().Extract(a->text, prepared.norm, a->lang)) == Describe(figures));
    const auto facts = FactExtractor::Default().Extract(*a, figures);
    CHECK(Describe(FactExtractor::Default().Extract(*a, figures, prepared)) == Describe(facts));
    const auto attributions = FindAttributions(a->text, a->lang);
    CHECK(Describe(FindAttributions(a->text, a->lang, prepared)) == Describe(attributions));
    // Split for another language: not used, same results.
    const PreparedText other = PrepareText(a->text, a->lang == "de" ? "en" : "de");
    CHECK(Describe(FactExtractor::Default().Extract(*a, figures, other)) == Describe(facts));
    CHECK(Describe(FindAttributions(a->text, a->lang, other)) == Describe(attributions));
    with_facts += !facts.empty();
    with_attributions += !attributions.empty();
  }
  CHECK(articles > 20);
  CHECK(with_facts > 10);
  CHECK(with_attributions > 3);
}

TEST_CASE("A PreparedText split for another language is not used", "[extract]") {
  // "Mrd." ends no sentence in German; English rules split after it, which
  // would cut the figure off from its sentence.
  Article a;
  a.lang = "de";
  a.title = "Tencent erhöht Investitionen";
  a.published = "2024-08-26";
  a.text =
      "Laut der Financial Times stiegen die Investitionen von Tencent im ersten Halbjahr 2024 auf 4,2 Mrd. "
      "Euro. Alibaba folgte.";
  REQUIRE(SplitSentences(a.text, "en").size() != SplitSentences(a.text, "de").size());
  const auto figures = FigureExtractor::Default().Extract(a.text, a.lang);
  const auto facts = FactExtractor::Default().Extract(a, figures);
  REQUIRE(!facts.empty());
  CHECK(Describe(FactExtractor::Default().Extract(a, figures, PrepareText(a.text, "en"))) == Describe(facts));
  CHECK(Describe(FactExtractor::Default().Extract(a, figures, PrepareText(a.text, "de"))) == Describe(facts));
  const auto attributions = FindAttributions(a.text, a.lang);
  REQUIRE(attributions.size() == 1);
  CHECK(Describe(FindAttributions(a.text, a.lang, PrepareText(a.text, "en"))) == Describe(attributions));
}
