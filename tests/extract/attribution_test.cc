#include "newsfacts/attribution.h"

#include <catch2/catch.hpp>

using newsfacts::FindAttributions;

TEST_CASE("FindAttributions names the organisation an article relays", "[extract]") {
  struct Case {
    const char* text;
    const char* lang;
    const char* origin;
  };
  const Case cases[] = {
      {"Alibaba, Tencent and Baidu had combined capex of Rmb50bn, News.Az reports citing Financial "
       "Times.",
       "en", "Financial Times"},
      {"The investments target processors, according to the Financial Times.", "en",
       "Financial Times"},
      {"Laut der Financial Times haben die Konzerne ihre Ausgaben verdoppelt.", "de",
       "Financial Times"},
      {"据英国《金融时报》报道，阿里巴巴、腾讯和百度上半年资本开支合计500亿元。", "zh",
       "Financial Times"},
      {"Расходы выросли вдвое, сообщает Financial Times.", "ru", "Financial Times"},
      {"Selon le Financial Times, les dépenses ont doublé.", "fr", "Financial Times"},
      {"Washington's sanctions cut market value by $130bn, according to Bloomberg.", "en",
       "Bloomberg"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto got = FindAttributions(c.text, c.lang);
    REQUIRE(got.size() == 1);
    CHECK(got[0].origin == c.origin);
  }
}

TEST_CASE("FindAttributions ignores organisations that are not cited as a source", "[extract]") {
  CHECK(FindAttributions("Goldman Sachs rates Cambricon as a buy.", "en").empty());
  CHECK(FindAttributions("Alibaba said revenue doubled.", "en").empty());  // a company, not an origin
  CHECK(FindAttributions("", "en").empty());
}

namespace newsfacts {
namespace {

TEST_CASE("FindAttributions pairs a cue and an organisation at most 48 bytes apart, either way round", "[extract]") {
  // The gap: a space, a word that is neither a cue nor a name, a space.
  auto gap = [](std::size_t n) { return " " + std::string(n - 2, 'x') + " "; };
  auto origins = [](const std::string& text) {
    std::vector<std::string> out;
    for (const Attribution& a : FindAttributions(text, "en")) out.push_back(a.origin);
    return out;
  };
  // Cue before the organisation.
  CHECK(origins("Revenue rose, according to" + gap(48) + "Reuters.") == std::vector<std::string>{"Reuters"});
  CHECK(origins("Revenue rose, according to" + gap(49) + "Reuters.").empty());
  // Organisation before the cue.
  CHECK(origins("Revenue rose, Reuters" + gap(48) + "reported.") == std::vector<std::string>{"Reuters"});
  CHECK(origins("Revenue rose, Reuters" + gap(49) + "reported.").empty());
  // Thousands of cues and names in one sentence: each name finds its cue.
  std::string chain;
  for (int i = 0; i < 3000; ++i) chain += "according to Reuters, citing Bloomberg, ";
  chain += "Alibaba spent $5bn.";
  auto got = origins(chain);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"Bloomberg", "Reuters"});
}

}  // namespace
}  // namespace newsfacts
