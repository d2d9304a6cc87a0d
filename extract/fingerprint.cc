#include "newsfacts/fingerprint.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <array>
#include <bit>
#include <vector>

namespace newsfacts {

std::string ContentHash(std::string_view bytes) {
  XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  static const char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 8; ++i) {
    out[2 * i] = kHex[(h.high64 >> (60 - 8 * i)) & 0xF];
    out[2 * i + 1] = kHex[(h.high64 >> (56 - 8 * i)) & 0xF];
    out[16 + 2 * i] = kHex[(h.low64 >> (60 - 8 * i)) & 0xF];
    out[16 + 2 * i + 1] = kHex[(h.low64 >> (56 - 8 * i)) & 0xF];
  }
  return out;
}

std::uint64_t Fingerprint64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

namespace {

// Hashes of the words of `text`: letters and digits, case-folded. Han and
// kana characters count as one word each (those scripts have no spaces).
std::vector<std::uint64_t> WordHashes(std::string_view text) {
  std::vector<std::uint64_t> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(XXH3_64bits(word.data(), word.size()));
    word.clear();
  };
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) {
      flush();
      continue;
    }
    int32_t script_block = ublock_getCode(c);
    bool ideographic = u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) ||
                       script_block == UBLOCK_HIRAGANA || script_block == UBLOCK_KATAKANA;
    if (ideographic) {
      flush();
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, c);
      word.assign(buf, static_cast<std::size_t>(len));
      flush();
    } else if (u_isalnum(c)) {
      c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, c);
      word.append(buf, static_cast<std::size_t>(len));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

std::uint64_t SimHash(std::string_view text) {
  std::vector<std::uint64_t> words = WordHashes(text);
  if (words.empty()) return 0;
  std::array<int, 64> votes{};
  auto add = [&](std::uint64_t h) {
    for (int b = 0; b < 64; ++b) votes[b] += ((h >> b) & 1) ? 1 : -1;
  };
  if (words.size() < 3) {
    for (std::uint64_t w : words) add(w);
  } else {
    for (std::size_t k = 0; k + 2 < words.size(); ++k) {
      std::uint64_t shingle[3] = {words[k], words[k + 1], words[k + 2]};
      add(XXH3_64bits(shingle, sizeof shingle));
    }
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= (std::uint64_t{1} << b);
  }
  return out;
}

int HammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsfacts
