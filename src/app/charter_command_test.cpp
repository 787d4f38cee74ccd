#include "frontdoor/app/charter_command.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "frontdoor/app/wiring.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include "demo_charter.hpp"

namespace frontdoor::app {
namespace {

TEST(CharterDueTest, FridayEveningTwoWorkingDaysIsWednesdayClose) {
  DueQuery query;
  query.working_days = 2;
  query.from = "2026-11-20T18:30:00Z";  // a Friday evening
  EXPECT_EQ(CharterDue(query).value(), "2026-11-25T17:00:00+00:00");
}

TEST(CharterDueTest, StandardCodeUsesItsTarget) {
  DueQuery query;
  query.standard = "EMAIL-RESP";  // 10 working days; St Patrick's Day 2026 is a Tuesday
  query.from = "2026-03-09T10:00:00Z";
  EXPECT_EQ(CharterDue(query).value(), "2026-03-24T17:00:00+00:00");
}

TEST(CharterDueTest, WorkingHoursCrossTheClockChange) {
  DueQuery query;
  query.working_hours = 3;
  query.from = "2026-03-27T16:30:00Z";  // Friday 16:30 GMT; clocks go forward on Sunday
  EXPECT_EQ(CharterDue(query).value(), "2026-03-30T11:30:00+01:00");
}

TEST(CharterDueTest, ExactlyOneTargetIsRequired) {
  DueQuery query;
  query.from = "2026-03-27T16:30:00Z";
  EXPECT_EQ(CharterDue(query).error().code(), ErrorCode::kInvalidInput);
  query.working_days = 1;
  query.working_hours = 1;
  EXPECT_EQ(CharterDue(query).error().code(), ErrorCode::kInvalidInput);
}

TEST(CharterDueTest, BadInputNamesTheField) {
  DueQuery query;
  query.working_days = 1;
  query.from = "2026-03-27 16:30";
  EXPECT_EQ(CharterDue(query).error().field_errors().front().field, "from");
  query.from = "2026-03-27T16:30:00Z";
  query.calendar = "contact-centre";
  EXPECT_EQ(CharterDue(query).error().code(), ErrorCode::kNotFound);
  query.calendar = "default";
  query.working_days.reset();
  query.standard = "NOPE";
  EXPECT_EQ(CharterDue(query).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace frontdoor::app

namespace frontdoor::app {
namespace {

// `charter due` and `charter import-holidays` on a database seeded with the demo charter.
class CharterDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fd-charter-cli-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::OpenSqliteStore({.path = (dir_ / "db").string()}, clock_);
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Seed() {
    std::ostringstream out;
    auto seeded = SeedDemoCharter(*store_, clock_, out);
    ASSERT_TRUE(seeded) << seeded.error().message();
  }
  static std::string SampleFile() {
    const char* root = std::getenv("FRONTDOOR_SOURCE_DIR");
    return std::string(root ? root : ".") + "/tests/data/bank-holidays.json";
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(CharterDatabaseTest, DefaultCalendarAndStandardsComeFromTheDatabase) {
  Seed();
  DueQuery query;
  query.standard = "EMAIL-RESP";  // 10 working days; St Patrick's Day 2026 is a Tuesday
  query.from = "2026-03-09T10:00:00Z";
  EXPECT_EQ(CharterDue(query, *store_).value(), "2026-03-24T17:00:00+00:00");
}

TEST_F(CharterDatabaseTest, ContactCentreCalendarOpensLongerAndOnSaturdays) {
  Seed();
  DueQuery query;
  query.working_hours = 3;
  // Friday 16:30 GMT: 1.5 h that evening, 1.5 h on Saturday morning (clocks change on Sunday).
  query.from = "2026-03-27T16:30:00Z";
  query.calendar = "contact-centre";
  EXPECT_EQ(CharterDue(query, *store_).value(), "2026-03-28T10:30:00+00:00");
  query.calendar = "council";
  EXPECT_EQ(CharterDue(query, *store_).value(), "2026-03-30T11:30:00+01:00");
}

TEST_F(CharterDatabaseTest, UnknownCalendarOrStandardIsNotFoundWithItsExitCode) {
  Seed();
  DueQuery query;
  query.working_days = 1;
  query.from = "2026-03-27T16:30:00Z";
  query.calendar = "default";  // the built-in name means nothing to a database
  auto due = CharterDue(query, *store_);
  ASSERT_FALSE(due);
  EXPECT_EQ(due.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ExitCodeFor(due.error().code()), 66);
  query.calendar.reset();
  query.working_days.reset();
  query.standard = "EMAIL-NOPE";
  EXPECT_EQ(CharterDue(query, *store_).error().code(), ErrorCode::kNotFound);
}

TEST_F(CharterDatabaseTest, EmptyDatabaseSaysHowToSeedIt) {
  DueQuery query;
  query.working_days = 1;
  query.from = "2026-03-27T16:30:00Z";
  auto due = CharterDue(query, *store_);
  ASSERT_FALSE(due);
  EXPECT_EQ(due.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(due.error().message().find("seed --demo"), std::string::npos);
}

TEST_F(CharterDatabaseTest, SeedingTwiceAddsNothing) {
  Seed();
  std::ostringstream out;
  ASSERT_TRUE(SeedDemoCharter(*store_, clock_, out));
  EXPECT_NE(out.str().find("0 added, 0 holidays added; 0 standards added"), std::string::npos)
      << out.str();
}

TEST_F(CharterDatabaseTest, ImportedCoronationMovesTheDueDate) {
  Seed();  // rules from 2025: the coronation year 2023 has none yet
  DueQuery query;
  query.working_days = 1;
  query.from = "2023-05-05T10:00:00+01:00";  // the Friday before the coronation
  EXPECT_EQ(CharterDue(query, *store_).value(), "2023-05-08T17:00:00+01:00");
  auto imported = ImportHolidayFile({SampleFile(), std::nullopt, "northern-ireland"}, *store_);
  ASSERT_TRUE(imported) << imported.error().message();
  EXPECT_NE(imported->find("into calendar council: 33 added"), std::string::npos) << *imported;
  EXPECT_EQ(CharterDue(query, *store_).value(), "2023-05-09T17:00:00+01:00");
  // Imported into the default calendar only: the contact centre opens on Saturday, then Monday.
  query.calendar = "contact-centre";
  query.working_days = 2;
  EXPECT_EQ(CharterDue(query, *store_).value(), "2023-05-08T18:00:00+01:00");
}

TEST_F(CharterDatabaseTest, ImportNamesWhatIsWrong) {
  Seed();
  EXPECT_EQ(ImportHolidayFile({(dir_ / "missing.json").string(), std::nullopt, "northern-ireland"},
                              *store_)
                .error()
                .code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(
      ImportHolidayFile({SampleFile(), "nowhere", "northern-ireland"}, *store_).error().code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(ImportHolidayFile({SampleFile(), std::nullopt, "wales"}, *store_)
                .error()
                .field_errors()
                .front()
                .field,
            "division");
  const auto garbage = dir_ / "garbage.json";
  std::ofstream(garbage) << "{\"northern-ireland\": ";
  EXPECT_EQ(ImportHolidayFile({garbage.string(), std::nullopt, "northern-ireland"}, *store_)
                .error()
                .code(),
            ErrorCode::kMalformed);
}

TEST(CharterUsesDatabaseTest, OnlyWhenNamedConfiguredOrPresent) {
  Config config;
  config.db = "sqlite:/nonexistent/frontdoor-test/none.db";
  EXPECT_TRUE(CharterUsesDatabase(config, false));  // differs from the default
  EXPECT_TRUE(CharterUsesDatabase(Config{}, true));
  const auto cwd = std::filesystem::current_path();
  const auto dir = std::filesystem::temp_directory_path() / "fd-charter-uses-db";
  std::filesystem::create_directories(dir);
  std::filesystem::current_path(dir);
  std::filesystem::remove_all(dir / "var");
  EXPECT_FALSE(CharterUsesDatabase(Config{}, false));
  std::filesystem::create_directories(dir / "var");
  std::ofstream(dir / "var" / "frontdoor.db") << "";
  EXPECT_TRUE(CharterUsesDatabase(Config{}, false));
  std::filesystem::current_path(cwd);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace frontdoor::app
