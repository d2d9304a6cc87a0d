// Claims-mode value canonicalisation: numbers, clock times and folded text,
// and the similarity between two such values.
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "newsfacts/truth.h"

namespace newsfacts {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
char ToLowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the whitespace at s[pos] (ASCII blank or U+00A0), else 0.
std::size_t SpaceAt(std::string_view s, std::size_t pos) {
  const char c = s[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == '\xC2' && pos + 1 < s.size() && s[pos + 1] == '\xA0') return 2;
  return 0;
}

// Trimmed, with every run of whitespace turned into one ' '.
std::string CollapseSpace(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  bool pending = false;
  for (std::size_t pos = 0; pos < raw.size();) {
    if (const std::size_t n = SpaceAt(raw, pos)) {
      pending = !out.empty();
      pos += n;
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += raw[pos++];
  }
  return out;
}

// "46", "-3.5", "1,234,567.0", ".5": the whole text is one decimal number.
bool ParseNumber(std::string_view s, double* value, int* decimals) {
  std::size_t pos = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
  const std::size_t int_begin = pos;
  std::string digits(s.substr(0, int_begin) == "-" ? "-" : "");
  std::size_t run = 0;
  bool grouped = false;
  while (pos < s.size() && (IsDigit(s[pos]) || s[pos] == ',')) {
    if (s[pos] == ',') {
      // Thousands separator: 1-3 digits before the first, exactly 3 between.
      if (run == 0 || (grouped ? run != 3 : run > 3)) return false;
      grouped = true;
      run = 0;
    } else {
      digits += s[pos];
      ++run;
    }
    ++pos;
  }
  if (grouped && run != 3) return false;
  const bool has_int = pos > int_begin;
  *decimals = 0;
  if (pos < s.size() && s[pos] == '.') {
    digits += '.';
    ++pos;
    while (pos < s.size() && IsDigit(s[pos])) {
      digits += s[pos++];
      ++*decimals;
    }
    if (*decimals == 0) return false;
  } else if (!has_int) {
    return false;
  }
  if (pos != s.size()) return false;
  const char* first = digits.data();
  const char* last = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(first, last, *value);
  return ec == std::errc() && ptr == last && std::isfinite(*value);
}

// One clock time H:MM or HH:MM[:SS] with an optional am/pm/noon/midnight
// marker right after it; false when there is none or more than one.
bool ParseClockTime(std::string_view s, int* minutes) {
  int found = 0;
  for (std::size_t pos = 1; pos + 2 < s.size(); ++pos) {
    if (s[pos] != ':' || !IsDigit(s[pos - 1]) || !IsDigit(s[pos + 1]) || !IsDigit(s[pos + 2])) {
      continue;
    }
    std::size_t h_begin = pos - 1;
    if (h_begin > 0 && IsDigit(s[h_begin - 1])) --h_begin;
    if (h_begin > 0 && IsDigit(s[h_begin - 1])) continue;  // 3+ digit "hour"
    // "-05:00", "+0100": a zone offset, not a time of day.
    const bool offset = h_begin > 0 && (s[h_begin - 1] == '-' || s[h_begin - 1] == '+');
    std::size_t end = pos + 3;
    if (end < s.size() && IsDigit(s[end])) continue;  // "12:345"
    if (end + 2 < s.size() && s[end] == ':' && IsDigit(s[end + 1]) && IsDigit(s[end + 2])) {
      end += 3;  // seconds, ignored
      if (end < s.size() && IsDigit(s[end])) continue;
    }
    const std::size_t colon = pos;
    pos = end - 1;  // the next search starts after this clock
    if (offset) continue;
    int hour = std::atoi(std::string(s.substr(h_begin, colon - h_begin)).c_str());
    const int minute = (s[colon + 1] - '0') * 10 + (s[colon + 2] - '0');
    if (minute > 59) continue;
    // Marker: spaces, then "am", "a.m.", "a", "pm", "p.m.", "p", "noon",
    // "midnight"; a lower-case letter right after it means it was a word
    // ("10:30 at the station").
    std::size_t m = end;
    while (m < s.size() && s[m] == ' ') ++m;
    char marker = 0;
    std::string rest;
    for (std::size_t k = m; k < s.size() && k < m + 8; ++k) rest += ToLowerAscii(s[k]);
    std::size_t used = 0;
    if (rest.rfind("noon", 0) == 0) {
      marker = 'n';
      used = 4;
    } else if (rest.rfind("midnight", 0) == 0) {
      marker = 'm';
      used = 8;
    } else if (!rest.empty() && (rest[0] == 'a' || rest[0] == 'p')) {
      marker = rest[0];
      used = 1;
      if (used < rest.size() && rest[used] == '.') ++used;
      if (used < rest.size() && rest[used] == 'm') {
        ++used;
        if (used < rest.size() && rest[used] == '.') ++used;
      }
    }
    if (marker != 0 && m + used < s.size() && IsLower(s[m + used])) marker = 0;
    if (marker == 0 || marker == 'n' || marker == 'm') {
      if (hour > 23) continue;
      if (marker == 'n') hour = 12;
      if (marker == 'm') hour = 0;
    } else {
      if (hour < 1 || hour > 12) continue;
      if (marker == 'p' && hour < 12) hour += 12;
      if (marker == 'a' && hour == 12) hour = 0;
    }
    if (++found > 1) return false;
    *minutes = hour * 60 + minute;
  }
  return found == 1;
}

std::string FoldCase(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(s);
    for (char& c : out) c = ToLowerAscii(c);
    return out;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string NumberKey(double value) {
  if (value == 0) value = 0;  // -0 -> 0
  char buf[32];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return "n:" + std::string(buf, ec == std::errc() ? ptr : buf);
}

}  // namespace

ClaimValue ParseClaimValue(std::string_view raw, bool typed_values) {
  ClaimValue out;
  const std::string clean = CollapseSpace(raw);
  if (typed_values) {
    double number = 0;
    int decimals = 0;
    if (ParseNumber(clean, &number, &decimals)) {
      out.kind = ClaimValueKind::kNumber;
      out.number = number;
      out.decimals = decimals;
      out.key = NumberKey(number);
      return out;
    }
    int minutes = 0;
    if (ParseClockTime(clean, &minutes)) {
      out.kind = ClaimValueKind::kTime;
      out.number = minutes;
      char buf[16];
      std::snprintf(buf, sizeof buf, "t:%02d:%02d", minutes / 60, minutes % 60);
      out.key = buf;
      return out;
    }
  }
  out.key = "s:" + FoldCase(clean);
  return out;
}

double ClaimValueSimilarity(const ClaimValue& from, const ClaimValue& to,
                            const ClaimsTsvOptions& options) {
  if (from.kind != to.kind || from.kind == ClaimValueKind::kText) return 0;
  if (from.key == to.key) return 1;
  if (from.kind == ClaimValueKind::kTime) {
    if (options.time_tolerance_min <= 0) return 0;
    double d = std::fabs(from.number - to.number);
    d = std::min(d, 1440 - d);
    return std::max(0.0, 1 - d / options.time_tolerance_min);
  }
  // Numbers: the coarser one may be the finer one rounded.
  if (options.numeric_tolerance <= 0) return 0;
  const ClaimValue& fine = from.decimals >= to.decimals ? from : to;
  const ClaimValue& coarse = from.decimals >= to.decimals ? to : from;
  if (fine.decimals > coarse.decimals) {
    const double scale = std::pow(10.0, coarse.decimals);
    const double rounded = std::round(fine.number * scale) / scale;
    if (std::fabs(rounded - coarse.number) <= 1e-9 * std::max(1.0, std::fabs(coarse.number))) {
      return 1;
    }
  }
  const double magnitude = std::max(std::fabs(from.number), std::fabs(to.number));
  if (magnitude == 0) return 0;
  return std::max(0.0,
                  1 - std::fabs(from.number - to.number) / (options.numeric_tolerance * magnitude));
}

}  // namespace newsfacts
