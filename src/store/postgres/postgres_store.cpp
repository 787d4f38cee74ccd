#include "frontdoor/store/postgres/postgres_store.hpp"

#include <condition_variable>
#include <exception>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "frontdoor/store/migrations.hpp"

#include "connection.hpp"

namespace frontdoor::store::postgres {
std::span<const Migration> Migrations();  // generated from migrations/*.sql

namespace {

// A lock id of our own, so that two nodes starting together never migrate at once.
constexpr std::int64_t kMigrationLock = 0x66726f6e74;

class PostgresStore final : public Store {
 public:
  PostgresStore(PostgresOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}

  Result<void> Read(const std::function<Result<void>(ReadTx&)>& work) override {
    auto connection = Acquire();
    if (!connection) {
      return connection.error();
    }
    // Autocommit: each statement sees committed data without two extra round trips.
    ReadTx tx(**connection);
    Result<void> result;
    try {
      result = work(tx);
    } catch (const std::exception& e) {
      result = Error::Internal(std::string("read threw: ") + e.what());
    }
    Release(std::move(*connection));
    return result;
  }

  Result<void> Write(const std::function<Result<void>(WriteTx&)>& work) override {
    auto connection = Acquire();
    if (!connection) {
      return connection.error();
    }
    auto result = InTransaction(**connection, work);
    Release(std::move(*connection));
    return result;
  }

  Result<void> Ping() override {
    return Read([](ReadTx& tx) -> Result<void> {
      return tx.session().Query("SELECT 1", {}, [](const SqlRow&) {});
    });
  }

  [[nodiscard]] bool ReadsMayBlock() const override { return true; }
  [[nodiscard]] Dialect dialect() const override { return Dialect::kPostgres; }

  [[nodiscard]] PoolStats Stats() const override {
    const std::scoped_lock lock(mutex_);
    PoolStats stats;
    stats.connections_open = open_;
    stats.connections_in_use = open_ - static_cast<int>(idle_.size());
    stats.waits = waits_;
    stats.write_batches = commits_;
    stats.write_units = commits_;
    return stats;
  }

  Result<int> Migrate() override {
    return WriteValue<int>(*this, [this](WriteTx& tx) -> Result<int> {
      auto locked = tx.session().Exec("SELECT pg_advisory_xact_lock(?)", {kMigrationLock});
      if (!locked) {
        return locked.error();
      }
      return ApplyMigrations(tx.session(), Migrations(), clock_.Now());
    });
  }

 private:
  // A deadlock victim (two transactions locking shared rows, such as the charter rollup's,
  // in opposite orders) or a serialisation failure is run again a few times, after a short
  // randomised pause so the two do not collide again in step. Units of work keep no effects
  // outside the transaction but their result, so running one again is safe.
  Result<void> InTransaction(Connection& connection,
                             const std::function<Result<void>(WriteTx&)>& work) {
    constexpr int kAttempts = 4;
    (void)connection.TakeLostToConcurrency();
    for (int attempt = 1;; ++attempt) {
      auto result = AttemptTransaction(connection, work);
      if (result || !connection.TakeLostToConcurrency() || attempt == kAttempts) {
        return result;
      }
      std::chrono::milliseconds pause{};
      {
        const std::scoped_lock lock(mutex_);
        pause =
            std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 10 * attempt)(random_));
      }
      std::this_thread::sleep_for(pause);
    }
  }

  Result<void> AttemptTransaction(Connection& connection,
                                  const std::function<Result<void>(WriteTx&)>& work) {
    if (auto begun = connection.ExecScript("BEGIN"); !begun) {
      return begun.error();
    }
    WriteTx tx(connection);
    Result<void> result;
    try {
      result = work(tx);
    } catch (const std::exception& e) {
      result = Error::Internal(std::string("unit of work threw: ") + e.what());
    }
    if (!result) {
      (void)connection.ExecScript("ROLLBACK");
      return result;
    }
    if (auto committed = connection.ExecScript("COMMIT"); !committed) {
      (void)connection.ExecScript("ROLLBACK");
      return committed.error();
    }
    const std::scoped_lock lock(mutex_);
    ++commits_;
    return {};
  }

  Result<std::unique_ptr<Connection>> Acquire() {
    std::unique_lock lock(mutex_);
    if (idle_.empty() && open_ >= options_.max_connections) {
      ++waits_;
      if (!cv_.wait_for(lock, options_.acquire_timeout,
                        [this] { return !idle_.empty() || open_ < options_.max_connections; })) {
        return Error(ErrorCode::kUnavailable, "no database connection free in time");
      }
    }
    while (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      if (!connection->WasClosedWhileIdle()) {
        return connection;
      }
      // The database restarted under it: a fresh connection instead of a failed request.
      --open_;
    }
    ++open_;
    lock.unlock();
    auto opened = Connection::Open(
        options_.url, {.connect_timeout_s = static_cast<int>(options_.connect_timeout.count()),
                       .statement_timeout_ms = options_.statement_timeout.count()});
    if (!opened) {
      Forget();
    }
    return opened;
  }

  void Release(std::unique_ptr<Connection> connection) {
    if (connection->IsBroken()) {
      connection.reset();  // the next Acquire opens a fresh one: recovery without a restart
      Forget();
      return;
    }
    {
      const std::scoped_lock lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    cv_.notify_one();
  }

  void Forget() {
    {
      const std::scoped_lock lock(mutex_);
      --open_;
    }
    cv_.notify_one();
  }

  PostgresOptions options_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::minstd_rand random_{std::random_device{}()};  // pauses before a retry; under mutex_
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  std::int64_t waits_ = 0;
  std::int64_t commits_ = 0;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options,
                                                 const Clock& clock) {
  auto store = std::make_unique<PostgresStore>(options, clock);
  if (auto ping = store->Ping(); !ping) {
    return ping.error();
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace frontdoor::store::postgres
