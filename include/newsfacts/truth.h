// newsfacts/truth.h — truth discovery: pick the best-supported value of each
// item from conflicting claims, weighing source accuracy and copying.
//
//   TruthProblem p;
//   ItemId capex = p.InternItem("Alibaba|capex|2024-H1");
//   ValueId a = p.InternValue(capex, "5e10"), b = p.InternValue(capex, "5.2e10");
//   (void)p.AddClaim(p.InternSource("ft.com/x"), a);
//   (void)p.AddClaim(p.InternSource("reuters.com/y"), a);
//   (void)p.AddClaim(p.InternSource("blog.example/z"), b);
//   Result<TruthResult> r = DiscoverTruth(p, TruthOptions{});
//   r->items[capex].value == a; r->items[capex].confidence in [0,1]
//
// Input. Sources, items and the candidate values of each item are interned
// to dense ids (0, 1, 2, ... in order of first appearance). A claim is
// (source, value[, weight][, origin]): "source says item = value". The weight
// in (0,1] is the caller's confidence in the claim itself (e.g. extraction
// confidence); a source that claims k values for one item has its weights
// scaled so that they sum to at most 1 on that item. Optional extras:
//  - a similarity/implication between two values of an item, in [0,1]: how
//    much a claim of `from` also supports `to` ("$50.2bn" and "$50bn" within
//    rounding; "more than $50bn" and "$50.2bn"). Either a callback evaluated
//    once per ordered value pair of each item, or explicit AddImplication.
//  - known dependence: AddDependenceGroup(sources) says these sources copy
//    one origin (articles attributing the same report); a claim may also name
//    its origin (AddOrigin). Claims with the same origin count as one vote.
//  - a prior accuracy per source (default TruthOptions::prior_accuracy).
//
// Output (TruthResult): per item the chosen value, its confidence (the
// value's probability), the probability of every candidate value, the
// effective number of independent supporters and the number of independent
// origins behind the chosen value; per source its estimated accuracy; per
// source pair (sparse) the probability that one copies the other.
//
// Method (kAccuCopy, after Dong, Berti-Equille & Srivastava, VLDB 2009,
// "Integrating conflicting data: the role of source dependence", with the
// value implication of TruthFinder, Yin, Han & Yu, KDD 2007). A(S) is a
// source's accuracy, P(v) the probability that value v of its item is true,
// R(v) = min(1, P(v) + sum over v' of sim(v' -> v) * P(v')) the probability
// that a claim of v is right (v or a value similar to it is true), n the
// number of false values an item can take. One round:
//  1. Copy detection (from phase 2 on). For each pair of sources that share
//     at least one value, over the items both claim: kt = sum of R(v) over
//     the values they share, kf = sum of 1 - R(v) over them, kd = items
//     where they differ. Independent, they share a true value with
//     probability A1*A2, a false one with (1-A1)(1-A2)/n; if S1 copies S2
//     (each value with probability c), with c*A2 + (1-c)*A1*A2 and
//     c*(1-A2) + (1-c)*(1-A1)(1-A2)/n, and they differ (1-c) times as often.
//     Bayes with prior alpha of dependence (alpha/2 each direction) gives
//     the pair's dependence probability d. Sharing false values is the
//     strong signal, sharing true ones a weak one, differing speaks for
//     independence.
//  2. Vote count. A claim votes max(0, ln(n*A/(1-A))) (a source worse than
//     chance gets no say, never a vote against its value) times its weight
//     times I, the probability that it was not copied: the supporters of a
//     value are taken by decreasing accuracy and I = product over the earlier
//     ones of (1 - c*d), or 0 when an earlier one has the same known origin.
//     C(v) = sum of the votes.
//  3. Similarity. C*(v) = C(v) + rho * sum over v' != v of sim(v'->v) * C(v').
//  4. Value probability. P(v) = exp(C*(v)) / (sum over the item's values v'
//     of exp(C*(v')) + max(0, n + 1 - #values)): unseen false values keep
//     some mass, so a lone claim is never certain (one source: P = its A).
//  5. Source accuracy. A(S) = (sum of weight*R(v) over its claims + m*A0) /
//     (sum of weights + m): a Bayesian average with m pseudo-claims at the
//     prior A0 (the source's own prior, else the mean over sources of their
//     unsmoothed accuracy in this round, with m pseudo-sources at 0.8),
//     clamped to [0.01, 0.99].
// Phase 1 runs rounds without step 1 (that is kAccu) until no accuracy
// moves by more than `tolerance`, or for half of max_iterations. Phase 2
// (kAccuCopy) detects copying from phase 1's estimates, resets every
// accuracy to its prior (phase 1 inflated the accuracy of sources whose
// copies voted with them) and runs full rounds until the accuracies settle.
// Detecting copying from the first, vote-like round instead takes the values
// a majority of copiers got wrong as true, sees the accurate minority that
// shares the real values as copiers, and locks the error in (flight data:
// 0.87 instead of 0.98). kVote is the weighted count of claims per value,
// P(v) its share.
// n: TruthOptions::false_values, or when 0 (default) per item the number of
// observed values minus one, at least 1 (data-driven: an item with two
// candidates is a coin flipped by biased sources). Ties go to the larger
// claim weight, then to the smaller hash of the value key (a fixed rule that
// ignores what the value says); sources and items are processed in name
// order, so the result does not depend on the order of the input.
// reconcile/README.md has the derivation notes and measured precision.
//
// Scale: time and memory linear in the claims plus, for copy detection, the
// sum over values of supporters^2 (pairs of sources backing one value) and
// over items of sources^2 (counting shared items of those pairs); items with
// more than max_copy_sources sources skip copy detection, items with more
// than max_similarity_values values skip the similarity callback. 1M claims
// from 2,000 sources: about 3 s CPU and 190 MB (bench/reconcile_bench.cc).
//
// Thread-safety: TruthProblem is a plain value (not safe to mutate from two
// threads); DiscoverTruth only reads it and is reentrant as long as the
// similarity callback is.
#ifndef NEWSFACTS_TRUTH_H_
#define NEWSFACTS_TRUTH_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "newsfacts/status.h"

namespace newsfacts {

using SourceId = std::uint32_t;
using ItemId = std::uint32_t;
using ValueId = std::uint32_t;
using OriginId = std::uint32_t;
inline constexpr std::uint32_t kNoId = 0xffffffffu;  // "none" for every id type

// How much a claim of `from` supports `to` (two values of `item`), in [0,1].
using ValueSimilarityFn = std::function<double(ItemId item, ValueId from, ValueId to)>;

// The input of truth discovery: interned sources, items, values and claims.
class TruthProblem {
 public:
  struct Claim {
    SourceId source;
    ValueId value;
    float weight;
    OriginId origin;  // kNoId when unknown
  };
  struct Implication {
    ValueId from;
    ValueId to;
    float strength;
  };

  // Id of the source/item named `name`, created on first use.
  SourceId InternSource(std::string_view name);
  ItemId InternItem(std::string_view name);
  // Id of the value `key` of `item` (keys are compared exactly: the caller
  // canonicalises). REQUIRES: item < item_count().
  ValueId InternValue(ItemId item, std::string_view key);
  // Existing ids, or kNoId.
  SourceId FindSource(std::string_view name) const;
  ItemId FindItem(std::string_view name) const;
  ValueId FindValue(ItemId item, std::string_view key) const;
  // A fresh origin id for AddClaim (e.g. one per attributed report).
  OriginId AddOrigin() { return origin_count_++; }

  // Records "source says value". Fails on an unknown id or a weight outside
  // (0,1]. A repeated (source, value) keeps the larger weight.
  Status AddClaim(SourceId source, ValueId value, double weight = 1.0, OriginId origin = kNoId);
  // These sources copy one origin: their claims of the same value count once.
  Status AddDependenceGroup(std::span<const SourceId> sources);
  // Prior accuracy in (0,1) for one source (else TruthOptions::prior_accuracy
  // or the data-driven prior).
  Status SetSourcePrior(SourceId source, double accuracy);
  // Similarity for value pairs within an item (see ValueSimilarityFn). The
  // callback must be deterministic; it is called during DiscoverTruth.
  void SetSimilarity(ValueSimilarityFn fn) { similarity_ = std::move(fn); }
  // An explicit implication, added to (max with) the callback's.
  Status AddImplication(ValueId from, ValueId to, double strength);

  std::size_t source_count() const { return source_names_.size(); }
  std::size_t item_count() const { return item_names_.size(); }
  std::size_t value_count() const { return value_item_.size(); }
  std::size_t claim_count() const { return claims_.size(); }
  std::uint32_t origin_count() const { return origin_count_; }

  const std::string& source_name(SourceId s) const { return source_names_[s]; }
  const std::string& item_name(ItemId i) const { return item_names_[i]; }
  const std::string& value_key(ValueId v) const { return value_keys_[v]; }
  ItemId item_of(ValueId v) const { return value_item_[v]; }
  const std::vector<Claim>& claims() const { return claims_; }
  const std::vector<Implication>& implications() const { return implications_; }
  const ValueSimilarityFn& similarity() const { return similarity_; }
  // Per source: its known-dependence group origin, or kNoId.
  const std::vector<OriginId>& source_origins() const { return source_origin_; }
  // Per source: prior accuracy, or a negative number when none was set.
  const std::vector<float>& source_priors() const { return source_prior_; }

 private:
  struct ValueKeyRef {
    ItemId item;
    std::string_view key;
    bool operator==(const ValueKeyRef&) const = default;
  };
  struct ValueKeyHash {
    std::size_t operator()(const ValueKeyRef& k) const;
  };

  // Names live in deques so the string_view keys of the maps stay valid.
  std::deque<std::string> source_names_;
  std::deque<std::string> item_names_;
  std::deque<std::string> value_keys_;
  std::unordered_map<std::string_view, SourceId> source_index_;
  std::unordered_map<std::string_view, ItemId> item_index_;
  std::unordered_map<ValueKeyRef, ValueId, ValueKeyHash> value_index_;
  std::vector<ItemId> value_item_;
  std::vector<Claim> claims_;
  std::vector<Implication> implications_;
  std::vector<OriginId> source_origin_;
  std::vector<float> source_prior_;
  std::uint32_t origin_count_ = 0;
  ValueSimilarityFn similarity_;
};

enum class TruthMethod {
  kVote,      // weighted count of claims per value
  kAccu,      // source accuracy + Bayesian vote + similarity, no copy detection
  kAccuCopy,  // kAccu plus copy detection (default)
};
std::string_view TruthMethodName(TruthMethod method);  // "vote" | "accu" | "accucopy"
Result<TruthMethod> TruthMethodFromName(std::string_view name);

struct TruthProgress {
  int iteration = 0;                // 1-based
  double max_change = 0;            // largest change of a source accuracy this round
  double seconds = 0;               // since DiscoverTruth started
  std::size_t dependent_pairs = 0;  // pairs with dependence >= 0.5
};

struct TruthOptions {
  TruthMethod method = TruthMethod::kAccuCopy;
  // Prior accuracy A0 of a source without its own prior. <= 0 (default):
  // data-driven, the mean over sources of their unsmoothed accuracy in the
  // previous round, smoothed with prior_strength pseudo-sources at 0.8 (the
  // first round uses 0.8, Dong et al.'s start value).
  double prior_accuracy = 0;
  // m: pseudo-claims at the prior in each source's accuracy average (sources
  // with few claims stay near the prior), and pseudo-sources at 0.8 in the
  // data-driven prior.
  double prior_strength = 2;
  // n, the number of false values an item can take; 0: per item, observed
  // values minus one, at least 1.
  double false_values = 0;
  // rho: weight of support from similar values (0 turns similarity off).
  double similarity_weight = 0.5;
  // alpha: prior probability that two sources sharing values are dependent.
  double copy_prior = 0.2;
  // c: probability that a copier copies a given value.
  double copy_rate = 0.8;
  // Rounds in all. kAccuCopy spends at most half of them before copy
  // detection starts (see the method above).
  int max_iterations = 50;
  double tolerance = 1e-3;  // stop when no accuracy moves more than this
  // Items covered by more sources skip copy detection (cost is quadratic).
  std::uint32_t max_copy_sources = 256;
  // Items with more values skip the similarity callback (quadratic calls).
  std::uint32_t max_similarity_values = 512;
  // Source pairs reported in TruthResult::dependences: probability >= this.
  double report_dependence = 0.5;
  // Called after every round (e.g. progress on stderr). May be empty.
  std::function<void(const TruthProgress&)> progress;
};

struct ItemTruth {
  ValueId value = kNoId;  // the chosen value; kNoId when the item has no claims
  double confidence = 0;  // P(value) in [0,1]
  // Effective number of independent supporters of the chosen value: the sum
  // of weight * I over its claims (see step 2), so 3 verbatim copies of one
  // source count little more than 1.
  double independent_support = 0;
  // Distinct origins among the chosen value's supporters: supporters with the
  // same known origin, or with detected dependence >= 0.5, are one origin.
  std::uint32_t origins = 0;
  std::uint32_t supporters = 0;  // claims of the chosen value
};

struct SourceDependence {
  SourceId a = 0;  // a < b
  SourceId b = 0;
  double probability = 0;  // that one of them copies the other
  float shared_items = 0;  // items both claim (weighted)
  float same_values = 0;   // of those, with the same value (weighted)
};

struct TruthResult {
  std::vector<ItemTruth> items;               // by ItemId
  std::vector<double> value_probability;      // by ValueId: P(v) within its item
  std::vector<double> source_accuracy;        // by SourceId
  std::vector<SourceDependence> dependences;  // sparse, sorted by (a, b)
  int iterations = 0;
  bool converged = false;
  std::size_t copy_pairs = 0;  // source pairs examined by copy detection
  double seconds = 0;
};

// Runs truth discovery. Fails (InvalidArgument) on options out of range.
// An empty problem gives an empty result.
Result<TruthResult> DiscoverTruth(const TruthProblem& problem, const TruthOptions& options);

// ---------------------------------------------------------------- claims TSV
//
// The generic claims mode (`newsfacts reconcile --claims FILE`): TSV
// "source<TAB>item<TAB>value" with a header line, predictions out as
// "item<TAB>value<TAB>confidence".
//
// Values are canonicalised before they are compared (ParseClaimValue):
// whitespace trimmed and collapsed, text case-folded; with typed values on,
// a number ("46", "46.0", "1,234") is compared as a number and a value that
// holds one clock time ("7:53 PM", "2011-12-01 19:53 EST") as a time of day,
// whatever date or zone words surround it. Values listed in null_values
// ("n/a", "not available", ...: "no value", not a claim) are dropped.

enum class ClaimValueKind { kText, kNumber, kTime };

struct ClaimValue {
  ClaimValueKind kind = ClaimValueKind::kText;
  double number = 0;  // kNumber: the number; kTime: minutes after midnight
  int decimals = 0;   // kNumber: digits after the decimal point as written
  std::string key;    // canonical key: "n:46", "t:19:53", "s:<folded text>"
};

struct ClaimsTsvOptions {
  bool typed_values = true;  // numbers and clock times as above
  // Lower-case texts that mean "no value"; such claims are skipped.
  std::vector<std::string> null_values;
  // Similarity of two clock times: 1 - minutes apart / time_tolerance_min
  // when positive (default 0: off; times are equal or not).
  double time_tolerance_min = 0;
  // Similarity of two numbers a, b (default 0: off; numbers are equal or
  // not): 1 when the less precise one is the other rounded to its decimals
  // ("59.2" -> "59"); else 1 - |a-b| / (numeric_tolerance * max(|a|,|b|))
  // when positive.
  double numeric_tolerance = 0;
};

ClaimValue ParseClaimValue(std::string_view raw, bool typed_values);
// The similarity used in claims mode (see ClaimsTsvOptions), in [0,1].
double ClaimValueSimilarity(const ClaimValue& from, const ClaimValue& to,
                            const ClaimsTsvOptions& options);

struct ClaimsTable {
  TruthProblem problem;
  std::vector<ClaimValue> values;    // by ValueId
  std::vector<std::string> display;  // by ValueId: most frequent spelling
  std::size_t rows = 0;              // data rows read
  std::size_t skipped_null = 0;      // rows whose value is a null value
};

// Reads claims from `in`. `name` prefixes error messages:
// "claims.tsv:17: expected 3 tab-separated fields (source, item, value), got 2".
// The first line is skipped when it reads source/item/value. The similarity
// of ClaimValueSimilarity is added as implications between the values of
// each item (items with more than 512 values get none).
Result<ClaimsTable> ReadClaimsTsv(std::istream& in, std::string_view name,
                                  const ClaimsTsvOptions& options);
// Writes "item\tvalue\tconfidence" (header first), one line per item in
// ItemId order; an item without a value gets an empty value and 0.
Status WriteTruthTsv(std::ostream& out, const ClaimsTable& table, const TruthResult& result);

}  // namespace newsfacts

#endif  // NEWSFACTS_TRUTH_H_
