// Cost of compressing WARC records: every .html page under corpus/ as one
// gzip member each, with AppendGzipMember at its levels (1-3 igzip, 4-9 zlib)
// and with zlib's own level 1 for comparison. Reports MB/s of input and the
// compression ratio.
//
//   build/warc_gzip_bench
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gzip.h"

namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<fs::path> paths;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(fs::path(NEWSFACTS_SOURCE_DIR) / "corpus", ec);
         !ec && it != fs::end(it); it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".html") paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> out;
    for (const fs::path& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream buf;
      buf << in.rdbuf();
      out.push_back(buf.str());
    }
    return out;
  }();
  return pages;
}

template <typename Compress>
void Run(benchmark::State& state, Compress compress) {
  const std::vector<std::string>& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("no pages under corpus/");
    return;
  }
  std::size_t in = 0, out = 0;
  std::string buf;
  for (auto _ : state) {
    for (const std::string& page : pages) {
      buf.clear();
      compress(page, &buf);
      in += page.size();
      out += buf.size();
    }
    benchmark::DoNotOptimize(buf.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(in));
  state.counters["ratio"] = out ? static_cast<double>(in) / static_cast<double>(out) : 0.0;
}

void BM_AppendGzipMember(benchmark::State& state) {
  const int level = static_cast<int>(state.range(0));
  Run(state, [level](const std::string& page, std::string* out) {
    if (!newsfacts::AppendGzipMember(page, level, out).ok()) std::abort();
  });
}
BENCHMARK(BM_AppendGzipMember)->Arg(1)->Arg(2)->Arg(3)->Arg(6);

// zlib's level 1, as the WARC writer compressed before it used igzip.
void BM_ZlibLevel1(benchmark::State& state) {
  z_stream z{};
  if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) std::abort();
  Run(state, [&z](const std::string& page, std::string* out) {
    deflateReset(&z);
    out->resize(deflateBound(&z, static_cast<uLong>(page.size())) + 64);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.data()));
    z.avail_in = static_cast<uInt>(page.size());
    z.next_out = reinterpret_cast<Bytef*>(out->data());
    z.avail_out = static_cast<uInt>(out->size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) std::abort();
    out->resize(out->size() - z.avail_out);
  });
  deflateEnd(&z);
}
BENCHMARK(BM_ZlibLevel1);

}  // namespace

BENCHMARK_MAIN();
