// tests/test_util.h — small helpers shared by the tests.
#ifndef NEWSFACTS_TESTS_TEST_UTIL_H_
#define NEWSFACTS_TESTS_TEST_UTIL_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace newsfacts::testing {

// Root of the source tree (for corpus/ and test data).
inline std::filesystem::path SourceDir() { return NEWSFACTS_SOURCE_DIR; }

// The built newsfacts executable (for end-to-end tests of the CLI).
inline std::filesystem::path BinaryPath() { return NEWSFACTS_BINARY; }

// The seed articles live outside the repository (../shared/seeds). Tests that
// need them are tagged [seeds] and skip with a warning when they are absent.
// NEWSFACTS_SEEDS overrides the location.
inline std::filesystem::path SeedsDir() {
  if (const char* env = std::getenv("NEWSFACTS_SEEDS")) return env;
  return SourceDir().parent_path() / "shared" / "seeds";
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline void WriteFile(const std::filesystem::path& path, const std::string& data) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << data;
}

// A fresh directory under the system temp dir, removed when the object dies
// (even when an assertion fails).
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("newsfacts-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Result of running a shell command.
struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `command` with /bin/sh, capturing stdout and stderr (stderr through a
// temporary file). Used by the CLI end-to-end tests.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  ScopedTempDir tmp;
  const std::string err_path = (tmp.path() / "stderr").string();
  std::string full = command + " 2>'" + err_path + "'";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadFile(err_path);
  return result;
}

// "'path'" for a shell command line.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The newsfacts binary with --db set, ready for a subcommand.
inline std::string Newsfacts(const std::filesystem::path& db) {
  return ShellQuote(BinaryPath().string()) + " --db " + ShellQuote(db.string());
}

}  // namespace newsfacts::testing

#endif  // NEWSFACTS_TESTS_TEST_UTIL_H_
