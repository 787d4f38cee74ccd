// Private helpers for the repositories of this module: one-row queries and list queries.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <optional>
#include <span>
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

// "(?, ?), (?, ?)": the VALUES list of an INSERT of `rows` rows of `columns` columns each.
std::string ValuesRows(std::size_t rows, std::size_t columns);

// The most parameters one statement of `dialect` may carry.
std::size_t MaxStatementParams(Dialect dialect);

// Inserts `rows` with as few multi-row INSERTs as the backend's parameter limit allows, each
// costing one bind, step and reset rather than one per row. `head` is the statement up to
// and including "VALUES "; `append(row, params)` adds one row's `columns` parameters, which
// may borrow from the row. Stops at the first statement that fails: run it inside a
// transaction, so that a failure leaves none of the rows behind.
template <class Row, class AppendParams>
Result<void> InsertRows(SqlSession& session, std::string_view head, std::size_t columns,
                        std::span<const Row> rows, AppendParams append) {
  const std::size_t per_statement =
      std::max<std::size_t>(1, MaxStatementParams(session.dialect()) / columns);
  std::vector<SqlParam> params;
  for (std::size_t first = 0; first < rows.size(); first += per_statement) {
    const auto chunk = rows.subspan(first, std::min(per_statement, rows.size() - first));
    std::string sql(head);
    sql += ValuesRows(chunk.size(), columns);
    params.clear();
    params.reserve(chunk.size() * columns);
    for (const Row& row : chunk) {
      append(row, params);
    }
    assert(params.size() == chunk.size() * columns);
    if (auto done = session.Exec(sql, params); !done) {
      return done.error();
    }
  }
  return {};
}

// Builds a WHERE clause and its parameters for queries whose conditions depend on input.
// Text parameters borrow the caller's strings, which must outlive the query.
class Where {
 public:
  void Add(const std::string& condition) {
    sql_ += sql_.empty() ? "WHERE " : " AND ";
    sql_ += condition;
  }
  // "column IN (?, ?, ...)" over text values.
  void In(std::string_view column, const std::vector<std::string>& values) {
    std::string condition = std::string(column) + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      condition += i == 0 ? "?" : ", ?";
      params_.emplace_back(std::string_view{values[i]});
    }
    Add(condition + ")");
  }
  // "column IN (?, ?, ...)" over ids.
  void In(std::string_view column, const std::vector<std::int64_t>& ids) {
    std::string condition = std::string(column) + " IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      condition += i == 0 ? "?" : ", ?";
      params_.emplace_back(ids[i]);
    }
    Add(condition + ")");
  }
  void Compare(std::string_view column, std::string_view op, SqlParam value) {
    Add(std::string(column) + " " + std::string(op) + " ?");
    params_.push_back(value);
  }
  [[nodiscard]] const std::string& sql() const { return sql_; }
  [[nodiscard]] const std::vector<SqlParam>& params() const { return params_; }

 private:
  std::string sql_;
  std::vector<SqlParam> params_;
};

inline SqlParam OptionalInt(const std::optional<std::int64_t>& value) {
  if (value) {
    return *value;
  }
  return nullptr;
}

}  // namespace frontdoor::store
