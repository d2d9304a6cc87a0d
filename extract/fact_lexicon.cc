#include "fact_lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <charconv>
#include <map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "newsfacts/lexicon.h"
#include "newsfacts/text.h"

namespace newsfacts::extract {
namespace {

// Splits a '|'-separated phrase list.
std::vector<std::string_view> SplitPhrases(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    auto bar = s.find('|');
    std::string_view p = s.substr(0, bar);
    while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
    while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
    if (!p.empty()) out.push_back(p);
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

Status LineError(std::string_view file, int line, std::string_view why) {
  return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": " +
                                 std::string(why));
}

bool ParseInt(std::string_view s, int* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Lexicon phrases are matched against NFKC-normalised text, so they are
// normalised the same way ("4～6月期" -> "4~6月期").
std::string NormalizePhrase(std::string_view phrase) { return NormalizeText(phrase).text; }

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c >= 0 && u_isupper(c);
}

// Loads rows "kind [value] lang phrases" of `file`. Rows whose kind is in
// `skip` are left for the caller.
template <typename Kind>
Status LoadLangCues(std::string_view file, const std::map<std::string_view, Kind>& kinds,
                    bool has_value, std::vector<LangCue<Kind>>* cues, PhraseMatcher* matcher,
                    std::vector<std::string>* langs,
                    std::vector<std::pair<Kind, std::string>>* phrases = nullptr,
                    const std::vector<std::string_view>& skip = {}) {
  Status status;
  std::string text = LoadLexicon(file);
  if (text.empty()) return Status::NotFound(std::string(file) + ": lexicon missing");
  ForEachTsvRow(text, [&](const std::vector<std::string_view>& cols, int line) {
    if (!status.ok()) return;
    if (!cols.empty() && std::find(skip.begin(), skip.end(), cols[0]) != skip.end()) return;
    const std::size_t need = has_value ? 4 : 3;
    if (cols.size() < need) {
      status = LineError(file, line, "expected " + std::to_string(need) + " TAB-separated columns");
      return;
    }
    auto kind = kinds.find(cols[0]);
    if (kind == kinds.end()) {
      status = LineError(file, line, "unknown kind '" + std::string(cols[0]) + "'");
      return;
    }
    LangCue<Kind> cue;
    cue.kind = kind->second;
    std::size_t c = 1;
    if (has_value) {
      if (!ParseInt(cols[1], &cue.value)) {
        status = LineError(file, line, "value must be an integer");
        return;
      }
      c = 2;
    }
    cue.lang = std::string(cols[c]);
    if (cue.lang != "*") langs->push_back(cue.lang);
    std::vector<std::string_view> row_phrases = SplitPhrases(cols[c + 1]);
    cue.capitalised = !row_phrases.empty();
    for (std::string_view phrase : row_phrases) {
      if (!StartsUpper(phrase)) cue.capitalised = false;
    }
    cues->push_back(cue);
    const int payload = static_cast<int>(cues->size() - 1);
    for (std::string_view phrase : row_phrases) {
      std::string normal = NormalizePhrase(phrase);
      matcher->Add(normal, payload, cue.lang);
      if (phrases != nullptr) phrases->emplace_back(cue.kind, FoldCase(normal));
    }
  });
  if (!status.ok()) return status;
  return matcher->Compile();
}

// cues.tsv rows of the role-word kinds: whole words, as written (the
// lower-case form WordBefore compares with).
Status LoadRoleWords(FactLexicon* lex, std::vector<std::string>* langs) {
  Status status;
  ForEachTsvRow(LoadLexicon("cues.tsv"), [&](const std::vector<std::string_view>& cols, int line) {
    if (!status.ok() || cols.empty()) return;
    std::vector<FactLexicon::RoleWord>* list =
        cols[0] == "object_prep"          ? &lex->object_preps
        : cols[0] == "genitive_prep"      ? &lex->genitive_preps
        : cols[0] == "object_marker_pre"  ? &lex->object_markers_pre
        : cols[0] == "object_marker_post" ? &lex->object_markers_post
                                          : nullptr;
    if (list == nullptr) return;
    if (cols.size() < 3) {
      status = LineError("cues.tsv", line, "expected kind, lang, words");
      return;
    }
    const std::string lang(cols[1]);
    if (lang != "*") langs->push_back(lang);
    for (std::string_view w : SplitPhrases(cols[2])) list->push_back({NormalizePhrase(w), lang});
  });
  return status;
}

// references.tsv rows det / head_company / head_group -> one pattern per
// language: determiner, up to three words, head noun, optional possessive.
Status LoadHeadPatterns(std::vector<HeadPattern>* out) {
  struct Parts {
    std::vector<std::string> dets, company, group;
  };
  std::map<std::string, Parts> by_lang;
  Status status;
  ForEachTsvRow(LoadLexicon("references.tsv"), [&](const std::vector<std::string_view>& cols, int line) {
    if (!status.ok() || cols.empty()) return;
    if (cols[0] != "det" && cols[0] != "head_company" && cols[0] != "head_group") return;
    if (cols.size() < 3) {
      status = LineError("references.tsv", line, "expected kind, lang, phrases");
      return;
    }
    Parts& parts = by_lang[std::string(cols[1])];
    auto& list = cols[0] == "det" ? parts.dets : cols[0] == "head_company" ? parts.company : parts.group;
    for (std::string_view p : SplitPhrases(cols[2])) list.push_back(NormalizePhrase(p));
  });
  if (!status.ok()) return status;
  for (auto& [lang, parts] : by_lang) {
    if (parts.dets.empty() || (parts.company.empty() && parts.group.empty())) continue;
    std::string dets, heads;
    for (const std::string& d : parts.dets) {
      if (!dets.empty()) dets += '|';
      const bool elided = !d.empty() && d.back() == '\'';  // "l'" (curly quotes are normalised)
      dets += RE2::QuoteMeta(d) + (elided ? "" : "\\s+");
    }
    std::vector<std::string> all = parts.company;
    all.insert(all.end(), parts.group.begin(), parts.group.end());
    std::sort(all.begin(), all.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& h : all) {
      if (!heads.empty()) heads += '|';
      heads += RE2::QuoteMeta(h);
    }
    HeadPattern hp;
    hp.lang = lang;
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    hp.re = std::make_unique<RE2>("((?:" + dets + ")(?:[\\pL\\pN][\\pL\\pN'-]*\\s+){0,3}?(?:" + heads + "))",
                                  options);
    if (!hp.re->ok()) return Status::InvalidArgument("references.tsv: head pattern for " + lang + " does not compile");
    for (const std::string& g : parts.group) hp.group_heads.push_back(FoldCase(g));
    out->push_back(std::move(hp));
  }
  return Status::Ok();
}

}  // namespace

bool FactLexicon::Applies(std::string_view row_lang, std::string_view lang) const {
  if (row_lang == "*" || lang.empty()) return true;
  if (row_lang == lang) return true;
  return !std::binary_search(langs_.begin(), langs_.end(), lang, std::less<>());
}

std::string_view FactLexicon::MatchLang(std::string_view lang) const {
  if (lang.empty() || !std::binary_search(langs_.begin(), langs_.end(), lang, std::less<>())) return {};
  return lang;
}

const FactLexicon& FactLexicon::Shared() {
  static const FactLexicon* shared = [] {
    auto loaded = Load();
    if (!loaded.ok()) {
      std::cerr << "newsfacts: " << loaded.status().ToString() << "\n";
      std::abort();
    }
    return loaded->release();
  }();
  return *shared;
}

Result<std::unique_ptr<FactLexicon>> FactLexicon::Load() {
  auto lex = std::make_unique<FactLexicon>();
  std::vector<std::string> langs;

  // entities.tsv: canonical, kind, parent, aliases
  {
    Status status;
    std::string text = LoadLexicon("entities.tsv");
    std::map<std::string, int> index;
    std::vector<std::pair<int, std::string>> parents;
    ForEachTsvRow(text, [&](const std::vector<std::string_view>& cols, int line) {
      if (!status.ok()) return;
      if (cols.size() < 4) {
        status = LineError("entities.tsv", line, "expected canonical, kind, parent, aliases");
        return;
      }
      EntityInfo info;
      info.canonical = std::string(cols[0]);
      if (cols[1] == "company") {
        info.kind = EntityKind::kCompany;
      } else if (cols[1] == "product") {
        info.kind = EntityKind::kProduct;
      } else if (cols[1] == "organisation" || cols[1] == "organization") {
        info.kind = EntityKind::kOrganisation;
      } else {
        status = LineError("entities.tsv", line, "kind must be company, product or organisation");
        return;
      }
      int id;
      auto existing = index.find(info.canonical);
      if (existing != index.end()) {  // a later row extends an entity
        id = existing->second;
        lex->entities[id].kind = info.kind;
      } else {
        id = static_cast<int>(lex->entities.size());
        lex->entities.push_back(info);
        index[info.canonical] = id;
      }
      if (!cols[2].empty()) parents.emplace_back(id, std::string(cols[2]));
      lex->entity_matcher.Add(NormalizePhrase(cols[0]), id);
      for (std::string_view raw_alias : SplitPhrases(cols[3])) {
        std::string alias = NormalizePhrase(raw_alias);
        lex->entity_matcher.Add(alias, id);
        // All-caps form of Latin aliases ("ALIBABA" in headlines).
        std::string upper(alias);
        bool ascii = true;
        for (char& ch : upper) {
          if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
          ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        if (ascii && upper != alias && upper.size() > 3) lex->entity_matcher.Add(upper, id);
      }
    });
    if (!status.ok()) return status;
    for (auto& [id, parent] : parents) {
      auto it = index.find(parent);
      if (it == index.end()) {
        return Status::InvalidArgument("entities.tsv: unknown parent '" + parent + "' of " +
                                       lex->entities[id].canonical);
      }
      lex->entities[id].parent = it->second;
    }
    NF_RETURN_IF_ERROR(lex->entity_matcher.Compile());
  }

  // metrics.tsv: cue rows and refine rows
  {
    Status status;
    std::string text = LoadLexicon("metrics.tsv");
    ForEachTsvRow(text, [&](const std::vector<std::string_view>& cols, int line) {
      if (!status.ok()) return;
      if (cols.size() >= 3 && cols[0] == "type") {
        static const std::map<std::string_view, MetricType> kTypes = {
            {"money", MetricType::kMoney}, {"count", MetricType::kCount},
            {"share", MetricType::kShare}, {"any", MetricType::kAny}};
        auto type = kTypes.find(cols[2]);
        if (type == kTypes.end()) {
          status = LineError("metrics.tsv", line, "type must be money, count, share or any");
          return;
        }
        lex->metric_types[std::string(cols[1])] = type->second;
        if (cols.size() >= 4 && cols[3] == "flow") {
          lex->flow_metrics.insert(std::string(cols[1]));
        } else if (cols.size() >= 4 && cols[3] != "level" && cols[3] != "-") {
          status = LineError("metrics.tsv", line, "the fourth column of a type row must be flow or level");
        }
        return;
      }
      if (cols.size() < 5) {
        status = LineError("metrics.tsv", line, "expected 5 TAB-separated columns");
        return;
      }
      if (cols[0] == "cue") {
        if (cols[2] != "strong" && cols[2] != "weak") {
          status = LineError("metrics.tsv", line, "strength must be strong or weak");
          return;
        }
        MetricCue cue{std::string(cols[1]), cols[2] == "strong", std::string(cols[3])};
        if (cue.lang != "*") langs.push_back(cue.lang);
        lex->metric_cues.push_back(cue);
        int payload = static_cast<int>(lex->metric_cues.size() - 1);
        for (std::string_view p : SplitPhrases(cols[4])) lex->metric_matcher.Add(NormalizePhrase(p), payload, cue.lang);
      } else if (cols[0] == "refine") {
        lex->refines.push_back({std::string(cols[1]), std::string(cols[2])});
        lex->refine_langs.emplace_back(cols[3]);
        int payload = static_cast<int>(lex->refines.size() - 1);
        for (std::string_view p : SplitPhrases(cols[4])) lex->refine_matcher.Add(NormalizePhrase(p), payload, cols[3]);
      } else {
        status = LineError("metrics.tsv", line, "first column must be cue, refine or type");
      }
    });
    if (!status.ok()) return status;
    NF_RETURN_IF_ERROR(lex->metric_matcher.Compile());
    NF_RETURN_IF_ERROR(lex->refine_matcher.Compile());
  }

  static const std::map<std::string_view, PeriodKind> kPeriodKinds = {
      {"half", PeriodKind::kHalf},         {"quarter", PeriodKind::kQuarter},
      {"month", PeriodKind::kMonth},       {"month_rel", PeriodKind::kMonthRel},       {"year_rel", PeriodKind::kYearRel},
      {"same_rel", PeriodKind::kSameRel},  {"span_next", PeriodKind::kSpanNext},
      {"by_year", PeriodKind::kByYear},    {"in_year", PeriodKind::kInYear},
      {"fiscal", PeriodKind::kFiscal},     {"same_period", PeriodKind::kSamePeriod},
      {"quarter_to", PeriodKind::kQuarterTo}, {"half_to", PeriodKind::kHalfTo},
      {"range_sep", PeriodKind::kRangeSep}, {"range_open", PeriodKind::kRangeOpen}};
  NF_RETURN_IF_ERROR(LoadLangCues("periods.tsv", kPeriodKinds, true, &lex->period_cues,
                                  &lex->period_matcher, &langs));

  static const std::map<std::string_view, RefKind> kRefKinds = {{"company", RefKind::kCompany},
                                                                {"group", RefKind::kGroup},
                                                                {"product", RefKind::kProduct},
                                                                {"pronoun", RefKind::kPronoun},
                                                                {"relative", RefKind::kRelative}};
  NF_RETURN_IF_ERROR(LoadLangCues("references.tsv", kRefKinds, false, &lex->ref_cues,
                                  &lex->ref_matcher, &langs,
                                  static_cast<std::vector<std::pair<RefKind, std::string>>*>(nullptr),
                                  {"det", "head_company", "head_group"}));
  NF_RETURN_IF_ERROR(LoadHeadPatterns(&lex->head_patterns));

  static const std::map<std::string_view, CueKind> kCueKinds = {
      {"up", CueKind::kUp},
      {"down", CueKind::kDown},
      {"change_post", CueKind::kChangePost},
      {"down_post", CueKind::kDownPost},
      {"clause_end", CueKind::kClauseEnd},
      {"name_suffix", CueKind::kNameSuffix},
      {"parent_pre", CueKind::kParentPre},
      {"parent_post", CueKind::kParentPost},
      {"over_pre", CueKind::kOverPre},
      {"over_post", CueKind::kOverPost},
      {"about_pre", CueKind::kAboutPre},
      {"by_multiple", CueKind::kByMultiple},
      {"each", CueKind::kEach},
      {"convert", CueKind::kConvert},
      {"yoy", CueKind::kYoy},
      {"compare", CueKind::kCompare},
      {"combined", CueKind::kCombined},
      {"list_sep", CueKind::kListSep},
      {"attribution", CueKind::kAttribution}};
  static const std::vector<std::string_view> kRoleWordKinds = {
      "object_prep", "genitive_prep", "object_marker_pre", "object_marker_post"};
  std::vector<std::pair<CueKind, std::string>> cue_phrases;
  NF_RETURN_IF_ERROR(LoadLangCues("cues.tsv", kCueKinds, false, &lex->cues, &lex->cue_matcher,
                                  &langs, &cue_phrases, kRoleWordKinds));
  NF_RETURN_IF_ERROR(LoadRoleWords(lex.get(), &langs));
  for (auto& [kind, phrase] : cue_phrases) {
    if (kind == CueKind::kListSep) lex->list_separators.push_back(phrase);
  }

  static const std::map<std::string_view, ModalityKind> kModalityKinds = {
      {"forecast", ModalityKind::kForecast},
      {"plan", ModalityKind::kPlan},
      {"actual", ModalityKind::kActual},
      {"forecaster", ModalityKind::kForecaster}};
  NF_RETURN_IF_ERROR(LoadLangCues("modality.tsv", kModalityKinds, false, &lex->modality_cues,
                                  &lex->modality_matcher, &langs));

  std::sort(langs.begin(), langs.end());
  langs.erase(std::unique(langs.begin(), langs.end()), langs.end());
  lex->langs_ = std::move(langs);
  return lex;
}

}  // namespace newsfacts::extract
