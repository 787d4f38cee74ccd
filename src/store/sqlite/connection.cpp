#include "connection.hpp"

#include <string>

namespace frontdoor::store::sqlite {
namespace {

// Resets a cached statement when a call leaves, whatever path it leaves by.
class StatementGuard {
 public:
  explicit StatementGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~StatementGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  StatementGuard(const StatementGuard&) = delete;
  StatementGuard& operator=(const StatementGuard&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

class Row final : public SqlRow {
 public:
  explicit Row(sqlite3_stmt* stmt) : stmt_(stmt) {}
  [[nodiscard]] bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  [[nodiscard]] std::int64_t Int(int column) const override {
    return sqlite3_column_int64(stmt_, column);
  }
  [[nodiscard]] double Double(int column) const override {
    return sqlite3_column_double(stmt_, column);
  }
  [[nodiscard]] std::string Blob(int column) const override {
    // A zero-length blob comes back as a null pointer; the size is what counts.
    const void* bytes = sqlite3_column_blob(stmt_, column);
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
    if (bytes == nullptr || size == 0) {
      return {};
    }
    return {static_cast<const char*>(bytes), size};
  }
  [[nodiscard]] std::string_view Text(int column) const override {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) {
      return {};
    }
    return {reinterpret_cast<const char*>(text),  // NOLINT(*-reinterpret-cast): SQLite's API
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
  }

 private:
  sqlite3_stmt* stmt_;
};

ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: return ErrorCode::kConflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY: return ErrorCode::kUnavailable;
    default: return ErrorCode::kInternal;
  }
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Access access,
                                                     bool synchronous_full) {
  const bool read_only = access == Access::kRead;
  sqlite3* db = nullptr;
  const int flags =
      (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
      SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error(ErrorCode::kUnavailable, "cannot open SQLite database " + path + ": " + message);
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  // Before the busy timeout: leaving WAL mode fails at once while another process has the
  // file open, and the load then keeps the WAL rather than waiting for it.
  const bool rollback_journal =
      access == Access::kLoad &&
      connection->ExecScript("PRAGMA journal_mode = TRUNCATE").has_value();
  sqlite3_busy_timeout(db, 5000);
  std::string pragmas = "PRAGMA foreign_keys = ON;";
  if (!read_only) {
    // Savepoints (a batch run again after a unit failed) and statements that write several
    // rows keep a statement journal, which SQLite keeps in a temporary file once it passes
    // 64 KiB: every batch of creates then paid pwrite()s to /var/tmp. In memory it costs a
    // few pages per unit.
    pragmas += "PRAGMA temp_store = MEMORY;";
  }
  if (!read_only && !rollback_journal) {
    // Checkpoints every 40,000 pages (160 MB of WAL) rather than 1,000: the index pages that
    // every create touches are copied back once per checkpoint, so rarer checkpoints copy
    // them fewer times, and the commit that reaches the limit runs the checkpoint while every
    // create waits. At 10,000 pages, durable creates checkpointed four times a second for 16 ms
    // each, 7% of the commit path's time; at 40,000, about once a second for 30 ms, 3%.
    pragmas += "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 40000;";
  }
  if (access == Access::kLoad) {
    // A load rebuilds the indexes it set aside: CREATE INDEX sorts on two cores.
    pragmas += "PRAGMA threads = 2;";
  }
  // Readers do not map the file: SQLite drops a reader's whole mapping at its first read after
  // any commit, and unmapping and faulting the pages in again cost a durable create more CPU
  // (a tenth more creates per second without) than reading its few pages into the page cache.
  pragmas += synchronous_full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;";
  if (auto done = connection->ExecScript(pragmas); !done) {
    return done.error();
  }
  if (!read_only) {
    // Asked, not assumed: where the file system cannot share memory SQLite keeps its rollback
    // journal without an error, and the store must then leave the syncing to SQLite.
    auto mode = connection->JournalMode();
    if (!mode) {
      return mode.error();
    }
    connection->wal_ = *mode == "wal";
  }
  return connection;
}

Result<std::string> Connection::JournalMode() {
  std::string mode;
  auto done = Query("PRAGMA journal_mode", {}, [&](const SqlRow& row) { mode = row.String(0); });
  if (!done) {
    return done.error();
  }
  return mode;
}

Connection::~Connection() {
  for (const CachedStatement& cached : recent_) {
    sqlite3_finalize(cached.stmt);
  }
  sqlite3_close(db_);
}

void Connection::EvictStatements() {
  auto it = recent_.end();
  while (statements_.size() > kMaxCachedStatements && it != recent_.begin()) {
    --it;
    // A statement still stepping (a query run from another's row callback) stays until a
    // later prepare finds it reset.
    if (sqlite3_stmt_busy(it->stmt) != 0) {
      continue;
    }
    statements_.erase(std::string_view{it->sql});
    sqlite3_finalize(it->stmt);
    it = recent_.erase(it);
  }
}

Error Connection::LastError(std::string_view what) const {
  return {CodeFor(sqlite3_extended_errcode(db_)), std::string(what) + ": " + sqlite3_errmsg(db_)};
}

Result<sqlite3_stmt*> Connection::Prepare(std::string_view sql, SqlParams params) {
  sqlite3_stmt* stmt = nullptr;
  if (auto found = statements_.find(sql); found != statements_.end()) {
    recent_.splice(recent_.begin(), recent_, found->second);
    stmt = found->second->stmt;
  } else {
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return LastError("prepare");
    }
    recent_.push_front({std::string(sql), stmt});
    statements_.emplace(recent_.front().sql, recent_.begin());
    EvictStatements();
  }
  int index = 1;
  for (const SqlParam& param : params) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(param)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* i = std::get_if<std::int64_t>(&param)) {
      rc = sqlite3_bind_int64(stmt, index, *i);
    } else if (const auto* d = std::get_if<double>(&param)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* blob = std::get_if<SqlBlob>(&param)) {
      // A zero-length blob needs a non-null pointer, or SQLite binds NULL instead.
      static constexpr char kEmpty = 0;
      const char* data = blob->bytes.empty() ? &kEmpty : blob->bytes.data();
      rc = sqlite3_bind_blob64(stmt, index, data, blob->bytes.size(), SQLITE_STATIC);
    } else {
      const auto text = std::get<std::string_view>(param);
      rc = sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) {
      sqlite3_clear_bindings(stmt);
      return LastError("bind");
    }
    ++index;
  }
  return stmt;
}

Result<std::int64_t> Connection::Exec(std::string_view sql, SqlParams params) {
  auto stmt = Prepare(sql, params);
  if (!stmt) {
    return stmt.error();
  }
  const StatementGuard guard(*stmt);
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) {
    rc = sqlite3_step(*stmt);
  }
  if (rc != SQLITE_DONE) {
    return LastError("exec");
  }
  return sqlite3_changes64(db_);
}

// The id is the rowid: SQLite runs a RETURNING clause through a temporary table made for each
// execution, which doubled the cost of inserting a case.
Result<std::int64_t> Connection::InsertReturningId(std::string_view insert, SqlParams params) {
  auto changed = Exec(insert, params);
  if (!changed) {
    return changed.error();
  }
  if (*changed != 1) {
    return Error::Internal("an INSERT of one row added " + std::to_string(*changed));
  }
  return sqlite3_last_insert_rowid(db_);
}

Result<void> Connection::Query(std::string_view sql, SqlParams params, const RowCallback& on_row) {
  auto stmt = Prepare(sql, params);
  if (!stmt) {
    return stmt.error();
  }
  const StatementGuard guard(*stmt);
  const Row row(*stmt);
  int rc = 0;
  while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
    on_row(row);
  }
  if (rc != SQLITE_DONE) {
    return LastError("query");
  }
  return {};
}

Result<void> Connection::ExecScript(std::string_view sql) {
  const std::string script(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error error = LastError("script");
    sqlite3_free(message);
    return error;
  }
  return {};
}

}  // namespace frontdoor::store::sqlite
