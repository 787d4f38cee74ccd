// Each role against each staff API route, over real sockets on SQLite and PostgreSQL: the
// routes come from the tables that register them (api::StaffRouteTable), the answers expected
// from the access policy (core/access.hpp), so a route added without thought, or a policy
// that drifts from what the routes enforce, fails here. Also: staff sessions by cookie, the
// CSRF token their unsafe requests need, and Open311 keys kept out.
#include "frontdoor/api/staff_access.hpp"

#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/api/attachment_routes.hpp"
#include "frontdoor/api/knowledge_routes.hpp"
#include "frontdoor/api/search_routes.hpp"
#include "frontdoor/api/staff_api.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/core/access.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/staff_auth.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

// How a caller proves who it is: a bearer key, or a session cookie with its CSRF token.
struct Credentials {
  std::string name;
  access::Principal principal;
  std::string bearer;
  std::string cookie;
  std::string csrf;
};

struct Answer {
  int status = 0;
  std::string body;
};

class StaffAccessTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(AddTwoDepartments(*store_, clock_));
    own_case_ = Raise("BIN");
    other_case_ = Raise("LIC");
    People();
    const http::Execution reads = Reads();
    api::AddStaffApiRoutes(router_, *ctx_, reads);
    api::AddAttachmentRoutes(router_, *ctx_, reads);
    // Review dates in UTC (a null zone): no test here depends on the day.
    knowledge_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{*store_, clock_, knowledge_index_, nullptr});
    api::AddKnowledgeRoutes(router_, *knowledge_, reads);
    ASSERT_TRUE(usecase::LoadCaseIndex(*store_, case_index_));
    search_ =
        std::make_unique<api::SearchContext>(api::SearchContext{*store_, clock_, case_index_});
    api::AddSearchRoutes(router_, *search_, reads);
    server_ = TestServer::Start(router_, 2, 4);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  std::string Raise(const std::string& service) {
    usecase::NewCase input;
    input.service_code = service;
    input.channel = "phone";
    input.description = "Raised for the access test";
    input.actor = "system";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : "";
  }

  // One person per role, all in CNS but the admin; a staff key and an Open311 key.
  void People() {
    const std::vector<std::pair<std::string, std::optional<std::string>>> people{
        {"agent", "CNS"}, {"officer", "CNS"}, {"manager", "CNS"}, {"admin", std::nullopt}};
    for (const auto& [role, department] : people) {
      const std::string email = role + "@council.example";
      auto added = usecase::AddStaffUser(
          *store_, clock_, {email, role, role, department, std::string(kStaffPassword)});
      ASSERT_TRUE(added) << added.error().message();
      auto signed_in =
          usecase::SignIn(*store_, clock_, passwords_,
                          {email, std::string(kStaffPassword), "127.0.0.1", std::nullopt});
      ASSERT_TRUE(signed_in) << signed_in.error().message();
      callers_.push_back(
          {role, signed_in->principal, "", signed_in->token, signed_in->session.csrf_token});
    }
    const auto staff_key = NewApiKey(*store_, clock_, "crm", "staff");
    const auto open311_key = NewApiKey(*store_, clock_, "fixmystreet", "open311");
    ASSERT_FALSE(staff_key.empty() || open311_key.empty());
    callers_.push_back(
        {"staff key", {"apikey:crm", access::Role::kStaffKey, {}, {}}, staff_key, "", ""});
    callers_.push_back({"open311 key",
                        {"apikey:fixmystreet", access::Role::kOpen311Key, {}, {}},
                        open311_key,
                        "",
                        ""});
  }

  Answer Send(std::string_view method, const std::string& target, const Credentials& who,
              std::string_view body = "{}", bool with_csrf = true) {
    std::string request = std::string(method) + " " + target + " HTTP/1.1\r\nHost: test\r\n";
    if (!who.bearer.empty()) {
      request += "Authorization: Bearer " + who.bearer + "\r\n";
    }
    if (!who.cookie.empty()) {
      request += "Cookie: fd_staff=" + who.cookie + "\r\n";
      if (with_csrf) {
        request += "X-CSRF-Token: " + who.csrf + "\r\n";
      }
    }
    if (method == "POST" || method == "PUT") {
      request +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n";
    } else {
      body = {};
    }
    request += "Connection: close\r\n\r\n";
    request += body;
    const std::string raw = HttpRequest(port_, request);
    return {StatusOf(raw), BodyOf(raw)};
  }

  // The route's pattern with its parameters filled in, for a case of `reference`.
  static std::string Target(std::string_view pattern, const std::string& reference) {
    std::string target(pattern);
    const std::map<std::string, std::string> values{
        {"{reference}", reference}, {"{code}", "BIN"}, {"{id}", "1"}, {"{version}", "1"}};
    for (const auto& [name, value] : values) {
      for (auto at = target.find(name); at != std::string::npos; at = target.find(name)) {
        target.replace(at, name.size(), value);
      }
    }
    return target;
  }

  usecase::KnowledgeIndex knowledge_index_;
  std::unique_ptr<usecase::KnowledgeContext> knowledge_;
  usecase::PasswordChecker passwords_{2};
  std::vector<Credentials> callers_;
  std::string own_case_;    // a CNS case
  std::string other_case_;  // a PE case
  usecase::CaseSearchIndex case_index_;
  std::unique_ptr<api::SearchContext> search_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

// Every authenticated API route: the staff API's table (cases, attachments) and the
// knowledge base's.
std::vector<api::StaffRouteAccess> AllRoutes() {
  auto table = api::StaffRouteTable();
  for (const auto& route : api::KnowledgeRouteTable()) {
    table.push_back(route);
  }
  return table;
}

// Allowed: anything but 401 and 403 (an empty body is refused later, with 422 or 404, which
// changes nothing). Refused: 403, or 404 from a route that checks nothing before the case.
TEST_P(StaffAccessTest, EachRoleGetsWhatThePolicyGrantsOnEachRoute) {
  const auto table = AllRoutes();
  ASSERT_GE(table.size(), 31U);
  int checked = 0;
  for (const auto& route : table) {
    for (const auto& who : callers_) {
      for (const bool own : {true, false}) {
        const std::string reference = own ? own_case_ : other_case_;
        const std::optional<std::string> department =
            access::IsCaseScoped(route.action) ? std::optional<std::string>(own ? "CNS" : "PE")
                                               : std::nullopt;
        const bool allowed = access::Allows(who.principal, route.action, department);
        const Answer answer =
            Send(http::MethodName(route.method), Target(route.pattern, reference), who);
        const std::string what = who.name + " " + std::string(http::MethodName(route.method)) +
                                 " " + std::string(route.pattern) + (own ? " (own)" : " (other)") +
                                 ": " + std::to_string(answer.status) + " " + answer.body;
        if (allowed) {
          EXPECT_NE(answer.status, 401) << what;
          EXPECT_NE(answer.status, 403) << what;
          EXPECT_LT(answer.status, 500) << what;
        } else {
          EXPECT_EQ(answer.status, 403) << what;
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(table.size() * callers_.size() * 2));
}

TEST_P(StaffAccessTest, EveryAuthenticatedApiRouteIsInTheTable) {
  const auto table = AllRoutes();
  for (const auto& route : router_.routes()) {
    if (route.pattern == "/api/v1/openapi.json" || route.pattern.rfind("/api/v1/", 0) != 0) {
      continue;
    }
    const bool listed = std::any_of(table.begin(), table.end(), [&](const auto& row) {
      return row.method == route.method && row.pattern == route.pattern;
    });
    EXPECT_TRUE(listed) << route.pattern;
  }
}

const Credentials& Who(const std::vector<Credentials>& callers, std::string_view name) {
  return *std::find_if(callers.begin(), callers.end(),
                       [&](const Credentials& c) { return c.name == name; });
}

TEST_P(StaffAccessTest, AnAgentClosesACaseOfTheirDepartmentButNotAnothersAndNotesBoth) {
  const auto& agent = Who(callers_, "agent");
  const std::string close = R"({"status": "closed", "public_note": "Sorted"})";
  EXPECT_EQ(Send("POST", "/api/v1/cases/" + other_case_ + "/transitions", agent, close).status,
            403);
  EXPECT_EQ(Send("POST", "/api/v1/cases/" + own_case_ + "/transitions", agent, close).status, 200);
  const std::string note = R"({"body": "Customer rang again"})";
  EXPECT_EQ(Send("POST", "/api/v1/cases/" + other_case_ + "/notes", agent, note).status, 201);
}

TEST_P(StaffAccessTest, ACookieSessionNeedsItsCsrfTokenToChangeAnything) {
  const auto& officer = Who(callers_, "officer");
  const std::string note = R"({"body": "Visited"})";
  const std::string target = "/api/v1/cases/" + own_case_ + "/notes";
  EXPECT_EQ(Send("POST", target, officer, note, false).status, 403);
  Credentials forged = officer;
  forged.csrf = std::string(64, 'a');
  EXPECT_EQ(Send("POST", target, forged, note).status, 403);
  EXPECT_EQ(Send("POST", target, officer, note).status, 201);
  // Reading needs no token.
  EXPECT_EQ(Send("GET", "/api/v1/cases/" + own_case_, officer, "", false).status, 200);
}

TEST_P(StaffAccessTest, AnEndedSessionIsUnauthenticated) {
  auto officer = Who(callers_, "officer");
  ASSERT_TRUE(usecase::SignOut(*store_, officer.cookie));
  EXPECT_EQ(Send("GET", "/api/v1/cases/" + own_case_, officer).status, 401);
  auto manager = Who(callers_, "manager");
  clock_.Advance(std::chrono::minutes(31));
  EXPECT_EQ(Send("GET", "/api/v1/cases/" + own_case_, manager).status, 401);
  Credentials nobody{"nobody", {}, "", "", ""};
  EXPECT_EQ(Send("GET", "/api/v1/cases", nobody).status, 401);
  nobody.cookie = std::string(64, '0');
  EXPECT_EQ(Send("GET", "/api/v1/cases", nobody).status, 401);
}

TEST_P(StaffAccessTest, UnknownCaseOnACaseActionIsNotFoundForEveryone) {
  for (const auto& who : callers_) {
    if (who.principal.role == access::Role::kOpen311Key) {
      continue;
    }
    EXPECT_EQ(Send("POST", "/api/v1/cases/BCC-26-999999/notes", who, R"({"body": "x"})").status,
              404)
        << who.name;
    EXPECT_EQ(Send("POST", "/api/v1/cases/not-a-reference/notes", who, R"({"body": "x"})").status,
              404)
        << who.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffAccessTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
