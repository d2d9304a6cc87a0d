#include "newsfacts/attribution.h"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <utility>

#include "fact_lexicon.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"

namespace newsfacts {
namespace {

const extract::FactLexicon& Lexicon() { return extract::FactLexicon::Shared(); }

// Cue and organisation closer than this (bytes) belong together.
constexpr std::size_t kMaxGap = 48;

}  // namespace

std::vector<Attribution> FindAttributions(std::string_view text, std::string_view lang) {
  return FindAttributions(text, lang, PrepareText(text, NormalizeLangTag(lang)));
}

std::vector<Attribution> FindAttributions(std::string_view text, std::string_view lang_in,
                                          const PreparedText& prepared) {
  std::string lang = NormalizeLangTag(lang_in);
  if (prepared.lang != lang) return FindAttributions(text, lang_in);  // split for another language
  std::vector<Attribution> out;
  const extract::FactLexicon& lex = Lexicon();
  const NormalizedText& norm = prepared.norm;
  const std::string& s = norm.text;
  std::vector<extract::PhraseMatcher::Match> orgs, cues;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // attribution cues
  std::vector<std::size_t> starts, reach;
  for (const TextSpan& sent : prepared.sentences) {
    orgs.clear();
    cues.clear();
    lex.FindEntityNames(s, sent.begin, sent.end, prepared.lang, &orgs);
    bool any_org = false;
    for (const auto& m : orgs) {
      if (lex.entities[m.payloads->front()].kind == extract::EntityKind::kOrganisation) any_org = true;
    }
    if (!any_org) continue;
    lex.cue_matcher.FindAll(s, sent.begin, sent.end, lex.MatchLang(lang), &cues);
    // The attribution cues by start, with the furthest end reached so far,
    // so that each organisation looks its cue up instead of trying them all.
    spans.clear();
    for (const auto& cue : cues) {
      bool is_attribution = false;
      for (int p : *cue.payloads) {
        const auto& c = lex.cues[p];
        if (c.kind == extract::CueKind::kAttribution && lex.Applies(c.lang, lang)) is_attribution = true;
      }
      if (is_attribution) spans.emplace_back(cue.begin, cue.end);
    }
    std::sort(spans.begin(), spans.end());
    starts.clear();
    reach.clear();
    for (const auto& [b, e] : spans) {
      starts.push_back(b);
      reach.push_back(reach.empty() ? e : std::max(reach.back(), e));
    }
    for (const auto& org : orgs) {
      const int id = org.payloads->front();
      if (lex.entities[id].kind != extract::EntityKind::kOrganisation) continue;
      // A cue at most kMaxGap bytes away: it starts before org.end + kMaxGap
      // and ends after org.begin - kMaxGap (overlapping counts as no gap).
      const auto n = static_cast<std::size_t>(
          std::upper_bound(starts.begin(), starts.end(), org.end + kMaxGap) - starts.begin());
      const bool attributed = n > 0 && reach[n - 1] + kMaxGap >= org.begin;
      if (!attributed) continue;
      const std::string& name = lex.entities[id].canonical;
      bool seen = false;
      for (const Attribution& a : out) seen = seen || a.origin == name;
      if (!seen) {
        out.push_back({name, norm.ToOriginalBegin(sent.begin), norm.ToOriginalEnd(sent.end)});
      }
    }
  }
  return out;
}

}  // namespace newsfacts
