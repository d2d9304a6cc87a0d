// newsfacts/figures.h — money, percentages, numbers and chip names in text.
//
//   const FigureExtractor& fx = FigureExtractor::Default();
//   std::vector<Figure> f = fx.Extract("capex of Rmb50bn ($7bn) in H1", "en");
//   f[0]: kind kMoney, text "Rmb50bn", value 5e10, currency "CNY", resolution 1e9
//   f[1]: kind kMoney, text "$7bn",    value 7e9,  currency "USD"
//
//   "4,2 Milliarden Renminbi"       (de) -> money 4.2e9 CNY
//   "12.000 bis 13.000 US-Dollar"   (de) -> money value 12000, low 12000, high 13000, USD
//   "up 123 per cent"               (en) -> percent 123
//   "mehr als 50 Milliarden US-Dollar"   -> money 5e10 USD, qualifier kOver
//   "6个百分点"                      (zh) -> percent 6, unit "pp"
//   "more than doubled"             (en) -> percent 100, qualifier kOver, unit "change"
//   "Nvidia's H20"                        -> chip "H20", vendor "Nvidia"
//
// Offsets are UTF-8 byte offsets into the text passed to Extract (end
// exclusive), whatever normalisation happens inside. Scale words follow the
// language: German/French/Spanish "Billion(en)/billion(s)/billón" is 10^12,
// English "billion" is 10^9; 万 10^4, 亿/億 10^8, 兆 10^12 (ja).
//
// Dates, times, years used as dates, phone numbers, ordinals, tickers and page
// furniture ("16 px") are not reported as figures.
//
// The lexicons (currencies, scale words, qualifiers, chip gazetteer) are the
// data files extract/lexicons/figures_*.tsv and chips.tsv; see lexicon.h for
// how users extend them.
//
// Thread-safety: a FigureExtractor is immutable after construction; Extract
// may be called concurrently from many threads.
#ifndef NEWSFACTS_FIGURES_H_
#define NEWSFACTS_FIGURES_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/status.h"
#include "newsfacts/text.h"

namespace newsfacts {

enum class FigureKind { kMoney, kPercent, kNumber, kChip };
enum class Qualifier { kNone, kOver, kUnder, kAbout };

// "money" | "percent" | "number" | "chip"
std::string_view FigureKindName(FigureKind kind);
// "over" | "under" | "about" | "" (kNone)
std::string_view QualifierName(Qualifier q);
Qualifier QualifierFromName(std::string_view name);

struct Figure {
  FigureKind kind = FigureKind::kNumber;
  std::string text;           // surface string, exactly input[start, end)
  std::size_t start = 0;      // UTF-8 byte offsets into the input
  std::size_t end = 0;
  double value = 0;           // fully scaled; for ranges the low end
  std::optional<double> low;  // ranges only
  std::optional<double> high;
  std::string currency;       // ISO 4217 for money ("CNY", "USD"), else ""
  Qualifier qualifier = Qualifier::kNone;
  // Extra unit: "pp" (percentage points), "change" (doubled/tripled: value is
  // the percent increase), "x" (multiplier "3 times"), a counted noun
  // ("units", "users") when known, else "".
  std::string unit;
  // Place value of the last stated digit, after scaling: "$7bn" -> 1e9,
  // "$3.22bn" -> 1e7, "Rmb4.2bn" -> 1e8, "12,000" -> 1 (an integer's trailing
  // zeros count as stated), "3 million" -> 1e6. The reconciler treats values
  // within half a resolution as the same rounded number.
  double resolution = 1;
  std::string chip;           // chips: canonical name ("Ascend 910B")
  std::string vendor;         // chips: vendor ("Huawei")
};

class FigureExtractor {
 public:
  // The extractor built from the built-in lexicons plus user lexicons (see
  // lexicon.h). Built once on first use; aborts with a message if a built-in
  // lexicon is malformed (a bug), reports user lexicon errors on stderr.
  static const FigureExtractor& Default();

  // Builds an extractor from the current lexicons. Fails with
  // InvalidArgument naming the file and line of a malformed entry.
  static Result<std::unique_ptr<FigureExtractor>> Create();

  virtual ~FigureExtractor() = default;

  // All figures in `text` (valid UTF-8), sorted by start offset, not
  // overlapping. `lang` is an ISO 639-1 code, or "" to detect it.
  virtual std::vector<Figure> Extract(std::string_view text, std::string_view lang) const = 0;
  // The same, with `norm` = NormalizeText(text) computed by the caller (who
  // needs it for other stages too).
  virtual std::vector<Figure> Extract(std::string_view text, const NormalizedText& norm,
                                      std::string_view lang) const {
    (void)norm;
    return Extract(text, lang);
  }
};

}  // namespace newsfacts

#endif  // NEWSFACTS_FIGURES_H_
