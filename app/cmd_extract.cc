// `newsfacts extract FILE|-` — the whole extraction pipeline on one document,
// without a database: prints its facts (JSON lines) or, with --figures, its
// figures too. For trying lexicon changes and for scripts.
#include <CLI/CLI.hpp>

#include <iostream>
#include <iterator>
#include <memory>

#include "command.h"
#include "output.h"
#include "newsfacts/ingestor.h"

namespace newsfacts::cli {
namespace {

struct ExtractFlags {
  std::string input;
  std::string url;
  std::string published;
  std::string lang;
  bool text = false;
  bool all = false;
};

int RunExtract(const ExtractFlags& flags) {
  RawDocument raw;
  if (flags.input == "-") {
    raw.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    raw.url = flags.url.empty() ? "stdin:" : flags.url;
    std::string_view head(raw.bytes.data(), std::min<std::size_t>(raw.bytes.size(), 1024));
    raw.format = head.find('<') != std::string_view::npos ? RawDocument::Format::kHtml
                                                          : RawDocument::Format::kText;
  } else {
    auto read = ReadInput(flags.input, 16ull << 20);
    if (!read.ok()) {
      PrintError(read.status().message());
      return 2;
    }
    raw = std::move(*read);
    if (!flags.url.empty()) raw.url = flags.url;
  }
  if (flags.text) raw.format = RawDocument::Format::kText;
  raw.lang_hint = flags.lang;
  IngestOptions options;
  options.keep_non_articles = true;
  IngestRecord rec = ExtractRecord(raw, options);
  if (rec.status == "error") {
    PrintError(flags.input + ": " + rec.error);
    return 1;
  }
  if (!flags.published.empty() || !flags.lang.empty()) {
    // Re-run fact extraction with the overrides (publication date, language).
    Article a = *rec.article;
    if (!flags.published.empty()) a.published = flags.published;
    if (!flags.lang.empty()) a.lang = flags.lang;
    rec.facts = FactExtractor::Default().Extract(a, rec.figures);
    rec.article = std::move(a);
  }
  if (flags.all) {
    const Article& a = *rec.article;
    WriteJsonLine(std::cout, {{"article", {{"title", a.title}, {"lang", a.lang},
                                           {"published", a.published}, {"page_type", a.page_type}}}});
    for (const Figure& f : rec.figures) {
      nlohmann::json j = {{"figure", f.text}, {"kind", FigureKindName(f.kind)},
                          {"value", NumberJson(f.value)}, {"start", f.start}};
      if (!f.currency.empty()) j["currency"] = f.currency;
      WriteJsonLine(std::cout, j);
    }
  }
  for (const Fact& f : rec.facts) WriteJsonLine(std::cout, FactToJson(f));
  return 0;
}

}  // namespace

Handler SetupExtractCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<ExtractFlags>();
  sub.add_option("input", flags->input, "HTML or text file, or - for stdin")->required();
  sub.add_option("--url", flags->url, "the document's URL");
  sub.add_option("--published", flags->published, "publication date (ISO 8601) to resolve periods");
  sub.add_option("--lang", flags->lang, "language code instead of detecting it");
  sub.add_flag("--text", flags->text, "treat the input as plain text, not HTML");
  sub.add_flag("--all", flags->all, "also print the article metadata and every figure");
  return [flags] { return RunExtract(*flags); };
}

}  // namespace newsfacts::cli
