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
    if (const auto b = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]); b < 0x80) {
      // ASCII: what the Unicode path below does, without its lookups.
      ++i;
      if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) {
        word.push_back(static_cast<char>(b));
      } else if (b >= 'A' && b <= 'Z') {
        word.push_back(static_cast<char>(b + ('a' - 'A')));
      } else {
        flush();
      }
      continue;
    }
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
  // Bit b wins its vote when more than half of the hashes have it set. The
  // set bits are counted eight positions at a time: lanes[j] holds one byte
  // counter for each of bits j, j+8, ..., j+56, emptied into `ones` before a
  // byte can overflow.
  std::array<std::uint32_t, 64> ones{};
  std::array<std::uint64_t, 8> lanes{};
  int in_lanes = 0;
  std::uint32_t hashes = 0;
  auto flush = [&] {
    for (int j = 0; j < 8; ++j) {
      for (int i = 0; i < 8; ++i) ones[8 * i + j] += static_cast<std::uint32_t>((lanes[j] >> (8 * i)) & 0xFF);
      lanes[j] = 0;
    }
    in_lanes = 0;
  };
  auto add = [&](std::uint64_t h) {
    for (int j = 0; j < 8; ++j) lanes[j] += (h >> j) & 0x0101010101010101ULL;
    ++hashes;
    if (++in_lanes == 255) flush();
  };
  if (words.size() < 3) {
    for (std::uint64_t w : words) add(w);
  } else {
    for (std::size_t k = 0; k + 2 < words.size(); ++k) {
      std::uint64_t shingle[3] = {words[k], words[k + 1], words[k + 2]};
      add(XXH3_64bits(shingle, sizeof shingle));
    }
  }
  flush();
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (2 * ones[b] > hashes) out |= (std::uint64_t{1} << b);
  }
  return out;
}

int HammingDistance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsfacts
