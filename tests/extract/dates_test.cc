// Tests for extract/dates.cc: machine-readable values and dates written in
// running text, in several languages.
#include "dates.h"

#include <catch2/catch.hpp>

#include <string>

namespace newsfacts::internal {
namespace {

TEST_CASE("dates: ParseDateValue reads metadata formats", "[extract]") {
  struct Case {
    const char* value;
    const char* iso;
  };
  const Case cases[] = {
      {"2024-08-26T13:21:00Z", "2024-08-26T13:21:00+00:00"},
      {"2024-08-26T13:21:00.123+02:00", "2024-08-26T13:21:00+02:00"},
      {"2024-08-26T13:21:00-0500", "2024-08-26T13:21:00-05:00"},
      {"2024-08-26 13:21", "2024-08-26T13:21"},
      {"2024-08-26", "2024-08-26"},
      {" 2024/08/26 ", "2024-08-26"},
      {"20240826", "2024-08-26"},
      {"1724678460", "2024-08-26T13:21:00+00:00"},
      {"1724678460000", "2024-08-26T13:21:00+00:00"},
      {"Mon, 26 Aug 2024 13:21:00 GMT", "2024-08-26T13:21:00+00:00"},
      {"Mon, 26 Aug 2024 13:21:00 +0200", "2024-08-26T13:21:00+02:00"},
      {"August 26, 2024 1:21 PM EDT", "2024-08-26T13:21-04:00"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.value);
    auto dt = ParseDateValue(c.value);
    REQUIRE(dt);
    CHECK(dt->ToIso() == c.iso);
  }
}

TEST_CASE("dates: ParseDateValue rejects what is not a date", "[extract]") {
  for (const char* bad : {"", "yesterday", "2024-13-01", "2023-02-29", "12345", "0000-00-00",
                          "99999999999999999999"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDateValue(bad));
  }
}

TEST_CASE("dates: FindDate reads human dates in running text", "[extract]") {
  struct Case {
    const char* text;
    const char* iso;
  };
  const Case cases[] = {
      {"Aug 26, 2024 13:21 414", "2024-08-26T13:21"},
      {"date 2024-08-26 + ↺ − 16 px", "2024-08-26"},
      {"Published August 26th, 2024 at 9:05 a.m.", "2024-08-26T09:05"},
      {"Sept. 3, 2019", "2019-09-03"},
      {"Veröffentlicht am 26. August 2024 um 13:21 Uhr", "2024-08-26T13:21"},
      {"Aktualisiert: 3. März 2023", "2023-03-03"},
      {"Publié le 26 août 2024 à 13:21", "2024-08-26T13:21"},
      {"le 1er février 2024", "2024-02-01"},
      {"26 de agosto de 2024", "2024-08-26"},
      {"26 августа 2024 г.", "2024-08-26"},
      {"发布时间：2024年8月26日 13:21", "2024-08-26T13:21"},
      {"2024年8月26日", "2024-08-26"},
      {"2024년 8월 26일", "2024-08-26"},
      {"Stand: 26.08.2024, 13:21 Uhr", "2024-08-26T13:21"},
      {"11/19/2019", "2019-11-19"},
      {"19/11/2019", "2019-11-19"},
      {"Updated 26 Aug 2024", "2024-08-26"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto dt = FindDate(c.text);
    REQUIRE(dt);
    CHECK(dt->ToIso() == c.iso);
  }
}

TEST_CASE("dates: FindDate reports where the date is", "[extract]") {
  std::string text = "By Jane Doe | Aug 26, 2024 13:21 | 5 min read";
  std::size_t begin = 0, end = 0;
  auto dt = FindDate(text, &begin, &end);
  REQUIRE(dt);
  CHECK(text.substr(begin, end - begin) == "Aug 26, 2024 13:21");
}

TEST_CASE("dates: FindDate ignores numbers that are no dates", "[extract]") {
  for (const char* text : {"Revenue rose 34% to $5.6 billion in 2024.", "Call 555-1234-5678",
                           "version 1.2.3", "May the force be with you", "31 February 2024",
                           "The 12 of 2024 models"}) {
    CAPTURE(text);
    CHECK_FALSE(FindDate(text));
  }
}

}  // namespace
}  // namespace newsfacts::internal
