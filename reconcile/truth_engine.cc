// DiscoverTruth: vote, Accu and AccuCopy over a TruthProblem (method in
// include/newsfacts/truth.h and reconcile/README.md).
//
// Everything runs on flat arrays indexed by dense ids. Claims are laid out
// grouped by item, then value, then source, so one pass over the claims
// visits every value's supporters together. Copy detection keeps one record
// per source pair that shares at least one value (found by enumerating the
// supporters of each value), plus, per value, the block of pair indices of
// its supporter pairs in a fixed order, so each round re-reads them without
// hashing.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <string>

#include "newsfacts/truth.h"
#include "truth_pairs.h"

namespace newsfacts {
namespace {

using truth_internal::PairIndex;

constexpr double kMinAccuracy = 0.01;
constexpr double kMaxAccuracy = 0.99;
constexpr double kInitialPrior = 0.8;  // Dong et al.'s starting accuracy

// A claim's vote, ln(n) + logit(A), floored at 0: a source worse than chance
// gets no say rather than a vote against the value it claims (negative
// votes make the iteration unstable: a losing source's accuracy drops, its
// votes turn more negative, and values nobody trusts start to win).
inline double VoteOf(double x) { return std::max(0.0, x); }
double Clamp(double a) { return std::min(kMaxAccuracy, std::max(kMinAccuracy, a)); }

// Exact ties between values go to the smaller FNV-1a hash of the key: a
// fixed rule, unrelated to what the value says (ordering by the key itself
// would favour, say, the shorter of two numbers).
std::uint64_t TieHash(std::string_view key) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char ch : key) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return h;
}

// Offset of local supporter pair (a, b), a < b, in a value's block of
// m*(m-1)/2 pairs listed as (0,1), (0,2), ..., (1,2), ...
inline std::size_t TriangleOffset(std::size_t a, std::size_t b, std::size_t m) {
  return a * (2 * m - a - 1) / 2 + (b - a - 1);
}

// The problem re-laid for the iterations. "v" below is an internal value
// index (values grouped by item, by key within an item), "c" a claim index
// (grouped by value), "s" and "i" internal source and item indices (by
// name). The canonical orders make the result independent of the order of
// the input, down to the last bit of every sum.
struct Layout {
  std::uint32_t source_count = 0;
  std::vector<SourceId> src_id;  // internal -> SourceId
  std::vector<ItemId> item_id;   // internal -> ItemId
  std::uint32_t item_count = 0;
  std::vector<std::uint32_t> item_vbegin;   // item -> first internal value
  std::vector<std::uint32_t> item_sources;  // distinct sources claiming the item
  std::vector<double> item_nobs;            // observed values - 1, at least 1
  std::vector<ValueId> val_id;              // internal -> ValueId
  std::vector<std::uint32_t> val_cbegin;    // value -> first claim
  std::vector<std::uint32_t> claim_src;     // internal source index
  std::vector<float> claim_w;               // weight after per-item scaling
  std::vector<OriginId> claim_origin;       // claim's origin, else its group's
  std::vector<double> src_wsum;             // sum of claim_w per source
  std::vector<double> src_prior;            // own prior, or < 0
  // Similarity edges by target value: C*(v) += rho * w * C(from).
  std::vector<std::uint32_t> sim_begin;
  std::vector<std::uint32_t> sim_from;
  std::vector<float> sim_w;
};

Layout BuildLayout(const TruthProblem& problem, const TruthOptions& options) {
  Layout L;
  L.source_count = static_cast<std::uint32_t>(problem.source_count());
  L.item_count = static_cast<std::uint32_t>(problem.item_count());
  const auto value_count = static_cast<std::uint32_t>(problem.value_count());

  // Internal source order: by name.
  L.src_id.resize(L.source_count);
  std::iota(L.src_id.begin(), L.src_id.end(), 0u);
  std::sort(L.src_id.begin(), L.src_id.end(), [&](SourceId x, SourceId y) {
    return problem.source_name(x) < problem.source_name(y);
  });
  std::vector<std::uint32_t> src_internal(L.source_count);
  for (std::uint32_t s = 0; s < L.source_count; ++s) src_internal[L.src_id[s]] = s;

  // Internal item order: by name; value order: by item, then key.
  L.item_id.resize(L.item_count);
  std::iota(L.item_id.begin(), L.item_id.end(), 0u);
  std::sort(L.item_id.begin(), L.item_id.end(),
            [&](ItemId x, ItemId y) { return problem.item_name(x) < problem.item_name(y); });
  std::vector<std::uint32_t> item_internal(L.item_count);
  for (std::uint32_t i = 0; i < L.item_count; ++i) item_internal[L.item_id[i]] = i;
  L.item_vbegin.assign(L.item_count + 1, 0);
  for (ValueId v = 0; v < value_count; ++v) ++L.item_vbegin[item_internal[problem.item_of(v)] + 1];
  for (std::uint32_t i = 0; i < L.item_count; ++i) L.item_vbegin[i + 1] += L.item_vbegin[i];
  L.val_id.resize(value_count);
  std::vector<std::uint32_t> internal(value_count);
  {
    std::vector<std::uint32_t> fill(L.item_vbegin.begin(), L.item_vbegin.end() - 1);
    for (ValueId v = 0; v < value_count; ++v) {
      L.val_id[fill[item_internal[problem.item_of(v)]]++] = v;
    }
    for (std::uint32_t i = 0; i < L.item_count; ++i) {
      std::sort(L.val_id.begin() + L.item_vbegin[i], L.val_id.begin() + L.item_vbegin[i + 1],
                [&](ValueId x, ValueId y) { return problem.value_key(x) < problem.value_key(y); });
    }
    for (std::uint32_t pos = 0; pos < value_count; ++pos) internal[L.val_id[pos]] = pos;
  }

  // Claims grouped by internal value, then source; duplicates merged.
  const auto& claims = problem.claims();
  std::vector<std::uint32_t> count(value_count + 1, 0);
  for (const auto& c : claims) ++count[internal[c.value] + 1];
  for (std::uint32_t v = 0; v < value_count; ++v) count[v + 1] += count[v];
  std::vector<std::uint32_t> order(claims.size());
  {
    std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
    for (std::uint32_t k = 0; k < claims.size(); ++k) order[fill[internal[claims[k].value]]++] = k;
  }
  L.val_cbegin.assign(value_count + 1, 0);
  L.claim_src.reserve(claims.size());
  L.claim_w.reserve(claims.size());
  L.claim_origin.reserve(claims.size());
  const auto& source_origin = problem.source_origins();
  for (std::uint32_t v = 0; v < value_count; ++v) {
    auto first = order.begin() + count[v], last = order.begin() + count[v + 1];
    std::sort(first, last, [&](std::uint32_t x, std::uint32_t y) {
      const std::uint32_t sx = src_internal[claims[x].source], sy = src_internal[claims[y].source];
      return sx != sy ? sx < sy : x < y;
    });
    for (auto it = first; it != last; ++it) {
      const auto& c = claims[*it];
      const std::uint32_t src = src_internal[c.source];
      const OriginId origin = c.origin != kNoId ? c.origin : source_origin[c.source];
      if (L.claim_src.size() > L.val_cbegin[v] && L.claim_src.back() == src) {
        L.claim_w.back() = std::max(L.claim_w.back(), c.weight);
        if (L.claim_origin.back() == kNoId) L.claim_origin.back() = origin;
        continue;
      }
      L.claim_src.push_back(src);
      L.claim_w.push_back(c.weight);
      L.claim_origin.push_back(origin);
    }
    L.val_cbegin[v + 1] = static_cast<std::uint32_t>(L.claim_src.size());
  }

  // A source's weights on one item sum to at most 1; n per item.
  std::vector<double> item_weight(L.source_count, 0);
  std::vector<SourceId> touched;
  L.item_sources.assign(L.item_count, 0);
  L.item_nobs.assign(L.item_count, 1);
  L.src_wsum.assign(L.source_count, 0);
  for (std::uint32_t i = 0; i < L.item_count; ++i) {
    touched.clear();
    std::uint32_t claimed_values = 0;
    for (std::uint32_t v = L.item_vbegin[i]; v < L.item_vbegin[i + 1]; ++v) {
      if (L.val_cbegin[v + 1] > L.val_cbegin[v]) ++claimed_values;
      for (std::uint32_t c = L.val_cbegin[v]; c < L.val_cbegin[v + 1]; ++c) {
        const SourceId s = L.claim_src[c];
        if (item_weight[s] == 0) touched.push_back(s);
        item_weight[s] += L.claim_w[c];
      }
    }
    for (std::uint32_t v = L.item_vbegin[i]; v < L.item_vbegin[i + 1]; ++v) {
      for (std::uint32_t c = L.val_cbegin[v]; c < L.val_cbegin[v + 1]; ++c) {
        const double total = item_weight[L.claim_src[c]];
        if (total > 1) L.claim_w[c] = static_cast<float>(L.claim_w[c] / total);
        L.src_wsum[L.claim_src[c]] += L.claim_w[c];
      }
    }
    for (SourceId s : touched) item_weight[s] = 0;
    L.item_sources[i] = static_cast<std::uint32_t>(touched.size());
    L.item_nobs[i] = std::max<double>(1, static_cast<double>(claimed_values) - 1);
  }

  L.src_prior.resize(L.source_count);
  for (std::uint32_t s = 0; s < L.source_count; ++s)
    L.src_prior[s] = problem.source_priors()[L.src_id[s]];

  // Similarity edges (target, from, weight), the max of callback and
  // explicit implications.
  struct Edge {
    std::uint32_t to, from;
    float w;
  };
  std::vector<Edge> edges;
  if (options.similarity_weight > 0) {
    if (const auto& fn = problem.similarity()) {
      for (std::uint32_t i = 0; i < L.item_count; ++i) {
        const std::uint32_t b = L.item_vbegin[i], e = L.item_vbegin[i + 1];
        if (e - b < 2 || e - b > options.max_similarity_values) continue;
        for (std::uint32_t from = b; from < e; ++from) {
          for (std::uint32_t to = b; to < e; ++to) {
            if (from == to) continue;
            const double s = fn(L.item_id[i], L.val_id[from], L.val_id[to]);
            if (s > 1e-6) edges.push_back(Edge{to, from, static_cast<float>(std::min(1.0, s))});
          }
        }
      }
    }
    for (const auto& imp : problem.implications()) {
      edges.push_back(Edge{internal[imp.to], internal[imp.from], imp.strength});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
    return x.to != y.to ? x.to < y.to : x.from != y.from ? x.from < y.from : x.w > y.w;
  });
  L.sim_begin.assign(value_count + 1, 0);
  for (std::size_t k = 0; k < edges.size(); ++k) {
    if (k > 0 && edges[k].to == edges[k - 1].to && edges[k].from == edges[k - 1].from) continue;
    ++L.sim_begin[edges[k].to + 1];
    L.sim_from.push_back(edges[k].from);
    L.sim_w.push_back(edges[k].w);
  }
  for (std::uint32_t v = 0; v < value_count; ++v) L.sim_begin[v + 1] += L.sim_begin[v];
  return L;
}

// Source pairs that share at least one value, with their counts.
struct CopyPairs {
  std::vector<SourceId> a, b;  // a < b
  std::vector<float> shared;   // items both claim (weighted)
  std::vector<float> same;     // values both claim (weighted)
  std::vector<float> nobs;     // mean item_nobs over the shared values
  std::vector<double> kt;      // per round: sum of P(v) over shared values
  std::vector<float> dep;      // per round: dependence probability
  // Per internal value: its block of supporter-pair indices (TriangleOffset
  // order), empty when the item skips copy detection.
  std::vector<std::size_t> val_ebegin;
  std::vector<std::uint32_t> events;
};

CopyPairs BuildCopyPairs(const Layout& L, const TruthOptions& options) {
  CopyPairs P;
  PairIndex index;
  const auto value_count = static_cast<std::uint32_t>(L.val_id.size());
  P.val_ebegin.assign(value_count + 1, 0);
  for (std::uint32_t i = 0; i < L.item_count; ++i) {
    const bool eligible = L.item_sources[i] <= options.max_copy_sources;
    for (std::uint32_t v = L.item_vbegin[i]; v < L.item_vbegin[i + 1]; ++v) {
      P.val_ebegin[v] = P.events.size();
      const std::uint32_t cb = L.val_cbegin[v], ce = L.val_cbegin[v + 1];
      if (!eligible || ce - cb < 2) continue;
      for (std::uint32_t x = cb; x < ce; ++x) {
        for (std::uint32_t y = x + 1; y < ce; ++y) {
          const std::uint32_t p = index.FindOrInsert(L.claim_src[x], L.claim_src[y]);
          if (p == P.a.size()) {
            P.a.push_back(L.claim_src[x]);
            P.b.push_back(L.claim_src[y]);
            P.same.push_back(0);
            P.nobs.push_back(0);
          }
          const float w = std::min(L.claim_w[x], L.claim_w[y]);
          P.same[p] += w;
          P.nobs[p] += static_cast<float>(w * L.item_nobs[i]);
          P.events.push_back(p);
        }
      }
    }
  }
  P.val_ebegin[value_count] = P.events.size();
  for (std::size_t p = 0; p < P.a.size(); ++p) {
    P.nobs[p] = P.same[p] > 0 ? P.nobs[p] / P.same[p] : 1;
  }

  // Items both sources of a candidate pair claim.
  P.shared.assign(P.a.size(), 0);
  std::vector<double> item_weight(L.source_count, 0);
  std::vector<SourceId> item_src;
  for (std::uint32_t i = 0; i < L.item_count && !P.a.empty(); ++i) {
    if (L.item_sources[i] < 2 || L.item_sources[i] > options.max_copy_sources) continue;
    item_src.clear();
    for (std::uint32_t c = L.val_cbegin[L.item_vbegin[i]]; c < L.val_cbegin[L.item_vbegin[i + 1]];
         ++c) {
      const SourceId s = L.claim_src[c];
      if (item_weight[s] == 0) item_src.push_back(s);
      item_weight[s] += L.claim_w[c];
    }
    std::sort(item_src.begin(), item_src.end());
    for (std::size_t x = 0; x < item_src.size(); ++x) {
      for (std::size_t y = x + 1; y < item_src.size(); ++y) {
        const std::uint32_t p = index.Find(item_src[x], item_src[y]);
        if (p == PairIndex::kMissing) continue;
        P.shared[p] += static_cast<float>(
            std::min(std::min(1.0, item_weight[item_src[x]]), item_weight[item_src[y]]));
      }
    }
    for (SourceId s : item_src) item_weight[s] = 0;
  }
  P.kt.assign(P.a.size(), 0);
  P.dep.assign(P.a.size(), 0);
  return P;
}

// log(e^x + e^y + e^z) without overflow.
double LogSumExp3(double x, double y, double z) {
  const double m = std::max(x, std::max(y, z));
  return m + std::log(std::exp(x - m) + std::exp(y - m) + std::exp(z - m));
}

// Step 1: dependence probability of every candidate pair from the current
// accuracies and the probability that each value is right.
std::size_t DetectCopying(const Layout& L, const std::vector<double>& accuracy,
                          const std::vector<double>& correct, const TruthOptions& options,
                          CopyPairs* P) {
  std::fill(P->kt.begin(), P->kt.end(), 0.0);
  const auto value_count = static_cast<std::uint32_t>(L.val_id.size());
  for (std::uint32_t v = 0; v < value_count; ++v) {
    std::size_t e = P->val_ebegin[v];
    if (e == P->val_ebegin[v + 1]) continue;
    const std::uint32_t cb = L.val_cbegin[v], ce = L.val_cbegin[v + 1];
    for (std::uint32_t x = cb; x < ce; ++x) {
      for (std::uint32_t y = x + 1; y < ce; ++y) {
        P->kt[P->events[e++]] += std::min(L.claim_w[x], L.claim_w[y]) * correct[v];
      }
    }
  }
  const double c = options.copy_rate;
  const double log_dir = std::log(options.copy_prior / 2);
  const double log_ind = std::log(1 - options.copy_prior);
  const double log_differ = std::log(1 - c);
  std::size_t dependent = 0;
  for (std::size_t p = 0; p < P->a.size(); ++p) {
    const double a1 = accuracy[P->a[p]], a2 = accuracy[P->b[p]];
    const double kt = std::min<double>(P->kt[p], P->same[p]);
    const double kf = P->same[p] - kt;
    const double kd = std::max(0.0, static_cast<double>(P->shared[p]) - P->same[p]);
    const double pt = a1 * a2;
    const double n = options.false_values > 0 ? options.false_values : P->nobs[p];
    const double pf = (1 - a1) * (1 - a2) / n;
    // a copies b, then b copies a.
    const double l_ab = kt * std::log((c * a2 + (1 - c) * pt) / pt) +
                        kf * std::log((c * (1 - a2) + (1 - c) * pf) / pf) + kd * log_differ;
    const double l_ba = kt * std::log((c * a1 + (1 - c) * pt) / pt) +
                        kf * std::log((c * (1 - a1) + (1 - c) * pf) / pf) + kd * log_differ;
    const double d = 1 - std::exp(log_ind - LogSumExp3(log_dir + l_ab, log_dir + l_ba, log_ind));
    P->dep[p] = static_cast<float>(d);
    if (d >= 0.5) ++dependent;
  }
  return dependent;
}

Status CheckOptions(const TruthOptions& o) {
  auto bad = [](const std::string& what) {
    return Status::InvalidArgument("truth option " + what);
  };
  if (!(o.prior_accuracy < 1)) return bad("prior_accuracy must be < 1");
  if (!(o.prior_strength >= 0)) return bad("prior_strength must be >= 0");
  if (!(o.false_values >= 0)) return bad("false_values must be >= 0");
  if (!(o.similarity_weight >= 0)) return bad("similarity_weight must be >= 0");
  if (!(o.copy_prior > 0 && o.copy_prior < 1)) return bad("copy_prior must be in (0,1)");
  if (!(o.copy_rate > 0 && o.copy_rate < 1)) return bad("copy_rate must be in (0,1)");
  if (o.max_iterations < 1) return bad("max_iterations must be >= 1");
  if (!(o.tolerance >= 0)) return bad("tolerance must be >= 0");
  return Status::Ok();
}

// The state of one DiscoverTruth run: estimates that rounds refine, and the
// steps of a round as methods.
class TruthRun {
 public:
  TruthRun(const TruthProblem& problem, const TruthOptions& options)
      : problem_(problem),
        options_(options),
        L_(BuildLayout(problem, options)),
        copy_(options.method == TruthMethod::kAccuCopy),
        vote_only_(options.method == TruthMethod::kVote),
        global_prior_(options.prior_accuracy > 0 ? options.prior_accuracy : kInitialPrior) {
    const std::size_t values = L_.val_id.size();
    if (copy_) pairs_ = BuildCopyPairs(L_, options);
    accuracy_.resize(L_.source_count);
    for (std::uint32_t s = 0; s < L_.source_count; ++s) accuracy_[s] = PriorOf(s);
    prob_.assign(values, 0);
    score_.assign(values, 0);
    total_.assign(values, 0);
    correct_.assign(values, 0);
    weight_sum_.assign(values, 0);
    indep_.assign(L_.claim_src.size(), 1);
    vote_.assign(L_.source_count, 0);
    acc_num_.assign(L_.source_count, 0);
    origin_stamp_.assign(problem.origin_count(), 0);
    for (std::uint32_t v = 0; v < values; ++v) {
      for (std::uint32_t c = L_.val_cbegin[v]; c < L_.val_cbegin[v + 1]; ++c) {
        weight_sum_[v] += L_.claim_w[c];
      }
    }
  }

  void Run(TruthResult* result);

 private:
  double PriorOf(std::uint32_t s) const {
    return L_.src_prior[s] > 0 ? L_.src_prior[s] : global_prior_;
  }
  double ItemN(std::uint32_t i) const {
    return options_.false_values > 0 ? options_.false_values : L_.item_nobs[i];
  }
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  void VoteShares();
  void ScoreValues(bool use_copy);
  double UpdateAccuracy();
  void Outputs(TruthResult* result);

  const TruthProblem& problem_;
  const TruthOptions& options_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  const Layout L_;
  const bool copy_;
  const bool vote_only_;
  CopyPairs pairs_;
  double global_prior_;
  std::vector<double> accuracy_;    // by source
  std::vector<double> prob_;        // P(v)
  std::vector<double> score_;       // C(v)
  std::vector<double> total_;       // C*(v)
  std::vector<double> correct_;     // R(v)
  std::vector<double> weight_sum_;  // claim weight per value (the vote)
  std::vector<float> indep_;        // I per claim
  std::vector<double> vote_;        // logit(A) per source
  std::vector<double> acc_num_;     // per source: sum of weight * R(v)
  // origin_stamp_[o] == mark_: origin o already seen among the supporters of
  // the value at hand (mark_ is fresh for every visit of a value).
  std::vector<std::uint64_t> origin_stamp_;
  std::uint64_t mark_ = 0;
  std::vector<std::uint32_t> local_;  // supporters of one value, by accuracy
};

// The vote: each value's share of its item's claim weight.
void TruthRun::VoteShares() {
  for (std::uint32_t i = 0; i < L_.item_count; ++i) {
    double z = 0;
    for (std::uint32_t v = L_.item_vbegin[i]; v < L_.item_vbegin[i + 1]; ++v) z += weight_sum_[v];
    for (std::uint32_t v = L_.item_vbegin[i]; v < L_.item_vbegin[i + 1]; ++v) {
      prob_[v] = z > 0 ? weight_sum_[v] / z : 0;
    }
  }
}

// Steps 2-4 of a round: vote counts with the copy discount, similarity,
// probabilities.
void TruthRun::ScoreValues(bool use_copy) {
  for (std::uint32_t s = 0; s < L_.source_count; ++s) {
    vote_[s] = std::log(accuracy_[s] / (1 - accuracy_[s]));
  }
  for (std::uint32_t i = 0; i < L_.item_count; ++i) {
    const double log_n = std::log(ItemN(i));
    for (std::uint32_t v = L_.item_vbegin[i]; v < L_.item_vbegin[i + 1]; ++v) {
      const std::uint32_t cb = L_.val_cbegin[v], ce = L_.val_cbegin[v + 1];
      const std::uint32_t m = ce - cb;
      double sum = 0;
      if (m == 1) {
        indep_[cb] = 1;
        sum = L_.claim_w[cb] * VoteOf(log_n + vote_[L_.claim_src[cb]]);
      } else if (m > 1) {
        ++mark_;
        local_.resize(m);
        std::iota(local_.begin(), local_.end(), 0u);
        std::sort(local_.begin(), local_.end(), [&](std::uint32_t x, std::uint32_t y) {
          const double ax = accuracy_[L_.claim_src[cb + x]], ay = accuracy_[L_.claim_src[cb + y]];
          return ax != ay ? ax > ay : x < y;
        });
        const bool blocks = use_copy && pairs_.val_ebegin[v + 1] > pairs_.val_ebegin[v];
        for (std::uint32_t k = 0; k < m; ++k) {
          const std::uint32_t j = local_[k];
          const std::uint32_t c = cb + j;
          double independent = 1;
          const OriginId origin = L_.claim_origin[c];
          if (origin != kNoId) {
            if (origin_stamp_[origin] == mark_) independent = 0;
            origin_stamp_[origin] = mark_;
          }
          if (blocks && independent > 0) {
            const std::uint32_t* block = &pairs_.events[pairs_.val_ebegin[v]];
            for (std::uint32_t q = 0; q < k; ++q) {
              const std::uint32_t other = local_[q];
              const std::size_t off =
                  other < j ? TriangleOffset(other, j, m) : TriangleOffset(j, other, m);
              independent *= 1 - options_.copy_rate * pairs_.dep[block[off]];
            }
          }
          indep_[c] = static_cast<float>(independent);
          sum += L_.claim_w[c] * independent * VoteOf(log_n + vote_[L_.claim_src[c]]);
        }
      }
      score_[v] = sum;
    }
  }
  // Similarity, then the probabilities of each item's values.
  for (std::uint32_t v = 0; v < score_.size(); ++v) {
    double t = score_[v];
    for (std::uint32_t e = L_.sim_begin[v]; e < L_.sim_begin[v + 1]; ++e) {
      t += options_.similarity_weight * L_.sim_w[e] * score_[L_.sim_from[e]];
    }
    total_[v] = t;
  }
  for (std::uint32_t i = 0; i < L_.item_count; ++i) {
    const std::uint32_t b = L_.item_vbegin[i], e = L_.item_vbegin[i + 1];
    if (b == e) continue;
    const double unseen = std::max(0.0, ItemN(i) + 1 - (e - b));
    double top = unseen > 0 ? 0.0 : total_[b];
    for (std::uint32_t v = b; v < e; ++v) top = std::max(top, total_[v]);
    double z = unseen * std::exp(-top);
    for (std::uint32_t v = b; v < e; ++v) z += std::exp(total_[v] - top);
    for (std::uint32_t v = b; v < e; ++v) prob_[v] = std::exp(total_[v] - top) / z;
  }
}

// Step 5: R(v) and the accuracies from the probabilities; returns the
// largest change of an accuracy.
double TruthRun::UpdateAccuracy() {
  // R(v): a claim of v is right if v, or a value similar to it, is true.
  for (std::uint32_t v = 0; v < prob_.size(); ++v) {
    double right = prob_[v];
    if (!vote_only_) {
      for (std::uint32_t e = L_.sim_begin[v]; e < L_.sim_begin[v + 1]; ++e) {
        right += L_.sim_w[e] * prob_[L_.sim_from[e]];
      }
    }
    correct_[v] = std::min(1.0, right);
  }
  std::fill(acc_num_.begin(), acc_num_.end(), 0.0);
  for (std::uint32_t v = 0; v < prob_.size(); ++v) {
    for (std::uint32_t c = L_.val_cbegin[v]; c < L_.val_cbegin[v + 1]; ++c) {
      acc_num_[L_.claim_src[c]] += L_.claim_w[c] * correct_[v];
    }
  }
  const double m = options_.prior_strength;
  // Data-driven prior: the mean over sources of their unsmoothed accuracy
  // (over sources, not claims, so a few prolific sources do not set it),
  // itself smoothed with m pseudo-sources at 0.8 so that a handful of
  // sources cannot drag it to 0.5.
  if (options_.prior_accuracy <= 0) {
    double sum = 0;
    std::size_t counted = 0;
    for (std::uint32_t s = 0; s < L_.source_count; ++s) {
      if (L_.src_wsum[s] <= 0) continue;
      sum += acc_num_[s] / L_.src_wsum[s];
      ++counted;
    }
    if (counted > 0 || m > 0) {
      global_prior_ = Clamp((sum + m * kInitialPrior) / (static_cast<double>(counted) + m));
    }
  }
  double change = 0;
  for (std::uint32_t s = 0; s < L_.source_count; ++s) {
    const double den = L_.src_wsum[s] + m;
    const double a = den > 0 ? Clamp((acc_num_[s] + m * PriorOf(s)) / den) : PriorOf(s);
    change = std::max(change, std::fabs(a - accuracy_[s]));
    accuracy_[s] = a;
  }
  return change;
}

void TruthRun::Run(TruthResult* result) {
  VoteShares();
  if (vote_only_) {
    UpdateAccuracy();
    result->iterations = 1;
    result->converged = true;
    Outputs(result);
    return;
  }
  // Phase 1 (Accu) runs until the accuracies settle, or for half the
  // rounds. kAccuCopy then detects copying from phase 1's truth estimate,
  // restarts the accuracies from the prior (phase 1 inflated those of
  // sources whose copies voted with them) and iterates with copy detection
  // in every round. Starting copy detection from first-round, vote-like
  // estimates instead would take the values a majority of copiers got wrong
  // as true, see the accurate minority that shares the real values as
  // copiers, and lock that error in.
  const int accu_rounds =
      copy_ ? std::max(1, options_.max_iterations / 2) : options_.max_iterations;
  bool copying = false;
  for (int round = 1; round <= options_.max_iterations; ++round) {
    std::size_t dependent = 0;
    if (copying) dependent = DetectCopying(L_, accuracy_, correct_, options_, &pairs_);
    ScoreValues(copying);
    const double change = UpdateAccuracy();
    result->iterations = round;
    if (options_.progress) {
      options_.progress(TruthProgress{round, change, Elapsed(), dependent});
    }
    const bool settled = change < options_.tolerance;
    if (copy_ && !copying) {
      if (settled || round >= accu_rounds) {
        copying = true;
        DetectCopying(L_, accuracy_, correct_, options_, &pairs_);
        for (std::uint32_t s = 0; s < L_.source_count; ++s) accuracy_[s] = PriorOf(s);
      }
      continue;
    }
    if (settled) {
      result->converged = true;
      break;
    }
  }
  // The reported probabilities match the final accuracies.
  if (copying) DetectCopying(L_, accuracy_, correct_, options_, &pairs_);
  ScoreValues(copying);
  Outputs(result);
}

// Results by external id: chosen values, their support and origins,
// accuracies, dependent pairs.
void TruthRun::Outputs(TruthResult* result) {
  result->value_probability.assign(prob_.size(), 0);
  for (std::uint32_t v = 0; v < prob_.size(); ++v)
    result->value_probability[L_.val_id[v]] = prob_[v];
  result->source_accuracy.assign(L_.source_count, 0);
  for (std::uint32_t s = 0; s < L_.source_count; ++s) {
    result->source_accuracy[L_.src_id[s]] = accuracy_[s];
  }
  result->items.assign(L_.item_count, ItemTruth{});
  std::vector<std::uint32_t> parent;
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::uint32_t i = 0; i < L_.item_count; ++i) {
    std::uint32_t best = kNoId;
    for (std::uint32_t v = L_.item_vbegin[i]; v < L_.item_vbegin[i + 1]; ++v) {
      if (L_.val_cbegin[v + 1] == L_.val_cbegin[v] && L_.sim_begin[v + 1] == L_.sim_begin[v]) {
        continue;  // neither claimed nor supported
      }
      if (best == kNoId || prob_[v] > prob_[best] ||
          (prob_[v] == prob_[best] && (weight_sum_[v] > weight_sum_[best] ||
                                       (weight_sum_[v] == weight_sum_[best] &&
                                        TieHash(problem_.value_key(L_.val_id[v])) <
                                            TieHash(problem_.value_key(L_.val_id[best])))))) {
        best = v;
      }
    }
    if (best == kNoId) continue;
    ItemTruth& out = result->items[L_.item_id[i]];
    out.value = L_.val_id[best];
    out.confidence = prob_[best];
    const std::uint32_t cb = L_.val_cbegin[best], ce = L_.val_cbegin[best + 1];
    const std::uint32_t m = ce - cb;
    out.supporters = m;
    for (std::uint32_t c = cb; c < ce; ++c) {
      out.independent_support += vote_only_ ? L_.claim_w[c] : L_.claim_w[c] * indep_[c];
    }
    // Origins: supporters with the same known origin, or detected copying,
    // are one.
    parent.resize(m);
    std::iota(parent.begin(), parent.end(), 0u);
    ++mark_;
    for (std::uint32_t j = 0; j < m; ++j) {
      const OriginId origin = L_.claim_origin[cb + j];
      if (origin == kNoId) continue;
      if (origin_stamp_[origin] != mark_) {  // the first supporter with it
        origin_stamp_[origin] = mark_;
        continue;
      }
      for (std::uint32_t q = 0; q < j; ++q) {
        if (L_.claim_origin[cb + q] == origin) {
          parent[find(j)] = find(q);
          break;
        }
      }
    }
    if (copy_ && pairs_.val_ebegin[best + 1] > pairs_.val_ebegin[best]) {
      const std::uint32_t* block = &pairs_.events[pairs_.val_ebegin[best]];
      for (std::uint32_t x = 0; x < m; ++x) {
        for (std::uint32_t y = x + 1; y < m; ++y) {
          if (pairs_.dep[block[TriangleOffset(x, y, m)]] >= 0.5) parent[find(y)] = find(x);
        }
      }
    }
    for (std::uint32_t j = 0; j < m; ++j) out.origins += find(j) == j;
  }
  if (copy_) {
    result->copy_pairs = pairs_.a.size();
    for (std::size_t p = 0; p < pairs_.a.size(); ++p) {
      if (pairs_.dep[p] < options_.report_dependence) continue;
      const SourceId x = L_.src_id[pairs_.a[p]], y = L_.src_id[pairs_.b[p]];
      result->dependences.push_back(SourceDependence{std::min(x, y), std::max(x, y), pairs_.dep[p],
                                                     pairs_.shared[p], pairs_.same[p]});
    }
    std::sort(result->dependences.begin(), result->dependences.end(),
              [](const SourceDependence& a, const SourceDependence& b) {
                return a.a != b.a ? a.a < b.a : a.b < b.b;
              });
  }
  result->seconds = Elapsed();
}

}  // namespace

Result<TruthResult> DiscoverTruth(const TruthProblem& problem, const TruthOptions& options) {
  NF_RETURN_IF_ERROR(CheckOptions(options));
  TruthResult result;
  TruthRun(problem, options).Run(&result);
  return result;
}

}  // namespace newsfacts
