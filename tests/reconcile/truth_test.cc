// Tests of the truth-discovery engine (reconcile/truth_engine.cc), the
// claims-mode value parsing (reconcile/truth_values.cc) and claims TSV I/O
// (reconcile/truth_tsv.cc), on small hand-built cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/truth.h"

using namespace newsfacts;

namespace {

struct Row {
  std::string source, item, value;
};

// A problem from (source, item, value) rows, in the given order.
TruthProblem MakeProblem(const std::vector<Row>& rows) {
  TruthProblem p;
  for (const Row& r : rows) {
    const ItemId item = p.InternItem(r.item);
    REQUIRE(p.AddClaim(p.InternSource(r.source), p.InternValue(item, r.value)).ok());
  }
  return p;
}

TruthResult Run(const TruthProblem& p, TruthMethod method) {
  TruthOptions options;
  options.method = method;
  Result<TruthResult> r = DiscoverTruth(p, options);
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::string Chosen(const TruthProblem& p, const TruthResult& r, const std::string& item) {
  const ItemId i = p.FindItem(item);
  REQUIRE(i != kNoId);
  const ValueId v = r.items[i].value;
  return v == kNoId ? std::string("<none>") : p.value_key(v);
}

// "orig" and its three verbatim copiers against independent sources.
// Items 0..39: only orig, copy-1..3, good-a and good-b claim them; orig is
// wrong on every even one (a value of its own), so a vote there is 4 to 2
// for the wrong value. Items 40..79 are also claimed by ind-0..3; orig is
// wrong on 8 of them, where the six independent sources outvote the copies.
// good-a, good-b and the ind sources make a few errors of their own there.
std::vector<Row> CopierScenario() {
  std::vector<Row> rows;
  for (int i = 0; i < 80; ++i) {
    const std::string item = "item" + std::to_string(i);
    const std::string n = std::to_string(i), truth = "t" + n;
    const bool orig_wrong = i < 40 ? i % 2 == 0 : i % 5 == 1;
    const std::string orig = orig_wrong ? "w" + n : truth;
    rows.push_back({"orig", item, orig});
    for (int c = 1; c <= 3; ++c) rows.push_back({"copy-" + std::to_string(c), item, orig});
    rows.push_back({"good-a", item, i >= 40 && i % 10 == 5 ? "a" + n : truth});
    rows.push_back({"good-b", item, i >= 40 && i % 10 == 7 ? "b" + n : truth});
    if (i < 40) continue;
    for (int k = 0; k < 4; ++k) {
      const std::string ind = std::to_string(k);
      rows.push_back({"ind-" + ind, item, (i + k) % 8 == 0 ? "i" + ind + "-" + n : truth});
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("DiscoverTruth: copy detection beats three copiers of a wrong source", "[reconcile]") {
  TruthProblem p = MakeProblem(CopierScenario());
  const TruthResult vote = Run(p, TruthMethod::kVote);
  const TruthResult accu = Run(p, TruthMethod::kAccu);
  const TruthResult copy = Run(p, TruthMethod::kAccuCopy);
  auto wrong = [&](const TruthResult& r) {
    int n = 0;
    for (int i = 0; i < 80; ++i) {
      n += Chosen(p, r, "item" + std::to_string(i)) != "t" + std::to_string(i);
    }
    return n;
  };
  CHECK(wrong(vote) == 20);  // every even item of the first forty
  CHECK(wrong(accu) >= 20);  // the copies also inflate orig's accuracy
  CHECK(wrong(copy) == 0);

  const SourceId orig = p.FindSource("orig"), copy1 = p.FindSource("copy-1");
  const SourceId good_a = p.FindSource("good-a"), good_b = p.FindSource("good-b");
  CHECK(accu.source_accuracy[orig] > accu.source_accuracy[good_a]);
  CHECK(copy.source_accuracy[good_a] > copy.source_accuracy[orig] + 0.2);
  auto dependence = [&](SourceId x, SourceId y) {
    for (const SourceDependence& d : copy.dependences) {
      if (d.a == std::min(x, y) && d.b == std::max(x, y)) return d.probability;
    }
    return 0.0;  // not reported: below report_dependence
  };
  CHECK(dependence(orig, copy1) > 0.9);
  CHECK(dependence(good_a, good_b) < 0.5);
  CHECK(dependence(good_a, p.FindSource("ind-0")) < 0.5);
  for (const SourceDependence& d : copy.dependences) CHECK(d.a < d.b);
  // item1: all six agree, but orig and its copies are one origin.
  const ItemTruth& item1 = copy.items[p.FindItem("item1")];
  CHECK(item1.supporters == 6);
  CHECK(item1.origins == 3);
  CHECK(item1.independent_support < 3.5);
  CHECK(item1.confidence > 0.9);
  CHECK(copy.items[p.FindItem("item0")].origins == 2);  // good-a and good-b
}

TEST_CASE("DiscoverTruth: known dependence groups count once", "[reconcile]") {
  // Three articles citing one report against two independent ones, on one
  // item: without the group the three win.
  std::vector<Row> rows = {{"wire-1", "capex", "50"},
                           {"wire-2", "capex", "50"},
                           {"wire-3", "capex", "50"},
                           {"paper-a", "capex", "52"},
                           {"paper-b", "capex", "52"}};
  TruthProblem plain = MakeProblem(rows);
  CHECK(Chosen(plain, Run(plain, TruthMethod::kAccu), "capex") == "50");

  TruthProblem grouped = MakeProblem(rows);
  const std::vector<SourceId> wires = {grouped.InternSource("wire-1"),
                                       grouped.InternSource("wire-2"),
                                       grouped.InternSource("wire-3")};
  REQUIRE(grouped.AddDependenceGroup(wires).ok());
  const TruthResult r = Run(grouped, TruthMethod::kAccu);
  CHECK(Chosen(grouped, r, "capex") == "52");
  // The losing value's three claims are one origin, the winner's two are two.
  CHECK(r.items[grouped.FindItem("capex")].origins == 2);
  CHECK(r.items[grouped.FindItem("capex")].independent_support == Approx(2.0));

  // Per-claim origins do the same as a group.
  TruthProblem tagged;
  const ItemId item = tagged.InternItem("capex");
  const OriginId report = tagged.AddOrigin();
  for (const Row& row : rows) {
    const bool wire = row.source.rfind("wire", 0) == 0;
    REQUIRE(tagged
                .AddClaim(tagged.InternSource(row.source), tagged.InternValue(item, row.value), 1.0,
                          wire ? report : kNoId)
                .ok());
  }
  CHECK(Chosen(tagged, Run(tagged, TruthMethod::kAccu), "capex") == "52");
}

TEST_CASE("DiscoverTruth: similar values support each other", "[reconcile]") {
  // "a" has two supporters; b1, b2, b3 one each but they nearly agree.
  std::vector<Row> rows = {
      {"s1", "x", "a"}, {"s2", "x", "a"}, {"s3", "x", "b1"}, {"s4", "x", "b2"}, {"s5", "x", "b3"}};
  TruthProblem p = MakeProblem(rows);
  CHECK(Chosen(p, Run(p, TruthMethod::kAccu), "x") == "a");

  TruthProblem sim = MakeProblem(rows);
  // b2 lies between b1 and b3 (like 101 between 100 and 102).
  sim.SetSimilarity([&sim](ItemId, ValueId from, ValueId to) {
    const std::string& f = sim.value_key(from);
    const std::string& t = sim.value_key(to);
    if (f[0] != 'b' || t[0] != 'b') return 0.0;
    return std::abs(f[1] - t[1]) == 1 ? 0.9 : 0.3;
  });
  const TruthResult r = Run(sim, TruthMethod::kAccu);
  CHECK(Chosen(sim, r, "x") == "b2");
  // Explicit implications do the same.
  TruthProblem imp = MakeProblem(rows);
  const ItemId x = imp.FindItem("x");
  for (const std::string f : {"b1", "b2", "b3"}) {
    for (const std::string t : {"b1", "b2", "b3"}) {
      const double strength = std::abs(f[1] - t[1]) == 1 ? 0.9 : 0.3;
      REQUIRE(imp.AddImplication(imp.InternValue(x, f), imp.InternValue(x, t), strength).ok());
    }
  }
  CHECK(Chosen(imp, Run(imp, TruthMethod::kAccu), "x") == "b2");
  // No similarity when its weight is 0.
  TruthOptions off;
  off.method = TruthMethod::kAccu;
  off.similarity_weight = 0;
  Result<TruthResult> plain = DiscoverTruth(sim, off);
  REQUIRE(plain.ok());
  CHECK(Chosen(sim, *plain, "x") == "a");
}

TEST_CASE("DiscoverTruth is deterministic and independent of input order", "[reconcile]") {
  std::vector<Row> rows = CopierScenario();
  rows.push_back({"good-a", "extra", "1"});
  rows.push_back({"orig", "extra", "2"});  // a tie, broken by a hash of the key
  TruthProblem p = MakeProblem(rows);
  const TruthResult first = Run(p, TruthMethod::kAccuCopy);
  const TruthResult again = Run(p, TruthMethod::kAccuCopy);
  CHECK(first.value_probability == again.value_probability);
  CHECK(first.source_accuracy == again.source_accuracy);

  std::vector<Row> reversed(rows.rbegin(), rows.rend());
  TruthProblem q = MakeProblem(reversed);
  const TruthResult other = Run(q, TruthMethod::kAccuCopy);
  for (ItemId i = 0; i < p.item_count(); ++i) {
    const std::string& name = p.item_name(i);
    INFO(name);
    CHECK(Chosen(p, first, name) == Chosen(q, other, name));
    CHECK(first.items[i].confidence == other.items[q.FindItem(name)].confidence);
  }
  for (SourceId s = 0; s < p.source_count(); ++s) {
    CHECK(first.source_accuracy[s] == other.source_accuracy[q.FindSource(p.source_name(s))]);
  }
}

TEST_CASE("DiscoverTruth on empty input and items without claims", "[reconcile]") {
  TruthProblem empty;
  for (TruthMethod m : {TruthMethod::kVote, TruthMethod::kAccu, TruthMethod::kAccuCopy}) {
    const TruthResult r = Run(empty, m);
    CHECK(r.items.empty());
    CHECK(r.source_accuracy.empty());
    CHECK(r.dependences.empty());
  }
  TruthProblem p;
  const ItemId lonely = p.InternItem("no claims");
  (void)p.InternValue(lonely, "unclaimed");
  const ItemId single = p.InternItem("one claim");
  REQUIRE(p.AddClaim(p.InternSource("s"), p.InternValue(single, "v")).ok());
  const TruthResult r = Run(p, TruthMethod::kAccuCopy);
  CHECK(r.items[lonely].value == kNoId);
  CHECK(r.items[lonely].confidence == 0);
  CHECK(r.items[single].value == p.FindValue(single, "v"));
  // One source, nothing to compare with: P(v) is about its (prior) accuracy.
  CHECK(r.items[single].confidence > 0.5);
  CHECK(r.items[single].confidence < 0.95);
}

TEST_CASE("DiscoverTruth: a source claiming many values of one item", "[reconcile]") {
  // "scatter" claims five values of x; two sources agree on "c". Split over
  // five values, scatter's weight on each is 1/5 and "c" wins even though
  // scatter also claims it.
  std::vector<Row> rows = {{"scatter", "x", "a"}, {"scatter", "x", "b"}, {"scatter", "x", "c"},
                           {"scatter", "x", "d"}, {"scatter", "x", "e"}, {"s1", "x", "c"},
                           {"s2", "x", "c"},      {"s1", "y", "p"},      {"s2", "y", "p"},
                           {"scatter", "y", "q"}};
  for (TruthMethod m : {TruthMethod::kVote, TruthMethod::kAccu, TruthMethod::kAccuCopy}) {
    TruthProblem p = MakeProblem(rows);
    const TruthResult r = Run(p, m);
    INFO(TruthMethodName(m));
    CHECK(Chosen(p, r, "x") == "c");
    CHECK(Chosen(p, r, "y") == "p");
    double total = 0;
    for (ValueId v = 0; v < p.value_count(); ++v) {
      if (p.item_of(v) == p.FindItem("x")) total += r.value_probability[v];
    }
    CHECK(total <= 1.0 + 1e-9);
  }
  // Repeating a claim changes nothing.
  std::vector<Row> twice = rows;
  twice.push_back({"s1", "y", "p"});
  TruthProblem a = MakeProblem(rows), b = MakeProblem(twice);
  CHECK(Run(a, TruthMethod::kAccu).value_probability ==
        Run(b, TruthMethod::kAccu).value_probability);
}

TEST_CASE("DiscoverTruth: reliability outweighs a plain majority", "[reconcile]") {
  // "expert" and "other" are right on all 30 items. noisy-1..3 are each
  // wrong on a third of them with values of their own, and on items 0..2 all
  // three say "w".
  std::vector<Row> rows;
  for (int i = 0; i < 30; ++i) {
    const std::string item = "i" + std::to_string(i), truth = "t" + std::to_string(i);
    rows.push_back({"expert", item, truth});
    rows.push_back({"other", item, truth});
    for (int k = 0; k < 3; ++k) {
      const std::string own_error = "n" + std::to_string(k) + "-" + std::to_string(i);
      rows.push_back(
          {"noisy-" + std::to_string(k), item, i < 3 ? "w" : (i % 3 == k ? own_error : truth)});
    }
  }
  TruthProblem p = MakeProblem(rows);
  const TruthResult vote = Run(p, TruthMethod::kVote);
  const TruthResult accu = Run(p, TruthMethod::kAccu);
  for (const char* item : {"i0", "i1", "i2"}) {
    CHECK(Chosen(p, vote, item) == "w");  // 3 against 2
    CHECK(Chosen(p, accu, item) != "w");
  }
  CHECK(accu.source_accuracy[p.FindSource("expert")] >
        accu.source_accuracy[p.FindSource("noisy-1")] + 0.2);
}

TEST_CASE("DiscoverTruth rejects bad options and claims", "[reconcile]") {
  TruthProblem p;
  const SourceId s = p.InternSource("s");
  const ValueId v = p.InternValue(p.InternItem("x"), "1");
  CHECK_FALSE(p.AddClaim(s, v, 0.0).ok());
  CHECK_FALSE(p.AddClaim(s, v, 1.5).ok());
  CHECK_FALSE(p.AddClaim(s + 1, v).ok());
  CHECK_FALSE(p.AddClaim(s, v + 1).ok());
  CHECK_FALSE(p.AddClaim(s, v, 1.0, /*origin=*/0).ok());  // no origins yet
  CHECK_FALSE(p.SetSourcePrior(s, 1.0).ok());
  CHECK(p.SetSourcePrior(s, 0.9).ok());
  const ValueId other_item = p.InternValue(p.InternItem("y"), "1");
  CHECK_FALSE(p.AddImplication(v, other_item, 0.5).ok());
  TruthOptions bad;
  bad.copy_rate = 1.0;
  CHECK(DiscoverTruth(p, bad).status().code() == Status::Code::kInvalidArgument);
  bad = TruthOptions{};
  bad.max_iterations = 0;
  CHECK_FALSE(DiscoverTruth(p, bad).ok());
  CHECK(TruthMethodFromName("accucopy").ok());
  CHECK_FALSE(TruthMethodFromName("majority").ok());
}

// ------------------------------------------------------------ claims mode

TEST_CASE("ParseClaimValue canonicalises numbers, clock times and text", "[reconcile]") {
  struct Case {
    const char* raw;
    ClaimValueKind kind;
    const char* key;
  };
  const Case cases[] = {
      {"46", ClaimValueKind::kNumber, "n:46"},
      {" 46.0 ", ClaimValueKind::kNumber, "n:46"},
      {"1,234", ClaimValueKind::kNumber, "n:1234"},
      {"1,234,567.50", ClaimValueKind::kNumber, "n:1234567.5"},
      {"-0.5", ClaimValueKind::kNumber, "n:-0.5"},
      {".5", ClaimValueKind::kNumber, "n:0.5"},
      {"-0", ClaimValueKind::kNumber, "n:0"},
      {"12,34", ClaimValueKind::kText, "s:12,34"},  // not a thousands group
      {"5.", ClaimValueKind::kText, "s:5."},
      {"7:53 PMDec 01", ClaimValueKind::kTime, "t:19:53"},
      {"2011-12-01 06:31AM EST", ClaimValueKind::kTime, "t:06:31"},
      {"12/2/11 5:15 AM (-05:00)", ClaimValueKind::kTime, "t:05:15"},  // zone offset ignored
      {"Thu., Dec.01, 2011 9:45 a.m.", ClaimValueKind::kTime, "t:09:45"},
      {"2011-12-01  2:57P", ClaimValueKind::kTime, "t:14:57"},
      {"12:05 am", ClaimValueKind::kTime, "t:00:05"},
      {"12:00 noon", ClaimValueKind::kTime, "t:12:00"},
      {"22:53:10", ClaimValueKind::kTime, "t:22:53"},
      {"10:30 at the gate", ClaimValueKind::kTime, "t:10:30"},  // "at" is not a marker
      {"from 9:00 to 17:00", ClaimValueKind::kText, "s:from 9:00 to 17:00"},  // two clocks
      {"25:10", ClaimValueKind::kText, "s:25:10"},
      {"  Terminal   C\xC2\xA0- C35 ", ClaimValueKind::kText, "s:terminal c - c35"},
      {"ÉCOLE", ClaimValueKind::kText,
       "s:\xC3\xA9"
       "cole"},
  };
  for (const Case& c : cases) {
    INFO(c.raw);
    const ClaimValue v = ParseClaimValue(c.raw, /*typed_values=*/true);
    CHECK(v.kind == c.kind);
    CHECK(v.key == c.key);
  }
  CHECK(ParseClaimValue("46.0", /*typed_values=*/false).key == "s:46.0");
  CHECK(ParseClaimValue("1,234.50", true).decimals == 2);
}

TEST_CASE("ClaimValueSimilarity is off by default and tolerance-based when on", "[reconcile]") {
  ClaimsTsvOptions options;
  const ClaimValue a = ParseClaimValue("59.2", true), b = ParseClaimValue("59", true);
  const ClaimValue t1 = ParseClaimValue("7:53 PM", true), t2 = ParseClaimValue("19:55", true);
  CHECK(ClaimValueSimilarity(a, b, options) == 0);
  CHECK(ClaimValueSimilarity(t1, t2, options) == 0);
  options.numeric_tolerance = 0.01;
  options.time_tolerance_min = 10;
  CHECK(ClaimValueSimilarity(a, b, options) == 1);  // 59.2 rounds to 59
  CHECK(ClaimValueSimilarity(ParseClaimValue("100", true), ParseClaimValue("100.5", true),
                             options) == Approx(0.5).epsilon(0.01));
  CHECK(ClaimValueSimilarity(ParseClaimValue("100", true), ParseClaimValue("103", true), options) ==
        0);
  CHECK(ClaimValueSimilarity(t1, t2, options) == Approx(0.8));
  CHECK(ClaimValueSimilarity(ParseClaimValue("23:58", true), ParseClaimValue("00:02", true),
                             options) == Approx(0.6));  // across midnight
  CHECK(ClaimValueSimilarity(a, t1, options) == 0);
  CHECK(ClaimValueSimilarity(ParseClaimValue("x", true), ParseClaimValue("x", true), options) ==
        0);  // text: equal or not, never "similar"
}

TEST_CASE("ReadClaimsTsv reads claims, skips nulls and merges equal numbers", "[reconcile]") {
  std::istringstream in(
      "source\titem\tvalue\n"
      "s1\tpop|2000\t1,234\n"
      "s2\tpop|2000\t1234.0\n"
      "s3\tpop|2000\t1200\n"
      "s1\tarrival\t7:53 PM\n"
      "s2\tarrival\tNot Available\n"
      "s3\tarrival\t\n"
      "\n"
      "s3\tgate\t C37 \r\n");
  ClaimsTsvOptions options;
  options.null_values = {"not available", "n/a"};
  Result<ClaimsTable> table = ReadClaimsTsv(in, "claims.tsv", options);
  REQUIRE(table.ok());
  const TruthProblem& p = table->problem;
  CHECK(table->rows == 7);
  CHECK(table->skipped_null == 2);
  CHECK(p.item_count() == 3);
  CHECK(p.source_count() == 3);
  CHECK(p.claim_count() == 5);
  const ValueId pop = p.claims()[0].value;
  CHECK(p.claims()[1].value == pop);      // 1,234 == 1234.0
  CHECK(table->display[pop] == "1,234");  // tie between spellings: the smaller
  CHECK(table->display[p.claims()[4].value] == "C37");

  Result<TruthResult> r = DiscoverTruth(p, TruthOptions{});
  REQUIRE(r.ok());
  std::ostringstream out;
  REQUIRE(WriteTruthTsv(out, *table, *r).ok());
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == "item\tvalue\tconfidence");
  CHECK(rows[1].rfind("pop|2000\t1,234\t0.", 0) == 0);
  CHECK(rows[2].rfind("arrival\t7:53 PM\t0.", 0) == 0);
  CHECK(rows[3].rfind("gate\tC37\t0.", 0) == 0);
}

TEST_CASE("ReadClaimsTsv reports malformed lines with their number", "[reconcile]") {
  struct Case {
    const char* tsv;
    const char* message;
  };
  const Case cases[] = {
      {"source\titem\tvalue\ns1\tx\t1\ns2\tx\n",
       "claims.tsv:3: expected 3 tab-separated fields (source, item, value), got 2"},
      {"s1\tx\t1\ts2\n",
       "claims.tsv:1: expected 3 tab-separated fields (source, item, value), got 4"},
      {"source\titem\tvalue\n\ty\t1\n", "claims.tsv:2: empty source"},
      {"source\titem\tvalue\ns\t \t1\n", "claims.tsv:2: empty item"},
  };
  for (const Case& c : cases) {
    std::istringstream in(c.tsv);
    Result<ClaimsTable> t = ReadClaimsTsv(in, "claims.tsv", ClaimsTsvOptions{});
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == Status::Code::kInvalidArgument);
    CHECK(t.status().message() == c.message);
  }
  // A UTF-8 byte order mark before the header is skipped.
  std::istringstream bom("\xEF\xBB\xBFsource\titem\tvalue\ns1\tx\t1\n");
  Result<ClaimsTable> with_bom = ReadClaimsTsv(bom, "claims.tsv", ClaimsTsvOptions{});
  REQUIRE(with_bom.ok());
  CHECK(with_bom->rows == 1);
  // No header: the first line is data.
  std::istringstream in("s1\tx\t1\n");
  Result<ClaimsTable> t = ReadClaimsTsv(in, "claims.tsv", ClaimsTsvOptions{});
  REQUIRE(t.ok());
  CHECK(t->rows == 1);
}

TEST_CASE("ReadClaimsTsv adds tolerance similarities as implications", "[reconcile]") {
  const std::string tsv =
      "source\titem\tvalue\n"
      "a\tarr\t10:00\nb\tarr\t10:00\n"
      "c\tarr\t11:02\nd\tarr\t11:03\ne\tarr\t11:04\n";
  {
    std::istringstream in(tsv);
    Result<ClaimsTable> t = ReadClaimsTsv(in, "t", ClaimsTsvOptions{});
    REQUIRE(t.ok());
    CHECK(t->problem.implications().empty());
    Result<TruthResult> r = DiscoverTruth(t->problem, TruthOptions{});
    REQUIRE(r.ok());
    CHECK(t->display[r->items[0].value] == "10:00");
  }
  ClaimsTsvOptions options;
  options.time_tolerance_min = 10;
  std::istringstream in(tsv);
  Result<ClaimsTable> t = ReadClaimsTsv(in, "t", options);
  REQUIRE(t.ok());
  CHECK(t->problem.implications().size() == 6);  // among the three 11:0x
  Result<TruthResult> r = DiscoverTruth(t->problem, TruthOptions{});
  REQUIRE(r.ok());
  CHECK(t->display[r->items[0].value] == "11:03");
}
