// UTF-8 helpers for the figure grammar (see figures_utf8.h).
#include "figures_utf8.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace newsfacts::figures_internal {

char32_t CodePointAt(std::string_view s, std::size_t pos, std::size_t* len) {
  auto c = static_cast<unsigned char>(s[pos]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int32_t i = static_cast<int32_t>(pos);
  UChar32 cp;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), cp);
  *len = static_cast<std::size_t>(i) - pos;
  return cp < 0 ? 0xFFFD : static_cast<char32_t>(cp);
}

char32_t CodePointBefore(std::string_view s, std::size_t pos, std::size_t* start) {
  if (pos == 0) {
    *start = 0;
    return 0;
  }
  auto c = static_cast<unsigned char>(s[pos - 1]);
  if (c < 0x80) {
    *start = pos - 1;
    return c;
  }
  int32_t i = static_cast<int32_t>(pos);
  UChar32 cp;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, cp);
  *start = static_cast<std::size_t>(i);
  return cp < 0 ? 0xFFFD : static_cast<char32_t>(cp);
}

bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) ||    // radicals, CJK punctuation, kana, Han
         (c >= 0xAC00 && c <= 0xD7AF) ||    // Hangul syllables
         (c >= 0x1100 && c <= 0x11FF) ||    // Hangul jamo
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0xFF00 && c <= 0xFFEF) ||    // half/full-width forms
         (c >= 0x20000 && c <= 0x3FFFF);    // Han extensions
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  if (IsCjk(c)) return false;
  return u_isalnum(static_cast<UChar32>(c)) || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC);
}

bool WordCharBefore(std::string_view s, std::size_t pos) {
  std::size_t start;
  return pos > 0 && IsWordChar(CodePointBefore(s, pos, &start));
}

bool WordCharAt(std::string_view s, std::size_t pos) {
  std::size_t len;
  return pos < s.size() && IsWordChar(CodePointAt(s, pos, &len));
}

std::string FoldCase(std::string_view s) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out;
  if (ascii) {
    out.reserve(s.size());
    for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.foldCase();
  u.toUTF8String(out);
  return out;
}

}  // namespace newsfacts::figures_internal
