// One SQLite connection with its prepared-statement cache. Used by one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "frontdoor/store/sql.hpp"

namespace frontdoor::store::sqlite {

class Connection final : public SqlSession {
 public:
  // kUnavailable when the file cannot be opened.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool read_only,
                                                  bool synchronous_full);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }
  Result<std::int64_t> Exec(std::string_view sql, SqlParams params) override;
  Result<void> Query(std::string_view sql, SqlParams params, const RowCallback& on_row) override;
  Result<void> ExecScript(std::string_view sql) override;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> Prepare(std::string_view sql, SqlParams params);
  [[nodiscard]] Error LastError(std::string_view what) const;

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TransparentHash, std::equal_to<>> statements_;
};

}  // namespace frontdoor::store::sqlite
