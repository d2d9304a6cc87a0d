#include "claims_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace newsfacts::reconcile {
namespace {

int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

YearMonth ParseYearMonth(std::string_view iso) {
  YearMonth ym;
  int y = Digits(iso, 0, 4);
  if (y < 1900) return ym;
  ym.year = y;
  if (iso.size() >= 7 && iso[4] == '-') {
    int m = Digits(iso, 5, 2);
    if (m >= 1 && m <= 12) ym.month = m;
  }
  return ym;
}

bool PeriodMonths(std::string_view p, YearMonth* first, YearMonth* last) {
  int y = Digits(p, 0, 4);
  if (y < 1900) return false;
  std::string_view rest = p.substr(4);
  if (rest.empty()) {
    *first = {y, 1};
    *last = {y, 12};
    return true;
  }
  if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'H') {
    int h = rest[2] - '0';
    if (h != 1 && h != 2) return false;
    *first = {y, h == 1 ? 1 : 7};
    *last = {y, h == 1 ? 6 : 12};
    return true;
  }
  if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q') {
    int q = rest[2] - '0';
    if (q < 1 || q > 4) return false;
    *first = {y, 3 * q - 2};
    *last = {y, 3 * q};
    return true;
  }
  if (rest.size() >= 3 && rest[0] == '-' && rest[1] != '.') {
    int m = Digits(rest, 1, 2);
    if (m < 1 || m > 12) return false;
    *first = {y, m};
    *last = {y, m};
    return true;
  }
  if (rest.size() == 6 && rest.substr(0, 2) == "..") {
    int y2 = Digits(rest, 2, 4);
    if (y2 < y) return false;
    *first = {y, 1};
    *last = {y2, 12};
    return true;
  }
  return false;
}

double EffectiveResolution(double value, double resolution) {
  if (!(resolution > 0) || !std::isfinite(value)) return resolution;
  const double digits = std::round(std::fabs(value) / resolution);
  if (digits > 1e15 || std::fabs(digits * resolution - std::fabs(value)) > 1e-6 * std::fabs(value)) {
    return resolution;  // value is not a whole number of resolution units
  }
  auto n = static_cast<long long>(digits);
  while (n >= 100 && n % 10 == 0) {
    n /= 10;
    resolution *= 10;
  }
  return resolution;
}

Interval Interval::Intersect(const Interval& o) const {
  return {std::max(lo, o.lo), std::min(hi, o.hi)};
}

Interval StatementInterval(double value, double resolution, Qualifier qualifier,
                           std::optional<double> low, std::optional<double> high,
                           double relative_slack) {
  const double half = std::max(resolution, 0.0) / 2;
  Interval iv;
  double lo = (low ? *low : value) - half;
  double hi = (high ? *high : value) + half;
  switch (qualifier) {
    case Qualifier::kOver:
      iv.lo = lo;
      break;
    case Qualifier::kUnder:
      iv.hi = hi;
      break;
    case Qualifier::kAbout:
      iv.lo = lo - 0.05 * std::fabs(lo);
      iv.hi = hi + 0.05 * std::fabs(hi);
      break;
    case Qualifier::kNone:
      iv.lo = lo;
      iv.hi = hi;
      break;
  }
  if (relative_slack > 0) {
    if (std::isfinite(iv.lo)) iv.lo -= relative_slack * std::fabs(iv.lo);
    if (std::isfinite(iv.hi)) iv.hi += relative_slack * std::fabs(iv.hi);
  }
  return iv;
}

std::string FormatAmount(double v, std::string_view unit) {
  struct Scale {
    double factor;
    const char* suffix;
  };
  static const Scale kScales[] = {{1e12, "tn"}, {1e9, "bn"}, {1e6, "m"}};
  char buf[64];
  const char* suffix = "";
  double shown = v;
  if (unit != "%") {
    for (const Scale& s : kScales) {
      if (std::fabs(v) >= s.factor) {
        shown = v / s.factor;
        suffix = s.suffix;
        break;
      }
    }
  }
  std::snprintf(buf, sizeof buf, "%.4g%s", shown, suffix);
  std::string out = buf;
  if (unit == "%") return out + "%";
  if (!unit.empty() && unit != "units") return out + " " + std::string(unit);
  return out;
}

}  // namespace newsfacts::reconcile
