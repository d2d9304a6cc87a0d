// Table-driven tests of the fact extractor, per language: cue phrases
// (changes, comparisons, lists, conversions, modality, references) and
// period expressions, in short sentences written for these tests. Each
// expectation is a JSON object in the corpus/expected format (see
// fact_matching.h); a case also fixes how many facts the text gives.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fact_matching.h"
#include "newsfacts/facts.h"
#include "newsfacts/lexicon.h"
#include "test_util.h"

using namespace newsfacts;
using namespace newsfacts::testing;

namespace {

struct Case {
  const char* lang;
  const char* published;
  const char* text;
  std::vector<const char*> expected;  // JSON facts that must come out
  int count;                          // number of facts, or -1 for any
};

std::vector<Fact> FactsOf(const FactExtractor& fx, const char* lang, const char* published,
                          const std::string& text) {
  Article a;
  a.url = "https://news.example/story";
  a.lang = lang;
  a.published = published;
  a.text = text;
  return fx.Extract(a);
}

void CheckCases(const std::vector<Case>& cases, const FactExtractor& fx = FactExtractor::Default()) {
  for (const Case& c : cases) {
    std::vector<Fact> got = FactsOf(fx, c.lang, c.published, c.text);
    INFO(c.lang << ": " << c.text);
    for (const Fact& f : got) UNSCOPED_INFO("got: " << Describe(f));
    for (const char* e : c.expected) {
      nlohmann::json want = nlohmann::json::parse(e);
      bool found = false;
      for (const Fact& f : got) found |= FactMatches(want, f);
      INFO("expected " << e);
      CHECK(found);
    }
    if (c.count >= 0) CHECK(static_cast<int>(got.size()) == c.count);
  }
}

}  // namespace

TEST_CASE("FactExtractor reads English cue phrases", "[extract]") {
  CheckCases({
      {"en", "2024-08-15", "Tencent's revenue rose 8% to $20bn in the second quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "unit": "USD", "change_pct": 8})"}, 1},
      {"en", "2024-08-15", "Baidu's net profit fell 12 per cent to Rmb5bn in the first half, compared with Rmb5.7bn a year earlier.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "value": 5000000000, "unit": "CNY", "change_pct": -12})", R"({"entity": "Baidu", "metric": "net_income", "period": "2023-H1", "value": 5700000000, "unit": "CNY"})"}, 2},
      {"en", "2024-12-10", "Huawei is on course to ship about 450,000 Ascend 910B accelerators this year.", {R"({"entity": "Huawei Ascend 910B", "metric": "shipments", "period": "2024", "value": 450000, "unit": "units", "qualifier": "about", "modality": "forecast"})"}, 1},
      // "last year" in a relative clause of the subject is not the figure's period.
      {"en", "2024-08-27", "Alibaba's capital expenditure rose 123% to 23 billion yuan in the first half. Baidu, which beat its rivals to market with a chatbot last year, lifted its capital expenditure by 4% to 4.2 billion yuan.", {R"({"entity": "Alibaba", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY", "change_pct": 123})", R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "value": 4200000000, "unit": "CNY", "change_pct": 4})"}, 2},
      // A change and an amount that each name their metric are two facts.
      {"en", "2024-12-10", "Nvidia shares fell 2.5% on Monday, leaving the company with a market value of about $3.4 trillion.", {R"({"entity": "Nvidia", "metric": "share_price", "period": null, "value": null, "change_pct": -2.5})", R"({"entity": "Nvidia", "metric": "market_value", "period": null, "value": 3400000000000, "unit": "USD", "qualifier": "about"})"}, 2},
      // "It" with a change verb stands for what the sentence before was about;
      // the period after a value compared with the main one, set off by a
      // comma, is that value's, so the main one keeps the story's quarter.
      {"en", "2024-11-14", "Tencent reported results on Wednesday. Capital expenditure more than doubled in the third quarter. It rose 114 per cent year on year to Rmb17.1bn, compared with Rmb23bn for the whole of the first half.", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-Q3", "value": 17100000000, "unit": "CNY", "change_pct": 114})", R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})"}, -1},
      // "the corresponding period of 2023" is the same sub-period a year earlier.
      {"en", "2024-08-28", "Tencent spent Rmb23bn on capital expenditure in the six months to the end of June, against Rmb10bn in the corresponding period of 2023.", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})", R"({"entity": "Tencent", "metric": "capex", "period": "2023-H1", "value": 10000000000, "unit": "CNY"})"}, 2},
      // "Sept" without a dot is September; Portuguese "4.º trimestre" a quarter.
      {"en", "2024-11-19", "Xiaomi's revenue for the three months to Sept 30 rose 30.5 per cent to Rmb92.5bn.", {R"({"entity": "Xiaomi", "metric": "revenue", "period": "2024-Q3", "value": 92500000000, "unit": "CNY", "change_pct": 30.5})"}, 1},
      {"pt", "2025-03-20", "As receitas da Tencent no 4.º trimestre de 2024 cresceram 11%, para 172,4 mil milhões de yuans.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q4", "value": 172400000000, "unit": "CNY", "change_pct": 11})"}, 1},
      // A closing price or market value on a named day is that day's; results
      // said on a day keep their month as before.
      {"en", "2024-11-14", "Tencent shares closed at HK$406.40 on Wednesday (Nov 13).", {R"({"entity": "Tencent", "metric": "share_price", "period": "2024-11-13", "value": 406.4, "unit": "HKD"})"}, 1},
      {"en", "2025-01-17", "TSMC shares closed at NT$1,095 on 16 January.", {R"({"entity": "TSMC", "metric": "share_price", "period": "2025-01-16", "value": 1095, "unit": "TWD"})"}, 1},
      // Without the comma the period is the main value's too.
      {"en", "2024-08-15", "Tencent's revenue rose to Rmb50bn from Rmb23bn in the first half.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 50000000000, "unit": "CNY"})"}, 2},
      // Money put into capital projects, not into a company, is capex.
      {"en", "2024-08-29", "Alibaba, Tencent and Baidu together put about $7 billion into capital projects in the first half.", {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 7000000000, "unit": "USD", "qualifier": "about"})"}, 1},
      // The rounded change restates the exact one: one fact.
      {"en", "2024-11-22", "Tencent's capital expenditure in the third quarter more than doubled, rising 114 per cent to 17.1 billion yuan.", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-Q3", "value": 17100000000, "unit": "CNY", "change_pct": 114})"}, 1},
      // "each" after a list: one fact per member ("$12,000 each" stays a price).
      {"en", "2024-08-29", "Baidu's capital expenditure rose 4% to 4.2 billion yuan in the first half. Alibaba and Tencent each spent roughly 23 billion yuan over the same period.", {R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "value": 4200000000, "unit": "CNY", "change_pct": 4})", R"({"entity": "Alibaba", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY", "qualifier": "about"})", R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY", "qualifier": "about"})"}, 3},
      {"de", "2024-08-29", "Alibaba und Tencent gaben im ersten Halbjahr jeweils 23 Milliarden Yuan für Investitionen aus.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})", R"({"entity": "Tencent", "metric": "investment", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})"}, 2},
      // The forecast is of the shipments; the price after them is the going one.
      {"en", "2024-10-15", "Analysts expect Nvidia to ship more than 1 million H20 chips, at $12,000 to $13,000 each.", {R"({"entity": "Nvidia H20", "metric": "shipments", "period": null, "value": 1000000, "unit": "units", "qualifier": "over", "modality": "forecast"})", R"({"entity": "Nvidia H20", "metric": "unit_price", "period": null, "value": 12000, "unit": "USD", "low": 12000, "high": 13000, "modality": "actual"})"}, 2},
      // "AI" qualifies "Cloud" (the unit's name); in an apposition it describes the company.
      {"en", "2024-11-22", "Baidu said revenue at its AI Cloud unit grew 11% to 4.9 billion yuan in the third quarter.", {R"({"entity": "Baidu", "metric": "cloud_revenue", "period": "2024-Q3", "value": 4900000000, "unit": "CNY", "change_pct": 11})"}, 1},
      {"en", "2024-12-10", "Cambricon, a Beijing-based AI chip designer, reported revenue growth of more than 4,000% in the first half.", {R"({"entity": "Cambricon", "metric": "revenue", "period": "2024-H1", "value": null, "change_pct": 4000, "qualifier": "over"})"}, 1},
      // A result without a period of its own is of the period the story is
      // about, stated just before without a figure; a level (cash) is not.
      {"en", "2024-11-16", "Alibaba's cloud business grew at its fastest pace in two years in the July-September quarter. Revenue at the cloud unit rose 34% to $5.6bn, the company said. ByteDance has a cash pile of more than $50bn.", {R"({"entity": "Alibaba", "metric": "cloud_revenue", "period": "2024-Q3", "value": 5600000000, "unit": "USD", "change_pct": 34})", R"({"entity": "ByteDance", "metric": "cash", "period": null, "value": 50000000000, "unit": "USD", "qualifier": "over"})"}, 2},
      {"en", "2024-08-15", "Baidu cut its capital expenditure by a third to Rmb5bn in the first half.", {R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "value": 5000000000, "unit": "CNY", "change_pct": -33.333333333333336})"}, 1},
      {"en", "2024-11-20", "Alibaba expects cloud revenue to grow 20% next year.", {R"({"entity": "Alibaba", "metric": "cloud_revenue", "period": "2025", "value": null, "change_pct": 20, "modality": "forecast"})"}, 1},
      {"en", "2024-05-02", "Huawei plans to invest $10bn over the next three years.", {R"({"entity": "Huawei", "metric": "investment", "period": "2024..2026", "value": 10000000000, "unit": "USD", "modality": "plan"})"}, 1},
      {"en", "2024-05-02", "In February, Alibaba put $500mn into Zhipu AI.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024-02", "value": 500000000, "unit": "USD"})"}, 1},
      {"en", "2024-06-20", "Nvidia's market value reached $3tn this year.", {R"({"entity": "Nvidia", "metric": "market_value", "period": "2024", "value": 3000000000000, "unit": "USD"})"}, 1},
      {"en", "2024-11-20", "JD.com said revenue in the July-to-September quarter was $36bn. The company's net income more than doubled in the same quarter.", {R"({"entity": "JD.com", "metric": "revenue", "period": "2024-Q3", "value": 36000000000, "unit": "USD"})", R"({"entity": "JD.com", "metric": "net_income", "period": "2024-Q3", "value": null, "change_pct": 100, "qualifier": "over"})"}, 2},
      {"en", "2024-09-01", "Xiaomi may sell more phones. Analysts predict Xiaomi will ship 40 million of its SU7 cars.", {R"({"entity": "Xiaomi", "metric": "shipments", "period": null, "value": 40000000, "unit": "units", "modality": "forecast"})"}, 1},
      {"en", "2024-08-30", "Meta and Microsoft together spent $30bn on capital expenditure in the second quarter, up from $20bn a year earlier.", {R"({"entity": "Meta+Microsoft", "metric": "capex", "period": "2024-Q2", "value": 30000000000, "unit": "USD"})", R"({"entity": "Meta+Microsoft", "metric": "capex", "period": "2023-Q2", "value": 20000000000, "unit": "USD", "modality": "actual"})"}, 2},
      {"en", "", "Tencent's capital expenditure rose 50 per cent in the first half.", {R"({"entity": "Tencent", "metric": "capex", "period": null, "period_hint": "H1", "value": null, "change_pct": 50})"}, 1},
      {"en", "2024-08-26", "Font size 16 px. Published Aug 26, 2024 at 10:30.", {}, 0},
      {"en", "2024-08-26", "Amazon, Alphabet and Meta raised capital spending by 40 per cent in the six months to June.", {R"({"entity": "Amazon+Alphabet+Meta", "metric": "capex", "period": "2024-H1", "value": null, "change_pct": 40})"}, 1},
      {"en", "2024-10-10", "Cambricon's revenue jumped 300% in the first quarter, and the company expects revenue to double in 2025.", {R"({"entity": "Cambricon", "metric": "revenue", "period": "2024-Q1", "change_pct": 300})"}, -1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the first half, against $15bn a year earlier.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the first half. A year earlier, its revenue was $15bn.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"en", "2024-08-20", "Tencent (TCEHY) said revenue rose 8 per cent year on year to $20bn in the second quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "change_pct": 8})"}, 1},
      {"en", "2024-08-20", "BABA's cloud revenue more than doubled in the second quarter.", {R"({"entity": "Alibaba", "metric": "cloud_revenue", "period": "2024-Q2", "change_pct": 100, "qualifier": "over"})"}, 1},
      {"en", "2024-08-20", "Baidu's net income declined 5% to Rmb6bn ($840mn) in the first half.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "value": 6000000000, "unit": "CNY", "change_pct": -5, "alt": [{"value": 840000000, "unit": "USD"}]})"}, 1},
      {"en", "2024-08-20", "ByteDance will spend $20bn on AI chips next year, according to people familiar with the matter.", {R"({"entity": "ByteDance", "metric": "investment", "period": "2025", "value": 20000000000, "modality": "plan"})"}, 1},
      {"en", "2024-08-20", "Analysts expect Nvidia's revenue to reach $120bn next year.", {R"({"entity": "Nvidia", "metric": "revenue", "period": "2025", "value": 120000000000, "modality": "forecast"})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves English period expressions", "[extract]") {
  CheckCases({
      // A segment's revenue is not the company's: metric "other", so that it
      // never conflicts with the group's revenue.
      {"en", "2024-11-14", "Tencent's marketing services revenue rose 17% to Rmb30bn in the third quarter.",
       {R"({"entity": "Tencent", "metric": "other", "period": "2024-Q3", "value": 30000000000, "unit": "CNY", "change_pct": 17})"}, 1},
      {"en", "2024-11-14", "Tencent's revenue rose 8% to Rmb167bn in the third quarter, helped by games and advertising.",
       {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q3", "value": 167000000000, "unit": "CNY", "change_pct": 8})"}, 1},
      {"zh", "2024-11-13", "第三季度腾讯营销服务收入为300亿元，同比增长17%。",
       {R"({"entity": "Tencent", "metric": "other", "period": "2024-Q3", "value": 30000000000, "unit": "CNY", "change_pct": 17})"}, 1},
      // "since January" is the year to date, not January.
      {"en", "2024-11-14", "Tencent's Hong Kong-listed shares have gained about 35 per cent since January.",
       {R"({"entity": "Tencent", "metric": "share_price", "period": "2024", "change_pct": 35, "qualifier": "about"})"}, 1},
      // "this month" is the article's month; "valued itself at" a valuation.
      {"en", "2024-12-19", "In a share buyback offered to employees this month, ByteDance valued itself at about $300bn.",
       {R"({"entity": "ByteDance", "metric": "market_value", "period": "2024-12", "value": 300000000000, "unit": "USD", "qualifier": "about"})"}, 1},
      {"zh", "2024-11-22", "阿里巴巴本月市值约为2000亿美元。", {R"({"entity": "Alibaba", "metric": "market_value", "period": "2024-11", "value": 200000000000, "unit": "USD", "qualifier": "about"})"}, 1},
      {"en", "2024-10-15", "Cambricon shares have more than doubled since the start of the year.", {R"({"entity": "Cambricon", "metric": "share_price", "period": "2024", "value": null, "change_pct": 100, "qualifier": "over"})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the first half.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in H1.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the first half of 2023.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the second quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in Q2.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the April-June quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the quarter to June.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in February.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn this year.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn last year.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in 2022.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in fiscal 2023.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn between 2025 and 2027.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2025..2027", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the first six months.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the third quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q3", "value": 20000000000})"}, 1},
      {"en", "2024-08-20", "Tencent's revenue was $20bn in the fourth quarter.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023-Q4", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads German cue phrases", "[extract]") {
  CheckCases({
      // "im vergangenen Jahr" in a sentence without figures is the year the
      // results that follow are about.
      {"de", "2025-03-19", "Xiaomi hat im vergangenen Jahr so viel umgesetzt wie nie zuvor. Der Umsatz des Pekinger Elektronikkonzerns stieg gegenüber dem Vorjahr um 35 Prozent auf 365,9 Mrd. Yuan.", {R"({"entity": "Xiaomi", "metric": "revenue", "period": "2024", "value": 365900000000, "unit": "CNY", "change_pct": 35})"}, 1},
      {"de", "2024-08-15", "Der Umsatz von Tencent stieg im zweiten Quartal um 8 Prozent auf 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "unit": "USD", "change_pct": 8})"}, 1},
      {"de", "2024-08-15", "Baidus Nettogewinn lag im ersten Halbjahr bei 5 Milliarden Yuan, nach 4 Milliarden Yuan im Vorjahr.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "value": 5000000000, "unit": "CNY"})", R"({"entity": "Baidu", "metric": "net_income", "period": "2023-H1", "value": 4000000000, "unit": "CNY"})"}, 2},
      {"de", "2024-09-10", "Analysten erwarten, dass Huawei im nächsten Jahr 500.000 Chips ausliefert.", {R"({"entity": "Huawei", "metric": "shipments", "period": "2025", "value": 500000, "unit": "units", "modality": "forecast"})"}, 1},
      {"de", "2024-03-10", "Im Februar investierte Alibaba 800 Millionen US-Dollar in das Start-up Moonshot.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024-02", "value": 800000000, "unit": "USD"})"}, 1},
      {"de", "2024-11-16", "Alibaba hat ehrgeizige Pläne. Der Konzern plant, in den Jahren 2025 bis 2027 insgesamt 50 Milliarden Euro in Rechenzentren zu investieren.", {R"({"entity": "Alibaba", "metric": "capex", "period": "2025..2027", "value": 50000000000, "unit": "EUR", "modality": "plan"})"}, 1},
      {"de", "2024-08-27", "Alibaba und Tencent haben ihre Kapitalausgaben im Vorjahresvergleich um 150 Prozent gesteigert.", {R"({"entity": "Alibaba+Tencent", "metric": "capex", "change_pct": 150})"}, 1},
      {"de", "2024-08-20", "Die Kapitalausgaben von Tencent sind im ersten Halbjahr um 176 Prozent gestiegen.", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "change_pct": 176})"}, 1},
      {"de", "2024-08-20", "Tencent wird seine Investitionsausgaben im nächsten Jahr voraussichtlich um 20 Prozent erhöhen.", {R"({"entity": "Tencent", "metric": "capex", "period": "2025", "change_pct": 20, "modality": "plan"})"}, 1},
      {"de", "2024-08-20", "Laut Analysten wird der Umsatz von Baidu im nächsten Jahr um 10 Prozent sinken.", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": -10, "modality": "forecast"})"}, 1},
      {"de", "2024-08-20", "Alibaba, Tencent und Baidu gaben im ersten Halbjahr zusammen 50 Milliarden Yuan (7 Milliarden US-Dollar) für Sachanlagen aus, verglichen mit 23 Milliarden Yuan im Vorjahr.", {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000, "alt": [{"value": 7000000000, "unit": "USD"}]})", R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2023-H1", "value": 23000000000})"}, 2},
  });
}

TEST_CASE("FactExtractor reads stated conversions joined by conversion words", "[extract]") {
  CheckCases({
      // Two conversions in a parenthesis joined by "bzw."; "umgerechnet etwa"
      // after a comma; a German compound names the cloud unit.
      {"de", "2024-08-28", "Alibaba, Tencent und Baidu investierten im ersten Halbjahr zusammen 50 Mrd. Yuan (rund 7 Mrd. Dollar bzw. knapp 6 Mrd. Franken) in Sachanlagen.",
       {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000, "unit": "CNY", "alt": [{"value": 7000000000, "unit": "USD"}, {"value": 6000000000, "unit": "CHF"}]})"}, 1},
      {"de", "2024-11-16", "Die Cloudsparte von Alibaba steigerte ihren Umsatz im dritten Quartal um 7% auf 29,6 Mrd. Yuan, umgerechnet etwa 4,2 Mrd. Dollar.",
       {R"({"entity": "Alibaba", "metric": "cloud_revenue", "period": "2024-Q3", "value": 29600000000, "unit": "CNY", "change_pct": 7, "alt": [{"value": 4200000000, "unit": "USD"}]})"}, 1},
      // The converted amount's own qualifier inside the bracket; a "from"
      // many words before a figure does not make it a comparison value.
      {"en", "2024-10-09", "At those prices, the H20 could fetch Nvidia more than $12 billion (over ₹1 lakh crore) in sales from China — a sizeable sum even for a company now valued at over $3 trillion.",
       {R"({"entity": "Nvidia", "metric": "revenue", "value": 12000000000, "unit": "USD", "qualifier": "over", "alt": [{"value": 1000000000000, "unit": "INR"}]})",
        R"({"entity": "Nvidia", "metric": "market_value", "value": 3000000000000, "unit": "USD", "qualifier": "over"})"}, 2},
      {"en", "2024-12-19", "ByteDance has drawn up a capital budget of about Rmb160bn for 2025.",
       {R"({"entity": "ByteDance", "metric": "capex", "period": "2025", "value": 160000000000, "unit": "CNY", "qualifier": "about", "modality": "plan"})"}, 1},
      {"pt", "2024-11-25", "A Cambricon valia cerca de 260 bilhões de yuans (US$ 36 bilhões, ou R$ 209 bilhões) na bolsa.",
       {R"({"entity": "Cambricon", "metric": "market_value", "value": 260000000000, "unit": "CNY", "qualifier": "about", "alt": [{"value": 36000000000, "unit": "USD"}, {"value": 209000000000, "unit": "BRL"}]})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves German period expressions", "[extract]") {
  CheckCases({
      {"de", "2024-08-20", "Der Umsatz von Tencent lag im ersten Halbjahr bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag im zweiten Quartal bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      // The story's period from a sentence without figures, read as any other.
      {"de", "2024-11-20", "Die Zahlen für die Monate zwischen Juli und September überraschten. Der Umsatz von Tencent stieg um 8 Prozent auf 167,2 Milliarden Yuan.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q3", "value": 167200000000, "unit": "CNY", "change_pct": 8})"}, 1},
      {"de", "2024-11-20", "Der Umsatz von Tencent lag zwischen Juli und September bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q3", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag im Februar bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag in diesem Jahr bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag im vergangenen Jahr bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag im Jahr 2022 bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag von April bis Juni bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag in den ersten sechs Monaten bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"de", "2024-08-20", "Der Umsatz von Tencent lag in den Jahren 2025 bis 2027 bei 20 Milliarden US-Dollar.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2025..2027", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads Chinese cue phrases", "[extract]") {
  CheckCases({
      {"zh", "2024-08-15", "腾讯第二季度营收同比增长8%，至1600亿元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 160000000000, "unit": "CNY", "change_pct": 8})"}, 1},
      {"zh", "2024-08-15", "百度上半年净利润为50亿元，去年同期为57亿元。", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "value": 5000000000, "unit": "CNY"})", R"({"entity": "Baidu", "metric": "net_income", "period": "2023-H1", "value": 5700000000, "unit": "CNY"})"}, 2},
      {"zh", "2024-05-10", "阿里巴巴计划未来三年投入500亿元建设数据中心。", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024..2026", "value": 50000000000, "unit": "CNY", "modality": "plan"})"}, 1},
      {"zh", "2024-09-10", "分析师预计，明年英伟达H20芯片出货量将超过200万片。", {R"({"entity": "Nvidia H20", "metric": "shipments", "period": "2025", "value": 2000000, "unit": "units", "modality": "forecast"})"}, 1},
      // A day alone is of the article's month ("13日"), or the month before.
      {"zh", "2024-11-14", "按13日收盘价计算，腾讯总市值约3.8万亿港元。", {R"({"entity": "Tencent", "metric": "market_value", "period": "2024-11-13", "value": 3800000000000, "unit": "HKD", "qualifier": "about"})"}, 1},
      {"zh", "2024-11-05", "截至10月31日收盘，腾讯总市值约3.8万亿港元。", {R"({"entity": "Tencent", "metric": "market_value", "period": "2024-10-31", "value": 3800000000000, "unit": "HKD", "qualifier": "about"})"}, 1},
      {"zh", "2024-12-02", "按29日收盘价计算，腾讯总市值约3.8万亿港元。", {R"({"entity": "Tencent", "metric": "market_value", "period": "2024-11-29", "value": 3800000000000, "unit": "HKD", "qualifier": "about"})"}, 1},
      // ... and for results it neither is a period nor hides the story's.
      {"ja", "2024-11-22", "拼多多は7～9月期決算を発表した。同社が20日発表した売上高は前年同期比44%増の993億5000万元だった。", {R"({"entity": "Pinduoduo", "metric": "revenue", "period": "2024-Q3", "value": 99350000000, "unit": "CNY", "change_pct": 44})"}, 1},
      {"zh", "2024-03-05", "2月，腾讯向智谱注资3亿美元。", {R"({"entity": "Tencent", "metric": "investment", "period": "2024-02", "value": 300000000, "unit": "USD"})"}, 1},
      {"zh", "2024-11-18", "第三季度（7月至9月）京东营收同比增长5%。", {R"({"entity": "JD.com", "metric": "revenue", "period": "2024-Q3", "change_pct": 5})"}, 1},
      {"zh", "2024-08-20", "腾讯上半年资本开支同比增长176%。", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "change_pct": 176})"}, 1},
      {"zh", "2024-08-20", "阿里巴巴、腾讯和百度上半年资本开支合计500亿元（约合70亿美元），去年同期为230亿元。", {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000, "alt": [{"value": 7000000000, "unit": "USD"}]})", R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2023-H1", "value": 23000000000})"}, 2},
      {"zh", "2024-08-20", "预计百度明年营收将下降10%。", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": -10, "modality": "forecast"})"}, 1},
      // A multiple after the growth verb is the increase itself; one that
      // compares with the year-earlier figure is the ratio.
      {"zh", "2024-08-20", "腾讯上半年资本开支同比增长超过一倍。", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "change_pct": 100, "qualifier": "over"})"}, 1},
      {"zh", "2024-08-20", "百度上半年资本开支增长了1.5倍。", {R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "change_pct": 150})"}, 1},
      {"zh", "2024-08-20", "腾讯上半年资本开支是去年同期的3倍。", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "change_pct": 200})"}, 1},
      // Traditional characters (Hong Kong): the lexicons' simplified phrases
      // match in their traditional spelling; "期內" (in the period) is the
      // story's period when no fact came before; "第三季" is a quarter.
      {"zh", "2024-11-16", "騰訊第三季資本開支為171億元人民幣，按年增長114%。", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-Q3", "value": 17100000000, "unit": "CNY", "change_pct": 114})"}, 1},
      {"zh", "2024-12-18", "英偉達第三季收入為300億美元。", {R"({"entity": "Nvidia", "metric": "revenue", "period": "2024-Q3", "value": 30000000000, "unit": "USD"})"}, 1},
      {"zh", "2024-11-16", "阿里巴巴公布第三季業績。期內淨利潤按年急升63%至435億元。", {R"({"entity": "Alibaba", "metric": "net_income", "period": "2024-Q3", "value": 43500000000, "unit": "CNY", "change_pct": 63})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves Chinese period expressions", "[extract]") {
  CheckCases({
      // A fiscal quarter restated in calendar months in parentheses: the months.
      {"zh", "2024-11-22", "阿里巴巴公布的2025财年第二季度（即2024年7月至9月）业绩显示，阿里云智能集团收入为296亿元，同比增长7%。", {R"({"entity": "Alibaba", "metric": "cloud_revenue", "period": "2024-Q3", "value": 29600000000, "unit": "CNY", "change_pct": 7})"}, 1},
      {"zh", "2024-08-20", "腾讯上半年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯第二季度营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯今年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯去年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯2023年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯2月营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯4月至6月营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯2023年上半年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 20000000000})"}, 1},
      {"zh", "2024-08-20", "腾讯2025年至2027年营收为200亿美元。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2025..2027", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads French cue phrases", "[extract]") {
  CheckCases({
      {"fr", "2024-08-29", "Les dépenses d'investissement des trois groupes ont doublé au premier semestre. Baidu n'a accru ses dépenses que de 4 %, à 4,2 milliards de yuans.", {R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "value": 4200000000, "unit": "CNY", "change_pct": 4})"}, 1},
      // An infinitive after a plan verb; a plan takes no period from the story.
      {"fr", "2024-12-10", "Les résultats du troisième trimestre ont été publiés. Kuaishou envisage d'augmenter ses investissements d'environ 40 %.", {R"({"entity": "Kuaishou", "metric": "investment", "period": null, "value": null, "change_pct": 40, "qualifier": "about", "modality": "plan"})"}, 1},
      {"fr", "2024-08-29", "Alibaba a injecté 800 millions de dollars en février dans la jeune pousse Moonshot AI.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024-02", "value": 800000000, "unit": "USD"})"}, 1},
      {"fr", "2024-08-15", "Le chiffre d'affaires de Tencent a progressé de 8 % au deuxième trimestre, à 20 milliards de dollars.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "unit": "USD", "change_pct": 8})"}, 1},
      {"fr", "2024-08-15", "Le bénéfice net de Baidu a reculé de 12 % au premier semestre.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "change_pct": -12})"}, 1},
      {"fr", "2024-05-15", "Alibaba prévoit d'investir 10 milliards d'euros au cours des trois prochaines années.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024..2026", "value": 10000000000, "unit": "EUR", "modality": "plan"})"}, 1},
      {"fr", "2024-10-15", "Selon les analystes, Huawei devrait livrer 300 000 puces Ascend 910B cette année.", {R"({"entity": "Huawei Ascend 910B", "metric": "shipments", "period": "2024", "value": 300000, "unit": "units", "modality": "forecast"})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars au premier semestre, contre 15 milliards de dollars un an plus tôt.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"fr", "2024-08-20", "Selon les analystes, le chiffre d'affaires de Baidu devrait progresser de 10 % l'an prochain.", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": 10, "modality": "forecast"})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves French period expressions", "[extract]") {
  CheckCases({
      {"fr", "2024-12-10", "Le titre de Cambricon a plus que triplé depuis le début de l'année.", {R"({"entity": "Cambricon", "metric": "share_price", "period": "2024", "value": null, "change_pct": 200, "qualifier": "over"})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars au premier semestre.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars au deuxième trimestre.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars en février.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars cette année.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars l'an dernier.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars en 2022.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"fr", "2024-08-20", "Le chiffre d'affaires de Tencent a atteint 20 milliards de dollars d'avril à juin.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads Spanish cue phrases", "[extract]") {
  CheckCases({
      // A company named in another's apposition is not the subject.
      {"es", "2024-12-10", "SMIC, el mayor fabricante de chips del país y proveedor de Huawei, ingresó 2.171 millones de dólares en el tercer trimestre, un 34 % más que un año antes.", {R"({"entity": "SMIC", "metric": "revenue", "period": "2024-Q3", "value": 2171000000, "unit": "USD", "change_pct": 34})"}, 1},
      // Two conversions in one parenthesis are both conversions of the amount.
      {"es", "2024-08-28", "Alibaba, Tencent y Baidu destinaron en conjunto 50.000 millones de yuanes (7.000 millones de dólares, unos 6.300 millones de euros) a inversiones de capital en el primer semestre.", {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000, "unit": "CNY", "alt": [{"value": 7000000000, "unit": "USD"}, {"value": 6300000000, "unit": "EUR"}]})"}, 1},
      {"es", "2024-09-20", "En febrero, Alibaba puso 800 millones de dólares en Moonshot.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024-02", "value": 800000000, "unit": "USD"})"}, 1},
      {"es", "2024-09-20", "En el segundo trimestre, Alibaba facturó 243.200 millones de yuanes, un 4 % más.", {R"({"entity": "Alibaba", "metric": "revenue", "period": "2024-Q2", "value": 243200000000, "unit": "CNY", "change_pct": 4})"}, 1},
      {"es", "2024-08-15", "Los ingresos de Tencent crecieron un 8 % en el segundo trimestre, hasta 20.000 millones de dólares.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "unit": "USD", "change_pct": 8})"}, 1},
      {"es", "2024-08-15", "El beneficio neto de Baidu cayó un 12 % en el primer semestre.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "change_pct": -12})"}, 1},
      {"es", "2024-05-15", "Alibaba invertirá 10.000 millones de euros en los próximos tres años.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024..2026", "value": 10000000000, "unit": "EUR", "modality": "plan"})"}, 1},
      {"es", "2024-10-15", "Los analistas prevén que Nvidia venda más de 2 millones de chips H20 este año.", {R"({"entity": "Nvidia H20", "metric": "shipments", "period": "2024", "value": 2000000, "unit": "units", "modality": "forecast", "qualifier": "over"})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares en el primer semestre, frente a 15.000 millones de dólares un año antes.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"es", "2024-08-20", "Se espera que los ingresos de Baidu aumenten un 10 % el próximo año.", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": 10, "modality": "forecast"})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves Spanish period expressions", "[extract]") {
  CheckCases({
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares en el primer semestre.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares entre enero y junio.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares en el segundo trimestre.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares en febrero.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares este año.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares el año pasado.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares en 2022.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"es", "2024-08-20", "Los ingresos de Tencent alcanzaron 20.000 millones de dólares de abril a junio.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads Russian cue phrases", "[extract]") {
  CheckCases({
      // "компании" with no group named before: "the company's".
      {"ru", "2024-11-14", "Tencent продолжает наращивать вложения. Капитальные затраты компании в третьем квартале выросли на 114% и достигли 17,1 млрд юаней.", {R"({"entity": "Tencent", "metric": "capex", "period": "2024-Q3", "value": 17100000000, "unit": "CNY", "change_pct": 114})"}, 1},
      {"ru", "2024-08-15", "Выручка Tencent во втором квартале выросла на 8% до $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000, "unit": "USD", "change_pct": 8})"}, 1},
      {"ru", "2024-08-15", "Чистая прибыль Baidu в первом полугодии снизилась на 12%.", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "change_pct": -12})"}, 1},
      {"ru", "2024-05-15", "Alibaba планирует вложить 10 млрд юаней в ближайшие три года.", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024..2026", "value": 10000000000, "unit": "CNY", "modality": "plan"})"}, 1},
      {"ru", "2024-09-15", "Ожидается, что в следующем году Huawei поставит 600 тыс. чипов Ascend 910B.", {R"({"entity": "Huawei Ascend 910B", "metric": "shipments", "period": "2025", "value": 600000, "unit": "units", "modality": "forecast"})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в первом полугодии составила $20 млрд против $15 млрд годом ранее.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"ru", "2024-08-20", "Ожидается, что выручка Baidu в следующем году вырастет на 10%.", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": 10, "modality": "forecast"})"}, 1},
      // "на счетах" (in its accounts) is cash; "оценила" a valuation.
      {"ru", "2024-12-17", "На счетах ByteDance лежит более $50 млрд.", {R"({"entity": "ByteDance", "metric": "cash", "value": 50000000000, "unit": "USD", "qualifier": "over"})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves Russian period expressions", "[extract]") {
  CheckCases({
      // A dateline's month is no period of results; the quarter before in passing is not the story's.
      {"ru", "2024-11-14", "Tencent отчиталась 14 ноября о результатах за третий квартал. Во втором квартале рост составлял 6%. Общая выручка Tencent за квартал увеличилась на 8%, до 167,2 млрд юаней.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q3", "value": 167200000000, "unit": "CNY", "change_pct": 8})"}, 1},
      // The period after "than" is the base of the change, not the fact's.
      {"ru", "2024-08-28", "Капзатраты Alibaba в первом полугодии составили 23 млрд юаней. Tencent потратила столько же — 23 млрд юаней, что на 176% больше, чем в январе—июне 2023 года.", {R"({"entity": "Alibaba", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})", R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY", "change_pct": 176})"}, 2},
      {"ru", "2024-08-20", "Выручка Tencent в первом полугодии составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent во втором квартале составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в феврале составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в этом году составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в прошлом году составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в 2022 году составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"ru", "2024-08-20", "Выручка Tencent в апреле-июне составила $20 млрд.", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor reads Japanese cue phrases", "[extract]") {
  CheckCases({
      // "1個" right before a price is "per unit", not a count of one.
      {"ja", "2024-12-05", "業界関係者によると、H20の価格は1個1万2000～1万3000ドルだ。",
       {R"({"entity": "Nvidia H20", "metric": "unit_price", "value": 12000, "unit": "USD", "low": 12000, "high": 13000})"}, 1},
      // A lower-bound verb after the conversion's bracket; an estimate by a
      // research firm is a forecast; "910B" alone names the Ascend chip.
      {"ja", "2024-08-29", "バイトダンスは500億ドル（約7兆3000億円）を超える手元資金を抱える。",
       {R"({"entity": "ByteDance", "metric": "cash", "value": 50000000000, "unit": "USD", "qualifier": "over", "alt": [{"value": 7300000000000, "unit": "JPY"}]})"}, 1},
      {"ja", "2024-12-05", "米調査会社の推計によると、ファーウェイは2024年に910Bを約45万個出荷する。",
       {R"({"entity": "Huawei Ascend 910B", "metric": "shipments", "period": "2024", "value": 450000, "unit": "units", "qualifier": "about", "modality": "forecast"})"}, 1},
      // "500億元で、前年同期の230億元から倍増した": the 50bn doubled from the
      // year-earlier 23bn, whose period is the year-earlier phrase's.
      {"ja", "2024-08-29", "テンセントの2024年1～6月期の設備投資は500億元で、前年同期の230億元から倍増した。",
       {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 50000000000, "unit": "CNY", "change_pct": 100})",
        R"({"entity": "Tencent", "metric": "capex", "period": "2023-H1", "value": 23000000000, "unit": "CNY"})"}, 2},
      // "the company that runs TikTok" is ByteDance.
      {"ja", "2024-08-29", "関係者によると、動画アプリ「TikTok（ティックトック）」を運営する同社は500億ドルを超える手元資金を持つ。", {R"({"entity": "ByteDance", "metric": "cash", "period": null, "value": 50000000000, "unit": "USD", "qualifier": "over"})"}, 1},
      // A sentence without figures names the topic; the company of the last
      // fact stays in focus for "同社"; "2.8倍" is +180%.
      {"ja", "2024-11-14", "テンセントの7〜9月期の純利益は47%増の532億元だった。注目を集めたのは設備投資だ。7〜9月期は171億元と大きく伸びた。4〜6月期も増えた。同社の設備投資は1〜6月期に前年同期比2.8倍の230億元に達していた。",
       {R"({"entity": "Tencent", "metric": "net_income", "period": "2024-Q3", "value": 53200000000, "unit": "CNY", "change_pct": 47})",
        R"({"entity": "Tencent", "metric": "capex", "period": "2024-Q3", "value": 17100000000, "unit": "CNY"})",
        R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY", "change_pct": 180})"}, 3},
      {"ja", "2024-08-15", "テンセントの4〜6月期の売上高は前年同期比8%増の1600億元だった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 160000000000, "unit": "CNY", "change_pct": 8})"}, 1},
      {"ja", "2024-08-15", "百度の上半期の純利益は前年同期比12%減の50億元となった。", {R"({"entity": "Baidu", "metric": "net_income", "period": "2024-H1", "value": 5000000000, "unit": "CNY", "change_pct": -12})"}, 1},
      {"ja", "2024-05-15", "アリババは今後3年間で100億ドルを投資する計画だ。", {R"({"entity": "Alibaba", "metric": "investment", "period": "2024..2026", "value": 10000000000, "unit": "USD", "modality": "plan"})"}, 1},
      {"ja", "2024-09-15", "アナリストは、ファーウェイが来年60万個の昇腾910Bを出荷すると予想する。", {R"({"entity": "Huawei Ascend 910B", "metric": "shipments", "period": "2025", "value": 600000, "unit": "units", "modality": "forecast"})"}, 1},
      {"ja", "2024-08-20", "テンセントの上半期の売上高は200億ドルだった。前年同期は150億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})", R"({"entity": "Tencent", "metric": "revenue", "period": "2023-H1", "value": 15000000000})"}, 2},
      {"ja", "2024-08-20", "百度の来年の売上高は10%減少すると予想されている。", {R"({"entity": "Baidu", "metric": "revenue", "period": "2025", "change_pct": -10, "modality": "forecast"})"}, 1},
  });
}

TEST_CASE("FactExtractor resolves Japanese period expressions", "[extract]") {
  CheckCases({
      // Two-digit years as Japanese papers write them.
      {"ja", "2024-12-04", "快手は25年の設備投資を約4割増やす計画だ。", {R"({"entity": "Kuaishou", "metric": "capex", "period": "2025", "value": null, "change_pct": 40, "qualifier": "about", "modality": "plan"})"}, 1},
      {"ja", "2024-12-04", "寒武紀は24年1〜6月期の売上高が前年同期比で4000%超増えた。", {R"({"entity": "Cambricon", "metric": "revenue", "period": "2024-H1", "value": null, "change_pct": 4000, "qualifier": "over"})"}, 1},
      {"ja", "2024-08-20", "テンセントの上半期の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-H1", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの4〜6月期の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの第2四半期の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-Q2", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの今年の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの昨年の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2023", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの2022年の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2022", "value": 20000000000})"}, 1},
      {"ja", "2024-08-20", "テンセントの2月の売上高は200億ドルだった。", {R"({"entity": "Tencent", "metric": "revenue", "period": "2024-02", "value": 20000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor keeps page furniture, dates and figures without a subject out", "[extract]") {
  CheckCases({
      {"en", "2024-08-26", "Text size 16 px. Updated Aug 26, 2024 13:21. Share 414.", {}, 0},
      {"en", "2024-09-15", "Rovers won 3-2 in front of 31,442 fans and had 59 per cent possession.", {}, 0},
      {"de", "2024-08-29", "Am Samstag werden bis zu 34 Grad erwartet, die Unwettergefahr liegt bei 60 Prozent.", {}, 0},
      {"en", "2024-08-27", "($1 = 7.1350 Chinese yuan renminbi)", {}, 0},
      // Revenue rose, but nothing says whose.
      {"en", "2024-08-27", "Revenue rose 34% in the quarter.", {}, 0},
  });
}

TEST_CASE("FactExtractor resolves group references by the number of members", "[extract]") {
  CheckCases({
      {"en", "2024-08-26",
       "Alibaba, Tencent and Baidu spent Rmb50bn on capital projects in the first half. Alphabet, Amazon, "
       "Meta and Microsoft are bigger spenders. The four US companies spent $106bn on capital projects in "
       "the first half. The three Chinese groups spent Rmb23bn on capital projects a year earlier.",
       {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000})",
        R"({"entity": "Alphabet+Amazon+Meta+Microsoft", "metric": "capex", "period": "2024-H1", "value": 106000000000})",
        R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2023-H1", "value": 23000000000})"},
       3},
      {"zh", "2024-08-27", "阿里巴巴、腾讯和百度今年加大投入。三家公司上半年资本开支合计500亿元。",
       {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor maps aliases, tickers and subsidiaries to canonical entities", "[extract]") {
  CheckCases({
      // The owner of a subsidiary and what is listed with it; Portuguese
      // "controladora do", "faturou", "alta de".
      {"en", "2024-12-19", "The owner of TikTok and Douyin has put about Rmb80bn into capital projects this year.",
       {R"({"entity": "ByteDance", "metric": "capex", "period": "2024", "value": 80000000000, "unit": "CNY", "qualifier": "about"})"}, 1},
      // A conversion bracket a few words after its amount, and a conversion
      // after "algo como".
      {"pt", "2024-11-25", "A Cambricon valia cerca de 260 bilhões de yuans na bolsa (US$ 36 bilhões, ou R$ 209 bilhões).",
       {R"({"entity": "Cambricon", "metric": "market_value", "period": null, "value": 260000000000, "unit": "CNY", "qualifier": "about", "alt": [{"value": 36000000000, "unit": "USD"}, {"value": 209000000000, "unit": "BRL"}]})"}, 1},
      {"pt", "2024-12-10", "A ByteDance conta com um caixa de mais de US$ 50 bilhões, algo como R$ 310 bilhões pelo câmbio atual.",
       {R"({"entity": "ByteDance", "metric": "cash", "period": null, "value": 50000000000, "unit": "USD", "qualifier": "over", "alt": [{"value": 310000000000, "unit": "BRL"}]})"}, 1},
      // "56% acima do mesmo período do ano passado": a change on the value
      // before it, whose period is the story's quarter, not the year before.
      {"pt", "2024-11-25", "A SMIC teve receita recorde de US$ 2,17 bilhões no terceiro trimestre, alta de 34% na comparação anual, e lucro líquido de US$ 149 milhões, 56% acima do mesmo período do ano passado.",
       {R"({"entity": "SMIC", "metric": "net_income", "period": "2024-Q3", "value": 149000000, "unit": "USD", "change_pct": 56})"}, -1},
      // ... also with a possessive and a few words before the second name.
      {"en", "2024-12-19", "The owner of TikTok and its Chinese sister app Douyin has put about Rmb80bn into capital projects this year.",
       {R"({"entity": "ByteDance", "metric": "capex", "period": "2024", "value": 80000000000, "unit": "CNY", "qualifier": "about"})"}, 1},
      {"pt", "2024-12-18", "A controladora do TikTok faturou cerca de US$ 110 bilhões em 2023, alta de aproximadamente 30%.",
       {R"({"entity": "ByteDance", "metric": "revenue", "period": "2023", "value": 110000000000, "unit": "USD", "change_pct": 30, "qualifier": "about"})"}, 1},
      // The investments *of* companies, with no company they went into, are
      // their capital spending.
      {"pt", "2024-11-14", "Somados, os investimentos de Tencent, Alibaba e Baidu chegaram a 50 bilhões de yuans no primeiro semestre.",
       {R"({"entity": "Tencent+Alibaba+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000, "unit": "CNY"})"}, 1},
      {"es", "2024-08-20", "Las inversiones de Tencent alcanzaron 23.000 millones de yuanes en el primer semestre.",
       {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 23000000000, "unit": "CNY"})"}, 1},
      {"pt", "2024-12-18", "Em maio, a ByteDance passou a cobrar 0,0008 yuan por mil tokens de seu modelo principal.",
       {R"({"entity": "ByteDance", "metric": "unit_price", "period": "2024-05", "value": 0.0008, "unit": "CNY"})"}, 1},
      {"pt", "2024-11-15", "O lucro líquido da Tencent chegou a 53,2 bilhões de yuans no terceiro trimestre, avanço de 47%.",
       {R"({"entity": "Tencent", "metric": "net_income", "period": "2024-Q3", "value": 53200000000, "unit": "CNY", "change_pct": 47})"}, 1},
      // A footnote mark inside a list; a list right after "によると、" (the
      // source comes before that cue in Japanese).
      {"ru", "2024-08-27", "Alphabet, Amazon, Meta* и Microsoft только за первое полугодие потратили на капвложения $106 млрд.",
       {R"({"entity": "Alphabet+Amazon+Meta+Microsoft", "metric": "capex", "period": "2024-H1", "value": 106000000000})"}, 1},
      {"ja", "2024-08-29", "英フィナンシャル・タイムズ（FT）によると、アリババ集団、騰訊控股（テンセント）、百度（バイドゥ）の3社の2024年1〜6月期の設備投資は合計500億元に達した。",
       {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000})"}, 1},
      {"en", "2024-08-26", "BIDU said revenue rose 5% in the second quarter.",
       {R"({"entity": "Baidu", "metric": "revenue", "period": "2024-Q2", "change_pct": 5})"}, 1},
      {"en", "2024-08-26", "NVDA's revenue was $30bn in the second quarter.",
       {R"({"entity": "Nvidia", "metric": "revenue", "period": "2024-Q2", "value": 30000000000})"}, 1},
      {"ru", "2024-08-26", "Выручка Алибаба во втором квартале выросла на 5%.",
       {R"({"entity": "Alibaba", "metric": "revenue", "period": "2024-Q2", "change_pct": 5})"}, 1},
      {"zh", "2024-08-26", "寒武纪上半年营收同比增长300%。",
       {R"({"entity": "Cambricon", "metric": "revenue", "period": "2024-H1", "change_pct": 300})"}, 1},
      {"zh", "2024-08-26", "海光信息上半年营收为40亿元。",
       {R"({"entity": "Hygon", "metric": "revenue", "period": "2024-H1", "value": 4000000000})"}, 1},
      {"zh", "2024-08-26", "摩尔线程今年营收约为10亿元。",
       {R"({"entity": "Moore Threads", "metric": "revenue", "period": "2024", "value": 1000000000, "qualifier": "about"})"}, 1},
      // "TikTok owner ByteDance", "владелец TikTok": the parent company.
      {"en", "2024-08-26", "TikTok owner ByteDance has a cash pile of more than $50bn.",
       {R"({"entity": "ByteDance", "metric": "cash", "period": null, "value": 50000000000, "qualifier": "over"})"}, 1},
      {"ru", "2024-08-26", "Денежные резервы владельца TikTok превышают $50 млрд.",
       {R"({"entity": "ByteDance", "metric": "cash", "period": null, "value": 50000000000, "qualifier": "over"})"}, 1},
      // "騰訊控股（テンセント）": company suffix and a parenthesised alias are one mention.
      {"ja", "2024-08-26", "アリババ集団、騰訊控股（テンセント）、百度の3社は上半期に計500億元の設備投資を実施した。",
       {R"({"entity": "Alibaba+Tencent+Baidu", "metric": "capex", "period": "2024-H1", "value": 50000000000})"}, 1},
      {"en", "2024-08-27", "Alphabet (GOOGL.O), Amazon (AMZN.O) and Meta (META.O) spent $90bn on capital projects in the first half.",
       {R"({"entity": "Alphabet+Amazon+Meta", "metric": "capex", "period": "2024-H1", "value": 90000000000})"}, 1},
  });
}

TEST_CASE("FactExtractor carries the metric and period of a list through elliptical sentences", "[extract]") {
  CheckCases({
      {"en", "2024-08-26",
       "Alibaba's capital expenditure rose 100% to Rmb20bn in the first half. Tencent's jumped 150% to Rmb21bn, "
       "while Baidu's spending edged up 2% to Rmb4bn.",
       {R"({"entity": "Alibaba", "metric": "capex", "period": "2024-H1", "value": 20000000000, "change_pct": 100})",
        R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 21000000000, "change_pct": 150})",
        R"({"entity": "Baidu", "metric": "capex", "period": "2024-H1", "value": 4000000000, "change_pct": 2})"},
       3},
      {"es", "2024-09-02",
       "Alibaba elevó su inversión de capital en el primer semestre hasta 20.000 millones de yuanes. "
       "Tencent la aumentó un 150 %, hasta 21.000 millones de yuanes.",
       {R"({"entity": "Tencent", "metric": "capex", "period": "2024-H1", "value": 21000000000, "change_pct": 150})"}, 2},
      {"ja", "2024-08-28", "アリババの上半期の設備投資は200億元だった。前年同期は100億元だった。",
       {R"({"entity": "Alibaba", "metric": "capex", "period": "2024-H1", "value": 20000000000})",
        R"({"entity": "Alibaba", "metric": "capex", "period": "2023-H1", "value": 10000000000})"},
       2},
      // A growth rate with no subject continues the last growth story.
      {"de", "2024-11-16",
       "Der Umsatz von Alibaba stieg im dritten Quartal um 30 Prozent. Im zweiten Quartal hatte das Plus bei 5 Prozent gelegen.",
       {R"({"entity": "Alibaba", "metric": "revenue", "period": "2024-Q3", "change_pct": 30})",
        R"({"entity": "Alibaba", "metric": "revenue", "period": "2024-Q2", "change_pct": 5})"},
       2},
  });
}

TEST_CASE("FactExtractor fills evidence, offsets and confidence", "[extract]") {
  Article a;
  a.url = "https://news.example/story";
  a.canonical_url = "https://news.example/canonical";
  a.lang = "en";
  a.published = "2024-08-26";
  // Full-width digits are normalised for matching; evidence keeps the original.
  a.text = "Markets were calm.\n\nTencent's revenue rose ８% to $20bn in the second quarter. Nothing else.";
  std::vector<Fact> got = FactExtractor::Default().Extract(a);
  REQUIRE(got.size() == 1);
  const Fact& f = got[0];
  CHECK(f.evidence == "Tencent's revenue rose ８% to $20bn in the second quarter.");
  CHECK(a.text.substr(f.evidence_start, f.evidence_end - f.evidence_start) == f.evidence);
  CHECK(a.text.substr(f.figure_start, f.figure_end - f.figure_start) == "$20bn");
  CHECK(f.source == "https://news.example/canonical");
  CHECK(f.published == "2024-08-26");
  CHECK(f.lang == "en");
  REQUIRE(f.change_pct.has_value());
  CHECK(*f.change_pct == Approx(8));
  CHECK(f.confidence > 0.8);
  CHECK(f.confidence <= 1.0);
  const double named_confidence = f.confidence;
  // Filled through memory and without a period: lower confidence.
  a.text = "Tencent is a gaming group. Its cash pile is $50bn.";
  std::vector<Fact> remembered = FactExtractor::Default().Extract(a);
  REQUIRE(remembered.size() == 1);
  CHECK(remembered[0].metric == "cash");
  CHECK(remembered[0].confidence < named_confidence);
  CHECK(remembered[0].confidence >= 0.0);
}

TEST_CASE("FactExtractor returns nothing for empty or figure-free text", "[extract]") {
  Article a;
  a.lang = "en";
  CHECK(FactExtractor::Default().Extract(a).empty());
  a.text = "Alibaba, Tencent and Baidu are Chinese technology groups.";
  CHECK(FactExtractor::Default().Extract(a).empty());
  CHECK(ModalityName(Modality::kPlan) == "plan");
  CHECK(ModalityFromName("forecast") == Modality::kForecast);
  CHECK(ModalityFromName("nonsense") == Modality::kActual);
}

TEST_CASE("FactExtractor takes user lexicons for a new topic without recompiling", "[extract]") {
  ScopedTempDir dir;
  // The README example (extract/lexicons/README.md, "Extending the lexicons").
  WriteFile(dir.path() / "entities.tsv",
            "BYD\tcompany\t\tBYD|比亚迪|БИД|1211.HK\n"
            "CATL\tcompany\t\tCATL|Contemporary Amperex|宁德时代\n");
  WriteFile(dir.path() / "metrics.tsv",
            "cue\tbattery_price\tstrong\ten\tbattery price|battery prices|battery pack price|price per kWh\n"
            "cue\tbattery_price\tstrong\tzh\t电池价格|电池包价格|每千瓦时\n"
            "cue\tdeliveries\tstrong\ten\tdelivered|deliveries\n");
  SetLexiconDirs({dir.path().string()});
  auto made = FactExtractor::Create();
  SetLexiconDirs({});
  REQUIRE(made.ok());
  const FactExtractor& fx = **made;
  CheckCases(
      {
          {"en", "2024-07-10", "BYD's battery price fell 10% to $80 in the first half.",
           {R"({"entity": "BYD", "metric": "battery_price", "period": "2024-H1", "value": 80, "unit": "USD", "change_pct": -10})"},
           1},
          {"zh", "2024-07-10", "宁德时代今年上半年电池价格为80美元。",
           {R"({"entity": "CATL", "metric": "battery_price", "period": "2024-H1", "value": 80, "unit": "USD"})"}, 1},
          // "delivered" is a built-in shipments cue too: the user's later row wins.
          {"en", "2024-07-10", "BYD delivered 980,000 cars in the first half.",
           {R"({"entity": "BYD", "metric": "deliveries", "period": "2024-H1", "value": 980000, "unit": "units"})"}, 1},
      },
      fx);
  // The built-in extractor does not know the new metric.
  for (const Fact& f : FactsOf(FactExtractor::Default(), "en", "2024-07-10",
                               "BYD's battery price fell 10% to $80 in the first half.")) {
    CHECK(f.metric != "battery_price");
  }
}

// Role words are lexicon rows: a word a user adds as an object preposition
// puts the company after it in object position, so the figure goes to the
// company that spoke ("Sales to Tencent ..., Nvidia said" is Nvidia's).
TEST_CASE("FactExtractor reads role words from the lexicon", "[extract]") {
  const char* kTo = "Sales to Tencent rose to $5bn in the first quarter, Nvidia said.";
  const char* kUnto = "Sales unto Tencent rose to $5bn in the first quarter, Nvidia said.";
  const char* nvidia =
      R"({"entity": "Nvidia", "metric": "revenue", "period": "2024-Q1", "value": 5000000000, "unit": "USD"})";
  CheckCases({{"en", "2024-05-02", kTo, {nvidia}, 1}}, FactExtractor::Default());
  for (const Fact& f : FactsOf(FactExtractor::Default(), "en", "2024-05-02", kUnto)) {
    CHECK(f.entity == "Tencent");
  }
  ScopedTempDir dir;
  WriteFile(dir.path() / "cues.tsv", "object_prep\ten\tunto\n");
  SetLexiconDirs({dir.path().string()});
  auto made = FactExtractor::Create();
  SetLexiconDirs({});
  REQUIRE(made.ok());
  CheckCases({{"en", "2024-05-02", kUnto, {nvidia}, 1}}, **made);
}

TEST_CASE("FactExtractor::Create reports a malformed user lexicon with file and line", "[extract]") {
  ScopedTempDir dir;
  WriteFile(dir.path() / "metrics.tsv", "cue\tbattery_price\tvery-strong\ten\tbattery price\n");
  SetLexiconDirs({dir.path().string()});
  auto made = FactExtractor::Create();
  SetLexiconDirs({});
  REQUIRE_FALSE(made.ok());
  CHECK_THAT(made.status().message(), Catch::Contains("metrics.tsv"));
}

namespace newsfacts {
namespace {

TEST_CASE("FactExtractor reads a run-on sentence of hundreds of figures in pieces cut between clauses", "[extract]") {
  // A table flattened into one "sentence": read whole, its roles compared
  // every figure with every other one (minutes for a few hundred).
  const char* names[] = {"Alibaba", "Tencent", "Baidu"};
  std::string text;
  for (int i = 0; i < 300; ++i) {
    if (i > 0) text += ", ";
    text += std::string(names[i % 3]) + " revenue rose " + std::to_string(i % 40 + 1) + "% to $" +
            std::to_string(i % 90 + 10) + "bn in 2024";
  }
  text += ".";
  std::vector<Fact> got = FactsOf(FactExtractor::Default(), "en", "2025-01-15", text);
  CHECK(got.size() >= 290);
  for (const Fact& f : got) {
    INFO(Describe(f));
    REQUIRE(f.figure_end <= text.size());
    REQUIRE(f.evidence_end <= text.size());
    // A piece ends between clauses: its evidence never splits "rose 5% to $20bn".
    CHECK(f.evidence_start <= f.figure_start);
    CHECK(f.figure_end <= f.evidence_end);
    CHECK(text.compare(f.evidence_start, f.evidence_end - f.evidence_start, f.evidence) == 0);
    CHECK((f.evidence_end == text.size() || text[f.evidence_end - 1] == ',' || text[f.evidence_end] == ','));
    CHECK(f.evidence.size() <= 3000);
  }
  // Each clause keeps its own entity, value and change.
  nlohmann::json want = nlohmann::json::parse(R"({"entity":"Tencent","metric":"revenue","period":"2024","value":11e9,"change_pct":2})");
  bool found = false;
  for (const Fact& f : got) found |= FactMatches(want, f);
  CHECK(found);
}

}  // namespace
}  // namespace newsfacts
