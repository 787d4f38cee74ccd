// The multi-row INSERT helper: how many statements a list of rows takes on each backend, and
// that every row's parameters arrive in order. A session that records what it is asked to
// run stands in for the database.
#include "query.hpp"

#include <cstdint>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor::store {
namespace {

class RecordingSession final : public SqlSession {
 public:
  explicit RecordingSession(Dialect dialect) : dialect_(dialect) {}
  [[nodiscard]] Dialect dialect() const override { return dialect_; }
  Result<std::int64_t> Exec(std::string_view sql, SqlParams params) override {
    statements.emplace_back(sql);
    for (const SqlParam& param : params) {
      ids.push_back(std::get<std::int64_t>(param));
    }
    return static_cast<std::int64_t>(params.size());
  }
  Result<void> Query(std::string_view /*sql*/, SqlParams /*params*/,
                     const RowCallback& /*on_row*/) override {
    return {};
  }
  Result<void> ExecScript(std::string_view /*sql*/) override { return {}; }

  std::vector<std::string> statements;
  std::vector<std::int64_t> ids;

 private:
  Dialect dialect_;
};

struct Pair {
  std::int64_t a;
  std::int64_t b;
};

std::vector<Pair> Pairs(std::size_t count) {
  std::vector<Pair> rows(count);
  for (std::size_t i = 0; i < count; ++i) {
    rows[i] = {static_cast<std::int64_t>(2 * i), static_cast<std::int64_t>(2 * i + 1)};
  }
  return rows;
}

Result<void> InsertPairs(SqlSession& session, std::span<const Pair> rows) {
  return InsertRows(session, "INSERT INTO t (a, b) VALUES ", 2, rows,
                    [](const Pair& row, std::vector<SqlParam>& params) {
                      params.insert(params.end(), {row.a, row.b});
                    });
}

TEST(InsertRowsTest, AFewRowsGoInOneStatement) {
  RecordingSession session(Dialect::kSqlite);
  const auto rows = Pairs(3);
  ASSERT_TRUE(InsertPairs(session, rows));
  ASSERT_EQ(session.statements.size(), 1U);
  EXPECT_EQ(session.statements[0], "INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)");
  EXPECT_EQ(session.ids, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
}

TEST(InsertRowsTest, NoRowsRunNoStatement) {
  RecordingSession session(Dialect::kPostgres);
  ASSERT_TRUE(InsertPairs(session, {}));
  EXPECT_TRUE(session.statements.empty());
}

// Inserts 2n + 5 rows where n rows fill a statement: three statements, every parameter in
// order.
void ExpectSplitUnderTheLimit(Dialect dialect, std::size_t rows_per_statement) {
  RecordingSession session(dialect);
  const auto rows = Pairs(2 * rows_per_statement + 5);
  ASSERT_TRUE(InsertPairs(session, rows));
  const std::string head = "INSERT INTO t (a, b) VALUES ";
  const std::string full = head + ValuesRows(rows_per_statement, 2);
  EXPECT_EQ(session.statements, (std::vector<std::string>{full, full, head + ValuesRows(5, 2)}));
  std::vector<std::int64_t> in_order(2 * rows.size());
  std::iota(in_order.begin(), in_order.end(), 0);
  EXPECT_EQ(session.ids, in_order);
}

// SQLite refuses a statement of more than 32,766 parameters (its default limit; Debian's
// build allows more, others do not).
TEST(InsertRowsTest, RowsPastSqlitesParameterLimitAreSplitIntoStatementsUnderIt) {
  ExpectSplitUnderTheLimit(Dialect::kSqlite, 16'383);
}

// PostgreSQL's protocol counts parameters in 16 bits: at most 65,535.
TEST(InsertRowsTest, RowsPastPostgresParameterLimitAreSplitIntoStatementsUnderIt) {
  ExpectSplitUnderTheLimit(Dialect::kPostgres, 32'767);
}

}  // namespace
}  // namespace frontdoor::store
