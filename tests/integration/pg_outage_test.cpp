// The server keeps its head while PostgreSQL is away (issue #8). The real `frontdoor serve`
// runs on a private PostgreSQL server that the test stops under load and starts again:
// meanwhile every request is answered promptly, 503 with Retry-After and a JSON error (never
// a 500, never a hang), /readyz says 503, and within 5 s of the database's return the server
// serves again by itself, without a restart. A restart while the server is idle costs no
// request at all.
#include <algorithm>
#include <array>
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "pg_server.hpp"
#include "process.hpp"
#include "serve_process.hpp"

namespace frontdoor::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A request must be answered within the pool's acquire timeout plus a connect timeout, with
// room for a loaded test machine: beyond this it counts as a hang.
constexpr milliseconds kPromptly(9'000);
constexpr milliseconds kRecoveryLimit(5'000);

struct Outcome {
  std::string what;
  Clock::time_point started;
  Clock::time_point ended;
  HttpReply reply;
};

// The code of a JSON error body ("unavailable"), empty when the body is not one.
std::string ErrorCodeOf(const HttpReply& reply) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(reply.body, ec);
  const auto* error = !ec && value.is_object() ? value.as_object().if_contains("error") : nullptr;
  const auto* code = error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
  return code && code->is_string() ? std::string(code->as_string()) : "";
}

class PgOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(database_.ok()) << "initdb failed";
    ASSERT_TRUE(database_.Start()) << database_.LogTail();
    ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"migrate", "--db", database_.url()}).exit_code, 0);
    key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_.url(), "desk", "staff");
    ASSERT_FALSE(key_.empty());
    server_ = std::make_unique<ServeProcess>(FRONTDOOR_BINARY, database_.url());
    ASSERT_TRUE(server_->Start());
    ASSERT_TRUE(CreateFlyTippingService(server_->port(), key_));
  }

  HttpReply Do(const std::string& what) const {
    const std::string auth = "Authorization: Bearer " + key_ + "\r\n";
    if (what == "create") {
      return Call(server_->port(), "POST", "/api/v1/cases", auth, "application/json",
                  R"({"service_code": "FLY", "description": "Bags in the entry"})");
    }
    if (what == "list") {
      return Call(server_->port(), "GET", "/api/v1/cases?limit=5", auth);
    }
    return Call(server_->port(), "GET", "/readyz");
  }

  // Load from `clients` threads until `stop`, every outcome kept.
  void RunLoad(int clients, const std::atomic<bool>& stop) {
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([this, c, &stop] {
        static const std::array<std::string, 3> kMix = {"create", "list", "readyz"};
        for (std::size_t n = static_cast<std::size_t>(c); !stop.load(); ++n) {
          Outcome outcome;
          outcome.what = kMix.at(n % kMix.size());
          outcome.started = Clock::now();
          outcome.reply = Do(outcome.what);
          outcome.ended = Clock::now();
          const std::scoped_lock lock(mutex_);
          outcomes_.push_back(std::move(outcome));
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
  }

  PostgresServer database_;
  std::unique_ptr<ServeProcess> server_;
  std::string key_;
  std::mutex mutex_;
  std::vector<Outcome> outcomes_;
};

TEST_F(PgOutageTest, DatabaseDownMeans503WithRetryAfterAndTheServerRecoversByItself) {
  std::atomic<bool> stop{false};
  std::thread load([&] { RunLoad(6, stop); });
  std::this_thread::sleep_for(milliseconds(1'000));

  ASSERT_TRUE(database_.Stop()) << database_.LogTail();
  const auto down = Clock::now();
  std::this_thread::sleep_for(milliseconds(3'000));
  const auto ready_while_down = Do("readyz");
  EXPECT_EQ(ready_while_down.status, 503) << ready_while_down.body;
  EXPECT_EQ(ErrorCodeOf(ready_while_down), "unavailable");

  const auto restarting = Clock::now();
  ASSERT_TRUE(database_.Start()) << database_.LogTail();
  const auto up = Clock::now();
  // Recovered when a write and the readiness check both succeed again.
  auto recovered = Clock::time_point::max();
  while (Clock::now() - up < kRecoveryLimit + milliseconds(5'000)) {
    if (Do("create").status == 201 && Do("readyz").status == 200) {
      recovered = Clock::now();
      break;
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
  ASSERT_NE(recovered, Clock::time_point::max()) << "the server did not recover";
  const auto recovery = std::chrono::duration_cast<milliseconds>(recovered - up);
  EXPECT_LE(recovery, kRecoveryLimit);
  std::this_thread::sleep_for(milliseconds(1'500));
  stop.store(true);
  load.join();

  // Every request was answered promptly: served, or 503 with Retry-After and a JSON error.
  int during_outage = 0;
  int refused = 0;
  int failed_after_recovery = 0;
  milliseconds slowest(0);
  for (const auto& outcome : outcomes_) {
    const auto& reply = outcome.reply;
    const auto took = std::chrono::duration_cast<milliseconds>(outcome.ended - outcome.started);
    slowest = std::max(slowest, took);
    EXPECT_LT(took, kPromptly) << outcome.what << " hung";
    ASSERT_NE(reply.status, 0) << outcome.what << " got no answer after " << took.count() << " ms";
    if (reply.status == 503) {
      ++refused;
      EXPECT_FALSE(reply.Header("Retry-After").empty()) << outcome.what << ": " << reply.head;
      EXPECT_EQ(ErrorCodeOf(reply), "unavailable") << outcome.what << ": " << reply.body;
      // The driver's words (host, port, "connection refused") stay in the server's log.
      EXPECT_EQ(reply.body.find("127.0.0.1"), std::string::npos) << reply.body;
      EXPECT_EQ(reply.body.find("PostgreSQL"), std::string::npos) << reply.body;
    } else {
      EXPECT_TRUE(reply.status == 200 || reply.status == 201)
          << outcome.what << ": " << reply.status << " " << reply.body;
    }
    if (outcome.started > down + milliseconds(200) && outcome.ended < restarting) {
      ++during_outage;
      EXPECT_EQ(reply.status, 503) << outcome.what << " served while the database was down";
    }
    if (outcome.started > recovered + milliseconds(500) && reply.status != 200 &&
        reply.status != 201) {
      ++failed_after_recovery;
    }
  }
  EXPECT_GT(during_outage, 10) << "the load did not reach the outage";
  EXPECT_EQ(failed_after_recovery, 0);
  std::cout << "[ outage   ] " << outcomes_.size() << " requests, " << during_outage
            << " while the database was down, " << refused << " answered 503; slowest "
            << slowest.count() << " ms; recovered " << recovery.count()
            << " ms after the database came back\n";
  EXPECT_EQ(server_->Stop(), 0);
}

TEST_F(PgOutageTest, RestartWhileIdleCostsNoRequest) {
  // Several connections in the pool, then idle while the database restarts under them.
  std::atomic<bool> stop{false};
  std::thread load([&] { RunLoad(8, stop); });
  std::this_thread::sleep_for(milliseconds(700));
  stop.store(true);
  load.join();
  ASSERT_TRUE(database_.Stop()) << database_.LogTail();
  ASSERT_TRUE(database_.Start()) << database_.LogTail();
  // The pooled connections are dead; the server must notice before using them.
  for (std::size_t n = 0; n < 24; ++n) {
    const std::string what = std::array<std::string, 3>{"readyz", "list", "create"}.at(n % 3);
    const auto reply = Do(what);
    EXPECT_TRUE(reply.status == 200 || reply.status == 201)
        << "request " << n << " (" << what << ") after the restart: " << reply.status << " "
        << reply.body;
  }
  EXPECT_EQ(server_->Stop(), 0);
}

}  // namespace
}  // namespace frontdoor::testing
