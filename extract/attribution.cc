#include "newsfacts/attribution.h"

#include <cstdlib>
#include <iostream>
#include <memory>

#include "fact_lexicon.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"

namespace newsfacts {
namespace {

const extract::FactLexicon& Lexicon() {
  static const extract::FactLexicon* lex = [] {
    auto loaded = extract::FactLexicon::Load();
    if (!loaded.ok()) {
      std::cerr << "newsfacts: " << loaded.status().ToString() << "\n";
      std::abort();
    }
    return loaded->release();
  }();
  return *lex;
}

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
  for (const TextSpan& sent : prepared.sentences) {
    orgs.clear();
    cues.clear();
    lex.entity_matcher.FindAll(s, sent.begin, sent.end, &orgs);
    bool any_org = false;
    for (const auto& m : orgs) {
      if (lex.entities[m.payloads->front()].kind == extract::EntityKind::kOrganisation) any_org = true;
    }
    if (!any_org) continue;
    lex.cue_matcher.FindAll(s, sent.begin, sent.end, &cues);
    for (const auto& org : orgs) {
      const int id = org.payloads->front();
      if (lex.entities[id].kind != extract::EntityKind::kOrganisation) continue;
      bool attributed = false;
      for (const auto& cue : cues) {
        bool is_attribution = false;
        for (int p : *cue.payloads) {
          const auto& c = lex.cues[p];
          if (c.kind == extract::CueKind::kAttribution && lex.Applies(c.lang, lang)) {
            is_attribution = true;
          }
        }
        if (!is_attribution) continue;
        const std::size_t gap = cue.end <= org.begin   ? org.begin - cue.end
                                : org.end <= cue.begin ? cue.begin - org.end
                                                       : 0;
        if (gap <= kMaxGap) attributed = true;
      }
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
