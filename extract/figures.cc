// The figures extractor. The language's scanner (figures_grammar.h) finds
// where the next candidate starts; the candidate is then read piece by piece
// with anchored lexicon matches:
//
//   [qualifier] [between] [sign] [currency] NUMBER [scale] [de] [currency |
//   percent | unit] [post-qualifier] [range connector + second amount]
//
// What is not a figure (years, dates, labels, page furniture, numbers glued to
// letters) is dropped, and offsets are mapped back to the caller's text.
#include "newsfacts/figures.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "figures_grammar.h"
#include "figures_lexicon.h"
#include "figures_numbers.h"
#include "figures_utf8.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"

namespace newsfacts {

std::string_view FigureKindName(FigureKind kind) {
  switch (kind) {
    case FigureKind::kMoney: return "money";
    case FigureKind::kPercent: return "percent";
    case FigureKind::kNumber: return "number";
    case FigureKind::kChip: return "chip";
  }
  return "number";
}

std::string_view QualifierName(Qualifier q) {
  switch (q) {
    case Qualifier::kOver: return "over";
    case Qualifier::kUnder: return "under";
    case Qualifier::kAbout: return "about";
    case Qualifier::kNone: return "";
  }
  return "";
}

Qualifier QualifierFromName(std::string_view name) {
  if (name == "over") return Qualifier::kOver;
  if (name == "under") return Qualifier::kUnder;
  if (name == "about") return Qualifier::kAbout;
  return Qualifier::kNone;
}

namespace {

using figures_internal::AnchoredMatchLength;
using figures_internal::CodePointAt;
using figures_internal::CodePointBefore;
using figures_internal::CurrencyInfo;
using figures_internal::FigureLexicon;
using figures_internal::IsWordChar;
using figures_internal::LangGrammar;
using figures_internal::NumberRole;
using figures_internal::NumberWordInfo;
using figures_internal::ParsedNumber;
using figures_internal::PercentInfo;
using figures_internal::PercentType;
using figures_internal::QualifierInfo;
using figures_internal::RangeRule;
using figures_internal::ScaleInfo;
using figures_internal::SurfaceTable;
using figures_internal::UnitClass;
using figures_internal::UnitInfo;
using figures_internal::WordCharAt;
using figures_internal::WordCharBefore;
using figures_internal::WordInfo;

constexpr std::size_t kChipContextWindow = 300;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool IsLetterAt(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  std::size_t len;
  char32_t c = CodePointAt(s, pos, &len);
  return IsWordChar(c) && !(c >= '0' && c <= '9');
}

bool IsHangul(char32_t c) { return c >= 0xAC00 && c <= 0xD7AF; }

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// A piece [b, e) that ends in a letter or digit must not run into the next word.
bool RightBoundaryOk(std::string_view s, std::size_t b, std::size_t e) {
  if (e <= b || e >= s.size()) return true;
  std::size_t start;
  if (!IsWordChar(CodePointBefore(s, e, &start))) return true;
  return !WordCharAt(s, e);
}

// A piece starting at b with a letter or digit must not continue a word.
bool LeftBoundaryOk(std::string_view s, std::size_t b) {
  if (b == 0 || b >= s.size()) return true;
  if (!WordCharAt(s, b)) return true;
  return !WordCharBefore(s, b);
}

bool IsYear(double v) { return v >= 1800 && v <= 2100; }

// Rounds away binary noise so 4.2 * 1e9 prints as 4200000000.
double Clean(double v, double resolution) {
  if (!(resolution > 0) || !std::isfinite(v)) return v;
  double q = v / resolution;
  if (std::abs(q) > 1e15) return v;
  // Only a power of ten is a digit position ("3/4" has resolution 1/4).
  double decimals = -std::log10(resolution);
  if (std::abs(decimals - std::round(decimals)) > 1e-9) return v;
  double r = std::round(q) * resolution;
  if (resolution < 1 && decimals < 16) {
    // The nearest double to the decimal string, as printf/strtod would give.
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r, std::chars_format::fixed,
                                   static_cast<int>(std::lround(decimals)));
    if (ec != std::errc()) return r;
    double parsed = r;
    std::from_chars(buf, end, parsed);
    return parsed;
  }
  return r;
}

// One amount: a number with what belongs to it, before ranges are joined.
struct Amount {
  std::size_t start = 0;     // first byte of the figure (after qualifiers)
  std::size_t core_end = 0;  // end of prefix + number (compared with junk)
  std::size_t end = 0;       // end of the last piece read
  double raw = 0;            // the number as written, signed
  double raw_resolution = 1;
  double scale = 1;          // scale word, CJK big units, currency multiplier
  bool has_scale = false;
  bool money_scale = false;  // the scale is one only money may have ("m")
  bool integer = true;
  bool plain = false;        // bare ASCII digits ("2024")
  bool weak_only = false;    // "one", "un", "ein" alone
  bool cjk_single = false;   // one CJK numeral character ("三")
  bool vague = false;        // "数十亿", "幾百億": several of a CJK unit, no value; or an idiom ("千万不要")
  int hangul = 0;            // Hangul numeral syllables in the number ("이백" 2)
  bool spelled = false;
  bool approx = false;
  bool between = false;
  Qualifier qualifier = Qualifier::kNone;
  std::string currency;      // "" none; ISO code; "?" unknown; "CNY|JPY" unresolved
  bool money = false;        // a currency was read
  bool minor_only = false;   // "50 cents"
  bool post_currency = false;  // the currency was named after the number
  const PercentInfo* pct = nullptr;
  double tenth_value = 0;    // "3成" -> 30
  std::string unit;
  UnitClass unit_class = UnitClass::kCount;
  bool has_unit = false;
  std::optional<double> high;  // ranges: the high end's value
  std::size_t after_qualifier = 0;  // end of a post qualifier, if any ("超")

  bool Bare() const { return !money && pct == nullptr && !has_scale && !has_unit; }
  bool BareYear() const { return Bare() && plain && IsYear(raw); }
  double Value() const {
    if (pct != nullptr && pct->type == PercentType::kTenth) return tenth_value;
    double v = raw * scale;
    if (pct != nullptr) v *= pct->factor;
    return v;
  }
  double Resolution() const {
    if (pct != nullptr && pct->type == PercentType::kTenth) return 1;
    double r = raw_resolution * scale;
    if (pct != nullptr) r *= pct->factor;
    return r;
  }
};

// Reads the figures out of one normalised text.
class Scanner {
 public:
  Scanner(const LangGrammar& g, std::string_view text) : g_(g), s_(text) {}
  std::vector<Figure> Run();

 private:
  std::size_t SkipSpace(std::size_t p) const {
    while (p < s_.size() && s_[p] == ' ') ++p;
    return p;
  }
  // Where the next piece may start: right here, or after one space.
  // A few positions, without a heap allocation per probe.
  struct Positions {
    std::array<std::size_t, 6> at{};
    std::size_t n = 0;
    void push_back(std::size_t p) {
      if (n < at.size()) at[n++] = p;
    }
    void clear() { n = 0; }
    const std::size_t* begin() const { return at.data(); }
    const std::size_t* end() const { return at.data() + n; }
  };
  Positions NextAt(std::size_t q) const {
    Positions p;
    p.push_back(q);
    if (q < s_.size() && s_[q] == ' ') p.push_back(q + 1);
    return p;
  }

  template <typename Info>
  const Info* MatchWord(const SurfaceTable<Info>& t, std::size_t p, std::size_t* end) const {
    if (p >= s_.size() || !LeftBoundaryOk(s_, p)) return nullptr;
    const Info* info = t.Match(s_, p, end);
    if (info == nullptr || !RightBoundaryOk(s_, p, *end)) return nullptr;
    return info;
  }

  bool ParseCore(std::size_t p, bool after_currency, Amount* a) const;
  // after_connector: right after a range word ("Rmb50bn-60bn"), so digits may
  // touch the letters before it.
  bool ParseAmount(std::size_t pos, bool allow_prefix, bool allow_money_scale, Amount* a,
                   bool after_connector = false) const;
  void ParseFraction(Amount* a) const;
  void ParseMixedFraction(Amount* a) const;
  void ParseSuffix(Amount* a, bool allow_money_scale) const;
  void JoinDigitGroup(Amount* a, std::size_t* q) const;
  void ParseTenth(std::size_t marker_end, Amount* a) const;
  void ParseMinorUnits(Amount* a) const;
  // The amount after a range or change word ("-60bn", "to 7 billion"):
  // digits may touch the connector, words may not.
  bool ParseSecondEnd(std::size_t p2, Amount* a2) const {
    return ParseAmount(p2, false, true, a2, /*after_connector=*/p2 < s_.size() && IsAsciiDigit(s_[p2]));
  }
  bool TryRange(const Amount& a1, Amount* merged) const;
  bool FollowsFromWord(const Amount& a) const;
  void CompleteFromTo(Amount* a1) const;
  bool TryOver(const Amount& a1, Amount* merged) const;
  bool NumberIsJunk(const Amount& a) const;
  std::size_t ParseNumberFigure(std::size_t pos, std::size_t junk_len, std::vector<Figure>* out);
  std::size_t ParseChange(std::size_t pos, std::vector<Figure>* out) const;
  std::size_t ParsePercentPrefix(std::size_t pos, std::vector<Figure>* out) const;
  std::size_t ParseChip(std::size_t pos, std::vector<Figure>* out) const;
  std::string ResolveCurrency(const std::string& code);
  Figure ToFigure(const Amount& a);

  // UnionProbe::At with the last answers remembered: the same position is
  // probed by the suffix, range and fraction steps in turn.
  bool Probe(const figures_internal::UnionProbe& probe, std::size_t pos) const {
    for (const ProbeMemo& m : memo_) {
      if (m.probe == &probe && m.pos == pos) return m.value;
    }
    bool value = probe.At(s_, pos);
    memo_[memo_next_] = ProbeMemo{&probe, pos, value};
    memo_next_ = (memo_next_ + 1) % memo_.size();
    return value;
  }

  struct ProbeMemo {
    const figures_internal::UnionProbe* probe = nullptr;
    std::size_t pos = std::string_view::npos;
    bool value = false;
  };

  const LangGrammar& g_;
  std::string_view s_;
  mutable std::array<ProbeMemo, 4> memo_{};
  mutable std::size_t memo_next_ = 0;
  std::size_t last_junk_end_ = std::string_view::npos;
  std::optional<std::string> yen_;  // "CNY" or "JPY" once resolved for this text
  mutable figures_internal::IcuBudget icu_budget_;  // spell-out parses this text may still ask ICU for
};

bool Scanner::ParseCore(std::size_t p, bool after_currency, Amount* a) const {
  if (p >= s_.size()) return false;
  std::size_t ldig = DigitsLength(g_, s_, p);
  // A CJK numeral starts here, or follows the digits ("50亿", "5 億", "4만").
  std::size_t after_digits = p + ldig < s_.size() && s_[p + ldig] == ' ' ? p + ldig + 1 : p + ldig;
  bool cjk_possible = ldig == 0 || (after_digits < s_.size() && g_.cjk_follow[static_cast<unsigned char>(s_[after_digits])]);
  std::size_t lcjk = cjk_possible ? AnchoredMatchLength(*g_.cjk_number, g_.cjk_first, s_, p) : 0;
  std::size_t lspell = SpelledRunLength(g_, s_, p);
  if (lcjk == 0 && ldig == 0 && lspell == 0) return false;
  // Not inside a word ("H20", "COVID-19", "v1.2") unless glued to a currency
  // ("Rmb50bn", "US$7").
  if (!after_currency && p > 0) {
    std::size_t prev_start;
    char32_t prev = CodePointBefore(s_, p, &prev_start);
    if (IsWordChar(prev)) return false;
    char first = s_[p];
    if ((first == '-' || first == '+') && (prev == '.' || prev == ',' || prev == '-')) return false;
    if ((first == '.' || first == ',') && prev != ' ' && prev != '(' && prev != '\n' && prev != '"') return false;
    if (prev == '#' || prev == '_') return false;
    if ((prev == '-' || prev == '.' || prev == '/') && prev_start > 0) {
      std::size_t before_start;
      char32_t before = CodePointBefore(s_, prev_start, &before_start);
      bool digit_before = before >= '0' && before <= '9';
      if (IsWordChar(before) && !(prev == '-' && digit_before)) return false;
      if (digit_before) {
        // "ФС77-00000", "A1-5": digits glued to letters before the dash.
        std::size_t b = prev_start;
        while (b > 0 && IsAsciiDigit(s_[b - 1])) --b;
        if (WordCharBefore(s_, b) && !IsAsciiDigit(s_[b - 1])) return false;
      }
    }
  }
  ParsedNumber n;
  if (lcjk > 0 && lcjk >= ldig && lcjk >= lspell) {
    std::size_t cp_len;
    char32_t first_cp = CodePointAt(s_, p, &cp_len);
    if (p > 0) {
      std::size_t st, vend;
      CodePointBefore(s_, p, &st);
      a->vague = g_.vague.Match(s_, st, &vend) != nullptr && vend == p;
    }
    // "千万不要" (by all means do not): a numeral that opens a word.
    std::size_t iend;
    if (g_.idiom.Match(s_, p, &iend) != nullptr) a->vague = true;
    // "上百亿元" (upwards of ten billion yuan): a qualifier only before a
    // numeral that starts with its unit ("上一季度" is the last quarter).
    if (a->qualifier == Qualifier::kNone && p > 0) {
      std::size_t st, qend, rlen;
      CodePointBefore(s_, p, &st);
      const QualifierInfo* qi = g_.qual_round.Match(s_, st, &qend);
      const NumberWordInfo* role = qi != nullptr && qend == p ? g_.cjk.RoleAt(s_, p, &rlen) : nullptr;
      if (role != nullptr && (role->role == NumberRole::kCjkUnit || role->role == NumberRole::kCjkBig)) {
        a->qualifier = qi->qualifier;
      }
    }
    if (IsHangul(first_cp) && p > 0) {
      std::size_t st;
      if (IsHangul(CodePointBefore(s_, p, &st))) return false;  // inside a Korean word
    }
    // Hangul particles are numerals too ("이백과", "칠일이다"): the longest
    // run that parses and is not followed by more of the word.
    std::size_t full = lcjk;
    while (lcjk > 0) {
      std::string_view run = s_.substr(p, lcjk);
      std::size_t last_start;
      if (!IsHangul(CodePointBefore(s_, p + lcjk, &last_start))) break;
      ParsedNumber probe;
      std::size_t next_len, pend;
      // What may follow a numeral: a particle, a fraction word, or what a
      // figure is of ("5억원", "300만명", "20퍼센트").
      bool word_goes_on = p + lcjk < s_.size() && IsHangul(CodePointAt(s_, p + lcjk, &next_len)) &&
                          g_.particles.Match(s_, p + lcjk, &pend) == nullptr &&
                          g_.fraction.Match(s_, p + lcjk, &pend) == nullptr &&
                          g_.mixed.Match(s_, p + lcjk, &pend) == nullptr &&
                          g_.cur_post.Match(s_, p + lcjk, &pend) == nullptr &&
                          g_.units.Match(s_, p + lcjk, &pend) == nullptr &&
                          g_.pct_post.Match(s_, p + lcjk, &pend) == nullptr;
      if (ldig >= lcjk || (!word_goes_on && g_.cjk.Parse(run, g_.decimal_sep, false, &probe))) break;
      lcjk = last_start - p;
      while (lcjk > 0 && s_[p + lcjk - 1] == ' ') --lcjk;
      if (lcjk <= ldig) break;
    }
    if (lcjk == 0) lcjk = full;  // no better reading; the junk rules decide
  }
  if (lcjk > 0 && lcjk >= ldig && lcjk >= lspell) {
    std::string_view core = s_.substr(p, lcjk);
    // Discounts read digits one by one ("九九折" is 99 %).
    std::size_t mend;
    std::size_t after = p + lcjk < s_.size() && s_[p + lcjk] == ' ' ? p + lcjk + 1 : p + lcjk;
    const PercentInfo* next = g_.pct_post.Match(s_, after, &mend);
    bool digit_sequence = next != nullptr && next->type == PercentType::kTenth;
    if (g_.cjk.Parse(core, g_.decimal_sep, digit_sequence, &n)) {
      a->raw = n.value;
      a->raw_resolution = n.resolution;
      if (n.trailing_scale > 1) {
        a->raw = n.value / n.trailing_scale;
        a->raw_resolution = n.resolution / n.trailing_scale;
        a->scale = n.trailing_scale;
        a->has_scale = true;
      }
      a->integer = n.integer;
      a->approx = n.approx;
      std::size_t clen;
      a->cjk_single = g_.cjk.RoleAt(core, 0, &clen) != nullptr && clen == core.size();
      bool has_digits = false;
      for (std::size_t i = 0; i < core.size();) {
        if (IsHangul(CodePointAt(core, i, &clen))) ++a->hangul;
        if (IsAsciiDigit(core[i])) has_digits = true;
        i += clen;
      }
      if (has_digits) a->hangul = 0;  // "4만", "3백21": units after digits
      a->core_end = p + lcjk;
      return true;
    }
    if (ldig == 0 && lspell == 0) return false;
  }
  if (ldig > 0 && ldig >= lspell) {
    if (!ParseDigitNumber(s_.substr(p, ldig), g_.decimal_sep, &n)) return false;
    a->raw = n.value;
    a->raw_resolution = n.resolution;
    a->integer = n.integer;
    a->plain = n.plain;
    a->core_end = p + ldig;
    return true;
  }
  std::size_t consumed;
  bool weak;
  if (!LeftBoundaryOk(s_, p)) return false;
  if (!g_.spelled->Parse(s_.substr(p, lspell), &n, &consumed, &weak, &icu_budget_)) return false;
  if (!RightBoundaryOk(s_, p, p + consumed)) return false;
  a->raw = n.value;
  a->raw_resolution = n.resolution;
  a->integer = n.integer;
  a->weak_only = weak;
  a->spelled = true;
  a->core_end = p + consumed;
  return true;
}

// "五分之一" 0.2, "１６分の5" 0.3125, "삼분의 이" 2/3: the denominator comes first.
void Scanner::ParseFraction(Amount* a) const {
  if (a->spelled) return;
  std::size_t p = a->core_end < s_.size() && s_[a->core_end] == ' ' ? a->core_end + 1 : a->core_end;
  std::size_t end;
  if (g_.fraction.Match(s_, p, &end) == nullptr) return;
  std::size_t q = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
  Amount num;
  if (!ParseCore(q, true, &num) || num.spelled || a->raw == 0) return;
  double den = a->raw * a->scale;
  a->raw = num.raw * num.scale / den;
  a->scale = 1;
  a->has_scale = false;
  a->integer = false;
  a->plain = false;
  a->cjk_single = false;
  a->hangul = num.hangul > 0 ? 2 : 0;  // a fraction stands on its own
  a->raw_resolution = std::abs(a->raw) * 1e-12;
  a->core_end = num.core_end;
}

// "一又二分之一" 1.5, "삼과 오분의 일" 3.2: a whole number, a joining word,
// then a CJK fraction.
void Scanner::ParseMixedFraction(Amount* a) const {
  if (a->spelled || a->integer == false || a->pct != nullptr) return;
  std::size_t end;
  std::size_t p = a->core_end < s_.size() && s_[a->core_end] == ' ' ? a->core_end + 1 : a->core_end;
  if (g_.mixed.Match(s_, p, &end) == nullptr) return;
  std::size_t q = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
  Amount frac;
  if (!ParseCore(q, true, &frac)) return;
  double whole = a->raw * a->scale;
  ParseFraction(&frac);
  if (frac.integer || frac.raw <= 0 || frac.raw >= 1) return;
  a->raw = whole + frac.raw;
  a->scale = 1;
  a->has_scale = false;
  a->integer = false;
  a->plain = false;
  a->cjk_single = false;
  a->hangul = frac.hangul;
  a->raw_resolution = std::abs(a->raw) * 1e-12;
  a->core_end = frac.core_end;
}

bool Scanner::ParseAmount(std::size_t pos, bool allow_prefix, bool allow_money_scale, Amount* a,
                          bool after_connector) const {
  *a = Amount{};
  std::size_t p = pos;
  std::size_t end;
  const bool prefixed = Probe(g_.before_any, pos);
  if (allow_prefix && prefixed) {
    if (const QualifierInfo* q = MatchWord(g_.qual_pre, p, &end)) {
      a->qualifier = q->qualifier;
      p = SkipSpace(end);
      // "más de un 50 %": an indefinite article before the digits.
      if (MatchWord(g_.indefinite, p, &end) != nullptr && end + 1 < s_.size() && s_[end] == ' ' &&
          IsAsciiDigit(s_[end + 1])) {
        p = end + 1;
      }
    }
    if (MatchWord(g_.between, p, &end) != nullptr && end < s_.size() && s_[end] == ' ') {
      a->between = true;
      p = SkipSpace(end);
    }
  }
  a->start = p;
  bool neg = false;
  if (prefixed && MatchWord(g_.signs, p, &end) != nullptr) {
    neg = true;
    p = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
  }
  bool after_currency = false;
  if (const CurrencyInfo* c = prefixed ? g_.cur_pre.Match(s_, p, &end) : nullptr) {
    // A sign may touch the digits ("Rmb50bn", "$7"); a word must not run into
    // letters ("USDA").
    std::size_t q = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
    bool ok = LeftBoundaryOk(s_, p) && !IsLetterAt(s_, end) && c->minor == 0;
    bool parenthesised = false;
    if (ok && q + 1 < s_.size() && s_[q] == '(' && IsAsciiDigit(s_[q + 1])) {
      // Accounting negative: "a loss of $(1.2) billion".
      const Amount before = *a;
      parenthesised = ParseCore(q + 1, true, a) && a->core_end < s_.size() && s_[a->core_end] == ')';
      if (parenthesised) {
        ++a->core_end;
        neg = !neg;
      } else {
        *a = before;
      }
    }
    if (ok && (parenthesised || ParseCore(q, true, a))) {
      a->currency = c->code;
      a->money = true;
      if (c->mult != 1) {
        a->scale *= c->mult;
        a->has_scale = true;
      }
      after_currency = true;
    }
  }
  if (!after_currency && !ParseCore(p, after_connector, a)) return false;
  ParseFraction(a);
  ParseMixedFraction(a);
  if (neg) a->raw = -a->raw;
  a->end = a->core_end;
  ParseSuffix(a, allow_money_scale);
  // "m" is a million only in money ("$7m") or before a counted noun ("3.3m
  // units", "5m users"); else it is metres ("100m", "3.3m tall").
  if (a->money_scale && !a->money && !(a->has_unit && a->unit_class == UnitClass::kCount)) {
    return ParseAmount(pos, allow_prefix, false, a, after_connector);
  }
  return true;
}

// "167 mil 200 millones", "3 mil 500 pesos": after a thousand word that
// joins digit groups (flag `join`), one to three digits standing alone
// continue the number, and a larger scale word may follow them.
void Scanner::JoinDigitGroup(Amount* a, std::size_t* q) const {
  if (a->scale != 1e3 || *q + 1 >= s_.size() || s_[*q] != ' ') return;
  std::size_t d = *q + 1;
  std::size_t k = d;
  while (k < s_.size() && k - d < 4 && IsAsciiDigit(s_[k])) ++k;
  if (k == d || k - d > 3) return;
  // The group ends the number: no decimal or thousands mark, no letter.
  if (k < s_.size() && (IsLetterAt(s_, k) || ((s_[k] == '.' || s_[k] == ',') && k + 1 < s_.size() &&
                                              IsAsciiDigit(s_[k + 1])))) {
    return;
  }
  double group = 0;
  for (std::size_t i = d; i < k; ++i) group = group * 10 + (s_[i] - '0');
  a->raw = a->raw * 1e3 + group;
  a->plain = false;
  a->scale = 1;
  a->has_scale = false;
  a->core_end = k;
  a->end = k;
  *q = k;
  std::size_t end;
  for (std::size_t at : NextAt(k)) {
    const ScaleInfo* sc = g_.scales.Match(s_, at, &end);
    if (sc == nullptr || sc->value < 1e6 || sc->tight || !RightBoundaryOk(s_, at, end)) continue;
    a->scale = sc->value;
    a->has_scale = true;
    *q = end;
    break;
  }
}

void Scanner::ParseSuffix(Amount* a, bool allow_money_scale) const {
  std::size_t q = a->end;
  std::size_t end;
  // Most numbers are followed by an ordinary word: one probe settles it.
  if (!Probe(g_.after_any, q) && !(q < s_.size() && s_[q] == ' ' && Probe(g_.after_any, q + 1)) &&
      !(q < s_.size() && s_[q] == '-' && Probe(g_.after_any, q + 1))) {
    if (a->approx && a->qualifier == Qualifier::kNone) a->qualifier = Qualifier::kOver;
    return;
  }

  // Scale word: "50bn", "4,2 Milliarden", "two billion". CJK numerals carry
  // their own ("50亿").
  if (!(a->has_scale && a->scale >= 1e4)) {
    for (std::size_t at : NextAt(q)) {
      const ScaleInfo* sc = g_.scales.Match(s_, at, &end);
      if (sc == nullptr || !RightBoundaryOk(s_, at, end)) continue;
      if (at == q && a->spelled) continue;  // "fivemillion"
      if (at != q && sc->tight) continue;
      if (sc->money && !allow_money_scale) continue;
      a->scale *= sc->value;
      a->has_scale = true;
      a->money_scale = sc->money;
      q = end;
      if (sc->join && !a->spelled) JoinDigitGroup(a, &q);
      break;
    }
  }
  bool after_word = q > 0 && IsLetterAt(s_, q - 1);  // "millions", "cinco millones"

  // Currency after the number or its scale, with "de"/"di" after a scale word
  // ("48 milliards de $", "500 millones de dólares"); spelled numbers may be
  // hyphenated to it ("siebenhundert-Euro", "one-yen").
  Positions cur_at = NextAt(q);
  if (q < s_.size() && s_[q] == '-' && a->spelled) cur_at.push_back(q + 1);
  if (const UnitInfo* u = g_.units.Match(s_, q, &end); u != nullptr && u->cls == UnitClass::kCount && !IsLetterAt(s_, q)) {
    cur_at.push_back(end);  // a CJK classifier: "20个比特币"
  }
  if (a->money) {
    cur_at.clear();  // "$ 20,000.00 $ 37,305.97": the "$" is the next amount's
    // "人民币243亿元", "新台币3000亿元": a currency named before the amount,
    // a generic unit word after it belongs to the same figure.
    if (!a->post_currency) {
      const CurrencyInfo* c = g_.cur_post.Match(s_, q, &end);
      if (c != nullptr && c->generic && RightBoundaryOk(s_, q, end)) {
        q = end;
        a->end = q;
      }
    }
  }
  if (after_word && !a->money) {
    std::size_t j = q < s_.size() && s_[q] == ' ' ? q + 1 : q;
    if (MatchWord(g_.cur_join, j, &end) != nullptr) {
      if (end < s_.size() && s_[end] == ' ') ++end;
      cur_at.push_back(end);
    } else if (s_.compare(j, 2, "d'") == 0) {
      cur_at.push_back(j + 2);
    }
  }
  for (std::size_t at : cur_at) {
    const CurrencyInfo* c = g_.cur_post.Match(s_, at, &end);
    if (c == nullptr || c->compound || !RightBoundaryOk(s_, at, end)) continue;
    if (at == q && a->spelled && IsLetterAt(s_, at)) continue;
    if (c->minor > 0) {
      if (a->money) continue;  // "$5 cents" is not a thing
      a->minor_only = true;
      a->currency = c->code == "?" ? "" : c->code;
      a->unit = "cent";
    } else {
      a->currency = c->code;
      a->post_currency = true;
    }
    a->money = true;
    if (c->mult != 1) {
      a->scale *= c->mult;
      a->has_scale = true;
    }
    q = end;
    if (!a->has_scale) {  // "75 USD million"
      std::size_t at2 = q < s_.size() && s_[q] == ' ' ? q + 1 : q;
      const ScaleInfo* sc = g_.scales.Match(s_, at2, &end);
      if (sc != nullptr && sc->word && RightBoundaryOk(s_, at2, end)) {
        a->scale *= sc->value;
        a->has_scale = true;
        q = end;
      }
    }
    // "8亿元人民币": a second name of the same currency.
    const CurrencyInfo* c2 = g_.cur_post.Match(s_, q, &end);
    if (c2 != nullptr && c2->code == c->code && c2->minor == 0 && RightBoundaryOk(s_, q, end)) q = end;
    a->end = q;
    if (!a->minor_only) {
      ParseMinorUnits(a);
      q = a->end;
    }
    break;
  }

  // Percent markers: "%", "per cent", "Prozent", "个百分点", "3成".
  if (!a->money) {
    for (std::size_t at : NextAt(q)) {
      const PercentInfo* pi = g_.pct_post.Match(s_, at, &end);
      if (pi == nullptr || !RightBoundaryOk(s_, at, end)) continue;
      if (pi->tight && at != q) continue;
      if (at == q && a->spelled && IsLetterAt(s_, at)) continue;
      if (!pi->not_next.empty() && end < s_.size()) {
        std::size_t len;
        if (pi->not_next.find(CodePointAt(s_, end, &len)) != std::u32string::npos) continue;
      }
      if (pi->type == PercentType::kTenth) {
        if (a->has_scale || a->spelled) continue;
        a->pct = pi;
        ParseTenth(end, a);
        q = a->end;
        break;
      }
      a->pct = pi;
      if (pi->type == PercentType::kPp) a->unit = "pp";
      q = end;
      break;
    }
  }

  // Units: "16 px" (junk), "7 nm", "2,000 employees", "3 times".
  if (!a->money && a->pct == nullptr) {
    for (std::size_t at : NextAt(q)) {
      const UnitInfo* u = g_.units.Match(s_, at, &end);
      if (u == nullptr || !RightBoundaryOk(s_, at, end)) continue;
      if (u->tight && at != q) continue;
      if (at == q && a->spelled && IsLetterAt(s_, at)) continue;
      a->has_unit = true;
      a->unit_class = u->cls;
      a->unit = u->unit.empty() ? std::string(s_.substr(at, end - at)) : u->unit;
      q = end;
      break;
    }
  }

  // Post qualifiers: "50亿元以上", "5000億円超", "$5bn or more". Like the
  // ones before the number they are not part of the figure's text.
  a->end = q;
  for (std::size_t at : NextAt(q)) {
    const QualifierInfo* qi = g_.qual_post.Match(s_, at, &end);
    if (qi == nullptr || !RightBoundaryOk(s_, at, end)) continue;
    if (at == q && IsLetterAt(s_, at) && q > 0 && !IsLetterAt(s_, q - 1)) continue;  // "5plus"
    if (a->qualifier == Qualifier::kNone) a->qualifier = qi->qualifier;
    a->after_qualifier = end;
    break;
  }
  if (a->approx && a->qualifier == Qualifier::kNone) a->qualifier = Qualifier::kOver;
}

// "3成" 30, "七成六" 76, "三成半" 35, "2.5折" 25, "75折" 75, "3割5分" 35.
void Scanner::ParseTenth(std::size_t marker_end, Amount* a) const {
  double v = std::abs(a->raw);
  bool two_digits = a->integer && v >= 11 && v <= 99;
  double pct = two_digits ? v : v * 10;
  std::size_t q = marker_end;
  if (!two_digits && a->integer && q < s_.size()) {
    std::size_t p = q < s_.size() && s_[q] == ' ' ? q + 1 : q;
    std::size_t len;
    const NumberWordInfo* r = p < s_.size() ? g_.cjk.RoleAt(s_, p, &len) : nullptr;
    if (r != nullptr && r->role == NumberRole::kCjkDigit) {
      pct += r->value;  // "七成六"
      q = p + len;
    } else if (p < s_.size() && IsAsciiDigit(s_[p]) && s_.compare(p + 1, 3, "分") == 0) {
      pct += s_[p] - '0';  // "3割5分"
      q = p + 1 + 3;
    } else if (s_.compare(q, 3, "半") == 0) {
      pct += 5;  // "三成半"
      q += 3;
    }
  }
  a->tenth_value = a->raw < 0 ? -pct : pct;
  a->end = q;
}

// "50元6角三分" -> 50.63, "10円5銭" -> 10.05, "15 dollars and 50 cents" -> 15.5.
void Scanner::ParseMinorUnits(Amount* a) const {
  if (!a->integer || a->has_scale) return;
  std::size_t q = a->end;
  for (int round = 0; round < 2; ++round) {
    std::size_t p = q < s_.size() && s_[q] == ' ' ? q + 1 : q;
    std::size_t end;
    bool joined = false;
    if (MatchWord(g_.minor_join, p, &end) != nullptr) {
      p = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
      joined = true;
    }
    if (p >= s_.size() || s_[p] == '-' || s_[p] == '+') return;
    std::size_t lcjk = AnchoredMatchLength(*g_.cjk_number, g_.cjk_first, s_, p);
    std::size_t ldig = DigitsLength(g_, s_, p);
    std::size_t lsp = SpelledRunLength(g_, s_, p);
    ParsedNumber n;
    std::size_t core_end;
    if (ldig > 0 && ldig >= lcjk) {
      if (!ParseDigitNumber(s_.substr(p, ldig), g_.decimal_sep, &n)) return;
      core_end = p + ldig;
    } else if (lcjk > 0) {
      if (!g_.cjk.Parse(s_.substr(p, lcjk), g_.decimal_sep, false, &n)) return;
      core_end = p + lcjk;
    } else if (lsp > 0) {
      std::size_t consumed;
      bool weak;
      if (!g_.spelled->Parse(s_.substr(p, lsp), &n, &consumed, &weak, &icu_budget_)) return;
      core_end = p + consumed;
    } else {
      return;
    }
    if (!n.integer || n.value < 1 || n.value >= 100) return;
    const CurrencyInfo* c = nullptr;
    for (std::size_t at : NextAt(core_end)) {
      c = g_.cur_post.Match(s_, at, &end);
      if (c != nullptr && c->minor > 0 && RightBoundaryOk(s_, at, end)) break;
      c = nullptr;
    }
    if (c == nullptr) {
      // Cents without their name: "15 dollars 50", "17 USD 25", "15 dollars
      // and 50.", "c $ 100 and fifty."; the number must end the amount.
      if (round > 0 || n.value < 10) return;
      bool two_digits = core_end - p == 2 && IsAsciiDigit(s_[p]) && IsAsciiDigit(s_[p + 1]);
      if (!two_digits && lsp == 0) return;
      std::size_t after = core_end;
      bool sentence_end = after >= s_.size() || std::string_view(".!?;)\n").find(s_[after]) != std::string_view::npos;
      if (joined) {
        if (!sentence_end) return;
      } else {
        if (!a->post_currency) return;
        if (!sentence_end && s_[after] != ' ' && s_[after] != ',') return;
        std::size_t w = after < s_.size() && s_[after] == ' ' ? after + 1 : after;
        std::size_t e2;
        if (w < s_.size() && (IsAsciiDigit(s_[w]) || g_.cur_post.Match(s_, w, &e2) != nullptr ||
                              g_.scales.Match(s_, w, &e2) != nullptr || g_.pct_post.Match(s_, w, &e2) != nullptr ||
                              g_.units.Match(s_, w, &e2) != nullptr)) {
          return;
        }
      }
      a->raw += (a->raw < 0 ? -1 : 1) * n.value / 100;
      a->raw_resolution = std::min(a->raw_resolution, 0.01);
      a->integer = false;
      a->end = core_end;
      return;
    }
    if (c->code != "?" && c->code != a->currency) return;
    a->raw += (a->raw < 0 ? -1 : 1) * n.value * c->minor;
    a->raw_resolution = std::min(a->raw_resolution, c->minor);
    a->integer = false;
    q = end;
    a->end = q;
  }
}

bool Scanner::NumberIsJunk(const Amount& a) const {
  if (a.vague) return true;
  if (a.has_unit && a.unit_class == UnitClass::kJunk) return true;  // "16 px"
  if (a.hangul > 0) {
    // Hangul numerals continued by a syllable that is not a particle are
    // part of a word ("구조" structure, "일조각").
    std::size_t len, pend;
    if (a.end < s_.size() && IsHangul(CodePointAt(s_, a.end, &len)) &&
        g_.particles.Match(s_, a.end, &pend) == nullptr) {
      return true;
    }
    if (a.hangul < 2 && !a.money && a.pct == nullptr) return true;  // "이" is "this", "이곳" "here"
    // "구조" (structure), "오만" (pride), "천만에": two numeral syllables
    // ending in a big unit, with nothing that makes them an amount.
    if (a.hangul == 2 && a.has_scale && !a.money && a.pct == nullptr && !a.has_unit) return true;
  }
  if (a.money || a.pct != nullptr) return false;
  // "一家", "一个": a lone "one" in Han text is an article; "一倍" (one-fold)
  // is a multiple.
  if (a.cjk_single && std::abs(a.raw) == 1 && !a.has_scale && !(a.has_unit && a.unit_class == UnitClass::kMult)) {
    return true;
  }
  if (a.weak_only && !a.has_scale && !(a.has_unit && a.unit_class == UnitClass::kCount)) return true;
  if (!a.Bare()) return false;
  if (a.cjk_single) {
    // "三星", "四川", "一些": a lone numeral inside Han text is part of a word.
    if (std::abs(a.raw) == 1) return true;
    std::size_t st, len;
    char32_t prev = a.start > 0 ? CodePointBefore(s_, a.start, &st) : 0;
    char32_t next = a.core_end < s_.size() ? CodePointAt(s_, a.core_end, &len) : 0;
    if (IsHan(prev) || IsHan(next) || IsHangul(prev) || IsHangul(next)) return true;
  }
  if (a.plain && IsYear(a.raw) && a.qualifier == Qualifier::kNone) return true;  // a year
  // Page furniture: a number right after a date or time ("13:21 414"), or
  // ending a line after " - " or " | " ("... intelligence - 1").
  if (last_junk_end_ != std::string_view::npos && last_junk_end_ < a.start && a.start - last_junk_end_ <= 3) {
    bool only_space = true;
    for (std::size_t i = last_junk_end_; i < a.start; ++i) {
      if (s_[i] != ' ') only_space = false;
    }
    if (only_space) return true;
  }
  if (a.start >= 2 && (s_[a.start - 2] == '-' || s_[a.start - 2] == '|') && s_[a.start - 1] == ' ' &&
      (a.end >= s_.size() || s_[a.end] == '\n')) {
    return true;
  }
  return false;
}

bool Scanner::TryRange(const Amount& a1, Amount* merged) const {
  if (a1.BareYear() || a1.minor_only) return false;
  std::size_t q = a1.end < s_.size() && s_[a1.end] == ' ' ? a1.end + 1 : a1.end;
  if (!Probe(g_.after_any, q)) return false;
  std::size_t end;
  const WordInfo* conn = g_.range.Match(s_, q, &end);
  if (conn == nullptr || !LeftBoundaryOk(s_, q) || !RightBoundaryOk(s_, q, end)) return false;
  if (conn->range == RangeRule::kNeedsBetween && !a1.between) return false;
  if (conn->range == RangeRule::kUnlessFrom || conn->range == RangeRule::kNeedsFrom) {
    const bool from = FollowsFromWord(a1);
    if (conn->range == RangeRule::kUnlessFrom && from) return false;
    if (conn->range == RangeRule::kNeedsFrom && !from && !a1.between) return false;
  }
  std::size_t p2 = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
  Amount a2;
  if (!ParseSecondEnd(p2, &a2)) return false;
  if (a2.BareYear() || a2.minor_only || a2.weak_only) return false;
  if (a2.start < s_.size() && (s_[a2.start] == '-' || s_[a2.start] == '+')) return false;
  Amount lo = a1;
  Amount hi = a2;
  // Currency, percent and unit are often written once for both ends.
  if (lo.money && hi.money && lo.currency != hi.currency) return false;
  if (!lo.money && hi.money) {
    if (lo.pct != nullptr) return false;
    lo.money = true;
    lo.currency = hi.currency;
  } else if (lo.money && !hi.money) {
    if (hi.pct != nullptr) return false;
    hi.money = true;
    hi.currency = lo.currency;
  }
  if ((lo.pct == nullptr) != (hi.pct == nullptr)) {
    if (lo.pct == nullptr && !lo.has_unit) {
      lo.pct = hi.pct;
      if (hi.pct->type == PercentType::kTenth) lo.tenth_value = lo.raw * 10;
    } else if (hi.pct == nullptr && !hi.has_unit) {
      hi.pct = lo.pct;
      if (lo.pct->type == PercentType::kTenth) hi.tenth_value = hi.raw * 10;
    } else {
      return false;
    }
  }
  if (!lo.has_unit && hi.has_unit) {
    lo.has_unit = true;
    lo.unit = hi.unit;
    lo.unit_class = hi.unit_class;
  }
  // "between 3 and 4 billion", "Rmb50bn-60bn", "120亿至130亿元".
  if (lo.has_scale != hi.has_scale) {
    if (!lo.has_scale && std::abs(lo.raw) <= std::abs(hi.raw)) {
      lo.scale = hi.scale;
      lo.has_scale = true;
    } else if (!hi.has_scale && std::abs(hi.raw) >= std::abs(lo.raw)) {
      hi.scale = lo.scale;
      hi.has_scale = true;
    }
  }
  if (lo.Value() >= hi.Value()) return false;  // "3-1" is a score, not a range
  if (lo.unit_class == UnitClass::kJunk || hi.unit_class == UnitClass::kJunk) return false;
  *merged = lo;
  merged->end = hi.end;
  merged->high = hi.Value();
  double res = std::min(lo.Resolution(), hi.Resolution());
  merged->raw_resolution = res / (merged->scale * (merged->pct ? merged->pct->factor : 1));
  if (merged->qualifier == Qualifier::kNone) merged->qualifier = hi.qualifier;
  return true;
}

// True if the word right before `a` opens a change ("from", "von", "de").
bool Scanner::FollowsFromWord(const Amount& a) const {
  std::size_t b = a.start;
  while (b > 0 && s_[b - 1] == ' ') --b;
  std::size_t w = b;
  while (w > 0 && s_[w - 1] != ' ' && s_[w - 1] != '\n') --w;
  std::size_t fend;
  return w < b && g_.from.Match(s_, w, &fend) != nullptr && fend == b;
}

// "from 5 to 7 billion dollars", "from $5 to $7 billion", "von 3 auf 4
// Milliarden Euro", "de 3 à 4 milliards d'euros": the start of a change takes
// the currency, percent sign, unit and scale it lacks from its end. Its scale
// only when both numbers are of one size ("from 20 to 300 million" is left
// alone).
void Scanner::CompleteFromTo(Amount* a1) const {
  if (a1->BareYear() || a1->minor_only || (a1->money && a1->has_scale)) return;
  // Cheapest test first: most numbers are not followed by "to".
  std::size_t q = a1->end < s_.size() && s_[a1->end] == ' ' ? a1->end + 1 : a1->end;
  if (q == a1->end) return;
  std::size_t end;
  if ((g_.range.Match(s_, q, &end) == nullptr && g_.to.Match(s_, q, &end) == nullptr) || !LeftBoundaryOk(s_, q) ||
      !RightBoundaryOk(s_, q, end) || !FollowsFromWord(*a1)) {
    return;
  }
  std::size_t p2 = end < s_.size() && s_[end] == ' ' ? end + 1 : end;
  Amount a2;
  if (!ParseSecondEnd(p2, &a2)) return;
  if (a2.BareYear() || a2.minor_only || a2.weak_only || a2.unit_class == UnitClass::kJunk) return;
  const bool plain = !a1->money && a1->pct == nullptr && !a1->has_unit;
  if (plain && a2.money) {
    a1->money = true;
    a1->currency = a2.currency;
  } else if (plain && a2.pct != nullptr && a2.pct->type != PercentType::kTenth) {
    a1->pct = a2.pct;
    if (a2.pct->type == PercentType::kPp) a1->unit = "pp";
  } else if (plain && a2.has_unit) {
    a1->has_unit = true;
    a1->unit = a2.unit;
    a1->unit_class = a2.unit_class;
  }
  if (!a1->has_scale && a2.has_scale && a1->raw != 0 && a2.raw != 0) {
    const double ratio = std::abs(a1->raw / a2.raw);
    if (ratio >= 0.1 && ratio <= 10) {
      a1->scale = a2.scale;
      a1->has_scale = true;
    }
  }
}

// "1 over 3", "un sur 20", "uno su tre": two plain numbers make a fraction.
bool Scanner::TryOver(const Amount& a1, Amount* merged) const {
  if (!a1.Bare() || a1.qualifier != Qualifier::kNone || a1.hangul > 0 || a1.cjk_single) return false;
  std::size_t q = a1.end < s_.size() && s_[a1.end] == ' ' ? a1.end + 1 : a1.end;
  std::size_t end;
  if (q == a1.end || MatchWord(g_.over, q, &end) == nullptr || end >= s_.size() || s_[end] != ' ') return false;
  Amount a2;
  if (!ParseAmount(end + 1, false, false, &a2) || a2.raw == 0) return false;
  // Only a percent may follow ("1 sobre 3 por cento" is a third of a percent).
  if (a2.money || a2.has_scale || a2.has_unit || (a2.pct != nullptr && a2.pct->type == PercentType::kTenth)) return false;
  if (s_[end + 1] == '-' || s_[end + 1] == '+') return false;
  // The denominator must end the phrase: "over 3 years" is a duration.
  std::size_t after = a2.end < s_.size() && s_[a2.end] == ' ' ? a2.end + 1 : a2.end;
  if (after < s_.size() && after > a2.end && IsLetterAt(s_, after)) return false;
  *merged = a1;
  merged->pct = a2.pct;
  merged->unit = a2.unit;
  merged->raw = a1.raw / a2.raw;
  merged->raw_resolution = std::abs(merged->raw) * 1e-12;
  merged->integer = false;
  merged->plain = false;
  merged->weak_only = false;
  merged->end = a2.end;
  return true;
}

std::string Scanner::ResolveCurrency(const std::string& code) {
  if (code == "?") return "";
  if (code != "CNY|JPY") return code;
  if (g_.lang == "zh") return "CNY";
  if (g_.lang == "ja") return "JPY";
  if (!yen_) {
    // Count the article's clues: China/yuan/北京 against Japan/yen/東京.
    int cny = 0, jpy = 0;
    re2::StringPiece in(s_.data(), s_.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos < s_.size() && g_.clue_scan->Match(in, pos, s_.size(), RE2::UNANCHORED, &m, 1)) {
      std::size_t b = static_cast<std::size_t>(m.data() - s_.data());
      std::size_t e = b + m.size();
      if (m.empty()) break;
      if (LeftBoundaryOk(s_, b) && RightBoundaryOk(s_, b, e)) {
        if (const WordInfo* w = g_.clues.Lookup(std::string_view(m.data(), m.size()))) {
          (w->code == "CNY" ? cny : jpy) += 1;
        }
      }
      pos = e;
    }
    yen_ = cny > jpy ? "CNY" : "JPY";
  }
  return *yen_;
}

Figure Scanner::ToFigure(const Amount& a) {
  Figure f;
  f.start = a.start;
  f.end = a.end;
  if (a.pct != nullptr) {
    f.kind = FigureKind::kPercent;
  } else if (a.money) {
    f.kind = FigureKind::kMoney;
    f.currency = ResolveCurrency(a.currency);
  } else {
    f.kind = FigureKind::kNumber;
  }
  f.resolution = a.Resolution();
  f.value = Clean(a.Value(), f.resolution);
  if (a.high) {
    f.low = f.value;
    f.high = Clean(*a.high, f.resolution);
  }
  f.qualifier = a.qualifier;
  f.unit = a.unit;
  return f;
}

std::size_t Scanner::ParseNumberFigure(std::size_t pos, std::size_t junk_len, std::vector<Figure>* out) {
  Amount a;
  if (!ParseAmount(pos, true, true, &a)) return 0;
  if (junk_len > 0 && junk_len >= a.core_end - pos) return 0;  // a date or label wins
  Amount merged;
  bool ranged = TryRange(a, &merged);
  if (ranged) a = merged;
  if (!ranged && TryOver(a, &merged)) a = merged;
  if (!ranged) CompleteFromTo(&a);
  if (!ranged && NumberIsJunk(a)) {
    // Skip what was read so its parts are not found again ("16 px", "2024").
    return (a.has_unit && a.unit_class == UnitClass::kJunk) || a.vague ? a.end : (a.BareYear() ? a.end : 0);
  }
  // Glued to letters that are none of the above: a name or code ("5G", "3D").
  if (a.end < s_.size() && WordCharAt(s_, a.end) && a.end > 0) {
    std::size_t st;
    if (IsWordChar(CodePointBefore(s_, a.end, &st))) return 0;
  }
  out->push_back(ToFigure(a));
  return std::max(a.end, a.after_qualifier);
}

std::size_t Scanner::ParseChange(std::size_t pos, std::vector<Figure>* out) const {
  std::size_t p = pos;
  std::size_t end;
  Qualifier qual = Qualifier::kNone;
  bool prefixed = false;
  if (const QualifierInfo* q = MatchWord(g_.qual_pre, p, &end)) {
    qual = q->qualifier;
    prefixed = true;
    p = SkipSpace(end);
  } else if (MatchWord(g_.modal, p, &end) != nullptr) {
    prefixed = true;
    p = SkipSpace(end);
  }
  const PercentInfo* w = MatchWord(g_.pct_words, p, &end);
  if (w == nullptr) return 0;
  if (w->type == PercentType::kBase && !prefixed) return 0;
  // "double-digit", "doubled-up": a compound, not a change.
  if (end < s_.size() && s_[end] == '-' && WordCharAt(s_, end + 1)) return 0;
  Figure f;
  f.kind = FigureKind::kPercent;
  f.start = p;
  f.end = end;
  f.value = w->factor;
  f.resolution = 1;
  f.qualifier = qual;
  f.unit = w->type == PercentType::kFixed ? "" : "change";
  out->push_back(f);
  return end;
}

std::size_t Scanner::ParsePercentPrefix(std::size_t pos, std::vector<Figure>* out) const {
  std::size_t p = pos;
  std::size_t end;
  Qualifier qual = Qualifier::kNone;
  if (const QualifierInfo* q = MatchWord(g_.qual_pre, p, &end)) {
    qual = q->qualifier;
    p = SkipSpace(end);
  }
  std::size_t start = p;
  bool neg = false;
  if (MatchWord(g_.signs, p, &end) != nullptr) {
    neg = true;
    p = SkipSpace(end);
  }
  const PercentInfo* pre = g_.pct_pre.Match(s_, p, &end);
  if (pre == nullptr) return 0;
  Amount a;
  std::size_t q = SkipSpace(end);
  if (!ParseCore(q, true, &a)) return 0;
  a.end = a.core_end;
  // "百分之15K": a scale may follow.
  std::size_t send;
  const ScaleInfo* sc = g_.scales.Match(s_, SkipSpace(a.end), &send);
  if (sc != nullptr && !sc->money && sc->value < 1e6 && RightBoundaryOk(s_, a.end, send)) {
    a.scale *= sc->value;
    a.end = send;
  }
  Figure f;
  f.kind = FigureKind::kPercent;
  f.start = start;
  f.end = a.end;
  f.resolution = a.raw_resolution * a.scale * pre->factor;
  f.value = Clean((neg ? -1 : 1) * a.raw * a.scale * pre->factor, f.resolution);
  f.qualifier = qual;
  out->push_back(f);
  return a.end;
}

std::size_t Scanner::ParseChip(std::size_t pos, std::vector<Figure>* out) const {
  std::size_t end;
  const figures_internal::ChipInfo* chip = g_.chips.Match(s_, pos, &end);
  if (chip == nullptr || !LeftBoundaryOk(s_, pos) || !RightBoundaryOk(s_, pos, end)) return 0;
  if (chip->ctx) {
    std::size_t b = pos > kChipContextWindow ? pos - kChipContextWindow : 0;
    std::size_t e = std::min(s_.size(), end + kChipContextWindow);
    bool found = false;
    re2::StringPiece m;
    std::size_t at = b;
    while (at < e && g_.chip_context->Match(re2::StringPiece(s_.data(), e), at, e, RE2::UNANCHORED, &m, 1)) {
      std::size_t mb = static_cast<std::size_t>(m.data() - s_.data());
      std::size_t me = mb + m.size();
      if (m.empty()) break;
      bool self = mb >= pos && me <= end;
      if (!self && LeftBoundaryOk(s_, mb) && RightBoundaryOk(s_, mb, me)) {
        found = true;
        break;
      }
      at = me;
    }
    if (!found) return 0;
  }
  Figure f;
  f.kind = FigureKind::kChip;
  f.start = pos;
  f.end = end;
  f.value = 0;
  f.resolution = 0;
  f.chip = chip->canonical;
  f.vendor = chip->vendor;
  out->push_back(f);
  return end;
}

std::vector<Figure> Scanner::Run() {
  std::vector<Figure> out;
  const re2::StringPiece in(s_.data(), s_.size());
  std::size_t pos = 0;
  re2::StringPiece m;
  while (pos < s_.size() && g_.scanner->Match(in, pos, s_.size(), RE2::UNANCHORED, &m, 1)) {
    std::size_t start = static_cast<std::size_t>(m.data() - s_.data());
    // The scanner tries the junk alternatives first, so when junk matches at
    // `start` the match is junk, and junk is never shorter than
    // figures_internal::kMinJunkAfterDigit / kMinJunkAfterCjk bytes: a
    // shorter match (a number's first digit, one CJK numeral) means none.
    const auto first = static_cast<unsigned char>(s_[start]);
    const bool no_junk = (first >= '0' && first <= '9' && m.size() < figures_internal::kMinJunkAfterDigit) ||
                         (first >= 0xE0 && first <= 0xEF && m.size() < figures_internal::kMinJunkAfterCjk);
    std::size_t junk_len = no_junk ? 0 : JunkLength(g_, s_, start);
    std::size_t consumed = 0;
    std::size_t chip_end = 0;
    {
      std::vector<Figure> chips;
      chip_end = ParseChip(start, &chips);
      if (chip_end > 0 && chip_end - start > junk_len) {
        out.insert(out.end(), chips.begin(), chips.end());
        pos = chip_end;
        continue;
      }
    }
    if (Probe(g_.before_any, start)) {
      consumed = ParseChange(start, &out);
      if (consumed == 0) consumed = ParsePercentPrefix(start, &out);
    }
    if (consumed == 0) consumed = ParseNumberFigure(start, junk_len, &out);
    if (consumed == 0 && junk_len > 0) {
      // Dates, times, URLs, labels: skip them whole.
      last_junk_end_ = start + junk_len;
      pos = start + junk_len;
      continue;
    }
    if (consumed > start) {
      pos = consumed;
      continue;
    }
    // Not a figure: move on past this word (or one character in CJK text).
    std::size_t len;
    char32_t c = CodePointAt(s_, start, &len);
    pos = start + len;
    if (IsWordChar(c)) {
      while (pos < s_.size() && WordCharAt(s_, pos)) {
        CodePointAt(s_, pos, &len);
        pos += len;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ extractor

// Language tags we build grammars for: two or three ASCII letters.
bool PlausibleLang(std::string_view lang) {
  if (lang.size() < 2 || lang.size() > 3) return false;
  for (char c : lang) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

class FigureExtractorImpl final : public FigureExtractor {
 public:
  explicit FigureExtractorImpl(FigureLexicon lex) : lex_(std::move(lex)) {}

  Status Init() {
    auto en = LangGrammar::Build(lex_, "en");
    if (!en.ok()) return en.status();
    grammars_.emplace("en", std::move(en.value()));
    return Status::Ok();
  }

  std::vector<Figure> Extract(std::string_view text, std::string_view lang) const override {
    std::vector<Figure> figures;
    if (text.empty()) return figures;
    const LangGrammar& g = lang.empty() ? GrammarFor(DetectLanguage(text)) : CachedGrammarFor(lang);
    if (IsNormalized(text)) {  // most text: read it in place, offsets as they are
      figures = Scanner(g, text).Run();
      for (Figure& f : figures) f.text = std::string(text.substr(f.start, f.end - f.start));
      return figures;
    }
    return ExtractNormalized(text, NormalizeText(text), g);
  }

  std::vector<Figure> Extract(std::string_view text, const NormalizedText& norm,
                              std::string_view lang) const override {
    if (text.empty()) return {};
    const LangGrammar& g = lang.empty() ? GrammarFor(DetectLanguage(text)) : CachedGrammarFor(lang);
    return ExtractNormalized(text, norm, g);
  }

 private:
  std::vector<Figure> ExtractNormalized(std::string_view text, const NormalizedText& norm,
                                        const LangGrammar& g) const {
    std::vector<Figure> figures = Scanner(g, norm.text).Run();
    // Back to source offsets. A figure that starts or ends inside what one
    // source character expanded to ("⒈" -> "1.") takes the whole character,
    // so two neighbours can now share it: the later one is dropped, as
    // figures never overlap.
    std::size_t last_end = 0;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < figures.size(); ++i) {
      Figure& f = figures[i];
      f.start = std::min(norm.ToOriginalBegin(f.start), text.size());
      f.end = std::clamp(norm.ToOriginalEnd(f.end), f.start, text.size());
      if (f.start < last_end) continue;
      f.text = std::string(text.substr(f.start, f.end - f.start));
      last_end = f.end;
      if (kept != i) figures[kept] = std::move(f);  // never self-move
      ++kept;
    }
    figures.resize(kept);
    return figures;
  }

  // The grammar of the language tag this thread asked for last (texts come in
  // runs of one language): no lock, no map lookup. Grammars are never removed,
  // so the pointer stays valid.
  const LangGrammar& CachedGrammarFor(std::string_view tag) const {
    struct Last {
      std::uint64_t owner = 0;  // id_, not `this`: a new extractor may reuse an address
      std::string tag;
      const LangGrammar* grammar = nullptr;
    };
    thread_local Last last;
    if (last.owner == id_ && last.tag == tag) return *last.grammar;
    const LangGrammar& g = GrammarFor(NormalizeLangTag(tag));
    last = Last{id_, std::string(tag), &g};
    return g;
  }

  const LangGrammar& GrammarFor(const std::string& code) const {
    std::string lang = PlausibleLang(code) ? code : "en";
    std::lock_guard<std::mutex> lock(mu_);
    auto it = grammars_.find(lang);
    if (it != grammars_.end()) return *it->second;
    if (grammars_.size() >= 64) return *grammars_.at("en");
    auto built = LangGrammar::Build(lex_, lang);
    if (!built.ok()) {
      std::cerr << "newsfacts: figures grammar for '" << lang << "': " << built.status().message() << "\n";
      return *grammars_.at("en");
    }
    auto [ins, ok] = grammars_.emplace(lang, std::move(built.value()));
    return *ins->second;
  }

  static std::uint64_t NextId() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1);
  }

  const std::uint64_t id_ = NextId();
  FigureLexicon lex_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, std::unique_ptr<LangGrammar>> grammars_;
};

}  // namespace

namespace {

Result<std::unique_ptr<FigureExtractor>> CreateExtractor(bool user_files) {
  auto lex = figures_internal::LoadFigureLexicon(user_files);
  if (!lex.ok()) return lex.status();
  auto impl = std::make_unique<FigureExtractorImpl>(std::move(lex.value()));
  NF_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<FigureExtractor>(std::move(impl));
}

}  // namespace

Result<std::unique_ptr<FigureExtractor>> FigureExtractor::Create() { return CreateExtractor(true); }

const FigureExtractor& FigureExtractor::Default() {
  static const FigureExtractor* instance = [] {
    auto created = CreateExtractor(true);
    if (!created.ok()) {
      // A user lexicon is malformed: say so and carry on with the built-in ones.
      std::cerr << "newsfacts: " << created.status().message() << " (using the built-in figure lexicons)\n";
      created = CreateExtractor(false);
    }
    if (!created.ok()) {
      std::cerr << "newsfacts: built-in figure lexicons: " << created.status().message() << "\n";
      std::abort();
    }
    return created.value().release();
  }();
  return *instance;
}

}  // namespace newsfacts
