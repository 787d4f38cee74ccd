#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "frontdoor/store/migrations.hpp"

#include "connection.hpp"

namespace frontdoor::store::sqlite {
std::span<const Migration> Migrations();  // generated from migrations/*.sql

namespace {

using WriteWork = std::function<Result<void>(WriteTx&)>;

struct WriteJob {
  const WriteWork* work;
  std::promise<Result<void>> done;
};

// A transaction statement through the connection's statement cache: ExecScript would parse
// it again each time, and a create runs six of them.
Result<void> Control(Connection& connection, std::string_view sql) {
  auto done = connection.Exec(sql, {});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<void> RunGuarded(const WriteWork& work, WriteTx& tx) {
  try {
    return work(tx);
  } catch (const std::exception& e) {
    return Error::Internal(std::string("unit of work threw: ") + e.what());
  }
}

class SqliteStore final : public Store {
 public:
  SqliteStore(SqliteOptions options, const Clock& clock, std::unique_ptr<Connection> writer)
      : options_(std::move(options)), clock_(clock), writer_(std::move(writer)) {
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteStore() override {
    {
      const std::scoped_lock lock(queue_mutex_);
      stopping_ = true;
    }
    queue_cv_.notify_all();
    writer_thread_.join();
  }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<void> Read(const std::function<Result<void>(ReadTx&)>& work) override {
    auto connection = AcquireReader();
    if (!connection) {
      return connection.error();
    }
    // One explicit transaction per unit of work: a consistent snapshot, and far fewer
    // lock syscalls than autocommit reads (STACK.md).
    Result<void> result = Control(**connection, "BEGIN");
    if (result) {
      ReadTx tx(**connection);
      try {
        result = work(tx);
      } catch (const std::exception& e) {
        result = Error::Internal(std::string("read threw: ") + e.what());
      }
      (void)Control(**connection, "COMMIT");
    }
    ReleaseReader(std::move(*connection));
    return result;
  }

  Result<void> Write(const std::function<Result<void>(WriteTx&)>& work) override {
    WriteJob job{&work, {}};
    auto future = job.done.get_future();
    {
      const std::scoped_lock lock(queue_mutex_);
      if (stopping_) {
        return Error(ErrorCode::kUnavailable, "the store is shutting down");
      }
      queue_.push_back(&job);
    }
    queue_cv_.notify_one();
    return future.get();
  }

  Result<void> Ping() override {
    return Read([](ReadTx& tx) -> Result<void> {
      return tx.session().Query("SELECT 1", {}, [](const SqlRow&) {});
    });
  }

  [[nodiscard]] bool ReadsMayBlock() const override { return false; }
  [[nodiscard]] Dialect dialect() const override { return Dialect::kSqlite; }

  [[nodiscard]] PoolStats Stats() const override {
    const std::scoped_lock lock(pool_mutex_);
    PoolStats stats;
    stats.connections_open = open_readers_ + 1;
    stats.connections_in_use = open_readers_ - static_cast<int>(idle_readers_.size());
    stats.waits = reader_waits_;
    stats.write_batches = write_batches_.load();
    stats.write_units = write_units_.load();
    return stats;
  }

  Result<int> Migrate() override {
    return WriteValue<int>(*this, [this](WriteTx& tx) {
      return ApplyMigrations(tx.session(), Migrations(), clock_.Now());
    });
  }

 private:
  Result<std::unique_ptr<Connection>> AcquireReader() {
    std::unique_lock lock(pool_mutex_);
    while (idle_readers_.empty() && open_readers_ >= options_.max_readers) {
      ++reader_waits_;
      pool_cv_.wait(lock);
    }
    if (!idle_readers_.empty()) {
      auto connection = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return connection;
    }
    ++open_readers_;
    lock.unlock();
    auto opened = Connection::Open(options_.path, true, options_.synchronous_full);
    if (!opened) {
      const std::scoped_lock relock(pool_mutex_);
      --open_readers_;
      pool_cv_.notify_one();
    }
    return opened;
  }

  void ReleaseReader(std::unique_ptr<Connection> connection) {
    {
      const std::scoped_lock lock(pool_mutex_);
      idle_readers_.push_back(std::move(connection));
    }
    pool_cv_.notify_one();
  }

  void WriterLoop() {
    std::vector<WriteJob*> batch;
    for (;;) {
      {
        std::unique_lock lock(queue_mutex_);
        queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) {
          return;  // stopping, and every queued job has been answered
        }
        const auto take = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
        batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      }
      CommitBatch(batch);
    }
  }

  // Every job runs inside its own savepoint, so one failing job rolls back only its own
  // writes; the commit then makes the rest durable together.
  void CommitBatch(const std::vector<WriteJob*>& batch) {
    std::vector<Result<void>> results(batch.size());
    Result<void> begun = Control(*writer_, "BEGIN IMMEDIATE");
    if (begun) {
      WriteTx tx(*writer_);
      for (std::size_t i = 0; i < batch.size(); ++i) {
        results[i] = Control(*writer_, "SAVEPOINT unit");
        if (results[i]) {
          results[i] = RunGuarded(*batch[i]->work, tx);
          if (!results[i]) {
            (void)Control(*writer_, "ROLLBACK TO unit");
          }
          (void)Control(*writer_, "RELEASE unit");
        }
      }
      begun = Control(*writer_, "COMMIT");
      if (!begun) {
        (void)Control(*writer_, "ROLLBACK");
      }
    }
    write_batches_.fetch_add(1);
    write_units_.fetch_add(static_cast<std::int64_t>(batch.size()));
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i]->done.set_value(begun ? std::move(results[i]) : Result<void>(begun.error()));
    }
  }

  SqliteOptions options_;
  const Clock& clock_;
  std::unique_ptr<Connection> writer_;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<WriteJob*> queue_;
  bool stopping_ = false;
  std::thread writer_thread_;
  std::atomic<std::int64_t> write_batches_{0};
  std::atomic<std::int64_t> write_units_{0};

  mutable std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
  std::int64_t reader_waits_ = 0;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options, const Clock& clock) {
  auto writer = Connection::Open(options.path, false, options.synchronous_full);
  if (!writer) {
    return writer.error();
  }
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(options, clock, std::move(*writer)));
}

}  // namespace frontdoor::store::sqlite
