// newsfacts/reconcile.h — cross-check stored facts across sources.
//
//   auto stats = Reconcile(store, {});             // rebuild claims from all facts
//   auto stats = ReconcileClaims(store, touched, {});  // only what new facts touched
//   auto stats = ReconcilePending(store, {});      // every claim stored facts changed
//   auto claims = QueryClaims(store, {.entity = "Baidu"});
//   auto conflicts = QueryConflicts(store, {});
//
// A claim is everything the sources say about one (entity, metric, period)
// and one measure: "value" (an amount) or "change" (a percent change). For
// each claim the reconciler
//  - compares values in a common unit: scale and currency; other currencies
//    through the conversions the articles state ("Rmb50bn ($7bn)") or the
//    bundled monthly reference rates (reconcile/data/fx_rates.tsv); with a
//    tolerance from the stated precision ("$7bn" is 6.5-7.5bn) and qualifiers
//    ("more than $50bn" is consistent with "$50 billion");
//  - groups the articles into independent origins: articles that cite the
//    same report ("according to the Financial Times"), near-duplicate texts
//    (SimHash) and articles that share many specific figures are one origin;
//  - picks the best-supported value with truth discovery (newsfacts/truth.h,
//    AccuCopy: source accuracy and dependence), each origin counting once;
//  - sets a status: agree (one value), minor (differences explained by
//    rounding or by conversion at slightly different rates), conflict.
// Across claims it reports `period` differences (values that differ while
// the period of one side is unknown), `modality` differences (an actual
// figure against a forecast or plan, or a forecast about a period already
// past at publication) and cross-checks: a combined figure against the sum
// of its parts, a value with a change against the earlier period's value,
// and the exchange rates articles imply (`arithmetic` when one fails).
// Undated articles' periods ("in the first half") are inferred when their
// values agree with dated reports of the same entity and metric.
//
// Results live in the tables claims, claim_values, conflicts, checks,
// origins and source_trust (see the README's schema section). Each call
// reads and writes in one transaction (its own, unless the caller has one
// open) and removes the claims it recomputed from pending_claims.
//
// Thread-safety: uses the FactStore from the calling thread only.
#ifndef NEWSFACTS_RECONCILE_H_
#define NEWSFACTS_RECONCILE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/fact_store.h"
#include "newsfacts/figures.h"
#include "newsfacts/status.h"
#include "newsfacts/truth.h"

namespace newsfacts {

// One distinct value of a claim, with who reports it.
struct ReportedValue {
  double value = 0;
  std::string unit;
  Qualifier qualifier = Qualifier::kNone;
  std::optional<double> low;
  std::optional<double> high;
  std::string period;                  // the period the sources gave (for period/modality kinds)
  std::string modality = "actual";
  double probability = 0;              // from truth discovery (0 when not voted on)
  int origins = 0;                     // independent origins among the sources
  std::vector<std::string> sources;    // article URLs
  std::vector<std::string> evidence;   // their sentences (filled by the Query functions)
  std::vector<std::int64_t> facts;     // ids in the facts table
};

struct Claim {
  std::string entity;
  std::string metric;
  std::string period;                  // "" when no source gives one
  std::string measure = "value";       // "value" | "change"
  std::optional<double> value;         // the best-supported value
  std::string unit;                    // ISO currency, "%", "units" or ""
  std::string status;                  // agree | minor | conflict
  std::string modality = "actual";     // of the claim's facts: actual, or forecast/plan when only those exist
  double confidence = 0;
  int sources = 0;                     // articles
  int origins = 0;                     // independent origins
  bool period_inferred = false;        // some facts came from undated articles
  std::string explanation;             // for minor/conflict: one sentence
  std::vector<ReportedValue> values;
};

struct Conflict {
  std::string entity;
  std::string metric;
  std::string period;
  std::string kind;                    // minor | conflict | period | modality | arithmetic
  std::vector<ReportedValue> values;
  std::string explanation;
};

struct CrossCheck {
  std::string kind;                    // sum | change | fx
  std::string entity;
  std::string metric;
  std::string period;
  bool consistent = true;
  double expected = 0;                 // what the other facts imply
  double actual = 0;                   // what was reported
  std::string unit;
  std::string explanation;
};

struct ReconcileOptions {
  TruthMethod method = TruthMethod::kAccuCopy;
  // Relative tolerance added when comparing amounts converted with the
  // reference exchange-rate table (monthly averages move within a month).
  double fx_tolerance = 0.05;
  // Progress messages for long runs (stderr in the CLI); may be empty.
  std::function<void(std::string_view)> progress;
};

struct ReconcileStats {
  int facts = 0;
  int articles = 0;
  int claims = 0;
  int conflicts = 0;
  int checks = 0;
  int failed_checks = 0;
  int origins = 0;
  double seconds = 0;
};

// Rebuilds every claim, conflict, check and origin from the stored facts.
Result<ReconcileStats> Reconcile(FactStore& store, const ReconcileOptions& options);

// Recomputes only what `touched` claims affect: every claim of their
// entities (and of combined entities that include them), using the source
// accuracies of the last full run as priors. Cheap after an ingest.
Result<ReconcileStats> ReconcileClaims(FactStore& store, const std::vector<ClaimKey>& touched,
                                       const ReconcileOptions& options);

// Claims whose facts changed since they were last reconciled. FactStore::Put
// records them in the same transaction as the facts; every reconcile clears
// the ones it recomputed in the same transaction as its results. So work
// stored by a process that died before reconciling is still listed here.
Result<std::vector<ClaimKey>> PendingClaims(FactStore& store);

// ReconcileClaims over PendingClaims(): what crawl and ingest run after
// storing pages (and a crawl --watch after every commit).
Result<ReconcileStats> ReconcilePending(FactStore& store, const ReconcileOptions& options);

// Filters; empty fields match everything (same matching as FactQuery).
struct ClaimFilter {
  std::string entity;
  std::string metric;
  std::string period;
};

Result<std::vector<Claim>> QueryClaims(FactStore& store, const ClaimFilter& filter);
Result<std::vector<Conflict>> QueryConflicts(FactStore& store, const ClaimFilter& filter);
Result<std::vector<CrossCheck>> QueryChecks(FactStore& store, const ClaimFilter& filter);

}  // namespace newsfacts

#endif  // NEWSFACTS_RECONCILE_H_
