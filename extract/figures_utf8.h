// extract/figures_utf8.h — the few UTF-8 questions the figure grammar asks:
// what code point is at/before a byte offset, and is it part of a word.
// Internal to extract/; see include/newsfacts/figures.h for the component.
#ifndef NEWSFACTS_EXTRACT_FIGURES_UTF8_H_
#define NEWSFACTS_EXTRACT_FIGURES_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace newsfacts::figures_internal {

// The code point starting at `pos` (or U+FFFD for a malformed byte) and its
// length in *len. pos must be < s.size().
char32_t CodePointAt(std::string_view s, std::size_t pos, std::size_t* len);

// The code point ending just before `pos`, its start in *start; 0 when pos is 0.
char32_t CodePointBefore(std::string_view s, std::size_t pos, std::size_t* start);

// Han, kana, Hangul and CJK punctuation: scripts written without spaces, where
// a number needs no word boundary ("15元中", "4만 달러").
bool IsCjk(char32_t c);

// A letter or digit of a space-separated script (Latin, Cyrillic, Greek, ...):
// "H20" is one word, "cent" in "Tencent" is not a word of its own.
bool IsWordChar(char32_t c);

// True when the code point before `pos` is a word character.
bool WordCharBefore(std::string_view s, std::size_t pos);
// True when the code point at `pos` is a word character.
bool WordCharAt(std::string_view s, std::size_t pos);

// Unicode case folding of UTF-8 (ASCII fast path).
std::string FoldCase(std::string_view s);

}  // namespace newsfacts::figures_internal

#endif  // NEWSFACTS_EXTRACT_FIGURES_UTF8_H_
