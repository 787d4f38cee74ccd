// The store contract: every backend behaves the same for everything the use cases rely
// on. Runs against SQLite and a real PostgreSQL server.
#include <atomic>
#include <filesystem>
#include <latch>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/postgres/postgres_store.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

// A migrated SQLite store of its own, outside the contract's fixture.
Result<std::unique_ptr<store::Store>> OpenSqlite(const store::sqlite::SqliteOptions& options,
                                                 const Clock& clock) {
  auto opened = store::sqlite::OpenSqliteStore(options, clock);
  if (opened) {
    if (auto migrated = (*opened)->Migrate(); !migrated) {
      return migrated.error();
    }
  }
  return opened;
}

Result<store::ApiKeyRecord> AddKeyTo(store::Store& store, const std::string& name,
                                     const Clock& clock) {
  return store::WriteValue<store::ApiKeyRecord>(store, [&](store::WriteTx& tx) {
    return store::ApiKeys(tx).Insert(name, "digest-" + name, "open311", clock.Now());
  });
}

Result<std::size_t> KeyCount(store::Store& sqlite) {
  return store::ReadValue<std::size_t>(sqlite, [](store::ReadTx& tx) -> Result<std::size_t> {
    auto keys = store::ApiKeys(tx).List();
    if (!keys) {
      return keys.error();
    }
    return keys->size();
  });
}

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
    ASSERT_GE(*version, 1);
  }

  Result<store::ApiKeyRecord> AddKey(const std::string& name) {
    return AddKeyTo(*store_, name, clock_);
  }

  Result<std::size_t> CountKeys() { return KeyCount(*store_); }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(StoreContractTest, MigratingTwiceChangesNothing) {
  auto again = store_->Migrate();
  ASSERT_TRUE(again);
  auto reopened = OpenTestStore(*database_, clock_);
  auto third = reopened->Migrate();
  ASSERT_TRUE(third);
  EXPECT_EQ(*again, *third);
}

TEST_P(StoreContractTest, PingAnswersWhenTheDatabaseIsUp) {
  EXPECT_TRUE(store_->Ping());
}

TEST_P(StoreContractTest, WrittenRowsAreReadBackWithEveryField) {
  auto added = AddKey("fixmystreet");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_GT(added->id, 0);
  auto found = store::ReadValue<store::ApiKeyRecord>(*store_, [](store::ReadTx& tx) {
    return store::ApiKeys(tx).FindByDigest("digest-fixmystreet");
  });
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->name, "fixmystreet");
  EXPECT_EQ(found->created_at, clock_.Now());
  EXPECT_FALSE(found->revoked_at.has_value());
}

TEST_P(StoreContractTest, MissingRowIsNotFound) {
  auto found = store::ReadValue<store::ApiKeyRecord>(
      *store_, [](store::ReadTx& tx) { return store::ApiKeys(tx).FindByDigest("nope"); });
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, UniqueViolationIsAConflict) {
  ASSERT_TRUE(AddKey("portal"));
  auto again = AddKey("portal");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
}

TEST_P(StoreContractTest, FailedUnitOfWorkLeavesNothingBehind) {
  auto result = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto first = store::ApiKeys(tx).Insert("half", "digest-half", "staff", clock_.Now());
    if (!first) {
      return first.error();
    }
    return Error(ErrorCode::kConflict, "changed my mind");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message(), "changed my mind");
  auto count = CountKeys();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0U);
}

TEST_P(StoreContractTest, ConcurrentWritersAllCommitAndFailuresStayIsolated) {
  constexpr int kWriters = 64;
  constexpr int kEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "k" + std::to_string(w) + "-" + std::to_string(i);
        if (!AddKey(name)) {
          failures.fetch_add(1);
        }
        // Every writer also sends one unit that fails; it must not take others down.
        if (i == 0 && AddKey(name)) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  auto count = CountKeys();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, static_cast<std::size_t>(kWriters * kEach));
  const auto stats = store_->Stats();
  EXPECT_GE(stats.write_units, kWriters * kEach);
}

TEST_P(StoreContractTest, StaffUsersAreFoundByEmail) {
  store::StaffUserRecord user;
  user.email = "agent@belfastcity.example";
  user.name = "Aoife Agent";
  user.role = "agent";
  user.password_hash = "$argon2id$placeholder";
  user.created_at = clock_.Now();
  auto added = store::WriteValue<store::StaffUserRecord>(
      *store_, [&](store::WriteTx& tx) { return store::StaffUsers(tx).Insert(user); });
  ASSERT_TRUE(added) << added.error().message();
  auto found = store::ReadValue<store::StaffUserRecord>(*store_, [](store::ReadTx& tx) {
    return store::StaffUsers(tx).FindByEmail("agent@belfastcity.example");
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Aoife Agent");
  EXPECT_FALSE(found->department.has_value());
}

TEST_P(StoreContractTest, InvalidRoleIsRefusedByTheSchema) {
  store::StaffUserRecord user;
  user.email = "x@example.org";
  user.name = "X";
  user.role = "overlord";
  user.password_hash = "h";
  auto added = store::WriteValue<store::StaffUserRecord>(
      *store_, [&](store::WriteTx& tx) { return store::StaffUsers(tx).Insert(user); });
  EXPECT_FALSE(added);
}

// A stuck statement must free its connection and tell the caller to retry, not fail as a
// bug: statement_timeout cancels it (SQLSTATE 57014) and that reads as kUnavailable.
TEST(PostgresStoreTest, StatementTimeoutCancelsALongStatementAsUnavailable) {
  const auto database = NewTestDatabase(Backend::kPostgres);
  const ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  auto store = store::postgres::OpenPostgresStore(
      {.url = database->url, .statement_timeout = std::chrono::milliseconds(100)}, clock);
  ASSERT_TRUE(store) << store.error().message();
  const auto slept = (*store)->Read([](store::ReadTx& tx) -> Result<void> {
    return tx.session().Query("SELECT pg_sleep(5)", {}, [](const store::SqlRow&) {});
  });
  ASSERT_FALSE(slept);
  EXPECT_EQ(slept.error().code(), ErrorCode::kUnavailable) << slept.error().message();
  // The connection is still good for the next unit of work.
  EXPECT_TRUE((*store)->Ping());
}

// Two units of work that lock the same two rows in opposite orders deadlock; PostgreSQL
// aborts one of them. The victim is run again, so both callers see success, and every
// change lands exactly once. The victim's second run may deadlock again: an UPDATE of a
// row whose last writer aborted does not queue behind the survivor already waiting for
// it, so a busy machine can let the victim's retry take its first row back before the
// survivor wakes. Hence at least one extra run, not exactly one.
TEST(PostgresStoreTest, ADeadlockVictimIsRunAgainAndBothWritesLandOnce) {
  const auto database = NewTestDatabase(Backend::kPostgres);
  const ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  auto store = store::postgres::OpenPostgresStore({.url = database->url}, clock);
  ASSERT_TRUE(store) << store.error().message();
  ASSERT_TRUE((*store)->Write([](store::WriteTx& tx) {
    return tx.session().ExecScript(
        "CREATE TABLE probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);"
        "INSERT INTO probe VALUES (1, 0), (2, 0);");
  }));
  std::latch both_hold_their_first_row(2);
  std::atomic<int> runs{0};
  const auto cross = [&](int first, int second) {
    bool waited = false;
    return (*store)->Write([&, first, second](store::WriteTx& tx) -> Result<void> {
      runs.fetch_add(1);
      const auto bump = [&](int id) {
        return tx.session().Exec("UPDATE probe SET n = n + 1 WHERE id = ?", {std::int64_t{id}});
      };
      if (auto done = bump(first); !done) {
        return done.error();
      }
      if (!std::exchange(waited, true)) {  // only the first run waits for the other
        both_hold_their_first_row.arrive_and_wait();
      }
      if (auto done = bump(second); !done) {
        return done.error();
      }
      return {};
    });
  };
  Result<void> one;
  Result<void> two;
  std::thread a([&] { one = cross(1, 2); });
  std::thread b([&] { two = cross(2, 1); });
  a.join();
  b.join();
  EXPECT_TRUE(one) << one.error().message();
  EXPECT_TRUE(two) << two.error().message();
  EXPECT_GE(runs.load(), 3);  // the deadlock happened, and a victim ran once more
  const auto counts = store::ReadValue<std::vector<std::int64_t>>(
      **store, [](store::ReadTx& tx) -> Result<std::vector<std::int64_t>> {
        std::vector<std::int64_t> n;
        auto done = tx.session().Query("SELECT n FROM probe ORDER BY id", {},
                                       [&](const store::SqlRow& row) { n.push_back(row.Int(0)); });
        if (!done) {
          return done.error();
        }
        return n;
      });
  ASSERT_TRUE(counts);
  EXPECT_EQ(*counts, (std::vector<std::int64_t>{2, 2}));
}

// With more writers waiting than one commit takes, the committing thread goes from batch to
// batch while each batch's first caller makes it durable and answers it: every unit is
// answered, each only once its own commit is done, and a unit that throws fails alone.
TEST(SqliteStoreTest, EveryWriterIsAnsweredAfterItsCommitWhenBatchesAreShort) {
  const std::string path = MakeTempDir() + "/group.db";
  ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  store::sqlite::SqliteOptions options;
  options.path = path;
  options.max_batch = 3;
  auto opened = store::sqlite::OpenSqliteStore(options, clock);
  ASSERT_TRUE(opened) << opened.error().message();
  std::unique_ptr<store::Store> sqlite = std::move(*opened);
  ASSERT_TRUE(sqlite->Migrate());
  constexpr int kWriters = 32;
  constexpr int kEach = 8;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        const std::string name = "k" + std::to_string(w) + "-" + std::to_string(i);
        auto added = sqlite->Write([&](store::WriteTx& tx) -> Result<void> {
          auto key = store::ApiKeys(tx).Insert(name, "digest-" + name, "open311", clock.Now());
          if (!key) {
            return key.error();
          }
          if (i == 1) {
            throw std::runtime_error("a unit of work that throws");
          }
          return {};
        });
        if (added.has_value() == (i == 1)) {
          wrong.fetch_add(1);
        }
        // Answered means committed: a new read sees the key at once, or not at all.
        auto seen = store::ReadValue<bool>(*sqlite, [&](store::ReadTx& tx) -> Result<bool> {
          auto keys = store::ApiKeys(tx).List();
          if (!keys) {
            return keys.error();
          }
          for (const auto& key : *keys) {
            if (key.name == name) {
              return true;
            }
          }
          return false;
        });
        if (!seen || *seen != (i != 1)) {
          wrong.fetch_add(1);
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(wrong.load(), 0);
  const auto stats = sqlite->Stats();
  EXPECT_EQ(stats.write_units, kWriters * kEach + 1);  // and the migration
  EXPECT_GT(stats.write_batches, (kWriters * kEach) / 3);
  // The commit path's CPU time is counted (the figure that caps durable creates per second).
  EXPECT_GT(stats.write_cpu_seconds, 0.0);
  // Durable by default: every batch was synced before its units were answered.
  EXPECT_EQ(stats.write_syncs, stats.write_batches);
}

// A batch runs its units without savepoints and runs again with one per unit only when a
// unit fails among others. A unit alone in its batch has nothing to keep: it runs once, and
// its failure leaves nothing behind.
TEST(SqliteStoreTest, AUnitAloneInItsBatchRunsOnceWhetherItFailsOrNot) {
  ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  auto opened = OpenSqlite({.path = MakeTempDir() + "/alone.db"}, clock);
  ASSERT_TRUE(opened) << opened.error().message();
  store::Store& sqlite = **opened;
  int runs = 0;
  const auto add = [&](const std::string& name, bool fail) {
    return sqlite.Write([&](store::WriteTx& tx) -> Result<void> {
      ++runs;
      auto key = store::ApiKeys(tx).Insert(name, "digest-" + name, "open311", clock.Now());
      if (!key) {
        return key.error();
      }
      if (fail) {
        return Error::Invalid("name", "refused after the insert");
      }
      return {};
    });
  };
  EXPECT_TRUE(add("kept", false));
  EXPECT_EQ(runs, 1);
  const auto refused = add("undone", true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(KeyCount(sqlite).value(), 1U);
  // The store goes on committing after a failed unit.
  EXPECT_TRUE(add("after", false));
  EXPECT_EQ(KeyCount(sqlite).value(), 2U);
}

// With synchronous NORMAL a commit survives a crash of the process but not of the machine:
// nothing waits for the disk.
TEST(SqliteStoreTest, NormalDurabilityAnswersWithoutSyncing) {
  ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  auto opened =
      OpenSqlite({.path = MakeTempDir() + "/normal.db", .synchronous_full = false}, clock);
  ASSERT_TRUE(opened) << opened.error().message();
  const auto stats = (*opened)->Stats();
  EXPECT_GT(stats.write_batches, 0);
  EXPECT_EQ(stats.write_syncs, 0);
}

// A seed writes its pages straight into the file, with no WAL to copy them back from; the
// server's next open turns the WAL on again.
TEST(SqliteStoreTest, AnExclusiveLoadWritesWithoutTheWalAndTheNextOpenTurnsItBackOn) {
  const std::string path = MakeTempDir() + "/load.db";
  ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  {
    auto loader = OpenSqlite({.path = path, .exclusive_load = true}, clock);
    ASSERT_TRUE(loader) << loader.error().message();
    ASSERT_TRUE(AddKeyTo(**loader, "seeded", clock));
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  }
  auto server = OpenSqlite({.path = path}, clock);
  ASSERT_TRUE(server) << server.error().message();
  ASSERT_TRUE(AddKeyTo(**server, "live", clock));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  auto count = KeyCount(**server);
  ASSERT_TRUE(count) << count.error().message();
  EXPECT_EQ(*count, 2U);
}

// Leaving WAL mode needs the file to itself: beside a running server the load keeps the WAL,
// and both see each other's writes.
TEST(SqliteStoreTest, AnExclusiveLoadKeepsTheWalWhileAnotherConnectionHasTheFileOpen) {
  const std::string path = MakeTempDir() + "/shared.db";
  ManualClock clock{FromUnixMicros(1'767'225'600'000'000)};
  auto server = OpenSqlite({.path = path}, clock);
  ASSERT_TRUE(server) << server.error().message();
  ASSERT_TRUE(AddKeyTo(**server, "live", clock));
  auto loader = OpenSqlite({.path = path, .exclusive_load = true}, clock);
  ASSERT_TRUE(loader) << loader.error().message();
  ASSERT_TRUE(AddKeyTo(**loader, "seeded", clock));
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  auto count = KeyCount(**server);
  ASSERT_TRUE(count) << count.error().message();
  EXPECT_EQ(*count, 2U);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
