// extract/dates.h — publication dates, machine- and human-written.
//
//   ParseDateValue("2024-08-26T13:21:00Z")        -> 2024-08-26T13:21:00+00:00
//   ParseDateValue("Mon, 26 Aug 2024 13:21:00 GMT")-> 2024-08-26T13:21:00+00:00
//   FindDate("Aug 26, 2024 13:21 414")            -> 2024-08-26T13:21
//   FindDate("Veröffentlicht am 26. August 2024")  -> 2024-08-26
//   FindDate("le 26 août 2024")                    -> 2024-08-26
//   FindDate("2024年8月26日")                       -> 2024-08-26
//
// Month names (wide and abbreviated, format and stand-alone forms) come from
// ICU's DateFormatSymbols for the locales in kDateLocales, so any of those
// languages' "26 <month> 2024" and "<month> 26, 2024" orders parse. Numeric
// forms: Y-M-D, Y/M/D, D.M.Y, M/D/Y (D/M/Y when the first number is > 12),
// Y年M月D日 and the Korean Y년 M월 D일.
//
// Thread-safety: reentrant (the month table is built once, thread-safely).
#ifndef NEWSFACTS_EXTRACT_DATES_H_
#define NEWSFACTS_EXTRACT_DATES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsfacts::internal {

struct DateTime {
  int year = 0;
  int month = 0;   // 1..12
  int day = 0;     // 1..31
  int hour = -1;   // -1: no time of day
  int minute = -1;
  int second = -1; // -1: not given
  bool has_offset = false;
  int offset_minutes = 0;  // east of UTC

  // "2024-08-26", "2024-08-26T13:21", "2024-08-26T13:21:05+02:00".
  std::string ToIso() const;
};

// A date from a metadata value (meta content, JSON-LD, <time datetime>):
// ISO 8601 and its common variants, RFC 2822, YYYYMMDD, Unix seconds or
// milliseconds, else any human form FindDate knows.
std::optional<DateTime> ParseDateValue(std::string_view value);

// The first human-written date in `text` (years 1990..2100). On success sets
// [*begin, *end) to the bytes the date (and a time right after it) covers.
std::optional<DateTime> FindDate(std::string_view text, std::size_t* begin = nullptr,
                                 std::size_t* end = nullptr);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_DATES_H_
