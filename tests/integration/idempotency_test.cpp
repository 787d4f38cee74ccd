// Idempotency-Key on the creates (staff API cases, customers, interactions; Open311 POST
// requests) over real sockets against SQLite and PostgreSQL: a retried request is answered
// again and creates nothing, concurrent duplicates make one case, a key reused for another
// request is refused, keys belong to one client and expire after 24 hours.
#include "frontdoor/store/idempotency.hpp"

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/open311.hpp"
#include "frontdoor/api/staff_api.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"
#include "frontdoor/usecase/idempotency.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

namespace json = boost::json;

// 2026-03-02T10:00:00Z, a Monday in GMT.

struct Reply {
  int status = 0;
  std::string head;
  std::string body;

  [[nodiscard]] bool HasHeader(std::string_view line) const {
    return head.find("\r\n" + std::string(line) + "\r\n") != std::string::npos;
  }
  [[nodiscard]] json::value Json() const {
    boost::system::error_code ec;
    auto value = json::parse(body, ec);
    return ec ? json::value(nullptr) : value;
  }
  // The field a 4xx names first, empty when none.
  [[nodiscard]] std::string Field() const {
    const auto value = Json();
    const auto* error = value.is_object() ? value.as_object().if_contains("error") : nullptr;
    const auto* field = error ? error->as_object().if_contains("field") : nullptr;
    return field && field->is_string() ? std::string(field->as_string()) : "";
  }
};

std::string Describe(const Reply& reply) {
  return std::to_string(reply.status) + " " + reply.body;
}

class IdempotencyTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    for (auto [name, scope, key] :
         {std::tuple{"desk", "staff", &key_}, std::tuple{"other-desk", "staff", &other_key_},
          std::tuple{"reporter", "open311", &open311_key_}}) {
      *key = NewApiKey(*store_, clock_, name, scope);
      ASSERT_FALSE(key->empty());
    }
    const http::Execution reads = Reads();
    api::AddStaffApiRoutes(router_, *ctx_, reads);
    api::AddOpen311Routes(router_, *ctx_,
                          {"http://127.0.0.1:8080/", "belfastcity.gov.uk", "us", "ask us",
                           "2026-01-01T00:00:00+00:00", false},
                          reads);
    server_ = TestServer::Start(router_, 2, 8);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Send(std::string_view method, std::string_view target, std::string_view content_type,
             std::string_view body, std::string_view extra_headers) const {
    std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
    request += "Host: test\r\n";
    request += extra_headers;
    request += "Content-Type: " + std::string(content_type) + "\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += "Connection: close\r\n\r\n";
    request += body;
    const std::string raw = HttpRequest(port_, request);
    return {StatusOf(raw), raw.substr(0, raw.find("\r\n\r\n")), BodyOf(raw)};
  }

  // A staff API POST with the desk's key (or `bearer`) and, unless empty, an Idempotency-Key.
  Reply Post(std::string_view target, const json::value& body, std::string_view key,
             const std::string& bearer = "") const {
    std::string headers = "Authorization: Bearer " + (bearer.empty() ? key_ : bearer) + "\r\n";
    if (!key.empty()) {
      headers += "Idempotency-Key: " + std::string(key) + "\r\n";
    }
    return Send("POST", target, "application/json", json::serialize(body), headers);
  }

  int CountCases() {
    auto page = usecase::ListCases(*ctx_, {}, std::nullopt);
    EXPECT_TRUE(page);
    return page ? static_cast<int>(page->cases.size()) : -1;
  }

  void CreateCatalogue() {
    ASSERT_EQ(Post("/api/v1/departments", {{"code", "CNS"}, {"name", "City Services"}}, "").status,
              201);
    ASSERT_EQ(Post("/api/v1/teams",
                   {{"code", "CLEANSE"}, {"name", "Cleansing"}, {"department_code", "CNS"}}, "")
                  .status,
              201);
    const auto reply = Post("/api/v1/services",
                            {{"code", "FLY"},
                             {"name", "Fly-tipping"},
                             {"department_code", "CNS"},
                             {"default_team_code", "CLEANSE"},
                             {"case_type", "request"},
                             {"channels", json::array{"web", "phone"}}},
                            "");
    ASSERT_EQ(reply.status, 201) << Describe(reply);
  }

  static json::object NewCase(std::string_view description = "Mattress in the entry") {
    return {{"service_code", "FLY"},
            {"description", description},
            {"lat", 54.6},
            {"long", -5.93},
            {"channel", "phone"}};
  }

  std::string key_;
  std::string other_key_;
  std::string open311_key_;
  usecase::CatalogueCache catalogue_cache_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(IdempotencyTest, RetriedCreateIsAnsweredAgainAndMakesOneCase) {
  CreateCatalogue();
  const auto first = Post("/api/v1/cases", NewCase(), "retry-1");
  ASSERT_EQ(first.status, 201) << Describe(first);
  EXPECT_FALSE(first.HasHeader("Idempotent-Replayed: true"));
  const auto again = Post("/api/v1/cases", NewCase(), "retry-1");
  EXPECT_EQ(again.status, 201) << Describe(again);
  EXPECT_EQ(again.body, first.body);
  EXPECT_TRUE(again.HasHeader("Idempotent-Replayed: true")) << again.head;
  const auto reference = std::string(first.Json().at("reference").as_string());
  EXPECT_TRUE(again.HasHeader("Location: /api/v1/cases/" + reference)) << again.head;
  EXPECT_EQ(CountCases(), 1);

  // Without a key, each request is a new case, as before.
  EXPECT_EQ(Post("/api/v1/cases", NewCase(), "").status, 201);
  EXPECT_EQ(Post("/api/v1/cases", NewCase(), "").status, 201);
  EXPECT_EQ(CountCases(), 3);
}

TEST_P(IdempotencyTest, KeyReusedForAnotherRequestIs422NamingTheHeader) {
  CreateCatalogue();
  ASSERT_EQ(Post("/api/v1/cases", NewCase(), "k").status, 201);
  const auto other = Post("/api/v1/cases", NewCase("Sofa"), "k");
  EXPECT_EQ(other.status, 422) << Describe(other);
  EXPECT_EQ(other.Field(), "Idempotency-Key");
  // Another route is another request too.
  const auto customer = Post("/api/v1/customers", {{"first_name", "Ann"}}, "k");
  EXPECT_EQ(customer.status, 422) << Describe(customer);
  EXPECT_EQ(CountCases(), 1);
}

TEST_P(IdempotencyTest, KeysBelongToOneClient) {
  CreateCatalogue();
  const auto mine = Post("/api/v1/cases", NewCase(), "shared-key");
  const auto theirs = Post("/api/v1/cases", NewCase(), "shared-key", other_key_);
  ASSERT_EQ(mine.status, 201);
  ASSERT_EQ(theirs.status, 201);
  EXPECT_FALSE(theirs.HasHeader("Idempotent-Replayed: true"));
  EXPECT_NE(mine.Json().at("reference"), theirs.Json().at("reference"));
  EXPECT_EQ(CountCases(), 2);
}

TEST_P(IdempotencyTest, MalformedKeysAre422NamingTheHeader) {
  CreateCatalogue();
  for (const std::string& key :
       {std::string(256, 'k'), std::string("caf\xc3\xa9"), std::string("tab\tinside")}) {
    const auto reply = Post("/api/v1/cases", NewCase(), key);
    EXPECT_EQ(reply.status, 422) << Describe(reply);
    EXPECT_EQ(reply.Field(), "Idempotency-Key") << Describe(reply);
  }
  // An empty value is no key at all to some clients, but it cannot identify a request.
  const auto empty = Send("POST", "/api/v1/cases", "application/json", json::serialize(NewCase()),
                          "Authorization: Bearer " + key_ + "\r\nIdempotency-Key:\r\n");
  EXPECT_EQ(empty.status, 422) << Describe(empty);
  EXPECT_EQ(Post("/api/v1/cases", NewCase(), std::string(255, 'k')).status, 201);
  EXPECT_EQ(CountCases(), 1);
}

TEST_P(IdempotencyTest, ConcurrentDuplicatesMakeOneCaseAndAllGetItsAnswer) {
  CreateCatalogue();
  for (int round = 0; round < 3; ++round) {
    const std::string key = "burst-" + std::to_string(round);
    std::vector<Reply> replies(8);
    std::atomic<bool> go{false};
    std::vector<std::thread> clients;
    for (auto& reply : replies) {
      clients.emplace_back([&] {
        while (!go.load()) {
          std::this_thread::yield();
        }
        reply = Post("/api/v1/cases", NewCase(), key);
      });
    }
    go.store(true);
    for (auto& client : clients) {
      client.join();
    }
    int fresh = 0;
    for (const auto& reply : replies) {
      ASSERT_EQ(reply.status, 201) << Describe(reply);
      EXPECT_EQ(reply.body, replies.front().body);
      fresh += reply.HasHeader("Idempotent-Replayed: true") ? 0 : 1;
    }
    EXPECT_EQ(fresh, 1);
    EXPECT_EQ(CountCases(), round + 1);
  }
}

TEST_P(IdempotencyTest, FailedRequestsAreNotKeptSoTheRetryRuns) {
  // No catalogue yet: the service is unknown.
  const auto early = Post("/api/v1/cases", NewCase(), "early");
  ASSERT_EQ(early.status, 422) << Describe(early);
  CreateCatalogue();
  const auto later = Post("/api/v1/cases", NewCase(), "early");
  EXPECT_EQ(later.status, 201) << Describe(later);
  EXPECT_FALSE(later.HasHeader("Idempotent-Replayed: true"));
}

TEST_P(IdempotencyTest, KeysExpireAfter24HoursAndAreSwept) {
  CreateCatalogue();
  ASSERT_EQ(Post("/api/v1/cases", NewCase(), "daily").status, 201);
  clock_.Advance(std::chrono::hours(23));
  EXPECT_TRUE(Post("/api/v1/cases", NewCase(), "daily").HasHeader("Idempotent-Replayed: true"));
  EXPECT_EQ(CountCases(), 1);
  clock_.Advance(std::chrono::hours(2));
  // Not yet swept: an expired key is still taken as new.
  const auto next_day = Post("/api/v1/cases", NewCase(), "daily");
  EXPECT_EQ(next_day.status, 201);
  EXPECT_FALSE(next_day.HasHeader("Idempotent-Replayed: true"));
  EXPECT_EQ(CountCases(), 2);
  ASSERT_EQ(Post("/api/v1/cases", NewCase(), "other").status, 201);
  clock_.Advance(std::chrono::hours(25));
  auto purged = usecase::PurgeExpiredIdempotencyKeys(*store_, clock_);
  ASSERT_TRUE(purged) << purged.error().message();
  EXPECT_EQ(*purged, 2);
  auto again = usecase::PurgeExpiredIdempotencyKeys(*store_, clock_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

TEST_P(IdempotencyTest, CustomersAndInteractionsAreCreatedOnce) {
  CreateCatalogue();
  const json::object ann{{"first_name", "Ann"}, {"email", "ann@example.org"}};
  const auto customer = Post("/api/v1/customers", ann, "cust-1");
  ASSERT_EQ(customer.status, 201) << Describe(customer);
  const auto customer_again = Post("/api/v1/customers", ann, "cust-1");
  EXPECT_EQ(customer_again.body, customer.body);
  EXPECT_TRUE(customer_again.HasHeader("Idempotent-Replayed: true"));
  const auto id = customer.Json().at("id").as_int64();
  EXPECT_TRUE(customer_again.HasHeader("Location: /api/v1/customers/" + std::to_string(id)));
  EXPECT_EQ(Post("/api/v1/customers", ann, "cust-2").Json().at("id").as_int64(), id + 1);

  const json::object call{{"customer_id", id},
                          {"channel", "phone"},
                          {"outcome", "information_given"},
                          {"summary", "Asked about bin days"}};
  const auto logged = Post("/api/v1/interactions", call, "call-1");
  ASSERT_EQ(logged.status, 201) << Describe(logged);
  const auto logged_again = Post("/api/v1/interactions", call, "call-1");
  EXPECT_EQ(logged_again.body, logged.body);
  EXPECT_TRUE(logged_again.HasHeader("Idempotent-Replayed: true"));
  const auto next = Post("/api/v1/interactions", call, "call-2");
  EXPECT_EQ(next.Json().at("id").as_int64(), logged.Json().at("id").as_int64() + 1);
}

TEST_P(IdempotencyTest, Open311PostRequestsHonourTheKey) {
  CreateCatalogue();
  const std::string form =
      "api_key=" + open311_key_ + "&service_code=FLY&lat=54.6&long=-5.93&description=Bags+dumped";
  auto post = [&](std::string_view key) {
    return Send("POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", form,
                key.empty() ? std::string() : "Idempotency-Key: " + std::string(key) + "\r\n");
  };
  const auto first = post("o-1");
  ASSERT_EQ(first.status, 200) << Describe(first);
  const auto again = post("o-1");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_TRUE(again.HasHeader("Idempotent-Replayed: true"));
  EXPECT_TRUE(again.HasHeader("Content-Type: application/json; charset=utf-8")) << again.head;
  EXPECT_EQ(CountCases(), 1);
  // The XML resource is another request: the key cannot be reused for it.
  const auto xml = Send("POST", "/open311/v2/requests.xml", "application/x-www-form-urlencoded",
                        form, "Idempotency-Key: o-1\r\n");
  EXPECT_EQ(xml.status, 400) << Describe(xml);
  EXPECT_NE(xml.body.find("Idempotency-Key"), std::string::npos) << xml.body;
  // FixMyStreet sends no key: every POST is a report.
  EXPECT_EQ(post("").status, 200);
  EXPECT_EQ(CountCases(), 2);
}

// With the catalogue in memory a create takes its key from there and confirms it itself; a
// retry may be answered from the stored response without a create, so it must not.
TEST_P(IdempotencyTest, ARetryWithARevokedOpen311KeyIsRefused) {
  CreateCatalogue();
  ctx_->catalogue_cache = &catalogue_cache_;
  const std::string form =
      "api_key=" + open311_key_ + "&service_code=FLY&lat=54.6&long=-5.93&description=Bags+dumped";
  auto post = [&](std::string_view key) {
    return Send("POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", form,
                "Idempotency-Key: " + std::string(key) + "\r\n");
  };
  ASSERT_EQ(post("r-1").status, 200);
  ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto done = tx.session().Exec("UPDATE api_key SET revoked_at = ? WHERE name = 'reporter'",
                                  {ToUnixMicros(clock_.Now())});
    if (!done) {
      return done.error();
    }
    return {};
  }));
  const auto again = post("r-1");
  EXPECT_EQ(again.status, 403) << Describe(again);
  EXPECT_EQ(CountCases(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, IdempotencyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

// --- The repository alone: the unique key decides between racing writers. ---

class IdempotencyStoreTest : public ::testing::TestWithParam<Backend> {};

TEST_P(IdempotencyStoreTest, SecondInsertOfALiveKeyIsRefusedAndAnExpiredOneReplaced) {
  auto database = NewTestDatabase(GetParam());
  const ManualClock clock{FromUnixMicros(kMondayMorning)};
  auto store = OpenTestStore(*database, clock);
  ASSERT_TRUE(store->Migrate());
  store::IdempotencyRecord record{"apikey:a",         "k",          "f1", 201,
                                  "application/json", std::nullopt, "{}", clock.Now()};
  auto insert = [&](const store::IdempotencyRecord& r, Instant live_since) {
    return store::WriteValue<bool>(*store, [&](store::WriteTx& tx) {
      return store::IdempotencyKeys(tx).Insert(r, live_since);
    });
  };
  const Instant day_ago = clock.Now() - std::chrono::hours(24);
  EXPECT_EQ(insert(record, day_ago).value(), true);
  record.fingerprint = "f2";
  EXPECT_EQ(insert(record, day_ago).value(), false);
  // A day later the first record is dead, and its key may be used again.
  record.created_at = clock.Now() + std::chrono::hours(25);
  EXPECT_EQ(insert(record, clock.Now() + std::chrono::hours(1)).value(), true);
  auto found =
      store::ReadValue<std::optional<store::IdempotencyRecord>>(*store, [&](store::ReadTx& tx) {
        return store::IdempotencyKeys(tx).Find("apikey:a", "k", clock.Now());
      });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->fingerprint, "f2");
  EXPECT_EQ((*found)->status, 201U);
  EXPECT_FALSE((*found)->location.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, IdempotencyStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
