// Publication dates in machine and human forms (see dates.h).
#include "dates.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdio>
#include <unordered_map>
#include <vector>

namespace newsfacts::internal {
namespace {

// Locales whose month names FindDate understands.
constexpr const char* kDateLocales[] = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da",
                                        "nb", "fi", "pl", "cs", "sk", "ru", "uk", "bg", "tr",
                                        "ro", "hu", "id", "ca", "hr", "sl", "el"};
constexpr int kMinYear = 1970;
constexpr int kMaxYear = 2100;

std::string LowerUtf8(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  std::string out;
  if (ascii) {
    out.assign(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(),
                                                       static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  u.toUTF8String(out);
  return out;
}

// Lower-cased month name (no trailing '.') -> 1..12, from ICU locale data.
class MonthTable {
 public:
  static const MonthTable& Get() {
    static const MonthTable table;
    return table;
  }
  int Lookup(std::string_view lower_word) const {
    auto it = months_.find(std::string(lower_word));
    return it == months_.end() ? 0 : it->second;
  }

 private:
  MonthTable() {
    using Sym = icu::DateFormatSymbols;
    for (const char* loc : kDateLocales) {
      UErrorCode status = U_ZERO_ERROR;
      Sym symbols(icu::Locale(loc), status);
      if (U_FAILURE(status)) continue;
      for (Sym::DtContextType ctx : {Sym::FORMAT, Sym::STANDALONE}) {
        for (Sym::DtWidthType width : {Sym::WIDE, Sym::ABBREVIATED}) {
          int32_t count = 0;
          const icu::UnicodeString* names = symbols.getMonths(count, ctx, width);
          for (int32_t m = 0; m < count && m < 12; ++m) Add(names[m], m + 1);
        }
      }
    }
    // Common abbreviations ICU's data does not list.
    static constexpr std::pair<const char*, int> kExtra[] = {
        {"sept", 9}, {"sep", 9}, {"june", 6}, {"july", 7}, {"febr", 2}, {"juni", 6},
        {"juli", 7}, {"mrz", 3}, {"okt", 10}, {"dez", 12}, {"janv", 1}, {"févr", 2},
        {"avr", 4}, {"juil", 7}, {"déc", 12}};
    for (auto [name, month] : kExtra) months_.emplace(name, month);
  }
  void Add(const icu::UnicodeString& name, int month) {
    icu::UnicodeString lower(name);
    lower.toLower(icu::Locale::getRoot());
    std::string s;
    lower.toUTF8String(s);
    while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
    // Single letters and digits ("1", "M") are no month names.
    if (s.size() < 3 || (s[0] >= '0' && s[0] <= '9')) return;
    months_.emplace(s, month);
  }
  std::unordered_map<std::string, int> months_;
};

enum class Kind : uint8_t { kNum, kWord, kPunct, kCjk, kOther };

struct Token {
  Token(Kind k, bool gap, std::size_t b, std::size_t e) : kind(k), gap_before(gap), begin(b), end(e) {}
  Kind kind;
  bool gap_before;     // whitespace before this token
  std::size_t begin;
  std::size_t end;
  int value = 0;       // kNum: the number (capped); kWord: month or 0;
                       // kPunct / kCjk: the character ('y','m','d' for 年月日)
  int digits = 0;      // kNum: number of digits
  std::string word;    // kWord: lower-cased
};

// CJK date markers: 年 월 etc. -> 'y','m','d','h','n'(minute).
int CjkMarker(UChar32 c) {
  switch (c) {
    case 0x5E74: case 0xB144: return 'y';  // 年 년
    case 0x6708: case 0xC6D4: return 'm';  // 月 월
    case 0x65E5: case 0xC77C: return 'd';  // 日 일
    case 0x6642: case 0x65F6: case 0xC2DC: return 'h';  // 時 时 시
    case 0x5206: case 0xBD84: return 'n';  // 分 분
    default: return 0;
  }
}

std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> tokens;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  bool gap = false;
  const MonthTable& months = MonthTable::Get();
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      tokens.push_back({Kind::kOther, gap, static_cast<std::size_t>(start),
                        static_cast<std::size_t>(i)});
      gap = false;
      continue;
    }
    if (u_isUWhiteSpace(c) || c == 0xA0) {
      gap = true;
      continue;
    }
    if (c >= '0' && c <= '9') {
      int value = 0, digits = 0;
      int32_t j = start;
      while (j < n && s[j] >= '0' && s[j] <= '9') {
        if (value < 100000000) value = value * 10 + (s[j] - '0');
        ++digits;
        ++j;
      }
      Token t{Kind::kNum, gap, static_cast<std::size_t>(start), static_cast<std::size_t>(j)};
      t.value = value;
      t.digits = digits;
      tokens.push_back(std::move(t));
      i = j;
      gap = false;
      continue;
    }
    if (int marker = CjkMarker(c)) {
      Token t{Kind::kCjk, gap, static_cast<std::size_t>(start), static_cast<std::size_t>(i)};
      t.value = marker;
      tokens.push_back(std::move(t));
      gap = false;
      continue;
    }
    if (u_isalpha(c)) {
      int32_t j = i;
      while (j < n) {
        int32_t k = j;
        UChar32 d;
        U8_NEXT(s, k, n, d);
        if (d < 0 || !u_isalpha(d) || CjkMarker(d)) break;
        j = k;
      }
      Token t{Kind::kWord, gap, static_cast<std::size_t>(start), static_cast<std::size_t>(j)};
      if (j - start <= 24) {
        t.word = LowerUtf8(text.substr(static_cast<std::size_t>(start),
                                       static_cast<std::size_t>(j - start)));
        t.value = months.Lookup(t.word);
      }
      tokens.push_back(std::move(t));
      i = j;
      gap = false;
      continue;
    }
    Token t{c < 0x80 ? Kind::kPunct : Kind::kOther, gap, static_cast<std::size_t>(start),
            static_cast<std::size_t>(i)};
    t.value = c < 0x80 ? static_cast<int>(c) : 0;
    tokens.push_back(std::move(t));
    gap = false;
  }
  return tokens;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

bool ValidDate(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

class Matcher {
 public:
  explicit Matcher(const std::vector<Token>& t) : t_(t) {}

  // Tries every date pattern at token i; on success fills *out and returns
  // the index one past the last token used.
  std::size_t MatchDate(std::size_t i, DateTime* out) const {
    std::size_t next;
    if ((next = NumericYmd(i, out)) || (next = NumericDmy(i, out)) ||
        (next = MonthDayYear(i, out)) || (next = DayMonthYear(i, out)) || (next = Cjk(i, out)))
      return next;
    return 0;
  }

  // A time of day after a date ("13:21", ", 1:21 PM EST", "um 13:21 Uhr").
  std::size_t MatchTime(std::size_t i, DateTime* out) const {
    std::size_t k = i;
    // Separators and little words between the date and its time.
    for (int skipped = 0; skipped < 2 && k < t_.size(); ++skipped) {
      if (IsPunct(k, ',') || IsPunct(k, '|') || IsPunct(k, '-') || IsPunct(k, '/') ||
          IsPunct(k, '@') || t_[k].kind == Kind::kOther) {
        ++k;
      } else if (t_[k].kind == Kind::kWord &&
                 (t_[k].word == "at" || t_[k].word == "um" || t_[k].word == "à" ||
                  t_[k].word == "a" || t_[k].word == "às" || t_[k].word == "alle" ||
                  t_[k].word == "om" || t_[k].word == "kl" || t_[k].word == "las" ||
                  t_[k].word == "t")) {
        ++k;
      } else {
        break;
      }
    }
    if (!IsNum(k, 1, 2) || !IsPunct(k + 1, ':') || !IsNum(k + 2, 2, 2) || t_[k + 1].gap_before ||
        t_[k + 2].gap_before)
      return 0;
    int hour = t_[k].value, minute = t_[k + 2].value, second = -1;
    std::size_t j = k + 3;
    if (IsPunct(j, ':') && IsNum(j + 1, 2, 2) && !t_[j].gap_before) {
      second = t_[j + 1].value;
      j += 2;
    }
    // am / pm, "a.m." / "p.m."
    if (j < t_.size() && t_[j].kind == Kind::kWord) {
      const std::string& w = t_[j].word;
      bool pm = w == "pm" || (w == "p" && IsPunct(j + 1, '.'));
      bool am = w == "am" || (w == "a" && IsPunct(j + 1, '.'));
      if (pm || am) {
        if (hour < 1 || hour > 12) return 0;
        if (pm && hour != 12) hour += 12;
        if (am && hour == 12) hour = 0;
        ++j;
        // swallow ".m." of "a.m."
        if (w.size() == 1 && IsPunct(j, '.')) {
          ++j;
          if (j < t_.size() && t_[j].kind == Kind::kWord && t_[j].word == "m") {
            ++j;
            if (IsPunct(j, '.')) ++j;
          }
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return 0;
    out->hour = hour;
    out->minute = minute;
    out->second = second;
    j = MatchZone(j, out);
    return j;
  }

 private:
  bool IsNum(std::size_t i, int min_digits, int max_digits) const {
    return i < t_.size() && t_[i].kind == Kind::kNum && t_[i].digits >= min_digits &&
           t_[i].digits <= max_digits;
  }
  bool IsPunct(std::size_t i, char c) const {
    return i < t_.size() && t_[i].kind == Kind::kPunct && t_[i].value == c;
  }
  bool IsMonth(std::size_t i) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].value > 0;
  }
  bool IsWord(std::size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && t_[i].word == w;
  }
  bool IsOrdinal(std::size_t i) const {
    return i < t_.size() && t_[i].kind == Kind::kWord && !t_[i].gap_before &&
           (t_[i].word == "st" || t_[i].word == "nd" || t_[i].word == "rd" ||
            t_[i].word == "th" || t_[i].word == "er" || t_[i].word == "e");
  }
  // A number that stands alone (not glued to more digits or letters before).
  bool StartsHere(std::size_t i) const {
    if (i == 0) return true;
    const Token& prev = t_[i - 1];
    if (t_[i].gap_before) return true;
    return prev.kind != Kind::kNum && prev.kind != Kind::kWord;
  }

  static bool Set(DateTime* out, int y, int m, int d) {
    if (!ValidDate(y, m, d)) return false;
    *out = DateTime();
    out->year = y;
    out->month = m;
    out->day = d;
    return true;
  }

  // 2024-08-26, 2024/08/26, 2024.08.26, "2024. 8. 26."
  std::size_t NumericYmd(std::size_t i, DateTime* out) const {
    if (!IsNum(i, 4, 4) || !StartsHere(i) || !IsNum(i + 2, 1, 2) ||
        !IsNum(i + 4, 1, 2))
      return 0;
    char sep = static_cast<char>(t_[i + 1].value);
    if (t_[i + 1].kind != Kind::kPunct || (sep != '-' && sep != '/' && sep != '.') ||
        !IsPunct(i + 3, sep))
      return 0;
    if (sep != '.' && (t_[i + 1].gap_before || t_[i + 2].gap_before || t_[i + 3].gap_before ||
                       t_[i + 4].gap_before))
      return 0;
    if (!Set(out, t_[i].value, t_[i + 2].value, t_[i + 4].value)) return 0;
    std::size_t next = i + 5;
    if (sep == '.' && IsPunct(next, '.')) ++next;
    return next;
  }

  // 26.08.2024 (day first), 08/26/2024 (month first unless the first > 12).
  std::size_t NumericDmy(std::size_t i, DateTime* out) const {
    if (!IsNum(i, 1, 2) || !StartsHere(i) || !IsNum(i + 2, 1, 2) || !IsNum(i + 4, 4, 4)) return 0;
    char sep = static_cast<char>(t_[i + 1].value);
    if (t_[i + 1].kind != Kind::kPunct || (sep != '-' && sep != '/' && sep != '.') ||
        !IsPunct(i + 3, sep))
      return 0;
    if (t_[i + 1].gap_before || t_[i + 2].gap_before || t_[i + 3].gap_before ||
        t_[i + 4].gap_before)
      return 0;
    int a = t_[i].value, b = t_[i + 2].value, y = t_[i + 4].value;
    bool day_first = sep == '.' || a > 12;
    bool ok = day_first ? Set(out, y, b, a) : Set(out, y, a, b);
    return ok ? i + 5 : 0;
  }

  // Aug 26, 2024 / August 26th 2024 / Sept. 3, 2019
  std::size_t MonthDayYear(std::size_t i, DateTime* out) const {
    if (!IsMonth(i)) return 0;
    std::size_t k = i + 1;
    if (IsPunct(k, '.')) ++k;
    if (!IsNum(k, 1, 2)) return 0;
    int day = t_[k].value;
    ++k;
    if (IsOrdinal(k)) ++k;
    if (IsPunct(k, ',')) ++k;
    if (!IsNum(k, 4, 4)) return 0;
    if (!Set(out, t_[k].value, t_[i].value, day)) return 0;
    return k + 1;
  }

  // 26 August 2024 / 26. August 2024 / 26 de agosto de 2024 / 26th of Aug, 2024
  std::size_t DayMonthYear(std::size_t i, DateTime* out) const {
    if (!IsNum(i, 1, 2) || !StartsHere(i)) return 0;
    int day = t_[i].value;
    std::size_t k = i + 1;
    if (IsPunct(k, '.') || IsOrdinal(k)) ++k;
    if (IsWord(k, "de") || IsWord(k, "of")) ++k;
    if (!IsMonth(k)) return 0;
    int month = t_[k].value;
    ++k;
    if (IsPunct(k, '.')) ++k;
    if (IsWord(k, "de") || IsPunct(k, ',')) ++k;
    if (!IsNum(k, 4, 4)) return 0;
    if (!Set(out, t_[k].value, month, day)) return 0;
    ++k;
    if (IsWord(k, "г") || IsWord(k, "r")) {  // "26 августа 2024 г."
      ++k;
      if (IsPunct(k, '.')) ++k;
    }
    return k;
  }

  // 2024年8月26日 / 2024년 8월 26일
  std::size_t Cjk(std::size_t i, DateTime* out) const {
    if (!IsNum(i, 4, 4)) return 0;
    auto marker = [&](std::size_t k, int m) {
      return k < t_.size() && t_[k].kind == Kind::kCjk && t_[k].value == m;
    };
    if (!marker(i + 1, 'y') || !IsNum(i + 2, 1, 2) || !marker(i + 3, 'm') || !IsNum(i + 4, 1, 2) ||
        !marker(i + 5, 'd'))
      return 0;
    if (!Set(out, t_[i].value, t_[i + 2].value, t_[i + 4].value)) return 0;
    std::size_t k = i + 6;
    // 13时21分 / 13時21分
    if (IsNum(k, 1, 2) && marker(k + 1, 'h') && IsNum(k + 2, 1, 2) && marker(k + 3, 'n') &&
        t_[k].value < 24 && t_[k + 2].value < 60) {
      out->hour = t_[k].value;
      out->minute = t_[k + 2].value;
      k += 4;
    }
    return k;
  }

  std::size_t MatchZone(std::size_t j, DateTime* out) const {
    if (j < t_.size() && t_[j].kind == Kind::kWord) {
      static constexpr std::pair<std::string_view, int> kZones[] = {
          {"gmt", 0}, {"utc", 0}, {"z", 0}, {"est", -300}, {"edt", -240}, {"cst", -360},
          {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
          {"bst", 60}, {"cet", 60}, {"cest", 120}, {"mez", 60}, {"mesz", 120},
          {"jst", 540}, {"kst", 540}, {"hkt", 480}, {"sgt", 480}, {"aest", 600}};
      for (auto [name, minutes] : kZones) {
        if (t_[j].word == name) {
          out->has_offset = true;
          out->offset_minutes = minutes;
          ++j;
          break;
        }
      }
      if (out->has_offset && out->offset_minutes == 0 && (IsPunct(j, '+') || IsPunct(j, '-'))) {
        // "GMT+8", "UTC+05:30": fall through to the numeric offset.
      } else {
        return j;
      }
    }
    if (IsPunct(j, '+') || IsPunct(j, '-')) {
      int sign = t_[j].value == '+' ? 1 : -1;
      if (IsNum(j + 1, 4, 4)) {
        int v = t_[j + 1].value;
        out->has_offset = true;
        out->offset_minutes = sign * ((v / 100) * 60 + v % 100);
        return j + 2;
      }
      if (IsNum(j + 1, 1, 2)) {
        int h = t_[j + 1].value, m = 0;
        std::size_t k = j + 2;
        if (IsPunct(k, ':') && IsNum(k + 1, 2, 2)) {
          m = t_[k + 1].value;
          k += 2;
        }
        if (h <= 14 && m < 60) {
          out->has_offset = true;
          out->offset_minutes = sign * (h * 60 + m);
          return k;
        }
      }
    }
    return j;
  }

  const std::vector<Token>& t_;
};

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void CivilFromDays(long long z, int* y, int* m, int* d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Digits(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Strict ISO 8601 / RFC 3339 and its everyday variants.
std::optional<DateTime> ParseIso(std::string_view s) {
  int y = Digits(s, 0, 4);
  if (y < 0 || s.size() < 10) return std::nullopt;
  char sep = s[4];
  if ((sep != '-' && sep != '/' && sep != '.') || s[7] != sep) return std::nullopt;
  int m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (m < 0 || d < 0 || !ValidDate(y, m, d)) return std::nullopt;
  DateTime dt;
  dt.year = y;
  dt.month = m;
  dt.day = d;
  std::size_t i = 10;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ' || s[i] == 't')) {
    int hh = Digits(s, i + 1, 2), mm = Digits(s, i + 4, 2);
    if (hh >= 0 && mm >= 0 && i + 3 < s.size() && s[i + 3] == ':' && hh < 24 && mm < 60) {
      dt.hour = hh;
      dt.minute = mm;
      i += 6;
      if (i < s.size() && s[i] == ':') {
        int ss = Digits(s, i + 1, 2);
        if (ss >= 0 && ss < 61) {
          dt.second = std::min(ss, 59);
          i += 3;
        }
      }
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      }
      while (i < s.size() && s[i] == ' ') ++i;
      if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        dt.has_offset = true;
      } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int sign = s[i] == '+' ? 1 : -1;
        int oh = Digits(s, i + 1, 2);
        int om = 0;
        if (oh >= 0) {
          if (i + 3 < s.size() && s[i + 3] == ':') {
            om = Digits(s, i + 4, 2);
          } else if (i + 3 < s.size()) {
            om = Digits(s, i + 3, 2);
          }
          if (om < 0) om = 0;
          if (oh <= 14 && om < 60) {
            dt.has_offset = true;
            dt.offset_minutes = sign * (oh * 60 + om);
          }
        }
      } else if (i + 3 <= s.size()) {
        std::string_view rest = s.substr(i);
        if (rest.substr(0, 3) == "GMT" || rest.substr(0, 3) == "UTC") dt.has_offset = true;
      }
    }
  }
  return dt;
}

}  // namespace

std::string DateTime::ToIso() const {
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  if (hour >= 0 && minute >= 0) {
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "T%02d:%02d", hour,
                       minute);
    if (second >= 0)
      n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ":%02d", second);
    if (has_offset) {
      int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
      n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "%c%02d:%02d",
                         offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    }
  }
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<DateTime> FindDate(std::string_view text, std::size_t* begin, std::size_t* end) {
  std::vector<Token> tokens = Lex(text);
  Matcher matcher(tokens);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Kind::kNum && !(tokens[i].kind == Kind::kWord && tokens[i].value > 0))
      continue;
    DateTime dt;
    std::size_t next = matcher.MatchDate(i, &dt);
    if (!next) continue;
    if (std::size_t after_time = matcher.MatchTime(next, &dt)) next = after_time;
    if (begin) *begin = tokens[i].begin;
    if (end) *end = tokens[next - 1].end;
    return dt;
  }
  return std::nullopt;
}

std::optional<DateTime> ParseDateValue(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\n' || value.front() == '\t'))
    value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\n' || value.back() == '\t'))
    value.remove_suffix(1);
  if (value.empty() || value.size() > 200) return std::nullopt;
  if (AllDigits(value)) {
    if (value.size() == 8) {
      int y = Digits(value, 0, 4), m = Digits(value, 4, 2), d = Digits(value, 6, 2);
      if (!ValidDate(y, m, d)) return std::nullopt;
      DateTime dt;
      dt.year = y;
      dt.month = m;
      dt.day = d;
      return dt;
    }
    if (value.size() == 10 || value.size() == 13) {
      long long secs = std::stoll(std::string(value.substr(0, 10)));
      DateTime dt;
      CivilFromDays(secs / 86400, &dt.year, &dt.month, &dt.day);
      if (!ValidDate(dt.year, dt.month, dt.day)) return std::nullopt;
      long long rem = secs % 86400;
      dt.hour = static_cast<int>(rem / 3600);
      dt.minute = static_cast<int>(rem % 3600 / 60);
      dt.second = static_cast<int>(rem % 60);
      dt.has_offset = true;
      return dt;
    }
    return std::nullopt;
  }
  if (auto iso = ParseIso(value)) return iso;
  return FindDate(value);
}

}  // namespace newsfacts::internal
