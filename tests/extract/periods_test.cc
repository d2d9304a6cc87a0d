#include "periods.h"

#include <catch2/catch.hpp>

using namespace newsfacts::extract;
using Unit = PeriodSpec::Unit;

namespace {
PeriodSpec Spec(Unit unit, int sub, int year = 0) {
  PeriodSpec s;
  s.unit = unit;
  s.sub = sub;
  s.year = year;
  return s;
}
}  // namespace

TEST_CASE("ResolvePeriod resolves sub-periods against the publication date", "[extract]") {
  Date aug = ParseIsoDate("2024-08-26T13:21:00+03:00");
  REQUIRE(aug.year == 2024);
  REQUIRE(aug.month == 8);
  CHECK(ResolvePeriod(Spec(Unit::kHalf, 1), aug, nullptr).period == "2024-H1");
  CHECK(ResolvePeriod(Spec(Unit::kQuarter, 2), aug, nullptr).period == "2024-Q2");
  // Q4 had not begun in August: the last one that had is 2023's.
  CHECK(ResolvePeriod(Spec(Unit::kQuarter, 4), aug, nullptr).period == "2023-Q4");
  CHECK(ResolvePeriod(Spec(Unit::kMonth, 2), aug, nullptr).period == "2024-02");
  CHECK(ResolvePeriod(Spec(Unit::kHalf, 1, 2023), aug, nullptr).period == "2023-H1");
  CHECK(ResolvePeriod(Spec(Unit::kYear, 0, 2025), aug, nullptr).period == "2025");
  CHECK(ResolvePeriod(Spec(Unit::kSpan, 3), aug, nullptr).period == "2024..2026");
}

TEST_CASE("ResolvePeriod shifts relative periods from their reference", "[extract]") {
  Date aug = ParseIsoDate("2024-08-26");
  ResolvedPeriod main = ResolvePeriod(Spec(Unit::kHalf, 1), aug, nullptr);
  PeriodSpec earlier;
  earlier.relative = true;
  earlier.rel_years = -1;
  CHECK(ResolvePeriod(earlier, aug, &main).period == "2023-H1");
  // Without a reference: relative to the article's year.
  CHECK(ResolvePeriod(earlier, aug, nullptr).period == "2023");
  PeriodSpec same;
  same.same_as_ref = true;
  same.year = 2023;
  CHECK(ResolvePeriod(same, aug, &main).period == "2023-H1");
  PeriodSpec same_last;
  same_last.same_as_ref = true;
  same_last.rel_years = -1;
  CHECK(ResolvePeriod(same_last, aug, &main).period == "2023-H1");
}

TEST_CASE("ResolvePeriod never invents a year without a publication date", "[extract]") {
  Date none;
  ResolvedPeriod h1 = ResolvePeriod(Spec(Unit::kHalf, 1), none, nullptr);
  CHECK(h1.period.empty());
  CHECK(h1.hint == "H1");
  PeriodSpec earlier;
  earlier.relative = true;
  earlier.rel_years = -1;
  ResolvedPeriod prev = ResolvePeriod(earlier, none, &h1);
  CHECK(prev.period.empty());
  CHECK(prev.hint == "H1-1y");
  // An explicit year still resolves.
  CHECK(ResolvePeriod(Spec(Unit::kHalf, 1, 2024), none, nullptr).period == "2024-H1");
  PeriodSpec same;
  same.same_as_ref = true;
  same.year = 2023;
  CHECK(ResolvePeriod(same, none, &h1).period == "2023-H1");
}

TEST_CASE("ShiftPeriod keeps the sub-period and spans", "[extract]") {
  CHECK(ShiftPeriod("2024-H1", -1) == "2023-H1");
  CHECK(ShiftPeriod("2024-Q2", -1) == "2023-Q2");
  CHECK(ShiftPeriod("2024-02", 1) == "2025-02");
  CHECK(ShiftPeriod("2024", -1) == "2023");
  CHECK(ShiftPeriod("2024..2026", -1) == "2023..2025");
  CHECK(ShiftPeriod("bad", -1).empty());
}

TEST_CASE("ResolvePeriod reads 'this month' and 'last month' from the publication date", "[extract]") {
  PeriodSpec this_month = Spec(Unit::kMonth, 0);
  this_month.month_relative = true;
  PeriodSpec last_month = this_month;
  last_month.rel_months = -1;
  CHECK(ResolvePeriod(this_month, ParseIsoDate("2024-12-19"), nullptr).period == "2024-12");
  CHECK(ResolvePeriod(last_month, ParseIsoDate("2024-12-19"), nullptr).period == "2024-11");
  CHECK(ResolvePeriod(last_month, ParseIsoDate("2025-01-03"), nullptr).period == "2024-12");
  // No date: no month, a hint.
  ResolvedPeriod none = ResolvePeriod(last_month, Date{}, nullptr);
  CHECK(none.period.empty());
  CHECK(none.hint == "month-1m");
}
