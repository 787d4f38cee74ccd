// Fresh, migrated stores for tests on both backends. SQLite: a file in a new temporary
// directory. PostgreSQL: a new schema in the server that scripts/with-postgres started
// (FRONTDOOR_TEST_PG); tests fail, not skip, when it is missing.
#pragma once

#include <memory>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::testing {

enum class Backend { kSqlite, kPostgres };

std::string BackendName(Backend backend);

struct TestDatabase {
  std::string url;        // sqlite:PATH or a postgresql:// URL whose search_path is the new schema
  std::string directory;  // a temporary directory the test may use; removed at the end
  TestDatabase() = default;
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  ~TestDatabase();

 private:
  friend std::unique_ptr<TestDatabase> NewTestDatabase(Backend backend);
  std::string schema_;
  std::string admin_url_;
};

// An empty database of that backend (not migrated).
std::unique_ptr<TestDatabase> NewTestDatabase(Backend backend);

// Opens a store on the database; aborts the test on failure.
std::unique_ptr<store::Store> OpenTestStore(const TestDatabase& database, const Clock& clock);

// A temporary directory, removed by the caller.
std::string MakeTempDir();

}  // namespace frontdoor::testing
