// Fact extraction: figures + entity + metric + period, sentence by sentence.
//
// For every sentence (of the NFKC-normalised article text) the MentionFinder
// (fact_mentions.h) collects entities and entity lists, references ("the
// company"), metric cues, period expressions, change/comparison/attribution
// cues and modality cues. Each figure then gets a role — a value, a change of
// a value, a stated conversion of another figure, or a comparison value for
// an earlier period — and its slots are filled from the nearest fitting
// mentions in the same clause. What a sentence leaves implicit comes from a
// short discourse memory: the last subject company, list and product, and the
// last fact (its metric and period, for elliptical sentences such as
// "Tencent's jumped 176% to Rmb23bn" or "前年同期は230億元だった").
//
// Every rule below handles one linguistic pattern and says which in a
// comment; the words themselves are in the lexicons (extract/lexicons/).
// All offsets are in normalised text until the evidence sentence is mapped
// back to the original article text.
#include "newsfacts/facts.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "fact_lexicon.h"
#include "fact_mentions.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"
#include "periods.h"
#include "phrase_matcher.h"

namespace newsfacts {

std::string_view ModalityName(Modality m) {
  switch (m) {
    case Modality::kActual: return "actual";
    case Modality::kForecast: return "forecast";
    case Modality::kPlan: return "plan";
  }
  return "actual";
}

Modality ModalityFromName(std::string_view name) {
  if (name == "forecast") return Modality::kForecast;
  if (name == "plan") return Modality::kPlan;
  return Modality::kActual;
}

namespace {

using extract::CueKind;
using extract::WordCount;
using extract::CueMention;
using extract::Date;
using extract::EntityKind;
using extract::EntityMention;
using extract::FactLexicon;
using extract::MentionFinder;
using extract::MetricMention;
using extract::ModalityKind;
using extract::ModalityMention;
using extract::PeriodMention;
using extract::PeriodSpec;
using extract::PhraseMatcher;
using extract::RefKind;
using extract::RefMention;
using extract::ResolvedPeriod;
using extract::SameClause;
using extract::SentenceMentions;

enum class Role { kValue, kChange, kConversion, kSkip };

struct FigureSlot {
  const Figure* fig = nullptr;
  std::size_t b = 0, e = 0;  // normalised offsets
  Role role = Role::kValue;
  bool money = false;        // an amount of money (possibly with an elided currency)
  std::string currency;      // its currency
  Qualifier qualifier = Qualifier::kNone;
  double change_value = 0;   // kChange: percent change, signed
  int change_target = -1;    // kChange: the value it modifies, or -1
  std::optional<double> change;  // kValue: its change, if stated
  std::vector<int> conversions;  // kValue: its stated conversions
  int compared_with = -1;        // kValue: the main value this one is compared with
};

// What the discourse remembers of a fact.
struct FactMemo {
  std::vector<int> entity;
  std::string metric;
  ResolvedPeriod period;
  std::string unit;
};

// How many sentences the story's period carries over to figures without one.
constexpr int kStoryPeriodSentences = 6;

// Discourse memory across sentences. Ages count sentences since the item was
// last mentioned.
struct Memory {
  int subject = -1;  // last subject company
  int subject_age = 99;
  std::vector<int> group;  // last list of two or more entities
  std::vector<std::vector<int>> groups;  // the last few lists, most recent last
  int product = -1;
  int product_age = 99;
  std::optional<FactMemo> fact;  // last main fact
  int fact_age = 99;
  std::optional<FactMemo> change_fact;  // last fact that stated a change
  int change_fact_age = 99;
  // Periods stated outright in the last sentences (not the base of a
  // comparison, not a future one, not a passing "this year"), for results
  // given without a period. Sentences with figures add theirs as they are
  // read; those without are kept as spans and read only when a figure needs
  // the story's period (most never do).
  int sentence_no = 0;  // sentences read, quotes not counted
  std::vector<std::pair<ResolvedPeriod, int>> stated;  // with their sentence numbers
  std::vector<std::pair<TextSpan, int>> quiet;          // sentences without figures
  std::pair<TextSpan, int> last_quiet{{0, 0}, -100};     // the last of them, kept
};

std::size_t LowerBoundOffset(const NormalizedText& n, std::size_t original) {
  auto it = std::lower_bound(n.offsets.begin(), n.offsets.end(), static_cast<std::uint32_t>(original));
  return static_cast<std::size_t>(it - n.offsets.begin());
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// A sentence is read as a whole while it is at most this long and states at
// most this many figures; past that it is a table or a list flattened into
// text, and reading its roles compares every figure with every other one.
// Such a run is read in pieces cut between figures, at a clause mark if
// there is one.
constexpr std::size_t kMaxSentenceBytes = 3000;
constexpr std::size_t kMaxSentenceFigures = 32;

// The pieces of [sb, se) to read as sentences; `slots` are the sentence's
// figures, sorted. No cut falls inside a figure, and each piece ends at the
// last clause mark (";", ",", "，", "；", "、", a line break) of its second
// half, else at its last space, else where the limit falls.
std::vector<TextSpan> SentencePieces(std::string_view s, std::size_t sb, std::size_t se,
                                     const std::vector<FigureSlot>& slots) {
  if (se - sb <= kMaxSentenceBytes && slots.size() <= kMaxSentenceFigures) return {{sb, se}};
  std::vector<TextSpan> pieces;
  std::size_t start = sb;
  std::size_t next = 0;  // first figure not yet in a piece
  auto inside_figure = [&](std::size_t pos) {
    for (std::size_t k = next; k < slots.size() && slots[k].b < pos; ++k) {
      if (pos < slots[k].e) return true;
    }
    return false;
  };
  while (se - start > kMaxSentenceBytes || slots.size() - next > kMaxSentenceFigures) {
    std::size_t limit = std::min(se, start + kMaxSentenceBytes);
    if (slots.size() - next > kMaxSentenceFigures) limit = std::min(limit, slots[next + kMaxSentenceFigures].b);
    std::size_t cut = 0;
    for (std::size_t p = limit; p > start + (limit - start) / 2 && cut == 0; --p) {
      const char c = s[p - 1];
      const bool mark = c == ';' || c == ',' || c == '\n' || s.substr(0, p).ends_with("\uFF0C") ||
                        s.substr(0, p).ends_with("\uFF1B") || s.substr(0, p).ends_with("\u3001");
      if (mark && !inside_figure(p)) cut = p;
    }
    for (std::size_t p = limit; p > start && cut == 0; --p) {
      if (s[p - 1] == ' ' && !inside_figure(p)) cut = p;
    }
    if (cut == 0) {
      cut = limit;
      while (cut < se && (inside_figure(cut) || (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)) ++cut;
    }
    if (cut <= start) cut = start + 1;  // (limit > start always; kept for safety)
    pieces.push_back({start, cut});
    start = cut;
    while (next < slots.size() && slots[next].b < start) ++next;
  }
  if (start < se) pieces.push_back({start, se});
  return pieces;
}


bool IsSpendingMetric(std::string_view metric) { return metric == "capex" || metric == "investment"; }
bool IsProductMetric(std::string_view metric) { return metric == "shipments" || metric == "unit_price"; }

class FactExtractorImpl final : public FactExtractor {
 public:
  explicit FactExtractorImpl(std::unique_ptr<FactLexicon> lex)
      : owned_(std::move(lex)), lex_(owned_.get()), finder_(*lex_) {}
  // Uses `lex`, which must outlive the extractor.
  explicit FactExtractorImpl(const FactLexicon* lex) : lex_(lex), finder_(*lex_) {}

  std::vector<Fact> Extract(const Article& article) const override {
    std::string lang = article.lang.empty() ? DetectLanguage(article.text) : article.lang;
    std::vector<Figure> figures = FigureExtractor::Default().Extract(article.text, lang);
    return Extract(article, figures);
  }

  std::vector<Fact> Extract(const Article& article, const std::vector<Figure>& figures) const override {
    return ExtractWith(article, figures, nullptr);
  }
  std::vector<Fact> Extract(const Article& article, const std::vector<Figure>& figures,
                            const PreparedText& prepared) const override {
    return ExtractWith(article, figures, &prepared);
  }
  std::vector<Fact> ExtractWith(const Article& article, const std::vector<Figure>& figures,
                                const PreparedText* prepared) const;

 private:
  struct Context {
    const Article* article;
    std::string lang;
    Date published;
    const NormalizedText* norm;
    bool capex_topic = false;
  };

  bool CapexTopic(std::string_view text, const Context& cx) const;
  std::vector<Fact> ExtractSentence(const Context& cx, std::size_t sb, std::size_t se,
                                    std::vector<FigureSlot>& slots, Memory& memory) const;

  std::unique_ptr<FactLexicon> owned_;  // unless the lexicon is shared
  const FactLexicon* lex_;
  MentionFinder finder_;
};

// Does the text mention capital spending by name (a strong capex cue)?
// Then a bare spending verb ("spent", "投入") means capex, else investment.
bool FactExtractorImpl::CapexTopic(std::string_view text, const Context& cx) const {
  std::vector<PhraseMatcher::Match> m;
  lex_->metric_matcher.FindAll(text, 0, text.size(), lex_->MatchLang(cx.lang), &m);
  for (const auto& x : m) {
    for (int p : *x.payloads) {
      const auto& c = lex_->metric_cues[p];
      if (c.metric == "capex" && c.strong && lex_->Applies(c.lang, cx.lang)) return true;
    }
  }
  return false;
}

std::vector<Fact> FactExtractorImpl::ExtractWith(const Article& article, const std::vector<Figure>& figures,
                                                 const PreparedText* prepared) const {
  std::vector<Fact> facts;
  if (article.text.empty()) return facts;
  Context cx;
  cx.article = &article;
  cx.lang = NormalizeLangTag(article.lang.empty() ? DetectLanguage(article.text) : article.lang);
  cx.published = extract::ParseIsoDate(article.published);
  if (prepared != nullptr && prepared->lang != cx.lang) prepared = nullptr;  // split for another language
  PreparedText own;
  if (prepared == nullptr) {
    own = PrepareText(article.text, cx.lang);
    prepared = &own;
  }
  const NormalizedText& norm = prepared->norm;
  cx.norm = &norm;
  const std::string& s = norm.text;
  cx.capex_topic = CapexTopic(NormalizeText(article.title).text, cx) || CapexTopic(s, cx);

  // Figures in normalised coordinates, sorted.
  std::vector<FigureSlot> all;
  all.reserve(figures.size());
  for (const Figure& f : figures) {
    if (f.kind == FigureKind::kChip) continue;
    FigureSlot slot;
    slot.fig = &f;
    slot.b = LowerBoundOffset(norm, f.start);
    slot.e = LowerBoundOffset(norm, f.end);
    if (slot.e <= slot.b) continue;
    slot.money = f.kind == FigureKind::kMoney;
    slot.currency = f.currency;
    slot.qualifier = f.qualifier;
    all.push_back(slot);
  }
  std::sort(all.begin(), all.end(), [](const FigureSlot& a, const FigureSlot& b) { return a.b < b.b; });

  Memory memory;
  std::size_t next_fig = 0;
  auto figures_in = [&](std::size_t b, std::size_t e) {
    std::vector<FigureSlot> slots;
    while (next_fig < all.size() && all[next_fig].b < b) ++next_fig;
    for (std::size_t k = next_fig; k < all.size() && all[k].b < e; ++k) {
      if (all[k].e <= e) slots.push_back(all[k]);
    }
    return slots;
  };
  for (const TextSpan& sent : prepared->sentences) {
    const std::size_t first_fig = next_fig;
    std::vector<FigureSlot> slots = figures_in(sent.begin, sent.end);
    std::vector<TextSpan> pieces = SentencePieces(s, sent.begin, sent.end, slots);
    if (pieces.size() == 1) {
      std::vector<Fact> got = ExtractSentence(cx, sent.begin, sent.end, slots, memory);
      for (Fact& f : got) facts.push_back(std::move(f));
      continue;
    }
    next_fig = first_fig;
    for (const TextSpan& piece : pieces) {
      std::vector<FigureSlot> piece_slots = figures_in(piece.begin, piece.end);
      std::vector<Fact> got = ExtractSentence(cx, piece.begin, piece.end, piece_slots, memory);
      for (Fact& f : got) facts.push_back(std::move(f));
    }
  }
  return facts;
}

std::vector<Fact> FactExtractorImpl::ExtractSentence(const Context& cx, std::size_t sb,
                                                     std::size_t se, std::vector<FigureSlot>& slots,
                                                     Memory& memory) const {
  const std::string_view s = cx.norm->text;
  std::vector<Fact> out;

  std::vector<std::pair<std::size_t, std::size_t>> spans;
  spans.reserve(slots.size());
  // Money and percentages keep years and months inside them from being
  // periods; a plain number does not ("7〜9月期" may come as a number range).
  for (const FigureSlot& f : slots) {
    if (f.fig->kind != FigureKind::kNumber) spans.emplace_back(f.b, f.e);
  }
  SentenceMentions m;
  finder_.Find(s, sb, se, cx.lang, spans, !slots.empty(), &m);
  const std::vector<CueMention>& cues = m.cues;
  const std::vector<EntityMention>& entities = m.entities;
  const std::vector<RefMention>& refs = m.refs;
  std::vector<PeriodMention>& periods = m.periods;
  auto same_clause = [&](std::size_t a, std::size_t b) { return SameClause(m, a, b); };

  // Memory ages by one sentence (quoted speech does not move the story on);
  // entities and resolved references of this sentence refresh it below.
  const bool quote = s[sb] == '"' || s[sb] == '\'';
  if (!quote) {
    ++memory.subject_age;
    ++memory.product_age;
    ++memory.sentence_no;
  }
  // The last facts age with sentences that state figures: descriptive
  // sentences in between do not move the story to another period.
  if (!slots.empty()) {
    ++memory.fact_age;
    ++memory.change_fact_age;
  }

  auto is_company = [&](const EntityMention& em) {
    return em.ids.size() == 1 && lex_->entities[em.ids[0]].kind == EntityKind::kCompany;
  };
  auto update_memory = [&] {
    // The subject is the first company in subject position; a sentence that
    // names a company only as an object ("the case of Cambricon") still
    // brings it into focus.
    const EntityMention* subject = nullptr;
    const EntityMention* object = nullptr;
    for (const EntityMention& em : entities) {
      if (em.ids.size() >= 2) {
        memory.group = em.ids;
        memory.groups.erase(std::remove(memory.groups.begin(), memory.groups.end(), em.ids),
                            memory.groups.end());
        memory.groups.push_back(em.ids);
        if (memory.groups.size() > 4) memory.groups.erase(memory.groups.begin());
      } else if (em.product) {
        memory.product = em.ids[0];
        memory.product_age = 0;
      } else if (is_company(em) && !em.attributed) {
        if (!em.object && subject == nullptr) subject = &em;
        if (em.object && object == nullptr) object = &em;
      }
    }
    if (subject == nullptr) subject = object;
    if (subject != nullptr) {
      memory.subject = subject->ids[0];
      memory.subject_age = 0;
    }
  };

  // The periods a sentence states outright, for the figures of the
  // sentences that follow without one. Taken after roles are read, so a
  // period that is a comparison's base is left out.
  // Only periods over by the publication date: results are reported for
  // those ("November 14" in a dateline, "next year" are none). Days and
  // single months are mostly when something was said or happened ("in
  // September, Huawei launched ..."), not what results cover.
  const long published_key =
      cx.published.ok() ? cx.published.year * 10000L + std::max(cx.published.month, 1) * 100 + std::max(cx.published.day, 1)
                        : 0;
  auto add_stated = [&](const std::vector<PeriodMention>& in, int sentence) {
    if (published_key == 0) return;
    for (const PeriodMention& p : in) {
      if (p.consumed || p.spec.anaphoric || p.spec.same_as_ref || p.spec.target) continue;
      // "im vergangenen Jahr", "last year": a past year the story may be about;
      // not "this year" (a passing mention) or a year to come.
      if (p.spec.relative && !(p.spec.unit == PeriodSpec::Unit::kNone && p.spec.rel_years == -1)) continue;
      ResolvedPeriod r = extract::ResolvePeriod(p.spec, cx.published, nullptr);
      const long end = extract::PeriodEndKey(r.period);
      const bool day_or_month = r.period.size() >= 7 && r.period[4] == '-' && r.period[5] >= '0' && r.period[5] <= '9';
      if (end == 0 || end >= published_key || day_or_month) continue;
      memory.stated.emplace_back(std::move(r), sentence);
    }
  };
  // The story's period as of this sentence: of the periods stated in the
  // last kStoryPeriodSentences sentences, the one that ends latest (a
  // results story mentions the quarter before in passing: "growth had been
  // 6% in the April-June quarter"), the later mention on a tie. nullptr when
  // none was stated.
  auto story_period = [&]() -> const ResolvedPeriod* {
    for (const auto& [span, no] : memory.quiet) {
      if (memory.sentence_no - no > kStoryPeriodSentences) continue;
      std::vector<PeriodMention> found;
      finder_.FindPeriodsOnly(s, span.begin, span.end, cx.lang, &found);
      add_stated(found, no);
    }
    memory.quiet.clear();
    const std::pair<ResolvedPeriod, int>* best = nullptr;
    long best_end = 0;
    for (const auto& st : memory.stated) {
      if (memory.sentence_no - st.second > kStoryPeriodSentences) continue;
      const long end = extract::PeriodEndKey(st.first.period);
      if (end == 0) continue;
      if (best == nullptr || end > best_end || (end == best_end && st.second >= best->second)) {
        best = &st;
        best_end = end;
      }
    }
    return best == nullptr ? nullptr : &best->first;
  };
  auto forget_old_periods = [&] {
    auto old = [&](const auto& x) { return memory.sentence_no - x.second > kStoryPeriodSentences; };
    memory.stated.erase(std::remove_if(memory.stated.begin(), memory.stated.end(), old), memory.stated.end());
    memory.quiet.erase(std::remove_if(memory.quiet.begin(), memory.quiet.end(), old), memory.quiet.end());
  };
  if (slots.empty()) {
    if (!quote) {
      forget_old_periods();
      memory.quiet.emplace_back(TextSpan{sb, se}, memory.sentence_no);
      memory.last_quiet = {TextSpan{sb, se}, memory.sentence_no};
    }
    // "The company ..." without figures still keeps its antecedent alive.
    for (const RefMention& r : refs) {
      if ((r.kind == RefKind::kCompany || r.kind == RefKind::kPronoun) && memory.subject_age <= 3) {
        memory.subject_age = 0;
      }
    }
    update_memory();
    return out;
  }

  auto gap_has_figure = [&](std::size_t a, std::size_t b, int except1, int except2) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (static_cast<int>(i) == except1 || static_cast<int>(i) == except2) continue;
      if (slots[i].b >= a && slots[i].e <= b) return true;
    }
    return false;
  };

  // --- roles ------------------------------------------------------------
  // 0. Numbers inside period expressions ("in den ersten sechs Monaten") or
  //    names ("the three groups", "3社") are part of them, not figures.
  for (FigureSlot& f : slots) {
    if (f.fig->kind != FigureKind::kNumber) continue;
    for (const PeriodMention& p : periods) {
      if (f.b < p.e && f.e > p.b) f.role = Role::kSkip;
    }
    for (const RefMention& r : refs) {
      if (f.b < r.e && f.e > r.b) f.role = Role::kSkip;
    }
    for (const EntityMention& em : entities) {
      if (f.b < em.e && f.e > em.b) f.role = Role::kSkip;
    }
    for (const MetricMention& mm : m.metrics) {  // "1個あたり" (per unit)
      if (f.b < mm.e && f.e > mm.b) f.role = Role::kSkip;
    }
  }
  // One of a counted thing right before a price is "per unit", no count:
  // "価格は1個1万2000ドル", "1个1.3万美元".
  for (std::size_t i = 0; i + 1 < slots.size(); ++i) {
    const Figure& n = *slots[i].fig;
    if (n.kind == FigureKind::kNumber && n.value == 1 && !n.unit.empty() && slots[i + 1].fig->kind == FigureKind::kMoney &&
        slots[i + 1].b >= slots[i].e && slots[i + 1].b - slots[i].e <= 1) {
      slots[i].role = Role::kSkip;
    }
  }
  // An exchange rate ("($1 = 7.1350 Chinese yuan renminbi)") states no fact.
  for (std::size_t i = 0; i < slots.size(); ++i) {
    std::size_t p = slots[i].e;
    while (p < se && s[p] == ' ') ++p;
    if (p < se && s[p] == '=') {
      slots[i].role = Role::kSkip;
      if (i + 1 < slots.size()) slots[i + 1].role = Role::kSkip;
    }
  }
  // 1. Stated conversions: "Rmb50bn ($7bn)", "50 Milliarden Renminbi (7
  //    Milliarden US-Dollar)", and more than one in the parenthesis: "50.000
  //    millones de yuanes (7.000 millones de dólares, unos 6.300 millones de euros)".
  std::vector<int> converts(slots.size(), -1);  // for a conversion, the amount it converts
  // The gap s[from, to) holds only conversion words (cues.tsv "convert"),
  // spaces, commas, brackets and "/", "=", "~". *words: whether it held any.
  auto conversion_gap = [&](std::size_t from, std::size_t to, bool* words) {
    *words = false;
    std::size_t p = from;
    while (p < to) {
      const char ch = s[p];
      if (IsSpace(ch) || ch == '(' || ch == ',' || ch == '/' || ch == '=' || ch == '~') {
        ++p;
        continue;
      }
      std::size_t next = p;
      for (const CueMention& c : cues) {
        if (c.kind == CueKind::kConvert && c.b == p && c.e <= to && c.e > next) next = c.e;
      }
      if (next == p) return false;
      *words = true;
      p = next;
    }
    return true;
  };
  for (std::size_t i = 0; i + 1 < slots.size(); ++i) {
    FigureSlot& c = slots[i + 1];
    if (slots[i].role == Role::kConversion && converts[i] >= 0 && c.fig->kind == FigureKind::kMoney) {
      // A second conversion after the first, still inside its parenthesis,
      // after a comma or a conversion word ("bzw. knapp", "ou").
      const FigureSlot& main = slots[static_cast<std::size_t>(converts[i])];
      std::string_view gap = s.substr(slots[i].e, c.b >= slots[i].e ? c.b - slots[i].e : 0);
      bool words = false;
      const bool joined = c.b >= slots[i].e && conversion_gap(slots[i].e, c.b, &words) &&
                          (words || gap.find(',') != std::string_view::npos);
      const bool inside = s.substr(main.e, slots[i].e - main.e).find('(') != std::string_view::npos &&
                          gap.find(')') == std::string_view::npos && joined;
      if (inside && gap.size() <= 24 && c.fig->currency != main.fig->currency &&
          c.fig->currency != slots[i].fig->currency) {
        c.role = Role::kConversion;
        converts[i + 1] = converts[i];
        slots[static_cast<std::size_t>(converts[i])].conversions.push_back(static_cast<int>(i + 1));
      }
      continue;
    }
    FigureSlot& a = slots[i];
    if (a.fig->kind != FigureKind::kMoney || c.fig->kind != FigureKind::kMoney) continue;
    if (a.role == Role::kConversion || a.fig->currency == c.fig->currency) continue;
    if (c.b < a.e) continue;
    std::string_view gap = s.substr(a.e, c.b - a.e);
    const bool paren = gap.find('(') != std::string_view::npos;
    bool words = false;
    bool ok = gap.size() <= 24 && conversion_gap(a.e, c.b, &words);
    // "$12 billion (over ₹1 lakh crore)": after the bracket, the words are
    // the converted amount's own qualifier.
    if (!ok && paren && c.fig->qualifier != Qualifier::kNone && gap.size() <= 24) {
      const std::size_t open = a.e + gap.find('(');
      std::string_view inner = s.substr(open + 1, c.b - open - 1);
      bool plain = WordCount(inner) <= 2;
      for (char ch : inner) plain = plain && !(ch >= '0' && ch <= '9') && ch != ')' && ch != '(';
      ok = plain && conversion_gap(a.e, open, &words);
    }
    // "260 bilhões de yuans na bolsa (US$ 36 bilhões)", "Rmb50bn on AI
    // ($7bn)": a few words (no figure, no clause mark) may stand between the
    // amount and a bracket that opens with its conversion.
    if (!ok && paren && gap.size() <= 24) {
      const std::size_t open = a.e + gap.find('(');
      std::string_view before = s.substr(a.e, open - a.e);
      bool plain = WordCount(before) <= 3;
      for (char ch : before) plain = plain && !(ch >= '0' && ch <= '9') && ch != ',' && ch != ';' && ch != ')';
      bool inner_words = false;
      ok = plain && conversion_gap(open, c.b, &inner_words);
    }
    bool marks = false;  // "/", "=", "~": a conversion without words
    for (char ch : gap) marks |= ch == '/' || ch == '=' || ch == '~';
    if (ok && (paren || words || marks)) {
      c.role = Role::kConversion;
      a.conversions.push_back(static_cast<int>(i + 1));
      converts[i + 1] = static_cast<int>(i);
    }
  }
  // 1b. A verb that makes the amount a lower bound: "превышают $50 млрд",
  //     "500億ドルを超える", "dépasse 50 milliards"; or an estimate: "约为45万片".
  for (FigureSlot& f : slots) {
    if (f.qualifier != Qualifier::kNone) continue;
    // "500億ドル（約7兆3000億円）を超える": the verb follows the conversion
    // (NFKC has made the bracket ASCII).
    std::size_t end = f.e;
    for (int k : f.conversions) {
      std::size_t close = slots[static_cast<std::size_t>(k)].e;
      if (close < s.size() && s[close] == ' ') ++close;
      if (close < s.size() && s[close] == ')') end = std::max(end, close + 1);
    }
    for (const CueMention& c : cues) {
      bool before = c.kind == CueKind::kOverPre && c.e <= f.b && f.b - c.e <= 3;
      bool after = c.kind == CueKind::kOverPost && c.b >= end && c.b - end <= 3;
      if (before || after) f.qualifier = Qualifier::kOver;
      if (c.kind == CueKind::kAboutPre && c.e <= f.b && f.b - c.e <= 3) f.qualifier = Qualifier::kAbout;
    }
  }
  // 2. Changes: a percentage after "up"/"um"/"增长" or a change noun ("growth
  //    of", "das Plus ... bei"), before "increase"/"增"/"más"; a signed
  //    percentage ("+176 %"); "doubled" (unit "change").
  for (FigureSlot& f : slots) {
    if (f.role != Role::kValue || f.fig->kind != FigureKind::kPercent) continue;
    if (f.fig->unit == "pp") {
      f.role = Role::kSkip;
      continue;
    }
    bool change = f.fig->unit == "change";
    double sign = 1;
    for (const CueMention& c : cues) {
      if ((c.kind == CueKind::kUp || c.kind == CueKind::kDown) && c.e <= f.b + 1 && c.b < f.b &&
          same_clause(c.b, f.b)) {
        std::string_view gap = s.substr(std::min(c.e, f.b), f.b - std::min(c.e, f.b));
        if (gap.size() <= 40 && WordCount(gap) <= 4 && !gap_has_figure(c.e, f.b, -1, -1)) {
          change = true;
          if (c.kind == CueKind::kDown) sign = -1;
        }
      }
      if ((c.kind == CueKind::kChangePost || c.kind == CueKind::kDownPost ||
           c.kind == CueKind::kYoy) &&
          c.b >= f.e && c.b - f.e <= 12 && !gap_has_figure(f.e, c.b, -1, -1)) {
        change = true;
        if (c.kind == CueKind::kDownPost) sign = -1;
      }
      // A verb at the end of the clause gives the direction ("um 10 Prozent
      // auf 5 Milliarden Euro gesunken").
      if (c.kind == CueKind::kDownPost && c.b >= f.e && c.b - f.e <= 60 && same_clause(c.b, f.b) &&
          change) {
        bool other_percent = false;
        for (const FigureSlot& o : slots) {
          if (o.fig->kind == FigureKind::kPercent && o.b >= f.e && o.e <= c.b) other_percent = true;
        }
        if (!other_percent) sign = -1;
      }
    }
    // "+176 %", "-3%": an explicit sign.
    std::size_t before = f.b;
    while (before > sb && s[before - 1] == ' ') --before;
    if (before > sb && (s[before - 1] == '+' || s[before - 1] == '-') &&
        (before - 1 == sb || !std::isalnum(static_cast<unsigned char>(s[before - 2])))) {
      change = true;
      if (s[before - 1] == '-') sign = -1;
    }
    if (!f.fig->text.empty() && (f.fig->text[0] == '+' || f.fig->text[0] == '-')) {
      change = true;
      if (f.fig->text[0] == '-') sign = -1;
    }
    if (change) {
      f.role = Role::kChange;
      f.change_value = std::fabs(f.fig->value) * sign;
    }
  }
  // 2b. A multiple of an earlier value is a change: "前年同期の2倍を超えた"
  //     (more than twice the year-earlier figure) -> +100%.
  for (FigureSlot& f : slots) {
    if (f.role != Role::kValue || f.fig->unit != "x") continue;
    // "同比增长超过一倍": the multiple right after the verb is the increase
    // itself (one-fold more, +100%).
    bool by_multiple = false;
    for (const CueMention& c : cues) {
      if (c.kind == CueKind::kByMultiple && c.e <= f.b && f.b - c.e <= 9 && !gap_has_figure(c.e, f.b, -1, -1)) {
        by_multiple = true;
      }
    }
    if (by_multiple) {
      f.role = Role::kChange;
      f.change_value = f.fig->value * 100;
      continue;
    }
    bool earlier = false;
    for (PeriodMention& p : periods) {
      if ((p.spec.same_as_ref || (p.spec.relative && p.spec.rel_years < 0)) && same_clause(p.b, f.b)) {
        earlier = true;
        p.consumed = true;  // the base of the multiple, not the fact's period
      }
    }
    for (const CueMention& c : cues) {
      if (c.kind == CueKind::kYoy && same_clause(c.b, f.b)) earlier = true;
    }
    if (earlier && f.fig->value > 1) {
      f.role = Role::kChange;
      // "2.8倍" is +180%, not +179.99999999999997%.
      f.change_value = std::round((f.fig->value - 1) * 100 * 1e9) / 1e9;
    }
  }
  // A comparison cue ("compared with", "from", "前年同期の") between a
  // value and v, standing right before v ("up from Rmb23bn", "frente a los
  // 23.000 millones"), not many words earlier ("in sales from China — a
  // sizeable sum even for a company valued at over $3 trillion").
  auto compare_cue_before = [&](const FigureSlot& main, const FigureSlot& v) {
    for (const CueMention& c : cues) {
      if (c.kind != CueKind::kCompare || c.b < main.e || c.e > v.b) continue;
      std::string_view gap = s.substr(c.e, v.b - c.e);
      if (WordCount(gap) <= 4 && gap.size() <= 40) return true;
    }
    return false;
  };
  // Is slot j the earlier value a main value of its clause is compared with?
  auto comparison_base = [&](std::size_t j) {
    const FigureSlot& v = slots[j];
    for (std::size_t i = 0; i < j; ++i) {
      const FigureSlot& main = slots[i];
      if (main.role != Role::kValue || main.fig->kind == FigureKind::kPercent) continue;
      if (same_clause(main.b, v.b) && compare_cue_before(main, v)) return true;
    }
    return false;
  };
  // 3. Attach changes to the nearest value in the same clause ("rose 123% to
  //    Rmb23bn", "同比增长123%，至230亿元"), not to the value it is compared
  //    with ("500億元で、前年同期の230億元から倍増した": the 50bn doubled).
  for (std::size_t i = 0; i < slots.size(); ++i) {
    FigureSlot& f = slots[i];
    if (f.role != Role::kChange) continue;
    int best = -1;
    std::size_t best_d = 0;
    for (std::size_t j = 0; j < slots.size(); ++j) {
      const FigureSlot& v = slots[j];
      if (v.role != Role::kValue || v.change || v.fig->kind == FigureKind::kPercent) continue;
      if (!same_clause(v.b, f.b)) continue;
      if (comparison_base(j)) continue;
      std::size_t d = v.b < f.b ? f.b - v.e : v.b - f.e;
      if (d > 160) continue;
      if (v.fig->kind == FigureKind::kNumber) d += 60;  // money is the usual base
      // Another change between them belongs to the value instead.
      bool blocked = false;
      for (std::size_t k = 0; k < slots.size(); ++k) {
        if (k == i || slots[k].role != Role::kChange) continue;
        if (slots[k].b > std::min(v.b, f.b) && slots[k].b < std::max(v.b, f.b)) blocked = true;
      }
      if (blocked) continue;
      // Each names its own metric, one before the pair and one between them
      // ("shares fell 2.5% ..., leaving the company with a market value of
      // about $3.4 trillion"): two facts, not one.
      const std::size_t lo = std::min(f.e, v.e), hi = std::max(f.b, v.b);
      std::string between, before;
      for (const MetricMention& mm : m.metrics) {
        const auto& c = lex_->metric_cues[mm.cue];
        if (!c.strong || !same_clause(mm.b, f.b)) continue;
        if (mm.b >= lo && mm.e <= hi) between = c.metric;
        if (mm.e <= std::min(f.b, v.b)) before = c.metric;
      }
      if (!between.empty() && !before.empty() && between != before) continue;
      if (best < 0 || d < best_d) {
        best = static_cast<int>(j);
        best_d = d;
      }
    }
    if (best >= 0) {
      f.change_target = best;
      slots[best].change = f.change_value;
    }
  }
  // 4. Comparisons: a value after "compared with"/"from"/"contre" that
  //    follows a main value. A bare number there shares the main value's
  //    currency ("50.000 millones de yuanes ..., frente a los 23.000 millones").
  for (std::size_t j = 1; j < slots.size(); ++j) {
    FigureSlot& v = slots[j];
    if (v.role != Role::kValue || v.fig->kind == FigureKind::kPercent) continue;
    for (int i = static_cast<int>(j) - 1; i >= 0; --i) {
      const FigureSlot& main = slots[i];
      if (main.role != Role::kValue || main.fig->kind == FigureKind::kPercent) continue;
      if (main.compared_with >= 0) continue;
      if (!compare_cue_before(main, v) || !same_clause(main.b, v.b)) break;
      const bool elided_currency = main.money && v.fig->kind == FigureKind::kNumber && v.fig->unit.empty();
      if (elided_currency) {
        v.money = true;
        v.currency = main.currency;
      }
      if (v.money != main.money || (v.money && v.currency != main.currency)) break;
      v.compared_with = i;
      break;
    }
  }

  // --- slot filling -----------------------------------------------------
  auto in_parens = [&](std::size_t pos) {
    int depth = 0;
    for (std::size_t p = sb; p < pos; ++p) {
      if (s[p] == '(') ++depth;
      if (s[p] == ')' && depth > 0) --depth;
    }
    return depth > 0;
  };
  // Does the clause name anyone who could be a fact's subject?
  auto has_entity_or_ref = [&](std::size_t clause_pos) {
    for (const EntityMention& em : entities) {
      if (!em.organisation && !em.attributed && !em.object && same_clause(em.b, clause_pos)) return true;
    }
    for (const RefMention& r : refs) {
      if (!r.object && r.kind != RefKind::kProduct && same_clause(r.b, clause_pos)) return true;
    }
    return false;
  };

  // The sentence opens with a pronoun followed by a change verb ("It rose
  // 114 per cent ...", "It has fallen ..."): the pronoun stands for what the
  // sentence before was about, a metric as much as a company.
  const bool pronoun_changes = [&] {
    std::size_t start = sb;
    while (start < se && (IsSpace(s[start]) || s[start] == '"' || s[start] == '\'')) ++start;
    for (const RefMention& r : refs) {
      if (r.kind != RefKind::kPronoun || r.b != start) continue;
      for (const CueMention& c : cues) {
        if ((c.kind == CueKind::kUp || c.kind == CueKind::kDown) && c.b >= r.e && c.b - r.e <= 5) return true;
      }
    }
    return false;
  }();

  struct EntityChoice {
    std::vector<int> ids;
    int how = 0;  // 2 named in the sentence, 1 through a reference or memory
  };
  auto from_memory = [&](RefKind kind, int count, EntityChoice* ch) {
    switch (kind) {
      case RefKind::kGroup:
        // "the four US companies": the last list with four members; a
        // reference that does not count takes the last list.
        for (auto g = memory.groups.rbegin(); g != memory.groups.rend(); ++g) {
          if (count == 0 || static_cast<int>(g->size()) == count) {
            ch->ids = *g;
            ch->how = 1;
            return true;
          }
        }
        return false;
      case RefKind::kProduct:
        if (memory.product >= 0 && memory.product_age <= 3) {
          ch->ids = {memory.product};
          ch->how = 1;
          return true;
        }
        return false;
      case RefKind::kCompany:
      case RefKind::kPronoun:
      case RefKind::kRelative:
        if (memory.subject >= 0 && memory.subject_age <= 3) {
          ch->ids = {memory.subject};
          ch->how = 1;
          memory.subject_age = 0;  // mentioned again
          return true;
        }
        return false;
    }
    return false;
  };
  // The first company named as a subject before `pos` in this clause.
  auto clause_subject = [&](std::size_t pos) -> const EntityMention* {
    for (const EntityMention& em : entities) {
      if (em.b >= pos || !same_clause(em.b, pos)) continue;
      if (em.object || em.attributed || em.product || em.organisation) continue;
      return &em;
    }
    return nullptr;
  };
  auto resolve_ref = [&](const RefMention& r, EntityChoice* ch) {
    if (r.antecedent >= 0) {  // apposition or relative pronoun
      ch->ids = entities[r.antecedent].ids;
      ch->how = 2;
      return true;
    }
    if (r.kind == RefKind::kGroup) {
      // "Alibaba, Tencent and Baidu ... the three groups": the list named before.
      for (const EntityMention& em : entities) {
        if (em.e <= r.b && em.ids.size() >= 2 &&
            (r.count == 0 || static_cast<int>(em.ids.size()) == r.count)) {
          ch->ids = em.ids;
          ch->how = 2;
          return true;
        }
      }
    }
    if (r.kind == RefKind::kPronoun || r.kind == RefKind::kCompany) {
      // "Baidu was the most restrained: its spending" — the sentence's own
      // subject before the pronoun comes first.
      if (const EntityMention* subj = clause_subject(r.b); subj != nullptr && subj->ids.size() == 1) {
        ch->ids = subj->ids;
        ch->how = 2;
        return true;
      }
    }
    if (from_memory(r.kind, r.count, ch)) return true;
    // No group to refer to: the company reading of the same word.
    return r.or_company && from_memory(RefKind::kCompany, 0, ch);
  };

  // The product a product metric is about: named in the clause, referred to
  // ("these processors", "таких процессоров"), or the remembered product when
  // the clause names its maker ("Nvidia en livre plus de 1 million") or no one.
  auto choose_product = [&](const FigureSlot& f, EntityChoice* ch) {
    const EntityMention* nearest = nullptr;
    for (const EntityMention& em : entities) {
      if (!em.product || !same_clause(em.b, f.b)) continue;
      auto dist = [&](const EntityMention& x) { return x.b < f.b ? f.b - x.b : x.b - f.b; };
      if (nearest == nullptr || dist(em) < dist(*nearest)) nearest = &em;
    }
    if (nearest != nullptr) {
      ch->ids = nearest->ids;
      ch->how = 2;
      return true;
    }
    for (const RefMention& r : refs) {
      if (r.kind == RefKind::kProduct && same_clause(r.b, f.b) && from_memory(r.kind, 0, ch)) return true;
    }
    if (memory.product < 0 || memory.product_age > 3) return false;
    const int maker = lex_->entities[memory.product].parent;
    bool names_maker = false, names_other = false;
    for (const EntityMention& em : entities) {
      if (!same_clause(em.b, f.b) || em.organisation) continue;
      for (int id : em.ids) (id == maker ? names_maker : names_other) = true;
    }
    if (names_maker || (!names_other && memory.product_age <= 2)) {
      ch->ids = {memory.product};
      ch->how = 1;
      return true;
    }
    return false;
  };

  // Is the number followed by what it counts: a product or a product
  // reference ("1mn H20s", "450,000 of its Ascend 910B processors",
  // "1 млн таких процессоров", "100万個超のH20")?
  auto product_follows = [&](const FigureSlot& f) {
    for (const EntityMention& em : entities) {
      if (!em.product || em.b < f.e || em.b - f.e > 40 || gap_has_figure(f.e, em.b, -1, -1)) continue;
      std::string_view gap = s.substr(f.e, em.b - f.e);
      if (WordCount(gap) <= 3 && gap.find_first_of(",:;()") == std::string_view::npos) return true;
    }
    for (const RefMention& r : refs) {
      if (r.kind == RefKind::kProduct && r.b >= f.e && r.b - f.e <= 12) return true;
    }
    return false;
  };

  // Where the apposition to a company that holds [b, e) closes: the span
  // from ", " right after the company's name to the next comma ("SMIC, el
  // fabricante de los chips de Huawei, ingresó"). npos when there is none.
  auto apposition_close = [&](std::size_t b, std::size_t e) -> std::size_t {
    auto close_after = [&](std::size_t head_e) -> std::size_t {
      if (head_e > b || s.compare(head_e, 2, ", ") != 0) return std::string_view::npos;
      std::size_t close = s.find(',', head_e + 2);
      return close != std::string_view::npos && close < se && e <= close ? close : std::string_view::npos;
    };
    for (const EntityMention& head : entities) {
      if (head.organisation || head.attributed || head.object) continue;
      if (std::size_t close = close_after(head.e); close != std::string_view::npos) return close;
    }
    // "The search company, which beat its rivals ... last year, lifted ..."
    for (const RefMention& head : refs) {
      if (head.object || head.kind == RefKind::kPronoun || head.kind == RefKind::kRelative) continue;
      if (std::size_t close = close_after(head.e); close != std::string_view::npos) return close;
    }
    return std::string_view::npos;
  };
  auto choose_entity = [&](const FigureSlot& f, const std::string& metric) -> EntityChoice {
    EntityChoice ch;
    if (IsProductMetric(metric) && choose_product(f, &ch)) return ch;
    // Nearest subject-like mention before the figure: a named company
    // (possessors count, objects and sources do not) or a reference.
    const EntityMention* best = nullptr;
    for (const EntityMention& em : entities) {
      if (em.e > f.b || em.object || em.attributed || em.product || em.organisation) continue;
      if (!same_clause(em.b, f.b)) continue;
      if (in_parens(em.b) && !in_parens(f.b)) continue;
      // A company named inside another's apposition describes that one
      // ("SMIC, el fabricante de los chips de Huawei, ingresó ...").
      if (const std::size_t close = apposition_close(em.b, em.e); close != std::string_view::npos && close < f.b) {
        continue;
      }
      if (best == nullptr || em.b > best->b) best = &em;
    }
    const RefMention* ref_before = nullptr;
    for (const RefMention& r : refs) {
      if (r.e > f.b || r.object || r.kind == RefKind::kProduct || !same_clause(r.b, f.b)) continue;
      if (ref_before == nullptr || r.b > ref_before->b) ref_before = &r;
    }
    // A reference closer to the figure than the named entity stands for the
    // subject ("Alibaba ... the company said revenue"; "Tencent сравнялась с
    // Alibaba, которая ... потратила").
    if (ref_before != nullptr && (best == nullptr || ref_before->b > best->b)) {
      if (resolve_ref(*ref_before, &ch)) return ch;
    }
    if (best != nullptr) {
      ch.ids = best->ids;
      ch.how = 2;
      return ch;
    }
    // After the figure, same clause, not an object ("..., according to Alibaba";
    // Japanese/Chinese topic after a time phrase).
    for (const EntityMention& em : entities) {
      if (em.b < f.e || em.object || em.product || em.organisation || !same_clause(em.b, f.b)) continue;
      ch.ids = em.ids;
      ch.how = 2;
      return ch;
    }
    // A reference after the figure ("... of the group's cloud business"); a
    // pronoun only as the subject of a relative clause ("the $800mn it put into").
    for (const RefMention& r : refs) {
      if (r.b < f.e || r.object || r.kind == RefKind::kProduct || !same_clause(r.b, f.b)) continue;
      if (r.kind == RefKind::kPronoun && r.b - f.e > 3) continue;
      if (resolve_ref(r, &ch)) return ch;
    }
    // Nothing in the clause names anyone: the clause continues the story of
    // the sentence's subject ("Alibaba said revenue rose 6%, while sales of
    // AI products more than doubled") or of the last one (zero anaphora:
    // "Cloud revenue rose 6 per cent").
    if (metric == "other" || has_entity_or_ref(f.b)) return ch;
    for (const EntityMention& em : entities) {
      if (em.b >= f.b || em.object || em.attributed || em.product || em.organisation) continue;
      ch.ids = em.ids;
      ch.how = 1;
      return ch;
    }
    if (memory.subject >= 0 && memory.subject_age <= 2) {
      ch.ids = {memory.subject};
      ch.how = 1;
      return ch;
    }
    return ch;
  };

  auto has_comma = [&](std::size_t a, std::size_t b) {
    for (std::size_t p = a; p < b; ++p) {
      if (s[p] == ',') return true;
    }
    return false;
  };
  // "each" right after a list of companies ("Alibaba and Tencent each
  // spent") or right before the amount of such a list's clause ("Alibaba
  // und Tencent gaben ... jeweils 23 Milliarden Yuan aus"): the list it
  // distributes over, by cue.
  std::vector<std::pair<const CueMention*, const EntityMention*>> distributive;
  for (const CueMention& c : cues) {
    if (c.kind != CueKind::kEach) continue;
    bool before_amount = false;
    for (const FigureSlot& f : slots) {
      if (f.b >= c.e && f.b - c.e <= 1) before_amount = true;
    }
    const EntityMention* list = nullptr;
    for (const EntityMention& em : entities) {
      if (em.ids.size() < 2 || em.e > c.b || !same_clause(em.b, c.b)) continue;
      std::string_view gap = s.substr(em.e, c.b - em.e);
      if ((gap.size() <= 4 && gap.find(',') == std::string_view::npos) || before_amount) list = &em;
    }
    if (list != nullptr) distributive.emplace_back(&c, list);
  }
  auto in_distributive = [&](std::size_t b, std::size_t e) {
    for (const auto& [c, em] : distributive) {
      if (b < c->e && c->b < e) return true;
    }
    return false;
  };
  // The metric named nearest to the figure in its clause, or "" if none.
  auto choose_metric = [&](const FigureSlot& slot, bool* strong) -> std::string {
    // A value with an attached change spans both ("um 176 Prozent ... auf 23 Mrd.").
    std::size_t fb = slot.b, fe = slot.e;
    for (const FigureSlot& c : slots) {
      if (c.role == Role::kChange && c.change_target >= 0 && slots[c.change_target].b == slot.b) {
        fb = std::min(fb, c.b);
        fe = std::max(fe, c.e);
      }
    }
    const MetricMention* best = nullptr;
    std::size_t best_d = 0;
    for (const MetricMention& mm : m.metrics) {
      if (!same_clause(mm.b, fb)) continue;
      if (mm.b >= fb && mm.e <= fe) continue;
      if (in_distributive(mm.b, mm.e)) continue;  // "each" of "A and B each spent"
      std::size_t d = mm.e <= fb ? fb - mm.e : (mm.b >= fe ? mm.b - fe + 15 : 0);
      if (mm.e <= fb ? has_comma(mm.e, fb) : has_comma(fe, mm.b)) d += 30;
      const auto& cue = lex_->metric_cues[mm.cue];
      if (!cue.strong) d += 10;
      // Counts take count metrics; "users" only right after the number
      // ("1mn users"), not "to Chinese customers".
      const extract::MetricType type = lex_->TypeOf(cue.metric);
      const bool count_metric = type == extract::MetricType::kCount || type == extract::MetricType::kAny;
      if (slot.fig->kind == FigureKind::kNumber && !slot.money && slot.role == Role::kValue) {
        if (!count_metric) continue;
        if (cue.metric == "users" && !(mm.b >= fe && mm.b - fe <= 12)) continue;
        // A count belongs to a verb close by ("ship about 450,000"), not to
        // one several words away ("ship ... according to two analysts").
        std::string_view gap = mm.e <= fb ? s.substr(mm.e, fb - mm.e) : s.substr(fe, mm.b - fe);
        if (WordCount(gap) > 5 || gap.find(',') != std::string_view::npos) continue;
      }
      if (slot.money && (type == extract::MetricType::kCount || type == extract::MetricType::kShare)) {
        continue;
      }
      if (best == nullptr || d < best_d) {
        best = &mm;
        best_d = d;
      }
    }
    if (best == nullptr) return "";
    const auto& cue = lex_->metric_cues[best->cue];
    *strong = cue.strong;
    std::string metric = cue.metric;
    if (!cue.strong && metric == "capex" && !cx.capex_topic) metric = "investment";
    // Money put into something that is no company ("put about $7 billion
    // into capital projects") is the spender's capex when the clause names it.
    if (metric == "investment") {
      bool recipient = false;
      bool owner = false;  // "os investimentos de Tencent, Alibaba e Baidu", "Alibaba's investments"
      for (const EntityMention& em : entities) {
        if (!same_clause(em.b, fb)) continue;
        recipient |= em.object;
        owner |= em.possessive && em.e <= fb;
      }
      if (!recipient) {
        if (owner && best->e <= fb) return "capex";
        for (const MetricMention& mm : m.metrics) {
          const auto& c = lex_->metric_cues[mm.cue];
          if (c.strong && c.metric == "capex" && same_clause(mm.b, fb)) return "capex";
        }
      }
    }
    // Refinements: "cloud" near a revenue cue -> cloud_revenue.
    std::vector<PhraseMatcher::Match> rm;
    std::size_t wb = best->b >= sb + 48 ? best->b - 48 : sb;
    std::size_t we = std::min(se, best->e + 48);
    lex_->refine_matcher.FindAll(s, wb, we, lex_->MatchLang(cx.lang), &rm);
    // The refinement word nearest the cue, preferably with no comma between,
    // and of two words in a row the second ("its AI Cloud unit": AI
    // qualifies Cloud). Words in an apposition to a company ("Cambricon, a
    // Beijing-based AI chip designer, reported revenue ...") describe the
    // company, not the figure.
    auto refine_of = [&](const PhraseMatcher::Match& r) -> const std::string* {
      for (int p : *r.payloads) {
        if (lex_->refines[p].from == metric && lex_->Applies(lex_->refine_langs[p], cx.lang)) {
          return &lex_->refines[p].to;
        }
      }
      return nullptr;
    };
    const std::string* refined = nullptr;
    std::size_t refined_d = 0;
    for (std::size_t i = 0; i < rm.size(); ++i) {
      const auto& r = rm[i];
      const std::string* to = refine_of(r);
      if (to == nullptr || !same_clause(r.begin, best->b)) continue;
      if (i + 1 < rm.size() && rm[i + 1].begin >= r.end && rm[i + 1].begin - r.end <= 1 &&
          refine_of(rm[i + 1]) != nullptr) {
        continue;
      }
      const bool before = r.end <= best->b;
      if (const std::size_t close = apposition_close(r.begin, r.end);
          before && close != std::string_view::npos && close < best->b) {
        continue;
      }
      std::string_view gap = before ? s.substr(r.end, best->b - r.end)
                                    : s.substr(best->e, r.begin >= best->e ? r.begin - best->e : 0);
      const std::size_t d = gap.size() + (gap.find(',') != std::string_view::npos ? 100 : 0);
      if (refined == nullptr || d < refined_d) {
        refined = to;
        refined_d = d;
      }
    }
    return refined != nullptr ? *refined : metric;
  };

  // A period restated in parentheses right after it ("2025财年第二季度（即2024年
  // 7月至9月）", "the fiscal second quarter (July-September)"): the restatement
  // in calendar terms is the one to read.
  for (PeriodMention& p1 : periods) {
    for (const PeriodMention& p2 : periods) {
      if (p2.b < p1.e || p2.b - p1.e > 12) continue;
      std::string_view gap = s.substr(p1.e, p2.b - p1.e);
      if (gap.find('(') != std::string_view::npos && gap.find(')') == std::string_view::npos) p1.consumed = true;
    }
  }
  // Period mentions right after a change ("up 6% from a year earlier",
  // "на 123% больше, чем в январе—июне 2023 года", "123 % de plus qu'au
  // premier semestre 2023") and inside a year-on-year cue ("im Vergleich zum
  // Vorjahr") belong to the change: they name its base, not the fact's period.
  for (const FigureSlot& f : slots) {
    if (f.role != Role::kChange) continue;
    for (PeriodMention& p : periods) {
      if (p.b < f.e || p.b - f.e > 40 || gap_has_figure(f.e, p.b, -1, -1)) continue;
      const bool earlier = p.spec.same_as_ref || (p.spec.relative && p.spec.rel_years < 0);
      bool compared = false;
      for (const CueMention& c : cues) {
        if (c.kind == CueKind::kCompare && c.b >= f.e && c.e <= p.b) compared = true;
      }
      if ((earlier && p.b - f.e <= 30) || compared) p.consumed = true;
    }
  }
  for (const CueMention& c : cues) {
    if (c.kind != CueKind::kYoy) continue;
    bool change_in_clause = false;
    for (const FigureSlot& f : slots) {
      if ((f.role == Role::kChange || f.fig->unit == "x") && same_clause(f.b, c.b)) change_in_clause = true;
    }
    if (!change_in_clause) continue;
    for (PeriodMention& p : periods) {
      if (p.b >= c.b && p.e <= c.e) p.consumed = true;
    }
  }
  // The period the discourse is about, for "in the period" and for a "a
  // year earlier" that has no comparison value in its own sentence: that of
  // the last fact, else the story's ("阿里巴巴公布第三季業績。期內收入為...").
  auto discourse_period = [&]() -> const ResolvedPeriod* {
    if (memory.fact && memory.fact_age <= 3 && !memory.fact->period.period.empty()) {
      return &memory.fact->period;
    }
    return story_period();
  };
  // Could `p` be the period of figure `f`: in its clause, not a change's
  // base, not inside an apposition or relative clause that closes before it.
  // A day alone ("截至26日收盘") is a period only for figures that hold on
  // one day (a closing price, a market value); set around choose_period.
  bool allow_day = false;
  auto fact_period_candidate = [&](const PeriodMention& p, const FigureSlot& f) {
    if (p.consumed || !same_clause(p.b, f.b)) return false;
    if (p.spec.day_only && !allow_day) return false;
    const std::size_t close = apposition_close(p.b, p.e);
    return close == std::string_view::npos || close >= f.b;
  };
  // "Rmb17.1bn, compared with Rmb23bn for the whole of the first half": a
  // period phrase after the value compared with `f` is that value's, when
  // the comparison is set off by a comma ("rose to Rmb50bn from Rmb23bn in
  // the first half" keeps it).
  auto owned_by_base = [&](const PeriodMention& p, const FigureSlot& f, int self) {
    if (p.b <= f.e) return false;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      if (slots[k].compared_with == self && slots[k].e <= p.b && slots[k].b > f.e &&
          has_comma(f.e, slots[k].b) && compare_cue_before(f, slots[k])) {
        return true;
      }
    }
    return false;
  };
  bool chosen_earlier = false;  // the last choose_period took an earlier-period phrase
  auto choose_period = [&](const FigureSlot& f, int self, const ResolvedPeriod* reference,
                           bool comparison) -> std::pair<ResolvedPeriod, int> {
    chosen_earlier = false;
    const PeriodMention* best = nullptr;
    std::size_t best_d = 0;
    for (const PeriodMention& p : periods) {
      // A period inside an apposition or relative clause of the subject is
      // that clause's ("The search company, which ... last year, lifted").
      if (!fact_period_candidate(p, f)) continue;
      // A comparison value takes the period phrase after it; a main value
      // does not take a relative phrase that follows a later comparison value.
      std::size_t d = p.e <= f.b ? f.b - p.e + 5 : (p.b >= f.e ? p.b - f.e : 0);
      if (p.e <= f.b ? has_comma(p.e, f.b) : has_comma(f.e, p.b)) d += 30;
      bool between_other = false;
      for (std::size_t k = 0; k < slots.size(); ++k) {
        if (static_cast<int>(k) == self || slots[k].role == Role::kConversion) continue;
        if (slots[k].role == Role::kChange && slots[k].change_target == self) continue;
        std::size_t lo = std::min(p.b, f.b), hi = std::max(p.e, f.e);
        if (slots[k].b > lo && slots[k].e < hi &&
            (slots[k].role == Role::kValue || slots[k].role == Role::kChange)) {
          between_other = true;
        }
      }
      if (between_other) d += 400;
      if (!comparison && (p.spec.relative || p.spec.same_as_ref) && reference == nullptr &&
          p.b > f.e) {
        // "Rmb50bn ..., compared with Rmb23bn a year earlier": not ours.
        // "500億元で、前年同期の230億元から": nor an earlier-period phrase
        // right before the comparison value.
        const bool earlier_phrase = p.spec.same_as_ref || (p.spec.relative && p.spec.rel_years < 0);
        bool later_value = false;
        for (std::size_t k = 0; k < slots.size(); ++k) {
          if (slots[k].compared_with != self) continue;
          if (slots[k].b < p.b || (earlier_phrase && p.e <= slots[k].b)) later_value = true;
        }
        if (later_value) continue;
      }
      if (!comparison && reference == nullptr && owned_by_base(p, f, self)) continue;
      if (comparison && p.e <= f.b) d += 200;  // the earlier period phrase follows the value
      if (best == nullptr || d < best_d) {
        best = &p;
        best_d = d;
      }
    }
    if (best == nullptr) {
      if (comparison && reference != nullptr) {
        // "compared with Rmb23bn" with a year-on-year cue: a year earlier.
        bool yoy = false;
        for (const CueMention& c : cues) {
          if (c.kind == CueKind::kYoy) yoy = true;
        }
        if (yoy) {
          PeriodSpec rel;
          rel.relative = true;
          rel.rel_years = -1;
          return {extract::ResolvePeriod(rel, cx.published, reference), 1};
        }
      }
      return {ResolvedPeriod(), 0};
    }
    chosen_earlier = best->spec.same_as_ref || (best->spec.relative && best->spec.rel_years < 0);
    const ResolvedPeriod* against = comparison ? reference : nullptr;
    // "in the period" / "同期" and a sentence-level "a year earlier"
    // ("Годом ранее затраты составляли 23 млрд"): the discourse period.
    if (!comparison && (best->spec.anaphoric || best->spec.same_as_ref)) against = discourse_period();
    ResolvedPeriod r = extract::ResolvePeriod(best->spec, cx.published, against);
    int how = r.period.empty() ? 0 : (r.explicit_year ? 2 : 1);
    return {r, how};
  };

  // Is there a third party's forecast cue ("Analysts expect", "分析师预计")
  // rather than the company's own expectation about its spending?
  auto forecaster_before = [&](const ModalityMention& cue) {
    for (const ModalityMention& x : m.modality) {
      if (x.kind != ModalityKind::kForecaster || x.e > cue.b) continue;
      std::string_view gap = s.substr(x.e, cue.b - x.e);
      if (WordCount(gap) == 0) return true;
    }
    // "По прогнозам аналитиков": the forecaster right after the cue.
    for (const ModalityMention& x : m.modality) {
      if (x.kind == ModalityKind::kForecaster && x.b >= cue.e && x.b - cue.e <= 1) return true;
    }
    return false;
  };
  auto choose_modality = [&](const FigureSlot& f, const std::string& metric,
                             const PeriodSpec* spec) -> Modality {
    const bool verb_final = lex_->VerbFinal(cx.lang);
    const ModalityMention* nearest = nullptr;
    std::size_t nearest_d = 0;
    bool plan = false;
    for (const ModalityMention& mm : m.modality) {
      if (mm.kind == ModalityKind::kForecaster || !same_clause(mm.b, f.b)) continue;
      const bool before = mm.e <= f.b;
      const bool after = mm.b >= f.e;
      if (!before && !(verb_final && after)) continue;
      if (mm.kind == ModalityKind::kPlan) {
        plan = true;
        continue;
      }
      std::size_t d = before ? f.b - mm.e : mm.b - f.e;
      if (nearest == nullptr || d < nearest_d) {
        nearest = &mm;
        nearest_d = d;
      }
    }
    // A plan horizon ("over the next three years") makes it a plan; a span
    // of named years ("between 2025 and 2027") does not by itself.
    if (spec != nullptr && spec->unit == PeriodSpec::Unit::kSpan && spec->year == 0) plan = true;
    if (plan) return Modality::kPlan;
    if (nearest == nullptr || nearest->kind != ModalityKind::kForecast) return Modality::kActual;
    // The forecast is of the count it introduces; an amount of money per unit
    // after that count is the going price ("expect Nvidia to ship more than
    // 1 million H20s, at $12,000-13,000 each"), the same as reported elsewhere.
    if (metric == "unit_price" && nearest->e <= f.b) {
      for (const FigureSlot& o : slots) {
        if (&o != &f && !o.money && o.role == Role::kValue && o.fig->kind == FigureKind::kNumber &&
            o.b >= nearest->e && o.e <= f.b) {
          return Modality::kActual;
        }
      }
    }
    // A company's own expectation about its spending is a plan ("Kuaishou
    // told analysts it expected to raise capex"); a third party's is a forecast.
    if (IsSpendingMetric(metric) && !forecaster_before(*nearest)) return Modality::kPlan;
    return Modality::kForecast;
  };

  std::size_t ev_b = cx.norm->ToOriginalBegin(sb);
  std::size_t ev_e = cx.norm->ToOriginalEnd(se);
  std::string evidence = cx.article->text.substr(ev_b, ev_e - ev_b);

  auto entity_name = [&](const std::vector<int>& ids) {
    std::string name;
    for (int id : ids) {
      if (!name.empty()) name += '+';
      name += lex_->entities[id].canonical;
    }
    return name;
  };

  struct Made {
    int slot;
    ResolvedPeriod period;
    std::vector<int> entity;
    std::string metric;
  };
  std::vector<Made> made;

  auto make_fact = [&](const FigureSlot& f, int self, const EntityChoice& ent,
                       const std::string& metric, int metric_how, const ResolvedPeriod& period,
                       int period_how, Modality modality) {
    Fact fact;
    fact.entity = entity_name(ent.ids);
    fact.metric = metric;
    fact.period = period.period;
    if (fact.period.empty()) fact.period_hint = period.hint;
    const Figure& fig = *f.fig;
    fact.qualifier = f.qualifier;
    fact.resolution = fig.resolution;
    if (f.role == Role::kChange) {
      fact.change_pct = f.change_value;
    } else {
      fact.value = fig.value;
      fact.low = fig.low;
      fact.high = fig.high;
      if (f.money) {
        fact.unit = f.currency;
      } else if (fig.kind == FigureKind::kPercent) {
        fact.unit = "%";
      } else {
        fact.unit = "units";
      }
      fact.change_pct = f.change;
      for (int c : f.conversions) {
        const Figure& conv = *slots[c].fig;
        fact.alt.push_back({conv.value, conv.currency, conv.resolution});
      }
    }
    fact.source = cx.article->canonical_url.empty() ? cx.article->url : cx.article->canonical_url;
    fact.published = cx.article->published;
    fact.lang = cx.lang;
    fact.modality = modality;
    fact.evidence = evidence;
    fact.evidence_start = ev_b;
    fact.evidence_end = ev_e;
    fact.figure_start = fig.start;
    fact.figure_end = fig.end;
    // Confidence: 0.3 for the figure, plus up to 0.3 for the entity (named
    // here vs. through a reference or memory), 0.2 for the metric (strong cue,
    // weak cue or inherited, none) and 0.2 for the period (explicit year,
    // relative or inherited, none).
    double conf = 0.3;
    conf += ent.how == 2 ? 0.3 : 0.15;
    conf += metric_how == 2 ? 0.2 : metric_how == 1 ? 0.1 : 0.0;
    conf += period_how == 2 ? 0.2 : period_how == 1 ? 0.15 : 0.05;
    fact.confidence = std::min(1.0, conf);
    made.push_back({self, period, ent.ids, metric});
    out.push_back(std::move(fact));
  };

  // The metric a sentence without figures right before this one names as
  // its topic (one strong cue), or "".
  auto topic_metric = [&]() -> std::string {
    if (memory.last_quiet.second != memory.sentence_no - 1) return "";
    std::vector<MetricMention> found;
    finder_.FindMetrics(s, memory.last_quiet.first.begin, memory.last_quiet.first.end, cx.lang, &found);
    std::string topic;
    for (const MetricMention& mm : found) {
      const auto& cue = lex_->metric_cues[mm.cue];
      const extract::MetricType type = lex_->TypeOf(cue.metric);
      if (!cue.strong || (type != extract::MetricType::kMoney && type != extract::MetricType::kAny)) continue;
      if (!topic.empty() && topic != cue.metric) return "";
      topic = cue.metric;
    }
    return topic;
  };

  // Main values and change-only statements first, then comparisons.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const FigureSlot& f = slots[i];
      const int self = static_cast<int>(i);
      if (f.role == Role::kConversion || f.role == Role::kSkip) continue;
      if (f.role == Role::kChange && f.change_target >= 0) continue;
      const bool comparison = f.compared_with >= 0;
      if ((pass == 0) == comparison) continue;
      if (comparison) {
        const Made* main = nullptr;
        for (const Made& x : made) {
          if (x.slot == f.compared_with) main = &x;
        }
        if (main == nullptr) continue;
        auto [period, how] = choose_period(f, self, &main->period, true);
        if (period.period.empty() && period.hint.empty() && !main->period.period.empty()) {
          continue;  // compared with an unknown period: nothing reliable to say
        }
        EntityChoice ent;
        ent.ids = main->entity;
        ent.how = 2;
        // The earlier period's value is a reported one, whatever the main says.
        make_fact(f, self, ent, main->metric, 2, period, how, Modality::kActual);
        continue;
      }
      bool strong = false;
      std::string metric = choose_metric(f, &strong);
      int metric_how = metric.empty() ? 0 : strong ? 2 : 1;
      EntityChoice ent;
      const bool bare_number = f.fig->kind == FigureKind::kNumber && !f.money && f.role == Role::kValue;
      if (metric.empty()) {
        EntityChoice product;
        const bool same_sentence_or_last = memory.fact && memory.fact_age <= 1;
        bool relative_period = false;
        for (const PeriodMention& p : periods) {
          if ((p.spec.same_as_ref || p.spec.anaphoric) && same_clause(p.b, f.b)) relative_period = true;
        }
        if (bare_number && f.role == Role::kValue && product_follows(f) && choose_product(f, &product)) {
          // A count of a product is a count of units shipped ("more than 1mn
          // of them", "100万個超のH20").
          metric = "shipments";
          metric_how = 1;
          ent = product;
        } else if (const std::string topic = f.role == Role::kValue && f.money && same_sentence_or_last &&
                                                     !has_entity_or_ref(f.b) && memory.fact->unit == f.currency
                                                 ? topic_metric()
                                                 : std::string();
                   !topic.empty()) {
          // The sentence before named the topic without a figure ("注目を集め
          // たのは設備投資だ。7〜9月期は171億元"): its metric, the last fact's company.
          metric = topic;
          metric_how = 1;
          ent.ids = memory.fact->entity;
          ent.how = 1;
        } else if (f.role == Role::kValue && f.money && same_sentence_or_last &&
                   (memory.fact->unit == f.currency || (pronoun_changes && memory.fact->unit.empty())) &&
                   (has_entity_or_ref(f.b) || relative_period)) {
          // Ellipsis: the metric carries over from the last fact when the
          // sentence goes on with another company or period of the same
          // amount ("Tencent, propietaria de WeChat, la aumentó ... hasta
          // 23.000 millones", "テンセントは同176%増の230億元", "前年同期は230億元").
          metric = memory.fact->metric;
          metric_how = 1;
          if (!has_entity_or_ref(f.b)) {
            ent.ids = memory.fact->entity;
            ent.how = 1;
          }
        } else if (f.role == Role::kChange && !has_entity_or_ref(f.b) && memory.change_fact &&
                   memory.change_fact_age <= 3) {
          // A bare growth rate continues the last growth story ("The
          // acceleration compares with growth of 6%", "das Plus ... bei 6 Prozent").
          metric = memory.change_fact->metric;
          metric_how = 1;
          ent.ids = memory.change_fact->entity;
          ent.how = 1;
        } else {
          metric = "other";
        }
      }
      if (bare_number && metric == "other") continue;
      if (f.fig->kind == FigureKind::kPercent && f.role == Role::kValue &&
          lex_->TypeOf(metric) != extract::MetricType::kShare) {
        continue;  // a bare percentage without a share cue is not a fact
      }
      if (f.role == Role::kChange && metric == "other" && f.fig->unit != "change" && entities.empty()) {
        continue;  // "rose 34%" with nothing saying what rose
      }
      if (ent.ids.empty()) ent = choose_entity(f, metric);
      if (ent.ids.empty()) continue;
      // A count on a product without a count cue is its shipments.
      if (bare_number && lex_->TypeOf(metric) != extract::MetricType::kCount && ent.ids.size() == 1 &&
          lex_->entities[ent.ids[0]].kind == EntityKind::kProduct) {
        metric = "shipments";
      }
      // Other metrics on a product are its maker's.
      if (ent.ids.size() == 1 && lex_->entities[ent.ids[0]].kind == EntityKind::kProduct &&
          !IsProductMetric(metric) && metric != "other") {
        int parent = lex_->entities[ent.ids[0]].parent;
        if (parent >= 0) ent.ids = {parent};
      }
      const bool one_day = metric == "share_price" || metric == "market_value";
      allow_day = one_day;
      auto [period, how] = choose_period(f, self, nullptr, false);
      allow_day = false;
      // A closing price or market value "on Nov 13" is that day's.
      if (one_day && !period.day.empty()) period.period = period.day;
      const bool earlier_period = chosen_earlier;
      // A clause that gives no period goes on in the period of the fact
      // before it: in the same sentence ("revenue rose 6% in the April-June
      // quarter, while sales of AI products more than doubled"), or when
      // the text goes through the members of a group on one metric ("Baidu
      // increased its spending by 4% to 4.2 billion yuan" after the
      // first-half figures of the three).
      if (period.period.empty() && period.hint.empty() && how == 0 && memory.fact &&
          (!memory.fact->period.period.empty() || !memory.fact->period.hint.empty())) {
        bool any_period = false;
        for (const PeriodMention& p : periods) any_period |= fact_period_candidate(p, f) && !owned_by_base(p, f, self);
        auto member = [&](int id) {
          return std::find(memory.group.begin(), memory.group.end(), id) != memory.group.end() ||
                 std::find(memory.fact->entity.begin(), memory.fact->entity.end(), id) !=
                     memory.fact->entity.end();
        };
        // Amounts of money on one metric in a row are reported for one
        // period; counts (product forecasts) are not run together.
        const bool same_money = f.money && f.role == Role::kValue && memory.fact->unit == f.currency;
        bool enumeration = memory.fact_age <= 3 && memory.fact->metric == metric &&
                           (same_money || std::all_of(ent.ids.begin(), ent.ids.end(), member));
        if (!any_period && (memory.fact_age == 0 || enumeration)) {
          period = memory.fact->period;
          how = 1;
        }
      }
      const PeriodSpec* spec = nullptr;
      for (const PeriodMention& p : periods) {
        if (p.spec.unit == PeriodSpec::Unit::kSpan && same_clause(p.b, f.b)) spec = &p.spec;
      }
      const Modality modality = choose_modality(f, metric, spec);
      // Results reported without a period of their own are of the period
      // the story is about ("... in the July-September quarter." then
      // "Revenue at its cloud unit rose 34%"); levels and prices are not,
      // nor plans and forecasts (they are about periods still to come).
      if (period.period.empty() && period.hint.empty() && how == 0 && lex_->flow_metrics.count(metric) > 0 &&
          modality == Modality::kActual) {
        bool any_period = false;
        for (const PeriodMention& p : periods) any_period |= fact_period_candidate(p, f) && !owned_by_base(p, f, self);
        const ResolvedPeriod* story = any_period ? nullptr : story_period();
        if (story != nullptr) {
          period = *story;
          how = 1;
        }
      }
      const EntityMention* each_of = nullptr;
      for (const auto& [c, em] : distributive) {
        if (em->ids == ent.ids && same_clause(c->b, f.b) && c->e <= f.b) each_of = em;
      }
      if (each_of != nullptr) {  // one fact per member
        for (int id : ent.ids) {
          EntityChoice one{{id}, ent.how};
          make_fact(f, self, one, metric, metric_how, period, how, modality);
        }
      } else {
        make_fact(f, self, ent, metric, metric_how, period, how, modality);
      }
      std::string unit = f.role == Role::kChange                  ? ""
                         : f.money                                 ? f.currency
                         : f.fig->kind == FigureKind::kPercent     ? "%"
                                                                   : "units";
      FactMemo memo{ent.ids, metric, period, unit};
      // A value for an earlier period ("前年同期は230億元") is a comparison
      // across sentences: the story stays with the period before it.
      if (!earlier_period) {
        memory.fact = memo;
        memory.fact_age = 0;
      }
      if (f.role == Role::kChange || f.change) {
        memory.change_fact = memo;
        memory.change_fact_age = 0;
      }
    }
  }
  // "more than doubled, rising 114 per cent to 17.1 billion yuan": the
  // change alone restates the fact that has the amount and the exact change.
  auto restated = [&](const Fact& x) {
    if (x.value.has_value() || !x.change_pct.has_value()) return false;
    for (const Fact& y : out) {
      if (&y != &x && y.value.has_value() && y.change_pct.has_value() && y.entity == x.entity &&
          y.metric == x.metric && y.period == x.period && y.modality == x.modality &&
          (x.qualifier != Qualifier::kOver || *y.change_pct >= *x.change_pct) &&
          (x.qualifier != Qualifier::kUnder || *y.change_pct <= *x.change_pct)) {
        return true;
      }
    }
    return false;
  };
  std::vector<bool> drop(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) drop[i] = restated(out[i]);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) out[kept] = std::move(out[i]);
    ++kept;
  }
  out.resize(kept);
  if (!quote) {
    forget_old_periods();
    add_stated(periods, memory.sentence_no);
    // The company of this sentence's last fact stays in focus even when the
    // sentence did not name it ("7〜9月期は171億元 ... 同社の設備投資は").
    if (!out.empty() && !made.empty() && made.back().entity.size() == 1 &&
        lex_->entities[made.back().entity[0]].kind == EntityKind::kCompany) {
      memory.subject = made.back().entity[0];
      memory.subject_age = 0;
    }
  }
  update_memory();
  return out;
}

}  // namespace

const FactExtractor& FactExtractor::Default() {
  // The lexicon is the one FindAttributions uses too: loaded and compiled once.
  static const FactExtractor* instance = new FactExtractorImpl(&FactLexicon::Shared());
  return *instance;
}

Result<std::unique_ptr<FactExtractor>> FactExtractor::Create() {
  auto lex = FactLexicon::Load();
  if (!lex.ok()) return lex.status();
  return std::unique_ptr<FactExtractor>(new FactExtractorImpl(std::move(*lex)));
}

}  // namespace newsfacts
