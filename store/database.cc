#include "database.h"

#include <mutex>
#include <utility>

namespace newsfacts::store {

namespace {

Status StatusFromCode(int rc, std::string msg) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(msg));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status::IoError(std::move(msg));
    case SQLITE_FULL:
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
      return Status::ResourceExhausted(std::move(msg));
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return Status::InvalidArgument(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

}  // namespace

Status SqliteStatus(int rc, std::string_view what, sqlite3* db) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return StatusFromCode(rc, std::move(msg));
}

// ------------------------------------------------------------------ Statement

Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::optional<double> value) {
  if (value) return Bind(index, *value);
  return BindNull(index);
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}
Statement& Statement::BindOrNull(int index, std::string_view text) {
  if (text.empty()) return BindNull(index);
  return Bind(index, text);
}

bool Statement::Step() {
  if (!status_.ok()) return false;
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    sqlite3* db = sqlite3_db_handle(stmt_.get());
    status_ = SqliteStatus(rc, "sqlite step", db);
  }
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  return status_;
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::Double(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::optional<double> Statement::OptDouble(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Double(col);
}
std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_.get(), col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col)));
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  status_ = Status::Ok();
}

// ------------------------------------------------------------------- Database

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool read_only,
                                                 int busy_timeout_ms) {
  // Before SQLite initialises: no allocation statistics. With them on (the
  // default) every sqlite3_malloc and sqlite3_free takes a global mutex, and
  // nothing here reads the statistics. Ignored (SQLITE_MISUSE) if something
  // in the process initialised SQLite first.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteStatus(rc, "cannot open database " + path, db);
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Database>(new Database(db, path));
}

Database::~Database() {
  cache_.clear();  // finalize statements before closing
  sqlite3_close(db_);
}

Status Database::Exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = "sql: ";
    msg += err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return StatusFromCode(rc, std::move(msg));
  }
  return Status::Ok();
}

Result<Statement*> Database::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return SqliteStatus(rc, "prepare", db_);
  }
  auto stmt = std::make_unique<Statement>(raw);
  Statement* out = stmt.get();
  cache_.emplace(sql, std::move(stmt));
  return out;
}

void Database::ResetStatements() {
  for (auto& [sql, stmt] : cache_) {
    if (sqlite3_stmt_busy(stmt->stmt_.get())) stmt->Reset();
  }
}

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

int Database::Changes() const { return sqlite3_changes(db_); }
std::string Database::ErrorMessage() const { return sqlite3_errmsg(db_); }

// ------------------------------------------------------------------ Savepoint

Savepoint::Savepoint(Database& db, std::string name) : db_(db), name_(std::move(name)) {
  status_ = db_.Exec("SAVEPOINT " + name_);
  open_ = status_.ok();
}

Savepoint::~Savepoint() {
  if (!open_) return;
  Status ignored = db_.Exec("ROLLBACK TO " + name_);
  ignored = db_.Exec("RELEASE " + name_);
  (void)ignored;
}

Status Savepoint::Release() {
  if (!open_) return status_.ok() ? Status::Internal("savepoint not open") : status_;
  Status s = db_.Exec("RELEASE " + name_);
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace newsfacts::store
