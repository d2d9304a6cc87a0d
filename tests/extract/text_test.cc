#include "newsfacts/text.h"
#include "text_internal.h"

#include <catch2/catch.hpp>
#include <unicode/utf8.h>

#include <string>
#include <vector>

using newsfacts::NormalizeText;
using newsfacts::SplitSentences;

namespace {

// Whether the full normalisation (without IsNormalized's shortcut) returns
// `t` itself, every character at its own offset.
bool LeftAsIs(const std::string& t) {
  auto n = newsfacts::text_internal::NormalizeTextFull(t);
  if (n.text != t) return false;
  for (std::size_t k = 0; k <= t.size(); ++k) {
    bool boundary = k == t.size() || (static_cast<unsigned char>(t[k]) & 0xC0) != 0x80;
    if (boundary && n.offsets[k] != k) return false;
  }
  return true;
}

std::vector<std::string> Sentences(const std::string& text, const std::string& lang = "en") {
  std::vector<std::string> out;
  for (const auto& span : SplitSentences(text, lang)) {
    out.push_back(text.substr(span.begin, span.end - span.begin));
  }
  return out;
}

}  // namespace

TEST_CASE("NormalizeText folds full-width forms, dashes, quotes and spaces", "[extract]") {
  const std::string in = "Ａｌｉｂａｂａ　１２３％ — “ok”\u00a0\u202fend\r\nnext";
  auto n = NormalizeText(in);
  CHECK(n.text == "Alibaba 123% - \"ok\" end\nnext");
  REQUIRE(n.offsets.size() == n.text.size() + 1);
  // "123%" starts after 7 full-width letters (3 bytes each) and U+3000 (3 bytes).
  auto pos = n.text.find("123%");
  CHECK(n.ToOriginalBegin(pos) == 24);
  CHECK(n.ToOriginalEnd(pos + 4) == 24 + 4 * 3);
  CHECK(in.substr(n.ToOriginalBegin(pos), n.ToOriginalEnd(pos + 4) - n.ToOriginalBegin(pos)) ==
        "１２３％");
  CHECK(n.ToOriginalEnd(n.text.size()) == in.size());
}

TEST_CASE("NormalizeText keeps ASCII text and maps identically", "[extract]") {
  auto n = NormalizeText("Rmb50bn ($7bn) in the first half");
  CHECK(n.text == "Rmb50bn ($7bn) in the first half");
  CHECK(n.ToOriginalBegin(9) == 9);
  CHECK(n.ToOriginalEnd(13) == 13);
}

TEST_CASE("NormalizeText removes invisible characters and collapses space runs", "[extract]") {
  auto n = NormalizeText("4,2\u200b Milliarden  \t Renminbi\u00ad");
  CHECK(n.text == "4,2 Milliarden Renminbi");
  auto pos = n.text.find("Renminbi");
  CHECK(n.ToOriginalBegin(pos) == std::string("4,2\u200b Milliarden  \t ").size());
}

TEST_CASE("NormalizeText maps compatibility expansions back to the whole source character",
          "[extract]") {
  const std::string in = "5\u338f and 1\u2026";  // "5㎏ and 1…"
  auto n = NormalizeText(in);
  CHECK(n.text == "5kg and 1...");
  // The span "kg" is one source character (3 bytes at offset 1).
  CHECK(n.ToOriginalBegin(1) == 1);
  CHECK(n.ToOriginalEnd(2) == 4);  // end inside the expansion rounds up
  CHECK(n.ToOriginalEnd(3) == 4);
}

TEST_CASE("IsNormalized is true exactly for text normalisation leaves as it is", "[extract]") {
  const std::vector<std::string> texts = {
      "plain ASCII 4.2bn",        "ASCII  with a space run", "tab\there",          "cr\r\nlf",
      "Baidu 营收增长 12%",        "4,2 Milliarden Renminbi",  "subió 192 euros",      "Ａｌｉｂａｂａ １２３",
      "12\u00a0000 euros",        "a \u2014 dash",           "\u201cquoted\u201d",  "zero\u200bwidth",
      "line\u2028sep",            "ﬁnance ligature",         "Россия 1,5 трлн",     "bad \xff byte",
      "e\u0301 decomposed",       "\u00e9 composed",         "",
      "minus \u2212 5",           "thin\u2009space",         "ideographic\u3000space", "\u2018single\u2019",
      "soft\u00adhyphen",         "bom\ufeff",               "mongolian\u180evowel", "\u2e3a two-em dash",
  };
  for (const std::string& t : texts) {
    INFO(t);
    CHECK(newsfacts::IsNormalized(t) == LeftAsIs(t));
  }
}

TEST_CASE("IsNormalized agrees with NormalizeText at every offset", "[extract]") {
  // One character or pair that normalisation changes (or keeps), at every
  // offset of a 24-byte ASCII text (the check reads eight bytes at a time),
  // with and without a non-ASCII character further on.
  const std::vector<std::string> inserts = {"  ", " ", "\t", "\r", "\n", "\v", "\f", "\u00e9", "\u00a0", "\u2014", "x"};
  int compared = 0, disagreements = 0;
  for (const std::string& ins : inserts) {
    for (std::size_t at = 0; at <= 24; ++at) {
      for (const char* tail : {"", " \u4e00"}) {
        std::string t = std::string("abcdefghijklmnopqrstuvwx").insert(at, ins) + tail;
        bool unchanged = LeftAsIs(t);
        ++compared;
        if (newsfacts::IsNormalized(t) != unchanged && ++disagreements <= 5) {
          UNSCOPED_INFO("'" << t << "' unchanged=" << unchanged);
        }
      }
    }
  }
  CHECK(compared > 500);
  CHECK(disagreements == 0);
}

TEST_CASE("IsNormalized agrees with the full normalisation for every BMP character", "[extract]") {
  // Each code point alone after ASCII, then before a combining mark and a
  // trailing jamo (which compose with what precedes them), then after a
  // leading jamo and an "e" (which it may compose with).
  int compared = 0, disagreements = 0;
  for (char32_t c = 0x80; c <= 0xFFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string ch;
    {
      char buf[4];
      int len = 0;
      U8_APPEND_UNSAFE(buf, len, c);
      ch.assign(buf, static_cast<std::size_t>(len));
    }
    for (const std::string& t : {"x " + ch, ch + "\u0301", ch + "\u11a8", "\u1100" + ch, "e" + ch + " z"}) {
      ++compared;
      if (newsfacts::IsNormalized(t) != LeftAsIs(t) && ++disagreements <= 5) {
        UNSCOPED_INFO("U+" << std::hex << static_cast<std::uint32_t>(c) << " in '" << t << "'");
      }
    }
  }
  CHECK(compared > 300000);
  CHECK(disagreements == 0);
}

TEST_CASE("SplitSentences splits run-together sentences from the seeds", "[extract]") {
  auto s = Sentences(
      "both their own models and those of others.TikTok parent ByteDance has also increased "
      "spending.\u201cWe\u2019ll continue to invest,\u201d Wu told investors. \u201cIt\u2019s "
      "simple.\u201dAlibaba is buying processors.");
  REQUIRE(s.size() == 5);
  CHECK(s[0] == "both their own models and those of others.");
  CHECK(s[1] == "TikTok parent ByteDance has also increased spending.");
  CHECK(s[2] == "\u201cWe\u2019ll continue to invest,\u201d Wu told investors.");
  CHECK(s[3] == "\u201cIt\u2019s simple.\u201d");
  CHECK(s[4] == "Alibaba is buying processors.");
}

TEST_CASE("SplitSentences keeps abbreviations, decimals and domains together", "[extract]") {
  auto s = Sentences(
      "Despite U.S. sanctions, capex rose to Rmb4.2bn in 2024. Rmb23bn a year earlier, "
      "News.Az reports citing Financial Times. Second sentence here.");
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "Despite U.S. sanctions, capex rose to Rmb4.2bn in 2024.");
  CHECK(s[1] == "Rmb23bn a year earlier, News.Az reports citing Financial Times.");
}

TEST_CASE("SplitSentences handles Chinese, German and paragraph breaks", "[extract]") {
  auto zh = Sentences("阿里巴巴上半年资本开支为230亿元。腾讯同比增长176%！百度呢？", "zh");
  REQUIRE(zh.size() == 3);
  CHECK(zh[1] == "腾讯同比增长176%！");
  auto de = Sentences(
      "Baidu gab im ersten Halbjahr 4,2 Milliarden Renminbi aus. Das sind 4 Prozent mehr.", "de");
  REQUIRE(de.size() == 2);
  auto para = Sentences("First paragraph without a stop\n\nSecond paragraph.");
  REQUIRE(para.size() == 2);
  CHECK(para[0] == "First paragraph without a stop");
}

TEST_CASE("SplitSentences on empty and whitespace-only text", "[extract]") {
  CHECK(Sentences("").empty());
  CHECK(Sentences(" \n\n  ").empty());
}

TEST_CASE("SplitSentences applies the abbreviation lexicon instead of ICU's suppressions",
          "[extract]") {
  auto de = Sentences(
      "Der Umsatz stieg um 6 Prozent im Vergleich zum Vorjahr. Alibaba sagte, die Ausgaben "
      "lagen bei 1,2 Mrd. Euro. Dr. Müller widersprach.",
      "de");
  REQUIRE(de.size() == 3);
  CHECK(de[0] == "Der Umsatz stieg um 6 Prozent im Vergleich zum Vorjahr.");
  CHECK(de[1] == "Alibaba sagte, die Ausgaben lagen bei 1,2 Mrd. Euro.");
  auto en = Sentences("The U.S. Treasury and Mr. Wu met J. Smith. Then they left.");
  REQUIRE(en.size() == 2);
  CHECK(en[0] == "The U.S. Treasury and Mr. Wu met J. Smith.");
}
