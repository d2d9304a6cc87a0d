// Building one language's figure grammar (see figures_grammar.h).
#include "figures_grammar.h"

#include <unicode/dcfmtsym.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <set>
#include <vector>

#include "figures_utf8.h"

namespace newsfacts::figures_internal {
namespace {

std::string Alternation(const std::vector<std::string>& patterns, bool fold) {
  if (patterns.empty()) return "(?:$^)";
  std::string out = fold ? "(?i:" : "(?:";
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (i) out += '|';
    out += patterns[i];
  }
  out += ')';
  return out;
}

std::string BoundedAlternation(const std::vector<std::string>& patterns, bool fold) {
  std::vector<std::string> bounded;
  for (const std::string& p : patterns) bounded.push_back(WordStart(p));
  return Alternation(bounded, fold);
}

// A character class of the single-character surfaces.
std::string CharClass(const std::vector<std::string>& chars) {
  if (chars.empty()) return "(?:$^)";
  std::string out = "[";
  for (const std::string& c : chars) out += RE2::QuoteMeta(re2::StringPiece(c.data(), c.size()));
  out += "]";
  return out;
}

// Month names from ICU, wide and abbreviated, format and stand-alone forms, of
// `lang` and of the languages news mixes in (a German article quoting a French
// date), plus the lexicon's extras.
std::vector<std::string> MonthPatterns(const FigureLexicon& lex, const std::string& lang) {
  std::set<std::string> names;
  std::vector<std::string> langs = {lang, "en", "de", "fr", "es", "pt", "it", "nl", "ru"};
  for (const std::string& l : langs) {
    if (l == "zh" || l == "ja" || l == "ko") continue;  // "8月": handled by the CJK date forms
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols syms(icu::Locale(l.c_str()), status);
    if (U_FAILURE(status)) continue;
    for (auto ctx : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
      for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        int32_t count = 0;
        const icu::UnicodeString* months = syms.getMonths(count, ctx, width);
        for (int32_t i = 0; i < count && i < 12; ++i) {
          std::string m;
          months[i].toUTF8String(m);
          while (!m.empty() && m.back() == '.') m.pop_back();
          if (m.size() >= 3) names.insert(m);
        }
      }
    }
  }
  for (const auto& row : lex.words) {
    if (row.info.cls == WordClass::kMonth && row.langs.Has(lang)) {
      std::string m = row.surface;
      while (!m.empty() && m.back() == '.') m.pop_back();
      if (!m.empty()) names.insert(m);
    }
  }
  std::vector<std::string> out;
  for (const std::string& n : names) out.push_back(RE2::QuoteMeta(re2::StringPiece(n.data(), n.size())));
  return out;
}

// `longest`: leftmost-longest semantics, for the anchored matchers that read a
// candidate; the unanchored scanners use leftmost-first, which lets RE2's DFA
// stop at the first match and run many times faster (they only need where the
// next candidate starts).
Status CompileInto(std::unique_ptr<RE2>* out, const std::string& pattern, std::string_view what,
                   bool longest = true) {
  RE2::Options options = FigureRegexOptions();
  options.set_longest_match(longest);
  *out = std::make_unique<RE2>(pattern, options);
  if (!(*out)->ok()) {
    return Status::InvalidArgument("figures: cannot compile the " + std::string(what) +
                                   " pattern: " + (*out)->error());
  }
  return Status::Ok();
}

bool DigitAt(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// End of the run of ASCII digits that starts at s[pos] (pos when none).
std::size_t DigitRunEnd(std::string_view s, std::size_t pos) {
  while (DigitAt(s, pos)) ++pos;
  return pos;
}

// End of the longest match of the `digits` pattern (built below) at pos,
// where s[pos] is a digit: the same alternatives, read without RE2. Each
// integer-part form gives an end; an exponent may follow any of them.
std::size_t DigitFormsEnd(const LangGrammar& g, std::string_view s, std::size_t pos) {
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  const std::size_t run = DigitRunEnd(s, pos);
  // Every longer form goes on with one of these bytes ('\xE2' starts U+2044).
  if (run == s.size() || std::string_view(",.' eE^/\xE2").find(s[run]) == std::string_view::npos) return run;
  std::size_t best = run;
  auto exponent_end = [&](std::size_t e) {
    std::size_t i = e;
    if (at(i) == 'e' || at(i) == 'E') {
      ++i;
      if (at(i) == '-' || at(i) == '+') ++i;
    } else if (at(i) == '^') {
      ++i;
      while (at(i) == '-' || at(i) == '+') ++i;
    } else {
      return e;
    }
    std::size_t d = i;
    while (d < i + 3 && DigitAt(s, d)) ++d;
    return d > i ? d : e;
  };
  auto consider = [&](std::size_t e) { best = std::max(best, exponent_end(e)); };
  // \d+(?:[.,]\d+)?
  consider(run);
  if ((at(run) == '.' || at(run) == ',') && DigitAt(s, run + 1)) consider(DigitRunEnd(s, run + 1));
  // \d{1,3}(?:SEP\d{3})+ then an optional decimal part.
  auto grouped = [&](char sep, std::string_view decimal_marks) {
    if (run - pos > 3) return;
    std::size_t i = run;
    int n = 0;
    while (n < kMaxDigitGroups && at(i) == sep && DigitAt(s, i + 1) && DigitAt(s, i + 2) && DigitAt(s, i + 3)) {
      i += 4;
      ++n;
    }
    const bool any = n > 0;
    if (!any) return;
    consider(i);
    if (decimal_marks.find(at(i)) != std::string_view::npos && at(i) != '\0' && DigitAt(s, i + 1)) {
      consider(DigitRunEnd(s, i + 1));
    }
  };
  grouped(',', ".");
  grouped('.', ",");
  grouped('\'', ".,");
  if (g.space_grouping) grouped(' ', ",");
  // \d+ \d+(?:/|U+2044)\d+ ("1 1/2", NFKC's "1 1⁄2") and
  // \d+ ?(?:/|U+2044) ?\d+ (exponent not allowed).
  if (at(run) == ' ' && DigitAt(s, run + 1)) {
    std::size_t b = DigitRunEnd(s, run + 1);
    std::size_t bar = at(b) == '/' ? 1 : s.compare(b, 3, "\u2044") == 0 ? 3 : 0;
    if (bar != 0 && DigitAt(s, b + bar)) best = std::max(best, DigitRunEnd(s, b + bar));
  }
  std::size_t i = run;
  if (at(i) == ' ') ++i;
  std::size_t after_bar = 0;
  if (at(i) == '/') {
    after_bar = i + 1;
  } else if (s.compare(i, 3, "\u2044") == 0) {
    after_bar = i + 3;
  }
  if (after_bar != 0) {
    if (at(after_bar) == ' ') ++after_bar;
    if (DigitAt(s, after_bar)) best = std::max(best, DigitRunEnd(s, after_bar));
  }
  return best;
}

}  // namespace

std::size_t DigitsLength(const LangGrammar& g, std::string_view s, std::size_t pos) {
  // Forms that start with a digit are read without RE2; a sign or a leading
  // decimal mark goes to the pattern.
  if (DigitAt(s, pos)) return DigitFormsEnd(g, s, pos) - pos;
  return AnchoredMatchLength(*g.digits, g.digits_first, s, pos);
}

std::size_t JunkLength(const LangGrammar& g, std::string_view s, std::size_t pos) {
  if (DigitAt(s, pos)) {
    // Junk that begins with a digit reads at most two digits before a letter,
    // a colon or a space ("5 May", "12:30", "3 pm"); with three or more it
    // goes on with '-', '/' or '.' (dates, phone numbers, tickers), perhaps
    // after a space, or with a CJK date character. A longer run followed by
    // anything else is no junk.
    std::size_t q = DigitRunEnd(s, pos);
    if (q - pos >= 3) {
      auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
      auto opens = [](unsigned c) { return c == '-' || c == '/' || c == '.' || c >= 0x80; };
      if (!opens(at(q)) && !(at(q) == ' ' && opens(at(q + 1)))) return 0;
    }
  }
  return AnchoredMatchLength(*g.junk, g.junk_first, s, pos);
}

std::size_t SpelledRunLength(const LangGrammar& g, std::string_view s, std::size_t pos) {
  return AnchoredMatchLength(*g.spelled_run, g.spelled_first, s.substr(0, pos + kMaxSpelledRunBytes), pos);
}

std::size_t AnchoredMatchLength(const RE2& re, std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  re2::StringPiece m;
  if (!re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::ANCHOR_START, &m, 1)) return 0;
  return m.size();
}

Result<std::unique_ptr<LangGrammar>> LangGrammar::Build(const FigureLexicon& lex, std::string lang) {
  auto g = std::make_unique<LangGrammar>();
  g->lang = lang;
  {
    UErrorCode status = U_ZERO_ERROR;
    icu::DecimalFormatSymbols symbols(icu::Locale(lang.c_str()), status);
    if (U_SUCCESS(status)) {
      std::string dec;
      symbols.getSymbol(icu::DecimalFormatSymbols::kDecimalSeparatorSymbol).toUTF8String(dec);
      g->decimal_sep = dec == "," ? ',' : '.';
    }
    g->space_grouping = g->decimal_sep == ',';
  }

  for (const auto& r : lex.currencies) {
    if (!r.langs.Has(lang)) continue;
    if (r.info.pre) g->cur_pre.Add(r.surface, r.case_sensitive, r.info);
    if (r.info.post) g->cur_post.Add(r.surface, r.case_sensitive, r.info);
  }
  std::vector<std::string> scale_words;
  for (const auto& r : lex.scales) {
    if (!r.langs.Has(lang)) continue;
    g->scales.Add(r.surface, r.case_sensitive, r.info);
    if (r.info.word) scale_words.push_back(SurfacePattern(r.surface));
  }
  for (const auto& r : lex.qualifiers_pre) {
    if (r.langs.Has(lang)) g->qual_pre.Add(r.surface, r.case_sensitive, r.info);
  }
  for (const auto& r : lex.qualifiers_post) {
    if (r.langs.Has(lang)) g->qual_post.Add(r.surface, r.case_sensitive, r.info);
  }
  for (const auto& r : lex.qualifiers_round) {
    if (r.langs.Has(lang)) g->qual_round.Add(r.surface, r.case_sensitive, r.info);
  }
  for (const auto& r : lex.percents) {
    if (!r.langs.Has(lang)) continue;
    if (r.info.pre) {
      g->pct_pre.Add(r.surface, false, r.info);
    } else if (r.info.type == PercentType::kPct || r.info.type == PercentType::kPp ||
               r.info.type == PercentType::kTenth) {
      g->pct_post.Add(r.surface, false, r.info);
    } else {
      g->pct_words.Add(r.surface, false, r.info);
    }
  }
  std::vector<std::string> word_pats, morph_pats, join_pats, article_pats, point_pats, den_pats, suffix_pats,
      part_of_pats;
  std::vector<std::string> cjk_start, cjk_any, after_digit;
  for (const auto& r : lex.numbers) {
    if (!r.langs.Has(lang)) continue;
    switch (r.info.role) {
      case NumberRole::kSign:
        g->signs.Add(r.surface, false, r.info);
        break;
      case NumberRole::kWord:
      case NumberRole::kWeak:
        g->words.Add(r.surface, false, r.info);
        word_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kArticle:
        g->words.Add(r.surface, false, r.info);
        article_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kJoin:
        g->words.Add(r.surface, false, r.info);
        join_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kMorph:
        morph_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kPoint:
        g->words.Add(r.surface, false, r.info);
        point_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kDen:
      case NumberRole::kDen1:
      case NumberRole::kDenOf:
        g->words.Add(r.surface, false, r.info);
        den_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kPartOf:
        g->words.Add(r.surface, false, r.info);
        part_of_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kDenSuffix:
        g->den_suffixes.push_back(r.surface);
        suffix_pats.push_back(SurfacePattern(r.surface));
        break;
      case NumberRole::kCjkDigit:
      case NumberRole::kCjkZero:
      case NumberRole::kCjkUnit:
      case NumberRole::kCjkBig:
        g->cjk.Add(r.surface, r.info);
        cjk_start.push_back(r.surface);
        cjk_any.push_back(r.surface);
        break;
      case NumberRole::kCjkPoint:
      case NumberRole::kCjkApprox:
        g->cjk.Add(r.surface, r.info);
        cjk_any.push_back(r.surface);
        break;
      case NumberRole::kAfterDigit:
        g->cjk.Add(r.surface, r.info);
        after_digit.push_back(r.surface);
        break;
    }
  }
  std::vector<std::string> skip_pats;
  for (const auto& r : lex.words) {
    if (!r.langs.Has(lang)) continue;
    switch (r.info.cls) {
      case WordClass::kRange: g->range.Add(r.surface, false, r.info); break;
      case WordClass::kBetween: g->between.Add(r.surface, false, r.info); break;
      case WordClass::kFrom: g->from.Add(r.surface, false, r.info); break;
      case WordClass::kTo: g->to.Add(r.surface, false, r.info); break;
      case WordClass::kVague: g->vague.Add(r.surface, false, r.info); break;
      case WordClass::kIdiom: g->idiom.Add(r.surface, false, r.info); break;
      case WordClass::kIndefinite: g->indefinite.Add(r.surface, false, r.info); break;
      case WordClass::kCurJoin: g->cur_join.Add(r.surface, false, r.info); break;
      case WordClass::kMinorJoin: g->minor_join.Add(r.surface, false, r.info); break;
      case WordClass::kModal: g->modal.Add(r.surface, false, r.info); break;
      case WordClass::kClue: g->clues.Add(r.surface, false, r.info); break;
      case WordClass::kSkipAfter: skip_pats.push_back(SurfacePattern(r.surface)); break;
      case WordClass::kFraction: g->fraction.Add(r.surface, false, r.info); break;
      case WordClass::kParticle: g->particles.Add(r.surface, false, r.info); break;
      case WordClass::kOver: g->over.Add(r.surface, false, r.info); break;
      case WordClass::kMixed: g->mixed.Add(r.surface, false, r.info); break;
      case WordClass::kMonth: break;  // see MonthPatterns
    }
  }
  for (const auto& r : lex.units) {
    if (r.langs.Has(lang)) g->units.Add(r.surface, r.case_sensitive, r.info);
  }
  std::vector<std::string> context_pats;
  for (const auto& r : lex.chips) {
    g->chips.Add(r.surface, r.case_sensitive, r.info);
    if (!r.info.vendor.empty() && r.info.vendor != "-") context_pats.push_back(SurfacePattern(r.info.vendor));
  }
  for (const std::string& w : lex.chip_context) context_pats.push_back(SurfacePattern(w));

  NF_RETURN_IF_ERROR(g->cur_pre.Compile("currencies (pre)"));
  NF_RETURN_IF_ERROR(g->cur_post.Compile("currencies (post)"));
  NF_RETURN_IF_ERROR(g->scales.Compile("scales"));
  NF_RETURN_IF_ERROR(g->qual_pre.Compile("qualifiers (pre)"));
  NF_RETURN_IF_ERROR(g->qual_post.Compile("qualifiers (post)"));
  NF_RETURN_IF_ERROR(g->qual_round.Compile("qualifiers (round)"));
  NF_RETURN_IF_ERROR(g->pct_post.Compile("percent markers"));
  NF_RETURN_IF_ERROR(g->pct_pre.Compile("percent prefixes"));
  NF_RETURN_IF_ERROR(g->pct_words.Compile("change words"));
  NF_RETURN_IF_ERROR(g->words.Compile("number words"));
  NF_RETURN_IF_ERROR(g->signs.Compile("signs"));
  NF_RETURN_IF_ERROR(g->range.Compile("range words"));
  NF_RETURN_IF_ERROR(g->between.Compile("between words"));
  NF_RETURN_IF_ERROR(g->from.Compile("from words"));
  NF_RETURN_IF_ERROR(g->to.Compile("to words"));
  NF_RETURN_IF_ERROR(g->vague.Compile("vague words"));
  NF_RETURN_IF_ERROR(g->idiom.Compile("numeral idioms"));
  NF_RETURN_IF_ERROR(g->indefinite.Compile("indefinite articles"));
  NF_RETURN_IF_ERROR(g->cur_join.Compile("currency joins"));
  NF_RETURN_IF_ERROR(g->minor_join.Compile("minor-unit joins"));
  NF_RETURN_IF_ERROR(g->modal.Compile("modal words"));
  NF_RETURN_IF_ERROR(g->clues.Compile("currency clues"));
  NF_RETURN_IF_ERROR(g->fraction.Compile("fraction markers"));
  NF_RETURN_IF_ERROR(g->particles.Compile("particles"));
  NF_RETURN_IF_ERROR(g->over.Compile("fraction words"));
  NF_RETURN_IF_ERROR(g->mixed.Compile("mixed-number joins"));
  NF_RETURN_IF_ERROR(g->units.Compile("units"));
  NF_RETURN_IF_ERROR(g->chips.Compile("chips"));
  NF_RETURN_IF_ERROR(g->before_any.Build(g->qual_pre, g->between, g->signs, g->cur_pre, g->modal, g->pct_words,
                                         g->pct_pre));
  NF_RETURN_IF_ERROR(g->after_any.Build(g->scales, g->cur_post, g->cur_join, g->pct_post, g->units, g->qual_post,
                                        g->range, g->over, g->fraction, g->mixed, g->minor_join));
  g->cjk.set_abbreviate(lang == "zh");
  g->spelled = std::make_unique<SpelledNumberParser>(lang, &g->words, &g->scales, &g->den_suffixes);

  // ---- number cores
  // At most kMaxDigitGroups groups of three (10^21): a longer run of groups
  // ("123,456,789,..." in a flattened table) is read in pieces, each once.
  const std::string groups = "{1," + std::to_string(kMaxDigitGroups) + "}";
  std::string int_mant = R"((?:\d{1,3}(?:,\d{3}))" + groups + R"((?:\.\d+)?|\d{1,3}(?:\.\d{3}))" + groups +
                         R"((?:,\d+)?|\d{1,3}(?:'\d{3}))" + groups + R"((?:[.,]\d+)?)";
  if (g->space_grouping) int_mant += R"(|\d{1,3}(?: \d{3}))" + groups + R"((?:,\d+)?)";
  int_mant += R"(|\d+(?:[.,]\d+)?))";
  std::string mant = "(?:" + int_mant + R"(|[.,]\d+))";
  std::string digit_forms = "(?:" + int_mant + R"((?:[eE][-+]?\d{1,3}|\^[-+]*\d{1,3})?|\d+ \d+(?:/|\x{2044})\d+|\d+ ?(?:/|\x{2044}) ?\d+))";
  std::string decimal_only = R"([-+]?[.,]\d+(?:[eE][-+]?\d{1,3})?)";
  std::string digits = "(?:[-+]?" + digit_forms + "|" + decimal_only + ")";
  for (char c : std::string("0123456789+-.,")) g->digits_first.set(static_cast<unsigned char>(c));
  for (char c : std::string("0123456789.,")) g->cjk_first.set(static_cast<unsigned char>(c));
  for (const std::string& c : cjk_start) AddFirstBytes(c, false, &g->cjk_first);
  for (const auto& r : lex.numbers) {
    if (!r.langs.Has(lang)) continue;
    switch (r.info.role) {
      case NumberRole::kWord: case NumberRole::kWeak: case NumberRole::kArticle:
      case NumberRole::kDen: case NumberRole::kDen1: case NumberRole::kDenOf:
        AddFirstBytes(r.surface, true, &g->spelled_first);
        break;
      default: break;
    }
  }
  for (const auto& r : lex.scales) {
    if (r.langs.Has(lang) && r.info.word) AddFirstBytes(r.surface, true, &g->spelled_first);
  }
  for (const std::string& c : cjk_any) {
    if (static_cast<unsigned char>(c[0]) >= 0x80) AddFirstBytes(c, false, &g->cjk_follow);
  }
  for (const std::string& c : after_digit) AddFirstBytes(c, false, &g->cjk_follow);
  std::string cjk_atom = CharClass(cjk_any);
  if (!after_digit.empty()) cjk_atom = "(?:" + cjk_atom + "|" + CharClass(after_digit) + ")";
  std::string cjk = "(?:" + mant + " ?" + cjk_atom + "|" + CharClass(cjk_start) + ")(?: ?(?:" + cjk_atom + "|" +
                    mant + "))*";
  // Spelled-out numbers: words (and one-word compounds, with joining
  // morphemes), optionally joined by "and"/"y"/"et", with a decimal point word
  // and fraction denominators ("three quarters", "veintiunavos").
  std::string word = "(?i:" + Alternation(word_pats, false) + "|" +
                     (scale_words.empty() ? "(?:$^)" : Alternation(scale_words, false)) + ")";
  std::string first_word = "(?i:" + BoundedAlternation(word_pats, false) + "|" +
                           (scale_words.empty() ? "(?:$^)" : BoundedAlternation(scale_words, false)) + ")";
  std::string den = Alternation(den_pats, true);
  std::string rest = "(?:" + word + (morph_pats.empty() ? "" : "|" + Alternation(morph_pats, true)) + ")*" +
                     (suffix_pats.empty() ? "" : "(?:" + Alternation(suffix_pats, true) + ")?");
  std::string atoms = "(?:" + word + rest + "|" + den + ")";
  std::string first_atoms = "(?:" + first_word + rest + "|" + BoundedAlternation(den_pats, true) + ")";
  std::string spelled = "(?:$^)";
  if (!word_pats.empty()) {
    std::string article = BoundedAlternation(article_pats, true);
    // "half a million", "half a dozen": a denominator, an article, a scale.
    std::string half_a = BoundedAlternation(den_pats, true) + "[ -]{1,3}" + Alternation(article_pats, true) + " ";
    // "a quarter of a million", "three-quarters of a billion".
    std::string part_of = "(?:$^)";
    if (!part_of_pats.empty()) {
      part_of = "(?:(?:" + article + "|" + first_word + ")[ -]{1,3})?" + BoundedAlternation(den_pats, true) +
                "[ -]{1,3}" + Alternation(part_of_pats, true) + "[ -]{1,3}(?:" + Alternation(article_pats, true) +
                " )?" + atoms;
    }
    spelled = "(?:" + part_of + "|" + article + " " + atoms + "|" + half_a + atoms + "|" + first_atoms +
              ")(?:[ -]{1,3}(?:(?:" +
              Alternation(join_pats, true) + "|" + Alternation(point_pats, true) + ")[ -]{1,3}(?:" +
              Alternation(article_pats, true) + " )?)?" + atoms + ")*";
  }

  // ---- junk: dates, times, URLs, phone numbers, tickers, labels
  // Alternatives that begin with an ASCII letter begin a word (\b), like the
  // rest of the scanner's, so a candidate never starts inside a word
  // ("dismay 5" holds no date).
  std::string months = Alternation(MonthPatterns(lex, lang), true);
  std::string word_months = BoundedAlternation(MonthPatterns(lex, lang), true);
  std::vector<std::string> junk = {
      R"(\b(?:https?://|www\.)[^\s]+)",
      R"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?)",
      R"(\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))",
      R"(\d{1,2}:\d{2}(?::\d{2})?(?: ?(?:[AaPp]\.?[Mm]\.?))?)",
      R"(\d{1,2} ?(?:a\.m\.|p\.m\.|AM|PM|am|pm))",
      R"(\d{1,2}(?:[.:]\d{2})? ?Uhr)",
      R"(\d{1,2} ?h ?\d{2})",
      word_months + R"(\.? ?\d{1,2}(?:st|nd|rd|th)?(?:,? ?\d{4})?)",
      R"(\d{1,2}(?:st|nd|rd|th|er|\.|º|o)? ?(?:de |of |del )?)" + months +
          R"(\.?(?:,? ?(?:de |del )?\d{4})?)",
      word_months + R"(\.?,? ?(?:de |del )?\d{4})",
      R"(\d{1,4} ?年(?: ?\d{1,2} ?月)?(?: ?\d{1,2} ?[日号號])?)",
      R"(\d{1,2} ?月(?: ?\d{1,2} ?[日号號])?(?:份)?)",
      R"(\d{1,2} ?[日号號](?:[^元圆圓本円0-9]|$))",
      R"(\d{1,2} ?[点點時时](?: ?\d{1,2} ?分)?(?: ?\d{1,2} ?秒)?)",
      R"(\d{1,4} ?년(?: ?\d{1,2} ?월)?(?: ?\d{1,2} ?일)?)",
      R"(\d{1,2} ?월(?: ?\d{1,2} ?일)?)",
      R"(\d{1,2} ?일)",
      R"((?:19|20)\d{2} ?[-/] ?(?:19|20)?\d{2})",
      R"(\d{4,6}\.(?:HK|SS|SZ|SH|T|KS|KQ|TW|TWO))",
      R"(\b(?:HKG|HKEX|SEHK|SHA|SHE|SSE|SZSE|TYO|TSE|KRX|KOSDAQ|NASDAQ|Nasdaq|NYSE|LSE|ASX) ?: ?[0-9]{3,6})",
      R"(\+\d{1,3}[ -]?(?:\(\d{1,4}\)[ -]?)?\d{2,4}(?:[ -]\d{2,4}){1,4})",
      R"(\(\d{3}\) ?\d{3}-\d{4})",
      R"(\d{3}-\d{3,4}-\d{4})",
      R"(0\d{1,3}-\d{3,4}[ -]\d{4})",
      R"(\d{1,2} ?[-~〜～至到] ?\d{1,2} ?月)",
      R"(\[\d{1,3}\])",
      R"(24/7)",
      "第 ?(?:\\d+|" + CharClass(cjk_start) + "+)",
  };
  // Junk starts with a digit, "+", "(", "[", a URL, a month, a ticker's
  // exchange or a label word.
  for (char c : std::string("0123456789+([hwHSTKNLA")) g->junk_first.set(static_cast<unsigned char>(c));
  AddFirstBytes("第", false, &g->junk_first);
  for (const std::string& m : MonthPatterns(lex, lang)) {
    std::string plain;
    for (char c : m) {
      if (c != '\\') plain += c;
    }
    AddFirstBytes(plain, true, &g->junk_first);
  }
  for (const auto& r : lex.words) {
    if (r.info.cls == WordClass::kSkipAfter && r.langs.Has(lang)) AddFirstBytes(r.surface, true, &g->junk_first);
  }
  if (!skip_pats.empty()) {
    junk.push_back(BoundedAlternation(skip_pats, true) + R"( ?:? ?\d[\d -]*\d?[A-Za-z]?)");
  }
  std::string junk_alt = Alternation(junk, false);

  // ---- the scanner
  // Every alternative starts a word, so the DFA does not stop inside one.
  // The scanner only reports where a candidate starts, so each number core
  // is cut to what decides that: its first digit, CJK numeral or word. Cores
  // are a head followed by optional parts, so a core matches at a position
  // exactly when its head does; the cut patterns find the same starts with a
  // far smaller DFA, whose states then stay in cache between calls.
  std::string digits_head = R"((?:[-+]?\d|[-+]?[.,]\d))";
  // In the scanner digits start a word ("H20", "B200" hold no number) unless
  // a sign or a currency ("Rmb50bn") comes first.
  std::string scan_digits_head = R"((?:(?:[-+]|\b)\d|[-+]?[.,]\d))";
  std::string cjk_head = "(?:" + mant + " ?" + cjk_atom + "|" + CharClass(cjk_start) + ")";
  std::string spelled_head = "(?:$^)";
  if (!word_pats.empty()) {
    spelled_head = "(?:" + BoundedAlternation(article_pats, true) + " (?:" + word + "|" + den + ")|" + first_word +
                   "|" + BoundedAlternation(den_pats, true) + ")";
  }
  std::string qual = g->qual_pre.Pattern(true);
  std::string number = "(?:" + qual + " ?(?:" + g->indefinite.Pattern(true) + " )?)?(?:" + g->between.Pattern(true) + " )?(?:" + g->signs.Pattern(true) +
                       " ?)?(?:" + g->cur_pre.Pattern(true) + " ?(?:\\(?" + digits_head + "|" + cjk_head + "|" +
                       spelled_head + ")|" + scan_digits_head + "|" + cjk_head + "|" + spelled_head + ")";
  std::string change = "(?:(?:" + qual + "|" + g->modal.Pattern(true) + ") ?)?" + g->pct_words.Pattern(true);
  std::string pctpre = "(?:" + qual + " ?)?(?:" + g->signs.Pattern(true) + " ?)?" + g->pct_pre.Pattern(true);
  std::string scanner =
      junk_alt + "|" + g->chips.Pattern(true) + "|" + change + "|" + pctpre + "|" + number;

  NF_RETURN_IF_ERROR(CompileInto(&g->scanner, scanner, "scanner", false));
  NF_RETURN_IF_ERROR(CompileInto(&g->junk, junk_alt, "junk"));
  NF_RETURN_IF_ERROR(CompileInto(&g->digits, digits, "digits"));
  NF_RETURN_IF_ERROR(CompileInto(&g->cjk_number, cjk, "CJK numeral"));
  NF_RETURN_IF_ERROR(CompileInto(&g->spelled_run, spelled, "spelled-out number"));
  NF_RETURN_IF_ERROR(CompileInto(&g->chip_context, Alternation(context_pats, true), "chip context", false));
  NF_RETURN_IF_ERROR(CompileInto(&g->clue_scan, g->clues.Pattern(), "currency clues", false));
  return g;
}

}  // namespace newsfacts::figures_internal
