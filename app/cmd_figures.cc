// `newsfacts figures` — money, percentages, numbers and chip names in text.
//
//   newsfacts figures [--lang CODE] [FILE|-]
//       one JSON object per figure (JSONL)
//   newsfacts figures --batch [--lang CODE]
//       reads {"id","text","lang"?} lines on stdin, writes {"id","figures":[...]}
//       per line, in input order, streaming
//
// A figure object: kind, text, start, end (UTF-8 byte offsets, end exclusive),
// value, low/high (ranges), currency (money), qualifier (or null), unit and
// resolution when set, chip and vendor (chips).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "command.h"
#include "newsfacts/figures.h"
#include "output.h"

namespace newsfacts::cli {
namespace {

struct FiguresFlags {
  std::string lang;
  std::string file = "-";
  bool batch = false;
};

nlohmann::json FigureToJson(const Figure& f) {
  nlohmann::json j;
  j["kind"] = FigureKindName(f.kind);
  j["text"] = f.text;
  j["start"] = f.start;
  j["end"] = f.end;
  if (f.kind == FigureKind::kChip) {
    j["chip"] = f.chip;
    j["vendor"] = f.vendor;
    return j;
  }
  j["value"] = NumberJson(f.value);
  if (f.low) j["low"] = NumberJson(f.low);
  if (f.high) j["high"] = NumberJson(f.high);
  if (f.kind == FigureKind::kMoney) {
    j["currency"] = f.currency.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.currency);
  }
  std::string_view q = QualifierName(f.qualifier);
  j["qualifier"] = q.empty() ? nlohmann::json(nullptr) : nlohmann::json(q);
  if (!f.unit.empty()) j["unit"] = f.unit;
  j["resolution"] = NumberJson(f.resolution);
  return j;
}

int RunSingle(const FiguresFlags& flags) {
  std::string text;
  if (flags.file == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    text = buf.str();
  } else {
    std::ifstream in(flags.file, std::ios::binary);
    if (!in) {
      PrintError("cannot open " + flags.file);
      return 2;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
  }
  const FigureExtractor& fx = FigureExtractor::Default();
  for (const Figure& f : fx.Extract(text, flags.lang)) WriteJsonLine(std::cout, FigureToJson(f));
  return 0;
}

int RunBatch(const FiguresFlags& flags) {
  const FigureExtractor& fx = FigureExtractor::Default();
  std::string line;
  long line_no = 0;
  int exit_code = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json out;
    nlohmann::json figures = nlohmann::json::array();
    nlohmann::json in = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (in.is_discarded() || !in.is_object() || !in.contains("text") || !in["text"].is_string()) {
      PrintError("line " + std::to_string(line_no) + ": expected {\"id\", \"text\", \"lang\"?}");
      out["id"] = in.is_object() && in.contains("id") ? in["id"] : nlohmann::json(nullptr);
      out["figures"] = figures;
      out["error"] = "malformed input line";
      WriteJsonLine(std::cout, out);
      exit_code = 1;
      continue;
    }
    std::string lang = flags.lang;
    if (in.contains("lang") && in["lang"].is_string() && !in["lang"].get<std::string>().empty()) {
      lang = in["lang"].get<std::string>();
    }
    const std::string& text = in["text"].get_ref<const std::string&>();
    for (const Figure& f : fx.Extract(text, lang)) figures.push_back(FigureToJson(f));
    out["id"] = in.contains("id") ? in["id"] : nlohmann::json(nullptr);
    out["figures"] = std::move(figures);
    WriteJsonLine(std::cout, out);
  }
  std::cout.flush();
  return exit_code;
}

}  // namespace

Handler SetupFiguresCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<FiguresFlags>();
  sub.add_option("--lang", flags->lang, "ISO 639-1 language of the text (default: detected per input)");
  sub.add_flag("--batch", flags->batch, "read {\"id\",\"text\",\"lang\"?} JSON lines on stdin");
  sub.add_option("file", flags->file, "text file to read, or - for stdin")->capture_default_str();
  return [flags, &global]() {
    (void)global;
    std::ios::sync_with_stdio(false);
    return flags->batch ? RunBatch(*flags) : RunSingle(*flags);
  };
}

}  // namespace newsfacts::cli
