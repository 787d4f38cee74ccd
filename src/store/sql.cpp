#include "frontdoor/store/sql.hpp"

#include "query.hpp"

namespace frontdoor::store {

std::optional<std::string> SqlRow::OptionalString(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return String(column);
}

std::optional<std::int64_t> SqlRow::OptionalInt(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int(column);
}

Result<std::int64_t> QueryInt(SqlSession& session, std::string_view sql, SqlParams params) {
  std::optional<std::int64_t> value;
  auto done = session.Query(sql, params, [&](const SqlRow& row) { value = row.Int(0); });
  if (!done) {
    return done.error();
  }
  if (!value) {
    return Error::NotFound("no row");
  }
  return *value;
}

}  // namespace frontdoor::store
