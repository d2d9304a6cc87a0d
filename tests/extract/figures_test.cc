// Tests for extract/figures.cc: money, percentages, numbers and chips in the
// languages the extractor supports, and what must not be a figure.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "newsfacts/figures.h"
#include "newsfacts/lexicon.h"
#include "test_util.h"

namespace newsfacts {
namespace {

struct Want {
  FigureKind kind;
  std::string text;
  double value;
  std::string currency = "";
  Qualifier qualifier = Qualifier::kNone;
  std::string unit = "";
};

struct Case {
  const char* lang;
  std::string text;
  std::vector<Want> want;  // exactly these figures, in order
};

std::vector<Figure> Extract(std::string_view text, std::string_view lang) {
  return FigureExtractor::Default().Extract(text, lang);
}

bool Near(double a, double b) { return a == b || std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

std::string Describe(const std::vector<Figure>& figures) {
  std::string out;
  for (const Figure& f : figures) {
    out += std::string(FigureKindName(f.kind)) + " '" + f.text + "' " + std::to_string(f.value) + " " + f.currency +
           " " + std::string(QualifierName(f.qualifier)) + " " + f.unit + "\n";
  }
  return out;
}

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    std::vector<Figure> got = Extract(c.text, c.lang);
    INFO(c.lang << ": " << c.text << "\n got:\n" << Describe(got));
    REQUIRE(got.size() == c.want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      const Figure& g = got[i];
      const Want& w = c.want[i];
      CHECK(g.kind == w.kind);
      CHECK(g.text == w.text);
      CHECK(c.text.substr(g.start, g.end - g.start) == g.text);
      if (w.kind != FigureKind::kChip) CHECK(Near(g.value, w.value));
      CHECK(g.currency == w.currency);
      CHECK(g.qualifier == w.qualifier);
      CHECK(g.unit == w.unit);
    }
  }
}

constexpr auto kMoney = FigureKind::kMoney;
constexpr auto kPercent = FigureKind::kPercent;
constexpr auto kNumber = FigureKind::kNumber;
constexpr auto kOver = Qualifier::kOver;
constexpr auto kUnder = Qualifier::kUnder;
constexpr auto kAbout = Qualifier::kAbout;

TEST_CASE("figures: English news forms", "[extract]") {
  Check({
      {"en", "capex of Rmb50bn ($7bn) in H1",
       {{kMoney, "Rmb50bn", 5e10, "CNY"}, {kMoney, "$7bn", 7e9, "USD"}}},
      {"en", "Rmb4.2bn and US$3.23 billion",
       {{kMoney, "Rmb4.2bn", 4.2e9, "CNY"}, {kMoney, "US$3.23 billion", 3.23e9, "USD"}}},
      {"en", "Just under half of the $800mn it put in", {{kMoney, "$800mn", 8e8, "USD"}}},
      {"en", "a cash pile of more than $50bn", {{kMoney, "$50bn", 5e10, "USD", kOver}}},
      {"en", "up 123 per cent from a year earlier", {{kPercent, "123 per cent", 123}}},
      {"en", "revenue rose 34% to approximately $5.6 billion",
       {{kPercent, "34%", 34}, {kMoney, "$5.6 billion", 5.6e9, "USD", kAbout}}},
      {"en", "revenues had more than doubled", {{kPercent, "doubled", 100, "", kOver, "change"}}},
      {"en", "Cambricon aims to triple its production", {{kPercent, "triple", 200, "", Qualifier::kNone, "change"}}},
      {"en", "margins fell 6 percentage points", {{kPercent, "6 percentage points", 6, "", Qualifier::kNone, "pp"}}},
      // A change by a fraction is that share as a percentage; "a third" alone
      // (an ordinal: "a third quarter") is none.
      {"en", "Baidu cut capex by a third to Rmb5bn", {{kPercent, "by a third", 100.0 / 3}, {kMoney, "Rmb5bn", 5e9, "CNY"}}},
      {"en", "sales fell by half in a third quarter", {{kPercent, "by half", 50}}},
      // Accounting negatives in parentheses after the currency.
      {"en", "a loss of $(1.2) billion, or $(0.12) a share", {{kMoney, "$(1.2) billion", -1.2e9, "USD"}, {kMoney, "$(0.12)", -0.12, "USD"}}},
      {"en", "less than 15 % of the total", {{kPercent, "15 %", 15, "", kUnder}}},
      {"en", "the price is £8.10m, or €2 million", {{kMoney, "£8.10m", 8.1e6, "GBP"}, {kMoney, "€2 million", 2e6, "EUR"}}},
      {"en", "Nvidia will ship more than a million of these",
       {{kNumber, "a million", 1e6, "", kOver}}},
      {"en", "two people familiar with the matter", {{kNumber, "two people", 2, "", Qualifier::kNone, "people"}}},
      {"en", "35 lakh rupees and Rs 500 crore",
       {{kMoney, "35 lakh rupees", 3.5e6, "INR"}, {kMoney, "Rs 500 crore", 5e9, "INR"}}},
      {"en", "fined $ 250,000 ; c $ 16.4 million", {{kMoney, "$ 250,000", 250000, "USD"}, {kMoney, "c $ 16.4 million", 16.4e6, "CAD"}}},
      {"en", "ranges from 1.5bn yen", {{kMoney, "1.5bn yen", 1.5e9, "JPY"}}},
      {"en", "shares fell 50 cents", {{kMoney, "50 cents", 50, "", Qualifier::kNone, "cent"}}},
      {"en", "thirteen dollars and forty-five cents", {{kMoney, "thirteen dollars and forty-five cents", 13.45, "USD"}}},
      // Half of a scale, not the scale ("a billion dollars" alone was read).
      {"en", "it spent more than half a billion dollars",
       {{kMoney, "half a billion dollars", 5e8, "USD", kOver}}},
      {"en", "half a million people and half a dozen", {{kNumber, "half a million people", 5e5, "", Qualifier::kNone, "people"},
                                                      {kNumber, "half a dozen", 6}}},
      // A fraction of a scale ("a million dollars" alone was read).
      {"en", "a quarter of a million dollars", {{kMoney, "a quarter of a million dollars", 2.5e5, "USD"}}},
      {"en", "three-quarters of a billion euros", {{kMoney, "three-quarters of a billion euros", 7.5e8, "EUR"}}},
      {"en", "two of the three companies", {{kNumber, "two", 2}, {kNumber, "three companies", 3, "", Qualifier::kNone, "companies"}}},
      // The start of a change takes what it lacks from its end; two figures.
      {"en", "revenue rose from 5 to 7 billion dollars",
       {{kMoney, "5", 5e9, "USD"}, {kMoney, "7 billion dollars", 7e9, "USD"}}},
      {"en", "from $5 to $7 billion", {{kMoney, "$5", 5e9, "USD"}, {kMoney, "$7 billion", 7e9, "USD"}}},
      {"en", "grew from 20 to 300 million users",
       {{kNumber, "20", 20, "", Qualifier::kNone, "users"}, {kNumber, "300 million users", 3e8, "", Qualifier::kNone, "users"}}},
      // "m" is a million before a counted noun, metres otherwise.
      {"en", "sales rose to 3.3m units", {{kNumber, "3.3m units", 3.3e6, "", Qualifier::kNone, "units"}}},
      {"en", "the 100m sprint", {{kNumber, "100m", 100, "", Qualifier::kNone, "m"}}},
  });
}

TEST_CASE("figures: ranges join both ends and share currency and scale", "[extract]") {
  auto f = Extract("between 3 and 4 billion dollars", "en");
  REQUIRE(f.size() == 1);
  CHECK(f[0].kind == kMoney);
  CHECK(f[0].currency == "USD");
  REQUIRE(f[0].low);
  REQUIRE(f[0].high);
  CHECK(*f[0].low == 3e9);
  CHECK(*f[0].high == 4e9);
  CHECK(f[0].value == 3e9);

  f = Extract("zu einem Preis von 12.000 bis 13.000 US-Dollar pro Einheit", "de");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "12.000 bis 13.000 US-Dollar");
  CHECK(f[0].currency == "USD");
  CHECK(*f[0].low == 12000);
  CHECK(*f[0].high == 13000);

  f = Extract("资本开支为120亿至130亿元", "zh");
  REQUIRE(f.size() == 1);
  CHECK(*f[0].low == 1.2e10);
  CHECK(*f[0].high == 1.3e10);
  CHECK(f[0].currency == "CNY");

  f = Extract("between 12,000-13,000 units", "en");
  REQUIRE(f.size() == 1);
  CHECK(*f[0].low == 12000);
  CHECK(*f[0].high == 13000);

  // The second end may touch the dash though letters come before it.
  for (const char* text : {"capex of Rmb50bn-60bn", "US$1.5bn-2bn"}) {
    f = Extract(text, "en");
    INFO(text);
    REQUIRE(f.size() == 1);
    REQUIRE(f[0].high);
    CHECK(*f[0].high == (f[0].currency == "CNY" ? 6e10 : 2e9));
  }

  // "from X to Y" is a change, not a range; a score is not a range either.
  f = Extract("sales rose from $5bn to $7bn", "en");
  REQUIRE(f.size() == 2);
  CHECK_FALSE(f[0].low);
  f = Extract("the team won 3-1", "en");
  for (const Figure& x : f) CHECK_FALSE(x.low);
}

TEST_CASE("figures: German", "[extract]") {
  Check({
      {"de", "der Umsatz stieg von 3 auf 4 Milliarden Euro",
       {{kMoney, "3", 3e9, "EUR"}, {kMoney, "4 Milliarden Euro", 4e9, "EUR"}}},
      {"de", "Kapitalausgaben von 50 Milliarden Renminbi (7 Milliarden US-Dollar)",
       {{kMoney, "50 Milliarden Renminbi", 5e10, "CNY"}, {kMoney, "7 Milliarden US-Dollar", 7e9, "USD"}}},
      {"de", "im ersten Halbjahr 4,2 Milliarden Renminbi ausgegeben", {{kMoney, "4,2 Milliarden Renminbi", 4.2e9, "CNY"}}},
      {"de", "mehr als 50 Milliarden US-Dollar", {{kMoney, "50 Milliarden US-Dollar", 5e10, "USD", kOver}}},
      {"de", "ein Umsatz von 1,2 Mrd. Euro", {{kMoney, "1,2 Mrd. Euro", 1.2e9, "EUR"}}},
      // German "Billion" is 10^12.
      {"de", "Schulden von 3 Billionen Euro", {{kMoney, "3 Billionen Euro", 3e12, "EUR"}}},
      {"de", "rund 5 Mio. Euro", {{kMoney, "5 Mio. Euro", 5e6, "EUR", kAbout}}},
      {"de", "zwei Milliarden Dollar", {{kMoney, "zwei Milliarden Dollar", 2e9, "USD"}}},
      {"de", "stieg um 176 Prozent", {{kPercent, "176 Prozent", 176}}},
      {"de", "haben ihre Ausgaben mehr als verdoppelt", {{kPercent, "verdoppelt", 100, "", kOver, "change"}}},
      {"de", "es kostet 1'000 Franken", {{kMoney, "1'000 Franken", 1000, "CHF"}}},
      {"de", "der Umsatz stieg um ein Drittel", {{kPercent, "um ein Drittel", 100.0 / 3}}},
      {"de", "anderthalb Millionen Möglichkeiten", {{kNumber, "anderthalb Millionen", 1.5e6}}},
  });
}

TEST_CASE("figures: Chinese", "[extract]") {
  Check({
      {"zh", "上半年资本开支合计230亿元", {{kMoney, "230亿元", 2.3e10, "CNY"}}},
      // The currency before the amount; "元" after it does not make it yuan.
      {"zh", "台积电营收新台币3000亿元", {{kMoney, "新台币3000亿元", 3e11, "TWD"}}},
      {"de", "Gewinn von 325,3 Mrd. Taiwan-Dollar", {{kMoney, "325,3 Mrd. Taiwan-Dollar", 3.253e11, "TWD"}}},
      {"es", "ingresos de 868.460 millones de dólares taiwaneses", {{kMoney, "868.460 millones de dólares taiwaneses", 8.6846e11, "TWD"}}},
      {"zh", "港币100亿元，美元100亿", {{kMoney, "港币100亿元", 1e10, "HKD"}, {kMoney, "美元100亿", 1e10, "USD"}}},
      // "数十亿" is several billion: no value to report ("数字" is no such word).
      {"zh", "投资数十亿美元，其中阿里巴巴投入50亿元", {{kMoney, "50亿元", 5e9, "CNY"}}},
      {"zh", "数字经济规模达50万亿元", {{kMoney, "50万亿元", 5e13, "CNY"}}},
      // "千万不要" (by all means do not), "万万没想到": idioms, not 10^7 or 10^8;
      // the same numerals before a currency or after another numeral count.
      {"zh", "他说：千万不要卖掉，公司投资千万元", {{kMoney, "千万元", 1e7, "CNY"}}},
      {"zh", "万万没想到，营收达三千万元", {{kMoney, "三千万元", 3e7, "CNY"}}},
      // "上百亿" is upwards of ten billion; "上一季度" the last quarter.
      {"zh", "公司投资上百亿元，上一季度营收50亿元", {{kMoney, "百亿元", 1e10, "CNY", kOver}, {kMoney, "50亿元", 5e9, "CNY"}}},
      {"zh", "投资五十亿", {{kNumber, "五十亿", 5e9}}},
      {"zh", "共一千二百台", {{kNumber, "一千二百台", 1200, "", Qualifier::kNone, "台"}}},
      {"zh", "超过50亿美元", {{kMoney, "50亿美元", 5e9, "USD", kOver}}},
      {"zh", "逾4.78万亿元", {{kMoney, "4.78万亿元", 4.78e12, "CNY", kOver}}},
      {"zh", "同比增长百分之十二", {{kPercent, "百分之十二", 12}}},
      {"zh", "提高了6个百分点", {{kPercent, "6个百分点", 6, "", Qualifier::kNone, "pp"}}},
      {"zh", "约8亿元人民币", {{kMoney, "8亿元人民币", 8e8, "CNY", kAbout}}},
      {"zh", "营收翻了一番", {{kPercent, "翻了一番", 100, "", Qualifier::kNone, "change"}}},
      {"zh", "打八五折", {{kPercent, "八五折", 85}}},
      {"zh", "五分之一的用户", {{kNumber, "五分之一", 0.2}}},
      // Numerals inside words are not numbers; a lone "one" is an article,
      // unless it is a multiple ("一倍", one-fold).
      {"zh", "三星和四川的一些公司", {}},
      {"zh", "一家公司", {}},
      {"zh", "收入增长超过一倍", {{kNumber, "一倍", 1, "", kOver, "x"}}},
  });
}

TEST_CASE("figures: Japanese", "[extract]") {
  Check({
      {"ja", "売上高は2300億円だった", {{kMoney, "2300億円", 2.3e11, "JPY"}}},
      {"ja", "投資額は5000億円超", {{kMoney, "5000億円", 5e11, "JPY", kOver}}},
      {"ja", "全体の３割を占める", {{kPercent, "３割", 30}}},
      {"ja", "前年比１２．５％増", {{kPercent, "１２．５％", 12.5}}},
      {"ja", "約50パーセント", {{kPercent, "50パーセント", 50, "", kAbout}}},
      {"ja", "1ドル＝150円", {{kMoney, "1ドル", 1, "USD"}, {kMoney, "150円", 150, "JPY"}}},
  });
}

TEST_CASE("figures: French, Spanish, Portuguese", "[extract]") {
  Check({
      {"fr", "4,2 milliards d'euros", {{kMoney, "4,2 milliards d'euros", 4.2e9, "EUR"}}},
      {"fr", "48 milliards de $ d'actifs", {{kMoney, "48 milliards de $", 4.8e10, "USD"}}},
      {"fr", "les ventes ont baissé de moitié", {{kPercent, "de moitié", 50}}},
      {"es", "las ventas cayeron en un tercio", {{kPercent, "en un tercio", 100.0 / 3}}},
      // An indefinite article between the qualifier and the digits.
      {"es", "creció más de un 50 %, cerca de un 40 % en Europa", {{kPercent, "50 %", 50, "", kOver}, {kPercent, "40 %", 40, "", kAbout}}},
      {"es", "más de un millón de unidades", {{kNumber, "un millón", 1e6, "", kOver}}},
      // French "billion" is 10^12; a narrow no-break space groups thousands.
      {"fr", "3 billions d'euros et 1\u202F000,5 euros",
       {{kMoney, "3 billions d'euros", 3e12, "EUR"}, {kMoney, "1\u202F000,5 euros", 1000.5, "EUR"}}},
      {"fr", "plus de 10 pour cent", {{kPercent, "10 pour cent", 10, "", kOver}}},
      {"es", "4.000 millones de dólares", {{kMoney, "4.000 millones de dólares", 4e9, "USD"}}},
      {"es", "5 mil millones de dólares y 3 billones de euros",
       {{kMoney, "5 mil millones de dólares", 5e9, "USD"}, {kMoney, "3 billones de euros", 3e12, "EUR"}}},
      {"es", "más del 15 por ciento", {{kPercent, "15 por ciento", 15}}},
      // "hasta" after a verb of change is "to", not "up to".
      {"es", "la elevó hasta 23.000 millones de yuanes", {{kMoney, "23.000 millones de yuanes", 23e9, "CNY"}}},
      {"es", "hasta un máximo de 500 millones de euros", {{kMoney, "500 millones de euros", 5e8, "EUR", kUnder}}},
      {"es", "cuarenta y siete coma veintiocho", {{kNumber, "cuarenta y siete coma veintiocho", 47.28}}},
      {"pt", "R$ 5 bilhões e US$ 3,2 bilhões", {{kMoney, "R$ 5 bilhões", 5e9, "BRL"}, {kMoney, "US$ 3,2 bilhões", 3.2e9, "USD"}}},
      {"pt", "cerca de 25 por cento", {{kPercent, "25 por cento", 25, "", kAbout}}},
      {"pt", "três milhões e meio", {{kNumber, "três milhões e meio", 3.5e6}}},
      // Mexican and Brazilian papers join digit groups with "mil": 167,200
      // millones; "mdd" is millones de dólares.
      {"es", "ingresos por 167 mil 200 millones de yuanes (23 mil 500 mdd)",
       {{kMoney, "167 mil 200 millones de yuanes", 167.2e9, "CNY"}, {kMoney, "23 mil 500 mdd", 23.5e9, "USD"}}},
      {"es", "invirtió 800 mdd, unos 15 mil 800 millones de pesos",
       {{kMoney, "800 mdd", 8e8, "USD"}, {kMoney, "15 mil 800 millones de pesos", 15.8e9, "", kAbout}}},
      {"es", "vendió 3 mil 500 unidades y 2 mil millones de dólares",
       {{kNumber, "3 mil 500 unidades", 3500, "", Qualifier::kNone, "unidades"},
        {kMoney, "2 mil millones de dólares", 2e9, "USD"}}},
      {"pt", "R$ 1 mil 200 milhões", {{kMoney, "R$ 1 mil 200 milhões", 1.2e9, "BRL"}}},
      // Québec: "G$" is a billion dollars, "$ CA" Canadian dollars; "5 G"
      // without a currency is no amount.
      {"fr", "50 milliards de yuans (7 G$ US), 2 G$ canadiens, la 5 G",
       {{kMoney, "50 milliards de yuans", 5e10, "CNY"}, {kMoney, "7 G$ US", 7e9, "USD"},
        {kMoney, "2 G$ canadiens", 2e9, "CAD"}, {kNumber, "5", 5}}},
  });
}

TEST_CASE("figures: Russian", "[extract]") {
  Check({
      {"ru", "капвложения составили $1.5 трлн", {{kMoney, "$1.5 трлн", 1.5e12, "USD"}}},
      {"ru", "около 5 млрд рублей", {{kMoney, "5 млрд рублей", 5e9, "RUB", kAbout}}},
      {"ru", "более 3 млн долларов США", {{kMoney, "3 млн долларов США", 3e6, "USD", kOver}}},
      {"ru", "пять миллиардов рублей", {{kMoney, "пять миллиардов рублей", 5e9, "RUB"}}},
      {"ru", "выручка выросла на 10 процентов", {{kPercent, "10 процентов", 10}}},
      {"ru", "выручка выросла на треть, прибыль сократилась наполовину",
       {{kPercent, "на треть", 100.0 / 3}, {kPercent, "наполовину", 50}}},
      {"ru", "рост на 3,5%", {{kPercent, "3,5%", 3.5}}},
      {"ru", "выручка выросла вдвое", {{kPercent, "вдвое", 100, "", Qualifier::kNone, "change"}}},
      {"ru", "12 000 долларов", {{kMoney, "12 000 долларов", 12000, "USD"}}},
      {"ru", "26 августа 2024 года компания потратила 50 млрд юаней", {{kMoney, "50 млрд юаней", 5e10, "CNY"}}},
      // A singular scale noun alone is one of it; plurals alone are vague.
      {"ru", "более миллиарда долларов", {{kMoney, "миллиарда долларов", 1e9, "USD", kOver}}},
      {"ru", "миллионы пользователей и сотни миллионов долларов", {}},
      // полтора (1.5), пол- (half) written as one word.
      {"ru", "около полутора миллиардов долларов", {{kMoney, "полутора миллиардов долларов", 1.5e9, "USD", kAbout}}},
      {"ru", "полмиллиона рублей", {{kMoney, "полмиллиона рублей", 5e5, "RUB"}}},
      {"ru", "выручка выросла в полтора раза", {{kNumber, "полтора раза", 1.5, "", Qualifier::kNone, "x"}}},
  });
}

TEST_CASE("figures: Korean amounts glued to their currency or counter", "[extract]") {
  // "억원", "만원": the numeral is followed by the currency without a space,
  // which is how Korean news writes money.
  Check({
      {"ko", "매출은 5억원이다", {{kMoney, "5억원", 5e8, "KRW"}}},
      {"ko", "300만원입니다", {{kMoney, "300만원", 3e6, "KRW"}}},
      {"ko", "월급은 2백만원", {{kMoney, "2백만원", 2e6, "KRW"}}},
      {"ko", "영업이익 5000억원", {{kMoney, "5000억원", 5e11, "KRW"}}},
      {"ko", "관객 300만명", {{kNumber, "300만명", 3e6, "", Qualifier::kNone, "명"}}},
      {"ko", "점유율 20퍼센트", {{kPercent, "20퍼센트", 20}}},
      // Words that start with a numeral syllable are words.
      {"ko", "삼성전자는 구조조정과 사업 재편을 발표했다", {}},
      {"ko", "이번 조사에서 일본 기업의 일부가 이상 징후를 보였다", {}},
      {"ko", "그 구조를 바꾸다. 오만과 편견", {}},
      {"ko", "관객 천만 명", {{kNumber, "천만 명", 1e7, "", Qualifier::kNone, "명"}}},
  });
}

TEST_CASE("figures: the yen sign follows the language and the article", "[extract]") {
  CHECK(Extract("营收¥50亿", "zh").at(0).currency == "CNY");
  CHECK(Extract("売上¥500", "ja").at(0).currency == "JPY");
  CHECK(Extract("Chinese tech group Alibaba spent ¥5bn in Beijing", "en").at(0).currency == "CNY");
  CHECK(Extract("Toyota spent ¥5bn in Japan", "en").at(0).currency == "JPY");
}

TEST_CASE("figures: chips from the gazetteer, whole words only", "[extract]") {
  auto f = Extract("China can buy Nvidia's H20, not the H100 or H200; Huawei's Ascend 910C and AMD's MI300X compete.",
                   "en");
  std::vector<std::string> chips;
  for (const Figure& x : f) {
    if (x.kind == FigureKind::kChip) chips.push_back(x.chip + "/" + x.vendor);
  }
  CHECK(chips == std::vector<std::string>{"H20/Nvidia", "H100/Nvidia", "H200/Nvidia", "Ascend 910C/Huawei",
                                          "MI300X/AMD"});
  CHECK(Extract("华为昇腾910B芯片", "zh").at(0).chip == "Ascend 910B");
  // No chip inside other tokens, and ambiguous names need context.
  CHECK(Extract("H2O and H20O are molecules; Tencent paid", "en").empty());
  CHECK(Extract("Blackwell is a town in England", "en").empty());
  CHECK(Extract("Nvidia's upcoming Blackwell series", "en").at(0).chip == "Blackwell");
}

TEST_CASE("figures: dates, times, years, labels and furniture are not figures", "[extract]") {
  for (const char* text : {
           "date 2024-08-26 + ↺ − 16 px",
           "Aug 26, 2024 13:21",
           "Since 2023, Alibaba and Tencent",
           "the COVID-19 pandemic",
           "No. 5 in the ranking",
           "call +1 212 555 0100",
           "Tencent (0700.HK) and Baidu",
           "see https://example.com/a?q=30%25 for more",
           "1991年1月16日晚",
           "am 26. August 2024",
           "le 26 août 2024",
           "5G networks and 3D printers",
       }) {
    INFO(text);
    CHECK(Describe(Extract(text, "")) == "");
  }
  // A year is reported when it counts something.
  auto f = Extract("more than 2000 employees", "en");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 2000);
  CHECK(f[0].unit == "employees");
  // A month name inside a word is no date: "pago" holds "ago" (agosto).
  auto paid = Extract("teriam pago 80 USD milhões", "pt");
  REQUIRE(paid.size() == 1);
  CHECK(paid[0].value == 80000000);
  CHECK(paid[0].currency == "USD");
  CHECK(Describe(Extract("dismay 5 times", "en")) != "");
}

TEST_CASE("figures: resolution is the place of the last stated digit", "[extract]") {
  struct R {
    const char* text;
    const char* lang;
    double resolution;
  };
  for (const R& r : {R{"$7bn", "en", 1e9}, R{"$3.22bn", "en", 1e7}, R{"Rmb4.2bn", "en", 1e8}, R{"12,000 units", "en", 1},
                     R{"3 million people", "en", 1e6}, R{"五十亿元", "zh", 1e9}, R{"4,2 Milliarden Euro", "de", 1e8},
                     // Spelled-out fractions: like the digits they stand for.
                     R{"one and a half billion dollars", "en", 1e8}, R{"a billion and a half dollars", "en", 1e8},
                     R{"five billion and three quarters", "en", 1e7}, R{"a quarter of a million dollars", "en", 2.5e4}}) {
    auto f = Extract(r.text, r.lang);
    INFO(r.text);
    REQUIRE(f.size() == 1);
    CHECK(Near(f[0].resolution, r.resolution));
  }
  // A value is never rounded to a place it does not have.
  auto f = Extract("six million and two thirds", "en");
  REQUIRE(f.size() == 1);
  CHECK(Near(f[0].value, 6e6 + 2.0 / 3 * 1e6));
}

TEST_CASE("figures: offsets point into the original text after normalisation", "[extract]") {
  std::string text = "营收：１２３亿元，增长“５０％”";
  auto f = Extract(text, "zh");
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "１２３亿元");
  CHECK(f[0].value == 1.23e10);
  CHECK(text.substr(f[1].start, f[1].end - f[1].start) == "５０％");
  CHECK(f[1].value == 50);
}

TEST_CASE("figures: the language is detected when not given", "[extract]") {
  auto f = Extract("Der Konzern hat im ersten Halbjahr 3 Billionen Euro ausgegeben, mehr als im Vorjahr.", "");
  REQUIRE(f.size() == 1);
  CHECK(f[0].value == 3e12);  // German long scale, so the language was found
}

TEST_CASE("figures: names of kinds and qualifiers round-trip", "[extract]") {
  CHECK(FigureKindName(FigureKind::kMoney) == "money");
  CHECK(FigureKindName(FigureKind::kChip) == "chip");
  for (Qualifier q : {Qualifier::kOver, Qualifier::kUnder, Qualifier::kAbout}) {
    CHECK(QualifierFromName(QualifierName(q)) == q);
  }
  CHECK(QualifierName(Qualifier::kNone).empty());
  CHECK(QualifierFromName("nonsense") == Qualifier::kNone);
}

TEST_CASE("figures: user lexicons extend the built-in ones", "[extract]") {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir.path() / "figures_currencies.tsv", "VND\tpost\t*\t-\tđồng|dong\n");
  testing::WriteFile(dir.path() / "chips.tsv", "chip\tZeta 9\tAcme\t-\tZeta 9|Zeta9\n");
  SetLexiconDirs({dir.path().string()});
  auto fx = FigureExtractor::Create();
  SetLexiconDirs({});
  REQUIRE(fx.ok());
  auto f = (*fx)->Extract("Acme sold its Zeta9 for 5 million dong", "en");
  REQUIRE(f.size() == 2);
  CHECK(f[0].chip == "Zeta 9");
  CHECK(f[0].vendor == "Acme");
  CHECK(f[1].currency == "VND");
  CHECK(f[1].value == 5e6);
}

TEST_CASE("figures: a malformed user lexicon is reported with file and line", "[extract]") {
  testing::ScopedTempDir dir;
  testing::WriteFile(dir.path() / "figures_scales.tsv", "lots\ten\t-\tgazillion\n");
  SetLexiconDirs({dir.path().string()});
  auto fx = FigureExtractor::Create();
  SetLexiconDirs({});
  REQUIRE_FALSE(fx.ok());
  CHECK(fx.status().code() == Status::Code::kInvalidArgument);
  CHECK(fx.status().message().find("figures_scales.tsv:") != std::string::npos);
}

TEST_CASE("figures: Extract is safe to call from many threads", "[extract]") {
  const std::string text = "Alibaba spent Rmb50bn ($7bn), up 123 per cent; Nvidia's H20 costs 12.000 bis 13.000 US-Dollar.";
  const std::vector<Figure> want = Extract(text, "en");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto got = Extract(text, i % 2 ? "en" : "de");
        if (i % 2 && got.size() == want.size()) ++ok[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) CHECK(v == 25);
}

TEST_CASE("figures: a vulgar fraction is a number of its own, not run into the digits around it", "[extract]") {
  // NFKC writes "½" as "1⁄2": "1½" must stay 1 1/2, not become 11/2.
  Check({
      {"en", "a $1½ million grant", {{kMoney, "$1½ million", 1.5e6, "USD"}}},
      {"en", "rates rose 3¼% and then ½ a point", {{kPercent, "3¼%", 3.25}, {kNumber, "½", 0.5}}},
      {"de", "4¾ Prozent", {{kPercent, "4¾ Prozent", 4.75}}},
  });
}

TEST_CASE("figures: figures that share one expanded source character do not overlap", "[extract]") {
  // Found by figures_fuzz: each figure boundary fell inside what NFKC made
  // of one source character, and both took the whole character.
  for (std::string text : {"0～1⁄0¼0", " Mrd.n sownds like \uFFFD0～1⁄0¼\uFFFD0～18er", "⒈⒉5 ⑴2 ½¼¾", "⒊¼＄⑵２％ 1", "3２亿½⒊万", "％㉑，¾68万"}) {
    for (const char* lang : {"en", "de", "zh", "ja", ""}) {
      INFO(lang << ": " << text);
      std::size_t last_end = 0;
      for (const Figure& f : Extract(text, lang)) {
        CHECK(f.start >= last_end);
        CHECK(f.end <= text.size());
        CHECK(text.substr(f.start, f.end - f.start) == f.text);
        last_end = f.end;
      }
    }
  }
}

TEST_CASE("figures: a long run of number words that is no number is read in linear time", "[extract]") {
  // Each of these once sent every prefix of the run to ICU's spell-out
  // parser: 20 KB of Russian took minutes.
  struct Soup {
    const char* lang;
    const char* words;
  };
  for (const Soup& soup : {Soup{"ru", "четыре семь шестьдесят двести тысяча "}, Soup{"de", "sieben und zwanzig hundert "},
                           Soup{"en", "one and two and "}, Soup{"fr", "quatre vingt et soixante dix "},
                           Soup{"nl", "twaalf en honderd "}, Soup{"es", "cuatro y veinte mil "}}) {
    std::string text;
    while (text.size() < 20000) text += soup.words;
    auto f = Extract(text, soup.lang);
    INFO(soup.lang);
    CHECK(!f.empty());
    for (const Figure& x : f) CHECK(text.substr(x.start, x.end - x.start) == x.text);
  }
}

TEST_CASE("figures: hostile input does not break the scanner", "[extract]") {
  CHECK(Extract("", "en").empty());
  std::string digits(100000, '9');
  auto f = Extract(digits, "en");
  CHECK(f.size() <= 1);
  std::string mixed;
  for (int i = 0; i < 2000; ++i) mixed += "1,2.3'4 5亿$€%-";
  (void)Extract(mixed, "zh");
  (void)Extract(mixed, "xx-YY");
  SUCCEED();
}

}  // namespace
}  // namespace newsfacts
