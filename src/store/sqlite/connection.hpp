// One SQLite connection with its prepared-statement cache. Used by one thread at a time.
#pragma once

#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "frontdoor/store/sql.hpp"

namespace frontdoor::store::sqlite {

// How a connection opens the file: to read, to write beside others (WAL), or to load data
// with the file to itself (a rollback journal, see SqliteOptions::exclusive_load).
enum class Access { kRead, kWrite, kLoad };

class Connection final : public SqlSession {
 public:
  // kUnavailable when the file cannot be opened.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Access access,
                                                  bool synchronous_full);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
  Result<std::int64_t> Exec(std::string_view sql, SqlParams params) override;
  Result<void> Query(std::string_view sql, SqlParams params, const RowCallback& on_row) override;
  Result<void> ExecScript(std::string_view sql) override;
  Result<std::int64_t> InsertReturningId(std::string_view insert, SqlParams params) override;

  // A writer in WAL mode: every writer but a load that has the file to itself, where the file
  // system allows it.
  [[nodiscard]] bool wal() const { return wal_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Result<std::string> JournalMode();
  Result<sqlite3_stmt*> Prepare(std::string_view sql, SqlParams params);
  [[nodiscard]] Error LastError(std::string_view what) const;

  // Finalizes the least recently used statements past kMaxCachedStatements.
  void EvictStatements();

  // Statements of varying text (IN lists of any length) would otherwise pile up for the
  // connection's whole life: a few hundred covers every fixed statement the store runs.
  static constexpr std::size_t kMaxCachedStatements = 256;
  struct CachedStatement {
    std::string sql;
    sqlite3_stmt* stmt;
  };
  sqlite3* db_;
  bool wal_ = false;
  // Most recently used first; the map's keys view the list's strings, which splicing keeps.
  std::list<CachedStatement> recent_;
  std::unordered_map<std::string_view, std::list<CachedStatement>::iterator> statements_;
};

}  // namespace frontdoor::store::sqlite
