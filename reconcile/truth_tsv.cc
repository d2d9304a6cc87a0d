// Claims mode I/O: source/item/value TSV in, item/value/confidence TSV out.
#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>
#include <string>
#include <unordered_set>

#include "newsfacts/truth.h"

namespace newsfacts {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// One field of an output line: no TAB or line break may leak into it.
void WriteField(std::ostream& out, std::string_view s) {
  for (char c : s) out.put(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

struct Spelling {
  std::string text;
  std::uint32_t count;
};

}  // namespace

Result<ClaimsTable> ReadClaimsTsv(std::istream& in, std::string_view name,
                                  const ClaimsTsvOptions& options) {
  ClaimsTable table;
  TruthProblem& problem = table.problem;
  std::unordered_set<std::string> nulls;
  for (const std::string& n : options.null_values) {
    nulls.insert(ParseClaimValue(n, /*typed_values=*/false).key);
  }
  std::vector<std::vector<Spelling>> spellings;
  std::string line;
  std::size_t line_no = 0;
  std::string_view fields[3];
  auto error = [&](const std::string& what) {
    return Status::InvalidArgument(std::string(name) + ":" + std::to_string(line_no) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++line_no;
    std::string_view rest(line);
    if (line_no == 1 && rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // BOM
    if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
    if (TrimAscii(rest).empty()) continue;
    std::size_t n = 0;
    while (true) {
      const std::size_t tab = rest.find('\t');
      if (n < 3) fields[n] = rest.substr(0, tab);
      ++n;
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (n != 3) {
      return error("expected 3 tab-separated fields (source, item, value), got " +
                   std::to_string(n));
    }
    if (line_no == 1 && Lower(TrimAscii(fields[0])) == "source" &&
        Lower(TrimAscii(fields[1])) == "item" && Lower(TrimAscii(fields[2])) == "value") {
      continue;
    }
    const std::string_view source = TrimAscii(fields[0]), item_name = TrimAscii(fields[1]);
    if (source.empty()) return error("empty source");
    if (item_name.empty()) return error("empty item");
    ++table.rows;
    const SourceId s = problem.InternSource(source);
    const ItemId item = problem.InternItem(item_name);
    ClaimValue value = ParseClaimValue(fields[2], options.typed_values);
    if (value.key == "s:" || (value.kind == ClaimValueKind::kText && nulls.count(value.key))) {
      ++table.skipped_null;
      continue;
    }
    const ValueId v = problem.InternValue(item, value.key);
    if (v == table.values.size()) {
      table.values.push_back(std::move(value));
      spellings.emplace_back();
    }
    // The most frequent spelling is shown: count this one.
    std::string_view spelled = fields[2];
    while (!spelled.empty() && (spelled.front() == ' ' || spelled.front() == '\t')) {
      spelled.remove_prefix(1);
    }
    while (!spelled.empty() && (spelled.back() == ' ' || spelled.back() == '\t')) {
      spelled.remove_suffix(1);
    }
    auto& list = spellings[v];
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const Spelling& sp) { return sp.text == spelled; });
    if (it == list.end()) {
      list.push_back(Spelling{std::string(spelled), 1});
    } else {
      ++it->count;
    }
    NF_RETURN_IF_ERROR(problem.AddClaim(s, v));
  }
  if (in.bad()) return Status::IoError(std::string(name) + ": read error");

  table.display.resize(spellings.size());
  for (std::size_t v = 0; v < spellings.size(); ++v) {
    const Spelling* best = nullptr;
    for (const Spelling& sp : spellings[v]) {
      if (!best || sp.count > best->count || (sp.count == best->count && sp.text < best->text)) {
        best = &sp;
      }
    }
    table.display[v] = best->text;
  }

  // Similarity between the typed values of each item, as implications.
  constexpr std::size_t kMaxValuesPerItem = 512;
  std::vector<std::vector<ValueId>> item_values(problem.item_count());
  for (ValueId v = 0; v < table.values.size(); ++v) {
    if (table.values[v].kind != ClaimValueKind::kText) item_values[problem.item_of(v)].push_back(v);
  }
  for (const auto& values : item_values) {
    if (values.size() < 2 || values.size() > kMaxValuesPerItem) continue;
    for (ValueId from : values) {
      for (ValueId to : values) {
        if (from == to) continue;
        const double sim = ClaimValueSimilarity(table.values[from], table.values[to], options);
        if (sim > 0) NF_RETURN_IF_ERROR(problem.AddImplication(from, to, sim));
      }
    }
  }
  return table;
}

Status WriteTruthTsv(std::ostream& out, const ClaimsTable& table, const TruthResult& result) {
  const TruthProblem& problem = table.problem;
  out << "item\tvalue\tconfidence\n";
  char buf[32];
  for (ItemId i = 0; i < problem.item_count(); ++i) {
    WriteField(out, problem.item_name(i));
    out << '\t';
    const ItemTruth& truth = result.items[i];
    double confidence = 0;
    if (truth.value != kNoId) {
      WriteField(out, table.display[truth.value]);
      confidence = truth.confidence;
    }
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, confidence, std::chars_format::fixed, 4);
    out << '\t' << std::string_view(buf, ec == std::errc() ? ptr - buf : 0) << '\n';
  }
  out.flush();
  if (!out) return Status::IoError("cannot write predictions");
  return Status::Ok();
}

}  // namespace newsfacts
