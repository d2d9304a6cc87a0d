// Benchmark: reconcile N generated facts (default 1,000,000) stored in a real
// SQLite file — the news reconciler end to end (load, origins, claims, truth
// discovery, checks, write). Prints seconds, facts/s, peak RSS and how often
// the chosen value is the generated truth.
//
//   build/reconcile_facts_bench [--facts N] [--db PATH] [--keep]
//
// Data: 2,000 entities x 5 metrics x 8 periods; articles of 20 facts from 500
// publishers; 80% of statements are true, the rest off by a factor of ten or
// by 5-30%; 15% of articles copy another article's facts and cite its origin.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>

#include "newsfacts/fact_store.h"
#include "newsfacts/reconcile.h"

using namespace newsfacts;

namespace {

long PeakRssKb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  long total_facts = 1000000;
  std::string db_path = (std::filesystem::temp_directory_path() / "newsfacts-reconcile-bench.db").string();
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--facts" && i + 1 < argc) total_facts = std::atol(argv[++i]);
    if (a == "--db" && i + 1 < argc) db_path = argv[++i];
    if (a == "--keep") keep = true;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
  auto store = FactStore::Open(db_path);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  const int kEntities = 2000, kMetrics = 5, kPeriods = 8, kSites = 500, kPerArticle = 20;
  const char* metrics[kMetrics] = {"capex", "revenue", "net_income", "cash", "shipments"};
  const char* periods[kPeriods] = {"2023-H1", "2023-H2", "2024-H1", "2024-H2",
                                   "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"};
  std::mt19937_64 rng(42);
  auto truth = [](int e, int m, int p) { return 1e8 * (1 + (e * 7919 + m * 104729 + p * 1299709) % 997); };
  const long articles = (total_facts + kPerArticle - 1) / kPerArticle;
  std::vector<std::vector<int>> article_keys;  // for copies
  std::vector<std::vector<double>> article_values;
  std::uniform_real_distribution<double> u(0, 1);
  auto t0 = std::chrono::steady_clock::now();
  long written = 0;
  if (!(*store)->Begin().ok()) return 1;
  for (long a = 0; a < articles && written < total_facts; ++a) {
    IngestRecord rec;
    const int site = static_cast<int>(rng() % kSites);
    rec.document.url = "https://site" + std::to_string(site) + ".test/a" + std::to_string(a);
    rec.document.source = "site" + std::to_string(site) + ".test";
    rec.document.content_hash = "h" + std::to_string(a);
    rec.document.size = 1000;
    Article art;
    art.url = rec.document.url;
    art.published = "2024-11-01";
    art.lang = "en";
    art.text = "generated";
    rec.article = art;
    std::vector<int> keys;
    std::vector<double> values;
    const bool copy = a > 10 && u(rng) < 0.15;
    if (copy) {
      const long src = static_cast<long>(rng() % article_keys.size());
      keys = article_keys[src];
      values = article_values[src];
      rec.attributions.push_back({"Origin " + std::to_string(src), 0, 0});
    } else {
      const int entity = static_cast<int>(rng() % kEntities);
      for (int k = 0; k < kPerArticle; ++k) {
        const int m = static_cast<int>(rng() % kMetrics), p = static_cast<int>(rng() % kPeriods);
        keys.push_back((entity * kMetrics + m) * kPeriods + p);
        double v = truth(entity, m, p);
        const double r = u(rng);
        if (r > 0.9) {
          v *= 10;
        } else if (r > 0.8) {
          v *= 1 + (u(rng) < 0.5 ? -1 : 1) * (0.05 + 0.25 * u(rng));
        }
        values.push_back(v);
      }
    }
    article_keys.push_back(keys);
    article_values.push_back(values);
    for (std::size_t k = 0; k < keys.size() && written < total_facts; ++k, ++written) {
      const int key = keys[k];
      Fact f;
      f.entity = "Company " + std::to_string(key / (kMetrics * kPeriods));
      f.metric = metrics[(key / kPeriods) % kMetrics];
      f.period = periods[key % kPeriods];
      f.value = values[k];
      f.unit = "USD";
      f.resolution = 1e8;
      f.evidence = "generated";
      f.source = rec.document.url;
      rec.facts.push_back(std::move(f));
    }
    if (!(*store)->Put(rec).ok()) return 1;
    if (a % 5000 == 4999) {
      if (!(*store)->Commit().ok() || !(*store)->Begin().ok()) return 1;
    }
  }
  if (!(*store)->Commit().ok()) return 1;
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "generated %ld facts in %ld articles (%.1f s)\n", written, articles, load_s);
  const long rss_before = PeakRssKb();

  ReconcileOptions options;
  options.progress = [](std::string_view m) { std::fprintf(stderr, "  %.*s\n", static_cast<int>(m.size()), m.data()); };
  auto t1 = std::chrono::steady_clock::now();
  auto stats = Reconcile(**store, options);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  if (!stats.ok()) {
    std::fprintf(stderr, "%s\n", stats.status().ToString().c_str());
    return 1;
  }
  // Accuracy: chosen values against the generated truth.
  auto claims = QueryClaims(**store, {});
  long right = 0, total = 0;
  if (claims.ok()) {
    for (const Claim& c : *claims) {
      if (!c.value || c.measure != "value") continue;
      const int e = std::atoi(c.entity.c_str() + 8);
      int m = 0, p = 0;
      while (c.metric != metrics[m]) ++m;
      while (c.period != periods[p]) ++p;
      ++total;
      right += std::fabs(*c.value - truth(e, m, p)) < 1e-6 * truth(e, m, p);
    }
  }
  std::printf("reconcile: %d facts, %d articles, %d claims, %d origins, %d findings\n", stats->facts,
              stats->articles, stats->claims, stats->origins, stats->conflicts);
  std::printf("reconcile: %.2f s on one core, %.0f facts/s, peak RSS %.0f MiB (%.0f MiB before)\n", secs,
              stats->facts / secs, PeakRssKb() / 1024.0, rss_before / 1024.0);
  std::printf("reconcile: chosen value = generated truth in %.2f%% of %ld claims\n",
              total ? 100.0 * right / total : 0.0, total);
  if (!keep) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
  }
  return 0;
}
