// Values of numbers as written (see figures_numbers.h).
#include "figures_numbers.h"

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/parsepos.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "figures_utf8.h"

namespace newsfacts::figures_internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A plain run of ASCII digits as a double.
bool ParseInt(std::string_view s, double* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Digits with grouping and decimal separators (no sign, exponent or fraction).
bool ParseMantissa(std::string_view s, char decimal_sep, ParsedNumber* out) {
  int commas = 0, dots = 0, others = 0;
  std::size_t last_comma = 0, last_dot = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ',') {
      ++commas;
      last_comma = i;
    } else if (c == '.') {
      ++dots;
      last_dot = i;
    } else if (c == '\'' || c == ' ') {
      ++others;
    } else if (!IsDigit(c)) {
      return false;
    }
  }
  char decimal = 0;  // the character acting as decimal point, 0 if none
  if (others > 0) {
    if (commas + dots > 1) return false;
    decimal = commas ? ',' : (dots ? '.' : 0);
  } else if (commas > 0 && dots > 0) {
    decimal = last_comma > last_dot ? ',' : '.';
    if ((decimal == ',' && commas > 1) || (decimal == '.' && dots > 1)) return false;
  } else if (commas + dots == 1) {
    char c = commas ? ',' : '.';
    std::size_t at = commas ? last_comma : last_dot;
    std::size_t after = s.size() - at - 1;
    std::string_view int_part = s.substr(0, at);
    if (int_part.empty() || after != 3 || int_part == "0" || c == decimal_sep) {
      decimal = c;
    }
  }
  std::string canon;
  canon.reserve(s.size());
  int frac_digits = -1;
  bool grouped = false;
  for (char c : s) {
    if (IsDigit(c)) {
      canon.push_back(c);
      if (frac_digits >= 0) ++frac_digits;
    } else if (c == decimal) {
      if (canon.empty()) canon.push_back('0');
      canon.push_back('.');
      frac_digits = 0;
    } else {
      grouped = true;
    }
  }
  if (frac_digits == 0) return false;  // "5." is not a decimal
  double v;
  auto [ptr, ec] = std::from_chars(canon.data(), canon.data() + canon.size(), v);
  if (ec != std::errc() || ptr != canon.data() + canon.size()) return false;
  out->value = v;
  out->integer = frac_digits < 0;
  out->resolution = frac_digits > 0 ? std::pow(10.0, -frac_digits) : 1.0;
  out->grouped = grouped;
  out->plain = !grouped && frac_digits < 0;
  return true;
}

}  // namespace

double IntegerPlace(double v) {
  v = std::abs(v);
  if (v != std::floor(v)) {
    // 1.5 -> 0.1, 0.75 -> 0.01: the last decimal digit.
    for (int k = 1; k <= 9; ++k) {
      double scaled = v * std::pow(10.0, k);
      if (std::abs(scaled - std::round(scaled)) < 1e-6) return std::pow(10.0, -k);
    }
    return 1e-9;
  }
  if (!(v >= 1) || v > 1e18) return 1;
  double place = 1;
  while (std::fmod(v, place * 10) == 0) place *= 10;
  return place;
}

bool ParseDigitNumber(std::string_view s, char decimal_sep, ParsedNumber* out) {
  *out = ParsedNumber{};
  bool neg = false;
  bool signed_ = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    signed_ = true;
    s.remove_prefix(1);
    while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  }
  if (s.empty()) return false;

  // Fractions: "3/4", "1 4/5" and NFKC's "1⁄2" (U+2044 FRACTION SLASH).
  std::size_t slash = s.find('/');
  std::size_t slash_len = 1;
  if (slash == std::string_view::npos) {
    slash = s.find("\xE2\x81\x84");
    slash_len = 3;
  }
  if (slash != std::string_view::npos) {
    std::string_view left = s.substr(0, slash);
    std::string_view right = s.substr(slash + slash_len);
    while (!left.empty() && left.back() == ' ') left.remove_suffix(1);
    while (!right.empty() && right.front() == ' ') right.remove_prefix(1);
    double whole = 0, num, den;
    std::size_t space = left.rfind(' ');
    if (space != std::string_view::npos) {
      if (!ParseInt(left.substr(0, space), &whole)) return false;
      left = left.substr(space + 1);
    }
    if (!ParseInt(left, &num) || !ParseInt(right, &den) || den == 0) return false;
    out->value = (neg ? -1 : 1) * (whole + num / den);
    out->integer = false;
    out->resolution = 1.0 / den;
    return true;
  }

  // Powers "1.1^23", "2.5^-1", "-1.1^--23" (each minus flips the exponent's sign).
  if (std::size_t caret = s.find('^'); caret != std::string_view::npos) {
    ParsedNumber base;
    if (!ParseMantissa(s.substr(0, caret), decimal_sep, &base)) return false;
    std::string_view e = s.substr(caret + 1);
    bool eneg = false;
    while (!e.empty() && (e[0] == '-' || e[0] == '+')) {
      if (e[0] == '-') eneg = !eneg;
      e.remove_prefix(1);
    }
    double exp;
    if (!ParseInt(e, &exp) || exp > 308) return false;
    out->value = (neg ? -1 : 1) * std::pow(base.value, eneg ? -exp : exp);
    out->integer = false;
    out->resolution = std::abs(out->value) * 1e-12;
    return std::isfinite(out->value);
  }

  // Scientific notation "2e5", "-127.32e13", "2.7890e-1".
  std::size_t e_at = s.find_first_of("eE");
  if (e_at != std::string_view::npos) {
    ParsedNumber mant;
    if (!ParseMantissa(s.substr(0, e_at), decimal_sep, &mant)) return false;
    std::string_view e = s.substr(e_at + 1);
    bool eneg = false;
    if (!e.empty() && (e[0] == '-' || e[0] == '+')) {
      eneg = e[0] == '-';
      e.remove_prefix(1);
    }
    double exp;
    if (!ParseInt(e, &exp) || exp > 308) return false;
    double scale = std::pow(10.0, eneg ? -exp : exp);
    out->value = (neg ? -1 : 1) * mant.value * scale;
    out->resolution = mant.resolution * scale;
    out->integer = out->value == std::floor(out->value);
    return std::isfinite(out->value);
  }

  if (!ParseMantissa(s, decimal_sep, out)) return false;
  if (neg) out->value = -out->value;
  if (signed_) out->plain = false;
  return true;
}

// ------------------------------------------------------------------ CJK numerals

void CjkNumberParser::Add(std::string_view surface, const NumberWordInfo& info) {
  std::size_t len;
  if (surface.empty()) return;
  char32_t c = CodePointAt(surface, 0, &len);
  if (len == surface.size()) chars_[c] = info;
}

const NumberWordInfo* CjkNumberParser::RoleAt(std::string_view s, std::size_t pos, std::size_t* len) const {
  char32_t c = CodePointAt(s, pos, len);
  auto it = chars_.find(c);
  return it == chars_.end() ? nullptr : &it->second;
}

bool CjkNumberParser::Parse(std::string_view s, char decimal_sep, bool digit_sequence,
                            ParsedNumber* out) const {
  enum class T { kNum, kDigit, kPlainDigit, kZero, kUnit, kBig, kPoint, kApprox };
  struct Tok {
    T t;
    double v;
    double res;
  };
  std::vector<Tok> toks;
  toks.reserve(s.size());  // at most one per byte: one allocation, not one per doubling
  bool approx = false;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == ' ') {
      ++i;
      continue;
    }
    if (IsDigit(c)) {
      std::size_t j = i;
      while (j < s.size() && (IsDigit(s[j]) || ((s[j] == '.' || s[j] == ',') && j + 1 < s.size() && IsDigit(s[j + 1])))) {
        ++j;
      }
      ParsedNumber n;
      if (!ParseDigitNumber(s.substr(i, j - i), decimal_sep, &n)) return false;
      toks.push_back({T::kNum, n.value, n.resolution});
      i = j;
      continue;
    }
    std::size_t len;
    char32_t c_cp = CodePointAt(s, i, &len);
    const NumberWordInfo* info = RoleAt(s, i, &len);
    if (info == nullptr) return false;
    i += len;
    switch (info->role) {
      case NumberRole::kCjkDigit:
        // Chinese abbreviates "四百五" (450); Korean "백오" is 105.
        toks.push_back({abbreviate_ && !(c_cp >= 0xAC00 && c_cp <= 0xD7AF) ? T::kDigit : T::kPlainDigit,
                        info->value, 1});
        break;
      case NumberRole::kCjkZero: toks.push_back({T::kZero, 0, 1}); break;
      case NumberRole::kCjkUnit: toks.push_back({T::kUnit, info->value, 1}); break;
      case NumberRole::kAfterDigit:
        toks.push_back({info->value >= 1e4 ? T::kBig : T::kUnit, info->value, 1});
        break;
      case NumberRole::kCjkBig: toks.push_back({T::kBig, info->value, 1}); break;
      case NumberRole::kCjkPoint: toks.push_back({T::kPoint, 0, 1}); break;
      case NumberRole::kCjkApprox: approx = true; break;
      default: return false;
    }
  }
  if (toks.empty()) return false;
  *out = ParsedNumber{};
  out->approx = approx;

  bool only_digits = true;
  bool has_zero = false;
  for (const Tok& t : toks) {
    if (t.t != T::kDigit && t.t != T::kPlainDigit && t.t != T::kZero && t.t != T::kPoint) only_digits = false;
    if (t.t == T::kZero) has_zero = true;
  }
  // Digits read one by one: discounts ("九九折") and "〇"-style numbers
  // ("二〇二四", "〇一二三").
  if (only_digits && (digit_sequence || (has_zero && toks.size() >= 2 && toks[0].t != T::kZero) ||
                      (has_zero && toks.size() >= 3))) {
    {
      std::string digits;
      for (const Tok& t : toks) {
        digits += t.t == T::kPoint ? '.' : static_cast<char>('0' + static_cast<int>(t.v));
      }
      if (!ParseDigitNumber(digits, '.', out)) return false;
      out->plain = out->integer;
      return true;
    }
  }

  const double kInf = std::numeric_limits<double>::infinity();
  double total = 0, total_place = kInf;
  double section = 0, section_place = kInf;
  struct Pending {
    double v = 0, res = 1;
    bool single = false;  // one CJK digit, which may abbreviate ("四百五" = 450)
  };
  Pending pending;
  bool has_pending = false;
  std::optional<T> last;
  double last_unit = 0, last_big = 0;
  bool zero_since = false;
  bool frac = false;
  double frac_scale = 0.1;
  bool fractional = false;
  bool any_value = false;

  for (const Tok& tok : toks) {
    switch (tok.t) {
      case T::kDigit:
      case T::kPlainDigit:
        if (frac) {
          pending.v += tok.v * frac_scale;
          pending.res = frac_scale;
          frac_scale /= 10;
          fractional = true;
          break;
        }
        if (has_pending) return false;  // "二三十": vague, not a number
        pending = Pending{tok.v, 1, tok.t == T::kDigit};
        has_pending = true;
        any_value = true;
        break;
      case T::kNum:
        if (frac || has_pending) return false;
        pending = Pending{tok.v, tok.res, false};
        has_pending = true;
        any_value = true;
        break;
      case T::kZero:
        if (frac) {
          pending.res = frac_scale;
          frac_scale /= 10;
          fractional = true;
          break;
        }
        if (has_pending) return false;
        zero_since = true;
        any_value = true;
        break;
      case T::kUnit: {
        if (frac) return false;
        double n = has_pending ? pending.v : 1;
        double res = has_pending ? pending.res : 1;
        section += n * tok.v;
        section_place = std::min(section_place, res * tok.v);
        has_pending = false;
        last_unit = tok.v;
        zero_since = false;
        any_value = true;
        break;
      }
      case T::kBig:
        if (frac) frac = false;
        if (has_pending) {
          section += pending.v;
          section_place = std::min(section_place, pending.res);
          has_pending = false;
        }
        if (last == T::kBig) {
          total *= tok.v;
          total_place *= tok.v;
        } else {
          if (section == 0) return false;  // "万" alone, "零万"
          total += section * tok.v;
          total_place = std::min(total_place, section_place * tok.v);
          section = 0;
          section_place = kInf;
        }
        last_big = tok.v;
        last_unit = 0;
        zero_since = false;
        break;
      case T::kPoint:
        if (frac) return false;
        if (!has_pending) {
          if (section == 0) return false;
          pending = Pending{section, section_place, false};
          has_pending = true;
          section = 0;
          section_place = kInf;
        }
        pending.single = false;
        frac = true;
        frac_scale = 0.1;
        break;
      case T::kApprox:
        break;
    }
    last = tok.t;
  }
  if (!any_value) return false;
  if (frac && frac_scale == 0.1) return false;  // "三点" without decimals
  if (has_pending) {
    if (pending.single && !zero_since && (last == T::kDigit) && toks.size() >= 2) {
      T before = toks[toks.size() - 2].t;
      if (before == T::kUnit && last_unit >= 10) {
        section += pending.v * last_unit / 10;
        section_place = std::min(section_place, last_unit / 10);
      } else if (before == T::kBig && last_big >= 10) {
        total += pending.v * last_big / 10;
        total_place = std::min(total_place, last_big / 10);
      } else {
        section += pending.v;
        section_place = std::min(section_place, pending.res);
      }
    } else {
      section += pending.v;
      section_place = std::min(section_place, pending.res);
    }
  }
  out->value = total + section;
  double place = std::min(total_place, section_place);
  out->resolution = place == kInf ? 1 : place;
  out->integer = !fractional;
  double trailing = 1;
  for (std::size_t i = toks.size(); i-- > 0;) {
    if (toks[i].t != T::kBig) break;
    trailing *= toks[i].v;
  }
  out->trailing_scale = (has_pending || section != 0) ? 1 : trailing;
  return std::isfinite(out->value);
}

// -------------------------------------------------------------- spelled-out words

namespace {

// ICU spell-out formatters, one strict and one lenient per language and thread
// (RuleBasedNumberFormat::parse is not safe to share: lenient parsing
// initialises a collator lazily).
icu::RuleBasedNumberFormat* SpelloutFormat(const std::string& lang, bool lenient) {
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::RuleBasedNumberFormat>> cache;
  std::string key = lang + (lenient ? "/l" : "/s");
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  auto fmt = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale(lang.c_str()), status);
  if (U_FAILURE(status)) fmt.reset();
  if (fmt) fmt->setLenient(lenient);
  icu::RuleBasedNumberFormat* raw = fmt.get();
  cache.emplace(key, std::move(fmt));
  return raw;
}

// ICU's value for all of `text` (strict rules, then lenient).
bool IcuParseUncached(const std::string& lang, std::string_view text, bool allow_lenient, double* value) {
  // ICU's rules are written in lower case; strict parsing does not fold
  // ("Quatre-vingt-dix" at the start of a sentence).
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale(lang.c_str()));
  for (bool lenient : {false, true}) {
    if (lenient && !allow_lenient) break;
    icu::RuleBasedNumberFormat* fmt = SpelloutFormat(lang, lenient);
    if (fmt == nullptr) return false;
    icu::Formattable result;
    icu::ParsePosition pos(0);
    fmt->parse(u, result, pos);
    if (pos.getIndex() == u.length() && pos.getErrorIndex() < 0) {
      UErrorCode status = U_ZERO_ERROR;
      double v = result.getDouble(status);
      if (U_SUCCESS(status) && std::isfinite(v)) {
        *value = v;
        return true;
      }
    }
  }
  return false;
}

// IcuParseUncached with the answers remembered per thread: lenient RBNF
// parsing runs a collator over every rule and cost 40 us a word, and news
// text repeats the same few number words. Bounded: cleared at 8192 entries.
bool IcuParse(const std::string& lang, std::string_view text, bool allow_lenient, double* value) {
  thread_local std::unordered_map<std::string, std::pair<bool, double>> memo;
  std::string key;
  key.reserve(lang.size() + text.size() + 2);
  key.append(lang).push_back(allow_lenient ? '\1' : '\0');
  key.append(text);
  if (auto it = memo.find(key); it != memo.end()) {
    if (it->second.first) *value = it->second.second;
    return it->second.first;
  }
  double v = 0;
  const bool ok = IcuParseUncached(lang, text, allow_lenient, &v);
  if (memo.size() >= 8192) memo.clear();
  memo.emplace(std::move(key), std::make_pair(ok, v));
  if (ok) *value = v;
  return ok;
}

std::vector<TokenSpan> Tokenize(std::string_view s) {
  std::vector<TokenSpan> toks;
  toks.reserve(s.size() / 2 + 1);  // words and separators alternate
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '-')) ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '-') ++i;
    if (i > b) toks.push_back({b, i});
  }
  return toks;
}

int DigitCount(double v) { return v < 1 ? 1 : static_cast<int>(std::floor(std::log10(v + 0.5))) + 1; }

}  // namespace

// A spoken number has few words; "one and one and one ..." is no number,
// and ICU's spell-out parser takes time that grows faster than the square of
// the text. So at most this many words are read as one number, and ICU is
// asked about at most this many words between two scale words ("neuf cent
// quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf" is 13).
constexpr std::size_t kMaxNumberWords = 32;
constexpr std::size_t kMaxIcuPartWords = 16;

// The value of one word: the lexicon's, or ICU's for one-word compounds
// ("achtundsiebzig", "tweeduizend", "centosessantuno").
bool SpelledNumberParser::WordValue(std::string_view word, double* value, IcuBudget* budget) const {
  std::size_t end;
  const NumberWordInfo* w = words_->Match(word, 0, &end);
  if (w != nullptr && end == word.size() &&
      (w->role == NumberRole::kWord || w->role == NumberRole::kWeak || w->role == NumberRole::kArticle)) {
    *value = w->value;
    return true;
  }
  return AskIcu(word, true, value, budget);
}

bool SpelledNumberParser::AskIcu(std::string_view text, bool allow_lenient, double* value, IcuBudget* budget) const {
  if (budget->calls <= 0) return false;
  --budget->calls;
  return IcuParse(lang_, text, allow_lenient, value);
}

bool SpelledNumberParser::Classify(std::string_view token, Word* w, IcuBudget* budget) const {
  w->text = token;
  w->suffixed = false;
  std::size_t end;
  if (const NumberWordInfo* info = words_->Match(token, 0, &end); info != nullptr && end == token.size()) {
    w->value = info->value;
    switch (info->role) {
      case NumberRole::kJoin: w->kind = Kind::kJoin; return true;
      case NumberRole::kPoint: w->kind = Kind::kPoint; return true;
      case NumberRole::kDen: w->kind = Kind::kDen; return true;
      case NumberRole::kDen1: w->kind = Kind::kDen1; return true;
      case NumberRole::kDenOf: w->kind = Kind::kDenOf; return true;
      case NumberRole::kArticle: w->kind = Kind::kArticle; return true;
      case NumberRole::kPartOf: w->kind = Kind::kPartOf; return true;
      case NumberRole::kWord:
      case NumberRole::kWeak: w->kind = Kind::kNum; return true;
      default: break;
    }
  }
  if (const ScaleInfo* sc = scales_->Match(token, 0, &end); sc != nullptr && end == token.size() && sc->word) {
    w->kind = Kind::kScale;
    w->value = sc->value;
    w->one = sc->one;
    return true;
  }
  // "veintiunavos", "unième", "eenentwintigste": a cardinal plus a suffix.
  for (const std::string& suffix : *den_suffixes_) {
    if (token.size() <= suffix.size() || token.substr(token.size() - suffix.size()) != suffix) continue;
    std::string_view stem = token.substr(0, token.size() - suffix.size());
    for (const char* tail : {"", "a", "e", "o"}) {
      std::string candidate = std::string(stem) + tail;
      double v;
      if (WordValue(candidate, &v, budget) && v >= 2) {
        w->kind = Kind::kDen;
        w->value = v;
        w->suffixed = true;
        return true;
      }
    }
  }
  if (WordValue(token, &w->value, budget)) {
    w->kind = Kind::kNum;
    return true;
  }
  return false;
}

// Words valued one by one and added up the way numbers are spoken:
// "twenty one" 21, "dix sept" 17, "tweeduizend tweehonderd" 2200,
// "one hundred one thousand" 101000. Rejects runs that are not one number
// ("one twenty", "twenty twenty").
bool SpelledNumberParser::Compose(const std::vector<Word>& words, std::size_t b, std::size_t e,
                                  double* value) const {
  double total = 0, current = 0, last_add = 0;
  bool any = false;
  for (std::size_t i = b; i < e; ++i) {
    const Word& w = words[i];
    if (w.kind == Kind::kJoin) continue;
    if (w.kind != Kind::kNum && w.kind != Kind::kArticle) return false;
    double v = w.value;
    any = true;
    if (v == 100) {
      current = (current == 0 ? 1 : current) * 100;
      last_add = 0;
    } else if (v == 1000) {
      total += (current == 0 ? 1 : current) * 1000;
      current = 0;
      last_add = 0;
    } else if (v >= 1000 && std::fmod(v, 1000) == 0) {
      if (current != 0) return false;
      total += v;
    } else {
      if (last_add != 0 && DigitCount(v) >= DigitCount(last_add)) return false;
      if (last_add == 0 && current != 0 && v >= current) return false;
      current += v;
      last_add = v;
    }
  }
  if (!any) return false;
  *value = total + current;
  return true;
}

// A whole number from words [b, e): split at scale words ("zwei Milliarden
// dreihundert Millionen"), each part by ICU's rules or Compose.
bool SpelledNumberParser::Integer(std::string_view span, const std::vector<Word>& words, std::size_t b,
                                  std::size_t e, double* value, double* resolution, double* last_scale,
                                  IcuBudget* budget) const {
  double total = 0, last_part = 0;
  *last_scale = 1;
  std::size_t part_b = b;
  bool any = false;
  auto flush = [&](std::size_t part_e, double scale) -> bool {
    // Joins at the edges ("trillion and three hundred") are not part of it.
    while (part_b < part_e && words[part_b].kind == Kind::kJoin) ++part_b;
    while (part_e > part_b && words[part_e - 1].kind == Kind::kJoin) --part_e;
    double v = 1;
    if (part_e > part_b) {
      std::size_t from = static_cast<std::size_t>(words[part_b].text.data() - span.data());
      std::size_t to = static_cast<std::size_t>(words[part_e - 1].text.data() + words[part_e - 1].text.size() - span.data());
      std::string_view text = span.substr(from, to - from);
      bool ok = false;
      if (part_e - part_b == 1) {
        v = words[part_b].value;
        ok = words[part_b].kind == Kind::kNum || words[part_b].kind == Kind::kArticle;
      } else {
        ok = Compose(words, part_b, part_e, &v);
        if (!ok && part_e - part_b <= kMaxIcuPartWords) {
          // ICU also reads "twenty twenty" as the year 2020: a value in the
          // thousands needs a word worth a thousand.
          double biggest = 0;
          for (std::size_t i = part_b; i < part_e; ++i) biggest = std::max(biggest, words[i].value);
          // Strict rules only (lenient parsing runs a collator over every
          // rule: tens of milliseconds on a few Russian words), also with
          // the spaces written as ICU's rules write them in French
          // ("soixante et onze" as "soixante-et-onze").
          std::string hyphenated(text);
          std::replace(hyphenated.begin(), hyphenated.end(), ' ', '-');
          ok = (AskIcu(text, false, &v, budget) ||
                (hyphenated != text && AskIcu(hyphenated, false, &v, budget))) &&
               (v < 1000 || biggest >= 1000);
        }
      }
      if (!ok) return false;
    } else if (!any && (part_e >= words.size() || !words[part_e].one)) {
      return false;  // starts with a bare scale word ("millions of")
    }
    total += v * scale;
    last_part = v;
    *last_scale = scale;
    any = true;
    return true;
  };
  for (std::size_t i = b; i < e; ++i) {
    if (words[i].kind == Kind::kScale) {
      if (!flush(i, words[i].value)) return false;
      part_b = i + 1;
    } else if (words[i].kind != Kind::kNum && words[i].kind != Kind::kJoin && words[i].kind != Kind::kArticle) {
      return false;
    }
  }
  std::size_t tail_b = part_b;
  while (tail_b < e && words[tail_b].kind == Kind::kJoin) ++tail_b;
  if (tail_b < e) {
    // "vijf miljard en driekwart": a fraction word after a scale is of it.
    double scale_before = *last_scale;
    bool after_scale = any && part_b > b && words[part_b - 1].kind == Kind::kScale;
    if (e - tail_b == 1 && after_scale && words[tail_b].kind == Kind::kNum && words[tail_b].value < 1) {
      if (!flush(e, scale_before)) return false;
    } else if (!flush(e, 1)) {
      return false;
    }
  }
  if (!any) return false;
  *value = total;
  *resolution = IntegerPlace(last_part) * *last_scale;
  return true;
}

// "three quarters", "tres quintos", "vinte e um avos", "twenty and three
// fifths", "trois millions et demi", "one twenty-fifth".
bool SpelledNumberParser::Fraction(std::string_view span, const std::vector<Word>& words, double* value,
                                   IcuBudget* budget) const {
  std::size_t n = words.size();
  const Word& last = words[n - 1];
  std::size_t m = n - 1;  // words[m] is the denominator word
  // A mixed number: the whole part before the last join.
  std::size_t join = n;
  for (std::size_t i = m; i-- > 0;) {
    if (words[i].kind == Kind::kJoin || words[i].kind == Kind::kPoint) {
      join = i;
      break;
    }
  }
  auto numerator_of = [&](std::size_t b, std::size_t e, double* v, bool allow_article) -> bool {
    if (e - b == 1 && words[b].kind == Kind::kArticle) {
      *v = 1;
      return allow_article;
    }
    double res, sc;
    return Integer(span, words, b, e, v, &res, &sc, budget);
  };
  auto den_of = [&](std::size_t b, std::size_t e, double* den) -> bool {
    // Words [b, e) before the denominator word that belong to it.
    if (last.kind == Kind::kDenOf) return b < e && Compose(words, b, e, den);
    if (b == e) {
      *den = last.value;
      return true;
    }
    double prefix;
    if (!Compose(words, b, e, &prefix)) return false;
    if (last.suffixed) {  // "vingt et un|ième"
      *den = prefix + last.value;
      return last.value < 10 || std::fmod(prefix, 100) == 0;
    }
    // "twenty-fifth", "one hundred fifth": a compound ordinal.
    if (std::fmod(prefix, 10) != 0 || prefix <= last.value) return false;
    *den = prefix + last.value;
    return true;
  };
  if (last.kind == Kind::kDenOf) {
    for (std::size_t k = m; k-- > 1;) {
      double num, den, res, scale;
      if (words[k].kind == Kind::kJoin) continue;
      if (Integer(span, words, 0, k, &num, &res, &scale, budget) && Compose(words, k, m, &den) && den != 0) {
        *value = num / den;
        return true;
      }
    }
    return false;
  }
  std::size_t frac_b = join == n ? 0 : join + 1;
  // Try the longest numerator first.
  for (std::size_t k = m; k + 1 > frac_b; --k) {
    double num = 1, den;
    bool has_num = k > frac_b;
    if (has_num && !numerator_of(frac_b, k, &num, join != n)) {
      if (k == 0) break;
      continue;
    }
    if (!has_num && join == n) {
      if (k == 0) break;
      continue;  // a bare denominator ("half", "quarter") is not a number
    }
    if (!den_of(k, m, &den) || den == 0) {
      if (k == 0) break;
      continue;
    }
    bool singular_ok = last.kind != Kind::kDen1 || num == 1;
    if (!singular_ok) {
      if (k == 0) break;
      continue;
    }
    double frac = num / den;
    if (join == n) {
      *value = frac;
      return true;
    }
    if (num >= 10) break;  // "one hundred and thirty-two fifths" = 132/5
    double whole, res, scale;
    if (!Integer(span, words, 0, join, &whole, &res, &scale, budget)) return false;
    // "trois millions et demi": the fraction is of the scale.
    *value = whole + frac * (words[join - 1].kind == Kind::kScale ? scale : 1);
    return true;
  }
  // No mixed reading: everything before the denominator is its numerator.
  if (join != n) {
    double num, den, res, scale;
    if (Integer(span, words, 0, m, &num, &res, &scale, budget) && den_of(m, m, &den) && den != 0 &&
        (last.kind != Kind::kDen1 || num == 1)) {
      *value = num / den;
      return true;
    }
  }
  return false;
}

bool SpelledNumberParser::ParseTokens(std::string_view span, const std::vector<TokenSpan>& toks,
                                      std::vector<Classified>* classified, ParsedNumber* out, bool* weak_only,
                                      IcuBudget* budget) const {
  if (toks.empty()) return false;
  std::vector<Word> words;
  words.reserve(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) {
    // Scales of two words ("mil millones", "lakh crore").
    std::size_t end;
    const ScaleInfo* sc = scales_->Match(span, toks[i].begin, &end);
    if (sc != nullptr && sc->word && i + 1 < toks.size() && end == toks[i + 1].end) {
      words.push_back({span.substr(toks[i].begin, end - toks[i].begin), Kind::kScale, sc->value});
      words.back().one = sc->one;
      ++i;
      continue;
    }
    Classified& c = (*classified)[i];
    if (c.ok < 0) c.ok = Classify(span.substr(toks[i].begin, toks[i].end - toks[i].begin), &c.word, budget) ? 1 : 0;
    if (c.ok == 0) return false;
    words.push_back(c.word);
  }
  if (words.back().kind == Kind::kJoin || words.back().kind == Kind::kPoint) return false;
  *out = ParsedNumber{};
  *weak_only = false;
  const Word& last = words.back();
  // "half a million", "mezzo milione", "eine halbe Million".
  {
    std::size_t i = 0;
    if (words.size() >= 3 && (words[0].kind == Kind::kArticle || words[0].value == 1)) i = 1;
    if (i + 1 < words.size() && (words[i].kind == Kind::kDen || words[i].kind == Kind::kDen1) && words[i].value == 2) {
      std::size_t j = i + 1;
      if (j + 1 < words.size() && words[j].kind == Kind::kArticle) ++j;
      if (j + 1 == words.size() && words[j].kind == Kind::kScale) {
        out->value = words[j].value / 2;
        out->resolution = words[j].value / 10;
        out->integer = out->value == std::floor(out->value);
        return true;
      }
    }
  }
  // "a quarter of a million", "three-quarters of a billion": a fraction of
  // the scale.
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k].kind != Kind::kPartOf) continue;
    if (k == 0 || k > 2 || words[k - 1].value == 0) return false;
    const Word& den = words[k - 1];
    if (den.kind != Kind::kDen && den.kind != Kind::kDen1) return false;
    double num = 1;
    if (k == 2 && words[0].kind != Kind::kArticle) {
      if (words[0].kind != Kind::kNum) return false;
      num = words[0].value;
    }
    if (den.kind == Kind::kDen1 && num != 1) return false;  // "a quarter", not "three quarter"
    std::size_t j = k + 1;
    if (j < words.size() && words[j].kind == Kind::kArticle) ++j;
    if (j + 1 != words.size() || words[j].kind != Kind::kScale) return false;
    out->value = num / den.value * words[j].value;
    out->resolution = words[j].value / den.value / 10;
    out->integer = out->value == std::floor(out->value);
    return true;
  }
  if (last.kind == Kind::kDen || last.kind == Kind::kDen1 || last.kind == Kind::kDenOf) {
    double v;
    if (!Fraction(span, words, &v, budget)) return false;
    out->value = v;
    out->integer = false;
    // The place of the last digit when the value has one ("a billion and a
    // half" 1e8 like "1.5 billion", "one and a half" 0.1 like "1.5"); values
    // are rounded to it, so a fraction with no short decimal ("six million
    // and two thirds", "three quarters") stays exact.
    out->resolution = std::abs(v) * 1e-12;
    if (std::abs(v) >= 1) {
      const double place = IntegerPlace(v);
      if (place > 1e-9) out->resolution = place;
    }
    return true;
  }
  for (const Word& w : words) {
    if (w.kind == Kind::kDen || w.kind == Kind::kDen1 || w.kind == Kind::kDenOf) return false;
  }
  // A decimal point: "two hundred point zero three", "cuarenta y siete coma
  // veintiocho" (digits one by one, or the decimals as one number).
  std::size_t point = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].kind == Kind::kPoint) {
      point = i;
      break;
    }
  }
  double value, resolution, scale;
  if (!Integer(span, words, 0, point, &value, &resolution, &scale, budget)) return false;
  if (point < words.size()) {
    bool digits = true;
    std::string decimals;
    for (std::size_t i = point + 1; i < words.size(); ++i) {
      if (words[i].kind != Kind::kNum || words[i].value >= 10 || words[i].value != std::floor(words[i].value)) {
        digits = false;
        break;
      }
      decimals += static_cast<char>('0' + static_cast<int>(words[i].value));
    }
    if (!digits) {
      double d, r, s;
      if (!Integer(span, words, point + 1, words.size(), &d, &r, &s, budget) || s != 1) return false;
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.0f", d);
      decimals = buf;
    }
    if (decimals.empty() || decimals.size() > 15) return false;
    value += std::strtod(("0." + decimals).c_str(), nullptr);
    resolution = std::pow(10.0, -static_cast<double>(decimals.size()));
    out->integer = false;
  }
  out->value = value;
  out->resolution = resolution;
  out->plain = false;
  if (out->integer) out->integer = value == std::floor(value);
  if (words.size() == 1 && words[0].kind == Kind::kNum) {
    std::size_t end;
    const NumberWordInfo* w = words_->Match(words[0].text, 0, &end);
    *weak_only = w != nullptr && end == words[0].text.size() && w->role == NumberRole::kWeak;
  }
  if (words.size() == 1 && words[0].kind == Kind::kArticle) return false;
  return true;
}

bool SpelledNumberParser::Parse(std::string_view span, ParsedNumber* out, std::size_t* consumed,
                                bool* weak_only, IcuBudget* budget) const {
  *out = ParsedNumber{};
  std::vector<TokenSpan> toks = Tokenize(span);
  if (toks.size() > kMaxNumberWords) toks.resize(kMaxNumberWords);
  // Each token is classified once, however many prefixes contain it.
  std::vector<Classified> classified(toks.size());
  // Longest prefix of whole words that parses; "two and three" yields "two".
  for (std::size_t n = toks.size(); n > 0; --n) {
    std::string_view prefix = span.substr(0, toks[n - 1].end);
    toks.resize(n);  // the tokens of the prefix
    if (ParseTokens(prefix, toks, &classified, out, weak_only, budget)) {
      *consumed = prefix.size();
      return true;
    }
  }
  return false;
}

}  // namespace newsfacts::figures_internal
