// Tests for extract/figures_numbers.cc: the value of a number as written.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <string>

#include "figures_grammar.h"
#include "figures_lexicon.h"
#include "figures_numbers.h"

namespace newsfacts::figures_internal {
namespace {

const LangGrammar& Grammar(const std::string& lang) {
  static std::map<std::string, std::unique_ptr<LangGrammar>> cache;
  auto it = cache.find(lang);
  if (it == cache.end()) {
    static const FigureLexicon lex = [] {
      auto l = LoadFigureLexicon(false);
      REQUIRE(l.ok());
      return std::move(l.value());
    }();
    auto g = LangGrammar::Build(lex, lang);
    REQUIRE(g.ok());
    it = cache.emplace(lang, std::move(g.value())).first;
  }
  return *it->second;
}

bool Near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

TEST_CASE("figures numbers: digits follow the language's separators", "[extract]") {
  struct C {
    const char* text;
    char decimal;
    double value;
    double resolution;
  };
  for (const C& c : {C{"1,000.5", '.', 1000.5, 0.1}, C{"1.000,5", ',', 1000.5, 0.1}, C{"4,2", ',', 4.2, 0.1},
                     C{"4,2", '.', 4.2, 0.1},  // a comma before one digit is a decimal mark anywhere
                     C{"12.000", ',', 12000, 1}, C{"12,000", '.', 12000, 1}, C{"4,800", ',', 4.8, 0.001},
                     C{"4.800", '.', 4.8, 0.001}, C{"1'000", '.', 1000, 1}, C{"1 000,5", ',', 1000.5, 0.1},
                     C{"1,234,567", '.', 1234567, 1}, C{"1.234.567,51", ',', 1234567.51, 0.01},
                     C{".5", '.', 0.5, 0.1}, C{",08", ',', 0.08, 0.01}, C{"0,500", '.', 0.5, 0.001},
                     C{"-3.5", '.', -3.5, 0.1}, C{"2e5", '.', 200000, 1e5}, C{"-127.32e13", '.', -1.2732e15, 1e11},
                     C{"3/4", '.', 0.75, 0.25}, C{"1 4/5", '.', 1.8, 0.2}}) {
    ParsedNumber n;
    INFO(c.text << " decimal '" << c.decimal << "'");
    REQUIRE(ParseDigitNumber(c.text, c.decimal, &n));
    CHECK(Near(n.value, c.value));
    CHECK(Near(n.resolution, c.resolution));
  }
  ParsedNumber n;
  REQUIRE(ParseDigitNumber("2024", '.', &n));
  CHECK(n.plain);
  REQUIRE(ParseDigitNumber("2,024", '.', &n));
  CHECK_FALSE(n.plain);
  CHECK(n.grouped);
  CHECK_FALSE(ParseDigitNumber("5.", '.', &n));
  CHECK_FALSE(ParseDigitNumber("3/0", '.', &n));
  CHECK_FALSE(ParseDigitNumber("", '.', &n));
}

TEST_CASE("figures numbers: Chinese and Japanese numerals", "[extract]") {
  struct C {
    const char* text;
    double value;
    double resolution;
  };
  const CjkNumberParser& zh = Grammar("zh").cjk;
  for (const C& c : {C{"五十亿", 5e9, 1e9}, C{"一千二百", 1200, 100}, C{"四百五", 450, 10}, C{"一千零一", 1001, 1},
                     C{"九十二万四", 924000, 1000}, C{"五兆六十二亿四万五千二", 5006200045200, 100},
                     C{"4.78万亿", 4.78e12, 1e10}, C{"1,100.9亿", 1.1009e11, 1e7}, C{"7万 5千 4百", 75400, 100},
                     C{"二点五", 2.5, 0.1}, C{"十点二三三", 10.233, 0.001}, C{"四万万", 4e8, 1e8},
                     C{"壹千兩百三十四萬", 12340000, 10000}, C{"拾六万零五百零六", 160506, 1},
                     C{"二〇二四", 2024, 1}}) {
    ParsedNumber n;
    INFO(c.text);
    REQUIRE(zh.Parse(c.text, '.', false, &n));
    CHECK(Near(n.value, c.value));
    CHECK(Near(n.resolution, c.resolution));
  }
  ParsedNumber n;
  REQUIRE(zh.Parse("13亿", '.', false, &n));
  CHECK(n.trailing_scale == 1e8);
  REQUIRE(zh.Parse("500余万", '.', false, &n));
  CHECK(n.value == 5e6);
  CHECK(n.approx);
  // Vague or not numbers at all.
  CHECK_FALSE(zh.Parse("二三十", '.', false, &n));
  CHECK_FALSE(zh.Parse("万", '.', false, &n));
  CHECK_FALSE(zh.Parse("萬萬", '.', false, &n));
  CHECK_FALSE(zh.Parse("三点", '.', false, &n));
  // Discounts read digits one by one.
  REQUIRE(zh.Parse("九九", '.', true, &n));
  CHECK(n.value == 99);
  // Japanese does not abbreviate; Korean numerals work the same way.
  REQUIRE(Grammar("ja").cjk.Parse("九百九", '.', false, &n));
  CHECK(n.value == 909);
  REQUIRE(Grammar("ko").cjk.Parse("1천 5백만", '.', false, &n));
  CHECK(n.value == 15000000);
  REQUIRE(Grammar("ko").cjk.Parse("백육", '.', false, &n));
  CHECK(n.value == 106);
}

TEST_CASE("figures numbers: spelled-out numbers through ICU and the lexicon", "[extract]") {
  struct C {
    const char* lang;
    const char* text;
    double value;
  };
  for (const C& c : {C{"en", "twenty-one trillion three hundred", 21000000000300.0}, C{"en", "twenty one", 21},
                     C{"en", "one hundred and sixty-one", 161}, C{"en", "a million", 1e6},
                     C{"en", "two hundred point zero three", 200.03}, C{"en", "three quarters", 0.75},
                     C{"en", "five and a quarter", 5.25}, C{"en", "half a million", 5e5},
                     C{"de", "achtundsiebzig", 78}, C{"de", "zwei Milliarden", 2e9}, C{"de", "drei Billionen", 3e12},
                     C{"fr", "quatre-vingt-quinze", 95}, C{"fr", "trois million", 3e6}, C{"fr", "deux tiers", 2.0 / 3},
                     C{"fr", "quatre-vingt-dix-sept", 97}, C{"fr", "soixante et onze", 71},
                     C{"fr", "quatre vingt dix", 90}, C{"fr", "Quatre-vingt-dix-sept", 97},
                     C{"fr", "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf", 999999},
                     C{"es", "quinientos trece millones cuatrocientos mil", 513400000},
                     C{"es", "cuarenta y siete coma veintiocho", 47.28}, C{"es", "tres veinteavos", 0.15},
                     C{"pt", "treze milhoes quatrocentos e cinquenta e dois mil trezentos e quarenta e sete", 13452347},
                     C{"pt", "um vinte e um avos", 1.0 / 21}, C{"pt", "três milhões e meio", 3.5e6},
                     C{"it", "centosessantuno", 161}, C{"nl", "driehonderdeenentachtigduizend", 381000},
                     C{"ru", "пятьдесят миллиардов", 5e10}}) {
    const LangGrammar& g = Grammar(c.lang);
    ParsedNumber n;
    std::size_t consumed;
    bool weak;
    INFO(c.lang << ": " << c.text);
    IcuBudget budget;
    REQUIRE(g.spelled->Parse(c.text, &n, &consumed, &weak, &budget));
    CHECK(consumed == std::string(c.text).size());
    CHECK(Near(n.value, c.value));
  }
  // "twenty twenty" is two numbers (ICU alone would read the year 2020).
  ParsedNumber n;
  std::size_t consumed;
  bool weak;
  IcuBudget budget;
  REQUIRE(Grammar("en").spelled->Parse("twenty twenty", &n, &consumed, &weak, &budget));
  CHECK(n.value == 20);
  CHECK(consumed == 6);
  REQUIRE(Grammar("en").spelled->Parse("one", &n, &consumed, &weak, &budget));
  CHECK(weak);
  REQUIRE(Grammar("en").spelled->Parse("two", &n, &consumed, &weak, &budget));
  CHECK_FALSE(weak);
}

TEST_CASE("figures numbers: ICU is asked a bounded number of times, and never about a whole run", "[extract]") {
  // "quatre-vingt-quinze" needs ICU's rules (4 x 20 + 15).
  ParsedNumber n;
  std::size_t consumed;
  bool weak;
  IcuBudget budget;
  REQUIRE(Grammar("fr").spelled->Parse("quatre-vingt-quinze", &n, &consumed, &weak, &budget));
  CHECK(n.value == 95);
  CHECK(budget.calls < IcuBudget{}.calls);
  // With nothing left to ask, the same words are no number...
  IcuBudget spent{0};
  const bool whole = Grammar("fr").spelled->Parse("quatre-vingt-quinze", &n, &consumed, &weak, &spent) &&
                     consumed == std::string("quatre-vingt-quinze").size();
  CHECK_FALSE(whole);
  // ...while what the lexicon composes needs no ICU at all.
  REQUIRE(Grammar("en").spelled->Parse("two hundred and five", &n, &consumed, &weak, &spent));
  CHECK(n.value == 205);
  // A run of number words that is no number: each prefix is tried, but ICU
  // hears at most a few words at a time and the budget is never exceeded.
  std::string soup;
  for (int i = 0; i < 200; ++i) soup += "четыре семь шестьдесят двести ";
  IcuBudget b2;
  REQUIRE(Grammar("ru").spelled->Parse(soup, &n, &consumed, &weak, &b2));
  CHECK(n.value == 4);
  CHECK(consumed == std::string("четыре").size());
}

TEST_CASE("figures numbers: surface patterns and keys", "[extract]") {
  CHECK(SurfacePattern("per cent") == "per ?cent");
  CHECK(SurfacePattern("US-Dollar") == "US[- ]?Dollar");
  CHECK(SurfacePattern("-") == "\\-");
  CHECK(SurfaceKey("US Dollar", false) == SurfaceKey("US-Dollar", false));
  CHECK(SurfaceKey("Milliarden", false) == SurfaceKey("MILLIARDEN", false));
  CHECK(SurfaceKey("M", true) != SurfaceKey("m", true));
  CHECK(IntegerPlace(300) == 100);
  CHECK(IntegerPlace(21) == 1);
  CHECK(Near(IntegerPlace(1.5), 0.1));
}

}  // namespace
}  // namespace newsfacts::figures_internal
