// libFuzzer entry point for the figures extractor: normalisation, the
// scanner, the number parsers (digits, CJK numerals, ICU spell-out) and the
// range and currency logic.
//
//   CXX=clang++ cmake -S . -B build-fuzz -DNEWSFACTS_FUZZ=ON \
//       -DNEWSFACTS_BUILD_TESTS=OFF -DNEWSFACTS_BUILD_BENCH=OFF
//   cmake --build build-fuzz --target figures_fuzz
//   build-fuzz/figures_fuzz -max_len=4096 -timeout=10 -dict=fuzz/figures.dict corpus_dir/
//
// The first byte picks the language (or "" to detect it); the rest, made
// valid UTF-8, is the text. Every figure must lie inside the text, be sorted
// and not overlap, and carry finite values.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsfacts/charset.h"
#include "newsfacts/figures.h"

namespace {

constexpr const char* kLangs[] = {"", "en", "de", "zh", "fr", "es", "ru", "ja", "pt", "it", "nl", "ko", "xx"};

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* lang = kLangs[data[0] % (sizeof kLangs / sizeof kLangs[0])];
  std::string text = newsfacts::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));

  const newsfacts::FigureExtractor& fx = newsfacts::FigureExtractor::Default();
  std::size_t last_end = 0;
  for (const newsfacts::Figure& f : fx.Extract(text, lang)) {
    Check(f.start <= f.end && f.end <= text.size());
    Check(f.start >= last_end);
    Check(text.compare(f.start, f.end - f.start, f.text) == 0);
    Check(std::isfinite(f.value) && std::isfinite(f.resolution));
    if (f.low) Check(f.high && *f.low <= *f.high);
    if (f.kind == newsfacts::FigureKind::kChip) Check(!f.chip.empty());
    last_end = f.end;
  }
  return 0;
}
