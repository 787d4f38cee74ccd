// The multi-row INSERT helper: how many statements a list of rows takes on each backend, and
// that every row's parameters arrive in order. A session that records what it is asked to
// run stands in for the database.
#include "query.hpp"

#include <array>
#include <cstdint>
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

// SQLite refuses a statement of more than 32,766 parameters (its default limit; Debian's
// build allows more, others do not), PostgreSQL's protocol more than 65,535.
TEST(InsertRowsTest, RowsPastTheParameterLimitAreSplitIntoStatementsUnderIt) {
  struct Case {
    Dialect dialect;
    std::size_t rows_per_statement;
  };
  for (const Case& c : {Case{Dialect::kSqlite, 16'383}, Case{Dialect::kPostgres, 32'767}}) {
    RecordingSession session(c.dialect);
    const auto rows = Pairs(2 * c.rows_per_statement + 5);
    ASSERT_TRUE(InsertPairs(session, rows));
    ASSERT_EQ(session.statements.size(), 3U);
    const std::string head = "INSERT INTO t (a, b) VALUES ";
    EXPECT_EQ(session.statements[0], head + ValuesRows(c.rows_per_statement, 2));
    EXPECT_EQ(session.statements[1], session.statements[0]);
    EXPECT_EQ(session.statements[2], head + ValuesRows(5, 2));
    ASSERT_EQ(session.ids.size(), 2 * rows.size());
    for (std::size_t i = 0; i < session.ids.size(); ++i) {
      ASSERT_EQ(session.ids[i], static_cast<std::int64_t>(i));
    }
  }
}

}  // namespace
}  // namespace frontdoor::store
