// Throughput of FigureExtractor::Extract on one core, in bytes of text per
// second (Google Benchmark prints it as bytes_per_second).
//
//   build-bench/figures_bench
//   NEWSFACTS_SEEDS=/path/to/seeds NEWSFACTS_FIGURES_DEV=/path/to/dev build-bench/figures_bench
//
// Texts, read once before timing (each benchmark is skipped when its source
// is absent):
//   Corpus    the main text of every corpus/**/*.html page (ExtractArticle),
//             with the page's language (detected before timing if unknown)
//   Seeds     the seed articles (../shared/seeds), language given / detected
//   DevSet    the "text" of every case in ../shared/eval-figures/dev/*.jsonl,
//             with its language (short, figure-dense sentences)
// The "Detect" variants pass lang "" so language detection is included.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include "figures_texts.h"
#include "newsfacts/figures.h"

namespace {

using figures_bench::CorpusTexts;
using figures_bench::DevTexts;
using figures_bench::SeedTexts;
using figures_bench::Text;

void Run(benchmark::State& state, const std::vector<Text>& texts, bool detect) {
  if (texts.empty()) {
    state.SkipWithError("no texts found");
    return;
  }
  const newsfacts::FigureExtractor& fx = newsfacts::FigureExtractor::Default();
  std::size_t bytes = 0;
  for (const Text& t : texts) {
    bytes += t.text.size();
    benchmark::DoNotOptimize(fx.Extract(t.text, detect ? "" : t.lang));  // warm: grammars, ICU
  }
  std::size_t figures = 0;
  for (auto _ : state) {
    for (const Text& t : texts) figures += fx.Extract(t.text, detect ? "" : t.lang).size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
  state.counters["texts"] = static_cast<double>(texts.size());
  state.counters["figures/text"] =
      static_cast<double>(figures) / static_cast<double>(texts.size() * std::max<int64_t>(1, state.iterations()));
}

void BM_Figures_Corpus(benchmark::State& state) { Run(state, CorpusTexts(), false); }
void BM_Figures_Seeds(benchmark::State& state) { Run(state, SeedTexts(), false); }
void BM_Figures_SeedsDetect(benchmark::State& state) { Run(state, SeedTexts(), true); }
void BM_Figures_DevSet(benchmark::State& state) { Run(state, DevTexts(), false); }

BENCHMARK(BM_Figures_Corpus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Figures_Seeds)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Figures_SeedsDetect)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Figures_DevSet)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
