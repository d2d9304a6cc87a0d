#include "fx.h"

#include <cstdlib>

#include "newsfacts/lexicon.h"

namespace newsfacts::reconcile {

const FxTable& FxTable::Default() {
  static const FxTable* table = new FxTable(LoadLexicon("fx_rates.tsv"));
  return *table;
}

FxTable::FxTable(std::string_view tsv) {
  ForEachTsvRow(tsv, [&](const std::vector<std::string_view>& cols, int) {
    if (cols.size() < 3 || cols[0].size() != 7 || cols[0][4] != '-' || cols[1].size() != 3) {
      ++malformed_;
      return;
    }
    int year = std::atoi(std::string(cols[0].substr(0, 4)).c_str());
    int month = std::atoi(std::string(cols[0].substr(5, 2)).c_str());
    char* end = nullptr;
    std::string num(cols[2]);
    double v = std::strtod(num.c_str(), &end);
    if (year < 1900 || month < 1 || month > 12 || end == num.c_str() || v <= 0) {
      ++malformed_;
      return;
    }
    rates_[std::string(cols[1])][year * 100 + month] = v;
  });
}

bool FxTable::Knows(std::string_view currency) const {
  return currency == "USD" || rates_.find(currency) != rates_.end();
}

std::optional<double> FxTable::PerUsd(std::string_view currency, int year, int month) const {
  if (currency == "USD") return 1.0;
  auto it = rates_.find(currency);
  if (it == rates_.end() || it->second.empty()) return std::nullopt;
  const auto& by_month = it->second;
  if (month < 1 || month > 12) month = 6;
  const int key = year * 100 + month;
  auto hit = by_month.lower_bound(key);
  if (hit == by_month.end()) return std::prev(hit)->second;
  if (hit->first == key || hit == by_month.begin()) return hit->second;
  auto before = std::prev(hit);
  // Nearest month (months as year*12 + month).
  auto months = [](int yyyymm) { return (yyyymm / 100) * 12 + yyyymm % 100; };
  return months(hit->first) - months(key) < months(key) - months(before->first) ? hit->second
                                                                                 : before->second;
}

std::optional<double> FxTable::Convert(double value, std::string_view from, std::string_view to,
                                       int year, int month) const {
  if (from == to) return value;
  auto f = PerUsd(from, year, month);
  auto t = PerUsd(to, year, month);
  if (!f || !t) return std::nullopt;
  return value / *f * *t;
}

}  // namespace newsfacts::reconcile
