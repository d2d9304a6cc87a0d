// reconcile/truth_pairs.h — internal to the truth engine (see
// include/newsfacts/truth.h): a flat open-addressing map from a source pair
// to a dense pair index, used by copy detection to count shared items and
// values without a map node per pair.
#ifndef NEWSFACTS_RECONCILE_TRUTH_PAIRS_H_
#define NEWSFACTS_RECONCILE_TRUTH_PAIRS_H_

#include <cstdint>
#include <vector>

namespace newsfacts::truth_internal {

class PairIndex {
 public:
  static constexpr std::uint32_t kMissing = 0xffffffffu;

  // Index of pair (a, b), a < b, created (as size()) on first use.
  std::uint32_t FindOrInsert(std::uint32_t a, std::uint32_t b) {
    if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
    const std::uint64_t key = Key(a, b);
    std::size_t pos = Hash(key) & mask_;
    while (true) {
      Slot& slot = slots_[pos];
      if (slot.index == kMissing) {
        slot.key = key;
        slot.index = static_cast<std::uint32_t>(size_++);
        return slot.index;
      }
      if (slot.key == key) return slot.index;
      pos = (pos + 1) & mask_;
    }
  }

  // Index of pair (a, b), a < b, or kMissing.
  std::uint32_t Find(std::uint32_t a, std::uint32_t b) const {
    if (slots_.empty()) return kMissing;
    const std::uint64_t key = Key(a, b);
    std::size_t pos = Hash(key) & mask_;
    while (true) {
      const Slot& slot = slots_[pos];
      if (slot.index == kMissing) return kMissing;
      if (slot.key == key) return slot.index;
      pos = (pos + 1) & mask_;
    }
  }

  std::size_t size() const { return size_; }
  // Frees the table (indices handed out stay meaningful to the caller).
  void Release() {
    std::vector<Slot>().swap(slots_);
    mask_ = 0;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t index = kMissing;
  };

  static std::uint64_t Key(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(a) << 32) | b;
  }
  static std::uint64_t Hash(std::uint64_t x) {  // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    const std::size_t capacity = old.empty() ? 1024 : old.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& slot : old) {
      if (slot.index == kMissing) continue;
      std::size_t pos = Hash(slot.key) & mask_;
      while (slots_[pos].index != kMissing) pos = (pos + 1) & mask_;
      slots_[pos] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace newsfacts::truth_internal

#endif  // NEWSFACTS_RECONCILE_TRUTH_PAIRS_H_
