// libFuzzer entry point for fact extraction: figures, then the fact
// extractor's roles and slot filling (entities, metrics, periods, cues,
// references and discourse memory) and attributions over the same text.
//
//   CXX=clang++ cmake -S . -B build-fuzz -DNEWSFACTS_FUZZ=ON \
//       -DNEWSFACTS_BUILD_TESTS=OFF -DNEWSFACTS_BUILD_BENCH=OFF
//   cmake --build build-fuzz --target facts_fuzz
//   build-fuzz/facts_fuzz -max_len=65536 -timeout=10 -dict=fuzz/facts.dict corpus_dir/
//
// The first byte picks the language (or "" to detect it) and whether the
// article has a date; the rest, made valid UTF-8, is the article text. Every
// fact's evidence and figure must lie inside the text, in that order, with
// finite numbers; every attribution's sentence must lie inside the text.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "newsfacts/article.h"
#include "newsfacts/attribution.h"
#include "newsfacts/charset.h"
#include "newsfacts/facts.h"
#include "newsfacts/figures.h"
#include "newsfacts/text.h"

namespace {

constexpr const char* kLangs[] = {"", "en", "de", "zh", "fr", "es", "ru", "ja", "pt"};

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Finite(const std::optional<double>& v) { return !v || std::isfinite(*v); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  newsfacts::Article article;
  article.url = "https://fuzz.example/story";
  article.lang = kLangs[data[0] % (sizeof kLangs / sizeof kLangs[0])];
  if (data[0] & 0x80) article.published = "2024-08-20T08:00:00Z";
  article.text = newsfacts::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  const std::string& text = article.text;

  const std::string lang = article.lang.empty() ? "en" : article.lang;
  const newsfacts::PreparedText prepared = newsfacts::PrepareText(text, lang);
  std::vector<newsfacts::Figure> figures = newsfacts::FigureExtractor::Default().Extract(text, prepared.norm, lang);
  article.lang = lang;
  for (const newsfacts::Fact& f : newsfacts::FactExtractor::Default().Extract(article, figures, prepared)) {
    Check(f.evidence_start <= f.evidence_end && f.evidence_end <= text.size());
    Check(text.compare(f.evidence_start, f.evidence_end - f.evidence_start, f.evidence) == 0);
    Check(f.figure_start <= f.figure_end && f.figure_end <= text.size());
    Check(f.evidence_start <= f.figure_start && f.figure_end <= f.evidence_end);
    Check(Finite(f.value) && Finite(f.change_pct) && Finite(f.low) && Finite(f.high));
    Check(std::isfinite(f.resolution) && f.confidence >= 0 && f.confidence <= 1);
    Check(!f.entity.empty() && !f.metric.empty());
  }
  for (const newsfacts::Attribution& a : newsfacts::FindAttributions(text, lang, prepared)) {
    Check(a.start <= a.end && a.end <= text.size());
    Check(!a.origin.empty());
  }
  return 0;
}
