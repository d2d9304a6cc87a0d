// Tests for extract/langid.cc: CLD2 on real sentences, the script fallback on
// short ones, and tag normalisation.
#include "newsfacts/langid.h"

#include <catch2/catch.hpp>

namespace newsfacts {
namespace {

TEST_CASE("langid: detects the language of news sentences", "[extract]") {
  struct Case {
    const char* text;
    const char* lang;
  };
  const Case cases[] = {
      {"China's leading tech companies have significantly increased their capital spending "
       "this year, focusing heavily on artificial intelligence infrastructure.", "en"},
      {"Alibaba, Tencent und Baidu haben im ersten Halbjahr zusammen Kapitalausgaben von "
       "50 Milliarden Renminbi getätigt, verglichen mit 23 Milliarden im Vorjahr.", "de"},
      {"Les géants chinois de la technologie ont doublé leurs dépenses d'investissement cette "
       "année, en se concentrant sur l'intelligence artificielle.", "fr"},
      {"阿里巴巴、腾讯和百度上半年资本开支合计500亿元，去年同期为230亿元。", "zh"},
      {"中国のハイテク大手は今年、人工知能のインフラに重点を置いて設備投資を倍増させた。", "ja"},
      {"중국 기술 대기업들은 올해 인공지능 인프라에 집중하면서 자본 지출을 두 배로 늘렸다.", "ko"},
      {"Китайские технологические гиганты удвоили капитальные затраты в этом году, "
       "сосредоточившись на инфраструктуре искусственного интеллекта.", "ru"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(DetectLanguage(c.text) == c.lang);
  }
}

TEST_CASE("langid: short texts fall back to the script", "[extract]") {
  CHECK(DetectLanguage("百度") == "zh");
  CHECK(DetectLanguage("ソニー") == "ja");
  CHECK(DetectLanguage("삼성") == "ko");
  CHECK(DetectLanguage("Газпром") == "ru");
}

TEST_CASE("langid: no signal gives an empty code", "[extract]") {
  CHECK(DetectLanguage("").empty());
  CHECK(DetectLanguage("12345 67.8 %").empty());
  CHECK(DetectLanguage("\xFF\xFE\xFD").empty());  // invalid UTF-8 must not crash
}

TEST_CASE("langid: NormalizeLangTag keeps the primary subtag", "[extract]") {
  CHECK(NormalizeLangTag("en-GB") == "en");
  CHECK(NormalizeLangTag("zh_Hans") == "zh");
  CHECK(NormalizeLangTag("DE") == "de");
  CHECK(NormalizeLangTag("pt-BR") == "pt");
  CHECK(NormalizeLangTag("iw") == "he");
  CHECK(NormalizeLangTag("").empty());
  CHECK(NormalizeLangTag("x").empty());
  CHECK(NormalizeLangTag("und").empty());
  CHECK(NormalizeLangTag("en US").empty() == false);
  CHECK(NormalizeLangTag("{{lang}}").empty());
}

}  // namespace
}  // namespace newsfacts
