// Two real `frontdoor serve` processes on one database, on SQLite and PostgreSQL: a change
// to the default calendar made outside both (as the CLI or a third node would) reaches each
// within seconds through its periodic check of the charter's version, with no restart, and
// both then count the same due date.
#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "process.hpp"
#include "serve_process.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class CharterNodesTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    for (const auto& args : {std::vector<std::string>{"migrate", "--db", database_->url},
                             std::vector<std::string>{"seed", "--demo", "--db", database_->url}}) {
      const auto done = RunToEnd(FRONTDOOR_BINARY, args, milliseconds(300'000));
      ASSERT_EQ(done.exit_code, 0) << args.front() << ": " << done.out;
    }
    key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_->url, "nodes", "staff");
    ASSERT_FALSE(key_.empty());
  }

  // The due instant the node gives a new case of a service resolved in 5 working days.
  std::string DueOfANewCase(std::uint16_t port) {
    const auto reply = Call(port, "POST", "/api/v1/cases", Auth(), "application/json",
                            R"({"service_code": "SPILLX", "channel": "phone",
                                "description": "Oil on the road"})");
    EXPECT_EQ(reply.status, 201) << reply.body;
    boost::system::error_code ec;
    const auto body = boost::json::parse(reply.body, ec);
    if (ec || !body.is_object()) {
      return {};
    }
    const auto* due = body.as_object().if_contains("due_at");
    return due != nullptr && due->is_string() ? std::string(due->as_string()) : std::string();
  }

  [[nodiscard]] std::string Auth() const { return "Authorization: Bearer " + key_ + "\r\n"; }

  std::unique_ptr<TestDatabase> database_;
  std::string key_;
};

TEST_P(CharterNodesTest, EachServerTakesAChangeMadeElsewhereWithinSeconds) {
  ServeProcess one(FRONTDOOR_BINARY, database_->url);
  ServeProcess two(FRONTDOOR_BINARY, database_->url);
  ASSERT_TRUE(one.Start());
  ASSERT_TRUE(two.Start());
  const char* json = "application/json";
  ASSERT_EQ(Call(one.port(), "POST", "/api/v1/departments", Auth(), json,
                 R"({"code": "TST", "name": "Test services"})")
                .status,
            201);
  ASSERT_EQ(Call(one.port(), "POST", "/api/v1/teams", Auth(), json,
                 R"({"code": "TST-SPILLS", "name": "Spills", "department_code": "TST"})")
                .status,
            201);
  ASSERT_EQ(Call(one.port(), "POST", "/api/v1/services", Auth(), json,
                 R"({"code": "SPILLX", "name": "Spill", "department_code": "TST",
                     "default_team_code": "TST-SPILLS", "case_type": "request",
                     "channels": ["phone"], "resolve_standard": "SVC-CLEANSE"})")
                .status,
            201);
  const std::string before = DueOfANewCase(one.port());
  ASSERT_FALSE(before.empty());
  EXPECT_EQ(DueOfANewCase(two.port()), before);

  // Closed for the next three weeks, in one unit of work stored by neither server.
  const SystemClock clock;
  auto outside = OpenTestStore(*database_, clock);
  ASSERT_TRUE(usecase::AddClosure(*outside, clock, "council", clock.Now(),
                                  clock.Now() + std::chrono::days(21), "Flood"));

  // Each server checks every 5 s: allow 20 s before calling it missed.
  for (ServeProcess* node : {&one, &two}) {
    std::string after = before;
    const auto deadline = std::chrono::steady_clock::now() + seconds(20);
    while (after == before && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(500));
      after = DueOfANewCase(node->port());
    }
    EXPECT_NE(after, before) << "port " << node->port() << " still counts on the old calendar";
    EXPECT_GT(after, before) << "three weeks closed put the due date later";
  }
  EXPECT_EQ(DueOfANewCase(one.port()), DueOfANewCase(two.port()));
  EXPECT_EQ(one.Stop(), 0);
  EXPECT_EQ(two.Stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CharterNodesTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
