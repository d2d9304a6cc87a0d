// store/database.h — thin RAII layer over sqlite3 used by the store/ code.
//
// Internal to newsfacts_store (and code in store/ such as the crawl state):
// public headers never expose sqlite3 types. Every statement uses bound
// parameters; SQL text is never assembled from user data.
//
// Thread-safety: a Database is used by one thread at a time.
#ifndef NEWSFACTS_STORE_DATABASE_H_
#define NEWSFACTS_STORE_DATABASE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "newsfacts/status.h"

namespace newsfacts::store {

// A prepared statement. Bind with 1-based indexes, Step() until it returns
// false, read columns with 0-based indexes. Reset() happens on reuse.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::optional<double> value);
  Statement& BindNull(int index);
  // Binds NULL for an empty string.
  Statement& BindOrNull(int index, std::string_view text);

  // Advances: true when a row is available, false when done. Errors are
  // reported through status().
  bool Step();
  // Runs to completion; returns the status.
  Status Run();
  const Status& status() const { return status_; }

  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Double(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::string Text(int col) const;

  void Reset();

 private:
  friend class Database;
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  Status status_;
};

class Database {
 public:
  // Opens (creating if needed unless read_only) the file; ":memory:" works.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool read_only,
                                                int busy_timeout_ms);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements without parameters (schema, pragmas).
  Status Exec(std::string_view sql);
  // A cached prepared statement, reset and with bindings cleared. The
  // reference stays valid until the Database is destroyed.
  Result<Statement*> Prepare(const std::string& sql);

  // Resets every cached statement that was stepped but not run to its end.
  // Such a statement keeps the connection's read snapshot open, and while it
  // is open no checkpoint can copy the WAL back into the database file: the
  // WAL then grows for as long as the connection writes (391 MB over a
  // 10,000-page crawl, all copied back at close). Call before COMMIT.
  void ResetStatements();

  std::int64_t LastInsertId() const;
  int Changes() const;
  // True inside BEGIN ... COMMIT (or an outermost SAVEPOINT).
  bool InTransaction() const;
  std::string ErrorMessage() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Maps an SQLite result code to a Status ("database is locked" ->
// Unavailable, SQLITE_CORRUPT -> Corruption, ...).
Status SqliteStatus(int rc, std::string_view what, sqlite3* db);

// RAII savepoint: rolled back unless Release() succeeded. Nests.
class Savepoint {
 public:
  Savepoint(Database& db, std::string name);
  ~Savepoint();
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  const Status& status() const { return status_; }
  Status Release();

 private:
  Database& db_;
  std::string name_;
  Status status_;
  bool open_ = false;
};

}  // namespace newsfacts::store

#endif  // NEWSFACTS_STORE_DATABASE_H_
