// extract/figures_numbers.h — the value of a number as written: digits with
// the language's separators, Chinese/Japanese numerals, spelled-out words.
//
//   ParseDigitNumber("4,2", ',')          -> 4.2     resolution 0.1
//   ParseDigitNumber("12.000", ',')       -> 12000   resolution 1
//   ParseDigitNumber("1,000.5", '.')      -> 1000.5
//   ParseDigitNumber("1'000", '.')        -> 1000
//   CjkNumberParser: "五十亿" -> 5e9 (resolution 1e9), "4.78万亿" -> 4.78e12,
//                    "一千二百" -> 1200, "九十二万四" -> 924000
//   SpelledNumberParser("de"): "zwei Milliarden" -> 2e9,
//                    "achtundsiebzig" -> 78 (ICU RuleBasedNumberFormat)
//
// Internal to extract/; the component is include/newsfacts/figures.h.
// Thread-safety: all functions and const methods are reentrant (ICU
// formatters are cached per thread).
#ifndef NEWSFACTS_EXTRACT_FIGURES_NUMBERS_H_
#define NEWSFACTS_EXTRACT_FIGURES_NUMBERS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "figures_lexicon.h"

namespace newsfacts::figures_internal {

struct ParsedNumber {
  double value = 0;           // as written, before any scale word
  double resolution = 1;      // place value of the last stated digit
  double trailing_scale = 1;  // CJK: product of the big units it ends with ("13亿" -> 1e8)
  bool integer = true;        // no fractional part was written
  bool approx = false;        // CJK 余/多/几 ("500余万")
  bool plain = false;         // only ASCII digits, no separator, sign or fraction ("2024")
  bool grouped = false;       // thousands separators were written ("12,000")
};

// Digits as the core pattern finds them: "1,234.5", "1.234,5", "4,2",
// "1 000,5", "1'000", ".5", with an optional sign, exponent ("2e5"), power
// ("1.1^23") or fraction ("3/4", "1 4/5"). `decimal_sep` is the language's
// decimal separator (ICU DecimalFormatSymbols); it decides "4,800" and
// "4.800", which a separator before other than three digits never needs.
bool ParseDigitNumber(std::string_view s, char decimal_sep, ParsedNumber* out);

// Chinese/Japanese numerals, mixed with digits ("7万5千", "1,100.9亿"), and
// Korean units after digits ("1천 5백만"). Characters come from the numbers
// lexicon (roles cjk-* and after-digit).
class CjkNumberParser {
 public:
  void Add(std::string_view surface, const NumberWordInfo& info);

  // Parses all of `s` (spaces allowed between tokens). With `digit_sequence`,
  // digits without units read one by one ("九九" -> 99, "五五" -> 55), as in
  // discounts; otherwise such runs ("二三十") are vague and rejected.
  bool Parse(std::string_view s, char decimal_sep, bool digit_sequence, ParsedNumber* out) const;

  // Whether a digit after a unit abbreviates the next unit down, as in
  // Chinese "四百五" = 450 (Japanese reads "九百九" as 909).
  void set_abbreviate(bool on) { abbreviate_ = on; }

  // The role of the character at s[pos], or nullptr.
  const NumberWordInfo* RoleAt(std::string_view s, std::size_t pos, std::size_t* len) const;

 private:
  std::unordered_map<char32_t, NumberWordInfo> chars_;
  bool abbreviate_ = true;
};

// One word of a spelled-out number: [begin, end) in the span being read.
struct TokenSpan {
  std::size_t begin, end;
};

// How many ICU spell-out parses the reading of one text may still ask for.
// ICU's rule-based parser tries every public rule set of the language (some
// thirty in Russian) and can take a millisecond a call, so a text of
// number-word soup must not ask thousands. Every ask counts, answered from
// the cache or not, so a text's figures do not depend on what came before it.
struct IcuBudget {
  int calls = 128;
};

// Spelled-out numbers in one language: words from the numbers lexicon, large
// scales from the scales lexicon, values from ICU's spell-out rules.
class SpelledNumberParser {
 public:
  SpelledNumberParser(std::string lang, const SurfaceTable<NumberWordInfo>* words,
                      const SurfaceTable<ScaleInfo>* scales, const std::vector<std::string>* den_suffixes)
      : lang_(std::move(lang)), words_(words), scales_(scales), den_suffixes_(den_suffixes) {}

  // Parses the longest prefix of `span` (a run of number words) that is a
  // number; *consumed is its length. `weak_only` is set when the number is a
  // single word that is also an article ("one", "un", "ein").
  bool Parse(std::string_view span, ParsedNumber* out, std::size_t* consumed, bool* weak_only,
             IcuBudget* budget) const;

 private:
  enum class Kind { kNum, kJoin, kPoint, kDen, kDen1, kDenOf, kScale, kArticle, kPartOf };
  struct Word {
    std::string_view text;
    Kind kind;
    double value;
    bool suffixed = false;  // a den-suffix made it a denominator ("unieme")
    bool one = false;       // a scale word that alone means one of it
  };

  bool Classify(std::string_view token, Word* w, IcuBudget* budget) const;
  bool WordValue(std::string_view word, double* value, IcuBudget* budget) const;
  bool AskIcu(std::string_view text, bool allow_lenient, double* value, IcuBudget* budget) const;
  bool Compose(const std::vector<Word>& words, std::size_t b, std::size_t e, double* value) const;
  bool Integer(std::string_view span, const std::vector<Word>& words, std::size_t b, std::size_t e,
               double* value, double* resolution, double* last_scale, IcuBudget* budget) const;
  bool Fraction(std::string_view span, const std::vector<Word>& words, double* value, IcuBudget* budget) const;
  // A token's Classify answer, kept while Parse tries shorter prefixes.
  struct Classified {
    signed char ok = -1;  // -1 not asked yet
    Word word{};
  };
  // The value of all of `span`, already cut into words (`toks`); false when
  // the words are not one number. `classified` has one entry per token.
  bool ParseTokens(std::string_view span, const std::vector<TokenSpan>& toks, std::vector<Classified>* classified,
                   ParsedNumber* out, bool* weak_only, IcuBudget* budget) const;

  std::string lang_;
  const SurfaceTable<NumberWordInfo>* words_;
  const SurfaceTable<ScaleInfo>* scales_;
  const std::vector<std::string>* den_suffixes_;
};

// The place value of the lowest non-zero digit of a value: 300 -> 100,
// 21 -> 1, 1.5 -> 0.1, 0.75 -> 0.01; 1 for 0.
double IntegerPlace(double v);

}  // namespace newsfacts::figures_internal

#endif  // NEWSFACTS_EXTRACT_FIGURES_NUMBERS_H_
