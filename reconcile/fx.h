// reconcile/fx.h — reference exchange rates by month (reconcile/data/fx_rates.tsv).
//
//   const FxTable& fx = FxTable::Default();
//   fx.PerUsd("CNY", 2024, 8)            -> 7.15 (units of CNY per USD)
//   fx.Convert(5e10, "CNY", "USD", 2024, 8) -> ~6.99e9
//
// Months outside the table use the nearest listed month of that currency.
// Thread-safety: immutable after construction.
#ifndef NEWSFACTS_RECONCILE_FX_H_
#define NEWSFACTS_RECONCILE_FX_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts::reconcile {

class FxTable {
 public:
  // Built-in table plus user files of the same name (lexicon.h).
  static const FxTable& Default();
  // Parses the TSV body; malformed lines are skipped and counted.
  explicit FxTable(std::string_view tsv);

  bool Knows(std::string_view currency) const;
  // Units of `currency` per USD in (year, month); nullopt for unknown currencies.
  std::optional<double> PerUsd(std::string_view currency, int year, int month) const;
  // `value` in `from` expressed in `to`; nullopt when either is unknown.
  std::optional<double> Convert(double value, std::string_view from, std::string_view to, int year,
                                int month) const;
  int malformed_lines() const { return malformed_; }

 private:
  std::map<std::string, std::map<int, double>, std::less<>> rates_;  // currency -> yyyymm -> per USD
  int malformed_ = 0;
};

}  // namespace newsfacts::reconcile

#endif  // NEWSFACTS_RECONCILE_FX_H_
