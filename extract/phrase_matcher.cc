#include "phrase_matcher.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "newsfacts/text.h"

namespace newsfacts::extract {
namespace {

UChar32 DecodeAt(std::string_view s, std::size_t pos, std::size_t* next) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  if (next != nullptr) *next = static_cast<std::size_t>(i);
  return c;
}

UChar32 DecodeBefore(std::string_view s, std::size_t pos, std::size_t* prev) {
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  if (prev != nullptr) *prev = static_cast<std::size_t>(i);
  return c;
}

bool IsCyrillic(UChar32 c) {
  UErrorCode st = U_ZERO_ERROR;
  return uscript_getScript(c, &st) == USCRIPT_CYRILLIC;
}

bool HasUpper(std::string_view s) {
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && u_isupper(c)) return true;
  }
  return false;
}

// Matches the character before a word-initial phrase (or the text start),
// so RE2 does not stop at "it" inside "with" only for the match to be
// rejected. The Unicode classes compile to large UTF-8 automata, so the
// combined pattern states this prefix once, not once per phrase: per phrase
// it made programs of 700k instructions whose DFA ran out of memory and fell
// back to the NFA (quadratic on long pages).
constexpr const char* kWordStartPrefix =
    "(?:^|[^\\pL\\pN]|[\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}\\p{Thai}])";

// RE2 pattern for one phrase following the case rule. A '*' at the end of a
// word lets that word run on ("денежн* резерв*" matches "денежными резервами").
std::string PhrasePattern(std::string_view phrase, bool case_sensitive, bool word_start) {
  std::string out;
  // A phrase that starts with a letter of a spaced script must start a word:
  // the pattern takes the character before it (kWordStartPrefix).
  if (word_start) out += kWordStartPrefix;
  if (!case_sensitive) out += "(?i:";
  std::size_t first_end = 0;
  UChar32 first = DecodeAt(phrase, 0, &first_end);
  std::size_t rest = 0;
  if (case_sensitive && first >= 0 && u_isalpha(first)) {
    // First letter in either case.
    UChar32 lo = u_tolower(first), up = u_toupper(first);
    char buf[16];
    int32_t len = 0;
    out += "[";
    U8_APPEND_UNSAFE(buf, len, lo);
    out.append(buf, static_cast<std::size_t>(len));
    len = 0;
    U8_APPEND_UNSAFE(buf, len, up);
    out.append(buf, static_cast<std::size_t>(len));
    out += "]";
    rest = first_end;
  }
  std::size_t pos = rest;
  while (pos < phrase.size()) {
    std::size_t star = phrase.find('*', pos);
    if (star == std::string_view::npos) star = phrase.size();
    out += RE2::QuoteMeta(re2::StringPiece(phrase.data() + pos, star - pos));
    if (star < phrase.size()) out += "[\\pL\\pN]*";
    pos = star + 1;
  }
  if (!case_sensitive) out += ")";
  return out;
}

bool StartsWord(std::string_view phrase) {
  std::size_t next = 0;
  return IsSpacedWordChar(DecodeAt(phrase, 0, &next));
}

// A '*' that ends a word (before a space or at the end) is a wildcard.
bool HasWildcard(std::string_view phrase) {
  for (std::size_t i = 1; i < phrase.size(); ++i) {
    if (phrase[i] == '*' && (i + 1 == phrase.size() || phrase[i + 1] == ' ')) return true;
  }
  return false;
}

bool HasHan(std::string_view s) {
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    UErrorCode st = U_ZERO_ERROR;
    if (c >= 0x2E80 && uscript_getScript(c, &st) == USCRIPT_HAN) return true;
  }
  return false;
}

// The traditional-character spelling of a phrase written in simplified
// characters ("资本开支" -> "資本開支"), or "" when it is the same. ICU's
// Simplified-Traditional transform; built on first use (about 20 ms), and
// only for Chinese text.
std::string TraditionalVariant(std::string_view phrase) {
  if (!HasHan(phrase)) return "";
  static std::mutex mu;
  static std::unique_ptr<icu::Transliterator> hant;
  static bool tried = false;
  std::lock_guard<std::mutex> lock(mu);
  if (!tried) {
    tried = true;
    UErrorCode st = U_ZERO_ERROR;
    hant.reset(icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, st));
    if (U_FAILURE(st)) hant.reset();
  }
  if (!hant) return "";
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(phrase.data(), static_cast<int32_t>(phrase.size())));
  hant->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out == phrase ? "" : out;
}

}  // namespace

std::string FoldCase(std::string_view s) {
  std::string out;
  FoldCaseInto(s, &out);
  return out;
}

void FoldCaseInto(std::string_view s, std::string* out_ptr) {
  std::string& out = *out_ptr;
  out.clear();
  out.reserve(s.size());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    if (const auto b = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]); b < 0x80) {
      out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b));  // u_foldCase on ASCII
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) c = 0xFFFD;
    c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<std::size_t>(len));
  }
}

bool IsSpacedWordChar(int32_t c) {
  if (c < 0) return false;
  if (!u_isalnum(c)) return false;
  if (c < 0x80) return true;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return false;
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &st);
  return !(sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
           sc == USCRIPT_HANGUL || sc == USCRIPT_THAI);
}

void PhraseMatcher::Add(std::string_view phrase_in, int payload, std::string_view lang) {
  // Text is matched after NormalizeText (NFKC and the rest): so is the
  // phrase, or "1～6月期" would never meet the text's "1~6月期".
  std::string normalized;
  std::string_view phrase = phrase_in;
  if (!IsNormalized(phrase)) {
    normalized = NormalizeText(phrase).text;
    phrase = normalized;
  }
  while (!phrase.empty() && phrase.front() == ' ') phrase.remove_prefix(1);
  while (!phrase.empty() && phrase.back() == ' ') phrase.remove_suffix(1);
  if (phrase.empty() || phrase == "*") return;
  const bool wild = HasWildcard(phrase);
  const bool prefix = wild && phrase.back() == '*';
  bool case_sensitive = HasUpper(phrase);
  std::string folded = FoldCase(phrase);
  auto it = by_folded_.find(folded);
  if (it != by_folded_.end()) {
    for (std::size_t k : it->second) {
      Key& key = keys_[k];
      if (key.phrase == phrase) {
        if (std::find(key.payloads.begin(), key.payloads.end(), payload) == key.payloads.end()) {
          key.payloads.push_back(payload);
          key.langs.emplace_back(lang);
        }
        return;
      }
    }
  }
  Key key;
  key.phrase = std::string(phrase);
  key.case_sensitive = case_sensitive;
  key.prefix = prefix;
  key.wild = wild;
  key.payloads.push_back(payload);
  key.langs.emplace_back(lang);
  keys_.push_back(std::move(key));
  by_folded_[folded].push_back(keys_.size() - 1);
  if (wild) wild_keys_.push_back(keys_.size() - 1);
}

Status PhraseMatcher::Compile() {
  if (keys_.empty()) return Status::Ok();
  // "Plus" (de, case-sensitive) and "plus" (en, any case) are two keys; text
  // matching the first matches the second too, so it gets both payloads.
  for (auto& [folded, group] : by_folded_) {
    for (std::size_t k : group) {
      if (keys_[k].wild || !keys_[k].case_sensitive) continue;
      for (std::size_t other : group) {
        if (keys_[other].wild || keys_[other].case_sensitive) continue;
        for (std::size_t i = 0; i < keys_[other].payloads.size(); ++i) {
          const int p = keys_[other].payloads[i];
          auto& mine = keys_[k].payloads;
          if (std::find(mine.begin(), mine.end(), p) == mine.end()) {
            mine.push_back(p);
            keys_[k].langs.push_back(keys_[other].langs[i]);
          }
        }
      }
    }
  }
  // Longer phrases first helps RE2 avoid needless work; leftmost-longest
  // semantics make the order irrelevant for correctness.
  std::vector<std::size_t> order(keys_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return keys_[a].phrase.size() > keys_[b].phrase.size();
  });
  std::string word_initial, other;
  for (std::size_t i : order) {
    std::string& to = StartsWord(keys_[i].phrase) ? word_initial : other;
    if (!to.empty()) to += '|';
    to += PhrasePattern(keys_[i].phrase, keys_[i].case_sensitive, false);
  }
  std::string pattern;
  if (!word_initial.empty()) pattern = std::string(kWordStartPrefix) + "(?:" + word_initial + ")";
  if (!other.empty()) pattern += (pattern.empty() ? "" : "|") + other;
  RE2::Options options;
  options.set_longest_match(true);
  options.set_max_mem(64 << 20);
  options.set_log_errors(false);
  re_ = std::make_unique<RE2>(pattern, options);
  if (!re_->ok()) return Status::InvalidArgument("phrase lexicon does not compile: " + re_->error());
  if (!one_language_) {
    by_lang_ = std::make_unique<LangMatchers>();
    for (const Key& key : keys_) {
      for (const std::string& l : key.langs)
        if (l != "*") by_lang_->langs.push_back(l);
    }
    std::sort(by_lang_->langs.begin(), by_lang_->langs.end());
    by_lang_->langs.erase(std::unique(by_lang_->langs.begin(), by_lang_->langs.end()), by_lang_->langs.end());
    by_lang_->ready = std::make_unique<std::atomic<const PhraseMatcher*>[]>(by_lang_->langs.size() + 1);
  }
  first_bytes_.reset();
  for (const auto& [folded, group] : by_folded_) first_bytes_.set(static_cast<unsigned char>(folded[0]));
  // Wildcard phrases are told apart after a match by their own pattern.
  wild_res_.clear();
  wild_prefixes_.clear();
  for (std::size_t k : wild_keys_) {
    // PhrasePattern turns every '*' into a run of letters: the literal text
    // is what comes before the first.
    const std::string& phrase = keys_[k].phrase;
    wild_prefixes_.push_back(FoldCase(std::string_view(phrase).substr(0, phrase.find('*'))));
    RE2::Options one;
    one.set_log_errors(false);
    wild_res_.push_back(std::make_unique<RE2>(PhrasePattern(keys_[k].phrase, keys_[k].case_sensitive, false), one));
    if (!wild_res_.back()->ok()) {
      return Status::InvalidArgument("phrase '" + keys_[k].phrase + "' does not compile");
    }
  }
  return Status::Ok();
}

const PhraseMatcher::Key* PhraseMatcher::Lookup(std::string_view matched) const {
  thread_local std::string folded;
  FoldCaseInto(matched, &folded);
  auto it = by_folded_.find(std::string_view(folded));
  if (it != by_folded_.end()) {
    // A case-sensitive key that matches carries the payloads of its
    // case-insensitive twin too (merged in Compile), so it goes first.
    const Key* any_case = nullptr;
    for (std::size_t k : it->second) {
      const Key& key = keys_[k];
      if (key.wild) continue;
      if (!key.case_sensitive) {
        any_case = &key;
        continue;
      }
      // As written, except for the first letter's case.
      std::size_t a_next = 0, b_next = 0;
      UChar32 a = DecodeAt(matched, 0, &a_next);
      UChar32 b = DecodeAt(key.phrase, 0, &b_next);
      if (u_tolower(a) == u_tolower(b) && matched.substr(a_next) == std::string_view(key.phrase).substr(b_next)) {
        return &key;
      }
    }
    if (any_case != nullptr) return any_case;
  }
  // A wildcard phrase: the longest one whose pattern matches the whole match.
  const Key* best = nullptr;
  for (std::size_t i = 0; i < wild_keys_.size(); ++i) {
    const Key& key = keys_[wild_keys_[i]];
    // Its text before the first wildcard, folded, must start the folded match
    // (true of any text its pattern matches): most lookups end here.
    if (!std::string_view(folded).starts_with(wild_prefixes_[i])) continue;
    if (RE2::FullMatch(re2::StringPiece(matched.data(), matched.size()), *wild_res_[i]) &&
        (best == nullptr || key.phrase.size() > best->phrase.size())) {
      best = &key;
    }
  }
  return best;
}

bool PhraseMatcher::BoundaryOk(std::string_view text, std::size_t b, std::size_t e,
                               const Key& key) const {
  std::size_t tmp;
  UChar32 first = DecodeAt(key.phrase, 0, &tmp);
  if (IsSpacedWordChar(first) && b > 0) {
    UChar32 before = DecodeBefore(text, b, &tmp);
    if (IsSpacedWordChar(before)) return false;
  }
  if (key.prefix) return true;
  UChar32 last = DecodeBefore(key.phrase, key.phrase.size(), &tmp);
  if (!IsSpacedWordChar(last) || e >= text.size()) return true;
  std::size_t next_pos = 0;
  UChar32 next = DecodeAt(text, e, &next_pos);
  if (!IsSpacedWordChar(next)) return true;
  if (word_end_ == WordEnd::kStrict) return false;
  // kInflected: genitive -s ("Nvidias"), CamelCase glue ("ByteDanceTikTok",
  // "TCEHYAnd"), Russian case endings ("Тенсента", "Алибабой").
  auto after_word_end = [&](std::size_t pos) {
    if (pos >= text.size()) return true;
    return !IsSpacedWordChar(DecodeAt(text, pos, &tmp));
  };
  if (next == 's' && after_word_end(next_pos)) return true;
  if (u_isupper(next)) {
    if (u_islower(last)) return true;  // ByteDanceTikTok
    std::size_t after_next = 0;
    if (next_pos < text.size()) {
      UChar32 n2 = DecodeAt(text, next_pos, &after_next);
      if (u_islower(n2)) return true;  // TCEHYAnd
    }
  }
  if (IsCyrillic(last) && IsCyrillic(next)) {
    std::size_t pos = e;
    int count = 0;
    while (pos < text.size() && count <= 3) {
      std::size_t nx;
      UChar32 c = DecodeAt(text, pos, &nx);
      if (!IsCyrillic(c) || !u_isalpha(c)) break;
      ++count;
      pos = nx;
    }
    if (count <= 3 && after_word_end(pos)) return true;
  }
  return false;
}

const PhraseMatcher& PhraseMatcher::ForLang(std::string_view lang) const {
  if (lang.empty() || !by_lang_) return *this;
  LangMatchers& bl = *by_lang_;
  const auto it = std::lower_bound(bl.langs.begin(), bl.langs.end(), lang);
  const bool known = it != bl.langs.end() && *it == lang;
  const std::size_t slot = known ? static_cast<std::size_t>(it - bl.langs.begin()) : bl.langs.size();
  if (const PhraseMatcher* m = bl.ready[slot].load(std::memory_order_acquire)) return *m;
  std::lock_guard<std::mutex> lock(bl.mu);
  if (const PhraseMatcher* m = bl.ready[slot].load(std::memory_order_acquire)) return *m;
  auto sub = std::make_unique<PhraseMatcher>(word_end_);
  sub->one_language_ = true;
  // Chinese text may be written in traditional characters (Hong Kong,
  // Taiwan) while the lexicons are in simplified ones: each phrase with Han
  // characters also matches in its traditional spelling.
  const bool chinese = lang == "zh";
  for (const Key& key : keys_) {
    std::string hant;
    bool hant_done = false;
    for (std::size_t i = 0; i < key.payloads.size(); ++i) {
      if (key.langs[i] != "*" && !(known && key.langs[i] == lang)) continue;
      sub->Add(key.phrase, key.payloads[i], key.langs[i]);
      if (!chinese) continue;
      if (!hant_done) {
        hant = TraditionalVariant(key.phrase);
        hant_done = true;
      }
      if (!hant.empty()) sub->Add(hant, key.payloads[i], key.langs[i]);
    }
  }
  // A subset of phrases that compiled together compiles; should it not, the
  // full matcher stands in. Its matches cover this language's phrases, except
  // where a longer phrase of another language overlaps one.
  const PhraseMatcher* m = sub->Compile().ok() ? sub.get() : this;
  bl.owned.push_back(std::move(sub));
  bl.ready[slot].store(m, std::memory_order_release);
  return *m;
}

void PhraseMatcher::FindAll(std::string_view text, std::size_t begin, std::size_t end,
                            std::string_view lang, std::vector<Match>* out) const {
  ForLang(lang).FindAll(text, begin, end, out);
}

void PhraseMatcher::FindAll(std::string_view text, std::size_t begin, std::size_t end,
                            std::vector<Match>* out) const {
  if (!re_ || begin >= end) return;
  re2::StringPiece input(text.data(), end);
  // Start one character early: word-initial phrases take the character
  // before them (see PhrasePattern).
  std::size_t pos = begin;
  if (begin > 0) DecodeBefore(text, begin, &pos);
  std::size_t min_b = begin;
  re2::StringPiece m;
  while (pos < end && re_->Match(input, pos, end, RE2::UNANCHORED, &m, 1)) {
    std::size_t raw_b = static_cast<std::size_t>(m.data() - text.data());
    std::size_t b = raw_b;
    std::size_t e = b + m.size();
    // FoldCase maps ASCII to ASCII: an ASCII first byte no phrase starts with
    // is the character before a word-initial phrase.
    const auto b0 = m.empty() ? 0 : static_cast<unsigned char>(m[0]);
    const bool may_be_key = !m.empty() && (b0 >= 0x80 || first_bytes_[b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0]);
    const Key* key = may_be_key ? Lookup(std::string_view(m.data(), m.size())) : nullptr;
    if (key == nullptr && !m.empty()) {
      // The match begins with the character before a word-initial phrase.
      std::size_t after = b;
      UChar32 c = DecodeAt(text, b, &after);
      if (!IsSpacedWordChar(c) && after < e) {
        b = after;
        key = Lookup(text.substr(b, e - b));
      }
    }
    if (key != nullptr && b >= min_b && BoundaryOk(text, b, e, *key)) {
      out->push_back({b, e, &key->payloads});
      // Go on from the match's last character: a word-initial phrase right
      // after it takes that character as its prefix ("英伟达H20").
      min_b = e;
      DecodeBefore(text, e, &pos);
      if (pos <= raw_b) DecodeAt(text, raw_b, &pos);
    } else {
      // Retry one character later.
      std::size_t next = raw_b;
      DecodeAt(text, raw_b, &next);
      pos = std::max(next, raw_b + 1);
    }
  }
}

}  // namespace newsfacts::extract
