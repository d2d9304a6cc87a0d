// The five seed articles (../shared/seeds) must come out completely: every
// amount with its currency and scale, every percentage, every chip, and
// nothing else (no "cent" from "Tencent", no dates, no "16 px").
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "newsfacts/figures.h"
#include "test_util.h"

namespace newsfacts {
namespace {

struct Want {
  const char* kind;
  const char* text;
  double value;  // chips: 0
  const char* currency_or_chip;
  const char* qualifier;
};

// Written by reading the articles, one list per seed, in text order.
const std::map<std::string, std::vector<Want>>& Expected() {
  static const auto* expected = new std::map<std::string, std::vector<Want>>{
      {"000_2d767b6a19262c1e.txt",
       {
           {"money", "Rmb50bn", 5e10, "CNY", ""},
           {"money", "$7bn", 7e9, "USD", ""},
           {"money", "Rmb23bn", 2.3e10, "CNY", ""},
           {"money", "$50bn", 5e10, "USD", "over"},
           {"number", "two people", 2, "", ""},
           {"money", "Rmb23bn", 2.3e10, "CNY", ""},
           {"percent", "123 per cent", 123, "", ""},
           {"percent", "6 per cent", 6, "", ""},
           {"percent", "doubled", 100, "", "over"},
           {"money", "$800mn", 8e8, "USD", ""},
           {"chip", "H100", 0, "H100", ""},
           {"chip", "Blackwell", 0, "Blackwell", ""},
           {"chip", "H20", 0, "H20", ""},
       }},
      {"001_d70817dae149bb6c.txt",
       {
           {"percent", "doubled", 100, "", ""},
           {"money", "50 billion yuan", 5e10, "CNY", ""},
           {"money", "$7 billion", 7e9, "USD", ""},
           {"money", "23 billion yuan", 2.3e10, "CNY", ""},
           {"money", "$3.22 billion", 3.22e9, "USD", ""},
           {"money", "$50 billion", 5e10, "USD", ""},
           {"chip", "H20", 0, "H20", ""},
           {"number", "a million", 1e6, "", "over"},
       }},
      {"002_732f3f888b05f2e5.txt",
       {
           {"percent", "doubled", 100, "", ""},
           {"percent", "doubled", 100, "", ""},
           {"money", "50 billion yuan", 5e10, "CNY", ""},
           {"money", "US$7 billion", 7e9, "USD", ""},
           {"money", "23 billion yuan", 2.3e10, "CNY", ""},
           {"money", "US$3.23 billion", 3.23e9, "USD", ""},
           {"percent", "double", 100, "", "over"},
           {"money", "$106 billion", 1.06e11, "USD", ""},
           {"money", "$130 billion", 1.3e11, "USD", ""},
       }},
      {"003_27da262b2cae15c8.txt",
       {
           {"percent", "verdoppelt", 100, "", ""},
           {"money", "50 Milliarden Renminbi", 5e10, "CNY", ""},
           {"money", "7 Milliarden US-Dollar", 7e9, "USD", ""},
           {"money", "23 Milliarden Renminbi", 2.3e10, "CNY", ""},
           {"money", "50 Milliarden US-Dollar", 5e10, "USD", "over"},
           {"percent", "6 Prozent", 6, "", ""},
           {"percent", "verdoppelt", 100, "", "over"},
           {"chip", "H100", 0, "H100", ""},
           {"chip", "Blackwell", 0, "Blackwell", ""},
           {"chip", "H20", 0, "H20", ""},
           {"number", "1 Million", 1e6, "", "over"},
           {"money", "12.000 bis 13.000 US-Dollar", 12000, "USD", ""},
           {"number", "sechs", 6, "", ""},
           {"percent", "176 Prozent", 176, "", ""},
           {"money", "23 Milliarden Renminbi", 2.3e10, "CNY", ""},
           {"money", "4,2 Milliarden Renminbi", 4.2e9, "CNY", ""},
           {"percent", "4 Prozent", 4, "", ""},
           {"money", "106 Milliarden US-Dollar", 1.06e11, "USD", ""},
       }},
      {"004_ffbd731d19bc9f2a.txt",
       {
           {"percent", "34%", 34, "", ""},
           {"money", "$5.6 billion", 5.6e9, "USD", "about"},
           {"money", "380 billion yuan", 3.8e11, "CNY", ""},
           {"money", "$53.74 billion", 5.374e10, "USD", ""},
           {"number", "three", 3, "", ""},
           {"percent", "4,000%", 4000, "", "over"},
           {"percent", "double", 100, "", "over"},
           {"percent", "triple", 200, "", ""},
       }},
  };
  return *expected;
}

TEST_CASE("figures seeds: every figure of the seed articles and nothing else", "[extract][seeds]") {
  const std::filesystem::path dir = testing::SeedsDir();
  if (!std::filesystem::is_directory(dir)) {
    WARN("seeds directory " << dir << " is absent; skipping");
    return;
  }
  for (const auto& [name, want] : Expected()) {
    const std::filesystem::path path = dir / name;
    if (!std::filesystem::exists(path)) {
      WARN("seed " << path << " is absent; skipping it");
      continue;
    }
    const std::string text = testing::ReadFile(path);
    // Without --lang: the language is detected (003 is German).
    const std::vector<Figure> got = FigureExtractor::Default().Extract(text, "");
    std::string listing;
    for (const Figure& f : got) listing += std::string(FigureKindName(f.kind)) + " '" + f.text + "'\n";
    INFO(name << " gave:\n" << listing);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      const Figure& f = got[i];
      const Want& w = want[i];
      INFO("figure " << i << ": " << w.text);
      CHECK(FigureKindName(f.kind) == w.kind);
      CHECK(f.text == w.text);
      CHECK(text.substr(f.start, f.end - f.start) == f.text);
      CHECK(QualifierName(f.qualifier) == w.qualifier);
      if (f.kind == FigureKind::kChip) {
        CHECK(f.chip == w.currency_or_chip);
        CHECK(f.vendor == "Nvidia");
      } else {
        CHECK(std::abs(f.value - w.value) <= 1e-9 * std::abs(w.value));
        CHECK(f.currency == w.currency_or_chip);
      }
      if (std::string(w.text) == "12.000 bis 13.000 US-Dollar") {
        REQUIRE(f.low);
        REQUIRE(f.high);
        CHECK(*f.low == 12000);
        CHECK(*f.high == 13000);
      }
    }
  }
}

}  // namespace
}  // namespace newsfacts
