// The staff JSON API (/api/v1) over real sockets against real databases, SQLite and
// PostgreSQL: catalogue, cases, lifecycle, pagination, authentication, hostile input, and
// the OpenAPI document kept in step with the routes.
#include "frontdoor/api/staff_api.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/attachment_routes.hpp"
#include "frontdoor/api/charter_routes.hpp"
#include "frontdoor/api/inbound_email_routes.hpp"
#include "frontdoor/api/knowledge_routes.hpp"
#include "frontdoor/api/search_routes.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/cases.hpp"

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
  std::string head;  // status line and headers
  std::string body;
  json::value json;  // null when the body is not JSON

  // The value of a response header (case-insensitive name), empty when absent.
  [[nodiscard]] std::string Header(std::string_view name) const {
    std::string lower_head = head;
    for (auto& c : lower_head) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string key = "\r\n" + std::string(name) + ": ";
    for (auto& c : key) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const auto at = lower_head.find(key);
    if (at == std::string::npos) {
      return {};
    }
    const auto start = at + key.size();
    return head.substr(start, head.find("\r\n", start) - start);
  }
  // The names of the fields of a 422 body.
  [[nodiscard]] std::set<std::string> Fields() const {
    std::set<std::string> out;
    if (const auto* fields =
            json.is_object() ? json.at("error").as_object().if_contains("fields") : nullptr) {
      for (const auto& field : fields->as_array()) {
        out.insert(std::string(field.at("field").as_string()));
      }
    }
    return out;
  }
  [[nodiscard]] std::string Str(std::string_view key) const {
    const auto* value = json.as_object().if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }
};

std::string Describe(const Reply& reply) {
  return std::to_string(reply.status) + " " + reply.body;
}

class StaffApiTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    key_ = NewApiKey(*store_, clock_, "desk");
    ASSERT_FALSE(key_.empty());
    api::AddStaffApiRoutes(router_, *ctx_, Reads());
    server_ = TestServer::Start(router_, 2, 4, 4 * 1024 * 1024);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Call(std::string_view method, std::string_view target, std::string_view body = {},
             std::optional<std::string> authorization = std::nullopt) {
    std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
    request += "Host: test\r\n";
    const std::string auth = authorization.value_or("Bearer " + key_);
    if (!auth.empty()) {
      request += "Authorization: " + auth + "\r\n";
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
      request += "Content-Type: application/json\r\n";
      request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "Connection: close\r\n\r\n";
    request += body;
    const std::string raw = HttpRequest(port_, request);
    Reply reply;
    reply.status = StatusOf(raw);
    reply.head = raw.substr(0, raw.find("\r\n\r\n"));
    reply.body = BodyOf(raw);
    boost::system::error_code ec;
    reply.json = json::parse(reply.body, ec);
    if (ec) {
      reply.json = nullptr;
    }
    return reply;
  }
  Reply Get(std::string_view target) { return Call("GET", target); }
  Reply Post(std::string_view target, const json::value& body) {
    return Call("POST", target, json::serialize(body));
  }
  Reply Put(std::string_view target, const json::value& body) {
    return Call("PUT", target, json::serialize(body));
  }

  // A department, two teams and a fly-tipping service with a form.
  void CreateCatalogue() {
    ASSERT_EQ(Post("/api/v1/departments", {{"code", "CNS"}, {"name", "City Services"}}).status,
              201);
    for (const char* team : {"CLEANSE-N", "CLEANSE-S"}) {
      const auto reply =
          Post("/api/v1/teams", {{"code", team}, {"name", team}, {"department_code", "CNS"}});
      ASSERT_EQ(reply.status, 201) << Describe(reply);
    }
    const auto reply = Post("/api/v1/services", FlyTippingService());
    ASSERT_EQ(reply.status, 201) << Describe(reply);
    const auto bins = Post("/api/v1/services", {{"code", "BIN"},
                                                {"name", "Missed bin"},
                                                {"department_code", "CNS"},
                                                {"default_team_code", "CLEANSE-N"}});
    ASSERT_EQ(bins.status, 201) << Describe(bins);
  }

  static json::value FlyTippingService() {
    return json::parse(R"({
      "code": "FLY", "name": "Fly-tipping", "description": "Rubbish dumped",
      "keywords": "rubbish,dumping", "group": "Street cleaning", "department_code": "CNS",
      "default_team_code": "CLEANSE-S", "case_type": "request", "channels": ["web", "phone"],
      "attributes": [
        {"code": "quantity", "datatype": "singlevaluelist", "required": true,
         "description": "How much?", "order": 1,
         "values": [{"key": "bag", "name": "A bag or two"}, {"key": "van", "name": "A van load"}]},
        {"code": "waste", "datatype": "multivaluelist", "description": "What kind?", "order": 2,
         "values": [{"key": "household", "name": "Household"}, {"key": "tyres", "name": "Tyres"}]}
      ]})");
  }

  // Raises a fly-tipping case at the point and returns its reference.
  std::string RaiseCase(double lat = 54.6, double lon = -5.93, const char* service = "FLY") {
    json::object body{{"service_code", service},
                      {"description", "Mattress by the entry"},
                      {"lat", lat},
                      {"long", lon},
                      {"channel", "phone"},
                      {"contact", {{"email", "resident@example.org"}, {"first_name", "Ann"}}}};
    if (std::string_view(service) == "FLY") {
      body["attributes"] = {{"quantity", "van"}, {"waste", json::array{"tyres", "household"}}};
    }
    const auto reply = Post("/api/v1/cases", body);
    EXPECT_EQ(reply.status, 201) << Describe(reply);
    return reply.status == 201 ? reply.Str("reference") : std::string();
  }

  std::string key_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(StaffApiTest, RequestsWithoutAValidKeyAre401WithAChallenge) {
  const auto missing = Call("GET", "/api/v1/services", {}, "");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.Header("WWW-Authenticate"), R"(Bearer realm="frontdoor")");
  EXPECT_EQ(missing.json.at("error").at("code").as_string(), "unauthenticated");

  const auto wrong = Call("GET", "/api/v1/services", {}, "Bearer fd_not-a-key");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.Header("WWW-Authenticate").find("invalid_token"), std::string::npos);

  EXPECT_EQ(Call("GET", "/api/v1/cases", {}, "Basic " + key_).status, 401);
  EXPECT_EQ(Call("POST", "/api/v1/departments", R"({"code":"X","name":"X"})", "Bearer").status,
            401);
  // The scheme is case-insensitive (RFC 7235).
  EXPECT_EQ(Call("GET", "/api/v1/services", {}, "bearer " + key_).status, 200);
  // The document itself is public.
  EXPECT_EQ(Call("GET", "/api/v1/openapi.json", {}, "").status, 200);
}

TEST_P(StaffApiTest, AnOpen311KeyCannotReadTheStaffApi) {
  const auto open311 = NewApiKey(*store_, clock_, "fixmystreet", "open311");
  ASSERT_FALSE(open311.empty());
  const auto refused = Call("GET", "/api/v1/cases", {}, "Bearer " + open311);
  EXPECT_EQ(refused.status, 403) << Describe(refused);
}

TEST_P(StaffApiTest, CatalogueIsCreatedListedReadAndReplaced) {
  CreateCatalogue();
  const auto departments = Get("/api/v1/departments");
  ASSERT_EQ(departments.status, 200);
  EXPECT_EQ(departments.json.at("departments").as_array().size(), 1U);
  const auto teams = Get("/api/v1/teams");
  ASSERT_EQ(teams.status, 200);
  ASSERT_EQ(teams.json.at("teams").as_array().size(), 2U);
  EXPECT_EQ(teams.json.at("teams").at(0).at("department_code"), "CNS");

  const auto service = Get("/api/v1/services/FLY");
  ASSERT_EQ(service.status, 200) << Describe(service);
  EXPECT_EQ(service.json.at("default_team_code"), "CLEANSE-S");
  EXPECT_EQ(service.json.at("department_code"), "CNS");
  const auto& form = service.json.at("attributes").as_array();
  ASSERT_EQ(form.size(), 2U);
  EXPECT_EQ(form[0].at("datatype"), "singlevaluelist");
  EXPECT_EQ(form[0].at("required"), true);
  EXPECT_EQ(form[0].at("values").as_array().size(), 2U);
  EXPECT_EQ(form[1].at("order"), 2);
  EXPECT_EQ(service.json.at("created_at").as_string(), "2026-03-02T10:00:00+00:00");

  json::value replacement = FlyTippingService();
  replacement.as_object().erase("code");
  replacement.as_object()["name"] = "Fly-tipping and dumping";
  const auto put = Put("/api/v1/services/FLY", replacement);
  ASSERT_EQ(put.status, 200) << Describe(put);
  EXPECT_EQ(put.json.at("name"), "Fly-tipping and dumping");

  replacement.as_object()["code"] = "OTHER";
  const auto renamed = Put("/api/v1/services/FLY", replacement);
  EXPECT_EQ(renamed.status, 422);
  EXPECT_TRUE(renamed.Fields().contains("code"));
  EXPECT_EQ(Put("/api/v1/services/NOPE", FlyTippingService()).status, 422);  // code mismatch
  json::value unknown = FlyTippingService();
  unknown.as_object()["code"] = "NOPE";
  EXPECT_EQ(Put("/api/v1/services/NOPE", unknown).status, 404);
  EXPECT_EQ(Get("/api/v1/services/NOPE").status, 404);
  EXPECT_EQ(Get("/api/v1/services/%FF%FE").status, 404);

  const auto list = Get("/api/v1/services");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json.at("services").as_array().size(), 2U);

  const auto taken = Post("/api/v1/departments", {{"code", "CNS"}, {"name", "Again"}});
  EXPECT_EQ(taken.status, 409) << Describe(taken);

  const auto bad_form = Post("/api/v1/services", json::parse(R"({"code": "BAD", "name": "Bad",
      "attributes": [{"code": "Bad Code", "datatype": "colour", "description": "", "order": 0,
                      "values": [{"key": 1}]}]})"));
  EXPECT_EQ(bad_form.status, 422) << Describe(bad_form);
  EXPECT_TRUE(bad_form.Fields().contains("attributes[0].datatype")) << bad_form.body;
  EXPECT_TRUE(bad_form.Fields().contains("attributes[0].values[0].key")) << bad_form.body;

  const auto rule =
      Post("/api/v1/routing-rules",
           {{"service_code", "FLY"}, {"ward", "Botanic"}, {"team_code", "CLEANSE-N"}});
  ASSERT_EQ(rule.status, 201) << Describe(rule);
  const auto rules = Get("/api/v1/routing-rules");
  ASSERT_EQ(rules.status, 200);
  ASSERT_EQ(rules.json.at("routing_rules").as_array().size(), 1U);
  EXPECT_EQ(rules.json.at("routing_rules").at(0).at("service_code"), "FLY");
  EXPECT_EQ(rules.json.at("routing_rules").at(0).at("team_code"), "CLEANSE-N");
  const auto bad_rule = Post("/api/v1/routing-rules", {{"team_code", "NOPE"}});
  EXPECT_EQ(bad_rule.status, 422) << Describe(bad_rule);
}

TEST_P(StaffApiTest, RoutingRulesAreRemovedById) {
  CreateCatalogue();
  const auto rule =
      Post("/api/v1/routing-rules", {{"service_code", "FLY"}, {"team_code", "CLEANSE-N"}});
  ASSERT_EQ(rule.status, 201) << Describe(rule);
  const std::string target =
      "/api/v1/routing-rules/" + std::to_string(rule.json.at("id").as_int64());
  EXPECT_EQ(Call("GET", target).status, 405) << "a rule is read in the list, not on its own";

  const auto removed = Call("DELETE", target);
  EXPECT_EQ(removed.status, 204) << Describe(removed);
  EXPECT_TRUE(removed.body.empty()) << removed.body;
  const auto rules = Get("/api/v1/routing-rules");
  ASSERT_EQ(rules.status, 200);
  EXPECT_TRUE(rules.json.at("routing_rules").as_array().empty()) << rules.body;

  const auto again = Call("DELETE", target);
  EXPECT_EQ(again.status, 404) << Describe(again);
  for (const char* id : {"0", "-1", "abc", "1.5", "99999999999999999999"}) {
    const auto bad = Call("DELETE", std::string("/api/v1/routing-rules/") + id);
    EXPECT_EQ(bad.status, 404) << id << ": " << Describe(bad);
  }
  const auto with_query = Call("DELETE", target + "?force=1");
  EXPECT_EQ(with_query.status, 422) << Describe(with_query);
}

TEST_P(StaffApiTest, CreatedCaseIsReadBackWithAnswersHistoryAndLocation) {
  CreateCatalogue();
  const auto created =
      Post("/api/v1/cases", json::parse(R"({"service_code": "FLY", "description": "Sofa",
        "lat": 54.6, "long": -5.93, "postcode": "bt1 5gs", "priority": "high",
        "attributes": {"quantity": "van", "waste": ["tyres", "household"]},
        "contact": {"email": "ann@example.org", "first_name": "Ann"}})"));
  ASSERT_EQ(created.status, 201) << Describe(created);
  const std::string reference = created.Str("reference");
  EXPECT_EQ(reference, "BCC-26-000001");
  EXPECT_EQ(created.Header("Location"), "/api/v1/cases/" + reference);
  EXPECT_EQ(created.json.at("status"), "new");
  EXPECT_EQ(created.json.at("priority"), "high");
  EXPECT_EQ(created.json.at("postcode"), "BT1 5GS");
  EXPECT_EQ(created.json.at("team"), "CLEANSE-S");
  EXPECT_EQ(created.json.at("team_name"), "CLEANSE-S");
  EXPECT_EQ(created.json.at("source"), "apikey:desk");
  EXPECT_TRUE(created.json.at("possible_duplicates").as_array().empty());
  EXPECT_EQ(created.json.at("attributes").as_array().size(), 3U);

  const auto read = Get("/api/v1/cases/" + reference);
  ASSERT_EQ(read.status, 200) << Describe(read);
  EXPECT_EQ(read.json.at("description"), "Sofa");
  EXPECT_EQ(read.json.at("attributes").at(0).at("code"), "quantity");
  ASSERT_FALSE(read.json.at("events").as_array().empty());
  EXPECT_EQ(read.json.at("events").at(0).at("kind"), "created");
  EXPECT_EQ(read.json.at("events").at(0).at("actor"), "apikey:desk");
  EXPECT_TRUE(read.json.at("links").as_array().empty());
  // References are read tolerantly, as a person types them.
  EXPECT_EQ(Get("/api/v1/cases/bcc-26-000001").status, 200);
  EXPECT_EQ(Get("/api/v1/cases/BCC-26-999999").status, 404);

  // A second report nearby suggests the first as a duplicate.
  const auto second = Post("/api/v1/cases", {{"service_code", "FLY"},
                                             {"description", "Same sofa"},
                                             {"lat", 54.6001},
                                             {"long", -5.93},
                                             {"attributes", {{"quantity", "bag"}}}});
  ASSERT_EQ(second.status, 201) << Describe(second);
  ASSERT_EQ(second.json.at("possible_duplicates").as_array().size(), 1U);
  EXPECT_EQ(second.json.at("possible_duplicates").at(0).at("reference").as_string(), reference);

  const auto missing_answer =
      Post("/api/v1/cases", {{"service_code", "FLY"}, {"description", "No answers"}});
  EXPECT_EQ(missing_answer.status, 422);
  EXPECT_TRUE(missing_answer.Fields().contains("attributes.quantity")) << missing_answer.body;
  const auto unknown_service = Post("/api/v1/cases", {{"service_code", "NOPE"}});
  EXPECT_EQ(unknown_service.status, 422);
  EXPECT_TRUE(unknown_service.Fields().contains("service_code"));
  const auto half_point = Post("/api/v1/cases", {{"service_code", "BIN"}, {"lat", 54.6}});
  EXPECT_EQ(half_point.status, 422) << Describe(half_point);
}

TEST_P(StaffApiTest, ListFiltersAndPagesWithoutGapsOrRepeats) {
  CreateCatalogue();
  std::set<std::string> fly;
  std::set<std::string> bins;
  for (int i = 0; i < 23; ++i) {
    // Far apart, so no case is another's duplicate.
    const double lat = 54.5 + 0.01 * i;
    if (i % 3 == 0) {
      bins.insert(RaiseCase(lat, -5.9, "BIN"));
    } else {
      fly.insert(RaiseCase(lat, -5.9));
    }
    clock_.Advance(std::chrono::minutes(10));
  }
  ASSERT_EQ(fly.size() + bins.size(), 23U);

  std::vector<std::string> seen;
  std::string target = "/api/v1/cases?limit=5";
  int pages = 0;
  while (!target.empty() && pages < 10) {
    const auto page = Get(target);
    ASSERT_EQ(page.status, 200) << Describe(page);
    ++pages;
    for (const auto& c : page.json.at("cases").as_array()) {
      seen.emplace_back(c.at("reference").as_string());
    }
    const auto& next = page.json.at("next_cursor");
    const std::string link = page.Header("Link");
    if (next.is_null()) {
      EXPECT_TRUE(link.empty());
      target.clear();
    } else {
      ASSERT_EQ(link.front(), '<');
      target = link.substr(1, link.find('>') - 1);
      EXPECT_NE(target.find("limit=5"), std::string::npos);
    }
  }
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(seen.size(), 23U);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23U);
  EXPECT_EQ(seen.front(), "BCC-26-000023");  // newest first

  const auto only_bins = Get("/api/v1/cases?service_code=BIN&limit=200");
  ASSERT_EQ(only_bins.status, 200);
  EXPECT_EQ(only_bins.json.at("cases").as_array().size(), bins.size());
  const auto both = Get("/api/v1/cases?service_code=BIN,FLY");
  EXPECT_EQ(both.json.at("cases").as_array().size(), 23U);
  const auto repeated = Get("/api/v1/cases?service_code=BIN&service_code=FLY");
  EXPECT_EQ(repeated.json.at("cases").as_array().size(), 23U);
  const auto by_team = Get("/api/v1/cases?team=CLEANSE-N");
  EXPECT_EQ(by_team.json.at("cases").as_array().size(), bins.size());

  // Cases were raised every 10 minutes from 10:00Z; 11:00 London (GMT) takes the 7th on.
  const auto window =
      Get("/api/v1/cases?created_from=2026-03-02T11:00:00%2B00:00&created_to=2026-03-02T11:30:00Z");
  ASSERT_EQ(window.status, 200) << Describe(window);
  EXPECT_EQ(window.json.at("cases").as_array().size(), 4U);

  const auto acknowledged = *fly.begin();
  ASSERT_EQ(
      Post("/api/v1/cases/" + acknowledged + "/transitions", {{"status", "acknowledged"}}).status,
      200);
  const auto by_status = Get("/api/v1/cases?status=acknowledged");
  ASSERT_EQ(by_status.json.at("cases").as_array().size(), 1U);
  EXPECT_EQ(by_status.json.at("cases").at(0).at("reference").as_string(), acknowledged);
  EXPECT_EQ(Get("/api/v1/cases?status=new,acknowledged").json.at("cases").as_array().size(), 23U);

  for (const char* bad :
       {"limit=0", "limit=201", "limit=ten", "status=open", "team=NOPE", "created_from=yesterday",
        "cursor=garbage", "servce_code=FLY", "assignee=x", "customer_id=1.5", "limit=1&limit=2"}) {
    const auto reply = Get(std::string("/api/v1/cases?") + bad);
    EXPECT_EQ(reply.status, 422) << bad << " " << reply.body;
    const std::string name(std::string_view(bad).substr(0, std::string_view(bad).find('=')));
    EXPECT_TRUE(reply.Fields().contains(name)) << bad << " " << reply.body;
  }
}

TEST_P(StaffApiTest, TransitionsFollowTheLifecycle) {
  CreateCatalogue();
  const std::string ref = RaiseCase();
  const std::string url = "/api/v1/cases/" + ref + "/transitions";
  const auto ack = Post(url, {{"status", "acknowledged"}});
  ASSERT_EQ(ack.status, 200) << Describe(ack);
  EXPECT_EQ(ack.json.at("status"), "acknowledged");
  const auto back = Post(url, {{"status", "new"}});
  EXPECT_EQ(back.status, 409) << Describe(back);
  EXPECT_EQ(back.json.at("error").at("code"), "conflict");
  const auto resolved =
      Post(url, {{"status", "resolved"}, {"public_note", "Cleared this morning"}});
  ASSERT_EQ(resolved.status, 200) << Describe(resolved);
  EXPECT_EQ(resolved.json.at("status_notes"), "Cleared this morning");
  EXPECT_FALSE(resolved.json.at("closed_at").is_null());
  EXPECT_EQ(Post(url, {{"status", "in_progress"}}).status, 409);
  EXPECT_EQ(Post(url, {{"status", "reopened"}}).status, 200);

  const auto unknown = Post(url, {{"status", "done"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.Fields().contains("status"));
  const auto missing = Post(url, json::object{});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(missing.Fields().contains("status"));
  EXPECT_EQ(Post("/api/v1/cases/BCC-26-999999/transitions", {{"status", "closed"}}).status, 404);
}

TEST_P(StaffApiTest, AssignmentMovesTeamOfficerAndPriority) {
  CreateCatalogue();
  auto officer = usecase::AddStaffUser(
      *store_, clock_,
      {"officer@example.org", "Olive Officer", "officer", "CNS", "correct horse battery staple"});
  ASSERT_TRUE(officer) << officer.error().message();
  const std::string ref = RaiseCase();
  const std::string url = "/api/v1/cases/" + ref + "/assignment";
  const auto assigned =
      Post(url, {{"team", "CLEANSE-N"}, {"assignee_id", officer->id}, {"priority", "urgent"}});
  ASSERT_EQ(assigned.status, 200) << Describe(assigned);
  EXPECT_EQ(assigned.json.at("team"), "CLEANSE-N");
  EXPECT_EQ(assigned.json.at("assignee_id"), officer->id);
  EXPECT_EQ(assigned.json.at("priority"), "urgent");
  const auto mine = Get("/api/v1/cases?assignee=" + std::to_string(officer->id));
  EXPECT_EQ(mine.json.at("cases").as_array().size(), 1U);

  const auto cleared = Post(url, {{"assignee_id", nullptr}});
  ASSERT_EQ(cleared.status, 200) << Describe(cleared);
  EXPECT_TRUE(cleared.json.at("assignee_id").is_null());
  EXPECT_EQ(cleared.json.at("team"), "CLEANSE-N");

  const auto unknown = Post(url, {{"team", "NOPE"}, {"assignee_id", 424242}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.Fields().contains("team"));
  EXPECT_TRUE(unknown.Fields().contains("assignee_id"));
  EXPECT_EQ(Post(url, json::object{}).status, 422);
  EXPECT_EQ(Post(url, {{"team", nullptr}}).status, 422);
  EXPECT_EQ(Post(url, {{"priority", "whenever"}}).status, 422);
}

TEST_P(StaffApiTest, NotesStayInternalAndUpdatesArePublic) {
  CreateCatalogue();
  const std::string ref = RaiseCase();
  const auto note =
      Post("/api/v1/cases/" + ref + "/notes", {{"body", "Neighbour says it was No. 12"}});
  ASSERT_EQ(note.status, 201) << Describe(note);
  EXPECT_EQ(note.json.at("kind"), "note");
  EXPECT_EQ(note.json.at("is_public"), false);
  clock_.Advance(std::chrono::minutes(5));
  const auto update = Post("/api/v1/cases/" + ref + "/updates",
                           {{"body", "We will collect it tomorrow"}, {"status", "in_progress"}});
  ASSERT_EQ(update.status, 201) << Describe(update);
  EXPECT_EQ(update.json.at("is_public"), true);

  const auto read = Get("/api/v1/cases/" + ref);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json.at("status"), "in_progress");
  EXPECT_EQ(read.json.at("status_notes"), "We will collect it tomorrow");
  bool staff_see_note = false;
  for (const auto& event : read.json.at("events").as_array()) {
    staff_see_note = staff_see_note || event.at("body") == "Neighbour says it was No. 12";
  }
  EXPECT_TRUE(staff_see_note);

  // What the public sees (Open311 status_notes and the update feed) never holds the note.
  auto feed = usecase::ListPublicUpdates(*ctx_, FromUnixMicros(0), clock_.Now(), 100);
  ASSERT_TRUE(feed);
  bool update_public = false;
  for (const auto& event : *feed) {
    EXPECT_NE(event.body.value_or(""), "Neighbour says it was No. 12");
    update_public = update_public || event.body == "We will collect it tomorrow";
  }
  EXPECT_TRUE(update_public);

  const auto empty = Post("/api/v1/cases/" + ref + "/notes", {{"body", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(empty.Fields().contains("body")) << empty.body;
  const auto refused =
      Post("/api/v1/cases/" + ref + "/updates", {{"body", "x"}, {"status", "new"}});
  EXPECT_EQ(refused.status, 409) << Describe(refused);
}

TEST_P(StaffApiTest, LinksAndDuplicateSuggestions) {
  CreateCatalogue();
  const std::string first = RaiseCase(54.6, -5.93);
  const std::string second = RaiseCase(54.6002, -5.93);  // about 22 m north
  const std::string far = RaiseCase(54.7, -5.93);

  const auto near = Get("/api/v1/duplicates?service_code=FLY&lat=54.6001&long=-5.93");
  ASSERT_EQ(near.status, 200) << Describe(near);
  std::set<std::string> suggested;
  for (const auto& d : near.json.at("duplicates").as_array()) {
    suggested.emplace(d.at("reference").as_string());
    EXPECT_LE(d.at("distance_metres").as_double(), 50.0);
  }
  EXPECT_EQ(suggested, (std::set<std::string>{first, second}));

  const auto related =
      Post("/api/v1/cases/" + far + "/links", {{"other_reference", first}, {"kind", "related"}});
  ASSERT_EQ(related.status, 201) << Describe(related);
  EXPECT_EQ(related.json.at("other_reference").as_string(), first);
  EXPECT_EQ(
      Post("/api/v1/cases/" + far + "/links", {{"other_reference", first}, {"kind", "related"}})
          .status,
      409);
  const auto duplicate = Post("/api/v1/cases/" + second + "/links",
                              {{"other_reference", first}, {"kind", "duplicate_of"}});
  ASSERT_EQ(duplicate.status, 201) << Describe(duplicate);
  const auto closed = Get("/api/v1/cases/" + second);
  EXPECT_EQ(closed.json.at("status"), "closed");
  EXPECT_EQ(closed.json.at("links").at(0).at("kind"), "duplicate_of");
  // A closed duplicate is no longer suggested.
  const auto after = Get("/api/v1/duplicates?service_code=FLY&lat=54.6001&long=-5.93");
  EXPECT_EQ(after.json.at("duplicates").as_array().size(), 1U);

  const auto unknown = Post("/api/v1/cases/" + far + "/links",
                            {{"other_reference", "BCC-26-999999"}, {"kind", "related"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.Fields().contains("other_reference"));
  const auto kind =
      Post("/api/v1/cases/" + far + "/links", {{"other_reference", first}, {"kind", "same"}});
  EXPECT_EQ(kind.status, 422);
  EXPECT_TRUE(kind.Fields().contains("kind"));
  EXPECT_EQ(Post("/api/v1/cases/" + far + "/links", {{"other_reference", far}, {"kind", "related"}})
                .status,
            409);

  const auto missing = Get("/api/v1/duplicates?service_code=FLY&lat=54.6");
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(missing.Fields().contains("long"));
  const auto out_of_range = Get("/api/v1/duplicates?service_code=FLY&lat=91&long=0");
  EXPECT_EQ(out_of_range.status, 422);
  EXPECT_TRUE(out_of_range.Fields().contains("lat"));
  const auto no_service = Get("/api/v1/duplicates?service_code=NOPE&lat=54.6&long=-5.93");
  EXPECT_EQ(no_service.status, 422);
  EXPECT_TRUE(no_service.Fields().contains("service_code"));
}

TEST_P(StaffApiTest, HostileBodiesAre4xxNamingTheField) {
  CreateCatalogue();
  const std::string ref = RaiseCase();
  struct Case {
    const char* why;
    std::string target;
    std::string body;
    int status;
    std::string field;  // expected among the error's fields; empty: none expected
  };
  const std::string huge(1'000'000, 'x');
  std::string deep;
  for (int i = 0; i < 100; ++i) {
    deep += "[";
  }
  const std::vector<Case> cases = {
      {"not JSON", "/api/v1/departments", "{code: 1}", 400, ""},
      {"truncated", "/api/v1/cases", R"({"service_code": "FLY")", 400, ""},
      {"empty", "/api/v1/cases", "", 400, ""},
      {"array", "/api/v1/departments", "[1, 2]", 400, ""},
      {"string", "/api/v1/departments", R"("CNS")", 400, ""},
      {"nested too deep", "/api/v1/cases", R"({"attributes": )" + deep, 400, ""},
      {"lone surrogate", "/api/v1/departments", R"({"code": "\ud800", "name": "x"})", 400, ""},
      {"number for string", "/api/v1/departments", R"({"code": 7, "name": "Seven"})", 422, "code"},
      {"string for number", "/api/v1/cases", R"({"service_code": "FLY", "lat": "54.6"})", 422,
       "lat"},
      {"object for string", "/api/v1/cases", R"({"service_code": {"a": 1}})", 422, "service_code"},
      {"bool for object", "/api/v1/cases", R"({"service_code": "FLY", "contact": true})", 422,
       "contact"},
      {"number for array", "/api/v1/services", R"({"code": "Z", "name": "Z", "channels": 3})", 422,
       "channels"},
      {"wrong element type", "/api/v1/services",
       R"({"code": "Z", "name": "Z", "channels": ["web", 3]})", 422, "channels[1]"},
      {"fraction for integer", "/api/v1/cases/" + ref + "/assignment", R"({"assignee_id": 1.5})",
       422, "assignee_id"},
      {"huge integer", "/api/v1/cases/" + ref + "/assignment",
       R"({"assignee_id": 123456789012345678901234567890})", 422, "assignee_id"},
      {"unknown field", "/api/v1/departments", R"({"code": "X", "name": "X", "nmae": "Y"})", 422,
       "nmae"},
      {"unknown nested field", "/api/v1/cases",
       R"({"service_code": "FLY", "contact": {"emial": "a@b.c"}})", 422, "contact.emial"},
      {"unknown attribute field", "/api/v1/services",
       R"({"code": "Z", "name": "Z", "attributes": [{"code": "a", "datatype": "string",
           "description": "A", "order": 1, "mandatory": true}]})",
       422, "attributes[0].mandatory"},
      {"invalid UTF-8 value", "/api/v1/departments", "{\"code\": \"X\", \"name\": \"\xC3\x28\"}",
       422, "name"},
      {"overlong UTF-8", "/api/v1/cases/" + ref + "/notes", "{\"body\": \"\xC0\xAF\"}", 422,
       "body"},
      {"invalid UTF-8 key", "/api/v1/departments",
       "{\"code\": \"X\", \"name\": \"X\", \"\xFF\": 1}", 422, "?"},
      {"huge name", "/api/v1/departments", R"({"code": "BIG", "name": ")" + huge + R"("})", 422,
       "name"},
      {"huge code", "/api/v1/services", R"({"code": ")" + huge + R"(", "name": "x"})", 422, "code"},
      {"huge note", "/api/v1/cases/" + ref + "/notes", R"({"body": ")" + huge + R"("})", 422,
       "body"},
      {"huge status", "/api/v1/cases/" + ref + "/transitions", R"({"status": ")" + huge + R"("})",
       422, "status"},
      {"null required", "/api/v1/cases/" + ref + "/notes", R"({"body": null})", 422, "body"},
      {"bad answer type", "/api/v1/cases",
       R"({"service_code": "FLY", "attributes": {"quantity": {"x": 1}}})", 422,
       "attributes.quantity"},
      {"bad reference", "/api/v1/cases/%FF%FF/notes", R"({"body": "x"})", 404, ""},
      {"huge reference", "/api/v1/cases/" + std::string(5000, 'B') + "/notes", R"({"body": "x"})",
       404, ""},
      {"bad query encoding", "/api/v1/duplicates?service_code=%FF&lat=1&long=1", "", 422,
       "service_code"},
  };
  for (const auto& c : cases) {
    const bool is_get = c.target.starts_with("/api/v1/duplicates");
    const auto reply = Call(is_get ? "GET" : "POST", c.target, c.body);
    EXPECT_EQ(reply.status, c.status) << c.why << ": " << reply.body.substr(0, 300);
    ASSERT_TRUE(reply.json.is_object()) << c.why << ": the error body must be JSON";
    EXPECT_TRUE(reply.json.as_object().contains("error")) << c.why;
    EXPECT_LT(reply.body.size(), 4096U) << c.why << ": errors must not echo huge input";
    if (!c.field.empty()) {
      EXPECT_TRUE(reply.Fields().contains(c.field)) << c.why << ": " << reply.body;
    }
  }
  // Thousands of unknown fields get a bounded answer, not one line each.
  std::string many = R"({"code": "X", "name": "X")";
  for (int i = 0; i < 5000; ++i) {
    many += ", \"k" + std::to_string(i) + "\": 1";
  }
  const auto flooded = Call("POST", "/api/v1/departments", many + "}");
  EXPECT_EQ(flooded.status, 422);
  EXPECT_EQ(flooded.Fields().size(), 50U);
  EXPECT_LT(flooded.body.size(), 8192U);
  // A description over the limit is kept, truncated, rather than refused.
  const auto long_description =
      Post("/api/v1/cases", {{"service_code", "BIN"}, {"description", std::string(30000, 'd')}});
  EXPECT_EQ(long_description.status, 201) << Describe(long_description);
}

TEST_P(StaffApiTest, CustomersAreCreatedFoundMergedAndUndone) {
  CreateCatalogue();
  const auto ann = Post("/api/v1/customers", {{"first_name", "Ann"},
                                              {"last_name", "O'Neill"},
                                              {"email", "Ann@Example.org"},
                                              {"phone", "028 9027 0230"},
                                              {"postcode", "bt71nn"},
                                              {"accessibility", json::array{"large_print"}}});
  ASSERT_EQ(ann.status, 201) << Describe(ann);
  EXPECT_EQ(ann.Str("phone"), "+442890270230");
  EXPECT_EQ(ann.Str("postcode"), "BT7 1NN");
  const std::int64_t ann_id = ann.json.at("id").as_int64();
  EXPECT_EQ(ann.Header("Location"), "/api/v1/customers/" + std::to_string(ann_id));

  const auto bad =
      Post("/api/v1/customers", {{"email", "nope"}, {"language", "fr"}, {"accessibility", "bsl"}});
  EXPECT_EQ(bad.status, 422) << Describe(bad);
  EXPECT_TRUE(bad.Fields().contains("accessibility")) << Describe(bad);

  // A case raised with the same email (any case) lands on Ann.
  const std::string ref = RaiseCase();
  const auto found = Get("/api/v1/customers?email=resident%40example.org");
  ASSERT_EQ(found.status, 200) << Describe(found);
  const auto& list = found.json.at("customers").as_array();
  ASSERT_EQ(list.size(), 1U);
  const std::int64_t resident_id = list[0].at("id").as_int64();

  const auto candidates = Get("/api/v1/customer-candidates?name=Ann%20ONeill&postcode=BT7%201NN");
  ASSERT_EQ(candidates.status, 200) << Describe(candidates);
  ASSERT_FALSE(candidates.json.at("candidates").as_array().empty());
  EXPECT_EQ(candidates.json.at("candidates").as_array()[0].at("customer").at("id").as_int64(),
            ann_id);

  const auto call = Post("/api/v1/interactions", {{"case_reference", ref},
                                                  {"channel", "phone"},
                                                  {"outcome", "information_given"},
                                                  {"summary", "Asked when it will be cleared"}});
  ASSERT_EQ(call.status, 201) << Describe(call);
  EXPECT_EQ(call.json.at("customer_id").as_int64(), resident_id);

  const std::string resident = "/api/v1/customers/" + std::to_string(resident_id);
  const auto merge = Post(resident + "/merge", {{"into", ann_id}});
  ASSERT_EQ(merge.status, 201) << Describe(merge);
  const auto timeline = Get("/api/v1/customers/" + std::to_string(ann_id) + "/timeline?limit=1");
  ASSERT_EQ(timeline.status, 200) << Describe(timeline);
  ASSERT_EQ(timeline.json.at("entries").as_array().size(), 1U);
  EXPECT_EQ(timeline.json.at("entries").as_array()[0].at("kind").as_string(), "interaction");
  const std::string next = json::value_to<std::string>(timeline.json.at("next_cursor"));
  const auto page2 =
      Get("/api/v1/customers/" + std::to_string(ann_id) + "/timeline?limit=1&cursor=" + next);
  ASSERT_EQ(page2.status, 200) << Describe(page2);
  EXPECT_EQ(page2.json.at("entries").as_array()[0].at("case_reference").as_string(), ref);

  const auto undo = Post(
      "/api/v1/customer-merges/" + std::to_string(merge.json.at("merge_id").as_int64()) + "/undo",
      json::object{});
  ASSERT_EQ(undo.status, 200) << Describe(undo);
  EXPECT_EQ(Get(resident).json.at("id").as_int64(), resident_id);
  EXPECT_EQ(Get("/api/v1/customers/999999").status, 404);
  EXPECT_EQ(Get("/api/v1/customers/abc").status, 404);
  EXPECT_EQ(Get("/api/v1/customers").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

// --- The OpenAPI document and the router must describe the same API. ---

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The document is checked once, against routes registered on a SQLite store.
class OpenApiSyncTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    api::AddStaffApiRoutes(router_, *ctx_, http::Execution::kInline);
    // The charter's read-only routes share the document.
    api::AddCharterRoutes(router_, *store_, clock_, http::Execution::kInline);
    api::AddAttachmentRoutes(router_, *ctx_, http::Execution::kInline);
    // Authenticated by its own secret, but documented with the staff API.
    api::AddInboundEmailRoutes(router_, *ctx_, {});
    knowledge_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{*store_, clock_, knowledge_index_, nullptr});
    api::AddKnowledgeRoutes(router_, *knowledge_, http::Execution::kInline);
    search_ = std::make_unique<api::SearchContext>(api::SearchContext{*store_, clock_, cases_});
    api::AddSearchRoutes(router_, *search_, http::Execution::kInline);
    boost::system::error_code ec;
    document_ = json::parse(api::StaffOpenApiDocument(), ec);
    ASSERT_FALSE(ec) << "the document is not JSON: " << ec.message();
  }

  // Follows a local "#/a/b" reference.
  const json::value* Resolve(std::string_view ref) const {
    if (!ref.starts_with("#/")) {
      return nullptr;
    }
    boost::system::error_code ec;
    return document_.find_pointer(ref.substr(1), ec);
  }

  // Every "$ref" anywhere under `value` that does not resolve.
  void CollectBrokenRefs(const json::value& value, std::vector<std::string>& broken) const {
    if (const auto* object = value.if_object()) {
      for (const auto& [key, child] : *object) {
        if (key == "$ref" && child.is_string() && Resolve(child.as_string()) == nullptr) {
          broken.emplace_back(child.as_string());
        }
        CollectBrokenRefs(child, broken);
      }
    } else if (const auto* array = value.if_array()) {
      for (const auto& child : *array) {
        CollectBrokenRefs(child, broken);
      }
    }
  }

  usecase::KnowledgeIndex knowledge_index_;
  std::unique_ptr<usecase::KnowledgeContext> knowledge_;
  usecase::CaseSearchIndex cases_;
  std::unique_ptr<api::SearchContext> search_;
  http::Router router_;
  json::value document_;
};

TEST_P(OpenApiSyncTest, EveryRegisteredRouteIsDocumented) {
  const auto& paths = document_.at("paths").as_object();
  int checked = 0;
  for (const auto& route : router_.routes()) {
    if (!route.pattern.starts_with("/api/v1/")) {
      continue;
    }
    const auto method = Lower(http::MethodName(route.method));
    const auto* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern << " is not in the OpenAPI paths";
    EXPECT_TRUE(path->as_object().contains(method))
        << http::MethodName(route.method) << " " << route.pattern << " is not documented";
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST_P(OpenApiSyncTest, EveryDocumentedOperationIsRegistered) {
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : router_.routes()) {
    registered.emplace(Lower(http::MethodName(route.method)), route.pattern);
  }
  static const std::set<std::string> kMethods = {"get",   "put",     "post", "delete",
                                                 "patch", "options", "head", "trace"};
  for (const auto& [path, item] : document_.at("paths").as_object()) {
    for (const auto& [key, operation] : item.as_object()) {
      if (!kMethods.contains(std::string(key))) {
        continue;
      }
      EXPECT_TRUE(registered.contains({std::string(key), std::string(path)}))
          << key << " " << path << " is documented but not served";
    }
  }
}

TEST_P(OpenApiSyncTest, DocumentIsWellFormedOpenApi) {
  EXPECT_EQ(document_.at("openapi"), "3.0.3");
  EXPECT_EQ(document_.at("components").at("securitySchemes").at("bearerAuth").at("scheme"),
            "bearer");
  EXPECT_TRUE(document_.at("components").at("schemas").as_object().contains("Error"));
  std::vector<std::string> broken;
  CollectBrokenRefs(document_, broken);
  EXPECT_TRUE(broken.empty()) << "unresolved $ref: " << broken.front();

  std::set<std::string> operation_ids;
  for (const auto& [path, item] : document_.at("paths").as_object()) {
    // Every {name} in a path is declared as a path parameter, on the path or the operation.
    std::set<std::string> declared;
    auto collect = [&](const json::value& holder) {
      if (const auto* params = holder.as_object().if_contains("parameters")) {
        for (const auto& p : params->as_array()) {
          const auto* param =
              p.as_object().contains("$ref") ? Resolve(p.at("$ref").as_string()) : &p;
          ASSERT_NE(param, nullptr);
          if (param->at("in") == "path") {
            declared.emplace(param->at("name").as_string());
          }
        }
      }
    };
    collect(item);
    for (const auto& [key, operation] : item.as_object()) {
      if (key == "parameters") {
        continue;
      }
      std::set<std::string> declared_here = declared;
      std::swap(declared, declared_here);
      collect(operation);
      const std::string_view p = path;
      for (std::size_t open = p.find('{'); open != std::string_view::npos;
           open = p.find('{', open + 1)) {
        const auto name = std::string(p.substr(open + 1, p.find('}', open) - open - 1));
        EXPECT_TRUE(declared.contains(name)) << key << " " << path << ": {" << name << "}";
      }
      std::swap(declared, declared_here);
      EXPECT_TRUE(operation.as_object().contains("responses")) << key << " " << path;
      const auto& id = operation.at("operationId").as_string();
      EXPECT_TRUE(operation_ids.emplace(id).second) << "duplicate operationId " << id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, OpenApiSyncTest, ::testing::Values(Backend::kSqlite),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
