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

std::string ValuesRows(std::size_t rows, std::size_t columns) {
  std::string row = "(";
  for (std::size_t c = 0; c < columns; ++c) {
    row += c == 0 ? "?" : ", ?";
  }
  row += ")";
  std::string out;
  out.reserve(rows * (row.size() + 2));
  for (std::size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "" : ", ";
    out += row;
  }
  return out;
}

std::size_t MaxStatementParams(Dialect dialect) {
  switch (dialect) {
    // SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32; Debian raises it, other builds
    // do not, so the lower figure holds wherever the file is opened.
    case Dialect::kSqlite: return 32'766;
    // The wire protocol counts parameters in 16 bits.
    case Dialect::kPostgres: return 65'535;
  }
  return 999;  // SQLite's limit before 3.32, if memory held an out-of-range value
}

Result<std::int64_t> SqlSession::InsertReturningId(std::string_view insert, SqlParams params) {
  return QueryInt(*this, std::string(insert) + " RETURNING id", params);
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
