// Internal helpers of charset.cc shared with the article extractor and tests.
#ifndef NEWSFACTS_EXTRACT_CHARSET_INTERNAL_H_
#define NEWSFACTS_EXTRACT_CHARSET_INTERNAL_H_

#include <string_view>

namespace newsfacts::internal {

// ICU converter name for a WHATWG encoding label ("gbk" -> "GB18030",
// "latin1" -> "windows-1252"); "" for an unknown label. Case-insensitive,
// surrounding spaces and quotes ignored.
std::string_view IcuNameForLabel(std::string_view label);

// The charset parameter of a Content-Type value, or "".
std::string_view CharsetFromContentType(std::string_view content_type);

// The label declared by <meta charset> or <meta http-equiv=Content-Type> in
// the first 4 KiB of `html`, or "".
std::string_view MetaCharset(std::string_view html);

}  // namespace newsfacts::internal

#endif  // NEWSFACTS_EXTRACT_CHARSET_INTERNAL_H_
