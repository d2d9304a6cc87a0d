// Language identification (see newsfacts/langid.h): CLD2 for anything with
// enough text, the dominant script for short or unreliable inputs.
#include "newsfacts/langid.h"

#include <cld2/public/compact_lang_det.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "newsfacts/charset.h"

namespace newsfacts {
namespace {

// CLD2 looks at no more than this many bytes; more text does not change its
// answer for a news article but costs time.
constexpr std::size_t kMaxDetectBytes = 32 * 1024;

enum ScriptBucket { kLatin, kHan, kKana, kHangul, kCyrillic, kGreek, kArabic, kHebrew,
                    kThai, kDevanagari, kOther, kBucketCount };

ScriptBucket Bucket(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return kOther;
  switch (sc) {
    case USCRIPT_LATIN: return kLatin;
    case USCRIPT_HAN: return kHan;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return kKana;
    case USCRIPT_HANGUL: return kHangul;
    case USCRIPT_CYRILLIC: return kCyrillic;
    case USCRIPT_GREEK: return kGreek;
    case USCRIPT_ARABIC: return kArabic;
    case USCRIPT_HEBREW: return kHebrew;
    case USCRIPT_THAI: return kThai;
    case USCRIPT_DEVANAGARI: return kDevanagari;
    default: return kOther;
  }
}

// The language a script almost always means, from letter counts; "" for Latin
// (too many candidates) or when no script dominates.
std::string LanguageFromScript(std::string_view text) {
  std::array<int, kBucketCount> counts{};
  int letters = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(std::min(text.size(), kMaxDetectBytes));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++counts[kLatin];
        ++letters;
      }
      continue;
    }
    if (c < 0 || !u_isalpha(c)) continue;
    ++counts[Bucket(c)];
    ++letters;
  }
  if (letters == 0) return {};
  // Japanese mixes Han and kana; any real share of kana makes it Japanese.
  if (counts[kKana] > 0 && counts[kKana] * 10 >= counts[kHan] &&
      (counts[kKana] + counts[kHan]) * 2 > letters)
    return "ja";
  auto top = std::max_element(counts.begin(), counts.end());
  if (*top * 2 <= letters) return {};
  switch (static_cast<ScriptBucket>(top - counts.begin())) {
    case kHan: return "zh";
    case kKana: return "ja";
    case kHangul: return "ko";
    case kCyrillic: return "ru";
    case kGreek: return "el";
    case kArabic: return "ar";
    case kHebrew: return "he";
    case kThai: return "th";
    case kDevanagari: return "hi";
    default: return {};
  }
}

}  // namespace

std::string NormalizeLangTag(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_' || c == ' ' || c == ';' || c == ',') break;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {};
    out.push_back(static_cast<char>(c | 0x20));
  }
  if (out.size() < 2 || out.size() > 3) return {};
  // Legacy and deprecated codes that still appear in lang attributes.
  if (out == "iw") return "he";
  if (out == "in") return "id";
  if (out == "ji") return "yi";
  if (out == "jw") return "jv";
  if (out == "un" || out == "xx" || out == "und" || out == "mul" || out == "zxx") return {};
  return out;
}

std::string DetectLanguage(std::string_view utf8_text) {
  std::string_view text = utf8_text.substr(0, std::min(utf8_text.size(), kMaxDetectBytes));
  // Do not split a character at the cut.
  while (!text.empty() && text.size() < utf8_text.size() &&
         (static_cast<unsigned char>(utf8_text[text.size()]) & 0xC0) == 0x80)
    text.remove_suffix(1);
  std::string sanitized;
  if (!IsValidUtf8(text)) {
    sanitized = SanitizeUtf8(text);
    text = sanitized;
  }
  if (text.empty()) return {};

  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  CLD2::Language lang = CLD2::DetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, language3, percent3,
      &text_bytes, &is_reliable);
  std::string code;
  if (lang != CLD2::UNKNOWN_LANGUAGE && lang != CLD2::TG_UNKNOWN_LANGUAGE &&
      (is_reliable || (percent3[0] >= 70 && text_bytes >= 40))) {
    code = NormalizeLangTag(CLD2::LanguageCode(lang));
  }
  std::string by_script = LanguageFromScript(text);
  if (code.empty()) return by_script;
  // CLD2 sometimes labels very short CJK snippets with a Latin-script
  // language; the script is the stronger evidence there.
  if (!by_script.empty() && by_script != code && (by_script == "zh" || by_script == "ja" ||
                                                  by_script == "ko")) {
    if (code != "zh" && code != "ja" && code != "ko") return by_script;
  }
  return code;
}

}  // namespace newsfacts
