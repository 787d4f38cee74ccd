#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <linux/futex.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontdoor/store/migrations.hpp"

#include "connection.hpp"

namespace frontdoor::store::sqlite {
std::span<const Migration> Migrations();  // generated from migrations/*.sql

namespace {

using WriteWork = std::function<Result<void>(WriteTx&)>;

// The states of a WriteJob.
constexpr std::uint32_t kWaiting = 0;
constexpr std::uint32_t kAnswered = 1;
constexpr std::uint32_t kSyncAndAnswer = 2;  // the first unit of a batch: see WriteJob::batch

// A unit of work waiting for its group commit, on the stack of the thread that waits.
struct WriteJob {
  const WriteWork* work = nullptr;
  Result<void> result;
  // kWaiting until set once: kAnswered when `result` is final, kSyncAndAnswer when this job's
  // thread is to make its batch durable and answer the rest of it. Waited on with a futex of
  // its own: a std::promise cost its fulfiller two wake-up calls (pthread_once always wakes),
  // and a condition variable on the queue's mutex would have the woken thread wait for that
  // mutex.
  std::atomic<std::uint32_t> state{kWaiting};
  // kSyncAndAnswer: the committed batch, this job first, and whether it committed.
  std::vector<WriteJob*> batch;
  bool committed = false;
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free &&
              sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));

// Sets the job's state and wakes its thread. Once the state is stored the waiter may return
// and end the job, so only the word's address is used after it: a wake that comes late
// finds nobody, or a later job at the same address, whose waiter sees its state unchanged
// and waits again.
void Settle(WriteJob* job, std::uint32_t state) {
  void* word = &job->state;
  job->state.store(state, std::memory_order_release);
  syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

std::uint32_t AwaitSettled(WriteJob& job) {
  std::uint32_t state = job.state.load(std::memory_order_acquire);
  while (state == kWaiting) {
    // Returns at once if the state is no longer kWaiting; a spurious return loops.
    syscall(SYS_futex, &job.state, FUTEX_WAIT_PRIVATE, kWaiting, nullptr, nullptr, 0);
    state = job.state.load(std::memory_order_acquire);
  }
  return state;
}

// A transaction statement through the connection's statement cache: ExecScript would parse
// it again each time, and a create runs six of them.
Result<void> Control(Connection& connection, std::string_view sql) {
  auto done = connection.Exec(sql, {});
  if (!done) {
    return done.error();
  }
  return {};
}

// CPU time of the calling thread: what the commit path costs, whatever else the machine runs.
std::int64_t ThreadCpuNanos() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return std::int64_t{now.tv_sec} * 1'000'000'000 + now.tv_nsec;
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
  // `sync_wal`: the writer commits without a sync (synchronous=NORMAL) and the store makes each
  // commit durable itself before answering it (SyncWal).
  SqliteStore(SqliteOptions options, const Clock& clock, std::unique_ptr<Connection> writer,
              bool sync_wal)
      : options_(std::move(options)),
        clock_(clock),
        writer_(std::move(writer)),
        sync_wal_(sync_wal),
        committer_([this] { RunCommitter(); }) {}

  ~SqliteStore() override {
    {
      const std::scoped_lock lock(queue_mutex_);
      stopping_ = true;
      work_cv_.notify_one();
    }
    committer_.join();
    {
      std::unique_lock lock(queue_mutex_);
      idle_cv_.wait(lock, [this] { return answering_ == 0; });
    }
    if (const int fd = wal_fd_.load(); fd >= 0) {
      close(fd);
    }
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

  // Queues the unit for the store's committing thread and waits for its answer. The first
  // unit of each batch is woken to make the batch durable and answer the others, so that the
  // committing thread goes on to the next batch at once.
  Result<void> Write(const std::function<Result<void>(WriteTx&)>& work) override {
    WriteJob job;
    job.work = &work;
    bool wake = false;
    {
      const std::scoped_lock lock(queue_mutex_);
      if (stopping_) {
        return Error(ErrorCode::kUnavailable, "the store is shutting down");
      }
      queue_.push_back(&job);
      wake = committer_idle_;
    }
    if (wake) {
      work_cv_.notify_one();
    }
    if (AwaitSettled(job) == kSyncAndAnswer) {
      Answer(job);
    }
    return std::move(job.result);
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
    stats.write_cpu_seconds = static_cast<double>(write_cpu_nanos_.load()) * 1e-9;
    stats.write_syncs = write_syncs_.load();
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
    auto opened = Connection::Open(options_.path, Access::kRead, options_.synchronous_full);
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

  // The committing thread: commits the oldest queued units (at most max_batch) in one
  // transaction, hands the batch to its first unit's thread to make it durable and answer it,
  // and goes on with the next. The commit path, which every create waits for in turn, so
  // never waits for the disk nor for a thread to wake: when the lead passed from caller to
  // caller, each batch waited a third of a millisecond for the next leader to be scheduled.
  void RunCommitter() {
    std::unique_lock lock(queue_mutex_);
    for (;;) {
      committer_idle_ = true;
      work_cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      committer_idle_ = false;
      if (queue_.empty()) {
        return;  // stopping, and every unit queued before is committed
      }
      const auto take = std::min(queue_.size(), static_cast<std::size_t>(options_.max_batch));
      std::vector<WriteJob*> batch(queue_.begin(),
                                   queue_.begin() + static_cast<std::ptrdiff_t>(take));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      ++answering_;
      lock.unlock();
      const bool committed = CommitBatch(batch);
      WriteJob* first = batch.front();
      first->committed = committed;
      first->batch = std::move(batch);
      Settle(first, kSyncAndAnswer);
      lock.lock();
    }
  }

  // On the thread of a batch's first unit: makes the batch durable, then answers the others.
  void Answer(WriteJob& first) {
    if (first.committed && sync_wal_) {
      if (auto synced = SyncWal(); !synced) {
        for (WriteJob* job : first.batch) {
          job->result = synced.error();
        }
      }
    }
    for (std::size_t i = 1; i < first.batch.size(); ++i) {
      Settle(first.batch[i], kAnswered);
    }
    const std::scoped_lock lock(queue_mutex_);
    --answering_;
    // Under the lock: the destructor may end the store right after.
    idle_cv_.notify_all();
  }

  // Makes every commit so far durable: fdatasync of the WAL, which holds them all in the order
  // they were made (a later commit's sync covers the earlier ones too). With synchronous=NORMAL
  // SQLite itself still syncs the WAL before each checkpoint and the database after it, so the
  // file stays consistent through a crash whichever sync ran last. Linux flushes a file's
  // pages whichever descriptor wrote them, so a descriptor of our own serves.
  Result<void> SyncWal() {
    int fd = wal_fd_.load(std::memory_order_acquire);
    if (fd < 0) {
      const std::scoped_lock lock(wal_fd_mutex_);
      fd = wal_fd_.load(std::memory_order_acquire);
      if (fd < 0) {
        // The WAL lives as long as a connection is open, and the writer always is.
        fd = open((options_.path + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
          return Error(ErrorCode::kUnavailable, "cannot open the WAL of " + options_.path + ": " +
                                                    std::generic_category().message(errno));
        }
        wal_fd_.store(fd, std::memory_order_release);
      }
    }
    if (fdatasync(fd) != 0) {
      return Error(ErrorCode::kUnavailable,
                   "cannot make a commit to " + options_.path +
                       " durable: " + std::generic_category().message(errno));
    }
    write_syncs_.fetch_add(1);
    return {};
  }

  // How a run of a batch ended.
  enum class BatchRun { kCommitted, kNotCommitted, kUnitFailed };

  // Sets each unit's result, the commit's error for all of them if it fails. True when the
  // batch committed (durable unless the store syncs the WAL itself).
  //
  // Units seldom fail once their input is checked, so a batch first runs without a savepoint
  // per unit: SQLite copies into a savepoint's journal every page its statements change, and
  // the units of a batch change the same pages (the ends of the indexes), each copying them
  // again. When a unit fails that way, the batch is rolled back and run again with a savepoint
  // each, so that only the failed unit's writes are undone; Store::Write allows a unit to run
  // more than once. A unit alone in its batch has nothing to keep: its failure ends the batch.
  bool CommitBatch(const std::vector<WriteJob*>& batch) {
    const std::int64_t cpu_before = ThreadCpuNanos();
    Result<void> commit;
    BatchRun run = RunBatch(batch, false, commit);
    if (run == BatchRun::kUnitFailed && batch.size() > 1) {
      run = RunBatch(batch, true, commit);
    }
    if (run == BatchRun::kCommitted) {
      write_batches_.fetch_add(1);  // commits, each synced before its answers
    }
    write_units_.fetch_add(static_cast<std::int64_t>(batch.size()));
    write_cpu_nanos_.fetch_add(ThreadCpuNanos() - cpu_before);
    if (run == BatchRun::kNotCommitted) {
      for (WriteJob* job : batch) {
        job->result = commit.error();
      }
    }
    return run == BatchRun::kCommitted;
  }

  // One transaction for the batch, each unit in a savepoint or none. kUnitFailed (without
  // savepoints only): a unit failed and the transaction was rolled back. kNotCommitted: the
  // transaction could not begin or commit, `commit` says why.
  BatchRun RunBatch(const std::vector<WriteJob*>& batch, bool savepoints, Result<void>& commit) {
    commit = Control(*writer_, "BEGIN IMMEDIATE");
    if (!commit) {
      return BatchRun::kNotCommitted;
    }
    WriteTx tx(*writer_);
    for (WriteJob* job : batch) {
      if (!savepoints) {
        job->result = RunGuarded(*job->work, tx);
        if (!job->result) {
          (void)Control(*writer_, "ROLLBACK");
          return BatchRun::kUnitFailed;
        }
        continue;
      }
      job->result = Control(*writer_, "SAVEPOINT unit");
      if (job->result) {
        job->result = RunGuarded(*job->work, tx);
        if (!job->result) {
          (void)Control(*writer_, "ROLLBACK TO unit");
        }
        (void)Control(*writer_, "RELEASE unit");
      }
    }
    commit = Control(*writer_, "COMMIT");
    if (!commit) {
      (void)Control(*writer_, "ROLLBACK");
      return BatchRun::kNotCommitted;
    }
    return BatchRun::kCommitted;
  }

  SqliteOptions options_;
  const Clock& clock_;
  std::unique_ptr<Connection> writer_;

  std::mutex queue_mutex_;
  std::condition_variable work_cv_;  // the committing thread waits on it for units
  std::condition_variable idle_cv_;  // the destructor waits on it for the last answers
  std::deque<WriteJob*> queue_;
  bool committer_idle_ = false;  // waiting on work_cv_
  int answering_ = 0;            // batches taken and not yet answered
  bool stopping_ = false;
  const bool sync_wal_;
  std::mutex wal_fd_mutex_;
  std::atomic<int> wal_fd_{-1};  // opened at the first sync
  std::atomic<std::int64_t> write_batches_{0};
  std::atomic<std::int64_t> write_units_{0};
  std::atomic<std::int64_t> write_cpu_nanos_{0};
  std::atomic<std::int64_t> write_syncs_{0};

  mutable std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int open_readers_ = 0;
  std::int64_t reader_waits_ = 0;

  // Last: it starts once every other member is ready, and the destructor joins it before they
  // go. The only thread that uses writer_.
  std::thread committer_;
};

// The heap for SQLite: malloc, with a count of the bytes held (what malloc gives, which
// malloc_usable_size tells) in one atomic, so that no allocation waits for another.
struct CountingAllocator {
  static std::atomic<std::int64_t> held;

  static std::int64_t Usable(void* block) {
    return static_cast<std::int64_t>(malloc_usable_size(block));
  }
  static void* Malloc(int bytes) {
    void* block = std::malloc(static_cast<std::size_t>(bytes));
    if (block != nullptr) {
      held.fetch_add(Usable(block), std::memory_order_relaxed);
    }
    return block;
  }
  static void Free(void* block) {
    if (block != nullptr) {
      held.fetch_sub(Usable(block), std::memory_order_relaxed);
    }
    std::free(block);
  }
  static void* Realloc(void* block, int bytes) {
    const std::int64_t before = block != nullptr ? Usable(block) : 0;
    void* moved = std::realloc(block, static_cast<std::size_t>(bytes));
    if (moved != nullptr) {
      held.fetch_add(Usable(moved) - before, std::memory_order_relaxed);
    }
    return moved;
  }
  static int Size(void* block) { return block != nullptr ? static_cast<int>(Usable(block)) : 0; }
  static int Roundup(int bytes) { return (bytes + 7) & ~7; }
  static int Init(void* /*unused*/) { return SQLITE_OK; }
  static void Shutdown(void* /*unused*/) {}
};
std::atomic<std::int64_t> CountingAllocator::held{0};

// Page slots shared by every connection of the process, in one block mapped and touched once.
// Enough for the writer's cache (500 pages) and for the pages of one read transaction per
// reader (a case read or a create's checks touch a few dozen); beyond it SQLite falls back to
// malloc.
constexpr int kPageCacheSlots = 4096;
constexpr int kPageSize = 4096;  // SQLite's default, which the migrations keep

// Serves SQLite's page caches from a fixed arena instead of malloc. Every commit empties the
// readers' caches, and every query with an IN list or subquery opens a temporary b-tree whose
// cache took 20 pages from malloc at once and gave them back when the statement ended: an
// arena's top grown and trimmed again per create, with page faults and TLB shootdowns on
// every core (about a sixth of the CPU of a durable create). With an arena SQLite makes no
// bulk allocations and pages come and go from a free list.
//
// SQLite also stops counting its memory: the count took a process-wide mutex on every
// allocation and free of every connection, and the commit path, which every create waits for
// in turn, left the CPU a quarter of the times it did to wait for that mutex while readers
// allocated. SQLite allocates through CountingAllocator instead, whose count never waits.
// Must run before SQLite initialises; if something initialised it first, SQLite keeps its
// defaults.
void ConfigureSqlite() {
  static std::once_flag once;
  std::call_once(once, [] {
    static const sqlite3_mem_methods counting{CountingAllocator::Malloc,   CountingAllocator::Free,
                                              CountingAllocator::Realloc,  CountingAllocator::Size,
                                              CountingAllocator::Roundup,  CountingAllocator::Init,
                                              CountingAllocator::Shutdown, nullptr};
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_MALLOC, &counting) != SQLITE_OK) {
      return;
    }
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) {
      return;
    }
    const std::size_t slot = (static_cast<std::size_t>(kPageSize + header) + 7) & ~std::size_t{7};
    const std::size_t bytes = slot * kPageCacheSlots;
    void* arena = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (arena == MAP_FAILED) {
      return;
    }
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, arena, static_cast<int>(slot), kPageCacheSlots) !=
        SQLITE_OK) {
      munmap(arena, bytes);
    }
    // Otherwise the arena is SQLite's until the process ends.
  });
}

}  // namespace

std::int64_t SqliteHeapBytes() {
  return CountingAllocator::held.load(std::memory_order_relaxed);
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options, const Clock& clock) {
  ConfigureSqlite();
  auto writer =
      Connection::Open(options.path, options.exclusive_load ? Access::kLoad : Access::kWrite,
                       options.synchronous_full);
  if (!writer) {
    return writer.error();
  }
  // A durable commit in WAL mode is synced by the store rather than inside SQLite's COMMIT, so
  // that the next commit can run while the disk takes the last one (SqliteStore::RunCommitter).
  const bool sync_wal = options.synchronous_full && (*writer)->wal();
  if (sync_wal) {
    if (auto normal = (*writer)->ExecScript("PRAGMA synchronous = NORMAL"); !normal) {
      return normal.error();
    }
  }
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(options, clock, std::move(*writer), sync_wal));
}

}  // namespace frontdoor::store::sqlite
