// Hostile input over the network against the real `frontdoor serve` (issue #8): slow bodies,
// crowds of clients, invalid UTF-8 everywhere, CR/LF aimed at headers we write, path
// traversal in /media/ and /assets/, SQL injection in every list filter. Every attempt gets
// a 4xx (or an empty answer), never a 5xx or a hang; the server keeps serving others
// meanwhile and the database is unharmed afterwards. http_server_test.cpp covers the
// server's own limits (413, 431, bad request lines, idle and stalled headers).
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/form.hpp"

#include "process.hpp"
#include "raw_client.hpp"
#include "serve_process.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// Payloads that break a query built by pasting strings together.
const std::vector<std::string>& Injections() {
  static const std::vector<std::string> payloads = {
      "' OR '1'='1",
      "1; DROP TABLE service_case; --",
      "\" OR 1=1 --",
      "%' UNION SELECT sqlite_version(), 2, 3 --",
      "1) OR (1=1",
      "x'||(SELECT count(*) FROM api_key)||'",
      "FLY' --",
      "$1",
      "?",
  };
  return payloads;
}

// The array that holds a list answer: the body itself (Open311) or one of its members.
const boost::json::array* ListIn(const boost::json::value& value, std::string_view member) {
  if (member.empty()) {
    return value.is_array() ? &value.as_array() : nullptr;
  }
  const auto* found = value.is_object() ? value.as_object().if_contains(member) : nullptr;
  return found != nullptr && found->is_array() ? &found->as_array() : nullptr;
}

class HostileInputTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"migrate", "--db", database_->url}).exit_code, 0);
    staff_key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_->url, "desk", "staff");
    open311_key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, database_->url, "reporter", "open311");
    ASSERT_FALSE(staff_key_.empty());
    ASSERT_FALSE(open311_key_.empty());
    // A short read timeout, so that the slow-client test need not wait 15 s. The child
    // inherits the environment; nothing else in this process reads it.
    setenv("FRONTDOOR_READ_TIMEOUT_MS", "5000", 1);  // NOLINT(concurrency-mt-unsafe)
    server_ = std::make_unique<ServeProcess>(FRONTDOOR_BINARY, database_->url);
    const bool started = server_->Start();
    unsetenv("FRONTDOOR_READ_TIMEOUT_MS");  // NOLINT(concurrency-mt-unsafe)
    ASSERT_TRUE(started);
    ASSERT_TRUE(CreateFlyTippingService(port(), staff_key_));
    const auto created = Staff("POST", "/api/v1/cases",
                               R"({"service_code": "FLY", "channel": "phone", "lat": 54.597,)"
                               R"( "long": -5.93, "description": "Sofa dumped in the entry"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto reported = Call(
        port(), "POST", "/open311/v2/requests.json", "", "application/x-www-form-urlencoded",
        "api_key=" + open311_key_ + "&service_code=FLY&lat=54.6&long=-5.92&description=Mattress");
    ASSERT_EQ(reported.status, 200) << reported.body;  // Open311 answers a create 200
  }

  [[nodiscard]] std::uint16_t port() const { return server_->port(); }

  HttpReply Staff(std::string_view method, const std::string& target, std::string_view body = {},
                  std::string_view content_type = "application/json") const {
    return Call(port(), method, target, "Authorization: Bearer " + staff_key_ + "\r\n",
                body.empty() ? std::string_view() : content_type, body);
  }

  // What the database holds as the outside sees it: every case, through the staff API.
  std::string EveryCase() const {
    const auto reply = Staff("GET", "/api/v1/cases?limit=200");
    EXPECT_EQ(reply.status, 200) << reply.body;
    boost::system::error_code ec;
    const auto value = boost::json::parse(reply.body, ec);
    const auto* cases = ec ? nullptr : ListIn(value, "cases");
    EXPECT_NE(cases, nullptr) << reply.body;
    return cases == nullptr ? "" : boost::json::serialize(*cases);
  }

  // A hostile request is answered 4xx or, if 200, with an empty list; the answer is valid
  // UTF-8 either way (it may quote what was sent).
  static void ExpectRefusedOrEmpty(const HttpReply& reply, std::string_view list_member,
                                   const std::string& what) {
    ASSERT_NE(reply.status, 0) << what << ": no answer";
    EXPECT_LT(reply.status, 500) << what << ": " << reply.body;
    EXPECT_TRUE(IsValidUtf8(reply.body)) << what;
    if (reply.status != 200) {
      EXPECT_GE(reply.status, 400) << what;
      return;
    }
    boost::system::error_code ec;
    const auto value = boost::json::parse(reply.body, ec);
    ASSERT_FALSE(ec) << what << ": " << reply.body;
    const auto* list = ListIn(value, list_member);
    ASSERT_NE(list, nullptr) << what << ": " << reply.body;
    EXPECT_TRUE(list->empty()) << what << " matched something: " << reply.body;
  }

  std::unique_ptr<TestDatabase> database_;
  std::string staff_key_;
  std::string open311_key_;
  std::unique_ptr<ServeProcess> server_;
};

TEST_P(HostileInputTest, SqlInjectionInEveryListFilterIsRefusedOrMatchesNothing) {
  const std::string before = EveryCase();
  const std::vector<std::string> case_filters = {
      "service_code", "status",     "team",         "assignee", "customer_id",
      "created_from", "created_to", "updated_from", "limit",    "cursor"};
  const std::vector<std::string> customer_filters = {"name",     "email",     "phone",
                                                     "postcode", "reference", "limit"};
  const std::vector<std::string> open311_filters = {
      "service_request_id", "service_code", "status", "start_date", "end_date", "jurisdiction_id"};
  for (const auto& payload : Injections()) {
    const auto value = http::PercentEncode(payload);
    for (const auto& filter : case_filters) {
      ExpectRefusedOrEmpty(Staff("GET", "/api/v1/cases?" + filter + "=" + value), "cases",
                           "cases " + filter + "=" + payload);
    }
    for (const auto& filter : customer_filters) {
      ExpectRefusedOrEmpty(Staff("GET", "/api/v1/customers?" + filter + "=" + value), "customers",
                           "customers " + filter + "=" + payload);
    }
    for (const auto& filter : open311_filters) {
      ExpectRefusedOrEmpty(Call(port(), "GET", "/open311/v2/requests.json?" + filter + "=" + value),
                           "", "open311 " + filter + "=" + payload);
    }
    ExpectRefusedOrEmpty(Call(port(), "GET", "/open311/v2/requests/" + value + ".json"), "",
                         "open311 request id " + payload);
    const auto one = Staff("GET", "/api/v1/cases/" + value);
    EXPECT_TRUE(one.status == 400 || one.status == 404) << payload << ": " << one.status;
  }
  // Unharmed: the same cases, and both APIs still answer.
  EXPECT_EQ(EveryCase(), before);
  EXPECT_EQ(Call(port(), "GET", "/open311/v2/requests.json").status, 200);
  EXPECT_EQ(Call(port(), "GET", "/readyz").status, 200);
}

TEST_P(HostileInputTest, InvalidUtf8InPathQueryHeadersAndBodiesIs4xx) {
  struct Attempt {
    std::string what;
    std::string request;  // raw bytes
  };
  const std::string auth = "Authorization: Bearer " + staff_key_ + "\r\n";
  const std::string json_case = "{\"service_code\": \"FLY\", \"description\": \"\xC3\x28\"}";
  const std::string form = "api_key=" + open311_key_ + "&service_code=FLY&lat=54.6&long=-5.9" +
                           "&description=%C3%28&first_name=%FF%FE";
  const std::vector<Attempt> attempts = {
      {"raw bytes in the path",
       "GET /api/v1/cases/\xFF\xFE HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
      {"encoded bytes in the path",
       "GET /api/v1/cases/%FF%FE HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
      {"an overlong encoding in the path",
       "GET /open311/v2/requests/%C0%AE%C0%AE.json HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"a query value",
       "GET /api/v1/cases?service_code=%C3%28 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
      {"a query name", "GET /api/v1/cases?%ED%A0%80=1 HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"},
      {"an Open311 query", "GET /open311/v2/requests.json?status=%FF HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"the bearer token",
       "GET /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xFF\xFE\xC3\x28\r\n\r\n"},
      {"a JSON body", "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n" + auth +
                          "Content-Type: application/json\r\nContent-Length: " +
                          std::to_string(json_case.size()) + "\r\n\r\n" + json_case},
      {"an Open311 form body",
       "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
       "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(form.size()) + "\r\n\r\n" + form},
      {"the content type",
       "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Type: \xFF/\xFE\r\n"
       "Content-Length: 3\r\n\r\na=b"},
  };
  for (const auto& attempt : attempts) {
    const auto response = HttpRequest(port(), attempt.request);
    const int status = StatusOf(response);
    EXPECT_GE(status, 400) << attempt.what << ": " << response;
    EXPECT_LT(status, 500) << attempt.what << ": " << response;
    EXPECT_TRUE(IsValidUtf8(BodyOf(response))) << attempt.what << ": " << response;
  }
  // A header we never read may hold anything.
  const auto health =
      HttpRequest(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Note: \xC3\x28\r\n\r\n");
  EXPECT_EQ(StatusOf(health), 200) << health;
}

TEST_P(HostileInputTest, CrLfSentToBeEchoedNeverBecomesAHeader) {
  const std::vector<std::string> targets = {
      "/open311/v2/requests/x%0D%0ASet-Cookie:%20evil=1.json",
      "/open311/v2/services/FLY%0D%0ASet-Cookie:%20evil=1.xml",
      "/open311/v2/services.x%0D%0ASet-Cookie:%20evil=1",
      "/open311/v2/requests.json?service_request_id=%0D%0ASet-Cookie:%20evil=1",
      "/open311/v2/requests.json?jurisdiction_id=x%0D%0ASet-Cookie:%20evil=1",
      "/api/v1/cases/BCC%0D%0ASet-Cookie:%20evil=1",
      "/api/v1/cases?status=x%0D%0ASet-Cookie:%20evil=1",
      "/api/v1/cases?x%0D%0ASet-Cookie:%20evil=1=1",
      "/media/%0D%0ASet-Cookie:%20evil=1.jpg",
      "/assets/%0D%0ASet-Cookie:%20evil=1",
      "/nowhere%0D%0ASet-Cookie:%20evil=1",
  };
  for (const auto& target : targets) {
    // An empty list (200) or a 4xx: either way nothing of it may become a header.
    const auto reply = Staff("GET", target);
    EXPECT_NE(reply.status, 0) << target;
    EXPECT_LT(reply.status, 500) << target << ": " << reply.body;
    EXPECT_EQ(reply.head.find("\nSet-Cookie: evil"), std::string::npos) << target << reply.head;
    EXPECT_EQ(reply.head.find("\nset-cookie: evil"), std::string::npos) << target << reply.head;
  }
  // An Idempotency-Key is stored and compared, never written back as a header of its own.
  const auto create = Call(
      port(), "POST", "/api/v1/cases",
      "Authorization: Bearer " + staff_key_ + "\r\nIdempotency-Key: k%0D%0ASet-Cookie: evil=1\r\n",
      "application/json",
      R"({"service_code": "FLY", "channel": "phone", "lat": 54.6,)"
      R"( "long": -5.9, "description": "key with escapes"})");
  EXPECT_LT(create.status, 500) << create.body;
  EXPECT_EQ(create.head.find("\nSet-Cookie: evil"), std::string::npos) << create.head;
}

TEST_P(HostileInputTest, PathTraversalInMediaAndAssetsReachesNothing) {
  const std::vector<std::string> tricks = {
      "..%2f..%2f..%2fetc%2fpasswd",
      "..%2F..%2F..%2Fetc%2Fpasswd.jpg",
      "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "%2e%2e/%2e%2e/etc/passwd",
      "../../../etc/passwd",
      "..%5c..%5c..%5cetc%5cpasswd",
      "..\\..\\..\\etc\\passwd",
      "....//....//etc/passwd",
      ".%2e/.%2e/CMakeLists.txt",
      "%252e%252e%252fetc%252fpasswd",
      "x%00.jpg",
      "%00",
      "%2fetc%2fpasswd",
      "%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
      ".",
      "..",
  };
  for (const std::string prefix : {"/media/", "/assets/"}) {
    for (const auto& trick : tricks) {
      const auto reply = Call(port(), "GET", prefix + trick);
      const std::string what = prefix + trick;
      ASSERT_NE(reply.status, 0) << what;
      EXPECT_GE(reply.status, 400) << what;
      EXPECT_LT(reply.status, 500) << what << ": " << reply.body;
      EXPECT_EQ(reply.body.find("root:"), std::string::npos) << what;
      EXPECT_EQ(reply.body.find("cmake_minimum_required"), std::string::npos) << what;
    }
  }
  EXPECT_EQ(Call(port(), "GET", "/healthz").status, 200);
}

TEST_P(HostileInputTest, BodiesTrickledByteByByteAreCutWhileOthersAreServed) {
  constexpr int kTricklers = 12;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kTricklers; ++i) {
    auto connection = std::make_unique<RawConnection>(port());
    ASSERT_TRUE(connection->connected());
    // A create on the worker pool (Open311 POST) and a staff create: bodies that would wait
    // for the database once whole.
    const bool open311 = i % 2 == 0;
    const std::string head =
        open311
            ? "POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\n"
              "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
            : "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + staff_key_ +
                  "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    ASSERT_TRUE(connection->Send(head));
    slow.push_back(std::move(connection));
  }
  std::atomic<bool> stop{false};
  std::atomic<int> cut{0};
  const auto started = SteadyClock::now();
  std::thread trickle([&] {
    std::vector<bool> open(slow.size(), true);
    while (!stop.load()) {
      for (std::size_t i = 0; i < slow.size(); ++i) {
        if (open[i] && !slow[i]->Send("a")) {
          open[i] = false;
          cut.fetch_add(1);
        }
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  // Meanwhile everyone else is served promptly.
  int served = 0;
  milliseconds slowest{0};
  // Well inside the read timeout, so every slow client is still connected meanwhile.
  while (SteadyClock::now() - started < milliseconds(3500)) {
    const auto before = SteadyClock::now();
    const auto reply = served % 2 == 0 ? Call(port(), "GET", "/open311/v2/services.json")
                                       : Staff("GET", "/api/v1/cases?limit=5");
    slowest =
        std::max(slowest, std::chrono::duration_cast<milliseconds>(SteadyClock::now() - before));
    ASSERT_EQ(reply.status, 200) << reply.body;
    ++served;
  }
  EXPECT_EQ(cut.load(), 0) << "slow clients were cut before the others were measured";
  // Below the read timeout: a client stuck behind the slow ones would wait for it.
  EXPECT_LT(slowest, milliseconds(2500)) << "a normal client waited behind the slow ones";
  EXPECT_GT(served, 5);
  // The read timeout (5 s here) cut every trickling client: a request must arrive whole.
  for (auto& connection : slow) {
    EXPECT_TRUE(connection->WaitForClose(milliseconds(6000)))
        << "a trickled body held its connection open";
  }
  stop.store(true);
  trickle.join();
  EXPECT_EQ(Call(port(), "GET", "/healthz").status, 200);
}

TEST_P(HostileInputTest, ManyClientsAtOnceAreAllAnswered) {
  constexpr int kThreads = 24;
  constexpr int kConnectionsEach = 8;
  std::atomic<int> answered{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Open them all first, then send: the server holds kThreads * kConnectionsEach
      // connections with a request each at the same moment.
      std::vector<std::unique_ptr<RawConnection>> connections;
      for (int c = 0; c < kConnectionsEach; ++c) {
        connections.push_back(std::make_unique<RawConnection>(port()));
      }
      for (int c = 0; c < kConnectionsEach; ++c) {
        const std::string target = (t + c) % 3 == 0   ? "/open311/v2/requests.json"
                                   : (t + c) % 3 == 1 ? "/open311/v2/services.xml"
                                                      : "/api/v1/cases?limit=3";
        connections[static_cast<std::size_t>(c)]->Send(
            "GET " + target + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + staff_key_ +
            "\r\n\r\n");
      }
      for (auto& connection : connections) {
        const auto response = connection->ReadResponse(milliseconds(20'000));
        (StatusOf(response) == 200 ? answered : failed).fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(answered.load(), kThreads * kConnectionsEach);
  EXPECT_EQ(Call(port(), "GET", "/readyz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileInputTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
