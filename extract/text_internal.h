// extract/text_internal.h — NormalizeText without its fast path.
//
// NormalizeText returns text that IsNormalized accepts as it is; everything
// else goes through NormalizeTextFull (NFKC, then the character mapping).
// Tests compare IsNormalized with NormalizeTextFull, which does not consult
// it. Internal to extract/; the component is include/newsfacts/text.h.
#ifndef NEWSFACTS_EXTRACT_TEXT_INTERNAL_H_
#define NEWSFACTS_EXTRACT_TEXT_INTERNAL_H_

#include <string_view>

#include "newsfacts/text.h"

namespace newsfacts::text_internal {

NormalizedText NormalizeTextFull(std::string_view utf8);

}  // namespace newsfacts::text_internal

#endif  // NEWSFACTS_EXTRACT_TEXT_INTERNAL_H_
