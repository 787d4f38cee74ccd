// The narrow SQL interface the repositories are written against, once, for both
// databases. The drivers (store/sqlite, store/postgres) implement it; nothing above
// the store sees it. Statements use `?` placeholders; a driver rewrites them if its
// database wants another form. A session is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "frontdoor/core/error.hpp"

namespace frontdoor::store {

enum class Dialect { kSqlite, kPostgres };

// Binary data (any bytes, NUL included): a BLOB on SQLite, a bytea sent in binary on
// PostgreSQL. Text parameters must not carry such bytes: PostgreSQL takes them as C strings.
struct SqlBlob {
  std::string_view bytes;
};

// One bound parameter. Text and blobs are borrowed for the duration of the call only.
using SqlParam = std::variant<std::nullptr_t, std::int64_t, double, std::string_view, SqlBlob>;

// The parameters of one statement, borrowed for the duration of the call: a braced list
// `{a, b}` or a vector built at run time (filters with optional conditions).
class SqlParams {
 public:
  SqlParams() = default;
// The list's array lives until the end of the full expression holding the call, which is
// as long as a SqlParams is used; GCC cannot see that.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
#endif
  SqlParams(std::initializer_list<SqlParam> list)  // NOLINT(google-explicit-constructor)
      : data_(list.begin()), size_(list.size()) {}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  SqlParams(const std::vector<SqlParam>& list)  // NOLINT(google-explicit-constructor)
      : data_(list.data()), size_(list.size()) {}
  [[nodiscard]] const SqlParam* begin() const {
    return data_;
  }
  [[nodiscard]] const SqlParam* end() const {
    return data_ + size_;
  }
  [[nodiscard]] std::size_t size() const {
    return size_;
  }

 private:
  const SqlParam* data_ = nullptr;
  std::size_t size_ = 0;
};

// A row of a result, valid only inside the callback that receives it.
class SqlRow {
 public:
  virtual ~SqlRow() = default;
  [[nodiscard]] virtual bool IsNull(int column) const = 0;
  [[nodiscard]] virtual std::int64_t Int(int column) const = 0;
  [[nodiscard]] virtual double Double(int column) const = 0;
  // Valid until the callback returns.
  [[nodiscard]] virtual std::string_view Text(int column) const = 0;
  // The bytes of a BLOB/bytea column, NUL bytes included. A copy, since PostgreSQL's text
  // results carry bytea hex-encoded and it must be decoded anyway.
  [[nodiscard]] virtual std::string Blob(int column) const = 0;

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
  // Runs an INSERT of one row (written without a RETURNING clause) into a table keyed by `id`
  // and returns the new row's id. By default through RETURNING id.
  virtual Result<std::int64_t> InsertReturningId(std::string_view insert, SqlParams params);
};

// A NULL parameter when the optional is empty.
inline SqlParam OptionalText(const std::optional<std::string>& value) {
  if (value) {
    return std::string_view{*value};
  }
  return nullptr;
}

}  // namespace frontdoor::store
