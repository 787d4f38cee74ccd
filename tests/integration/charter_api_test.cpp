// GET /api/v1/charter/standards and /api/v1/charter/calendars over real sockets, on SQLite and
// PostgreSQL.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/charter_routes.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

namespace json = boost::json;
using std::chrono::hours;

struct Reply {
  int status = 0;
  std::string body;
  json::value json;
};

class CharterApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    api::AddCharterRoutes(
        router_, *store_, clock_,
        store_->ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline);
    server_ = TestServer::Start(router_);
    ASSERT_TRUE(server_);
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Call(std::string_view method, std::string_view target) {
    const std::string raw =
        HttpRequest(server_->port(), std::string(method) + " " + std::string(target) +
                                         " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
    Reply reply;
    reply.status = StatusOf(raw);
    reply.body = BodyOf(raw);
    boost::system::error_code ec;
    reply.json = json::parse(reply.body, ec);
    if (ec) {
      reply.json = nullptr;
    }
    return reply;
  }

  void SeedCharter() {
    usecase::CalendarSpec council{"council", "Council offices", "Europe/London",
                                  charter::WeeklyHours::MondayToFriday(hours(9), hours(17)), true};
    ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, council));
    usecase::CalendarSpec centre{"contact-centre", "Contact centre", "Europe/London",
                                 charter::WeeklyHours::MondayToFriday(hours(8), hours(18)), false};
    centre.hours.by_weekday[5] = charter::OpeningPeriod{hours(9), hours(13)};
    ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, centre));
    ASSERT_TRUE(usecase::AddRuleHolidays(*store_, "council", 2026, 2026));
    ASSERT_TRUE(usecase::AddClosure(
        *store_, clock_, "council", charter::ParseIso8601("2026-07-01T08:00:00Z").value(),
        charter::ParseIso8601("2026-07-01T17:00:00Z").value(), "Storm"));
    const auto standard = [](const char* code, const char* name, charter::Measure measure,
                             const char* channel, charter::Target target, double threshold,
                             bool active) {
      return usecase::StandardEntry{
          {code, name, measure, channel, std::nullopt, std::nullopt, target, threshold}, active};
    };
    ASSERT_TRUE(usecase::CreateStandard(
        *store_, clock_,
        standard("EMAIL-ACK", "Acknowledge within 2 working days", charter::Measure::kAcknowledge,
                 "email", {charter::TargetUnit::kWorkingDays, 2}, 95, true)));
    ASSERT_TRUE(
        usecase::CreateStandard(*store_, clock_,
                                standard("PHONE-ANS", "Answer 80% of calls within 20 seconds",
                                         charter::Measure::kAnswerCall, "phone",
                                         {charter::TargetUnit::kSeconds, 20}, 82.5, false)));
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
};

TEST_P(CharterApiTest, EmptyDatabaseListsNothing) {
  const auto standards = Call("GET", "/api/v1/charter/standards");
  ASSERT_EQ(standards.status, 200) << standards.body;
  EXPECT_EQ(standards.json, json::parse(R"({"standards": []})"));
  const auto calendars = Call("GET", "/api/v1/charter/calendars");
  ASSERT_EQ(calendars.status, 200) << calendars.body;
  EXPECT_EQ(calendars.json, json::parse(R"({"calendars": []})"));
}

TEST_P(CharterApiTest, StandardsShowTheirScopeTargetAndWhetherActive) {
  SeedCharter();
  const auto reply = Call("GET", "/api/v1/charter/standards");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto& list = reply.json.at("standards").as_array();
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[0], json::parse(R"({
      "code": "EMAIL-ACK", "name": "Acknowledge within 2 working days",
      "measure": "acknowledge", "channel": "email", "case_type": null, "service_code": null,
      "target": {"unit": "working_days", "amount": 2}, "threshold_percent": 95,
      "active": true})"));
  EXPECT_EQ(list[1].at("code"), "PHONE-ANS");
  EXPECT_EQ(list[1].at("target").at("unit"), "seconds");
  EXPECT_EQ(list[1].at("active"), false);
  EXPECT_EQ(list[1].at("threshold_percent"), 82.5);
}

TEST_P(CharterApiTest, CalendarsShowHoursClosedDaysAndClosures) {
  SeedCharter();
  const auto reply = Call("GET", "/api/v1/charter/calendars");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto& list = reply.json.at("calendars").as_array();
  ASSERT_EQ(list.size(), 2U);
  const auto& centre = list[0].as_object();  // by code
  EXPECT_EQ(centre.at("code"), "contact-centre");
  EXPECT_EQ(centre.at("is_default"), false);
  const auto& opening = centre.at("opening_hours").as_array();
  ASSERT_EQ(opening.size(), 6U);
  EXPECT_EQ(opening[5], json::parse(R"({"weekday": "saturday", "opens": "09:00",
                                      "closes": "13:00"})"));
  const auto& council = list[1].as_object();
  EXPECT_EQ(council.at("time_zone"), "Europe/London");
  EXPECT_EQ(council.at("is_default"), true);
  EXPECT_EQ(council.at("opening_hours").as_array()[0],
            json::parse(R"({"weekday": "monday", "opens": "09:00", "closes": "17:00"})"));
  const auto& closed = council.at("closed_days").as_array();
  ASSERT_EQ(closed.size(), 10U);
  const json::value boyne{{"date", "2026-07-13"},
                          {"name", "Battle of the Boyne (Orangemen's Day)"},
                          {"source", "rule"}};
  EXPECT_EQ(closed[6], boyne);
  const auto& closures = council.at("closures").as_array();
  ASSERT_EQ(closures.size(), 1U);
  EXPECT_EQ(closures[0].at("from"), "2026-07-01T09:00:00+01:00");
  EXPECT_EQ(closures[0].at("to"), "2026-07-01T18:00:00+01:00");
  EXPECT_EQ(closures[0].at("reason"), "Storm");
}

TEST_P(CharterApiTest, OneCalendarByCodeAndUnknownIs404) {
  SeedCharter();
  const auto found = Call("GET", "/api/v1/charter/calendars/council");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json.at("code"), "council");
  const auto missing = Call("GET", "/api/v1/charter/calendars/nowhere");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(missing.json.at("error").at("code"), "not_found");
}

TEST_P(CharterApiTest, HostileCodesAndMethodsAreAnsweredCleanly) {
  SeedCharter();
  const std::vector<std::string> targets{"/api/v1/charter/calendars/%00%ff",
                                         "/api/v1/charter/calendars/' OR 1=1 --",
                                         "/api/v1/charter/calendars/" + std::string(5000, 'x'),
                                         "/api/v1/charter/calendars/%E2%82%AC",
                                         "/api/v1/charter/calendars/%zz",
                                         "/api/v1/charter/calendars/%ff",
                                         "/api/v1/charter/calendars/a%C3%28"};
  for (const std::string& target : targets) {
    const auto reply = Call("GET", target);
    EXPECT_GE(reply.status, 400) << target;
    EXPECT_LT(reply.status, 500) << target << " " << reply.body;
  }
  EXPECT_EQ(Call("POST", "/api/v1/charter/standards").status, 405);
  EXPECT_EQ(Call("DELETE", "/api/v1/charter/calendars/council").status, 405);
}

TEST_P(CharterApiTest, PerformanceCountsEachStandardByChannel) {
  SeedCharter();
  ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
  ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE-N", "Cleansing North", "CNS", {}}));
  usecase::ServiceInput fly;
  fly.code = "FLY";
  fly.name = "Fly-tipping";
  fly.department_code = "CNS";
  fly.default_team_code = "CLEANSE-N";
  ASSERT_TRUE(usecase::CreateService(*store_, clock_, fly));
  ASSERT_TRUE(usecase::CreateStandard(*store_, clock_,
                                      {{"ACK-ANY",
                                        "Acknowledge any contact within 2 working days",
                                        charter::Measure::kAcknowledge,
                                        std::nullopt,
                                        std::nullopt,
                                        std::nullopt,
                                        {charter::TargetUnit::kWorkingDays, 2},
                                        95},
                                       true}));
  auto charter = usecase::LoadCharter(*store_);
  ASSERT_TRUE(charter);
  auto calendar = charter->BuildCalendar(std::nullopt);
  ASSERT_TRUE(calendar);
  const usecase::CaseContext cases{*store_, clock_, "BCC", *calendar, charter->standards};

  clock_.Set(charter::ParseIso8601("2026-03-02T10:00:00Z").value());  // a Monday
  std::vector<std::string> references;
  for (const char* channel : {"web", "phone"}) {
    usecase::NewCase input;
    input.service_code = "FLY";
    input.channel = channel;
    input.description = "Sofa on the pavement";
    input.actor = "staff:1";
    auto created = usecase::CreateCase(cases, input);
    ASSERT_TRUE(created) << created.error().message();
    references.push_back(created->record.reference);
  }
  clock_.Advance(hours(1));
  ASSERT_TRUE(usecase::ChangeStatus(cases, references[0], CaseStatus::kAcknowledged, std::nullopt,
                                    "staff:1"));
  clock_.Set(charter::ParseIso8601("2026-03-05T10:00:00Z").value());  // past Wednesday's close

  const auto reply =
      Call("GET", "/api/v1/charter/performance?from=2026-03-01&to=2026-03-31&group_by=channel");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("from"), "2026-03-01");
  EXPECT_EQ(reply.json.at("group_by"), json::parse(R"(["standard", "channel"])"));
  const auto& rows = reply.json.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2U) << reply.body;
  EXPECT_EQ(rows[0], json::parse(R"({"standard_code": "ACK-ANY",
      "standard_name": "Acknowledge any contact within 2 working days", "threshold_percent": 95,
      "channel": "phone", "total": 1, "met": 0, "missed": 0, "breached": 1, "open": 0,
      "compliance_percent": 0, "meets_threshold": false})"));
  EXPECT_EQ(rows[1].at("channel"), "web");
  EXPECT_EQ(rows[1].at("met"), 1);
  EXPECT_EQ(rows[1].at("compliance_percent"), 100);
  EXPECT_EQ(rows[1].at("meets_threshold"), true);

  const auto by_month = Call("GET", "/api/v1/charter/performance?to=2026-03-31&group_by=month");
  ASSERT_EQ(by_month.status, 200) << by_month.body;
  EXPECT_EQ(by_month.json.at("from"), "2025-04-01");  // twelve months by default
  ASSERT_EQ(by_month.json.at("rows").as_array().size(), 1U);
  EXPECT_EQ(by_month.json.at("rows").as_array()[0].at("month"), "2026-03");
  EXPECT_EQ(by_month.json.at("rows").as_array()[0].at("compliance_percent"), 50);
}

TEST_P(CharterApiTest, PerformanceQueryMistakesAre422NamingTheField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"from=2026-02-30", "from"},
      {"from=yesterday", "from"},
      {"to=2026-13-01", "to"},
      {"from=2026-03-02&to=2026-03-01", "to"},
      {"from=2010-01-01&to=2026-03-01", "to"},
      {"group_by=colour", "group_by"},
      {"group_by=team,service", "group_by"},
  };
  for (const auto& [query, field] : cases) {
    const auto reply = Call("GET", "/api/v1/charter/performance?" + query);
    EXPECT_EQ(reply.status, 422) << query << " " << reply.body;
    EXPECT_EQ(reply.json.at("error").at("field"), json::value(field)) << query;
  }
  EXPECT_EQ(Call("GET", "/api/v1/charter/performance?from=%zz").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/charter/performance?from=%ff").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, CharterApiTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
