// libFuzzer target for what the crawler reads from untrusted servers besides
// pages: feeds and sitemaps (RSS, Atom, urlset, sitemapindex, gzip, text) and
// the link scanner that runs on every HTML page.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DNEWSFACTS_FUZZ=ON \
//         -DNEWSFACTS_BUILD_TESTS=OFF -DNEWSFACTS_BUILD_BENCH=OFF
//   cmake --build build-fuzz --target sitemap_fuzz -j2
//   build-fuzz/sitemap_fuzz -max_total_time=300 corpus/sites/*/*.xml
//
// Checks beyond "no crash": every URL returned is non-empty and bounded by
// the input, and the caps on URL counts and inflated bytes hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawl_discovery.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr std::size_t kMaxUrls = 1000;
  constexpr std::size_t kMaxBytes = 4 << 20;
  (void)newsfacts::LooksLikeDiscoveryDocument("application/xml", input);
  auto urls = newsfacts::ParseDiscoveryXml(input, kMaxUrls, kMaxBytes);
  if (urls.ok()) {
    if (urls->urls.size() > kMaxUrls) std::abort();
    for (const std::string& u : urls->urls) {
      if (u.empty()) std::abort();
      if (u.size() > kMaxBytes) std::abort();
    }
  }
  newsfacts::PageLinks links = newsfacts::ScanLinks(input, 500);
  if (links.links.size() > 500) std::abort();
  for (const std::string& l : links.links) {
    // Character references only shrink or keep a value (4 UTF-8 bytes for >= 3-byte refs).
    if (l.size() > size) std::abort();
  }
  return 0;
}
