#include "fact_mentions.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace newsfacts::extract {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The word that ends right before `pos` (skipping spaces), lower-cased ASCII.
std::string WordBefore(std::string_view s, std::size_t begin, std::size_t pos) {
  std::size_t e = pos;
  while (e > begin && IsSpace(s[e - 1])) --e;
  std::size_t b = e;
  while (b > begin && !IsSpace(s[b - 1]) && s[b - 1] != ',' && s[b - 1] != '(' && s[b - 1] != '\'') --b;
  if (b > begin && s[b - 1] == '\'' && e == b) --b;  // "d'" elided preposition
  std::string out(s.substr(b, e - b));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Cyrillic capitals used in the list are lower-case already; "В" at a
  // sentence start is rare before a company name.
  return out;
}


// "NVDA.O", "9988.HK", "GOOGL": a ticker inside parentheses after a name.
bool LooksLikeTicker(std::string_view t) {
  if (t.empty() || t.size() > 16) return false;
  bool letter_or_digit = false;
  for (char c : t) {
    if (IsAsciiUpper(c) || IsAsciiDigit(c)) {
      letter_or_digit = true;
    } else if (c != '.' && c != ':' && c != ' ') {
      return false;
    }
  }
  return letter_or_digit;
}

// Is there a letter or digit of a spaced script right before / at `pos`?
bool WordCharBefore(std::string_view s, std::size_t pos) {
  if (pos == 0) return false;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(s.data(), 0, i, c);
  return IsSpacedWordChar(c);
}

bool WordCharAt(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return IsSpacedWordChar(c);
}

// s[b, e) is a whole number: no digit right before or after it.
bool NotDigitAround(std::string_view s, std::size_t b, std::size_t e) {
  return (b == 0 || !IsAsciiDigit(s[b - 1])) && (e >= s.size() || !IsAsciiDigit(s[e]));
}

// The number of members a group reference names: "the three groups",
// "die vier US-Konzerne", "三家公司", "米4社", "трех компаний". Numerals up
// to six are a small closed class per language, so they live here.
int NumeralIn(std::string_view ref) {
  struct Word {
    const char* text;
    int value;
  };
  static const Word kWords[] = {
      {"two", 2},     {"three", 3},   {"four", 4},    {"five", 5},    {"six", 6},
      {"zwei", 2},    {"drei", 3},    {"vier", 4},    {"fünf", 5},    {"deux", 2},
      {"trois", 3},   {"quatre", 4},  {"cinq", 5},    {"dos", 2},     {"tres", 3},
      {"cuatro", 4},  {"cinco", 5},   {"dois", 2},    {"duas", 2},    {"três", 3},
      {"quatro", 4},  {"два", 2},     {"две", 2},     {"двух", 2},    {"три", 3},
      {"трех", 3},    {"трёх", 3},    {"трем", 3},    {"четыре", 4},  {"четырех", 4},
      {"четырёх", 4}, {"пять", 5},    {"trio", 3},    {"两", 2},      {"二", 2},
      {"三", 3},      {"四", 4},      {"五", 5}};
  for (std::size_t i = 0; i < ref.size(); ++i) {
    if (IsAsciiDigit(ref[i]) && (i + 1 == ref.size() || !IsAsciiDigit(ref[i + 1])) &&
        (i == 0 || !IsAsciiDigit(ref[i - 1]))) {
      return ref[i] - '0';
    }
  }
  const std::string folded = FoldCase(ref);
  for (const Word& w : kWords) {
    const std::string_view word(w.text);
    for (std::size_t at = folded.find(word); at != std::string::npos; at = folded.find(word, at + 1)) {
      const bool cjk = static_cast<unsigned char>(word[0]) >= 0xE0;
      const bool starts = at == 0 || !WordCharBefore(folded, at);
      const bool ends = !WordCharAt(folded, at + word.size());
      if (cjk || (starts && ends)) return w.value;
    }
  }
  return 0;
}

bool Overlaps(std::size_t b1, std::size_t e1, std::size_t b2, std::size_t e2) {
  return b1 < e2 && b2 < e1;
}

}  // namespace

// Number of whitespace-separated words in s (CJK runs count by 3 characters).
int WordCount(std::string_view s) {
  int words = 0;
  bool in_word = false;
  int cjk_bytes = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (IsSpace(c)) {
      in_word = false;
    } else {
      if (!in_word) ++words;
      in_word = true;
      if (u >= 0xE0) cjk_bytes += 3;
    }
  }
  return words + cjk_bytes / 9;
}

bool SameClause(const SentenceMentions& m, std::size_t a, std::size_t b) {
  if (a > b) std::swap(a, b);
  for (std::size_t br : m.clause_breaks) {
    if (br > a && br <= b) return false;
  }
  return true;
}

MentionFinder::MentionFinder(const FactLexicon& lex) : lex_(lex) {
  RE2::Options opt;
  opt.set_log_errors(false);
  // Digit boundaries are checked by hand (NotDigitAround): RE2 cannot look
  // behind the start of a sentence.
  year_re_ = std::make_unique<RE2>(R"(((?:19|20)[0-9]{2}))", opt);
  cjk_month_re_ = std::make_unique<RE2>(R"(((?:1[0-2])|(?:0?[1-9]))月)", opt);
  // "7月至9月", "7〜9月期", "4~6月期", "1-6月": a range of months in CJK text.
  cjk_month_range_re_ = std::make_unique<RE2>(
      R"(((?:1[0-2])|(?:0?[1-9]))月?\s*(?:~|〜|-|至|到|－)\s*((?:1[0-2])|(?:0?[1-9]))月)", opt);
}

void MentionFinder::Find(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                         const std::vector<std::pair<std::size_t, std::size_t>>& figures, bool full,
                         SentenceMentions* out) const {
  std::vector<PhraseMatcher::Match> m;
  FindCues(s, b, e, lang, out);
  // Clause breaks: ';', line breaks and clause-opening conjunctions.
  for (std::size_t p = b; p < e; ++p) {
    if (s[p] == ';' || s[p] == '\n') out->clause_breaks.push_back(p);
  }
  for (const CueMention& c : out->cues) {
    if (c.kind == CueKind::kClauseEnd) out->clause_breaks.push_back(c.b);
  }
  std::sort(out->clause_breaks.begin(), out->clause_breaks.end());

  FindEntities(s, b, e, lang, out);
  FindRefs(s, b, e, lang, out);
  if (!full) return;

  m.clear();
  FindMetrics(s, b, e, lang, &out->metrics);
  FindPeriods(s, b, e, lang, figures, out);
  m.clear();
  lex_.modality_matcher.FindAll(s, b, e, lex_.MatchLang(lang), &m);
  for (const auto& x : m) {
    int best = -1;
    for (int p : *x.payloads) {
      if (lex_.Applies(lex_.modality_cues[p].lang, lang)) best = std::max(best, p);
    }
    if (best >= 0) out->modality.push_back({x.begin, x.end, lex_.modality_cues[best].kind});
  }
}

void MentionFinder::FindCues(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                             SentenceMentions* out) const {
  std::vector<PhraseMatcher::Match> m;
  lex_.cue_matcher.FindAll(s, b, e, lex_.MatchLang(lang), &m);
  for (const auto& x : m) {
    for (int p : *x.payloads) {
      const auto& c = lex_.cues[p];
      if (lex_.Applies(c.lang, lang)) out->cues.push_back({x.begin, x.end, c.kind});
    }
  }
}

void MentionFinder::FindMetrics(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                                std::vector<MetricMention>* out) const {
  std::vector<PhraseMatcher::Match> m;
  lex_.metric_matcher.FindAll(s, b, e, lex_.MatchLang(lang), &m);
  // Where rows share a phrase, the later row wins (user lexicons come last).
  for (const auto& x : m) {
    int best = -1;
    for (int p : *x.payloads) {
      if (lex_.Applies(lex_.metric_cues[p].lang, lang)) best = std::max(best, p);
    }
    if (best >= 0) out->push_back({x.begin, x.end, best});
  }
}

// Does a pronoun of `lang` (references.tsv, "its", "seine", "sa") start at
// `pos`, ending before `end`?
bool MentionFinder::PronounAt(std::string_view s, std::size_t pos, std::size_t end,
                              std::string_view lang) const {
  std::vector<PhraseMatcher::Match> m;
  lex_.ref_matcher.FindAll(s, pos, end, lex_.MatchLang(lang), &m);
  for (const auto& x : m) {
    if (x.begin != pos) continue;
    for (int p : *x.payloads) {
      if (lex_.ref_cues[p].kind == RefKind::kPronoun && lex_.Applies(lex_.ref_cues[p].lang, lang)) return true;
    }
  }
  return false;
}

// A day written next to a month name: "Nov 13", "Sept. 30, 2024", "13
// November", "13. November", "13 de noviembre". Sets pm->spec.day and widens
// the mention over it.
static void DayAroundMonth(std::string_view s, std::size_t b, std::size_t e, PeriodMention* pm) {
  auto day_value = [&](std::size_t from, std::size_t to) {
    if (to <= from || to - from > 2) return 0;
    for (std::size_t i = from; i < to; ++i) {
      if (!IsAsciiDigit(s[i])) return 0;
    }
    const int d = std::atoi(std::string(s.substr(from, to - from)).c_str());
    return d >= 1 && d <= 31 ? d : 0;
  };
  // After: one space, one or two digits, then no digit, "%" or decimal part.
  std::size_t a = pm->e;
  if (a < e && s[a] == ' ') {
    std::size_t d = a + 1;
    while (d < e && d - a - 1 < 3 && IsAsciiDigit(s[d])) ++d;
    const bool ends =
        d >= e || !(IsAsciiDigit(s[d]) || s[d] == '%' ||
                    ((s[d] == '.' || s[d] == ',') && d + 1 < e && IsAsciiDigit(s[d + 1])));
    if (ends) {
      if (int day = day_value(a + 1, d)) {
        pm->spec.day = day;
        pm->e = d;
        return;
      }
    }
  }
  // Before: "13 ", "13. ", "13 de ".
  std::size_t z = pm->b;
  for (std::string_view glue : {" de ", ". ", " "}) {
    if (z < b + glue.size() || s.compare(z - glue.size(), glue.size(), glue) != 0) continue;
    std::size_t end = z - glue.size();
    std::size_t d = end;
    while (d > b && end - d < 3 && IsAsciiDigit(s[d - 1])) --d;
    if (d > b && (IsAsciiDigit(s[d - 1]) || s[d - 1] == '.' || s[d - 1] == ',')) continue;
    if (int day = day_value(d, end)) {
      pm->spec.day = day;
      pm->b = d;
      return;
    }
  }
}

void MentionFinder::FindEntities(std::string_view s, std::size_t b, std::size_t e,
                                 std::string_view lang, SentenceMentions* out) const {
  const std::vector<CueMention>& cues = out->cues;
  std::vector<PhraseMatcher::Match> matches;
  lex_.FindEntityNames(s, b, e, lang, &matches);
  std::vector<EntityMention> raw;
  std::size_t skip_until = 0;  // inside an absorbed parenthesis
  for (const auto& m : matches) {
    if (m.begin < skip_until) continue;
    EntityMention em;
    em.b = m.begin;
    em.e = m.end;
    int id = *std::max_element(m.payloads->begin(), m.payloads->end());  // later rows win
    // A company suffix glued to the name belongs to it ("阿里巴巴集团",
    // "騰訊控股", "Alibaba Group Holding").
    for (const CueMention& c : cues) {
      if (c.kind != CueKind::kNameSuffix) continue;
      if (c.b == em.e || (c.b == em.e + 1 && s[em.e] == ' ')) em.e = c.e;
    }
    // A parenthesis right after the name that repeats it or gives a ticker
    // is part of the mention: "騰訊控股（テンセント）", "Alphabet (GOOGL.O)".
    {
      std::size_t p = em.e;
      while (p < e && s[p] == ' ') ++p;
      if (p < e && s[p] == '(') {
        std::size_t close = s.find(')', p);
        if (close != std::string_view::npos && close < e && close - p <= 48) {
          std::string_view inner = s.substr(p + 1, close - p - 1);
          bool same = false;
          for (const auto& other : matches) {
            if (other.begin > p && other.end <= close && *std::max_element(other.payloads->begin(), other.payloads->end()) == id) same = true;
          }
          if (same || LooksLikeTicker(inner)) {
            em.e = close + 1;
            skip_until = close + 1;
          }
        }
      }
    }
    // "owner of TikTok", "владелец TikTok", "TikTok-Mutterkonzern", "TikTok母公司":
    // the subsidiary stands for its parent.
    if (lex_.entities[id].parent >= 0 && lex_.entities[id].kind == EntityKind::kCompany) {
      for (const CueMention& c : cues) {
        bool pre = c.kind == CueKind::kParentPre && c.e <= em.b && em.b - c.e <= 2;
        bool post = c.kind == CueKind::kParentPost && c.b >= em.e && c.b - em.e <= 3;
        if (pre || post) {
          id = lex_.entities[id].parent;
          if (post) em.e = std::max(em.e, c.e);
          break;
        }
      }
    }
    // "the owner of TikTok and Douyin", "... and its Chinese sister app
    // Douyin": a subsidiary listed right after its parent (named or stood
    // for), or after a possessive and a few words, is part of that mention.
    if (!raw.empty() && raw.back().ids.size() == 1 && lex_.entities[id].parent == raw.back().ids[0] &&
        lex_.entities[id].kind == EntityKind::kCompany) {
      bool joined = false;
      for (const CueMention& c : cues) {
        if (c.kind != CueKind::kListSep || c.b < raw.back().e || c.e > em.b) continue;
        std::string_view before = s.substr(raw.back().e, c.b - raw.back().e);
        std::string_view after = s.substr(c.e, em.b - c.e);
        if (before.find_first_not_of(' ') != std::string_view::npos) continue;
        const std::size_t word = after.find_first_not_of(' ');
        joined |= word == std::string_view::npos ||
                  (WordCount(after) <= 5 && after.find(',') == std::string_view::npos &&
                   PronounAt(s, c.e + word, em.b, lang));
      }
      if (joined) {
        raw.back().e = std::max(raw.back().e, em.e);
        continue;
      }
    }
    em.ids.push_back(id);
    em.product = lex_.entities[id].kind == EntityKind::kProduct;
    em.organisation = lex_.entities[id].kind == EntityKind::kOrganisation;
    // Same entity twice in a row ("Alibaba BABA", "TikTok owner ByteDance"): one mention.
    if (!raw.empty() && raw.back().ids.size() == 1 && raw.back().ids[0] == id) {
      std::size_t gap_b = std::min(raw.back().e, em.b);
      std::string_view gap = s.substr(gap_b, em.b - gap_b);
      if (gap.size() <= 3 && gap.find(',') == std::string_view::npos) {
        raw.back().e = std::max(raw.back().e, em.e);
        continue;
      }
    }
    raw.push_back(std::move(em));
  }
  // Roles: possessor, attribution, object position.
  for (EntityMention& em : raw) {
    if (em.e < e && (s.compare(em.e, 2, "'s") == 0 || s[em.e] == '\'' ||
                     (s[em.e] == 's' && (em.e + 1 >= e || !std::isalnum(static_cast<unsigned char>(s[em.e + 1])))))) {
      em.possessive = true;
    }
    // "according to Alibaba" / "据阿里巴巴": the company is the source; not
    // in "据英国《金融时报》报道，阿里巴巴…" or "…によると、アリババ集団" where a
    // comma closes the attribution.
    for (const CueMention& c : cues) {
      if (c.kind != CueKind::kAttribution || c.e > em.b || em.b - c.e > 6) continue;
      std::string_view gap = s.substr(c.e, em.b - c.e);
      if (gap.find(',') == std::string_view::npos && gap.find("、") == std::string_view::npos) {
        em.attributed = true;
      }
    }
    if (em.attributed || em.possessive) continue;
    const std::string before = WordBefore(s, b, em.b);
    // A genitive preposition makes the company the owner of the noun before
    // it ("las ventas de la división ... de Alibaba", "revenue of Alibaba"):
    // a possessor, not an object.
    if (lex_.IsRoleWord(lex_.genitive_preps, before, lang)) {
      em.possessive = true;
      continue;
    }
    if (lex_.IsRoleWord(lex_.object_preps, before, lang)) {
      em.object = true;
      continue;
    }
    // Chinese marks the recipient with a preposition glued to the name
    // ("向智谱注资"); Japanese with a particle after it ("中国企業に出荷").
    if (lex_.ObjectMarkerBefore(s, b, em.b, lang) || lex_.ObjectMarkerAfter(s, em.e, e, lang)) {
      em.object = true;
      continue;
    }
    // "into AI start-up Moonshot": a preposition a few words back, no comma between.
    std::size_t back = em.b >= b + 24 ? em.b - 24 : b;
    std::string_view window = s.substr(back, em.b - back);
    if (window.find(',') == std::string_view::npos) {
      for (const char* p : {" into ", " to ", " in ", " an "}) {
        auto at = window.rfind(p);
        if (at != std::string_view::npos && WordCount(window.substr(at)) <= 4) {
          em.object = true;
          break;
        }
      }
    }
  }
  // Lists: mentions joined only by separators, parentheses and possessives.
  std::vector<std::pair<std::size_t, std::size_t>> seps;
  for (const CueMention& c : cues) {
    if (c.kind == CueKind::kListSep) seps.emplace_back(c.b, c.e);
  }
  // 0: not joinable; 1: joined by commas only (an apposition unless more
  // follows); 2: joined by a conjunction or a list comma ("and", "und", "、").
  auto joinable = [&](std::size_t gb, std::size_t ge) -> int {
    bool saw_sep = false;
    bool saw_word_sep = false;
    std::size_t p = gb;
    while (p < ge) {
      char c = s[p];
      if (IsSpace(c)) {
        ++p;
        continue;
      }
      if (c == '(') {  // skip a parenthetical aside ("Meta (…) and Microsoft")
        auto close = s.find(')', p);
        if (close == std::string_view::npos || close >= ge || close - p > 120) return 0;
        p = close + 1;
        continue;
      }
      if (c == '\'' && s.compare(p, 2, "'s") == 0) {
        p += 2;
        continue;
      }
      if (c == '*') {  // a footnote mark ("Meta* и Microsoft")
        ++p;
        continue;
      }
      bool matched = false;
      for (auto& [sb, se] : seps) {
        if (sb == p && se <= ge) {
          if (s[p] != ',') saw_word_sep = true;
          p = se;
          saw_sep = true;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (c == ',') {
        ++p;
        saw_sep = true;
        continue;
      }
      // A separator glued to the previous word ("TCEHYAnd Baidu").
      std::size_t w = p;
      while (w < ge && !IsSpace(s[w]) && s[w] != ',') ++w;
      std::string word = FoldCase(s.substr(p, w - p));
      if (std::find(lex_.list_separators.begin(), lex_.list_separators.end(), word) ==
          lex_.list_separators.end()) {
        return 0;
      }
      p = w;
      saw_sep = true;
      saw_word_sep = true;
    }
    return saw_word_sep ? 2 : saw_sep ? 1 : 0;
  };
  auto related = [&](int x, int y) {
    return lex_.entities[x].parent == y || lex_.entities[y].parent == x;
  };
  auto listable = [&](const EntityMention& em) {
    return !em.product && !em.organisation && !em.attributed;
  };
  for (std::size_t i = 0; i < raw.size();) {
    // Extend while joined; a list must end with a conjunction ("A, B and C"):
    // "von TikTok, ByteDance," is an apposition, not a list.
    std::size_t j = i;
    std::size_t last_good = i;
    while (j + 1 < raw.size() && listable(raw[j]) && listable(raw[j + 1]) &&
           !related(raw[j].ids[0], raw[j + 1].ids[0])) {
      int how = joinable(raw[j].e, raw[j + 1].b);
      if (how == 0) break;
      ++j;
      if (how == 2) last_good = j;
    }
    j = last_good;
    if (j > i) {
      EntityMention list;
      list.b = raw[i].b;
      list.e = raw[j].e;
      list.object = raw[i].object;
      list.attributed = raw[i].attributed;
      // "Alibaba and Tencent's", and "os investimentos de Tencent, Alibaba e
      // Baidu" (a genitive preposition before the first member).
      list.possessive = raw[j].possessive || raw[i].possessive;
      for (std::size_t k = i; k <= j; ++k) {
        for (int id : raw[k].ids) {
          if (std::find(list.ids.begin(), list.ids.end(), id) == list.ids.end()) list.ids.push_back(id);
        }
      }
      out->entities.push_back(std::move(list));
    } else {
      out->entities.push_back(std::move(raw[i]));
    }
    i = j + 1;
  }
  (void)lang;
}

void MentionFinder::FindRefs(std::string_view s, std::size_t b, std::size_t e,
                             std::string_view lang, SentenceMentions* out) const {
  std::vector<RefMention> refs;
  std::vector<PhraseMatcher::Match> m;
  lex_.ref_matcher.FindAll(s, b, e, lex_.MatchLang(lang), &m);
  for (const auto& x : m) {
    int best = -1;
    bool company = false;
    for (int p : *x.payloads) {
      if (!lex_.Applies(lex_.ref_cues[p].lang, lang)) continue;
      best = std::max(best, p);
      company |= lex_.ref_cues[p].kind == RefKind::kCompany;
    }
    if (best >= 0) {
      RefMention r{x.begin, x.end, lex_.ref_cues[best].kind};
      r.or_company = r.kind == RefKind::kGroup && company;
      refs.push_back(r);
    }
  }
  // Determiner + up to three words + head noun ("the Hangzhou-based group").
  for (const HeadPattern& hp : lex_.head_patterns) {
    if (!lex_.Applies(hp.lang, lang)) continue;
    re2::StringPiece input(s.data(), e);
    std::size_t pos = b;
    re2::StringPiece cap;
    while (pos < e && hp.re->Match(input, pos, e, RE2::UNANCHORED, &cap, 1)) {
      std::size_t rb = static_cast<std::size_t>(cap.data() - s.data());
      std::size_t re = rb + cap.size();
      pos = re > rb ? re : rb + 1;
      if (WordCharBefore(s, rb) || WordCharAt(s, re)) {
        pos = rb + 1;
        continue;
      }
      bool taken = false;
      for (const RefMention& r : refs) taken |= Overlaps(rb, re, r.b, r.e);
      if (taken) continue;
      // The head is the last word.
      std::size_t hb = re;
      while (hb > rb && !IsSpace(s[hb - 1]) && s[hb - 1] != '\'') --hb;
      std::string head = FoldCase(s.substr(hb, re - hb));
      bool group = std::find(hp.group_heads.begin(), hp.group_heads.end(), head) != hp.group_heads.end();
      refs.push_back({rb, re, group ? RefKind::kGroup : RefKind::kCompany});
    }
  }
  std::sort(refs.begin(), refs.end(), [](const RefMention& x, const RefMention& y) { return x.b < y.b; });
  for (RefMention& r : refs) {
    bool inside_entity = false;
    for (const EntityMention& em : out->entities) inside_entity |= Overlaps(r.b, r.e, em.b, em.e);
    if (inside_entity) continue;
    const bool possessive = r.e < e && s.compare(r.e, 2, "'s") == 0;
    if (!possessive && r.kind != RefKind::kPronoun && r.kind != RefKind::kRelative &&
        lex_.IsRoleWord(lex_.object_preps, WordBefore(s, b, r.b), lang)) {
      r.object = true;
    }
    // Apposition or relative pronoun: "Tencent, the gaming group, ...",
    // "Alibaba, которая ...": the entity named right before the comma.
    int nearest = -1;
    for (std::size_t i = 0; i < out->entities.size(); ++i) {
      if (out->entities[i].e <= r.b) nearest = static_cast<int>(i);
    }
    if (nearest >= 0) {
      std::string_view gap = s.substr(out->entities[nearest].e, r.b - out->entities[nearest].e);
      bool comma_gap = gap.size() <= 3 && gap.find(',') != std::string_view::npos;
      const EntityMention& ante = out->entities[nearest];
      if (comma_gap && !ante.organisation && !ante.attributed && !ante.product &&
          (r.kind == RefKind::kCompany || r.kind == RefKind::kRelative)) {
        r.antecedent = nearest;
      }
    }
    if (r.kind == RefKind::kRelative && r.antecedent < 0) continue;
    if (r.kind == RefKind::kGroup) r.count = NumeralIn(s.substr(r.b, r.e - r.b));
    out->refs.push_back(r);
  }
}

void MentionFinder::FindPeriods(std::string_view s, std::size_t b, std::size_t e,
                                std::string_view lang,
                                const std::vector<std::pair<std::size_t, std::size_t>>& figures,
                                SentenceMentions* out) const {
  auto in_figure = [&](std::size_t x, std::size_t y) {
    for (const auto& [fb, fe] : figures) {
      if (Overlaps(x, y, fb, fe)) return true;
    }
    return false;
  };
  struct YearTok {
    std::size_t b, e;
    int year;
    bool used = false;
  };
  std::vector<YearTok> years;
  {
    re2::StringPiece input(s.data(), e);
    std::size_t pos = b;
    re2::StringPiece cap[2];
    while (pos < e && year_re_->Match(input, pos, e, RE2::UNANCHORED, cap, 2)) {
      std::size_t yb = static_cast<std::size_t>(cap[1].data() - s.data());
      std::size_t ye = yb + cap[1].size();
      pos = yb + 1;
      if (!NotDigitAround(s, yb, ye)) continue;
      pos = ye;
      if (!in_figure(yb, ye)) years.push_back({yb, ye, std::atoi(std::string(cap[1].data(), 4).c_str())});
    }
  }
  // Japanese papers write the year in two digits: "25年の設備投資", "24年1〜6月期"
  // (not a duration: "25年ぶり", "10年間", "5年前").
  if (lang == "ja") {
    static constexpr std::string_view kNen = "年";
    static constexpr std::string_view kDuration[] = {"ぶり", "間", "前", "後", "来", "以", "余", "超", "近",
                                                     "弱", "強", "連", "目", "ごと", "半", "分", "越"};
    for (std::size_t p = s.find(kNen, b); p != std::string_view::npos && p < e; p = s.find(kNen, p + 1)) {
      if (p < b + 2 || !std::isdigit(static_cast<unsigned char>(s[p - 1])) ||
          !std::isdigit(static_cast<unsigned char>(s[p - 2]))) {
        continue;
      }
      const std::size_t yb = p - 2;
      if (yb > 0 && (std::isdigit(static_cast<unsigned char>(s[yb - 1])) || s[yb - 1] == '.')) continue;
      std::string_view next = s.substr(p + kNen.size(), std::min<std::size_t>(6, e - p - kNen.size()));
      bool duration = false;
      for (std::string_view d : kDuration) duration |= next.substr(0, d.size()) == d;
      const int yy = (s[yb] - '0') * 10 + (s[yb + 1] - '0');
      if (duration || yy < 10 || yy > 49 || in_figure(yb, p)) continue;
      years.push_back({yb, p, 2000 + yy});
    }
  }
  std::vector<PhraseMatcher::Match> matches;
  lex_.period_matcher.FindAll(s, b, e, lex_.MatchLang(lang), &matches);
  std::vector<PeriodMention> units;
  struct Marker {
    std::size_t b, e;
    PeriodKind kind;
  };
  std::vector<Marker> markers;  // by/in/fiscal year cues, range separators, "quarter to"
  std::vector<std::size_t> month_units;
  for (const auto& m : matches) {
    // A phrase may be a marker and a period word at once ("bis": "bis 2025"
    // and "Juli bis September"): markers of every applicable row, one unit.
    const LangCue<PeriodKind>* cue = nullptr;
    for (int p : *m.payloads) {
      const auto& c = lex_.period_cues[p];
      if (!lex_.Applies(c.lang, lang)) continue;
      switch (c.kind) {
        case PeriodKind::kByYear:
        case PeriodKind::kInYear:
        case PeriodKind::kFiscal:
        case PeriodKind::kQuarterTo:
        case PeriodKind::kHalfTo:
        case PeriodKind::kRangeSep:
        case PeriodKind::kRangeOpen:
          markers.push_back({m.begin, m.end, c.kind});
          break;
        default:
          if (cue == nullptr) cue = &c;
      }
    }
    if (cue == nullptr) continue;
    // "May", "March": capitalised month names must be capitalised in the text.
    if (cue->capitalised && !IsAsciiUpper(s[m.begin]) && static_cast<unsigned char>(s[m.begin]) < 0x80) {
      continue;
    }
    PeriodMention pm;
    pm.b = m.begin;
    pm.e = m.end;
    switch (cue->kind) {
      case PeriodKind::kHalf:
        pm.spec.unit = PeriodSpec::Unit::kHalf;
        pm.spec.sub = cue->value;
        break;
      case PeriodKind::kQuarter:
        pm.spec.unit = PeriodSpec::Unit::kQuarter;
        pm.spec.sub = cue->value;
        break;
      case PeriodKind::kMonth:
        if (in_figure(m.begin, m.end)) continue;
        pm.spec.unit = PeriodSpec::Unit::kMonth;
        pm.spec.sub = cue->value;
        DayAroundMonth(s, b, e, &pm);
        break;
      case PeriodKind::kYearRel:
        pm.spec.relative = true;
        pm.spec.rel_years = cue->value;
        break;
      case PeriodKind::kMonthRel:
        pm.spec.unit = PeriodSpec::Unit::kMonth;
        pm.spec.month_relative = true;
        pm.spec.rel_months = cue->value;
        break;
      case PeriodKind::kSameRel:
        pm.spec.same_as_ref = true;
        pm.spec.rel_years = cue->value;
        break;
      case PeriodKind::kSamePeriod:
        pm.spec.anaphoric = true;
        break;
      case PeriodKind::kSpanNext:
        pm.spec.unit = PeriodSpec::Unit::kSpan;
        pm.spec.sub = cue->value;
        break;
      default:
        continue;
    }
    units.push_back(pm);
  }
  // Chinese/Japanese months: "2月", "2024年2月"; ranges "7月至9月", "4~6月期".
  if (lang == "zh" || lang == "ja") {
    re2::StringPiece input(s.data(), e);
    std::size_t pos = b;
    re2::StringPiece cap[3];
    while (pos < e && cjk_month_range_re_->Match(input, pos, e, RE2::UNANCHORED, cap, 3)) {
      std::size_t mb = static_cast<std::size_t>(cap[1].data() - s.data());
      std::size_t me = static_cast<std::size_t>(cap[2].data() - s.data()) + cap[2].size() + 3;
      pos = mb + 1;
      if (!NotDigitAround(s, mb, mb + cap[1].size())) continue;
      pos = me;
      if (in_figure(mb, me)) continue;
      int m1 = std::atoi(std::string(cap[1].data(), cap[1].size()).c_str());
      int m2 = std::atoi(std::string(cap[2].data(), cap[2].size()).c_str());
      if (s.compare(me, 3, "期") == 0) me += 3;
      PeriodMention a, z;
      a.b = mb;
      a.e = mb + cap[1].size();
      a.spec.unit = PeriodSpec::Unit::kMonth;
      a.spec.sub = m1;
      z.b = static_cast<std::size_t>(cap[2].data() - s.data());
      z.e = me;
      z.spec.unit = PeriodSpec::Unit::kMonth;
      z.spec.sub = m2;
      bool covered = false;
      for (const PeriodMention& u : units) covered |= Overlaps(mb, me, u.b, u.e);
      if (!covered) {
        units.push_back(a);
        markers.push_back({a.e, z.b, PeriodKind::kRangeSep});
        units.push_back(z);
      }
    }
    pos = b;
    re2::StringPiece mcap[2];
    while (pos < e && cjk_month_re_->Match(input, pos, e, RE2::UNANCHORED, mcap, 2)) {
      std::size_t mb = static_cast<std::size_t>(mcap[1].data() - s.data());
      std::size_t me = mb + mcap[1].size() + 3;  // "月" is 3 bytes
      pos = mb + 1;
      if (!NotDigitAround(s, mb, mb + mcap[1].size())) continue;
      pos = me;
      bool covered = false;
      for (const PeriodMention& u : units) covered |= Overlaps(mb, me, u.b, u.e);
      bool period_word = s.compare(me, 3, "期") == 0 || s.compare(me, 3, "末") == 0;
      if (covered || in_figure(mb, me) || period_word || s.compare(me, 3, "日") == 0) continue;
      PeriodMention pm;
      pm.b = mb;
      pm.e = me;
      pm.spec.unit = PeriodSpec::Unit::kMonth;
      pm.spec.sub = std::atoi(std::string(mcap[1].data(), mcap[1].size()).c_str());
      // "11月13日": the day too.
      std::size_t d = me;
      while (d < e && d - me < 2 && IsAsciiDigit(s[d])) ++d;
      if (d > me && s.compare(d, 3, "日") == 0) {
        const int day = std::atoi(std::string(s.substr(me, d - me)).c_str());
        if (day >= 1 && day <= 31) {
          pm.spec.day = day;
          pm.e = d + 3;
        }
      }
      units.push_back(pm);
    }
    // A day alone ("截至26日收盘", "17日の終値"): of the article's month.
    for (std::size_t p = s.find("日", b); p != std::string_view::npos && p < e; p = s.find("日", p + 3)) {
      std::size_t d = p;
      while (d > b && p - d < 2 && IsAsciiDigit(s[d - 1])) --d;
      if (d == p || (d > b && IsAsciiDigit(s[d - 1]))) continue;
      if (d >= 3 && (s.compare(d - 3, 3, "月") == 0 || s.compare(d - 3, 3, "年") == 0)) continue;
      const int day = std::atoi(std::string(s.substr(d, p - d)).c_str());
      if (day < 1 || day > 31 || in_figure(d, p + 3)) continue;
      bool covered = false;
      for (const PeriodMention& u : units) covered |= Overlaps(d, p + 3, u.b, u.e);
      if (covered) continue;
      PeriodMention pm;
      pm.b = d;
      pm.e = p + 3;
      pm.spec.day_only = true;
      pm.spec.day = day;
      units.push_back(pm);
    }
  }
  std::sort(units.begin(), units.end(), [](const auto& x, const auto& y) { return x.b < y.b; });
  auto marker_between = [&](std::size_t gb, std::size_t ge, PeriodKind kind) {
    // The gap holds only that marker (and spaces, "年").
    for (const Marker& mk : markers) {
      if (mk.kind != kind || mk.b < gb || mk.e > ge) continue;
      std::string_view before = s.substr(gb, mk.b - gb), after = s.substr(mk.e, ge - mk.e);
      auto blank = [](std::string_view x) {
        while (!x.empty() && (x.front() == ' ' || x.front() == '-')) x.remove_prefix(1);
        while (!x.empty() && (x.back() == ' ' || x.back() == '-')) x.remove_suffix(1);
        return x.empty() || x == "年";
      };
      if (blank(before) && blank(after)) return true;
    }
    std::string_view gap = s.substr(gb, ge - gb);
    return gap == "-" || gap == " - " || gap == "~" || gap == "〜" || gap == "年-" || gap == "年~" ||
           gap == "年〜";
  };
  // "between July and September", "zwischen 2025 und 2027": a range opener
  // right before the first and a conjunction alone between the two.
  auto opened_and_joined = [&](std::size_t first_b, std::size_t first_e, std::size_t second_b) {
    if (second_b - first_e > 8) return false;
    bool conj = false;
    for (const CueMention& c : out->cues) {
      if (c.kind == CueKind::kListSep && c.b > first_e && c.e <= second_b) conj = true;
    }
    if (!conj) return false;
    for (const Marker& mk : markers) {
      if (mk.kind == PeriodKind::kRangeOpen && mk.e <= first_b && first_b - mk.e <= 6) return true;
    }
    return false;
  };
  // Month ranges: "April-to-June quarter", "Juli bis September", "7〜9月期",
  // "between April and June" -> the quarter or half they cover; any other
  // range is no period we report.
  {
    std::vector<PeriodMention> merged;
    for (std::size_t i = 0; i < units.size(); ++i) {
      PeriodMention u = units[i];
      // "July-to-September quarter": the second month is part of a
      // "September quarter" phrase; the range still names that quarter.
      if (u.spec.unit == PeriodSpec::Unit::kMonth && i + 1 < units.size() &&
          units[i + 1].spec.unit == PeriodSpec::Unit::kQuarter && units[i + 1].b >= u.e &&
          (u.spec.sub - 1) / 3 + 1 == units[i + 1].spec.sub &&
          marker_between(u.e, units[i + 1].b, PeriodKind::kRangeSep)) {
        PeriodMention r = units[i + 1];
        r.b = u.b;
        merged.push_back(r);
        ++i;
        continue;
      }
      if (u.spec.unit == PeriodSpec::Unit::kMonth && i + 1 < units.size() &&
          units[i + 1].spec.unit == PeriodSpec::Unit::kMonth && units[i + 1].b >= u.e &&
          (marker_between(u.e, units[i + 1].b, PeriodKind::kRangeSep) ||
           opened_and_joined(u.b, u.e, units[i + 1].b))) {
        const int m1 = u.spec.sub, m2 = units[i + 1].spec.sub;
        PeriodMention r;
        r.b = u.b;
        r.e = units[i + 1].e;
        if (m2 - m1 == 2 && (m1 - 1) % 3 == 0) {
          r.spec.unit = PeriodSpec::Unit::kQuarter;
          r.spec.sub = (m1 - 1) / 3 + 1;
        } else if (m2 - m1 == 5 && (m1 == 1 || m1 == 7)) {
          r.spec.unit = PeriodSpec::Unit::kHalf;
          r.spec.sub = m1 == 1 ? 1 : 2;
        }  // else: an unaligned range, left as an empty (unknown) period
        merged.push_back(r);
        ++i;
        continue;
      }
      merged.push_back(u);
    }
    units.swap(merged);
  }
  // "quarter to June", "six months to the end of June": the period ending with that month.
  for (const Marker& mk : markers) {
    if (mk.kind != PeriodKind::kQuarterTo && mk.kind != PeriodKind::kHalfTo) continue;
    for (PeriodMention& u : units) {
      if (u.spec.unit != PeriodSpec::Unit::kMonth || u.b < mk.e || u.b - mk.e > 16) continue;
      std::string_view gap = s.substr(mk.e, u.b - mk.e);
      if (!(gap == " " || gap == " the end of " || gap == " end-" || gap == " end ")) continue;
      const int month = u.spec.sub;
      u.b = mk.b;
      if (mk.kind == PeriodKind::kQuarterTo) {
        u.spec.unit = PeriodSpec::Unit::kQuarter;
        u.spec.sub = (month - 1) / 3 + 1;
      } else {
        u.spec.unit = PeriodSpec::Unit::kHalf;
        u.spec.sub = month <= 6 ? 1 : 2;
      }
      break;
    }
  }
  // Year ranges: "between 2025 and 2027", "2025 bis 2027", "2025年至2027年",
  // "2025〜2027年" -> a span of years.
  for (std::size_t i = 0; i + 1 < years.size(); ++i) {
    YearTok& y1 = years[i];
    YearTok& y2 = years[i + 1];
    if (y1.used || y2.used || y2.year <= y1.year || y2.year - y1.year > 10) continue;
    const bool range =
        marker_between(y1.e, y2.b, PeriodKind::kRangeSep) || opened_and_joined(y1.b, y1.e, y2.b);
    if (!range) continue;
    PeriodMention pm;
    pm.b = y1.b;
    pm.e = y2.e;
    if (s.compare(pm.e, 3, "年") == 0) pm.e += 3;
    pm.spec.unit = PeriodSpec::Unit::kSpan;
    pm.spec.year = y1.year;
    pm.spec.sub = y2.year - y1.year + 1;
    for (const Marker& mk : markers) {
      if (mk.kind == PeriodKind::kRangeOpen && mk.e <= y1.b && y1.b - mk.e <= 6) pm.b = mk.b;
    }
    y1.used = y2.used = true;
    units.push_back(pm);
  }
  // Attach years to units: "first half of 2024", "2024年上半年", "H1 2024".
  auto gap_ok = [&](std::size_t gb, std::size_t ge, std::size_t max_len) {
    if (ge < gb || ge - gb > max_len) return false;
    std::string_view gap = s.substr(gb, ge - gb);
    for (std::string_view filler : {" ", "of ", " of ", " de ", " del ", " des Jahres ", "年", "年的",
                                   " года", " г.", ", ", " in ", " im Jahr ", "年度", "年の"}) {
      if (gap == filler) return true;
    }
    return gap.empty() || gap == "-";
  };
  for (PeriodMention& u : units) {
    if (u.spec.unit == PeriodSpec::Unit::kSpan && u.spec.year > 0) continue;
    for (YearTok& y : years) {
      if (y.used) continue;
      if (y.b >= u.e && gap_ok(u.e, y.b, 12)) {  // unit then year
        u.spec.year = y.year;
        u.e = y.e;
        y.used = true;
        break;
      }
      if (y.e <= u.b && gap_ok(y.e, u.b, 8)) {  // year then unit
        u.spec.year = y.year;
        u.b = y.b;
        y.used = true;
        break;
      }
    }
    // "the same period in 2023": the year that follows names the year.
    if (u.spec.same_as_ref && u.spec.year == 0) {
      for (YearTok& y : years) {
        if (!y.used && y.b >= u.e && y.b - u.e <= 2) {
          u.spec.year = y.year;
          u.e = y.e;
          y.used = true;
        }
      }
    }
  }
  // Remaining years: a period when introduced by a preposition ("in 2024",
  // "by 2025") or written as "2024年" / "2024 года".
  for (YearTok& y : years) {
    if (y.used) continue;
    PeriodMention pm;
    pm.b = y.b;
    pm.e = y.e;
    pm.spec.unit = PeriodSpec::Unit::kYear;
    pm.spec.year = y.year;
    bool accept = false;
    for (const Marker& mk : markers) {
      if ((mk.kind == PeriodKind::kByYear || mk.kind == PeriodKind::kInYear ||
           mk.kind == PeriodKind::kFiscal) &&
          mk.e <= y.b && y.b - mk.e <= 1) {
        accept = true;
        pm.b = mk.b;
        if (mk.kind == PeriodKind::kByYear) pm.spec.target = true;
      }
    }
    if (s.compare(y.e, 3, "年") == 0 && s.compare(y.e, 6, "年前") != 0) {
      accept = true;
      pm.e = y.e + 3;
    }
    if (s.compare(y.e, 5, " год") == 0 || s.compare(y.e, 4, " г.") == 0) accept = true;
    // "FY2024", "fiscal 2024".
    if (y.b >= 2 && s.compare(y.b - 2, 2, "FY") == 0) accept = true;
    // by_year phrases that follow the year (Japanese "2025年までに").
    for (const Marker& mk : markers) {
      if (mk.kind == PeriodKind::kByYear && mk.b >= y.e && mk.b - y.e <= 3) {
        accept = true;
        pm.spec.target = true;
      }
    }
    if (accept) units.push_back(pm);
  }
  std::sort(units.begin(), units.end(), [](const auto& x, const auto& y) { return x.b < y.b; });
  out->periods.insert(out->periods.end(), units.begin(), units.end());
}

}  // namespace newsfacts::extract
