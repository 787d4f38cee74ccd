// Open311's list of a service's open requests (requests.json?service_code=&status=open) reads
// the index service_case_open_newest (migration 0026) through a predicate of its own
// (store/cases.cpp): it must answer exactly what the plain status list answers, on SQLite and
// on PostgreSQL.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "case_fixture.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

constexpr std::chrono::hours kDay(24);

class OpenCasesListTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE", "Cleansing", "CNS", {}}));
    for (const char* code : {"FLY", "GRAFFITI"}) {
      usecase::ServiceInput service;
      service.code = code;
      service.name = code;
      service.department_code = "CNS";
      service.default_team_code = "CLEANSE";
      ASSERT_TRUE(usecase::CreateService(*store_, clock_, service));
    }
  }

  std::string Create(const std::string& service) {
    usecase::NewCase input;
    input.service_code = service;
    input.description = "Report on " + service;
    input.lat = 54.6;
    input.lon = -5.93;
    input.contact.email = "resident@example.org";
    input.actor = "open311:test";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }

  // Open311's filter over the last 90 days: every open status, or the ones given.
  std::vector<std::string> List(const std::vector<std::string>& services, int limit,
                                std::vector<CaseStatus> statuses = {}) {
    store::CaseFilter filter;
    filter.order = store::CaseOrder::kNewestFirst;
    filter.limit = limit;
    filter.service_codes = services;
    if (statuses.empty()) {
      for (const auto status : {CaseStatus::kReopened, CaseStatus::kNew, CaseStatus::kInProgress,
                                CaseStatus::kAcknowledged, CaseStatus::kAwaitingCustomer}) {
        statuses.push_back(status);
      }
    }
    filter.statuses = std::move(statuses);
    filter.created_from = clock_.Now() - 90 * kDay;
    filter.created_to = clock_.Now();
    auto page = usecase::ListCases(*ctx_, filter, std::nullopt);
    EXPECT_TRUE(page) << page.error().message();
    std::vector<std::string> references;
    if (page) {
      for (const auto& c : page->cases) {
        references.push_back(c.reference);
      }
    }
    return references;
  }
};

TEST_P(OpenCasesListTest, AServicesOpenCasesInTheWindowComeNewestFirst) {
  clock_.Set(FromUnixMicros(kMondayMorning) - 100 * kDay);
  Create("FLY");  // outside the window
  clock_.Set(FromUnixMicros(kMondayMorning) - 10 * kDay);
  const std::string first = Create("FLY");
  const std::string closed = Create("FLY");
  const std::string resolved = Create("FLY");
  const std::string other_service = Create("GRAFFITI");
  const std::string acknowledged = Create("FLY");
  const std::string in_progress = Create("FLY");
  const std::string newest = Create("FLY");
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, closed, CaseStatus::kClosed, std::nullopt, "staff:1"));
  ASSERT_TRUE(
      usecase::ChangeStatus(*ctx_, resolved, CaseStatus::kResolved, std::nullopt, "staff:1"));
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, acknowledged, CaseStatus::kAcknowledged, std::nullopt,
                                    "staff:1"));
  ASSERT_TRUE(
      usecase::ChangeStatus(*ctx_, in_progress, CaseStatus::kInProgress, std::nullopt, "staff:1"));
  clock_.Set(FromUnixMicros(kMondayMorning));

  EXPECT_EQ(List({"FLY"}, 10),
            (std::vector<std::string>{newest, in_progress, acknowledged, first}));
  EXPECT_EQ(List({"FLY"}, 2), (std::vector<std::string>{newest, in_progress}));
  EXPECT_EQ(List({"FLY", "GRAFFITI"}, 10),
            (std::vector<std::string>{newest, in_progress, acknowledged, other_service, first}));
  // Some open statuses only, or a closed one: the plain list of statuses, as before.
  EXPECT_EQ(List({"FLY"}, 10, {CaseStatus::kNew}), (std::vector<std::string>{newest, first}));
  EXPECT_EQ(List({"FLY"}, 10, {CaseStatus::kNew, CaseStatus::kClosed}),
            (std::vector<std::string>{newest, closed, first}));
}

INSTANTIATE_TEST_SUITE_P(Backends, OpenCasesListTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
