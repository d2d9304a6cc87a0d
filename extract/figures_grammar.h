// extract/figures_grammar.h — the figure grammar of one language, compiled.
//
// A LangGrammar holds, for one ISO 639-1 language, the lexicon classes that
// apply to it as SurfaceTables (currencies before and after the number, scale
// words, qualifiers, percent markers, number words, range connectors, units,
// chips), the language's number conventions from ICU (decimal separator,
// month names), and one combined RE2 — the scanner — whose alternatives are
//
//   junk   dates, times, URLs, phone numbers, tickers, labels ("No. 5")
//   chip   any chip alias
//   change "(more than) doubled", "to triple", "对折"
//   pctpre "百分之", "千分之" (a percent that precedes its number)
//   number [qualifier] [between] [sign] [currency] core
//          core = digits | CJK numerals | spelled-out number words
//
// The scanner only finds where the next candidate starts (DFA, one pass, cost
// independent of the number of lexicon entries; its number cores are cut to
// their heads, which decide where a candidate starts); the tables' tries and
// the anchored RE2s of the cores then read the candidate piece by piece
// (figures.cc).
//
// Internal to extract/; the component is include/newsfacts/figures.h.
// Thread-safety: immutable after Build.
#ifndef NEWSFACTS_EXTRACT_FIGURES_GRAMMAR_H_
#define NEWSFACTS_EXTRACT_FIGURES_GRAMMAR_H_

#include <re2/re2.h>

#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "figures_lexicon.h"
#include "figures_numbers.h"
#include "newsfacts/status.h"

namespace newsfacts::figures_internal {

// Whether any of several tables matches at a position: a first-byte test,
// then one walk of the tries holding all their surfaces.
class UnionProbe {
 public:
  template <typename... Tables>
  Status Build(const Tables&... tables) {
    ((first_ |= tables.first_bytes()), ...);
    (tables.AddSurfacesTo(&sensitive_, &insensitive_), ...);
    NF_RETURN_IF_ERROR(sensitive_.Build());
    return insensitive_.Build();
  }
  bool At(std::string_view s, std::size_t pos) const {
    if (pos >= s.size() || !first_[static_cast<unsigned char>(s[pos])]) return false;
    return sensitive_.LongestAt(s, pos) > 0 || insensitive_.LongestAt(s, pos) > 0;
  }

 private:
  std::bitset<256> first_;
  SurfaceTrie sensitive_{false};
  SurfaceTrie insensitive_{true};
};

struct LangGrammar {
  std::string lang;            // "en", "de", ...
  char decimal_sep = '.';      // ICU DecimalFormatSymbols of the language
  bool space_grouping = false; // "1 000,5" (languages whose decimal mark is ',')

  SurfaceTable<CurrencyInfo> cur_pre;
  SurfaceTable<CurrencyInfo> cur_post;
  SurfaceTable<ScaleInfo> scales;
  SurfaceTable<QualifierInfo> qual_pre;
  SurfaceTable<QualifierInfo> qual_post;
  SurfaceTable<QualifierInfo> qual_round;  // "上" in "上百亿": only before 百, 千, 万...
  SurfaceTable<PercentInfo> pct_post;    // %, Prozent, pp, 成/折/割 (tenth)
  SurfaceTable<PercentInfo> pct_pre;     // 百分之
  SurfaceTable<PercentInfo> pct_words;   // standalone: change, base, fixed
  SurfaceTable<NumberWordInfo> words;    // spelled-out vocabulary (+ scale words)
  SurfaceTable<NumberWordInfo> signs;
  SurfaceTable<WordInfo> range;
  SurfaceTable<WordInfo> between;
  SurfaceTable<WordInfo> from;
  SurfaceTable<WordInfo> to;  // ends a change from a "from" word (besides range words)
  SurfaceTable<WordInfo> vague;  // one character before a CJK numeral: "数" in "数十亿"
  SurfaceTable<WordInfo> idiom;  // a CJK numeral that opens a word: "千万不要"
  SurfaceTable<WordInfo> indefinite;  // "un" in "más de un 50 %": between a qualifier and digits
  SurfaceTable<WordInfo> cur_join;
  SurfaceTable<WordInfo> minor_join;
  SurfaceTable<WordInfo> modal;
  SurfaceTable<WordInfo> clues;
  SurfaceTable<WordInfo> fraction;   // CJK "分之", "分の", "분의"
  SurfaceTable<WordInfo> particles;  // Korean endings after Hangul numerals
  SurfaceTable<WordInfo> over;       // "1 over 3", "un sur 20"
  SurfaceTable<WordInfo> mixed;      // "又", "과" before a CJK fraction
  SurfaceTable<UnitInfo> units;
  SurfaceTable<ChipInfo> chips;
  CjkNumberParser cjk;
  std::vector<std::string> den_suffixes;  // "avos", "ième", ... (figures_numbers.tsv)
  std::unique_ptr<SpelledNumberParser> spelled;

  std::unique_ptr<RE2> scanner;      // the combined candidate finder (unanchored)
  std::unique_ptr<RE2> junk;         // junk alternatives alone (anchored use)
  std::unique_ptr<RE2> digits;       // digit core (anchored use)
  std::unique_ptr<RE2> cjk_number;   // CJK numeral core (anchored use)
  std::unique_ptr<RE2> spelled_run;  // spelled-out core (anchored use)
  std::unique_ptr<RE2> chip_context; // words showing a text is about chips
  std::unique_ptr<RE2> clue_scan;    // currency clues (unanchored, for "¥")
  UnionProbe before_any;  // qualifiers, signs, currencies, change words before a number
  UnionProbe after_any;   // scales, currencies, percent, units, connectors after one
  // Bytes the number cores can start with: a cheap test before RE2.
  std::bitset<256> digits_first;
  std::bitset<256> cjk_first;
  std::bitset<256> spelled_first;
  std::bitset<256> junk_first;   // bytes a junk match (date, URL, label) can start with
  std::bitset<256> cjk_follow;   // lead bytes of CJK numerals that may follow digits ("50亿")

  // Builds the grammar of `lang` from the lexicon; fails on a pattern RE2
  // rejects (a malformed user lexicon).
  static Result<std::unique_ptr<LangGrammar>> Build(const FigureLexicon& lex, std::string lang);
};

// Length of the junk match (date, time, URL, phone number, label...) at
// s[pos..] (g.junk, anchored), 0 when none. A run of three or more digits
// that no junk form can continue is ruled out without RE2; the test in
// figures_lexicon_test.cc compares the two on generated text.
// The shortest junk (dates, times, labels) that starts with an ASCII digit
// ("5pm") and with a three-byte UTF-8 character ("第1"), in bytes. The tests
// check every shorter string against every language's junk pattern.
inline constexpr std::size_t kMinJunkAfterDigit = 3;
inline constexpr std::size_t kMinJunkAfterCjk = 4;

std::size_t JunkLength(const LangGrammar& g, std::string_view s, std::size_t pos);

// Length of the run of spelled-out number words at s[pos..]
// (g.spelled_run, anchored), read within the next kMaxSpelledRunBytes bytes:
// SpelledNumberParser takes at most 32 words of it anyway, and an unbounded
// run made every word of a long list of number words re-read all the rest.
inline constexpr std::size_t kMaxSpelledRunBytes = 2048;
std::size_t SpelledRunLength(const LangGrammar& g, std::string_view s, std::size_t pos);

// Groups of three digits after the first ("1,234,567" has two) that one
// number may have: 10^21, past any quantity news states.
inline constexpr int kMaxDigitGroups = 6;

// Length of the digit core at s[pos..] (g.digits, anchored), 0 when none. A
// plain digit run that nothing can continue is measured without RE2; the
// test in figures_lexicon_test.cc compares the two on generated text.
std::size_t DigitsLength(const LangGrammar& g, std::string_view s, std::size_t pos);

// Length of the anchored match of `re` at s[pos..], 0 when none.
std::size_t AnchoredMatchLength(const RE2& re, std::string_view s, std::size_t pos);

// The same, but 0 at once when the byte at pos is not in `first`.
inline std::size_t AnchoredMatchLength(const RE2& re, const std::bitset<256>& first, std::string_view s,
                                       std::size_t pos) {
  if (pos >= s.size() || !first[static_cast<unsigned char>(s[pos])]) return 0;
  return AnchoredMatchLength(re, s, pos);
}

}  // namespace newsfacts::figures_internal

#endif  // NEWSFACTS_EXTRACT_FIGURES_GRAMMAR_H_
