// Private helpers for the repositories of this module: one-row queries and list queries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/sql.hpp"

namespace frontdoor::store {

// The single row `sql` returns, read by `read`; kNotFound "<what> not found" when none.
template <class Record, class Reader>
Result<Record> QueryOne(SqlSession& session, std::string_view sql, SqlParams params, Reader read,
                        std::string_view what) {
  std::optional<Record> found;
  auto done = session.Query(sql, params, [&](const SqlRow& row) { found = read(row); });
  if (!done) {
    return done.error();
  }
  if (!found) {
    return Error::NotFound(std::string(what) + " not found");
  }
  return std::move(*found);
}

// Every row `sql` returns, read by `read`.
template <class Record, class Reader>
Result<std::vector<Record>> QueryAll(SqlSession& session, std::string_view sql, SqlParams params,
                                     Reader read) {
  std::vector<Record> rows;
  auto done = session.Query(sql, params, [&](const SqlRow& row) { rows.push_back(read(row)); });
  if (!done) {
    return done.error();
  }
  return rows;
}

// The first column of the single row `sql` returns (an id from RETURNING, a count).
Result<std::int64_t> QueryInt(SqlSession& session, std::string_view sql, SqlParams params);

inline SqlParam OptionalInt(const std::optional<std::int64_t>& value) {
  if (value) {
    return *value;
  }
  return nullptr;
}

}  // namespace frontdoor::store
