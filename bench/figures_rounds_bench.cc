// Rounds of figure extraction over the dev set, for comparing builds on a
// shared, noisy machine: the fastest round is the closest to what the code
// costs, and runs of two builds can alternate in one session.
//
//   build/figures_rounds_bench [--rounds N] [--passes P]
//
// Each round extracts the figures of every dev-set text (figures_texts.h:
// DevTexts) P times (default 20); after one warm-up pass, N rounds (default
// 10). Prints one JSON line: texts, bytes, each round's microseconds per
// text, and the fastest round as us/text and MB/s.
//
// Under `valgrind --tool=cachegrind`, the instructions of one round are the
// difference between --rounds 2 and --rounds 1 (the warm-up and set-up
// cancel out); divided by passes x texts they give instructions per text,
// a figure the machine's load does not change.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "figures_texts.h"
#include "newsfacts/figures.h"

int main(int argc, char** argv) {
  int rounds = 10, passes = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--passes") == 0) passes = std::atoi(argv[i + 1]);
  }
  if (rounds < 1 || passes < 1) {
    std::fprintf(stderr, "usage: figures_rounds_bench [--rounds N] [--passes P]\n");
    return 2;
  }
  const auto& texts = figures_bench::DevTexts();
  if (texts.empty()) {
    std::fprintf(stderr, "figures_rounds_bench: no dev-set texts (set NEWSFACTS_FIGURES_DEV)\n");
    return 1;
  }
  const newsfacts::FigureExtractor& fx = newsfacts::FigureExtractor::Default();
  std::size_t bytes = 0, figures = 0;
  for (const auto& t : texts) {
    bytes += t.text.size();
    figures += fx.Extract(t.text, t.lang).size();  // warm: grammars, ICU memo
  }
  std::vector<double> us_per_text;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int p = 0; p < passes; ++p) {
      for (const auto& t : texts) figures += fx.Extract(t.text, t.lang).size();
    }
    std::chrono::duration<double, std::micro> dt = std::chrono::steady_clock::now() - t0;
    us_per_text.push_back(dt.count() / passes / static_cast<double>(texts.size()));
  }
  double fastest = *std::min_element(us_per_text.begin(), us_per_text.end());
  double mb_s = static_cast<double>(bytes) / static_cast<double>(texts.size()) / fastest;
  nlohmann::json out = {{"texts", texts.size()},
                        {"bytes", bytes},
                        {"passes", passes},
                        {"round_us_per_text", us_per_text},
                        {"fastest_us_per_text", fastest},
                        {"fastest_mb_s", mb_s},
                        {"figures", figures}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
