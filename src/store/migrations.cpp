#include "frontdoor/store/migrations.hpp"

#include <set>
#include <string>

namespace frontdoor::store {

Result<int> ApplyMigrations(SqlSession& session, std::span<const Migration> migrations,
                            Instant now) {
  auto created = session.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  if (!created) {
    return created.error();
  }
  std::set<std::int64_t> applied;
  auto listed = session.Query("SELECT version FROM schema_migrations", {},
                              [&](const SqlRow& row) { applied.insert(row.Int(0)); });
  if (!listed) {
    return listed.error();
  }
  int version = applied.empty() ? 0 : static_cast<int>(*applied.rbegin());
  for (const Migration& migration : migrations) {
    if (applied.contains(migration.version)) {
      continue;
    }
    if (auto ran = session.ExecScript(migration.sql); !ran) {
      return Error(ran.error().code(), "migration " + std::to_string(migration.version) + " (" +
                                           std::string(migration.name) +
                                           ") failed: " + ran.error().message());
    }
    auto recorded =
        session.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                     {std::int64_t{migration.version}, migration.name, ToUnixMicros(now)});
    if (!recorded) {
      return recorded.error();
    }
    version = std::max(version, migration.version);
  }
  return version;
}

}  // namespace frontdoor::store
