// extract/fact_mentions.h — everything one sentence says around its figures:
// entity mentions (joined into lists, with their grammatical role),
// references ("the company", "同社", "which"), cue words, metric cues,
// period expressions and modality cues. Found with the FactLexicon; the slot
// filler in facts.cc decides which of them belong to which figure.
//
//   MentionFinder finder(lexicon);
//   SentenceMentions m;
//   finder.Find(text, sentence_begin, sentence_end, "en", figure_spans, &m);
//   // "Alibaba, Tencent and Baidu together spent Rmb50bn ..." ->
//   //   m.entities[0].ids = {Alibaba, Tencent, Baidu}
//
// All offsets are byte offsets into the (normalised) text passed to Find.
// Thread-safety: a MentionFinder is immutable; Find is reentrant.
#ifndef NEWSFACTS_EXTRACT_FACT_MENTIONS_H_
#define NEWSFACTS_EXTRACT_FACT_MENTIONS_H_

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "fact_lexicon.h"
#include "periods.h"

namespace newsfacts::extract {

struct EntityMention {
  std::size_t b = 0, e = 0;
  std::vector<int> ids;     // one id, or the members of a list in mention order
  bool object = false;      // after a preposition ("put into Moonshot", "с Alibaba")
  bool possessive = false;  // "Alibaba's", "Alibabas": possessor of the subject phrase
  bool attributed = false;  // right after an attribution cue ("according to Alibaba")
  bool product = false;
  bool organisation = false;  // media, banks, regulators: never a fact's subject
};

struct RefMention {
  std::size_t b = 0, e = 0;
  RefKind kind = RefKind::kCompany;
  bool object = false;   // "the most restrained of the three"
  int antecedent = -1;   // entity mention it stands for in this sentence
                         // (apposition "Tencent, the gaming group", relative "Alibaba, которая")
  int count = 0;         // group references: how many members it names
  bool or_company = false;  // a group reference that may also be one company
                            // (Russian "компании": "companies" or "the company's")
                         // ("the four US companies" -> 4), 0 if it does not say
};

struct CueMention {
  std::size_t b = 0, e = 0;
  CueKind kind = CueKind::kUp;
};

struct MetricMention {
  std::size_t b = 0, e = 0;
  int cue = 0;  // index into FactLexicon::metric_cues
};

struct PeriodMention {
  std::size_t b = 0, e = 0;
  PeriodSpec spec;
  bool consumed = false;  // belongs to a change ("up 6% from a year earlier")
};

struct ModalityMention {
  std::size_t b = 0, e = 0;
  ModalityKind kind = ModalityKind::kForecast;
};

struct SentenceMentions {
  std::vector<CueMention> cues;
  std::vector<EntityMention> entities;
  std::vector<RefMention> refs;
  std::vector<MetricMention> metrics;
  std::vector<PeriodMention> periods;
  std::vector<ModalityMention> modality;
  std::vector<std::size_t> clause_breaks;  // offsets where a new clause starts
};

class MentionFinder {
 public:
  explicit MentionFinder(const FactLexicon& lex);

  // Finds the mentions in s[b, e). `figures` are the figure spans of the
  // sentence (sorted); years and months inside them are not periods.
  // `full` = false finds only what the discourse memory needs (entities,
  // references, cues), for sentences without figures.
  void Find(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
            const std::vector<std::pair<std::size_t, std::size_t>>& figures, bool full,
            SentenceMentions* out) const;
  // Only the period expressions of a sentence without figures (asked for
  // when a later figure needs the period the story is about), read as Find
  // reads them (its cues join "between July and September").
  void FindPeriodsOnly(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                       std::vector<PeriodMention>* out) const {
    SentenceMentions m;
    FindCues(s, b, e, lang, &m);
    FindPeriods(s, b, e, lang, {}, &m);
    *out = std::move(m.periods);
  }
  // Only the metric cues of a span (the topic named by a sentence without
  // figures: "注目を集めたのは設備投資だ。").
  void FindMetrics(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                   std::vector<MetricMention>* out) const;

 private:
  void FindCues(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                SentenceMentions* out) const;
  void FindEntities(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                    SentenceMentions* out) const;
  void FindRefs(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                SentenceMentions* out) const;
  void FindPeriods(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                   const std::vector<std::pair<std::size_t, std::size_t>>& figures,
                   SentenceMentions* out) const;

  bool PronounAt(std::string_view s, std::size_t pos, std::size_t end, std::string_view lang) const;
  const FactLexicon& lex_;
  std::unique_ptr<RE2> year_re_;
  std::unique_ptr<RE2> cjk_month_re_;
  std::unique_ptr<RE2> cjk_month_range_re_;
};

// Number of whitespace-separated words in s (CJK runs count by 3 characters).
int WordCount(std::string_view s);

// True when no clause break lies between offsets a and b.
bool SameClause(const SentenceMentions& m, std::size_t a, std::size_t b);

}  // namespace newsfacts::extract

#endif  // NEWSFACTS_EXTRACT_FACT_MENTIONS_H_
