// newsfacts/fingerprint.h — content hashes and near-duplicate fingerprints.
//
//   ContentHash(bytes)            "9f1c...": XXH3-128 as 32 hex digits; equal
//                                 bytes give equal hashes (exact dedup)
//   SimHash(text)                 64-bit SimHash over word 3-shingles of the
//                                 lower-cased, NFKC-folded text; a reprint with a
//                                 new headline or a cut paragraph differs in few bits
//   HammingDistance(a, b) <= kNearDuplicateBits   -> near-duplicates
//   Fingerprint64(bytes)          XXH3-64, for hash keys
//
// Thread-safety: pure functions.
#ifndef NEWSFACTS_FINGERPRINT_H_
#define NEWSFACTS_FINGERPRINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace newsfacts {

std::string ContentHash(std::string_view bytes);

// XXH3-64 of `bytes`: a fast hash for in-memory keys (not stored).
std::uint64_t Fingerprint64(std::string_view bytes);

std::uint64_t SimHash(std::string_view utf8_text);

int HammingDistance(std::uint64_t a, std::uint64_t b);

// Fingerprints at most this many bits apart are treated as near-duplicates.
inline constexpr int kNearDuplicateBits = 6;

}  // namespace newsfacts

#endif  // NEWSFACTS_FINGERPRINT_H_
