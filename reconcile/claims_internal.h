// reconcile/claims_internal.h — the data the reconciler works on, and the
// value arithmetic it uses (internal to reconcile/).
#ifndef NEWSFACTS_RECONCILE_CLAIMS_INTERNAL_H_
#define NEWSFACTS_RECONCILE_CLAIMS_INTERNAL_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/facts.h"

namespace newsfacts::reconcile {

// A stored fact, as the reconciler reads it.
struct FactRow {
  std::int64_t id = 0;
  std::int64_t article_id = 0;
  int article = -1;  // index into the loaded articles
  std::string entity;
  std::string metric;
  std::string period;       // may be filled by period inference
  std::string period_hint;
  bool period_inferred = false;
  std::optional<double> value;
  std::string unit;
  std::optional<double> change;
  Qualifier qualifier = Qualifier::kNone;
  std::optional<double> low;
  std::optional<double> high;
  std::vector<AltValue> alt;
  double resolution = 1;
  Modality modality = Modality::kActual;
  // The fact's sentence and source URL are not loaded: results refer to facts
  // by id and queries join them back (keeps a million-fact run light).
  std::string published;  // the article's
};

struct ArticleRow {
  std::int64_t id = 0;
  std::string url;
  std::string site;        // publisher key (documents.source)
  std::string published;
  std::optional<std::uint64_t> simhash;
  std::vector<std::string> attributions;
  int origin = -1;         // index into the origin list
  std::string origin_reason;  // attribution | near-duplicate | shared-figures | own
};

struct YearMonth {
  int year = 0;
  int month = 0;
  bool ok() const { return year > 0; }
};

// "2024-08-26..." -> {2024, 8}; "" -> {}.
YearMonth ParseYearMonth(std::string_view iso);

// First and last month of a normalised period ("2024-H1" -> 2024-01..2024-06).
bool PeriodMonths(std::string_view period, YearMonth* first, YearMonth* last);

// A closed interval of values a statement is consistent with.
struct Interval {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool Overlaps(const Interval& o) const { return lo <= o.hi && o.lo <= hi; }
  Interval Intersect(const Interval& o) const;
};

// The rounding a reader can assume: the stated resolution, widened over
// trailing zeros of the digits while two significant digits remain —
// "500亿" (digits 500, resolution 1e8) is as round as "50bn" (1e9), and
// "12,000" is read to the thousand. "$5.63bn" keeps its 1e7.
double EffectiveResolution(double value, double resolution);

// What "value" with its resolution and qualifier is consistent with:
// "$7bn" -> [6.5bn, 7.5bn]; "more than $50bn" -> [49.5bn, inf);
// "about 5.6bn" -> 5% either side; a range "12,000-13,000" -> [11999.5, 13000.5].
// `relative_slack` widens both ends (conversions at reference rates).
Interval StatementInterval(double value, double resolution, Qualifier qualifier,
                           std::optional<double> low, std::optional<double> high,
                           double relative_slack);

// "50bn", "4.2bn", "3.22bn", "12,000" — compact human form of an amount.
std::string FormatAmount(double v, std::string_view unit);

}  // namespace newsfacts::reconcile

#endif  // NEWSFACTS_RECONCILE_CLAIMS_INTERNAL_H_
