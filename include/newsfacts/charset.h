// newsfacts/charset.h — bytes in any charset to valid UTF-8.
//
//   Decoded d = DecodeToUtf8(bytes, "text/html; charset=gbk");
//   d.utf8      valid UTF-8, invalid sequences replaced by U+FFFD
//   d.charset   "GB18030" (the ICU converter actually used: WHATWG decodes
//               every GBK label with the GB18030 superset)
//
// Order of evidence: a BOM, the Content-Type charset, <meta charset> /
// <meta http-equiv> in the first 4 KiB (only when `sniff_html` is true), then
// UTF-8 if the bytes are ASCII or validate as UTF-8 (near-certain evidence,
// and it keeps ICU out of the common path), then ICU's charset detector
// (ucsdet, when it is confident), then windows-1252. Labels are mapped as the WHATWG Encoding standard does
// (e.g. "gb2312" and "gbk" decode as GB18030, "iso-8859-1" as windows-1252).
//
// Never fails: unknown labels fall through to detection.
// Thread-safety: reentrant.
#ifndef NEWSFACTS_CHARSET_H_
#define NEWSFACTS_CHARSET_H_

#include <string>
#include <string_view>

namespace newsfacts {

struct Decoded {
  std::string utf8;
  std::string charset;        // charset used to decode
  bool had_invalid = false;   // some bytes were replaced with U+FFFD
};

Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type = {},
                     bool sniff_html = true);

// Replaces every invalid UTF-8 sequence with U+FFFD; returns valid UTF-8.
std::string SanitizeUtf8(std::string_view bytes, bool* had_invalid = nullptr);

// True if `bytes` is well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

}  // namespace newsfacts

#endif  // NEWSFACTS_CHARSET_H_
