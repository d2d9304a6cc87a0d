// Throughput of fact extraction end to end on one core: HTML bytes in, facts
// out, no database (ExtractRecord: decode, article, figures, facts,
// attributions, fingerprints). Reported as pages/s and bytes/s.
//
//   build-bench/facts_bench                         # every corpus/sites/**/*.html
//   build-bench/facts_bench --benchmark_filter=Facts_Only
//
// BM_ExtractRecord_Corpus is the end-to-end number (target >= 500 pages/s per
// core). BM_Facts_Only runs FactExtractor::Extract alone on the articles and
// figures of the same pages, to tell the fact stage's own share. Pages are
// read (and, for the second, extracted) once before timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/facts.h"
#include "newsfacts/ingestor.h"

namespace {

namespace fs = std::filesystem;

std::vector<newsfacts::RawDocument> LoadCorpusPages() {
  std::vector<newsfacts::RawDocument> pages;
  const fs::path root = fs::path(NEWSFACTS_SOURCE_DIR) / "corpus" / "sites";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return pages;
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".html") paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    newsfacts::RawDocument raw;
    raw.url = "https://" + fs::relative(p, root).generic_string();
    raw.bytes = buf.str();
    raw.format = newsfacts::RawDocument::Format::kHtml;
    pages.push_back(std::move(raw));
  }
  return pages;
}

// The pages, read once; one untimed pass builds the lexicons, matchers and
// per-thread ICU objects, so timing starts warm.
const std::vector<newsfacts::RawDocument>& CorpusPages() {
  static const std::vector<newsfacts::RawDocument> pages = [] {
    std::vector<newsfacts::RawDocument> loaded = LoadCorpusPages();
    for (const auto& page : loaded) {
      benchmark::DoNotOptimize(newsfacts::ExtractRecord(page, newsfacts::IngestOptions()));
    }
    return loaded;
  }();
  return pages;
}

void BM_ExtractRecord_Corpus(benchmark::State& state) {
  const auto& pages = CorpusPages();
  if (pages.empty()) {
    state.SkipWithError("no corpus pages found");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& p : pages) bytes += p.bytes.size();
  newsfacts::IngestOptions options;
  std::size_t facts = 0;
  for (auto _ : state) {
    for (const auto& page : pages) {
      newsfacts::IngestRecord rec = newsfacts::ExtractRecord(page, options);
      facts += rec.facts.size();
      benchmark::DoNotOptimize(rec);
    }
  }
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(pages.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.counters["pages"] = static_cast<double>(pages.size());
  state.counters["facts/page"] =
      static_cast<double>(facts) / (static_cast<double>(pages.size()) * state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_ExtractRecord_Corpus)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Facts_Only(benchmark::State& state) {
  struct Prepared {
    newsfacts::Article article;
    std::vector<newsfacts::Figure> figures;
  };
  static const std::vector<Prepared> prepared = [] {
    std::vector<Prepared> out;
    newsfacts::IngestOptions options;
    options.keep_non_articles = true;
    for (const auto& page : CorpusPages()) {
      newsfacts::IngestRecord rec = newsfacts::ExtractRecord(page, options);
      if (rec.article) out.push_back({*rec.article, rec.figures});
    }
    return out;
  }();
  if (prepared.empty()) {
    state.SkipWithError("no corpus pages found");
    return;
  }
  std::size_t text_bytes = 0;
  for (const Prepared& p : prepared) text_bytes += p.article.text.size();
  const newsfacts::FactExtractor& fx = newsfacts::FactExtractor::Default();
  for (auto _ : state) {
    for (const Prepared& p : prepared) {
      std::vector<newsfacts::Fact> facts = fx.Extract(p.article, p.figures);
      benchmark::DoNotOptimize(facts);
    }
  }
  state.counters["pages/s"] = benchmark::Counter(
      static_cast<double>(prepared.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(text_bytes) * state.iterations());
}
BENCHMARK(BM_Facts_Only)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
