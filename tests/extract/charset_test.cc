// Tests for extract/charset.cc: labels, BOMs, declared and detected charsets,
// and the promise of valid UTF-8 whatever comes in.
#include "newsfacts/charset.h"

#include <catch2/catch.hpp>
#include <unicode/ucnv.h>

#include <memory>
#include <random>
#include <string>

#include "charset_internal.h"

namespace newsfacts {
namespace {

// `utf8` encoded in `charset` by ICU's own converter.
std::string Encode(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert(charset, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

struct RoundTrip {
  const char* icu_charset;  // what the test encodes with
  const char* label;        // what the page declares
  const char* text;
};

const RoundTrip kRoundTrips[] = {
    {"GBK", "gbk", "阿里巴巴、腾讯和百度上半年资本开支合计500亿元，同比增长一倍以上。"},
    {"GBK", "gb2312", "人工智能基础设施投资大幅增加，公司表示需求超过供给。"},
    {"Big5", "big5", "阿里巴巴、騰訊和百度上半年資本開支合計五百億元。"},
    {"Shift_JIS", "shift_jis", "中国のハイテク大手は人工知能への投資を倍増させた。"},
    {"Shift_JIS", "x-sjis", "東京証券取引所は本日、新しい規則を発表しました。"},
    {"EUC-KR", "euc-kr", "중국 기술 대기업들이 인공지능 투자를 두 배로 늘렸다."},
    {"windows-1251", "windows-1251", "Китайские технологические гиганты удвоили капитальные затраты."},
    {"KOI8-R", "koi8-r", "Алибаба, Тенсент и Байду увеличили расходы на искусственный интеллект."},
    {"ISO-8859-2", "iso-8859-2", "Chińskie firmy technologiczne podwoiły wydatki; Łódź, Kraków, Gdańsk."},
    {"windows-1252", "iso-8859-1", "Les géants chinois ont doublé leurs dépenses – «énorme» €50 milliards."},
};

TEST_CASE("charset: round trips through every declared legacy charset", "[extract]") {
  for (const RoundTrip& rt : kRoundTrips) {
    CAPTURE(rt.icu_charset, rt.label);
    std::string bytes = Encode(rt.text, rt.icu_charset);
    REQUIRE(bytes != rt.text);  // really a different encoding

    Decoded from_header = DecodeToUtf8(bytes, std::string("text/html; charset=") + rt.label);
    CHECK(from_header.utf8 == rt.text);
    CHECK_FALSE(from_header.had_invalid);

    std::string page = std::string("<html><head><meta charset=\"") + rt.label +
                       "\"></head><body><p>" + rt.text + "</p></body></html>";
    std::string page_bytes = Encode(page, rt.icu_charset);
    Decoded from_meta = DecodeToUtf8(page_bytes);
    CHECK(from_meta.utf8 == page);
  }
}

TEST_CASE("charset: http-equiv Content-Type declares the charset", "[extract]") {
  std::string page =
      "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1251'>"
      "</head><body>Привет, мир</body></html>";
  Decoded d = DecodeToUtf8(Encode(page, "windows-1251"));
  CHECK(d.utf8 == page);
  CHECK(d.charset == "windows-1251");
}

TEST_CASE("charset: the HTTP header overrides a wrong meta charset", "[extract]") {
  std::string page = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
                     "百度上半年资本开支增长，人工智能投入加大。</body></html>";
  std::string bytes = Encode(page, "GBK");
  Decoded d = DecodeToUtf8(bytes, "text/html; charset=GBK");
  CHECK(d.utf8 == page);
  CHECK(d.charset == "GB18030");
  // Without the header the (wrong) meta wins, and the text is mojibake but
  // still valid UTF-8.
  Decoded wrong = DecodeToUtf8(bytes);
  CHECK(wrong.charset == "windows-1252");
  CHECK(IsValidUtf8(wrong.utf8));
  CHECK(wrong.utf8 != page);
}

TEST_CASE("charset: byte order marks win over every label", "[extract]") {
  const std::string text = "Zürich – 東京";
  SECTION("UTF-8 BOM is stripped") {
    Decoded d = DecodeToUtf8("\xEF\xBB\xBF" + text, "text/html; charset=iso-8859-1");
    CHECK(d.utf8 == text);
    CHECK(d.charset == "UTF-8");
  }
  SECTION("UTF-16LE") {
    Decoded d = DecodeToUtf8("\xFF\xFE" + Encode(text, "UTF-16LE"), "text/html; charset=utf-8");
    CHECK(d.utf8 == text);
  }
  SECTION("UTF-16BE") {
    Decoded d = DecodeToUtf8("\xFE\xFF" + Encode(text, "UTF-16BE"));
    CHECK(d.utf8 == text);
  }
}

TEST_CASE("charset: undeclared legacy text is detected", "[extract]") {
  std::string text;
  for (int i = 0; i < 8; ++i)
    text += "中国科技巨头今年大幅增加资本支出，重点投资人工智能基础设施，尽管美国实施制裁。";
  Decoded d = DecodeToUtf8(Encode(text, "GB18030"));
  CHECK(d.utf8 == text);

  std::string russian;
  for (int i = 0; i < 6; ++i)
    russian += "Китайские технологические компании значительно увеличили капитальные расходы. ";
  Decoded r = DecodeToUtf8(Encode(russian, "windows-1251"));
  CHECK(r.utf8 == russian);
}

TEST_CASE("charset: undeclared UTF-8 and ASCII stay as they are", "[extract]") {
  CHECK(DecodeToUtf8("plain ascii").utf8 == "plain ascii");
  Decoded d = DecodeToUtf8("naïve café – ok");
  CHECK(d.utf8 == "naïve café – ok");
  CHECK(d.charset == "UTF-8");
}

TEST_CASE("charset: WHATWG labels map to the decoders browsers use", "[extract]") {
  using internal::IcuNameForLabel;
  CHECK(IcuNameForLabel("gb2312") == "GB18030");
  CHECK(IcuNameForLabel("GBK") == "GB18030");
  CHECK(IcuNameForLabel("iso-8859-1") == "windows-1252");
  CHECK(IcuNameForLabel("Latin1") == "windows-1252");
  CHECK(IcuNameForLabel("us-ascii") == "windows-1252");
  CHECK(IcuNameForLabel("x-sjis") == "Shift_JIS");
  CHECK(IcuNameForLabel(" \"UTF8\" ") == "UTF-8");
  CHECK(IcuNameForLabel("ks_c_5601-1987") == "windows-949");
  CHECK(IcuNameForLabel("no-such-charset").empty());
  CHECK(IcuNameForLabel("").empty());
  CHECK(internal::CharsetFromContentType("text/html; Charset=\"Shift_JIS\"") == "Shift_JIS");
  CHECK(internal::CharsetFromContentType("text/html").empty());
  CHECK(internal::MetaCharset("<!-- <meta charset=koi8-r> --><meta charset='utf-8'>") == "utf-8");
}

TEST_CASE("charset: an unknown label falls through to detection", "[extract]") {
  Decoded d = DecodeToUtf8("caf\xC3\xA9", "text/html; charset=bogus-42");
  CHECK(d.utf8 == "café");
}

TEST_CASE("charset: invalid UTF-8 becomes U+FFFD per maximal subpart", "[extract]") {
  bool had = false;
  CHECK(SanitizeUtf8("ok", &had) == "ok");
  CHECK_FALSE(had);
  CHECK(SanitizeUtf8("a\xFF" "b", &had) == "a\xEF\xBF\xBD" "b");
  CHECK(had);
  // Truncated 4-byte sequence: one replacement.
  CHECK(SanitizeUtf8("\xF0\x9F\x98") == "\xEF\xBF\xBD");
  // Overlong encoding of '/': two replacements (C0 is never valid).
  CHECK(SanitizeUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  // UTF-16 surrogate encoded in UTF-8.
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));
  CHECK(SanitizeUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  CHECK(IsValidUtf8(std::string(100, 'x') + "é" + std::string(100, 'y')));

  Decoded d = DecodeToUtf8("bad \xE2\x28\xA1 bytes", "text/html; charset=utf-8");
  CHECK(IsValidUtf8(d.utf8));
  CHECK(d.had_invalid);
}

TEST_CASE("charset: random bytes in any charset always give valid UTF-8", "[extract]") {
  std::mt19937 rng(42);
  const char* labels[] = {"", "utf-8", "gbk", "big5", "shift_jis", "euc-kr", "koi8-r",
                          "windows-1251", "iso-8859-2", "utf-16le", "iso-2022-jp"};
  for (int iter = 0; iter < 300; ++iter) {
    std::string bytes(rng() % 600, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    std::string ct = std::string("text/html; charset=") + labels[iter % std::size(labels)];
    Decoded d = DecodeToUtf8(bytes, ct);
    INFO("iteration " << iter);
    REQUIRE(IsValidUtf8(d.utf8));
    REQUIRE_FALSE(d.charset.empty());
  }
}

}  // namespace
}  // namespace newsfacts
