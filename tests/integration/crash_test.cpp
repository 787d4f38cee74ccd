// Nothing acknowledged is ever lost (issue #8): the real `frontdoor serve` takes concurrent
// creates (Open311 POST requests.json and staff API POST /api/v1/cases) and is killed with
// SIGKILL at a random moment, round after round, then started again on the same database.
// Every request that was answered 2xx must be stored exactly once under the reference it was
// given; every request that got no answer is sent again with its Idempotency-Key, as a client
// would after a timeout, and must then be stored exactly once too. SQLite (durability full,
// checked with PRAGMA integrity_check) and PostgreSQL.
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/store/store.hpp"

#include "process.hpp"
#include "serve_process.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;

constexpr int kClients = 6;

// One logical request: the token is its description and its Idempotency-Key, so the case it
// made can be found, and sending it again is the same request.
struct Sent {
  std::string token;
  bool open311 = false;
  int status = 0;
  std::string reference;  // from the 2xx answer
  bool retried = false;
  bool replayed = false;  // the retry found it stored before the kill
};

// The reference in a 2xx answer, empty when the body is not whole.
std::string ReferenceIn(const HttpReply& reply, bool open311) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(reply.body, ec);
  if (ec) {
    return {};
  }
  const boost::json::value* reference = nullptr;
  if (open311 && value.is_array() && !value.as_array().empty()) {
    reference = value.as_array().front().as_object().if_contains("service_request_id");
  } else if (!open311 && value.is_object()) {
    reference = value.as_object().if_contains("reference");
  }
  return reference && reference->is_string() ? std::string(reference->as_string()) : "";
}

class CrashTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"migrate", "--db", database_->url}).exit_code, 0);
    staff_key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_->url, "desk", "staff");
    open311_key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_->url, "reporter", "open311");
    ASSERT_FALSE(staff_key_.empty());
    ASSERT_FALSE(open311_key_.empty());
    server_ = std::make_unique<ServeProcess>(FRONTDOOR_BINARY, database_->url);
    ASSERT_TRUE(server_->Start());
    ASSERT_TRUE(CreateFlyTippingService(server_->port(), staff_key_));
  }

  // Sends the request; the same token always makes the same bytes.
  HttpReply Send(const Sent& sent, std::uint16_t port) const {
    // Spread over a few kilometres, so duplicate suggestions stay few.
    const auto spread = std::hash<std::string>{}(sent.token) % 1000;
    const std::string lat = std::to_string(54.55 + static_cast<double>(spread) * 0.0001);
    const std::string key = "Idempotency-Key: " + sent.token + "\r\n";
    if (sent.open311) {
      return Call(port, "POST", "/open311/v2/requests.json", key,
                  "application/x-www-form-urlencoded",
                  "api_key=" + open311_key_ + "&service_code=FLY&lat=" + lat +
                      "&long=-5.93&description=" + sent.token);
    }
    return Call(port, "POST", "/api/v1/cases", "Authorization: Bearer " + staff_key_ + "\r\n" + key,
                "application/json",
                R"({"service_code": "FLY", "channel": "phone", "lat": )" + lat +
                    R"(, "long": -5.93, "description": ")" + sent.token + R"("})");
  }

  static bool Acknowledged(const HttpReply& reply, Sent& sent) {
    if (reply.status / 100 != 2) {
      return false;
    }
    sent.reference = ReferenceIn(reply, sent.open311);
    return !sent.reference.empty();
  }

  // Clients send until the server dies under them; it is killed after a random pause.
  void CrashRound(int round, std::mt19937& rng) {
    if (!server_->running()) {
      ASSERT_TRUE(server_->Start()) << "round " << round << ": the server did not start again";
    }
    std::mutex mutex;
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c, port = server_->port()] {
        for (int n = 0;; ++n) {
          Sent sent;
          sent.token = "crash-r" + std::to_string(round) + "-c" + std::to_string(c) + "-n" +
                       std::to_string(n);
          sent.open311 = (c + n) % 2 == 0;
          const auto reply = Send(sent, port);
          sent.status = reply.status;
          const bool answered = Acknowledged(reply, sent);
          {
            const std::scoped_lock lock(mutex);
            sent_.push_back(sent);
          }
          if (!answered) {
            return;  // the server is gone (or failed, which the check below reports)
          }
        }
      });
    }
    std::this_thread::sleep_for(milliseconds(std::uniform_int_distribution(150, 900)(rng)));
    server_->Kill();
    for (auto& client : clients) {
      client.join();
    }
    // What a client does after a timeout: the same request, with the same key, to the new
    // server. The first may have committed; the key makes sure it counts once.
    ASSERT_TRUE(server_->Start()) << "round " << round << ": the server did not start again";
    for (auto& sent : sent_) {
      if (sent.reference.empty()) {
        ASSERT_TRUE(sent.status == 0) << sent.token << " was answered " << sent.status;
        const auto reply = Send(sent, server_->port());
        sent.retried = true;
        sent.replayed = reply.Header("Idempotent-Replayed") == "true";
        ASSERT_TRUE(Acknowledged(reply, sent))
            << sent.token << " retried: " << reply.status << " " << reply.body;
      }
    }
  }

  // Every request is stored exactly once, under the reference it was answered with.
  void CheckEveryRequestStoredOnce() {
    const SystemClock clock;
    auto store = OpenTestStore(*database_, clock);
    std::map<std::string, std::vector<std::string>> by_token;
    std::int64_t without_history = -1;
    auto read = store->Read([&](store::ReadTx& tx) -> Result<void> {
      auto cases = tx.session().Query(
          "SELECT description, reference FROM service_case", {},
          [&](const store::SqlRow& row) { by_token[row.String(0)].push_back(row.String(1)); });
      if (!cases) {
        return cases;
      }
      return tx.session().Query(
          "SELECT count(*) FROM service_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e "
          "WHERE e.case_id = c.id AND e.kind = 'created')",
          {}, [&](const store::SqlRow& row) { without_history = row.Int(0); });
    });
    ASSERT_TRUE(read) << read.error().message();
    int retried = 0;
    int replayed = 0;
    for (const auto& sent : sent_) {
      const auto found = by_token.find(sent.token);
      ASSERT_NE(found, by_token.end()) << sent.token << " (" << sent.reference << ") is lost";
      ASSERT_EQ(found->second.size(), 1U) << sent.token << " is stored more than once";
      EXPECT_EQ(found->second.front(), sent.reference) << sent.token;
      retried += sent.retried ? 1 : 0;
      replayed += sent.replayed ? 1 : 0;
    }
    EXPECT_EQ(by_token.size(), sent_.size()) << "cases that no request made";
    EXPECT_EQ(without_history, 0);
    std::cout << "[ crash    ] " << sent_.size() << " requests, " << retried
              << " sent again after a kill (" << replayed
              << " of them stored before it: answered from their key), every one stored once\n";

    if (GetParam() == Backend::kSqlite) {
      std::vector<std::string> verdicts;
      auto checked = store->Read([&](store::ReadTx& tx) {
        return tx.session().Query("PRAGMA integrity_check", {}, [&](const store::SqlRow& row) {
          verdicts.push_back(row.String(0));
        });
      });
      ASSERT_TRUE(checked) << checked.error().message();
      EXPECT_EQ(verdicts, std::vector<std::string>{"ok"});
    }
  }

  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServeProcess> server_;
  std::string staff_key_;
  std::string open311_key_;
  std::vector<Sent> sent_;
};

TEST_P(CrashTest, EveryAcknowledgedCreateSurvivesSigkillExactlyOnce) {
  // Several rounds on SQLite, where each costs well under two seconds; PostgreSQL's are
  // slower to start and the server is shared with other suites.
  const int rounds = GetParam() == Backend::kSqlite ? 12 : 8;
  std::mt19937 rng(std::random_device{}());
  for (int round = 0; round < rounds; ++round) {
    CrashRound(round, rng);
    if (HasFatalFailure()) {
      return;
    }
  }
  EXPECT_EQ(server_->Stop(), 0);
  CheckEveryRequestStoredOnce();
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
