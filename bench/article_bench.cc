// Throughput of ExtractArticle (decode + prescan + Gumbo + metadata + body)
// on one core, reported as pages/s and bytes/s.
//
//   build-bench/article_bench                  # corpus/ pages, and the dev set
//   NEWSFACTS_ARTICLE_DEV=/path/to/dev ...     # another folder of .html pages
//
// (a) every .html under corpus/ in the source tree (skipped when there are
// none); (b) the article-extraction dev set in ../shared/eval-articles/dev
// when it exists. Pages are read once, before timing.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/article.h"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> LoadPages(const fs::path& dir) {
  std::vector<std::string> pages;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return pages;
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file() && (it->path().extension() == ".html" || it->path().extension() == ".htm"))
      paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    pages.push_back(buf.str());
  }
  return pages;
}

void RunPages(benchmark::State& state, const std::vector<std::string>& pages) {
  if (pages.empty()) {
    state.SkipWithError("no pages found");
    return;
  }
  std::size_t bytes = 0;
  for (const std::string& p : pages) bytes += p.size();
  std::size_t text_bytes = 0;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      newsfacts::Result<newsfacts::Article> a = newsfacts::ExtractArticle(page, {});
      if (a.ok()) text_bytes += a->text.size();
      benchmark::DoNotOptimize(a);
    }
  }
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(pages.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["pages"] = static_cast<double>(pages.size());
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
  benchmark::DoNotOptimize(text_bytes);
}

void BM_ExtractArticle_Corpus(benchmark::State& state) {
  static const std::vector<std::string> pages = LoadPages(fs::path(NEWSFACTS_SOURCE_DIR) / "corpus");
  RunPages(state, pages);
}
BENCHMARK(BM_ExtractArticle_Corpus)->Unit(benchmark::kMillisecond);

void BM_ExtractArticle_DevSet(benchmark::State& state) {
  static const std::vector<std::string> pages = [] {
    const char* env = std::getenv("NEWSFACTS_ARTICLE_DEV");
    fs::path dir = env ? fs::path(env)
                       : fs::path(NEWSFACTS_SOURCE_DIR).parent_path() / "shared" / "eval-articles" / "dev";
    return LoadPages(dir);
  }();
  RunPages(state, pages);
}
BENCHMARK(BM_ExtractArticle_DevSet)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
