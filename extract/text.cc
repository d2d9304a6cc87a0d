// Unicode normalisation with an offset map, and sentence segmentation.
#include "newsfacts/text.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <map>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "newsfacts/lexicon.h"
#include "text_internal.h"

namespace newsfacts {

// ---------------------------------------------------------------- normalise

namespace {

// NFKC of `src` into `out`, with out_map[i] = offset in src of the character
// that produced out byte i (size out.size() + 1).
void Nfkc(std::string_view src, std::string* out, std::vector<std::uint32_t>* out_map) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::StringPiece piece(src.data(), static_cast<int32_t>(src.size()));
  if (U_SUCCESS(status) && nfkc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
    // Already NFKC (most text, CJK included): no copy through Edits.
    out->assign(src);
    out_map->resize(src.size() + 1);
    for (std::size_t i = 0; i <= src.size(); ++i) (*out_map)[i] = static_cast<std::uint32_t>(i);
    return;
  }
  status = U_ZERO_ERROR;
  icu::Edits edits;
  out->clear();
  out->reserve(src.size() + 16);
  icu::StringByteSink<std::string> sink(out);
  if (U_SUCCESS(status)) {
    nfkc->normalizeUTF8(0, piece, sink, &edits, status);
  }
  if (U_FAILURE(status)) {  // cannot happen on valid UTF-8; keep the text as is
    out->assign(src);
    out_map->resize(src.size() + 1);
    for (std::size_t i = 0; i <= src.size(); ++i) (*out_map)[i] = static_cast<std::uint32_t>(i);
    return;
  }
  out_map->assign(out->size() + 1, 0);
  std::vector<std::pair<std::size_t, std::uint32_t>> spaces;  // (out position, origin)
  auto is_digit = [&](std::size_t i) { return i < out->size() && (*out)[i] >= '0' && (*out)[i] <= '9'; };
  icu::Edits::Iterator it = edits.getFineIterator();
  UErrorCode iter_status = U_ZERO_ERROR;
  while (it.next(iter_status)) {
    const auto dst = static_cast<std::size_t>(it.destinationIndex());
    const auto srci = static_cast<std::uint32_t>(it.sourceIndex());
    if (!it.hasChange()) {
      for (int32_t k = 0; k < it.oldLength(); ++k) (*out_map)[dst + k] = srci + k;
    } else {
      const auto len = static_cast<std::size_t>(it.newLength());
      for (std::size_t k = 0; k < len; ++k) (*out_map)[dst + k] = srci;
      // A vulgar fraction ("½" -> "1⁄2") is a number of its own: NFKC must
      // not run it into the digits around it ("1½" is 1 1/2, not 11/2).
      if (is_digit(dst) && std::string_view(*out).substr(dst, len).find("\u2044") != std::string_view::npos) {
        if (dst > 0 && is_digit(dst - 1)) spaces.emplace_back(dst, srci);
        if (is_digit(dst + len)) spaces.emplace_back(dst + len, srci);
      }
    }
  }
  (*out_map)[out->size()] = static_cast<std::uint32_t>(src.size());
  if (spaces.empty()) return;
  std::string spaced;
  std::vector<std::uint32_t> spaced_map;
  spaced.reserve(out->size() + spaces.size());
  spaced_map.reserve(out_map->size() + spaces.size());
  std::size_t from = 0;
  for (const auto& [pos, origin] : spaces) {
    spaced.append(*out, from, pos - from);
    spaced_map.insert(spaced_map.end(), out_map->begin() + static_cast<std::ptrdiff_t>(from),
                      out_map->begin() + static_cast<std::ptrdiff_t>(pos));
    spaced.push_back(' ');
    spaced_map.push_back(origin);
    from = pos;
  }
  spaced.append(*out, from, std::string::npos);
  spaced_map.insert(spaced_map.end(), out_map->begin() + static_cast<std::ptrdiff_t>(from), out_map->end());
  *out = std::move(spaced);
  *out_map = std::move(spaced_map);
}

bool IsHorizontalSpace(UChar32 c) {
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return true;
  if (c == 0x85) return false;
  return u_charType(c) == U_SPACE_SEPARATOR;
}

bool IsDash(UChar32 c) {
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 || c == 0xFE63 ||
         c == 0x2E3A || c == 0x2E3B;
}

bool IsInvisible(UChar32 c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF || c == 0x00AD ||
         c == 0x2060 || c == 0x180E;
}

// The replacement of one code point, or nullptr to keep it.
const char* MapChar(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return "\"";
    default: return nullptr;
  }
}

}  // namespace

namespace {

// Whether the ASCII bytes of `s` hold none of '\t' '\v' '\f' '\r' and no two
// spaces in a row: eight bytes at a time (SWAR) on little-endian machines,
// until the first non-ASCII byte, whose offset goes to *stop (s.size() when
// there is none).
bool AsciiNormal(std::string_view s, std::size_t* stop) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  // High bit of each byte of w that equals `b` (exact, no carries between bytes).
  auto equal = [&](std::uint64_t w, unsigned char b) {
    std::uint64_t x = w ^ (kOnes * b);
    return ~(((x & kLow7) + kLow7) | x | kLow7);
  };
  std::size_t i = 0;
  bool prev_space = false;
  for (; std::endian::native == std::endian::little && i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & kHigh) break;
    if (equal(w, '\t') | equal(w, '\v') | equal(w, '\f') | equal(w, '\r')) return false;
    std::uint64_t spaces = equal(w, ' ');
    if ((spaces & (spaces >> 8)) != 0 || (prev_space && (spaces & 0x80))) return false;
    prev_space = (spaces >> 63) != 0;  // little-endian: byte 7 is the last
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80) break;
    if (c == '\r' || c == '\t' || c == '\f' || c == '\v') return false;
    if (c == ' ' && prev_space) return false;
    prev_space = c == ' ';
  }
  *stop = i;
  return true;
}

}  // namespace

bool IsNormalized(std::string_view s) {
  std::size_t ascii_end = 0;
  if (!AsciiNormal(s, &ascii_end)) return false;
  if (ascii_end == s.size()) return true;
  // Nothing NormalizeText's second pass would touch...
  char prev = ascii_end > 0 ? s[ascii_end - 1] : 0;
  const auto n = static_cast<int32_t>(s.size());
  for (auto i = static_cast<int32_t>(ascii_end); i < n;) {
    const char c = s[static_cast<std::size_t>(i)];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (c == '\r' || c == '\t' || c == '\f' || c == '\v') return false;
      if (c == ' ' && prev == ' ') return false;
      prev = c;
      ++i;
      continue;
    }
    UChar32 cp;
    U8_NEXT(s.data(), i, n, cp);
    if (cp < 0) return false;
    // The characters the second pass maps all lie in these ranges (space
    // separators: U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000).
    bool maybe_special = cp <= 0xAD || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x2060) ||
                         cp == 0x2212 || cp == 0x2E3A || cp == 0x2E3B || cp == 0x3000 ||
                         (cp >= 0xFE58 && cp <= 0xFEFF);
    if (maybe_special && (cp == 0x2028 || cp == 0x2029 || cp == 0x85 || IsHorizontalSpace(cp) || IsInvisible(cp) ||
                          IsDash(cp) || MapChar(cp) != nullptr)) {
      return false;
    }
    prev = 0;
  }
  // ...and already NFKC (there is a non-ASCII character from ascii_end on).
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return false;
  bool normal = nfkc->isNormalizedUTF8(icu::StringPiece(s.data(), n), status);
  return U_SUCCESS(status) && normal;
}

std::size_t NormalizedText::ToOriginalBegin(std::size_t pos) const {
  if (offsets.empty()) return pos;
  pos = std::min(pos, offsets.size() - 1);
  return offsets[pos];
}

std::size_t NormalizedText::ToOriginalEnd(std::size_t pos) const {
  if (offsets.empty()) return pos;
  pos = std::min(pos, offsets.size() - 1);
  if (pos == 0 || pos + 1 == offsets.size()) return offsets[pos];
  // Inside a multi-byte replacement every byte maps to the same source
  // offset: move to the first byte of the next source character.
  if (offsets[pos] != offsets[pos - 1]) return offsets[pos];
  std::size_t k = pos;
  while (k + 1 < offsets.size() && offsets[k] == offsets[pos]) ++k;
  return offsets[k];
}

NormalizedText NormalizeText(std::string_view src) {
  if (IsNormalized(src)) {
    NormalizedText result;
    result.text.assign(src);
    result.offsets.resize(src.size() + 1);
    for (std::size_t i = 0; i <= src.size(); ++i) result.offsets[i] = static_cast<std::uint32_t>(i);
    return result;
  }
  return text_internal::NormalizeTextFull(src);
}

namespace text_internal {

NormalizedText NormalizeTextFull(std::string_view src) {
  NormalizedText result;
  std::string nfkc;
  std::vector<std::uint32_t> nfkc_map;
  Nfkc(src, &nfkc, &nfkc_map);

  std::string& out = result.text;
  std::vector<std::uint32_t>& map = result.offsets;
  out.reserve(nfkc.size());
  map.reserve(nfkc.size() + 1);
  auto emit = [&](std::string_view bytes, std::uint32_t origin) {
    out.append(bytes);
    for (std::size_t k = 0; k < bytes.size(); ++k) map.push_back(origin);
  };
  const auto n = static_cast<int32_t>(nfkc.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    // Printable ASCII other than a space passes through as it is, a run at
    // a time; a space is kept unless one was just written.
    if (auto b = static_cast<unsigned char>(nfkc[static_cast<std::size_t>(i)]); b > ' ' && b < 0x7F) {
      int32_t j = i + 1;
      while (j < n && static_cast<unsigned char>(nfkc[static_cast<std::size_t>(j)]) > ' ' &&
             static_cast<unsigned char>(nfkc[static_cast<std::size_t>(j)]) < 0x7F) {
        ++j;
      }
      out.append(nfkc, static_cast<std::size_t>(i), static_cast<std::size_t>(j - i));
      map.insert(map.end(), nfkc_map.begin() + i, nfkc_map.begin() + j);
      i = j;
      continue;
    } else if (b == ' ') {
      ++i;
      if (!out.empty() && out.back() == ' ') continue;  // collapse runs
      out.push_back(' ');
      map.push_back(nfkc_map[static_cast<std::size_t>(start)]);
      continue;
    }
    UChar32 c;
    U8_NEXT(nfkc.data(), i, n, c);
    const std::uint32_t origin = nfkc_map[start];
    if (c < 0) {  // invalid byte (input not sanitised): keep U+FFFD
      emit("\xEF\xBF\xBD", origin);
      continue;
    }
    if (c == '\r') {
      if (i < n && nfkc[i] == '\n') continue;  // "\r\n" -> the '\n' that follows
      emit("\n", origin);
      continue;
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) {
      emit("\n", origin);
      continue;
    }
    if (IsHorizontalSpace(c)) {
      if (!out.empty() && out.back() == ' ') continue;  // collapse runs
      emit(" ", origin);
      continue;
    }
    if (IsInvisible(c)) continue;
    if (IsDash(c)) {
      emit("-", origin);
      continue;
    }
    if (const char* repl = MapChar(c)) {
      emit(repl, origin);
      continue;
    }
    emit(std::string_view(nfkc.data() + start, static_cast<std::size_t>(i - start)), origin);
  }
  map.push_back(static_cast<std::uint32_t>(src.size()));
  return result;
}

}  // namespace text_internal

// ---------------------------------------------------------------- sentences
namespace {

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

// One sentence BreakIterator per language and thread (creating one costs far
// more than using it).
icu::BreakIterator* SentenceIterator(std::string_view lang) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  std::string key(lang);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second.get();
  UErrorCode status = U_ZERO_ERROR;
  // ICU's own abbreviation suppressions ("@ss=standard") are not used: the
  // German list suppresses any word ending in "jahr." ("im Vorjahr. Alibaba"
  // stays one sentence). abbreviations.tsv is applied instead (see below).
  std::string locale_id = lang.empty() ? std::string("en") : key;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale(locale_id.c_str()), status));
  if (U_FAILURE(status)) {
    status = U_ZERO_ERROR;
    bi.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) bi.reset();
  }
  return cache.emplace(key, std::move(bi)).first->second.get();
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

UChar32 CharAt(std::string_view s, std::size_t pos, std::size_t* next) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  *next = static_cast<std::size_t>(i);
  return c;
}

UChar32 CharBefore(std::string_view s, std::size_t pos, std::size_t* prev) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  *prev = static_cast<std::size_t>(i);
  return c;
}

bool IsClosingQuote(UChar32 c) { return c == '"' || c == 0x201D || c == 0x2019 || c == '\''; }
bool IsOpeningQuote(UChar32 c) { return c == '"' || c == 0x201C || c == 0x2018 || c == 0x201E; }

// Top-level domains that follow a dot in names like "News.Az" or "Fakti.bg".
bool LooksLikeDomainSuffix(std::string_view word) {
  static const char* kTlds[] = {"az", "bg", "com", "net", "org", "de", "cn", "ru", "uk", "io",
                                "ai", "fr", "es", "jp", "hk", "tw", "us", "eu", "info", "biz",
                                "co", "in", "it", "kz", "ua", "by", "am", "ge", "pl", "cz"};
  std::string lower;
  for (char c : word) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (const char* t : kTlds) {
    if (lower == t) return true;
  }
  return false;
}

// Offsets inside [begin, end) where a sentence ended without a following
// space: "others.TikTok", "clients.”Alibaba", "matter.“We". A split needs a
// lower-case letter (or digit, ')' or '%') before the terminator and an
// upper-case letter (possibly after an opening quote) after it; "U.S.Steel"
// and domains such as "News.Az" are left alone.
// A boundary right after the dot of a ticker with an exchange suffix:
// "(9988.HK)", "688256.SS" — at least three digits, a dot, then one to
// three capital letters that end the word.
bool IsTickerDot(std::string_view s, std::size_t boundary) {
  std::size_t dot = boundary;
  while (dot > 0 && s[dot - 1] == ' ') --dot;  // ICU puts the boundary after spaces
  if (dot == 0 || s[dot - 1] != '.' || dot != boundary) return false;
  std::size_t digits = 0;
  for (std::size_t d = dot - 1; d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9'; --d) ++digits;
  std::size_t w = boundary;
  while (w < s.size() && s[w] >= 'A' && s[w] <= 'Z') ++w;
  const std::size_t caps = w - boundary;
  const bool word_ends = w >= s.size() || !((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z'));
  return digits >= 3 && caps >= 1 && caps <= 3 && word_ends;
}

void RunTogetherSplits(std::string_view s, std::size_t begin, std::size_t end,
                       std::vector<std::size_t>* cuts) {
  for (std::size_t p = begin; p < end; ++p) {
    char ch = s[p];
    if (ch != '.' && ch != '!' && ch != '?') continue;
    if (p == begin) continue;
    std::size_t prev_pos;
    UChar32 before = CharBefore(s, p, &prev_pos);
    if (!(u_islower(before) || u_isdigit(before) || before == ')' || before == '%')) continue;
    // Optional closing quote right after the terminator.
    std::size_t q = p + 1;
    std::size_t after_pos;
    if (q >= end) continue;
    UChar32 next = CharAt(s, q, &after_pos);
    std::size_t cut = q;
    if (IsClosingQuote(next) && next != '"' && next != '\'') {
      cut = after_pos;
      if (cut >= end) continue;
      next = CharAt(s, cut, &after_pos);
    }
    std::size_t letter_pos = cut;
    if (IsOpeningQuote(next)) {
      letter_pos = after_pos;
      if (letter_pos >= end) continue;
      next = CharAt(s, letter_pos, &after_pos);
    }
    if (!u_isupper(next)) continue;
    // Ticker guard: "(9988.HK)", "688256.SS" — digits, a dot, a short
    // all-capital exchange suffix, then no letter.
    if (ch == '.' && cut == q && letter_pos == q && u_isdigit(before)) {
      std::size_t digits = 0;
      for (std::size_t d = p; d > begin && s[d - 1] >= '0' && s[d - 1] <= '9'; --d) ++digits;
      std::size_t w_end = letter_pos;
      while (w_end < end && s[w_end] >= 'A' && s[w_end] <= 'Z') ++w_end;
      const std::size_t caps = w_end - letter_pos;
      const bool word_ends = w_end >= end || !u_isalpha(static_cast<unsigned char>(s[w_end]));
      if (digits >= 3 && caps >= 1 && caps <= 3 && word_ends) continue;
    }
    // Domain guard: "News.Az reports" — a capitalised word, a dot, a short
    // TLD-like word, then a non-letter.
    if (ch == '.' && cut == q && letter_pos == q) {
      std::size_t w_end = letter_pos;
      while (w_end < end && ((s[w_end] >= 'a' && s[w_end] <= 'z') || (s[w_end] >= 'A' && s[w_end] <= 'Z'))) {
        ++w_end;
      }
      std::size_t w_begin = p;
      while (w_begin > begin && ((s[w_begin - 1] >= 'a' && s[w_begin - 1] <= 'z') ||
                                 (s[w_begin - 1] >= 'A' && s[w_begin - 1] <= 'Z'))) {
        --w_begin;
      }
      bool left_capitalised = w_begin < p && s[w_begin] >= 'A' && s[w_begin] <= 'Z';
      bool right_ends = w_end >= end || !u_isalpha(static_cast<unsigned char>(s[w_end]));
      if (left_capitalised && right_ends &&
          LooksLikeDomainSuffix(s.substr(letter_pos, w_end - letter_pos))) {
        continue;
      }
    }
    cuts->push_back(cut);
  }
}

// Abbreviations per language from abbreviations.tsv ("*" rows under "").
const std::map<std::string, std::set<std::string>>& Abbreviations() {
  static const std::map<std::string, std::set<std::string>>* table = [] {
    auto* t = new std::map<std::string, std::set<std::string>>();
    ForEachTsvRow(LoadLexicon("abbreviations.tsv"),
                  [&](const std::vector<std::string_view>& cols, int) {
                    if (cols.size() < 2) return;
                    std::string lang = cols[0] == "*" ? "" : std::string(cols[0]);
                    std::string_view rest = cols[1];
                    while (!rest.empty()) {
                      auto bar = rest.find('|');
                      std::string_view a = rest.substr(0, bar);
                      if (!a.empty()) (*t)[lang].insert(std::string(a));
                      if (bar == std::string_view::npos) break;
                      rest.remove_prefix(bar + 1);
                    }
                  });
    return t;
  }();
  return *table;
}

// True when the word right before `pos` (ignoring spaces) is an abbreviation
// or an initial, so a sentence boundary at `pos` is spurious.
bool EndsWithAbbreviation(std::string_view s, std::size_t begin, std::size_t pos,
                          std::string_view lang) {
  std::size_t e = pos;
  while (e > begin && IsSpaceByte(s[e - 1])) --e;
  if (e == begin || s[e - 1] != '.') return false;
  if (e < pos && s[e] != ' ') return false;  // a line break ends the sentence
  std::size_t b = e;
  while (b > begin && !IsSpaceByte(s[b - 1]) && s[b - 1] != '(' && s[b - 1] != '"') --b;
  std::string word(s.substr(b, e - b));
  if (word.size() == 2 && word[0] >= 'A' && word[0] <= 'Z') return true;  // "J."
  const auto& table = Abbreviations();
  auto has = [&](const std::string& key, const std::string& w) {
    auto it = table.find(key);
    return it != table.end() && it->second.count(w) > 0;
  };
  std::string lower = word;
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] + 32);
  std::string l(lang);
  return has("", word) || has(l, word) || has("", lower) || has(l, lower);
}

void AddTrimmed(std::string_view s, std::size_t b, std::size_t e, std::vector<TextSpan>* out) {
  while (b < e && IsSpaceByte(s[b])) ++b;
  while (e > b && IsSpaceByte(s[e - 1])) --e;
  if (b < e) out->push_back({b, e});
}

}  // namespace

std::vector<TextSpan> SplitSentences(std::string_view s, std::string_view lang) {
  std::vector<TextSpan> out;
  if (s.empty()) return out;
  std::vector<std::size_t> bounds;  // ICU boundaries, including 0 and s.size()
  icu::BreakIterator* bi = SentenceIterator(lang.substr(0, std::min<std::size_t>(lang.size(), 8)));
  UErrorCode status = U_ZERO_ERROR;
  UTextPtr ut(utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status));
  if (bi != nullptr && U_SUCCESS(status)) {
    bi->setText(ut.get(), status);
  }
  if (bi != nullptr && U_SUCCESS(status)) {
    for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next()) {
      bounds.push_back(static_cast<std::size_t>(p));
    }
    // Detach the iterator from our UText before it is closed.
    UErrorCode ignored = U_ZERO_ERROR;
    UTextPtr empty(utext_openUTF8(nullptr, "", 0, &ignored));
    bi->setText(empty.get(), ignored);
  }
  // ICU counts every quotation mark as closing punctuation, so in
  // "spending.“We" it breaks after the opening quote: move such a boundary
  // back in front of the opening quote(s).
  for (std::size_t& b : bounds) {
    while (b > 0 && b < s.size()) {
      std::size_t prev;
      UChar32 c = CharBefore(s, b, &prev);
      if (c != 0x201C && c != 0x2018 && c != 0x201E) break;
      b = prev;
    }
  }
  if (bounds.empty() || bounds.front() != 0) bounds.insert(bounds.begin(), 0);
  if (bounds.back() != s.size()) bounds.push_back(s.size());
  // Drop boundaries that follow an abbreviation ("Mrd. Euro", "Dr. Müller").
  {
    std::vector<std::size_t> kept;
    kept.reserve(bounds.size());
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      const bool inner = i != 0 && i + 1 != bounds.size();
      if (inner && EndsWithAbbreviation(s, kept.back(), bounds[i], lang)) continue;
      if (inner && IsTickerDot(s, bounds[i])) continue;
      kept.push_back(bounds[i]);
    }
    bounds.swap(kept);
  }

  std::vector<std::size_t> cuts;
  for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
    std::size_t b = bounds[k], e = bounds[k + 1];
    cuts.clear();
    RunTogetherSplits(s, b, e, &cuts);
    std::size_t cur = b;
    for (std::size_t c : cuts) {
      AddTrimmed(s, cur, c, &out);
      cur = c;
    }
    AddTrimmed(s, cur, e, &out);
  }
  return out;
}

PreparedText PrepareText(std::string_view utf8, std::string_view lang) {
  PreparedText t;
  t.lang = std::string(lang);
  t.norm = NormalizeText(utf8);
  t.sentences = SplitSentences(t.norm.text, t.lang);
  return t;
}

}  // namespace newsfacts
