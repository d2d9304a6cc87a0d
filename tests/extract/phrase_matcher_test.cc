// PhraseMatcher on small lexicons: case rules, word starts, CJK, wildcards.
#include "phrase_matcher.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using newsfacts::extract::PhraseMatcher;
using newsfacts::extract::WordEnd;

namespace {

std::vector<std::string> Find(const PhraseMatcher& pm, const std::string& text) {
  std::vector<PhraseMatcher::Match> m;
  pm.FindAll(text, 0, text.size(), &m);
  std::vector<std::string> out;
  for (const auto& x : m) out.push_back(text.substr(x.begin, x.end - x.begin) + "=" + std::to_string(x.payloads->front()));
  return out;
}

// Matches among the rows of `lang` as "text=payloads" (all payloads, in order).
std::vector<std::string> FindIn(const PhraseMatcher& pm, const std::string& text, std::string_view lang) {
  std::vector<PhraseMatcher::Match> m;
  pm.FindAll(text, 0, text.size(), lang, &m);
  std::vector<std::string> out;
  for (const auto& x : m) {
    std::string payloads;
    for (int p : *x.payloads) payloads += std::to_string(p);
    out.push_back(text.substr(x.begin, x.end - x.begin) + "=" + payloads);
  }
  return out;
}

}  // namespace

TEST_CASE("PhraseMatcher: case rules, word starts, CJK and wildcards", "[extract]") {
  PhraseMatcher pm(WordEnd::kInflected);
  pm.Add("capital spending", 1);
  pm.Add("AI revenue", 2);
  pm.Add("英伟达", 3);
  pm.Add("денежн* резерв*", 4);
  pm.Add("it", 5);
  pm.Add("Nvidia", 6);
  pm.Add("облач*", 7);
  pm.Add("денежн* средств*", 8);
  REQUIRE(pm.Compile().ok());
  using V = std::vector<std::string>;
  CHECK(Find(pm, "Capital Spending rose") == V{"Capital Spending=1"});
  CHECK(Find(pm, "CAPITAL SPENDING") == V{"CAPITAL SPENDING=1"});
  CHECK(Find(pm, "ai revenue and AI revenue, ai Revenue") == V{"AI revenue=2"});  // as written but its first letter
  CHECK(Find(pm, "with it, with") == V{"it=5"});                                  // never inside a word
  CHECK(Find(pm, "据英伟达称") == V{"英伟达=3"});                                    // CJK: anywhere
  CHECK(Find(pm, "Nvidias chips and NVIDIA") == V{"Nvidia=6"});                    // genitive -s; case as written
  CHECK(Find(pm, "nvidia H20") == V{"nvidia=6"});                                  // the first letter in either case
  // Wildcard words run on; the longest phrase whose pattern matches wins.
  CHECK(Find(pm, "с денежными резервами компании") == V{"денежными резервами=4"});
  CHECK(Find(pm, "Денежные средства и облачной выручки") == V{"Денежные средства=8", "облачной=7"});
  CHECK(Find(pm, "ОБЛАЧНЫЙ бизнес") == V{"ОБЛАЧНЫЙ=7"});
  CHECK(Find(pm, "денежными потоками").empty());
  CHECK(Find(pm, "безоблачный день").empty());  // not at a word start
}

TEST_CASE("PhraseMatcher: matching among the phrases of one language", "[extract]") {
  PhraseMatcher pm;
  pm.Add("first half", 1, "de");  // not German, but it overlaps the English phrase
  pm.Add("half year", 2, "en");
  pm.Add("Plus", 3, "de");       // case-sensitive German, any-case English twin
  pm.Add("plus", 4, "en");
  pm.Add("H1", 5, "*");
  pm.Add("revenue*", 6, "en");
  REQUIRE(pm.Compile().ok());
  using V = std::vector<std::string>;
  auto find = [&](const std::string& text, std::string_view lang) { return FindIn(pm, text, lang); };
  // All rows: the German phrase that starts first hides the English one.
  CHECK(find("the first half year in H1", "") == V{"first half=1", "H1=5"});
  CHECK(find("the first half year in H1", "en") == V{"half year=2", "H1=5"});
  CHECK(find("the first half year in H1", "de") == V{"first half=1", "H1=5"});
  // A language without rows of its own has the "*" rows.
  CHECK(find("the first half year in H1", "fr") == V{"H1=5"});
  // Payloads are those of the language's rows and "*" rows only.
  CHECK(find("Plus and plus", "") == V{"Plus=34", "plus=34"});
  CHECK(find("Plus and plus", "en") == V{"Plus=4", "plus=4"});
  CHECK(find("Plus and plus", "de") == V{"Plus=3", "plus=3"});
  CHECK(find("revenues rose", "en") == V{"revenues=6"});
}

TEST_CASE("PhraseMatcher: phrases are normalised, Chinese phrases also match in traditional characters",
          "[extract]") {
  PhraseMatcher pm;
  pm.Add("资本开支", 1, "zh");
  pm.Add("腾讯", 2, "*");
  pm.Add("1～6月期", 3, "ja");  // full-width tilde: the text has NFKC's "~"
  REQUIRE(pm.Compile().ok());
  using V = std::vector<std::string>;
  auto find = [&](const std::string& text, std::string_view lang) { return FindIn(pm, text, lang); };
  CHECK(find("腾讯资本开支", "zh") == V{"腾讯=2", "资本开支=1"});
  CHECK(find("騰訊第三季資本開支為171億元", "zh") == V{"騰訊=2", "資本開支=1"});
  // Only Chinese text gets the traditional spellings.
  CHECK(find("騰訊の資本開支", "ja").empty());
  CHECK(find("2024年1~6月期の設備投資", "ja") == V{"1~6月期=3"});
}
