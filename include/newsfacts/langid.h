// newsfacts/langid.h — which language is this text in?
//
//   DetectLanguage("Alibaba, Tencent und Baidu haben ...")  -> "de"
//   DetectLanguage("阿里巴巴、腾讯和百度上半年资本开支合计500亿元") -> "zh"
//
// Uses CLD2 (libcld2) with a script-based fallback for very short texts
// (Han without kana -> "zh", kana -> "ja", Hangul -> "ko", Cyrillic -> "ru").
// Returns an ISO 639-1 code, or "" when the text gives no reliable signal.
// Thread-safety: reentrant.
#ifndef NEWSFACTS_LANGID_H_
#define NEWSFACTS_LANGID_H_

#include <string>
#include <string_view>

namespace newsfacts {

std::string DetectLanguage(std::string_view utf8_text);

// Normalises a language tag to its primary ISO 639-1 subtag:
// "en-GB" -> "en", "zh_Hans" -> "zh", "DE" -> "de", "" -> "".
std::string NormalizeLangTag(std::string_view tag);

}  // namespace newsfacts

#endif  // NEWSFACTS_LANGID_H_
