// SQLite's read connections map the database file (store/sqlite/connection.cpp): a page
// cache per reader, emptied by every commit elsewhere, churned the server's heap and left it
// fragmented under a steady stream of creates (docs/benchmarks.md, the soak).
#include <gtest/gtest.h>

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

TEST(SqliteReadersTest, ReadConnectionsMapTheDatabaseFile) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const SystemClock clock;
  auto store = store::sqlite::OpenSqliteStore({.path = database->url.substr(7)}, clock).value();
  ASSERT_TRUE(store->Migrate());
  EXPECT_GE(ReadPragma(*store, "PRAGMA mmap_size"), std::int64_t{256} * 1024 * 1024);
  // Reads still see what was committed after the file was mapped.
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

}  // namespace
}  // namespace frontdoor::testing
