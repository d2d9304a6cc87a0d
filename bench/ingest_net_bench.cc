// ingest_net_bench — the crawler's per-URL hot paths and WARC throughput.
//
//   ingest_net_bench [--benchmark_filter=Robots]
//
// Robots: a 200-rule robots.txt like a large news site's (prefixes, '*'
// wildcards, '$' anchors), parsed once, then asked per URL as the crawler
// does. URL: parse, resolve a relative link, dedup-normalise. WARC: write
// request+response+metadata exchanges of a 100 KiB page to .warc.gz and read
// them back.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "newsfacts/robots.h"
#include "newsfacts/url.h"
#include "newsfacts/warc.h"

namespace {

std::string NewsRobots() {
  std::string body = "# big news site\nUser-agent: *\n";
  const char* sections[] = {"world", "business", "tech", "sport", "culture", "opinion", "video"};
  for (int i = 0; i < 200; ++i) {
    std::string section = sections[i % 7];
    switch (i % 5) {
      case 0: body += "Disallow: /" + section + "/print/" + std::to_string(i) + "\n"; break;
      case 1: body += "Disallow: /*?share=" + std::to_string(i) + "\n"; break;
      case 2: body += "Allow: /" + section + "/live/" + std::to_string(i) + "$\n"; break;
      case 3: body += "Disallow: /api/v" + std::to_string(i) + "/*.json$\n"; break;
      default: body += "Disallow: /" + section + "/*/comments/" + std::to_string(i) + "\n"; break;
    }
  }
  body += "Crawl-delay: 1\nSitemap: https://news.example/sitemap.xml\n";
  return body;
}

std::vector<std::string> NewsUrls(int n) {
  std::vector<std::string> urls;
  std::mt19937 rng(7);
  const char* sections[] = {"world", "business", "tech", "sport", "culture", "opinion", "video"};
  for (int i = 0; i < n; ++i) {
    std::string url = "https://news.example/" + std::string(sections[rng() % 7]) + "/2024/05/" +
                      std::to_string(rng() % 31) + "/some-long-article-slug-" +
                      std::to_string(rng() % 100000);
    if (i % 4 == 0) url += "?share=" + std::to_string(rng() % 300) + "&utm_source=tw";
    urls.push_back(url);
  }
  return urls;
}

void BM_RobotsParse(benchmark::State& state) {
  const std::string body = NewsRobots();
  for (auto _ : state) {
    newsfacts::RobotsTxt robots = newsfacts::RobotsTxt::Parse(body);
    benchmark::DoNotOptimize(robots);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_RobotsParse);

void BM_RobotsIsAllowed(benchmark::State& state) {
  newsfacts::RobotsRules rules = newsfacts::RobotsTxt::Parse(NewsRobots()).ForAgent("newsfacts/0.1");
  const std::vector<std::string> urls = NewsUrls(1024);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rules.IsAllowed(urls[i++ & 1023]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RobotsIsAllowed);

void BM_ParseUrl(benchmark::State& state) {
  const std::vector<std::string> urls = NewsUrls(1024);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(newsfacts::ParseUrl(urls[i++ & 1023]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseUrl);

void BM_ResolveAndNormalize(benchmark::State& state) {
  newsfacts::Url base = *newsfacts::ParseUrl("https://news.example/world/2024/05/01/story");
  const char* refs[] = {"../02/other-story?utm_source=x&id=3", "/tech/ai#top", "page-2",
                        "https://other.example/a/./b/../c?b=2&a=1"};
  std::size_t i = 0;
  for (auto _ : state) {
    newsfacts::Result<newsfacts::Url> url = newsfacts::ResolveUrl(base, refs[i++ & 3]);
    benchmark::DoNotOptimize(newsfacts::NormalizeUrl(*url));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResolveAndNormalize);

std::string Page() {
  std::string body;
  std::mt19937 rng(3);
  while (body.size() < 100 * 1024) {
    body += "<p>Revenue rose " + std::to_string(rng() % 1000) + " million in quarter " +
            std::to_string(rng() % 4) + " as shipments of chips grew.</p>\n";
  }
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

void BM_WarcWriteExchange(benchmark::State& state) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "ingest_net_bench_w";
  std::filesystem::remove_all(dir);
  newsfacts::WarcWriterOptions options;
  options.directory = dir.string();
  options.fsync = newsfacts::WarcFsync::kNever;
  auto writer = newsfacts::WarcWriter::Open(options);
  newsfacts::WarcExchange ex;
  ex.target_uri = "https://news.example/world/story";
  ex.request = "GET /world/story HTTP/1.1\r\nHost: news.example\r\n\r\n";
  ex.response = Page();
  ex.metadata = {{"fetchTimeMs", "85"}};
  for (auto _ : state) {
    benchmark::DoNotOptimize((*writer)->WriteExchange(ex));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(ex.response.size()));
  (void)(*writer)->Close();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WarcWriteExchange);

void BM_WarcRead(benchmark::State& state) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "ingest_net_bench_r";
  std::filesystem::remove_all(dir);
  newsfacts::WarcWriterOptions options;
  options.directory = dir.string();
  options.fsync = newsfacts::WarcFsync::kNever;
  auto writer = newsfacts::WarcWriter::Open(options);
  newsfacts::WarcExchange ex;
  ex.target_uri = "https://news.example/world/story";
  ex.response = Page();
  for (int i = 0; i < 100; ++i) (void)(*writer)->WriteExchange(ex);
  (void)(*writer)->Close();
  const std::string path = (*writer)->current_file();
  int64_t bytes = 0;
  for (auto _ : state) {
    auto reader = newsfacts::WarcReader::Open(path);
    newsfacts::WarcRecord record;
    while (true) {
      newsfacts::Result<bool> more = reader->Next(&record);
      if (!more.ok() || !*more) break;
      bytes += static_cast<int64_t>(record.block.size());
    }
  }
  state.SetBytesProcessed(bytes);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WarcRead);

}  // namespace

BENCHMARK_MAIN();
