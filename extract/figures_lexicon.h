// extract/figures_lexicon.h — the figure lexicons as typed rows, and the
// SurfaceTable that turns one class of surfaces into a matcher: an RE2
// pattern for the scanner, and a trie for the anchored lookups.
//
// The data lives in extract/lexicons/figures_*.tsv and chips.tsv (each file
// documents its columns). LoadFigureLexicon() reads them through LoadLexicon(),
// so user files in --lexicons directories are appended; it fails with
// InvalidArgument naming the file and line of a malformed row.
//
// Internal to extract/; the component is include/newsfacts/figures.h.
#ifndef NEWSFACTS_EXTRACT_FIGURES_LEXICON_H_
#define NEWSFACTS_EXTRACT_FIGURES_LEXICON_H_

#include <re2/re2.h>

#include <algorithm>
#include <bitset>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsfacts/figures.h"
#include "newsfacts/status.h"

namespace newsfacts::figures_internal {

// ISO 639-1 codes a row applies to ("*" = all).
struct LangSet {
  bool all = false;
  std::vector<std::string> langs;
  bool Has(std::string_view lang) const;
};

struct CurrencyInfo {
  std::string code;        // "USD", "CNY|JPY" (resolved later), "?" (unknown)
  bool pre = false;        // may stand before the number
  bool post = false;       // may follow the number
  double minor = 0;        // > 0: a minor unit worth `minor` of the major unit
  bool compound = false;   // minor unit only after a major amount ("角")
  double mult = 1;         // scale built into the surface ("MUSD")
  bool generic = false;    // a bare unit word that may also close an amount
                           // whose currency was named before it ("新台币3000亿元")
};

struct ScaleInfo {
  double value = 1;
  bool attach = false;  // may follow digits without a space
  bool tight = false;   // must follow digits without a space
  bool money = false;   // only in an amount of money
  bool word = false;    // also a word of spelled-out numbers
  bool one = false;     // alone it means one of it ("миллиард долларов")
  bool join = false;    // a thousand word between digit groups ("167 mil 200 millones")
};

struct QualifierInfo {
  Qualifier qualifier = Qualifier::kNone;
};

enum class PercentType { kPct, kPp, kTenth, kFixed, kChange, kBase };

struct PercentInfo {
  PercentType type = PercentType::kPct;
  double factor = 1;      // multiplier (pct/pp/tenth) or the value (fixed/change/base)
  bool pre = false;       // stands before the number ("百分之")
  bool tight = false;     // must follow the digits without a space
  std::u32string not_next;  // not when one of these characters follows
};

enum class NumberRole {
  kWord, kWeak, kArticle, kJoin, kMorph, kSign, kPoint, kDen, kDen1, kDenOf, kDenSuffix, kPartOf,
  kCjkDigit, kCjkZero, kCjkUnit, kCjkBig, kCjkPoint, kCjkApprox, kAfterDigit,
};

struct NumberWordInfo {
  NumberRole role = NumberRole::kWord;
  double value = 0;
};

enum class WordClass {
  kRange, kBetween, kFrom, kTo, kVague, kIdiom, kIndefinite, kCurJoin, kMinorJoin, kModal, kClue, kSkipAfter, kMonth, kFraction, kParticle, kOver, kMixed,
};
enum class RangeRule { kAlways, kUnlessFrom, kNeedsBetween, kNeedsFrom };

struct WordInfo {
  WordClass cls = WordClass::kRange;
  RangeRule range = RangeRule::kAlways;
  std::string code;  // clue: the currency it points to
};

enum class UnitClass { kJunk, kMeasure, kCount, kMult };

struct UnitInfo {
  UnitClass cls = UnitClass::kCount;
  std::string unit;  // "" = the matched surface
  bool tight = false;
};

struct ChipInfo {
  std::string canonical;
  std::string vendor;
  bool ctx = false;  // needs a context word nearby
};

template <typename Info>
struct LexiconRow {
  std::string surface;
  bool case_sensitive = false;
  LangSet langs;
  Info info;
};

// Every row of every figure lexicon, for all languages.
struct FigureLexicon {
  std::vector<LexiconRow<CurrencyInfo>> currencies;
  std::vector<LexiconRow<ScaleInfo>> scales;
  std::vector<LexiconRow<QualifierInfo>> qualifiers_pre;
  std::vector<LexiconRow<QualifierInfo>> qualifiers_post;
  std::vector<LexiconRow<QualifierInfo>> qualifiers_round;  // before a CJK numeral that starts with its unit
  std::vector<LexiconRow<PercentInfo>> percents;
  std::vector<LexiconRow<NumberWordInfo>> numbers;
  std::vector<LexiconRow<WordInfo>> words;
  std::vector<LexiconRow<UnitInfo>> units;
  std::vector<LexiconRow<ChipInfo>> chips;
  std::vector<std::string> chip_context;
};

// With `user_files` false, only the built-in lexicons are read (the fallback
// when a user file is malformed).
Result<FigureLexicon> LoadFigureLexicon(bool user_files = true);

// The RE2 fragment for one surface: spaces optional, hyphens between letters
// optional or a space, CJK characters with optional spaces between them.
std::string SurfacePattern(std::string_view surface);

// The surfaces of a SurfaceTable as an ICU BytesTrie. A surface's RE2
// pattern (SurfacePattern) matches a finite set of spellings: its optional
// space, optional hyphen-or-space and optional space between CJK characters
// each multiply them. The trie holds every spelling, case-folded per code
// point when `fold` (RE2's (?i) folds the same way), so LongestAt gives the
// match RE2 would give for the alternation of the patterns, in one walk
// without the cost of an RE2 call (figures_lexicon_test.cc checks that the two agree
// over the whole lexicon). Build fails on a surface with more than 4096
// spellings (a user lexicon's; the built-in ones have at most 256).
class SurfaceTrie {
 public:
  SurfaceTrie();
  explicit SurfaceTrie(bool fold);
  ~SurfaceTrie();
  SurfaceTrie(SurfaceTrie&&) noexcept;
  SurfaceTrie& operator=(SurfaceTrie&&) noexcept;

  // `value` is returned by LongestAt for a match of this surface.
  void Add(std::string_view surface, int32_t value);
  Status Build();

  // End of the longest surface matched from s[pos], or 0 when none matches;
  // *value (if given) is that surface's value.
  std::size_t LongestAt(std::string_view s, std::size_t pos, int32_t* value = nullptr) const;

 private:
  struct Impl;
  bool fold_ = false;
  std::string error_;
  std::map<std::string, int32_t> keys_;  // spelling -> value, until Build
  std::unique_ptr<Impl> impl_;
};

// A set of surfaces of one class for one language: tries for the anchored
// longest match (case-sensitive and folded surfaces), the alternation of their
// RE2 patterns for the scanner, and a map from the matched text back to the
// row's info. Later Adds of the same surface replace earlier ones (user
// lexicons win).
template <typename Info>
class SurfaceTable {
 public:
  void Add(std::string_view surface, bool case_sensitive, const Info& info);
  bool empty() const { return sensitive_.empty() && insensitive_.empty(); }

  // The alternation of all surfaces, for embedding in a larger pattern;
  // "(?:$^)" (matches nothing) when empty. With `word_start`, surfaces that
  // begin with an ASCII letter or digit must begin a word (\b), so a scan
  // does not stop at "ten" in "often" or "Tencent".
  std::string Pattern(bool word_start = false) const;

  // Compiles the matcher; call once after the last Add.
  Status Compile(std::string_view what);

  // The longest surface at s[pos..]: its info, with *end set to the end of the
  // match; nullptr when none matches. A byte that starts no surface is
  // rejected before RE2 is asked (most positions the grammar probes).
  const Info* Match(std::string_view s, std::size_t pos, std::size_t* end) const;

  // Whether some surface may start with byte `b`.
  bool MayStartWith(unsigned char b) const { return first_bytes_[b]; }
  const std::bitset<256>& first_bytes() const { return first_bytes_; }

  // The info for a text the table's pattern matched.
  const Info* Lookup(std::string_view matched) const;

  // Adds every surface to the trie of its case sensitivity (for UnionProbe).
  void AddSurfacesTo(SurfaceTrie* sensitive, SurfaceTrie* insensitive) const {
    for (const auto& [surface, case_sensitive] : surfaces_) (case_sensitive ? sensitive : insensitive)->Add(surface, 0);
  }

 private:
  std::unordered_map<std::string, Info> sensitive_;    // key: exact, spaces removed
  std::unordered_map<std::string, Info> insensitive_;  // key: case-folded
  std::vector<std::string> sensitive_patterns_;
  std::vector<std::string> insensitive_patterns_;
  std::unordered_set<std::string> seen_patterns_;
  std::bitset<256> first_bytes_;
  std::vector<std::pair<std::string, bool>> surfaces_;  // as added, with case sensitivity
  std::unordered_map<std::string, int32_t> key_ids_;    // "s:"/"i:" + map key -> trie value
  std::vector<const Info*> infos_;                       // trie value -> info (after Compile)
  SurfaceTrie sensitive_trie_{false};
  SurfaceTrie insensitive_trie_{true};
};

// Adds to `set` every byte a match of SurfacePattern(surface) can start with,
// in any letter case when `fold`.
void AddFirstBytes(std::string_view surface, bool fold, std::bitset<256>* set);

// Lookup key of a surface or matched text: spaces removed, hyphens too when
// the text has letters, case-folded unless `case_sensitive`.
std::string SurfaceKey(std::string_view text, bool case_sensitive);

// Options for the figure grammar's regexes: UTF-8, longest match, quiet,
// with a generous DFA budget.
RE2::Options FigureRegexOptions();

// ----------------------------------------------------------------- template code

template <typename Info>
void SurfaceTable<Info>::Add(std::string_view surface, bool case_sensitive, const Info& info) {
  if (surface.empty()) return;
  std::string pattern = SurfacePattern(surface);
  std::string key = SurfaceKey(surface, case_sensitive);
  AddFirstBytes(surface, !case_sensitive, &first_bytes_);
  if (case_sensitive) {
    sensitive_[key] = info;
  } else {
    insensitive_[key] = info;
  }
  auto [id, inserted] = key_ids_.emplace((case_sensitive ? "s:" : "i:") + key, static_cast<int32_t>(key_ids_.size()));
  (case_sensitive ? sensitive_trie_ : insensitive_trie_).Add(surface, id->second);
  surfaces_.emplace_back(surface, case_sensitive);
  std::string tag = (case_sensitive ? "s:" : "i:") + pattern;
  if (seen_patterns_.insert(tag).second) {
    (case_sensitive ? sensitive_patterns_ : insensitive_patterns_).push_back(std::move(pattern));
  }
}

// "\\b" before a pattern that starts with an ASCII letter or digit.
std::string WordStart(const std::string& pattern);

template <typename Info>
std::string SurfaceTable<Info>::Pattern(bool word_start) const {
  if (empty()) return "(?:$^)";
  std::string out = "(?:";
  bool first = true;
  if (!insensitive_patterns_.empty()) {
    out += "(?i:";
    for (std::size_t i = 0; i < insensitive_patterns_.size(); ++i) {
      if (i) out += '|';
      out += word_start ? WordStart(insensitive_patterns_[i]) : insensitive_patterns_[i];
    }
    out += ')';
    first = false;
  }
  for (const std::string& p : sensitive_patterns_) {
    if (!first) out += '|';
    out += word_start ? WordStart(p) : p;
    first = false;
  }
  out += ')';
  return out;
}

template <typename Info>
Status SurfaceTable<Info>::Compile(std::string_view what) {
  // The alternation must compile: the scanner and probes embed it.
  RE2 re(Pattern(), FigureRegexOptions());
  if (!re.ok()) return Status::InvalidArgument("figures: cannot compile " + std::string(what) + ": " + re.error());
  infos_.assign(key_ids_.size(), nullptr);
  for (const auto& [tagged, id] : key_ids_) {
    const auto& map = tagged[0] == 's' ? sensitive_ : insensitive_;
    infos_[static_cast<std::size_t>(id)] = &map.at(tagged.substr(2));
  }
  NF_RETURN_IF_ERROR(sensitive_trie_.Build());
  return insensitive_trie_.Build();
}

template <typename Info>
const Info* SurfaceTable<Info>::Match(std::string_view s, std::size_t pos, std::size_t* end) const {
  if (pos >= s.size() || !first_bytes_[static_cast<unsigned char>(s[pos])]) return nullptr;
  // The longest match; of two as long, the case-sensitive surface's.
  int32_t id_s = -1, id_i = -1;
  std::size_t end_s = sensitive_trie_.LongestAt(s, pos, &id_s);
  std::size_t end_i = insensitive_trie_.LongestAt(s, pos, &id_i);
  if (end_s == 0 && end_i == 0) return nullptr;
  int32_t id = end_s >= end_i ? id_s : id_i;
  if (id < 0 || static_cast<std::size_t>(id) >= infos_.size()) return nullptr;
  *end = std::max(end_s, end_i);
  return infos_[static_cast<std::size_t>(id)];
}

template <typename Info>
const Info* SurfaceTable<Info>::Lookup(std::string_view matched) const {
  if (!sensitive_.empty()) {
    auto it = sensitive_.find(SurfaceKey(matched, true));
    if (it != sensitive_.end()) return &it->second;
  }
  if (!insensitive_.empty()) {
    auto it = insensitive_.find(SurfaceKey(matched, false));
    if (it != insensitive_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace newsfacts::figures_internal

#endif  // NEWSFACTS_EXTRACT_FIGURES_LEXICON_H_
