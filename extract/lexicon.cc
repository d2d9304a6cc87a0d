#include "newsfacts/lexicon.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

namespace newsfacts {
namespace internal {
struct EmbeddedFileEntry {
  const char* name;
  std::string_view data;
};
extern const EmbeddedFileEntry kEmbeddedLexicons[];
extern const std::size_t kEmbeddedLexiconCount;
}  // namespace internal

namespace {

std::mutex g_dirs_mu;
std::vector<std::string>& UserDirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view EmbeddedLexicon(std::string_view name) {
  for (std::size_t i = 0; i < internal::kEmbeddedLexiconCount; ++i) {
    if (name == internal::kEmbeddedLexicons[i].name) return internal::kEmbeddedLexicons[i].data;
  }
  return {};
}

std::vector<std::string> EmbeddedLexiconNames() {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < internal::kEmbeddedLexiconCount; ++i) {
    names.emplace_back(internal::kEmbeddedLexicons[i].name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

void SetLexiconDirs(std::vector<std::string> dirs) {
  std::lock_guard<std::mutex> lock(g_dirs_mu);
  UserDirs() = std::move(dirs);
}

std::string LoadLexicon(std::string_view name) {
  std::string out(EmbeddedLexicon(name));
  std::vector<std::string> dirs;
  {
    std::lock_guard<std::mutex> lock(g_dirs_mu);
    dirs = UserDirs();
  }
  if (const char* env = std::getenv("NEWSFACTS_LEXICONS")) {
    std::string_view rest(env);
    while (!rest.empty()) {
      auto colon = rest.find(':');
      std::string_view dir = rest.substr(0, colon);
      if (!dir.empty()) dirs.emplace_back(dir);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  for (const std::string& dir : dirs) {
    std::ifstream in(dir + "/" + std::string(name), std::ios::binary);
    if (!in) continue;
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += buf.str();
  }
  return out;
}

void ForEachTsvRow(std::string_view tsv,
                   const std::function<void(const std::vector<std::string_view>&, int)>& row) {
  int line_no = 0;
  std::vector<std::string_view> cols;
  while (!tsv.empty()) {
    auto nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    cols.clear();
    std::string_view rest = line;
    while (true) {
      auto tab = rest.find('\t');
      cols.push_back(Trim(rest.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    row(cols, line_no);
  }
}

}  // namespace newsfacts
