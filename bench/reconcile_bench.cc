// reconcile_bench — truth discovery on one million generated claims.
//
//   reconcile_bench [--claims N] [--sources N] [--method vote|accu|accucopy]
//                   [--dump PREFIX]   (also writes PREFIX.claims.tsv, PREFIX.truth.tsv)
//
// Generates a claims set with a planted truth: 2,000 sources, of which 100
// mediocre "origins" are each copied by 4 copiers (400 sources that repeat
// their origin's value 80% of the time) and 1,500 independent sources of
// accuracy 0.6-0.95; each item is claimed by 3-4 independent sources plus
// the copiers of any origin among them; a false value is one of 10, most
// often the first two (errors concentrate, as in the real data sets). Builds
// the TruthProblem, runs DiscoverTruth on one core and prints the time, the
// claims per second, the peak RSS and the precision against the planted
// truth (with majority vote's precision for comparison).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "newsfacts/truth.h"

namespace {

using newsfacts::DiscoverTruth;
using newsfacts::ItemId;
using newsfacts::SourceId;
using newsfacts::TruthMethod;
using newsfacts::TruthOptions;
using newsfacts::TruthProblem;
using newsfacts::TruthResult;
using newsfacts::ValueId;

struct Generated {
  TruthProblem problem;
  std::vector<ValueId> truth;  // by ItemId
};

Generated Generate(std::size_t claim_target, std::uint32_t source_count) {
  constexpr std::uint32_t kOrigins = 100, kCopiesPerOrigin = 4, kFalseValues = 10;
  const std::uint32_t copiers = kOrigins * kCopiesPerOrigin;
  if (source_count < copiers + kOrigins + 10) source_count = copiers + kOrigins + 10;
  std::mt19937_64 rng(20240901);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> accuracy(source_count);
  for (std::uint32_t s = 0; s < source_count; ++s) {
    accuracy[s] = s < kOrigins             ? 0.5 + 0.2 * unit(rng)  // mediocre, widely copied
                  : s < kOrigins + copiers ? 0.7                    // when not copying
                                           : 0.6 + 0.35 * unit(rng);
  }
  Generated g;
  TruthProblem& p = g.problem;
  for (std::uint32_t s = 0; s < source_count; ++s) (void)p.InternSource("s" + std::to_string(s));
  // Independent claimers: the origins and the other non-copiers.
  std::vector<std::uint32_t> independent;
  for (std::uint32_t s = 0; s < source_count; ++s) {
    if (s < kOrigins || s >= kOrigins + copiers) independent.push_back(s);
  }
  std::uniform_int_distribution<std::size_t> pick(0, independent.size() - 1);
  // Wrong values concentrate, as in real data (an outdated figure, a common
  // misreading): value 1 takes 60% of the errors, 2 takes 25%, 3..10 share
  // the rest.
  std::uniform_int_distribution<int> rare_value(3, kFalseValues);
  auto false_value = [&] {
    const double x = unit(rng);
    return x < 0.6 ? 1 : x < 0.85 ? 2 : rare_value(rng);
  };
  auto draw = [&](std::uint32_t s) { return unit(rng) < accuracy[s] ? 0 : false_value(); };
  std::size_t claims = 0;
  std::vector<std::uint32_t> chosen;
  char key[8];
  auto claim = [&](ItemId item, std::uint32_t s, int value) {
    std::snprintf(key, sizeof key, "%d", value);
    (void)p.AddClaim(s, p.InternValue(item, key));
    ++claims;
  };
  while (claims < claim_target) {
    const ItemId item = p.InternItem("i" + std::to_string(p.item_count()));
    g.truth.push_back(p.InternValue(item, "0"));
    chosen.clear();
    const int k = 3 + static_cast<int>(unit(rng) < 0.5);
    while (static_cast<int>(chosen.size()) < k) {
      const std::uint32_t s = independent[pick(rng)];
      bool dup = false;
      for (std::uint32_t c : chosen) dup = dup || c == s;
      if (!dup) chosen.push_back(s);
    }
    for (std::uint32_t s : chosen) {
      const int value = draw(s);
      claim(item, s, value);
      if (s >= kOrigins) continue;
      for (std::uint32_t c = 0; c < kCopiesPerOrigin; ++c) {
        const std::uint32_t copier = kOrigins + s * kCopiesPerOrigin + c;
        claim(item, copier, unit(rng) < 0.8 ? value : draw(copier));
      }
    }
  }
  return g;
}

double Precision(const Generated& g, const TruthResult& r) {
  std::size_t right = 0;
  for (ItemId i = 0; i < g.truth.size(); ++i) right += r.items[i].value == g.truth[i];
  return g.truth.empty() ? 0 : static_cast<double>(right) / static_cast<double>(g.truth.size());
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// CPU seconds (user + system) used by this process so far.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t claims = 1000000;
  std::uint32_t sources = 2000;
  std::string method = "accucopy";
  std::string dump;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--dump"))
      dump = argv[i + 1];
    else if (!std::strcmp(argv[i], "--claims"))
      claims = std::strtoull(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--sources"))
      sources = std::strtoul(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--method"))
      method = argv[i + 1];
  }
  auto parsed = newsfacts::TruthMethodFromName(method);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const Generated g = Generate(claims, sources);
  const double build_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("generated %zu claims, %zu sources, %zu items in %.2f s (problem building)\n",
              g.problem.claim_count(), g.problem.source_count(), g.problem.item_count(), build_s);

  if (!dump.empty()) {
    const TruthProblem& p = g.problem;
    std::ofstream out(dump + ".claims.tsv");
    out << "source\titem\tvalue\n";
    for (const auto& c : p.claims()) {
      out << p.source_name(c.source) << '\t' << p.item_name(p.item_of(c.value)) << '\t'
          << p.value_key(c.value) << '\n';
    }
    std::ofstream truth(dump + ".truth.tsv");
    truth << "item\tvalue\n";
    for (ItemId i = 0; i < g.truth.size(); ++i) {
      truth << p.item_name(i) << '\t' << p.value_key(g.truth[i]) << '\n';
    }
  }

  TruthOptions vote;
  vote.method = TruthMethod::kVote;
  auto vote_result = DiscoverTruth(g.problem, vote);
  TruthOptions options;
  options.method = *parsed;
  const double cpu_before = CpuSeconds();
  auto result = DiscoverTruth(g.problem, options);
  const double cpu = CpuSeconds() - cpu_before;
  if (!vote_result.ok() || !result.ok()) {
    std::fprintf(stderr, "DiscoverTruth failed\n");
    return 1;
  }
  const double s = result->seconds;
  std::printf(
      "method %s: %.2f s (%.2f s CPU), %.0f claims/s, %d rounds%s, %zu candidate copy "
      "pairs, %zu dependent\n",
      method.c_str(), s, cpu, static_cast<double>(g.problem.claim_count()) / s, result->iterations,
      result->converged ? " (converged)" : "", result->copy_pairs, result->dependences.size());
  std::printf("precision vs planted truth: %s %.4f, vote %.4f (%.2f s)\n", method.c_str(),
              Precision(g, *result), Precision(g, *vote_result), vote_result->seconds);
  std::printf("peak RSS %.1f MB\n", static_cast<double>(PeakRssKb()) / 1024.0);
  return 0;
}
