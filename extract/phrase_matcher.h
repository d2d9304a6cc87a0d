// extract/phrase_matcher.h — find many lexicon phrases in text in one pass.
//
// All phrases are compiled into one RE2 alternation (leftmost-longest), so
// the cost per byte does not grow with the size of the lexicon. Case rule:
// a phrase written all in lower case matches in any case; a phrase with an
// upper-case letter matches as written except for the case of its first
// letter ("Sales" matches "sales" too, "AI revenue" does not match "ai
// revenue"). Phrases that start (end) with a letter or digit of a spaced
// script (Latin, Cyrillic, Greek...) only match at a word start (end); CJK
// phrases match anywhere. A '*' at the end of a word lets that word run on
// ("облач*" matches "облачного", "денежн* резерв*" matches "денежными
// резервами").
//
// Thread-safety: immutable after Compile(); FindAll is reentrant.
#ifndef NEWSFACTS_EXTRACT_PHRASE_MATCHER_H_
#define NEWSFACTS_EXTRACT_PHRASE_MATCHER_H_

#include <re2/re2.h>

#include <atomic>
#include <bitset>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsfacts/status.h"

namespace newsfacts::extract {

// How strictly the end of a word is enforced after a match.
enum class WordEnd {
  kStrict,      // next character must not be a letter or digit
  kInflected,   // also accept 's / ’s / -s (genitive), up to 3 Cyrillic
                // case-ending letters, and CamelCase glue ("ByteDanceTikTok")
};

class PhraseMatcher {
 public:
  struct Match {
    std::size_t begin = 0;
    std::size_t end = 0;
    // Payloads of every lexicon row with this phrase (a phrase may be listed
    // under several kinds).
    const std::vector<int>* payloads = nullptr;
  };

  explicit PhraseMatcher(WordEnd word_end = WordEnd::kStrict) : word_end_(word_end) {}

  // Adds a phrase carrying `payload`, from a lexicon row for language `lang`
  // ("*": any language). Empty phrases are ignored. The phrase is normalised
  // as text is (NormalizeText: NFKC, dashes, spaces), so "1～6月期" matches.
  void Add(std::string_view phrase, int payload, std::string_view lang = "*");
  // Builds the automaton. Fails if RE2 rejects the combined pattern.
  Status Compile();
  bool empty() const { return keys_.empty(); }

  // Non-overlapping matches in [begin, end) of `text`, left to right.
  void FindAll(std::string_view text, std::size_t begin, std::size_t end,
               std::vector<Match>* out) const;
  // The same among the phrases of rows for `lang` and for "*" only (all rows
  // when `lang` is empty). Their payloads are the rows for `lang` and "*".
  // The automaton for a language is built on its first use: smaller, it
  // reads text faster, and a phrase of another language can no longer hide
  // one of this language where they overlap.
  void FindAll(std::string_view text, std::size_t begin, std::size_t end, std::string_view lang,
               std::vector<Match>* out) const;

 private:
  struct Key {
    std::string phrase;      // as written (a trailing '*' included)
    bool case_sensitive = false;
    bool prefix = false;     // ends with a wildcard word: no word-end check
    bool wild = false;       // has a wildcard word ('*')
    std::vector<int> payloads;
    std::vector<std::string> langs;  // of each payload's row
  };
  // Matchers for one language each, built on first use.
  struct LangMatchers {
    std::vector<std::string> langs;  // sorted; slot langs.size() is "any other"
    std::unique_ptr<std::atomic<const PhraseMatcher*>[]> ready;
    std::mutex mu;  // guards building and `owned`
    std::vector<std::unique_ptr<PhraseMatcher>> owned;
  };
  const PhraseMatcher& ForLang(std::string_view lang) const;
  const Key* Lookup(std::string_view matched) const;
  bool BoundaryOk(std::string_view text, std::size_t b, std::size_t e, const Key& key) const;

  WordEnd word_end_;
  std::vector<Key> keys_;
  struct Hash {
    using is_transparent = void;  // find() with a string_view, no copy
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::size_t>, Hash, std::equal_to<>> by_folded_;  // folded phrase -> keys
  // First bytes of every folded phrase: a match that starts with any other
  // ASCII byte (the character before a word-initial phrase) names no key.
  std::bitset<256> first_bytes_;
  std::vector<std::size_t> wild_keys_;
  std::vector<std::unique_ptr<RE2>> wild_res_;  // one per wild key, same order
  std::vector<std::string> wild_prefixes_;      // folded text before the first '*', same order
  std::unique_ptr<RE2> re_;
  std::unique_ptr<LangMatchers> by_lang_;  // null in a matcher for one language
  bool one_language_ = false;               // built by ForLang: no sub-matchers of its own
};

// Case-folds UTF-8 text (ICU default folding), code point by code point.
std::string FoldCase(std::string_view utf8);
// The same into *out (replacing its contents), reusing its buffer.
void FoldCaseInto(std::string_view utf8, std::string* out);

// True for letters and digits of scripts written with spaces between words.
bool IsSpacedWordChar(int32_t c);

}  // namespace newsfacts::extract

#endif  // NEWSFACTS_EXTRACT_PHRASE_MATCHER_H_
