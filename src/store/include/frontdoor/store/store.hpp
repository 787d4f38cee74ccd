// The persistence port: units of work against a database. Use cases hand a function
// to Read or Write and use the repositories of the transaction it receives; they never
// see SQL, connections or threads. Store implementations are thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/sql.hpp"

namespace frontdoor::store {

class ApiKeyRepository;
class StaffUserRepository;

// What a unit of work can read. Repositories borrow the session; none outlives the call.
class ReadTx {
 public:
  explicit ReadTx(SqlSession& session) : session_(session) {}
  [[nodiscard]] SqlSession& session() { return session_; }
  [[nodiscard]] Dialect dialect() const { return session_.dialect(); }

 private:
  SqlSession& session_;
};

// What a unit of work can write. Everything done through one WriteTx commits together
// or not at all.
class WriteTx : public ReadTx {
 public:
  using ReadTx::ReadTx;
};

struct PoolStats {
  int connections_open = 0;
  int connections_in_use = 0;
  std::int64_t waits = 0;          // acquisitions that had to wait for a connection
  std::int64_t write_batches = 0;  // commits (SQLite: one per group of writes)
  std::int64_t write_units = 0;    // units of work committed
  // SQLite: CPU time of the commit path (every queued unit's statements, then the commit),
  // which one thread runs at a time and so caps the rate of writes; 0 on PostgreSQL.
  double write_cpu_seconds = 0;
  // SQLite with synchronous FULL: fdatasync calls that made batches durable before their
  // answers (one per committed batch); 0 otherwise.
  std::int64_t write_syncs = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` on a consistent view. kUnavailable when the database is unreachable.
  virtual Result<void> Read(const std::function<Result<void>(ReadTx&)>& work) = 0;
  // Runs `work` in a transaction and returns once it is durable (or has failed and been
  // rolled back: an error from `work` undoes everything it wrote). `work` may run more than
  // once (PostgreSQL runs a deadlock victim again), so it must have no effect outside the
  // transaction but its result.
  virtual Result<void> Write(const std::function<Result<void>(WriteTx&)>& work) = 0;
  // Whether the database answers now.
  virtual Result<void> Ping() = 0;
  // Whether Read may block on the network: then callers keep it off event-loop threads.
  [[nodiscard]] virtual bool ReadsMayBlock() const = 0;
  [[nodiscard]] virtual PoolStats Stats() const = 0;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  // Applies the numbered migrations that are missing; returns the schema version.
  virtual Result<int> Migrate() = 0;
};

namespace internal {

// A unit of work that keeps the value `work` returns in `out`.
template <class T, class Tx, class F>
std::function<Result<void>(Tx&)> Keeping(std::optional<T>& out, F& work) {
  return [&out, &work](Tx& tx) -> Result<void> {
    auto result = work(tx);
    if (!result) {
      return result.error();
    }
    out.emplace(std::move(*result));
    return {};
  };
}

template <class T>
Result<T> Kept(const Result<void>& done, std::optional<T>& out) {
  if (!done) {
    return done.error();
  }
  return std::move(*out);
}

}  // namespace internal

// Read/Write that return a value: `auto n = ReadValue<int>(store, [&](ReadTx& tx) {...});`
template <class T, class F>
Result<T> ReadValue(Store& store, F&& work) {
  std::optional<T> out;
  return internal::Kept(store.Read(internal::Keeping<T, ReadTx>(out, work)), out);
}

template <class T, class F>
Result<T> WriteValue(Store& store, F&& work) {
  std::optional<T> out;
  return internal::Kept(store.Write(internal::Keeping<T, WriteTx>(out, work)), out);
}

}  // namespace frontdoor::store
