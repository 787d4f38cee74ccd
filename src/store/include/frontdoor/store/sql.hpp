// The narrow SQL interface the repositories are written against, once, for both
// databases. The drivers (store/sqlite, store/postgres) implement it; nothing above
// the store sees it. Statements use `?` placeholders; a driver rewrites them if its
// database wants another form. A session is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "frontdoor/core/error.hpp"

namespace frontdoor::store {

enum class Dialect { kSqlite, kPostgres };

// One bound parameter. Text is borrowed for the duration of the call only.
using SqlParam = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;
using SqlParams = std::initializer_list<SqlParam>;

// A row of a result, valid only inside the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  [[nodiscard]] virtual bool IsNull(int column) const = 0;
  [[nodiscard]] virtual std::int64_t Int(int column) const = 0;
  [[nodiscard]] virtual double Double(int column) const = 0;
  // Valid until the callback returns.
  [[nodiscard]] virtual std::string_view Text(int column) const = 0;

  [[nodiscard]] std::string String(int column) const { return std::string(Text(column)); }
  [[nodiscard]] std::optional<std::string> OptionalString(int column) const;
  [[nodiscard]] std::optional<std::int64_t> OptionalInt(int column) const;
};

using RowCallback = std::function<void(const SqlRow&)>;

class SqlSession {
 public:
  virtual ~SqlSession() = default;
  [[nodiscard]] virtual Dialect dialect() const = 0;
  // Runs a statement; returns the number of rows it changed.
  // kConflict on a unique violation, kUnavailable when the database is unreachable.
  virtual Result<std::int64_t> Exec(std::string_view sql, SqlParams params = {}) = 0;
  // Runs a query and hands each row to on_row.
  virtual Result<void> Query(std::string_view sql, SqlParams params, const RowCallback& on_row) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;
};

// A NULL parameter when the optional is empty.
inline SqlParam OptionalText(const std::optional<std::string>& value) {
  if (value) {
    return std::string_view(*value);
  }
  return nullptr;
}

}  // namespace frontdoor::store
