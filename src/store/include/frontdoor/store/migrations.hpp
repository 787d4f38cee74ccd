// Numbered schema migrations, shared by the drivers. Each backend ships its own SQL
// (types differ) under the same numbers; the contract tests keep them in step.
#pragma once

#include <span>
#include <string_view>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/sql.hpp"

namespace frontdoor::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Creates schema_migrations if needed and applies, in order, each migration whose
// version is not recorded yet. The caller holds the transaction (and, on PostgreSQL, a
// lock) so that two processes never migrate at once. Returns the resulting version.
Result<int> ApplyMigrations(SqlSession& session, std::span<const Migration> migrations,
                            Instant now);

}  // namespace frontdoor::store
