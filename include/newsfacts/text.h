// newsfacts/text.h — Unicode normalisation and sentence boundaries (ICU).
//
//   NormalizedText n = NormalizeText("Ａｌｉｂａｂａ　１２３％ — “ok”");
//   n.text                 "Alibaba 123% - \"ok\""
//   n.ToOriginalBegin(8)   byte offset in the input where "123%" starts
//
// NormalizeText applies NFKC (full-width digits, letters and punctuation
// become ASCII; ligatures and compatibility forms are folded), then maps every
// dash (U+2010..U+2015, U+2212, U+FE58, U+FE63) to '-', curly quotes to ASCII
// quotes, every horizontal space (NBSP, narrow NBSP, thin space, ideographic
// space, tab) to ' ' with runs collapsed to one, removes invisible format
// characters (ZWSP, ZWNJ, ZWJ, BOM, soft hyphen, word joiner) and turns "\r\n"
// and "\r" into "\n". Newlines are kept: they carry paragraph structure.
//
// Every byte of the normalised text maps back to a byte offset of the input,
// so figures found in `text` can be reported at their place in the original.
//
// SplitSentences uses ICU's sentence BreakIterator for the language (with
// abbreviation suppressions, so "U.S. sanctions" stays one sentence) and also
// splits run-together sentences that lost their space ("others.TikTok parent",
// "clients.”Alibaba") while keeping domains ("News.Az") and decimals intact.
// Sentences never cross a blank line (paragraph break).
//
// Input must be valid UTF-8 (see SanitizeUtf8 in charset.h).
// Thread-safety: reentrant; ICU objects are cached per thread.
#ifndef NEWSFACTS_TEXT_H_
#define NEWSFACTS_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts {

struct NormalizedText {
  std::string text;  // normalised UTF-8
  // offsets[i] = byte offset in the original of the character that produced
  // normalised byte i; offsets[text.size()] = original size.
  std::vector<std::uint32_t> offsets;

  // Original offset for a span that starts at normalised byte `pos`.
  std::size_t ToOriginalBegin(std::size_t pos) const;
  // Original offset for a span that ends (exclusive) at normalised byte `pos`:
  // rounds up to the end of the original character.
  std::size_t ToOriginalEnd(std::size_t pos) const;
};

NormalizedText NormalizeText(std::string_view utf8);

// True when NormalizeText would return `utf8` unchanged with every offset its
// own (NFKC already, no CR, tab, space run, special space, dash, curly quote
// or invisible character): callers may skip it.
bool IsNormalized(std::string_view utf8);

// Byte range [begin, end) into the text that was split.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Sentences of `utf8`, in order, with surrounding whitespace trimmed.
// `lang` is an ISO 639-1 code or "" (language-neutral rules).
std::vector<TextSpan> SplitSentences(std::string_view utf8, std::string_view lang);

// A text normalised and split into sentences once, for every stage that
// reads it (figures, facts, attributions): both steps cost as much as some
// of those stages, and each would otherwise repeat them.
struct PreparedText {
  std::string lang;                 // the language the sentences were split for
  NormalizedText norm;              // NormalizeText(text)
  std::vector<TextSpan> sentences;  // SplitSentences(norm.text, lang)
};
PreparedText PrepareText(std::string_view utf8, std::string_view lang);

}  // namespace newsfacts

#endif  // NEWSFACTS_TEXT_H_
