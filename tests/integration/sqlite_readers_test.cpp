// SQLite's read connections (store/sqlite/connection.cpp): they read pages into page caches
// served from the store's fixed arena, not by mapping the file, which SQLite unmapped at a
// reader's first read after every commit; and they keep their prepared statements bounded.
// SQLite's heap is counted by the store, not by SQLite, whose count every allocation waited on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

std::int64_t ReadPragma(store::Store& store, const char* pragma) {
  std::int64_t value = -1;
  auto read = store.Read([&](store::ReadTx& tx) -> Result<void> {
    return tx.session().Query(pragma, {}, [&](const store::SqlRow& row) { value = row.Int(0); });
  });
  EXPECT_TRUE(read) << read.error().message();
  return value;
}

TEST(SqliteReadersTest, ReadConnectionsReadPagesRatherThanMapTheFile) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const SystemClock clock;
  auto store = store::sqlite::OpenSqliteStore({.path = database->url.substr(7)}, clock).value();
  ASSERT_TRUE(store->Migrate());
  EXPECT_EQ(ReadPragma(*store, "PRAGMA mmap_size"), 0);
  // A reader's cached pages give way to what was committed since.
  EXPECT_EQ(ReadPragma(*store, "SELECT count(*) FROM sqlite_master WHERE name = 'soak_probe'"), 0);
  ASSERT_TRUE(store->Write([](store::WriteTx& tx) -> Result<void> {
    auto made = tx.session().Exec("CREATE TABLE soak_probe (n INTEGER)", {});
    if (!made) {
      return made.error();
    }
    auto put = tx.session().Exec("INSERT INTO soak_probe (n) VALUES (42)", {});
    if (!put) {
      return put.error();
    }
    return {};
  }));
  EXPECT_EQ(ReadPragma(*store, "SELECT n FROM soak_probe"), 42);
}

// "x IN (?, ...)" of n values: one statement text per list length and tag.
std::string InList(std::size_t n, std::int64_t tag = 0) {
  std::string sql =
      "SELECT count(*) FROM (SELECT " + std::to_string(tag) + " AS t, 1 AS x) WHERE x IN (";
  for (std::size_t i = 0; i < n; ++i) {
    sql += i == 0 ? "?" : ", ?";
  }
  return sql + ")";
}

// SQLite's own count stays off (it took a process-wide mutex on every allocation); the
// store's allocator counts what SQLite holds instead.
TEST(SqliteReadersTest, TheStoreCountsSqlitesHeapInsteadOfSqlite) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const SystemClock clock;
  auto store = store::sqlite::OpenSqliteStore({.path = database->url.substr(7)}, clock).value();
  ASSERT_TRUE(store->Migrate());
  const std::int64_t migrated = store::sqlite::SqliteHeapBytes();
  EXPECT_GT(migrated, 0);
  EXPECT_GT(ReadPragma(*store, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 0);
  EXPECT_EQ(sqlite3_memory_used(), 0);
  // Closing the store gives back what its connections held.
  store.reset();
  EXPECT_LT(store::sqlite::SqliteHeapBytes(), migrated);
}

std::vector<store::SqlParam> Ones(std::size_t n) {
  return std::vector<store::SqlParam>(n, std::int64_t{1});
}

// A connection's prepared statements are cached by their text, so IN lists of every length
// once grew the cache of each reader for the life of the server. sqlite_stmt lists the
// statements the connection holds prepared.
TEST(SqliteReadersTest, ThePreparedStatementCacheStaysBoundedOverVaryingInLists) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const SystemClock clock;
  auto store = store::sqlite::OpenSqliteStore({.path = database->url.substr(7)}, clock).value();
  ASSERT_TRUE(store->Migrate());
  std::int64_t held = -1;
  std::int64_t matched = 0;
  ASSERT_TRUE(store->Read([&](store::ReadTx& tx) -> Result<void> {
    for (std::size_t n = 1; n <= 1000; ++n) {
      const auto params = Ones(n);
      auto done = tx.session().Query(InList(n), params,
                                     [&](const store::SqlRow& row) { matched += row.Int(0); });
      if (!done) {
        return done.error();
      }
    }
    return tx.session().Query("SELECT count(*) FROM sqlite_stmt", {},
                              [&](const store::SqlRow& row) { held = row.Int(0); });
  }));
  EXPECT_EQ(matched, 1000);
  EXPECT_GT(held, 100);
  EXPECT_LE(held, 300);
}

// Evicting never finalizes a statement whose rows are still being read: a query run from
// another's row callback may push it to the end of the cache.
TEST(SqliteReadersTest, AStatementStillSteppingSurvivesEviction) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const SystemClock clock;
  auto store = store::sqlite::OpenSqliteStore({.path = database->url.substr(7)}, clock).value();
  ASSERT_TRUE(store->Migrate());
  std::vector<std::int64_t> outer;
  std::int64_t matched = 0;
  ASSERT_TRUE(store->Read([&](store::ReadTx& tx) -> Result<void> {
    Result<void> inner;
    auto done = tx.session().Query(
        "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3", {}, [&](const store::SqlRow& row) {
          outer.push_back(row.Int(0));
          for (std::size_t n = 1; n <= 400 && inner; ++n) {
            const auto params = Ones(n);
            inner = tx.session().Query(
                InList(n, row.Int(0)), params,
                [&](const store::SqlRow& counted) { matched += counted.Int(0); });
          }
        });
    if (!inner) {
      return inner.error();
    }
    return done;
  }));
  EXPECT_EQ(outer, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(matched, 3 * 400);
}

}  // namespace
}  // namespace frontdoor::testing
