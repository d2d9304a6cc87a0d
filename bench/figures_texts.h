// bench/figures_texts.h — the texts the figure benchmarks read, once:
//   CorpusTexts()  the main text of every corpus/**/*.html page (ExtractArticle),
//                  with the page's language (detected if the page did not say)
//   SeedTexts()    the seed articles (../shared/seeds or $NEWSFACTS_SEEDS),
//                  language detected
//   DevTexts()     the "text" of every case in ../shared/eval-figures/dev/*.jsonl
//                  (or $NEWSFACTS_FIGURES_DEV), with its language
// Each is empty when its source is absent. Shared by figures_bench.cc and
// figures_rounds_bench.cc; NEWSFACTS_SOURCE_DIR comes from the build.
#ifndef NEWSFACTS_BENCH_FIGURES_TEXTS_H_
#define NEWSFACTS_BENCH_FIGURES_TEXTS_H_

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsfacts/article.h"
#include "newsfacts/langid.h"

namespace figures_bench {

namespace fs = std::filesystem;

struct Text {
  std::string text;
  std::string lang;
};

inline std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline std::vector<fs::path> FilesUnder(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> paths;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return paths;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ext) paths.push_back(it->path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

inline fs::path SharedDir() { return fs::path(NEWSFACTS_SOURCE_DIR).parent_path() / "shared"; }

inline const std::vector<Text>& CorpusTexts() {
  static const std::vector<Text> texts = [] {
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(fs::path(NEWSFACTS_SOURCE_DIR) / "corpus", ".html")) {
      auto a = newsfacts::ExtractArticle(ReadFile(p), {});
      // The pipeline knows each article's language; detect it here (before
      // timing) where the page did not say.
      if (a.ok() && !a->text.empty()) {
        out.push_back({a->text, a->lang.empty() ? newsfacts::DetectLanguage(a->text) : a->lang});
      }
    }
    return out;
  }();
  return texts;
}

inline const std::vector<Text>& SeedTexts() {
  static const std::vector<Text> texts = [] {
    const char* env = std::getenv("NEWSFACTS_SEEDS");
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(env ? fs::path(env) : SharedDir() / "seeds", ".txt")) {
      std::string t = ReadFile(p);
      out.push_back({t, newsfacts::DetectLanguage(t)});
    }
    return out;
  }();
  return texts;
}

inline const std::vector<Text>& DevTexts() {
  static const std::vector<Text> texts = [] {
    const char* env = std::getenv("NEWSFACTS_FIGURES_DEV");
    std::vector<Text> out;
    for (const fs::path& p : FilesUnder(env ? fs::path(env) : SharedDir() / "eval-figures" / "dev", ".jsonl")) {
      std::ifstream in(p);
      std::string line;
      while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object() && j.contains("text") && j["text"].is_string()) {
          out.push_back({j["text"].get<std::string>(), j.value("lang", "")});
        }
      }
    }
    return out;
  }();
  return texts;
}

}  // namespace figures_bench

#endif  // NEWSFACTS_BENCH_FIGURES_TEXTS_H_
