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
