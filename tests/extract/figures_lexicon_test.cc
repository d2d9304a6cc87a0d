// Tests for extract/figures_lexicon: a SurfaceTable's trie lookup gives the
// match the table's RE2 pattern gives (longest match at a position, and the
// row it belongs to), over every surface of every figure lexicon in several
// spellings, in every language the grammar is built for.
#include <catch2/catch.hpp>

#include <re2/re2.h>
#include <unicode/unistr.h>

#include <set>
#include <string>
#include <vector>

#include "figures_grammar.h"
#include "figures_lexicon.h"
#include "figures_utf8.h"

namespace newsfacts::figures_internal {
namespace {

const FigureLexicon& Lexicon() {
  static const FigureLexicon lex = [] {
    auto l = LoadFigureLexicon(false);
    REQUIRE(l.ok());
    return std::move(l.value());
  }();
  return lex;
}

// Every surface of the lexicon, as written, upper-cased (ASCII, and all of
// Unicode: "МЛРД", "ÉUROS"), with its spaces and hyphens swapped or dropped,
// and followed by a number or a word.
std::vector<std::string> Inputs() {
  std::set<std::string> surfaces;
  const FigureLexicon& lex = Lexicon();
  auto add = [&](const auto& rows) {
    for (const auto& r : rows) surfaces.insert(r.surface);
  };
  add(lex.currencies);
  add(lex.scales);
  add(lex.qualifiers_pre);
  add(lex.qualifiers_post);
  add(lex.percents);
  add(lex.numbers);
  add(lex.words);
  add(lex.units);
  add(lex.chips);
  std::set<std::string> inputs;
  for (const std::string& s : surfaces) {
    std::string upper = s, hyphen_to_space = s, space_to_hyphen = s, squeezed;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    for (char& c : hyphen_to_space) {
      if (c == '-') c = ' ';
    }
    for (char& c : space_to_hyphen) {
      if (c == ' ') c = '-';
    }
    for (char c : s) {
      if (c != ' ' && c != '-') squeezed += c;
    }
    std::string unicode_upper;
    icu::UnicodeString::fromUTF8(s).toUpper().toUTF8String(unicode_upper);
    for (const std::string& v : {s, upper, unicode_upper, hyphen_to_space, space_to_hyphen, squeezed}) {
      inputs.insert(v);
      inputs.insert(v + " 5");
      inputs.insert(v + "s more");
      inputs.insert("x " + v);
    }
  }
  return {inputs.begin(), inputs.end()};
}

// Compares table and pattern at every code point of every input; returns the
// first few disagreements (Catch assertions per comparison would dominate).
template <typename Info>
void CheckTable(const char* name, const SurfaceTable<Info>& table, const std::vector<std::string>& inputs,
                long* compared, std::vector<std::string>* mismatches) {
  RE2 re(table.Pattern(), FigureRegexOptions());
  REQUIRE(re.ok());
  for (const std::string& s : inputs) {
    for (std::size_t pos = 0; pos < s.size(); ++pos) {
      if ((static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;  // inside a code point
      re2::StringPiece m;
      std::size_t re_end = 0;
      const Info* re_info = nullptr;
      if (re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::ANCHOR_START, &m, 1) && !m.empty()) {
        re_end = pos + m.size();
        re_info = table.Lookup(std::string_view(m.data(), m.size()));
      }
      std::size_t end = 0;
      const Info* info = table.Match(s, pos, &end);
      bool same = info == re_info && (info == nullptr || end == re_end);
      if (!same && mismatches->size() < 10) {
        mismatches->push_back(std::string(name) + " at " + std::to_string(pos) + " of '" + s + "': trie end " +
                              std::to_string(info ? end : 0) + ", RE2 end " + std::to_string(re_info ? re_end : 0));
      }
      ++*compared;
    }
  }
}

TEST_CASE("Surface tries match what the surface patterns match, row for row", "[figures]") {
  const std::vector<std::string> inputs = Inputs();
  REQUIRE(inputs.size() > 5000);
  long compared = 0;
  std::vector<std::string> mismatches;
  for (const char* lang : {"en", "de", "fr", "es", "pt", "it", "nl", "ru", "zh", "ja", "ko"}) {
    auto built = LangGrammar::Build(Lexicon(), lang);
    REQUIRE(built.ok());
    const LangGrammar& g = *built.value();
    std::size_t before = mismatches.size();
    CheckTable("cur_pre", g.cur_pre, inputs, &compared, &mismatches);
    CheckTable("cur_post", g.cur_post, inputs, &compared, &mismatches);
    CheckTable("scales", g.scales, inputs, &compared, &mismatches);
    CheckTable("qual_pre", g.qual_pre, inputs, &compared, &mismatches);
    CheckTable("qual_post", g.qual_post, inputs, &compared, &mismatches);
    CheckTable("pct_post", g.pct_post, inputs, &compared, &mismatches);
    CheckTable("words", g.words, inputs, &compared, &mismatches);
    CheckTable("range", g.range, inputs, &compared, &mismatches);
    CheckTable("units", g.units, inputs, &compared, &mismatches);
    CheckTable("chips", g.chips, inputs, &compared, &mismatches);
    for (std::size_t i = before; i < mismatches.size(); ++i) mismatches[i] = std::string(lang) + ": " + mismatches[i];
  }
  CHECK(compared > 1000000);
  for (const std::string& m : mismatches) UNSCOPED_INFO(m);
  CHECK(mismatches.empty());
}

TEST_CASE("A surface with too many optional separators is refused with its name", "[figures]") {
  SurfaceTrie trie(true);
  trie.Add("一二三四五六七八九十一二三四", 0);  // 13 gaps between CJK characters: 8192 spellings
  Status st = trie.Build();
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find("一二三四") != std::string::npos);
}

TEST_CASE("Surface tries read optional separators as the patterns do", "[figures]") {
  SurfaceTrie trie(true);
  trie.Add("more than", 1);
  trie.Add("US-Dollar", 2);
  trie.Add("百分之", 3);
  REQUIRE(trie.Build().ok());
  int32_t v = -1;
  CHECK(trie.LongestAt("more than 5", 0, &v) == 9);
  CHECK(v == 1);
  CHECK(trie.LongestAt("MoreThan 5", 0, &v) == 8);
  CHECK(trie.LongestAt("more  than", 0) == 0);  // one optional space, not two
  CHECK(trie.LongestAt("us dollar", 0, &v) == 9);
  CHECK(v == 2);
  CHECK(trie.LongestAt("usdollars", 0) == 8);
  CHECK(trie.LongestAt("百 分 之十", 0, &v) == std::string("百 分 之").size());
  CHECK(v == 3);
  CHECK(trie.LongestAt("more than", 1) == 0);
}

}  // namespace
}  // namespace newsfacts::figures_internal

namespace newsfacts::figures_internal {
namespace {

// Random strings over `alphabet` (its first `digits` entries half the time, so
// digit runs and the characters between them are common), up to 14 pieces.
std::vector<std::string> GeneratedTexts(const std::vector<std::string>& alphabet, int count, std::size_t digits) {
  std::vector<std::string> texts;
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int i = 0; i < count; ++i) {
    std::string t;
    std::size_t len = 1 + next() % 14;
    for (std::size_t k = 0; k < len; ++k) t += next() % 2 ? alphabet[next() % digits] : alphabet[next() % alphabet.size()];
    texts.push_back(t);
  }
  return texts;
}

// Compares a fast length function with the anchored RE2 it stands for at
// every position of every text, in each language; CHECKs no disagreement.
template <typename Fast, typename Pattern>
void CompareWithPattern(Fast fast, Pattern pattern, const std::vector<std::string>& texts,
                        std::initializer_list<const char*> langs, long min_compared = 100000) {
  long compared = 0;
  std::vector<std::string> mismatches;
  for (const char* lang : langs) {
    auto built = LangGrammar::Build(Lexicon(), lang);
    REQUIRE(built.ok());
    const LangGrammar& g = *built.value();
    for (const std::string& t : texts) {
      for (std::size_t pos = 0; pos < t.size(); ++pos) {
        std::size_t got = fast(g, t, pos);
        std::size_t want = AnchoredMatchLength(pattern(g), t, pos);
        if (got != want && mismatches.size() < 10) {
          mismatches.push_back(std::string(lang) + " at " + std::to_string(pos) + " of '" + t + "': " +
                               std::to_string(got) + " vs RE2 " + std::to_string(want));
        }
        ++compared;
      }
    }
  }
  CHECK(compared > min_compared);
  for (const std::string& m : mismatches) UNSCOPED_INFO(m);
  CHECK(mismatches.empty());
}

TEST_CASE("JunkLength measures what the junk pattern matches", "[figures]") {
  const std::vector<std::string> alphabet = {
      "0", "1", "2", "9", " ", ".", ",", ":", "-", "/", "+", "(", ")", "h", "am", "pm", "Uhr", "May", "mai",
      "de ", "st", "th", "\u5e74", "\u6708", "\u65e5", "\ub144", "\uc6d4", "\uc77c", "~", "HK", "x", "\u81f3"};
  CompareWithPattern(JunkLength, [](const LangGrammar& g) -> const RE2& { return *g.junk; },
                     GeneratedTexts(alphabet, 30000, 4), {"en", "de", "fr", "zh", "ko"});
}

TEST_CASE("No junk is shorter than the scanner's shortcut assumes", "[figures]") {
  // Scanner::Run skips the junk probe when the scanner's match (junk first,
  // in priority) is shorter than these: every shorter string that starts
  // with a digit, or is one three-byte character, must not be junk, in any
  // language's grammar. Whole-string matches are at least as permissive as
  // matches inside text (^, $ and \b hold at the string's ends).
  static_assert(kMinJunkAfterDigit == 3 && kMinJunkAfterCjk == 4, "update the enumeration below");
  long probed = 0;
  std::vector<std::string> junk;
  for (const char* lang : {"en", "de", "fr", "es", "pt", "it", "nl", "ru", "zh", "ja", "ko", "xx"}) {
    auto built = LangGrammar::Build(Lexicon(), lang);
    REQUIRE(built.ok());
    const RE2& re = *built.value()->junk;
    auto probe = [&](const std::string& s) {
      ++probed;
      if (RE2::FullMatch(s, re) && junk.size() < 10) junk.push_back(std::string(lang) + ": '" + s + "'");
    };
    for (char d = '0'; d <= '9'; ++d) {
      probe(std::string(1, d));
      for (int b = 0; b < 256; ++b) probe(std::string(1, d) + static_cast<char>(b));
    }
    for (int lead = 0xE0; lead <= 0xEF; ++lead) {
      for (int c1 = 0x80; c1 <= 0xBF; ++c1) {
        for (int c2 = 0x80; c2 <= 0xBF; ++c2) {
          probe({static_cast<char>(lead), static_cast<char>(c1), static_cast<char>(c2)});
        }
      }
    }
  }
  CHECK(probed > 800000);
  for (const std::string& j : junk) UNSCOPED_INFO(j);
  CHECK(junk.empty());
}

TEST_CASE("DigitsLength measures what the digit pattern matches", "[figures]") {
  // The characters that matter to digit forms, in a language with each
  // decimal convention.
  const std::vector<std::string> alphabet = {"0", "1", "7", "9", " ", ".", ",", "'", "e", "E", "^", "/", "-",
                                             "+", "x", "%", "\u2044", "\u4ebf", "a", "(", ")", "\u00a0"};
  CompareWithPattern(DigitsLength, [](const LangGrammar& g) -> const RE2& { return *g.digits; },
                     GeneratedTexts(alphabet, 20000, 4), {"en", "de", "fr"});
  // Runs of groups up to and past kMaxDigitGroups, with each separator.
  std::vector<std::string> runs;
  for (std::string sep : {",", ".", "'", " "}) {
    std::string t = "12";
    for (int n = 1; n <= kMaxDigitGroups + 3; ++n) {
      t += sep + "345";
      runs.push_back(t);
      runs.push_back(t + (sep == "," ? ".5" : ",5"));
    }
  }
  CompareWithPattern(DigitsLength, [](const LangGrammar& g) -> const RE2& { return *g.digits; }, runs,
                     {"en", "de", "fr"}, 1000);
}

}  // namespace
}  // namespace newsfacts::figures_internal
