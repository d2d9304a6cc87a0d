// extract/periods.h — resolving period expressions to normalised periods.
//
//   spec {unit kHalf, sub 1}            published 2024-08-26  -> "2024-H1"
//   spec {unit kHalf, sub 1, year 2023}                       -> "2023-H1"
//   spec {rel -1} against reference "2024-H1"                 -> "2023-H1"
//   spec {unit kSpan, sub 3}            published 2024-11-02  -> "2024..2026"
//   spec {unit kHalf, sub 1}            no publication date   -> "" (hint "H1")
//   spec {unit kSpan, sub 3, year 2025}                       -> "2025..2027"
//   spec {anaphoric} against reference "2024-Q2"              -> "2024-Q2"
//
// Thread-safety: pure functions.
#ifndef NEWSFACTS_EXTRACT_PERIODS_H_
#define NEWSFACTS_EXTRACT_PERIODS_H_

#include <string>
#include <string_view>

namespace newsfacts::extract {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  bool ok() const { return year > 0; }
};

// "2024-08-26", "2024-08-26T13:21:00+03:00", "2024-08", "2024" -> Date.
Date ParseIsoDate(std::string_view iso);

struct PeriodSpec {
  enum class Unit { kNone, kYear, kHalf, kQuarter, kMonth, kSpan };
  Unit unit = Unit::kNone;
  int sub = 0;             // half 1-2, quarter 1-4, month 1-12, span length in years
  int year = 0;            // a stated year, 0 if none
  bool relative = false;   // a year relative to the reference or the article date
  int rel_years = 0;       // with `relative`: -1 "a year earlier", 0 "this year"
  bool same_as_ref = false;  // "the same period (in 2023)": the reference's sub-period
  bool target = false;     // "by 2025"
  bool anaphoric = false;  // "in the period", "同期": the reference's period itself
  bool month_relative = false;  // "this month", "last month": a month of the article date
  int rel_months = 0;           // with `month_relative`: 0 this month, -1 last month
  int day = 0;                  // a day of the month ("Nov 13", "11月13日"), 0 if none
  bool day_only = false;        // only a day ("13日"): of the article's month, or the one before
  bool empty() const {
    return unit == Unit::kNone && !relative && !same_as_ref && !anaphoric && year == 0 && !month_relative &&
           !day_only;
  }
};

struct ResolvedPeriod {
  std::string period;  // normalised, or "" when unknown
  std::string hint;    // what is known when `period` is "" (see Fact::period_hint)
  bool explicit_year = false;  // the year was written in the text
  // "YYYY-MM-DD" when the expression names a day: `period` then holds its
  // month, and the day is for figures that hold on one day (a closing
  // price, a market value), not for results over a period.
  std::string day;
};

// Resolves `spec` against the publication date and, for relative and
// anaphoric expressions, against `reference` (the period of the figure this
// one is compared with, or of the fact the discourse is about; nullptr when
// there is none — then they stay unknown, with a hint).
ResolvedPeriod ResolvePeriod(const PeriodSpec& spec, const Date& published,
                             const ResolvedPeriod* reference);

// Where a normalised period ends, as a number that orders periods by their
// end (year * 10000 + month * 100 + day): "2024-H1" and "2024-Q2" end
// together, "2024-Q3" later. 0 when `period` is not one.
long PeriodEndKey(std::string_view period);

// Shifts a normalised period by whole years: ("2024-H1", -1) -> "2023-H1".
std::string ShiftPeriod(std::string_view period, int years);

}  // namespace newsfacts::extract

#endif  // NEWSFACTS_EXTRACT_PERIODS_H_
