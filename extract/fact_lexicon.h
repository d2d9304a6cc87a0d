// extract/fact_lexicon.h — the data behind fact extraction, loaded from
// extract/lexicons/{entities,metrics,periods,references,cues,modality}.tsv
// (plus user files of the same names; see lexicon.h) and compiled into one
// PhraseMatcher per file.
//
// Thread-safety: immutable after Load().
#ifndef NEWSFACTS_EXTRACT_FACT_LEXICON_H_
#define NEWSFACTS_EXTRACT_FACT_LEXICON_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/status.h"
#include "phrase_matcher.h"

#include <re2/re2.h>

namespace newsfacts::extract {

enum class EntityKind { kCompany, kProduct, kOrganisation };

struct EntityInfo {
  std::string canonical;
  EntityKind kind = EntityKind::kCompany;
  int parent = -1;  // for products: index of the maker
};

enum class CueKind {
  kUp, kDown, kChangePost, kDownPost, kYoy, kCompare, kCombined, kListSep, kAttribution,
  kClauseEnd,    // ", while", ", а", "，而": a new clause starts
  kNameSuffix,   // "集団", "Holdings" right after a company name belong to it
  kParentPre,    // "owner of", "владелец": the following subsidiary stands for its parent
  kParentPost,   // "-Mutterkonzern", "母公司": the preceding subsidiary stands for its parent
  kOverPre,      // "exceeding", "plus de": the following amount is a lower bound
  kOverPost,     // "を超える" after the amount: a lower bound
  kAboutPre,     // "约为", "est d'environ": the following amount is an estimate
  kByMultiple,   // "增长": a following multiple is the increase ("增长超过一倍" +100%)
  kEach,         // "each", "jeweils" right after a list: every member did it ("A and B each spent $5bn")
  kConvert,      // "or about", "umgerechnet", "约合" between an amount and its conversion
};
enum class RefKind { kCompany, kGroup, kProduct, kPronoun, kRelative };
enum class PeriodKind {
  kHalf, kQuarter, kMonth, kMonthRel, kYearRel, kSameRel, kSamePeriod, kSpanNext, kByYear, kInYear,
  kFiscal, kQuarterTo, kHalfTo, kRangeSep, kRangeOpen
};
enum class ModalityKind { kForecast, kPlan, kActual, kForecaster };

// What a metric's values are: amounts of money, counts of things (units,
// users), or shares in percent. Metrics without a type row take any figure.
enum class MetricType { kAny, kMoney, kCount, kShare };

struct MetricCue {
  std::string metric;
  bool strong = true;
  std::string lang;  // "*" for every language
};

struct MetricRefine {
  std::string from;
  std::string to;
};

template <typename Kind>
struct LangCue {
  Kind kind;
  int value = 0;
  std::string lang;
  // Every phrase of the row is capitalised ("May", "March"): the match must
  // be capitalised too, so "may go beyond" is not a month.
  bool capitalised = false;
};

// "the Hangzhou-based group", "das nicht börsennotierte Unternehmen": a
// determiner, up to three words, then a head noun (references.tsv rows
// det / head_company / head_group), compiled per language.
struct HeadPattern {
  std::string lang;
  std::unique_ptr<RE2> re;  // one capture group: the whole reference
  std::vector<std::string> group_heads;  // folded heads that make it a group reference
};

class FactLexicon {
 public:
  // Loads and compiles the built-in plus user lexicons. Errors name the file
  // and line.
  static Result<std::unique_ptr<FactLexicon>> Load();
  // The lexicon the default fact extractor and attribution finder share,
  // loaded on first use (lexicon directories must be set by then); a load
  // error is printed and aborts, as neither can work without it.
  static const FactLexicon& Shared();

  // True when a row tagged `row_lang` applies to text in `lang`: "*" rows
  // always; otherwise the languages must agree, and text in a language the
  // lexicon has no rows for uses every row.
  bool Applies(std::string_view row_lang, std::string_view lang) const;
  // The language to give PhraseMatcher::FindAll for text in `lang`: `lang`
  // when rows of other languages do not apply to it (see Applies), else ""
  // (every row).
  std::string_view MatchLang(std::string_view lang) const;

  std::vector<EntityInfo> entities;
  PhraseMatcher entity_matcher{WordEnd::kInflected};
  // Entity names in s[b, e). The rows are for every language; Chinese text
  // also finds their traditional spellings (the zh matcher adds them).
  void FindEntityNames(std::string_view s, std::size_t b, std::size_t e, std::string_view lang,
                       std::vector<PhraseMatcher::Match>* out) const {
    if (lang == "zh") {
      entity_matcher.FindAll(s, b, e, lang, out);
    } else {
      entity_matcher.FindAll(s, b, e, out);
    }
  }

  std::vector<MetricCue> metric_cues;
  PhraseMatcher metric_matcher;
  std::map<std::string, MetricType, std::less<>> metric_types;  // metrics.tsv "type" rows
  std::set<std::string, std::less<>> flow_metrics;  // measured over a period (type rows marked flow)
  MetricType TypeOf(std::string_view metric) const {
    auto it = metric_types.find(metric);
    return it == metric_types.end() ? MetricType::kAny : it->second;
  }
  std::vector<MetricRefine> refines;
  std::vector<std::string> refine_langs;
  PhraseMatcher refine_matcher;

  std::vector<LangCue<PeriodKind>> period_cues;
  PhraseMatcher period_matcher;

  std::vector<LangCue<RefKind>> ref_cues;
  PhraseMatcher ref_matcher;
  std::vector<HeadPattern> head_patterns;

  std::vector<LangCue<CueKind>> cues;
  PhraseMatcher cue_matcher;
  // Folded list-separator phrases ("and", "und", "和"), for gaps the matcher
  // cannot see as words ("TCEHYAnd Baidu").
  std::vector<std::string> list_separators;

  std::vector<LangCue<ModalityKind>> modality_cues;
  PhraseMatcher modality_matcher;

  // Words that give the company named next to them its role in the clause
  // (cues.tsv kinds object_prep, genitive_prep, object_marker_pre,
  // object_marker_post). Compared whole, not matched as phrases.
  struct RoleWord {
    std::string word;
    std::string lang;
  };
  std::vector<RoleWord> object_preps;        // "into", "für", "в": the company is an object
  std::vector<RoleWord> genitive_preps;      // "of", "de", "da": the company owns the noun before
  std::vector<RoleWord> object_markers_pre;  // glued before the name: "向", "给"
  std::vector<RoleWord> object_markers_post; // glued after the name: "に", "から"
  // Is `word` one of `words` for text in `lang`?
  bool IsRoleWord(const std::vector<RoleWord>& words, std::string_view word,
                  std::string_view lang) const {
    for (const RoleWord& w : words) {
      if (w.word == word && Applies(w.lang, lang)) return true;
    }
    return false;
  }
  // An object marker glued to the name in s[begin, end): right before `pos`
  // ("向智谱注资") or right at it ("中国企業に出荷").
  bool ObjectMarkerBefore(std::string_view s, std::size_t begin, std::size_t pos,
                          std::string_view lang) const {
    for (const RoleWord& m : object_markers_pre) {
      if (pos >= begin + m.word.size() && s.compare(pos - m.word.size(), m.word.size(), m.word) == 0 &&
          Applies(m.lang, lang))
        return true;
    }
    return false;
  }
  bool ObjectMarkerAfter(std::string_view s, std::size_t pos, std::size_t end,
                         std::string_view lang) const {
    for (const RoleWord& m : object_markers_post) {
      if (pos + m.word.size() <= end && s.compare(pos, m.word.size(), m.word) == 0 &&
          Applies(m.lang, lang))
        return true;
    }
    return false;
  }

  // Languages whose verb comes last (ja, ko, tr): modality cues after the
  // figure count too ("…出荷すると予想する").
  bool VerbFinal(std::string_view lang) const {
    return lang == "ja" || lang == "ko" || lang == "tr";
  }

 private:
  std::vector<std::string> langs_;  // languages with language-specific rows
};

}  // namespace newsfacts::extract

#endif  // NEWSFACTS_EXTRACT_FACT_LEXICON_H_
