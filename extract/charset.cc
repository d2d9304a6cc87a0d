// Bytes in any charset to valid UTF-8 (see newsfacts/charset.h).
//
// UTF-8 input takes a fast path that never touches ICU; everything else goes
// through one ucnv_convertEx call from the source converter to UTF-8, with a
// to-Unicode callback that writes U+FFFD for every illegal or unassigned
// sequence (ICU's default would write U+001A for some single-byte charsets).
#include "newsfacts/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

#include "charset_internal.h"

namespace newsfacts {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

constexpr std::string_view kUtf8 = "UTF-8";
constexpr std::string_view kWindows1252 = "windows-1252";
constexpr std::size_t kSniffBytes = 4096;
constexpr std::size_t kDetectBytes = 64 * 1024;

// WHATWG Encoding Standard labels -> the ICU converter that decodes them.
struct LabelEntry {
  std::string_view label;
  std::string_view icu_name;
};
constexpr LabelEntry kLabels[] = {
    // UTF-8
    {"unicode-1-1-utf-8", "UTF-8"}, {"unicode11utf8", "UTF-8"}, {"unicode20utf8", "UTF-8"},
    {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"x-unicode20utf8", "UTF-8"},
    // Legacy single-byte
    {"866", "IBM866"}, {"cp866", "IBM866"}, {"csibm866", "IBM866"}, {"ibm866", "IBM866"},
    {"csisolatin2", "ISO-8859-2"}, {"iso-8859-2", "ISO-8859-2"}, {"iso-ir-101", "ISO-8859-2"},
    {"iso8859-2", "ISO-8859-2"}, {"iso88592", "ISO-8859-2"}, {"iso_8859-2", "ISO-8859-2"},
    {"iso_8859-2:1987", "ISO-8859-2"}, {"l2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"},
    {"csisolatin3", "ISO-8859-3"}, {"iso-8859-3", "ISO-8859-3"}, {"iso-ir-109", "ISO-8859-3"},
    {"iso8859-3", "ISO-8859-3"}, {"iso88593", "ISO-8859-3"}, {"iso_8859-3", "ISO-8859-3"},
    {"iso_8859-3:1988", "ISO-8859-3"}, {"l3", "ISO-8859-3"}, {"latin3", "ISO-8859-3"},
    {"csisolatin4", "ISO-8859-4"}, {"iso-8859-4", "ISO-8859-4"}, {"iso-ir-110", "ISO-8859-4"},
    {"iso8859-4", "ISO-8859-4"}, {"iso88594", "ISO-8859-4"}, {"iso_8859-4", "ISO-8859-4"},
    {"iso_8859-4:1988", "ISO-8859-4"}, {"l4", "ISO-8859-4"}, {"latin4", "ISO-8859-4"},
    {"csisolatincyrillic", "ISO-8859-5"}, {"cyrillic", "ISO-8859-5"}, {"iso-8859-5", "ISO-8859-5"},
    {"iso-ir-144", "ISO-8859-5"}, {"iso8859-5", "ISO-8859-5"}, {"iso88595", "ISO-8859-5"},
    {"iso_8859-5", "ISO-8859-5"}, {"iso_8859-5:1988", "ISO-8859-5"},
    {"arabic", "ISO-8859-6"}, {"asmo-708", "ISO-8859-6"}, {"csiso88596e", "ISO-8859-6"},
    {"csiso88596i", "ISO-8859-6"}, {"csisolatinarabic", "ISO-8859-6"}, {"ecma-114", "ISO-8859-6"},
    {"iso-8859-6", "ISO-8859-6"}, {"iso-8859-6-e", "ISO-8859-6"}, {"iso-8859-6-i", "ISO-8859-6"},
    {"iso-ir-127", "ISO-8859-6"}, {"iso8859-6", "ISO-8859-6"}, {"iso88596", "ISO-8859-6"},
    {"iso_8859-6", "ISO-8859-6"}, {"iso_8859-6:1987", "ISO-8859-6"},
    {"csisolatingreek", "ISO-8859-7"}, {"ecma-118", "ISO-8859-7"}, {"elot_928", "ISO-8859-7"},
    {"greek", "ISO-8859-7"}, {"greek8", "ISO-8859-7"}, {"iso-8859-7", "ISO-8859-7"},
    {"iso-ir-126", "ISO-8859-7"}, {"iso8859-7", "ISO-8859-7"}, {"iso88597", "ISO-8859-7"},
    {"iso_8859-7", "ISO-8859-7"}, {"iso_8859-7:1987", "ISO-8859-7"}, {"sun_eu_greek", "ISO-8859-7"},
    {"csiso88598e", "ISO-8859-8"}, {"csisolatinhebrew", "ISO-8859-8"}, {"hebrew", "ISO-8859-8"},
    {"iso-8859-8", "ISO-8859-8"}, {"iso-8859-8-e", "ISO-8859-8"}, {"iso-ir-138", "ISO-8859-8"},
    {"iso8859-8", "ISO-8859-8"}, {"iso88598", "ISO-8859-8"}, {"iso_8859-8", "ISO-8859-8"},
    {"iso_8859-8:1988", "ISO-8859-8"}, {"visual", "ISO-8859-8"},
    {"csiso88598i", "ISO-8859-8"}, {"iso-8859-8-i", "ISO-8859-8"}, {"logical", "ISO-8859-8"},
    {"csisolatin6", "ISO-8859-10"}, {"iso-8859-10", "ISO-8859-10"}, {"iso-ir-157", "ISO-8859-10"},
    {"iso8859-10", "ISO-8859-10"}, {"iso885910", "ISO-8859-10"}, {"l6", "ISO-8859-10"},
    {"latin6", "ISO-8859-10"},
    {"iso-8859-13", "ISO-8859-13"}, {"iso8859-13", "ISO-8859-13"}, {"iso885913", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"}, {"iso8859-14", "ISO-8859-14"}, {"iso885914", "ISO-8859-14"},
    {"csisolatin9", "ISO-8859-15"}, {"iso-8859-15", "ISO-8859-15"}, {"iso8859-15", "ISO-8859-15"},
    {"iso885915", "ISO-8859-15"}, {"iso_8859-15", "ISO-8859-15"}, {"l9", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"cskoi8r", "KOI8-R"}, {"koi", "KOI8-R"}, {"koi8", "KOI8-R"}, {"koi8-r", "KOI8-R"},
    {"koi8_r", "KOI8-R"}, {"koi8-ru", "KOI8-U"}, {"koi8-u", "KOI8-U"},
    {"csmacintosh", "macintosh"}, {"mac", "macintosh"}, {"macintosh", "macintosh"},
    {"x-mac-roman", "macintosh"},
    {"dos-874", "windows-874"}, {"iso-8859-11", "windows-874"}, {"iso8859-11", "windows-874"},
    {"iso885911", "windows-874"}, {"tis-620", "windows-874"}, {"windows-874", "windows-874"},
    {"cp1250", "windows-1250"}, {"windows-1250", "windows-1250"}, {"x-cp1250", "windows-1250"},
    {"cp1251", "windows-1251"}, {"windows-1251", "windows-1251"}, {"x-cp1251", "windows-1251"},
    {"ansi_x3.4-1968", "windows-1252"}, {"ascii", "windows-1252"}, {"cp1252", "windows-1252"},
    {"cp819", "windows-1252"}, {"csisolatin1", "windows-1252"}, {"ibm819", "windows-1252"},
    {"iso-8859-1", "windows-1252"}, {"iso-ir-100", "windows-1252"}, {"iso8859-1", "windows-1252"},
    {"iso88591", "windows-1252"}, {"iso_8859-1", "windows-1252"},
    {"iso_8859-1:1987", "windows-1252"}, {"l1", "windows-1252"}, {"latin1", "windows-1252"},
    {"us-ascii", "windows-1252"}, {"windows-1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
    {"cp1253", "windows-1253"}, {"windows-1253", "windows-1253"}, {"x-cp1253", "windows-1253"},
    {"cp1254", "windows-1254"}, {"csisolatin5", "windows-1254"}, {"iso-8859-9", "windows-1254"},
    {"iso-ir-148", "windows-1254"}, {"iso8859-9", "windows-1254"}, {"iso88599", "windows-1254"},
    {"iso_8859-9", "windows-1254"}, {"iso_8859-9:1989", "windows-1254"}, {"l5", "windows-1254"},
    {"latin5", "windows-1254"}, {"windows-1254", "windows-1254"}, {"x-cp1254", "windows-1254"},
    {"cp1255", "windows-1255"}, {"windows-1255", "windows-1255"}, {"x-cp1255", "windows-1255"},
    {"cp1256", "windows-1256"}, {"windows-1256", "windows-1256"}, {"x-cp1256", "windows-1256"},
    {"cp1257", "windows-1257"}, {"windows-1257", "windows-1257"}, {"x-cp1257", "windows-1257"},
    {"cp1258", "windows-1258"}, {"windows-1258", "windows-1258"}, {"x-cp1258", "windows-1258"},
    {"x-mac-cyrillic", "x-mac-cyrillic"}, {"x-mac-ukrainian", "x-mac-cyrillic"},
    {"x-user-defined", "windows-1252"},
    // Legacy multi-byte. WHATWG decodes every GBK label with the gb18030
    // decoder, Big5 as Big5-HKSCS, Shift_JIS as windows-31j, EUC-KR as
    // windows-949; ICU's converters of those names are the supersets.
    {"chinese", "GB18030"}, {"csgb2312", "GB18030"}, {"csiso58gb231280", "GB18030"},
    {"gb2312", "GB18030"}, {"gb_2312", "GB18030"}, {"gb_2312-80", "GB18030"}, {"gbk", "GB18030"},
    {"iso-ir-58", "GB18030"}, {"x-gbk", "GB18030"}, {"gb18030", "GB18030"},
    {"cp936", "GB18030"}, {"windows-936", "GB18030"},
    {"big5", "Big5-HKSCS"}, {"big5-hkscs", "Big5-HKSCS"}, {"cn-big5", "Big5-HKSCS"},
    {"csbig5", "Big5-HKSCS"}, {"x-x-big5", "Big5-HKSCS"},
    {"cseucpkdfmtjapanese", "EUC-JP"}, {"euc-jp", "EUC-JP"}, {"x-euc-jp", "EUC-JP"},
    {"csiso2022jp", "ISO-2022-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
    {"csshiftjis", "Shift_JIS"}, {"ms932", "Shift_JIS"}, {"ms_kanji", "Shift_JIS"},
    {"shift-jis", "Shift_JIS"}, {"shift_jis", "Shift_JIS"}, {"sjis", "Shift_JIS"},
    {"windows-31j", "Shift_JIS"}, {"x-sjis", "Shift_JIS"},
    {"cseuckr", "windows-949"}, {"csksc56011987", "windows-949"}, {"euc-kr", "windows-949"},
    {"iso-ir-149", "windows-949"}, {"korean", "windows-949"}, {"ks_c_5601-1987", "windows-949"},
    {"ks_c_5601-1989", "windows-949"}, {"ksc5601", "windows-949"}, {"ksc_5601", "windows-949"},
    {"windows-949", "windows-949"},
    {"unicodefffe", "UTF-16BE"}, {"utf-16be", "UTF-16BE"},
    {"csunicode", "UTF-16LE"}, {"iso-10646-ucs-2", "UTF-16LE"}, {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"}, {"unicodefeff", "UTF-16LE"}, {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string_view TrimLabel(std::string_view s) {
  while (!s.empty() && (IsAsciiSpace(s.front()) || s.front() == '"' || s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (IsAsciiSpace(s.back()) || s.back() == '"' || s.back() == '\'' ||
                        s.back() == ';'))
    s.remove_suffix(1);
  return s;
}

// Case-insensitive search for an ASCII `needle` (given in lower case).
std::size_t FindNoCase(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && AsciiLower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// The value after "charset=" in a Content-Type-like string, or "".
std::string_view CharsetParam(std::string_view s) {
  std::size_t pos = FindNoCase(s, "charset");
  while (pos != std::string_view::npos) {
    std::size_t i = pos + 7;
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && IsAsciiSpace(s[i])) ++i;
      std::size_t end = i;
      if (end < s.size() && (s[end] == '"' || s[end] == '\'')) {
        char q = s[end++];
        std::size_t close = s.find(q, end);
        return s.substr(end, (close == std::string_view::npos ? s.size() : close) - end);
      }
      while (end < s.size() && !IsAsciiSpace(s[end]) && s[end] != ';' && s[end] != '"' &&
             s[end] != '\'' && s[end] != '>')
        ++end;
      return s.substr(i, end - i);
    }
    pos = FindNoCase(s, "charset", pos + 7);
  }
  return {};
}

// Value of attribute `name` inside one tag's text ("<meta a=b c='d'>"), or "".
std::string_view TagAttribute(std::string_view tag, std::string_view name) {
  std::size_t i = 1;
  while (i < tag.size() && !IsAsciiSpace(tag[i]) && tag[i] != '>' && tag[i] != '/') ++i;
  while (i < tag.size()) {
    while (i < tag.size() && (IsAsciiSpace(tag[i]) || tag[i] == '/')) ++i;
    if (i >= tag.size() || tag[i] == '>') break;
    std::size_t name_begin = i;
    while (i < tag.size() && !IsAsciiSpace(tag[i]) && tag[i] != '=' && tag[i] != '>' &&
           tag[i] != '/')
      ++i;
    std::string_view attr = tag.substr(name_begin, i - name_begin);
    while (i < tag.size() && IsAsciiSpace(tag[i])) ++i;
    std::string_view value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && IsAsciiSpace(tag[i])) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char q = tag[i++];
        std::size_t close = tag.find(q, i);
        if (close == std::string_view::npos) close = tag.size();
        value = tag.substr(i, close - i);
        i = close + 1;
      } else {
        std::size_t begin = i;
        while (i < tag.size() && !IsAsciiSpace(tag[i]) && tag[i] != '>') ++i;
        value = tag.substr(begin, i - begin);
      }
    }
    if (attr.size() == name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < attr.size() && same; ++k) same = AsciiLower(attr[k]) == name[k];
      if (same) return value;
    }
  }
  return {};
}

// <meta charset> / <meta http-equiv=content-type content="...charset=..."> in
// the first kSniffBytes bytes (the HTML prescan, simplified).
std::string_view SniffMetaCharset(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min(bytes.size(), kSniffBytes));
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    if (head.compare(pos, 4, "<!--") == 0) {
      std::size_t end = head.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    std::size_t end = head.find('>', pos);
    if (end == std::string_view::npos) break;
    std::string_view tag = head.substr(pos, end - pos + 1);
    pos = end + 1;
    if (tag.size() < 6 || FindNoCase(tag.substr(0, 6), "<meta") != 0 ||
        !(IsAsciiSpace(tag[5]) || tag[5] == '/'))
      continue;
    std::string_view cs = TrimLabel(TagAttribute(tag, "charset"));
    if (!cs.empty()) return cs;
    std::string_view equiv = TagAttribute(tag, "http-equiv");
    if (FindNoCase(equiv, "content-type") != std::string_view::npos) {
      cs = TrimLabel(CharsetParam(TagAttribute(tag, "content")));
      if (!cs.empty()) return cs;
    }
  }
  return {};
}

bool IsAscii(std::string_view bytes) {
  for (unsigned char c : bytes)
    if (c >= 0x80) return false;
  return true;
}

// To-Unicode callback: every illegal, irregular or unassigned sequence
// becomes one U+FFFD; records that it happened.
void ReplacementCallback(const void* context, UConverterToUnicodeArgs* args,
                         const char* /*codeUnits*/, int32_t /*length*/,
                         UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR && reason != UCNV_UNASSIGNED) return;
  *static_cast<bool*>(const_cast<void*>(context)) = true;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement[] = {0xFFFD};
  ucnv_cbToUWriteUChars(args, kReplacement, 1, 0, err);
}

// Decodes `bytes` with ICU converter `name`; false if ICU has no such converter.
bool DecodeWith(std::string_view name, std::string_view bytes, Decoded* out) {
  UErrorCode status = U_ZERO_ERROR;
  std::string cname(name);
  ConverterPtr source(ucnv_open(cname.c_str(), &status));
  if (U_FAILURE(status) || !source) return false;
  status = U_ZERO_ERROR;
  ConverterPtr target(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status) || !target) return false;
  bool had_invalid = false;
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(source.get(), ReplacementCallback, &had_invalid, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;

  std::string result;
  result.resize(bytes.size() * 2 + 16);
  UChar pivot[1024];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* src = bytes.data();
  const char* src_limit = bytes.data() + bytes.size();
  std::size_t written = 0;
  bool reset = true;
  while (true) {
    char* dst = result.data() + written;
    char* dst_begin = dst;
    status = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &dst, result.data() + result.size(), &src,
                   src_limit, pivot, &pivot_source, &pivot_target, pivot + 1024, reset,
                   /*flush=*/true, &status);
    reset = false;
    written += static_cast<std::size_t>(dst - dst_begin);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      result.resize(result.size() * 2);
      continue;
    }
    break;
  }
  if (U_FAILURE(status)) return false;
  result.resize(written);
  // A converter may still emit something odd (e.g. unpaired surrogates from
  // UTF-16 input): make the promise of valid UTF-8 unconditional.
  if (!IsValidUtf8(result)) result = SanitizeUtf8(result, &had_invalid);
  out->utf8 = std::move(result);
  out->charset = std::string(name);
  out->had_invalid = had_invalid;
  return true;
}

Decoded DecodeUtf8(std::string_view bytes) {
  Decoded d;
  d.utf8 = SanitizeUtf8(bytes, &d.had_invalid);
  d.charset = std::string(kUtf8);
  return d;
}

// ICU's guess, when it is confident enough; "" otherwise.
std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  DetectorPtr det(ucsdet_open(&status));
  if (U_FAILURE(status)) return {};
  std::string_view sample = bytes.substr(0, std::min(bytes.size(), kDetectBytes));
  ucsdet_enableInputFilter(det.get(), true);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || !match) return {};
  int32_t confidence = ucsdet_getConfidence(match, &status);
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || !name || confidence < 20) return {};
  std::string_view mapped = internal::IcuNameForLabel(name);
  return std::string(mapped.empty() ? std::string_view(name) : mapped);
}

}  // namespace

namespace internal {

std::string_view IcuNameForLabel(std::string_view label) {
  label = TrimLabel(label);
  if (label.empty() || label.size() > 40) return {};
  char lower[41];
  for (std::size_t i = 0; i < label.size(); ++i) lower[i] = AsciiLower(label[i]);
  std::string_view key(lower, label.size());
  for (const LabelEntry& e : kLabels) {
    if (e.label == key) return e.icu_name;
  }
  return {};
}

std::string_view CharsetFromContentType(std::string_view content_type) {
  return TrimLabel(CharsetParam(content_type));
}

std::string_view MetaCharset(std::string_view html) { return SniffMetaCharset(html); }

}  // namespace internal

Decoded DecodeToUtf8(std::string_view bytes, std::string_view content_type, bool sniff_html) {
  // 1. A byte order mark wins over every label.
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF)
    return DecodeUtf8(bytes.substr(3));
  if (bytes.size() >= 2) {
    unsigned char b0 = static_cast<unsigned char>(bytes[0]);
    unsigned char b1 = static_cast<unsigned char>(bytes[1]);
    Decoded d;
    if (b0 == 0xFF && b1 == 0xFE && DecodeWith("UTF-16LE", bytes.substr(2), &d)) return d;
    if (b0 == 0xFE && b1 == 0xFF && DecodeWith("UTF-16BE", bytes.substr(2), &d)) return d;
  }
  // 2. The transport's word, 3. the document's own declaration.
  std::string_view label = internal::IcuNameForLabel(internal::CharsetFromContentType(content_type));
  if (label.empty() && sniff_html) {
    label = internal::IcuNameForLabel(SniffMetaCharset(bytes));
    // A document cannot declare itself UTF-16 from inside (WHATWG): the
    // declaration was read as ASCII, so the bytes are not UTF-16.
    if (label == "UTF-16LE" || label == "UTF-16BE") label = kUtf8;
  }
  if (!label.empty()) {
    if (label == kUtf8) return DecodeUtf8(bytes);
    Decoded d;
    if (DecodeWith(label, bytes, &d)) return d;
  }
  // 4. No usable label: pure ASCII and valid UTF-8 are near-certain answers;
  // then ICU's detector; then the web's default.
  if (IsAscii(bytes) || IsValidUtf8(bytes)) return DecodeUtf8(bytes);
  std::string detected = DetectCharset(bytes);
  if (!detected.empty() && detected != kUtf8) {
    Decoded d;
    if (DecodeWith(detected, bytes, &d)) return d;
  }
  Decoded d;
  if (DecodeWith(kWindows1252, bytes, &d)) return d;
  return DecodeUtf8(bytes);
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid; for an
// invalid one, *bad_len is the length of its maximal subpart (>= 1), so that
// each maximal subpart becomes one U+FFFD as the Encoding Standard requires.
std::size_t ValidSequence(const unsigned char* s, std::size_t n, std::size_t i,
                          std::size_t* bad_len) {
  unsigned char c = s[i];
  *bad_len = 1;
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= n) {
      *bad_len = k;
      return 0;
    }
    unsigned char b = s[i + k];
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (b < l || b > h) {
      *bad_len = k;
      return 0;
    }
  }
  return need + 1;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  std::size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t bad;
    std::size_t len = ValidSequence(s, n, i, &bad);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view bytes, bool* had_invalid) {
  if (had_invalid) *had_invalid = false;
  if (IsValidUtf8(bytes)) return std::string(bytes);
  if (had_invalid) *had_invalid = true;
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  std::string out;
  out.reserve(n + 16);
  std::size_t i = 0;
  while (i < n) {
    std::size_t bad;
    std::size_t len = ValidSequence(s, n, i, &bad);
    if (len == 0) {
      out.append("\xEF\xBF\xBD");
      i += bad;
    } else {
      out.append(bytes.data() + i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace newsfacts
