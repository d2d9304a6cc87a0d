#include "periods.h"

#include <charconv>
#include <cstdio>

namespace newsfacts::extract {
namespace {

int ParseDigits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string Format(int year, PeriodSpec::Unit unit, int sub) {
  char buf[32];
  switch (unit) {
    case PeriodSpec::Unit::kHalf:
      std::snprintf(buf, sizeof buf, "%04d-H%d", year, sub);
      return buf;
    case PeriodSpec::Unit::kQuarter:
      std::snprintf(buf, sizeof buf, "%04d-Q%d", year, sub);
      return buf;
    case PeriodSpec::Unit::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, sub);
      return buf;
    case PeriodSpec::Unit::kSpan:
      std::snprintf(buf, sizeof buf, "%04d..%04d", year, year + sub - 1);
      return buf;
    default:
      std::snprintf(buf, sizeof buf, "%04d", year);
      return buf;
  }
}

std::string SubHint(PeriodSpec::Unit unit, int sub) {
  char buf[16];
  switch (unit) {
    case PeriodSpec::Unit::kHalf:
      std::snprintf(buf, sizeof buf, "H%d", sub);
      return buf;
    case PeriodSpec::Unit::kQuarter:
      std::snprintf(buf, sizeof buf, "Q%d", sub);
      return buf;
    case PeriodSpec::Unit::kMonth:
      std::snprintf(buf, sizeof buf, "M%02d", sub);
      return buf;
    case PeriodSpec::Unit::kSpan:
      std::snprintf(buf, sizeof buf, "next-%dy", sub);
      return buf;
    default:
      return "year";
  }
}

// First month of a sub-period.
int StartMonth(PeriodSpec::Unit unit, int sub) {
  switch (unit) {
    case PeriodSpec::Unit::kHalf: return sub == 2 ? 7 : 1;
    case PeriodSpec::Unit::kQuarter: return 3 * (sub - 1) + 1;
    case PeriodSpec::Unit::kMonth: return sub;
    default: return 1;
  }
}

// Splits "2024-H1" into year and the rest ("-H1"); false if malformed.
bool SplitPeriod(std::string_view p, int* year, std::string_view* rest) {
  int y = ParseDigits(p, 0, 4);
  if (y < 0) return false;
  *year = y;
  *rest = p.substr(4);
  return true;
}

}  // namespace

Date ParseIsoDate(std::string_view iso) {
  Date d;
  int y = ParseDigits(iso, 0, 4);
  if (y < 1900 || y > 2200) return d;
  d.year = y;
  if (iso.size() >= 7 && iso[4] == '-') {
    int m = ParseDigits(iso, 5, 2);
    if (m >= 1 && m <= 12) d.month = m;
    if (iso.size() >= 10 && iso[7] == '-') {
      int day = ParseDigits(iso, 8, 2);
      if (day >= 1 && day <= 31) d.day = day;
    }
  }
  return d;
}

long PeriodEndKey(std::string_view period) {
  auto number = [](std::string_view t, long* out) {
    return !t.empty() && std::from_chars(t.data(), t.data() + t.size(), *out).ptr == t.data() + t.size();
  };
  if (std::size_t dots = period.find(".."); dots != std::string_view::npos) period = period.substr(dots + 2);
  long year = 0;
  if (period.size() < 4 || !number(period.substr(0, 4), &year)) return 0;
  if (period.size() == 4) return year * 10000 + 1231;
  if (period[4] != '-' || period.size() < 7) return 0;
  std::string_view rest = period.substr(5);
  long n = 0;
  if ((rest[0] == 'H' || rest[0] == 'Q') && number(rest.substr(1), &n)) {
    const long month = rest[0] == 'H' ? n * 6 : n * 3;
    return month >= 1 && month <= 12 ? year * 10000 + month * 100 + 31 : 0;
  }
  long month = 0, day = 31;
  if (!number(rest.substr(0, 2), &month) || month < 1 || month > 12) return 0;
  if (rest.size() > 2 && (rest[2] != '-' || !number(rest.substr(3), &day))) return 0;
  return year * 10000 + month * 100 + day;
}

std::string ShiftPeriod(std::string_view period, int years) {
  int year;
  std::string_view rest;
  if (!SplitPeriod(period, &year, &rest)) return {};
  std::string out = Format(year + years, PeriodSpec::Unit::kYear, 0);
  if (rest.size() >= 6 && rest.substr(0, 2) == "..") {  // span
    int end_year = ParseDigits(rest, 2, 4);
    if (end_year < 0) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "..%04d", end_year + years);
    return out + buf;
  }
  return out + std::string(rest);
}

static ResolvedPeriod ResolvePeriodNoDay(const PeriodSpec& spec, const Date& published,
                                         const ResolvedPeriod* reference) {
  using Unit = PeriodSpec::Unit;
  ResolvedPeriod out;
  // "in the period", "im selben Quartal": the reference's period as it is.
  if (spec.anaphoric) {
    if (reference != nullptr) {
      out.period = reference->period;
      out.hint = reference->hint;
    } else {
      out.hint = "same-period";
    }
    return out;
  }
  // "the same period (in 2023)" / "a year earlier": relative to the reference.
  if (spec.same_as_ref || (spec.relative && reference != nullptr && spec.unit == Unit::kNone)) {
    const int shift = spec.same_as_ref ? (spec.rel_years != 0 ? spec.rel_years : -1) : spec.rel_years;
    if (reference == nullptr) {
      out.hint = spec.year > 0 ? std::to_string(spec.year) : "same-period" + std::to_string(shift) + "y";
      return out;
    }
    if (!reference->period.empty()) {
      if (spec.same_as_ref && spec.year > 0) {
        int ref_year;
        std::string_view rest;
        if (SplitPeriod(reference->period, &ref_year, &rest)) {
          out.period = Format(spec.year, Unit::kYear, 0) + std::string(rest);
          out.explicit_year = true;
        }
        return out;
      }
      out.period = ShiftPeriod(reference->period, shift);
      return out;
    }
    if (spec.same_as_ref && spec.year > 0 && reference->hint.size() >= 2 &&
        (reference->hint[0] == 'H' || reference->hint[0] == 'Q' || reference->hint[0] == 'M')) {
      // Undated reference "first half" + "the same period in 2023" -> 2023-H1.
      std::string sub = reference->hint.substr(0, reference->hint.find('-'));
      char kind = sub[0];
      int n = ParseDigits(sub, 1, sub.size() - 1);
      Unit u = kind == 'H' ? Unit::kHalf : kind == 'Q' ? Unit::kQuarter : Unit::kMonth;
      if (n > 0) {
        out.period = Format(spec.year, u, n);
        out.explicit_year = true;
        return out;
      }
    }
    if (!reference->hint.empty()) {
      out.hint = reference->hint + (shift < 0 ? "" : "+") + std::to_string(shift) + "y";
    }
    return out;
  }
  if (spec.unit == Unit::kSpan) {
    if (spec.year > 0) {
      out.period = Format(spec.year, Unit::kSpan, spec.sub);
      out.explicit_year = true;
    } else if (published.ok()) {
      out.period = Format(published.year, Unit::kSpan, spec.sub);
    } else {
      out.hint = SubHint(Unit::kSpan, spec.sub);
    }
    return out;
  }
  if (spec.month_relative) {  // "this month", "last month": from the article date
    if (!published.ok() || published.month <= 0) {
      out.hint = spec.rel_months == 0 ? "this-month" : "month" + std::to_string(spec.rel_months) + "m";
      return out;
    }
    int year = published.year;
    int month = published.month + spec.rel_months;
    while (month < 1) {
      month += 12;
      --year;
    }
    while (month > 12) {
      month -= 12;
      ++year;
    }
    out.period = Format(year, Unit::kMonth, month);
    return out;
  }
  if (spec.year > 0) {
    out.period = Format(spec.year, spec.unit == Unit::kNone ? Unit::kYear : spec.unit, spec.sub);
    out.explicit_year = true;
    return out;
  }
  if (spec.relative) {  // "last year", "this year" against the article date
    if (!published.ok()) {
      if (spec.unit == Unit::kNone) {
        out.hint = spec.rel_years == 0 ? "this-year"
                   : spec.rel_years < 0 ? "year" + std::to_string(spec.rel_years) + "y"
                                        : "year+" + std::to_string(spec.rel_years) + "y";
      } else {
        out.hint = SubHint(spec.unit, spec.sub) + (spec.rel_years == 0 ? "" : std::to_string(spec.rel_years) + "y");
      }
      return out;
    }
    const int year = published.year + spec.rel_years;
    out.period = Format(year, spec.unit == Unit::kNone ? Unit::kYear : spec.unit, spec.sub);
    return out;
  }
  if (spec.unit == Unit::kHalf || spec.unit == Unit::kQuarter || spec.unit == Unit::kMonth) {
    if (!published.ok()) {
      out.hint = SubHint(spec.unit, spec.sub);
      return out;
    }
    // The most recent such period that had begun at publication.
    int year = published.year;
    if (published.month > 0 && StartMonth(spec.unit, spec.sub) > published.month) --year;
    out.period = Format(year, spec.unit, spec.sub);
    return out;
  }
  return out;
}

ResolvedPeriod ResolvePeriod(const PeriodSpec& spec, const Date& published,
                             const ResolvedPeriod* reference) {
  if (spec.day < 1 || spec.day > 31) return ResolvePeriodNoDay(spec, published, reference);
  PeriodSpec month = spec;
  if (spec.day_only) {
    // "13日": the article's month, or the month before for a later day.
    month.unit = PeriodSpec::Unit::kMonth;
    month.month_relative = true;
    month.rel_months = published.day > 0 && spec.day > published.day ? -1 : 0;
  }
  ResolvedPeriod out = ResolvePeriodNoDay(month, published, reference);
  if (out.period.size() == 7) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%02d", spec.day);
    out.day = out.period + "-" + buf;
  }
  return out;
}

}  // namespace newsfacts::extract
