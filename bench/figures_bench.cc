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
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/article.h"
#include "newsfacts/figures.h"
#include "newsfacts/langid.h"

namespace {

namespace fs = std::filesystem;

struct Text {
  std::string text;
  std::string lang;
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::vector<fs::path> FilesUnder(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> paths;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return paths;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ext) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

fs::path SharedDir() { return fs::path(NEWSFACTS_SOURCE_DIR).parent_path() / "shared"; }

const std::vector<Text>& CorpusTexts() {
  static const std::vector<Text> texts = [] {
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(fs::path(NEWSFACTS_SOURCE_DIR) / "corpus", ".html")) {
      auto a = newsfacts::ExtractArticle(ReadFile(p), {});
      // The pipeline knows each article's language; detect it here (before
      // timing) where the page did not say.
      if (a.ok() && !a->text.empty()) {
        out.push_back({a->text, a->lang.empty() ? newsfacts::DetectLanguage(a->text) : a->lang});
      }
    }
    return out;
  }();
  return texts;
}

const std::vector<Text>& SeedTexts() {
  static const std::vector<Text> texts = [] {
    const char* env = std::getenv("NEWSFACTS_SEEDS");
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(env ? fs::path(env) : SharedDir() / "seeds", ".txt")) {
      std::string t = ReadFile(p);
      out.push_back({t, newsfacts::DetectLanguage(t)});
    }
    return out;
  }();
  return texts;
}

const std::vector<Text>& DevTexts() {
  static const std::vector<Text> texts = [] {
    const char* env = std::getenv("NEWSFACTS_FIGURES_DEV");
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(env ? fs::path(env) : SharedDir() / "eval-figures" / "dev", ".jsonl")) {
      std::ifstream in(p);
      std::string line;
      while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("text") && j["text"].is_string()) {
          out.push_back({j["text"].get<std::string>(), j.value("lang", "")});
        }
      }
    }
    return out;
  }();
  return texts;
}

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
