// One libpq connection with its prepared statements. Used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <libpq-fe.h>

#include "frontdoor/store/sql.hpp"

namespace frontdoor::store::postgres {

class Connection final : public SqlSession {
 public:
  struct Settings {
    int connect_timeout_s = 3;
    std::int64_t statement_timeout_ms = 0;  // 0: none
  };
  // kUnavailable when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url, const Settings& settings);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }
  Result<std::int64_t> Exec(std::string_view sql, SqlParams params) override;
  Result<void> Query(std::string_view sql, SqlParams params, const RowCallback& on_row) override;
  Result<void> ExecScript(std::string_view sql) override;

  [[nodiscard]] bool IsBroken() const;
  // Whether a statement failed since the last call because PostgreSQL chose this
  // transaction as a deadlock victim or could not serialise it (SQLSTATE 40P01, 40001):
  // the whole transaction may then succeed if run again. Clears the flag.
  [[nodiscard]] bool TakeLostToConcurrency() { return std::exchange(lost_to_concurrency_, false); }
  // Whether an idle connection has been closed by the server (a restart, an idle timeout, a
  // terminated backend), found without a round trip: a closed socket reads as ready.
  [[nodiscard]] bool WasClosedWhileIdle();

 private:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  // Runs a statement through a cached prepared statement; the caller owns the result.
  Result<PGresult*> Run(std::string_view sql, SqlParams params);
  // The error of a failed statement; notes a failure worth retrying the transaction for.
  Error Failure(const PGresult* result, std::string_view what);

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_;
  bool lost_to_concurrency_ = false;
  std::unordered_map<std::string, std::string, TransparentHash, std::equal_to<>> prepared_;
};

}  // namespace frontdoor::store::postgres
