// ingest/ascii.h — ASCII case helpers for protocol text (HTTP header names
// and values, robots.txt fields, tag names, content types), where case rules
// are ASCII-only by definition. Internal to newsfacts_ingest.
#ifndef NEWSFACTS_INGEST_ASCII_H_
#define NEWSFACTS_INGEST_ASCII_H_

#include <cstddef>
#include <string_view>

namespace newsfacts {

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// Does `hay` contain `needle` (given in lower case), ignoring ASCII case?
inline bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && AsciiLower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

}  // namespace newsfacts

#endif  // NEWSFACTS_INGEST_ASCII_H_
