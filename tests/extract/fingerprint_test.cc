// SimHash against a plain per-bit vote written here, on ASCII texts of every
// length around the counters' flush point, and as a near-duplicate detector.
#include "newsfacts/fingerprint.h"

#include <catch2/catch.hpp>
#include <xxhash.h>

#include <array>
#include <cctype>
#include <random>
#include <string>
#include <vector>

namespace {

// ASCII text only: words are runs of letters and digits, lower-cased.
std::uint64_t ReferenceSimHash(const std::string& text) {
  std::vector<std::uint64_t> words;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    } else if (!word.empty()) {
      words.push_back(XXH3_64bits(word.data(), word.size()));
      word.clear();
    }
  }
  if (words.empty()) return 0;
  std::vector<std::uint64_t> features;
  if (words.size() < 3) {
    features = words;
  } else {
    for (std::size_t k = 0; k + 2 < words.size(); ++k) {
      std::uint64_t shingle[3] = {words[k], words[k + 1], words[k + 2]};
      features.push_back(XXH3_64bits(shingle, sizeof shingle));
    }
  }
  std::array<int, 64> votes{};
  for (std::uint64_t h : features) {
    for (int b = 0; b < 64; ++b) votes[b] += ((h >> b) & 1) ? 1 : -1;
  }
  std::uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= std::uint64_t{1} << b;
  }
  return out;
}

std::string RandomText(std::mt19937* rng, int words) {
  static const std::vector<std::string> vocab = {"Tencent", "capital", "spending", "rose", "40%", "to",
                                                 "Rmb23bn", "in",      "the",      "first", "half", "Baidu",
                                                 "AI",      "chips",   "H20",      "and",   "of",   "2024"};
  std::string text;
  for (int w = 0; w < words; ++w) {
    text += vocab[(*rng)() % vocab.size()];
    text += (*rng)() % 7 == 0 ? ". " : " ";
  }
  return text;
}

}  // namespace

TEST_CASE("SimHash is the majority vote of its shingle hashes at every length", "[extract]") {
  std::mt19937 rng(5);
  int compared = 0;
  for (int words : {0, 1, 2, 3, 4, 100, 256, 257, 258, 259, 510, 511, 512, 513, 1000, 3000}) {
    for (int t = 0; t < 5; ++t) {
      std::string text = RandomText(&rng, words);
      INFO(words << " words");
      CHECK(newsfacts::SimHash(text) == ReferenceSimHash(text));
      ++compared;
    }
  }
  CHECK(compared == 80);
  // One shingle repeated: every feature has the same bits set, so a counter
  // that is not emptied in time overflows.
  for (int words : {255, 256, 257, 258, 600, 2000}) {
    std::string text;
    for (int w = 0; w < words; ++w) text += "capex ";
    INFO(words << " repeated words");
    CHECK(newsfacts::SimHash(text) == ReferenceSimHash(text));
  }
}

TEST_CASE("SimHash keeps near-duplicates close and other texts apart", "[extract]") {
  std::mt19937 rng(9);
  std::string a = RandomText(&rng, 400);
  std::string b = a;
  b.replace(b.find("Baidu"), 5, "Alibaba");  // one word changed in 400
  std::string c = RandomText(&rng, 400);
  CHECK(newsfacts::HammingDistance(newsfacts::SimHash(a), newsfacts::SimHash(b)) <= newsfacts::kNearDuplicateBits);
  CHECK(newsfacts::HammingDistance(newsfacts::SimHash(a), newsfacts::SimHash(c)) > newsfacts::kNearDuplicateBits);
}
