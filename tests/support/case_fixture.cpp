#include "case_fixture.hpp"

#include <chrono>
#include <tuple>

#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::testing {

charter::WorkingCalendar NineToFive() {
  return charter::WorkingCalendar::Create(
             "test",
             charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)),
             {})
      .value();
}

charter::Standard StreetCleansingStandard() {
  return {"SVC-CLEANSE",
          "Street cleansing",
          charter::Measure::kResolve,
          std::nullopt,
          std::nullopt,
          std::nullopt,
          {charter::TargetUnit::kWorkingDays, 5},
          90};
}

void CaseStoreTest::SetUp() {
  database_ = NewTestDatabase(GetParam());
  store_ = OpenTestStore(*database_, clock_);
  auto migrated = store_->Migrate();
  ASSERT_TRUE(migrated) << migrated.error().message();
  ctx_ = std::make_unique<usecase::CaseContext>(
      usecase::CaseContext{*store_, clock_, "BCC", calendar_, standards_});
}

http::Execution CaseStoreTest::Reads() const {
  // SQLite reads are local and short; PostgreSQL's wait on the network.
  return store_->ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline;
}

void SqliteStoreTest::SetUp() {
  ASSERT_TRUE(usecase::InitialiseSecrets());
  database_ = NewTestDatabase(Backend::kSqlite);
  store_ = OpenTestStore(*database_, clock_);
  auto migrated = store_->Migrate();
  ASSERT_TRUE(migrated) << migrated.error().message();
}

void AddTwoDepartments(store::Store& store, const Clock& clock) {
  ASSERT_TRUE(usecase::CreateDepartment(store, "CNS", "City and Neighbourhood Services"));
  ASSERT_TRUE(usecase::CreateDepartment(store, "PE", "Place and Economy"));
  ASSERT_TRUE(usecase::CreateTeam(store, {"bins", "Bins", "CNS", std::nullopt}));
  ASSERT_TRUE(usecase::CreateTeam(store, {"licensing", "Licensing", "PE", std::nullopt}));
  for (const auto& [code, name, department, team] :
       {std::tuple{"BIN", "Missed bin", "CNS", "bins"},
        std::tuple{"LIC", "Licence enquiry", "PE", "licensing"}}) {
    usecase::ServiceInput service;
    service.code = code;
    service.name = name;
    service.department_code = department;
    service.default_team_code = team;
    auto created = usecase::CreateService(store, clock, service);
    ASSERT_TRUE(created) << created.error().message();
  }
}

std::string NewApiKey(store::Store& store, const Clock& clock, const std::string& name,
                      const std::string& scope) {
  auto created = usecase::CreateApiKey(store, clock, name, scope);
  EXPECT_TRUE(created) << created.error().message();
  return created ? created->key : std::string();
}

void AddStaffMember(store::Store& store, const Clock& clock, const std::string& role,
                    const std::optional<std::string>& department,
                    const std::optional<std::string>& name) {
  auto added = usecase::AddStaffUser(store, clock,
                                     {role + "@council.example", name.value_or("Pat " + role), role,
                                      department, std::string(kStaffPassword)});
  ASSERT_TRUE(added) << added.error().message();
}

}  // namespace frontdoor::testing
