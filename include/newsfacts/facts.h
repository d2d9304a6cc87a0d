// newsfacts/facts.h — attach figures to entity, metric and period.
//
//   Article a = ...;  // published 2024-08-26, lang "en"
//   // "Alibaba, Tencent and Baidu had combined capital expenditure of
//   //  Rmb50bn ($7bn) in the first half, compared with Rmb23bn a year earlier"
//   std::vector<Fact> f = FactExtractor::Default().Extract(a);
//   f[0]: entity "Alibaba+Tencent+Baidu", metric "capex", period "2024-H1",
//         value 5e10, unit "CNY", alt [{7e9, "USD"}], modality kActual
//   f[1]: same entity and metric, period "2023-H1", value 2.3e10, unit "CNY"
//
// Rule-based and explainable: per sentence (ICU segmentation) the extractor
// finds entity mentions, metric cues, period expressions and figures, then
// fills the slots by clause structure and proximity, with a short discourse
// memory for the subject ("The Chinese tech giant's capex" -> the company of
// the previous sentence). Entities, metric cues, period words and modality
// cues are the lexicons entities.tsv, metrics.tsv, periods.tsv and
// modality.tsv (see lexicon.h); users extend them for their own topic.
//
// A period that the text does not give stays "" — never invented. Relative
// periods ("first half", "a year earlier", "im Vorjahr", "去年同期") resolve
// against Article::published.
//
// Thread-safety: immutable after construction; Extract is reentrant.
#ifndef NEWSFACTS_FACTS_H_
#define NEWSFACTS_FACTS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/article.h"
#include "newsfacts/figures.h"
#include "newsfacts/text.h"
#include "newsfacts/status.h"

namespace newsfacts {

enum class Modality { kActual, kForecast, kPlan };
std::string_view ModalityName(Modality m);  // "actual" | "forecast" | "plan"
Modality ModalityFromName(std::string_view name);

// A stated conversion of the same amount: "Rmb50bn ($7bn)" -> {7e9, "USD"}.
struct AltValue {
  double value = 0;
  std::string unit;
  double resolution = 1;
};

struct Fact {
  std::string entity;   // canonical name, or members joined by '+'
  std::string metric;   // capex, revenue, cloud_revenue, ... or "other"
  std::string period;   // YYYY, YYYY-H1, YYYY-Q2, YYYY-MM, YYYY-MM-DD, YYYY..YYYY, or ""
  // When `period` is "" because the article has no date, what the text said,
  // in a normalised form: "H1", "Q2", "M02", "this-year", with "-1y" appended
  // for "a year earlier" ("H1-1y"). The reconciler uses it to keep an
  // undated "first half" apart from an undated "a year earlier".
  std::string period_hint;
  // The amount. When the sentence states only a change ("revenue rose 34%"),
  // value is absent and change_pct carries it.
  std::optional<double> value;
  std::string unit;                   // ISO currency, "%", "units", or ""
  std::optional<double> change_pct;   // "up 123 per cent" -> 123
  Qualifier qualifier = Qualifier::kNone;
  std::optional<double> low;
  std::optional<double> high;
  std::vector<AltValue> alt;
  double resolution = 1;              // from the figure (see Figure::resolution)
  std::string source;                 // article URL
  std::string published;              // article publication date
  std::string lang;
  Modality modality = Modality::kActual;
  std::string evidence;               // the sentence, as in the article text
  std::size_t evidence_start = 0;     // byte offsets of the sentence in Article::text
  std::size_t evidence_end = 0;
  std::size_t figure_start = 0;       // byte offsets of the figure in Article::text
  std::size_t figure_end = 0;
  double confidence = 0;              // [0,1], from how the slots were filled
};

class FactExtractor {
 public:
  // Built from the built-in plus user lexicons on first use.
  static const FactExtractor& Default();
  static Result<std::unique_ptr<FactExtractor>> Create();
  virtual ~FactExtractor() = default;

  // Facts in the article, in text order. Uses FigureExtractor::Default().
  virtual std::vector<Fact> Extract(const Article& article) const = 0;
  // Same, with figures already extracted from article.text.
  virtual std::vector<Fact> Extract(const Article& article,
                                    const std::vector<Figure>& figures) const = 0;
  // Same, reading article.text through `prepared` (PrepareText of it) when it
  // was split for the article's language, instead of normalising and
  // splitting it again.
  virtual std::vector<Fact> Extract(const Article& article, const std::vector<Figure>& figures,
                                    const PreparedText& prepared) const {
    (void)prepared;
    return Extract(article, figures);
  }
};

}  // namespace newsfacts

#endif  // NEWSFACTS_FACTS_H_
