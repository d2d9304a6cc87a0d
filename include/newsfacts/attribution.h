// newsfacts/attribution.h — who does an article say its figures come from?
//
//   FindAttributions("..., News.Az reports citing Financial Times.", "en")
//     -> [{origin "Financial Times", start, end}]
//   "据英国《金融时报》报道" (zh), "laut der Financial Times" (de),
//   "сообщает Financial Times" (ru) -> "Financial Times"
//
// An attribution is an organisation from entities.tsv (kind organisation:
// newspapers, agencies, banks) named next to an attribution cue of cues.tsv
// ("according to", "citing", "reported", "laut", "据", "сообщает", ...) in the
// same sentence. The reconciler groups articles that relay the same origin,
// so they count as one confirmation, not many.
//
// Thread-safety: reentrant (the lexicons are loaded once).
#ifndef NEWSFACTS_ATTRIBUTION_H_
#define NEWSFACTS_ATTRIBUTION_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/text.h"

namespace newsfacts {

struct Attribution {
  std::string origin;      // canonical organisation name
  std::size_t start = 0;   // byte offsets of the sentence in the text
  std::size_t end = 0;
};

// Distinct attributions of `text` in order of first appearance.
std::vector<Attribution> FindAttributions(std::string_view text, std::string_view lang);
// The same, reading `text` through `prepared` (PrepareText of it) when it was
// split for `lang`.
std::vector<Attribution> FindAttributions(std::string_view text, std::string_view lang,
                                          const PreparedText& prepared);

}  // namespace newsfacts

#endif  // NEWSFACTS_ATTRIBUTION_H_
