// `newsfacts article [--url URL] FILE|-` prints the page's article as one
// JSON object; `newsfacts article --batch` reads JSONL {"id","url","file"} on
// stdin and prints one JSONL object per input line, in input order.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "command.h"
#include "newsfacts/article.h"

namespace newsfacts::cli {
namespace {

using Json = nlohmann::json;

struct ArticleFlags {
  std::string file;
  std::string url;
  std::string content_type;
  bool batch = false;
  bool text = false;
  std::size_t max_bytes = ExtractOptions().max_input_bytes;
};

// Reads at most `max` bytes of `path` ("-" is stdin): a huge file is never
// read whole, the extractor only looks at that prefix anyway.
Result<std::string> ReadCapped(const std::string& path, std::size_t max) {
  std::string data;
  if (path == "-") {
    char buf[1 << 16];
    while (data.size() < max && std::cin.read(buf, sizeof buf).gcount() > 0) {
      data.append(buf, static_cast<std::size_t>(std::cin.gcount()));
    }
    if (data.size() > max) data.resize(max);
    return data;
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot open " + path);
  std::streamoff size = in.tellg();
  in.seekg(0);
  if (size >= 0 && static_cast<std::size_t>(size) < max) max = static_cast<std::size_t>(size);
  data.resize(max);
  in.read(data.data(), static_cast<std::streamsize>(max));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return Status::IoError("cannot read " + path);
  return data;
}

bool LooksLikePlainText(const std::string& path, bool force_text) {
  if (force_text) return true;
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".txt") || ends_with(".TXT");
}

Json ToJson(const Article& a) {
  return Json{{"url", a.url},           {"canonical_url", a.canonical_url},
              {"title", a.title},       {"text", a.text},
              {"lang", a.lang},         {"published", a.published},
              {"authors", a.authors},   {"site", a.site},
              {"page_type", a.page_type}, {"charset", a.charset}};
}

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

Result<Article> ExtractFile(const std::string& path, const std::string& url,
                            const ArticleFlags& flags) {
  Result<std::string> data = ReadCapped(path, flags.max_bytes);
  if (!data.ok()) return data.status();
  ExtractOptions options;
  options.url = url;
  options.content_type = flags.content_type;
  options.max_input_bytes = flags.max_bytes;
  Result<Article> a = LooksLikePlainText(path, flags.text) ? ArticleFromText(*data, options)
                                                           : ExtractArticle(*data, options);
  if (!a.ok()) return a.status().WithContext(path);
  return a;
}

int RunBatch(const ArticleFlags& flags, const GlobalOptions& global) {
  std::string line;
  int failures = 0;
  long long line_no = 0;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Json in = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    Json out;
    if (in.is_discarded() || !in.is_object()) {
      ++failures;
      out = {{"line", line_no}, {"error", "not a JSON object"}, {"text", ""}};
      std::cout << Dump(out) << '\n';
      continue;
    }
    std::string id = in.contains("id") && in["id"].is_string() ? in["id"].get<std::string>()
                     : in.contains("id") ? in["id"].dump() : std::to_string(line_no);
    std::string url = in.value("url", std::string());
    std::string file = in.value("file", std::string());
    Result<Article> a = file.empty() ? Result<Article>(Status::InvalidArgument("no \"file\""))
                                     : ExtractFile(file, url, flags);
    if (a.ok()) {
      out = ToJson(*a);
    } else {
      ++failures;
      if (!global.quiet) PrintError(a.status().ToString());
      out = {{"error", a.status().ToString()}, {"text", ""}};
    }
    out["id"] = id;
    std::cout << Dump(out) << '\n';
  }
  std::cout.flush();
  return failures ? 1 : 0;
}

int RunArticle(const ArticleFlags& flags, const GlobalOptions& global) {
  if (flags.batch) return RunBatch(flags, global);
  if (flags.file.empty()) {
    PrintError("article: need FILE (or - for stdin), or --batch");
    return 2;
  }
  Result<Article> a = ExtractFile(flags.file, flags.url, flags);
  if (!a.ok()) {
    PrintError(a.status().ToString());
    return a.status().code() == Status::Code::kInvalidArgument ? 1 : 2;
  }
  std::cout << Dump(ToJson(*a)) << '\n';
  return 0;
}

}  // namespace

Handler SetupArticleCommand(CLI::App& sub, const GlobalOptions& global) {
  auto flags = std::make_shared<ArticleFlags>();
  sub.add_option("file", flags->file, "HTML (or .txt) file; - reads stdin");
  sub.add_option("--url", flags->url, "URL the page was fetched from");
  sub.add_option("--content-type", flags->content_type,
                 "HTTP Content-Type of the page (its charset wins over <meta>)");
  sub.add_option("--max-bytes", flags->max_bytes, "read at most this many bytes per page")
      ->capture_default_str();
  sub.add_flag("--text", flags->text, "treat the input as plain text (default for .txt)");
  sub.add_flag("--batch", flags->batch,
               "read JSONL {\"id\",\"url\",\"file\"} on stdin, print JSONL per line");
  return [flags, &global] { return RunArticle(*flags, global); };
}

}  // namespace newsfacts::cli
