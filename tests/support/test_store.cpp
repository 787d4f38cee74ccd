#include "test_store.hpp"

#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

#include <libpq-fe.h>

#include "frontdoor/store/postgres/postgres_store.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

namespace frontdoor::testing {
namespace {

std::string RandomSuffix() {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  return std::to_string(rng() % 1'000'000'000'000ULL);
}

std::string RequirePgUrl() {
  const char* url = std::getenv("FRONTDOOR_TEST_PG");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "FRONTDOOR_TEST_PG is not set: run the tests under scripts/with-postgres (make test does)");
  }
  return url;
}

void RunAdmin(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + message);
  }
  const std::string quiet = "SET client_min_messages = warning; " + sql;
  PGresult* result = PQexec(conn, quiet.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) {
    throw std::runtime_error("admin SQL failed: " + message);
  }
}

}  // namespace

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "Sqlite" : "Postgres";
}

std::string MakeTempDir() {
  auto dir = std::filesystem::temp_directory_path() / ("frontdoor-test-" + RandomSuffix());
  std::filesystem::create_directories(dir);
  return dir.string();
}

TestDatabase::~TestDatabase() {
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
  if (!schema_.empty()) {
    try {
      RunAdmin(admin_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // The server is thrown away at the end of the run anyway.
    }
  }
}

std::unique_ptr<TestDatabase> NewTestDatabase(Backend backend) {
  auto database = std::make_unique<TestDatabase>();
  database->directory = MakeTempDir();
  if (backend == Backend::kSqlite) {
    database->url = "sqlite:" + database->directory + "/frontdoor.db";
    return database;
  }
  database->admin_url_ = RequirePgUrl();
  database->schema_ = "t" + RandomSuffix();
  RunAdmin(database->admin_url_, "CREATE SCHEMA " + database->schema_);
  const char* separator = database->admin_url_.find('?') == std::string::npos ? "?" : "&";
  database->url = database->admin_url_ + separator + "options=-csearch_path%3D" + database->schema_;
  return database;
}

std::unique_ptr<store::Store> OpenTestStore(const TestDatabase& database, const Clock& clock) {
  if (database.url.starts_with("sqlite:")) {
    auto opened = store::sqlite::OpenSqliteStore({.path = database.url.substr(7)}, clock);
    if (!opened) {
      throw std::runtime_error(opened.error().message());
    }
    return std::move(*opened);
  }
  auto opened = store::postgres::OpenPostgresStore({.url = database.url}, clock);
  if (!opened) {
    throw std::runtime_error(opened.error().message());
  }
  return std::move(*opened);
}

}  // namespace frontdoor::testing
