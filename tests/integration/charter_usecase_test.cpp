// The charter's data use cases on SQLite and PostgreSQL: calendars, holidays by rule, the
// GOV.UK import (one-off holidays move due dates), closures, standards and LoadCharter.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/usecase/bank_holidays.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::hours;
using usecase::CalendarSpec;
using usecase::StandardEntry;

charter::Date D(int y, unsigned m, unsigned d) {
  return charter::Date{std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)};
}

Instant At(const char* iso) {
  return charter::ParseIso8601(iso).value();
}

std::string SampleBankHolidays() {
  std::ifstream in(std::string(FRONTDOOR_TEST_DATA_DIR) + "/bank-holidays.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const auto& field : error.field_errors()) {
    fields.push_back(field.field);
  }
  return fields;
}

class CharterUseCaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
  }

  static CalendarSpec Council() {
    return {"council", "Belfast City Council", "Europe/London",
            charter::WeeklyHours::MondayToFriday(hours(9), hours(17)), false};
  }

  // The due instant of `days` working days from `received` on the stored calendar.
  std::string DueOn(const std::string& calendar, const char* received, int days) {
    auto data = usecase::LoadCharter(*store_);
    EXPECT_TRUE(data) << data.error().message();
    auto built = data->BuildCalendar(calendar);
    EXPECT_TRUE(built) << built.error().message();
    auto due = built->AddWorkingDays(At(received), days);
    EXPECT_TRUE(due) << due.error().message();
    return charter::FormatIso8601(*due, built->zone());
  }

  std::vector<store::ClosedDayRecord> ClosedDays(const std::string& code) {
    auto details = usecase::GetCalendar(*store_, code);
    EXPECT_TRUE(details) << details.error().message();
    return details ? details->closed_days : std::vector<store::ClosedDayRecord>{};
  }

  std::optional<store::ClosedDayRecord> ClosedOn(const std::string& code, const char* day) {
    for (auto& closed : ClosedDays(code)) {
      if (closed.day == day) {
        return closed;
      }
    }
    return std::nullopt;
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(CharterUseCaseTest, FirstCalendarIsTheDefaultAndTheDefaultCanMove) {
  auto council = usecase::CreateCalendar(*store_, clock_, Council());
  ASSERT_TRUE(council) << council.error().message();
  EXPECT_TRUE(council->is_default);
  CalendarSpec longer{"contact-centre", "Contact centre", "Europe/London",
                      charter::WeeklyHours::MondayToFriday(hours(8), hours(18)), false};
  longer.hours.by_weekday[5] = charter::OpeningPeriod{hours(9), hours(13)};
  auto centre = usecase::CreateCalendar(*store_, clock_, longer);
  ASSERT_TRUE(centre) << centre.error().message();
  EXPECT_FALSE(centre->is_default);

  longer.is_default = true;
  ASSERT_TRUE(usecase::UpdateCalendar(*store_, clock_, longer));
  auto data = usecase::LoadCharter(*store_);
  ASSERT_TRUE(data);
  EXPECT_EQ(data->default_calendar, "contact-centre");
  auto built = data->BuildCalendar(std::nullopt);
  ASSERT_TRUE(built);
  EXPECT_EQ(built->code(), "contact-centre");
  EXPECT_TRUE(built->IsWorkingDay(D(2026, 1, 3)));  // a Saturday, open 09:00-13:00
}

TEST_P(CharterUseCaseTest, CalendarFieldsAreCheckedTogether) {
  CalendarSpec bad{"no spaces please", "  ", "Europe/London", {}, false};
  auto created = usecase::CreateCalendar(*store_, clock_, bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Fields(created.error()), (std::vector<std::string>{"code", "name"}));

  CalendarSpec no_zone = Council();
  no_zone.zone = "Europe/Atlantis";
  EXPECT_EQ(Fields(usecase::CreateCalendar(*store_, clock_, no_zone).error()),
            std::vector<std::string>{"time_zone"});
  CalendarSpec never_open = Council();
  never_open.hours = {};
  EXPECT_EQ(Fields(usecase::CreateCalendar(*store_, clock_, never_open).error()),
            std::vector<std::string>{"hours"});
}

TEST_P(CharterUseCaseTest, DuplicateUnknownAndClearingTheDefaultAreRefused) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  EXPECT_EQ(usecase::CreateCalendar(*store_, clock_, Council()).error().code(),
            ErrorCode::kConflict);
  CalendarSpec unknown = Council();
  unknown.code = "nowhere";
  EXPECT_EQ(usecase::UpdateCalendar(*store_, clock_, unknown).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(Fields(usecase::UpdateCalendar(*store_, clock_, Council()).error()),
            std::vector<std::string>{"is_default"});
}

TEST_P(CharterUseCaseTest, RuleHolidaysAreAddedOncePerYear) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  auto added = usecase::AddRuleHolidays(*store_, "council", 2025, 2027);
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(*added, 30);
  auto again = usecase::AddRuleHolidays(*store_, "council", 2025, 2028);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 10);  // only 2028 was missing
  const auto boyne = ClosedOn("council", "2026-07-13");
  ASSERT_TRUE(boyne);  // 12 July 2026 is a Sunday
  EXPECT_EQ(boyne->source, "rule");
  EXPECT_EQ(usecase::AddRuleHolidays(*store_, "nowhere", 2025, 2025).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(Fields(usecase::AddRuleHolidays(*store_, "council", 1900, 2025).error()),
            std::vector<std::string>{"years"});
}

TEST_P(CharterUseCaseTest, ImportedOneOffHolidaysMoveDueDates) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  ASSERT_TRUE(usecase::AddRuleHolidays(*store_, "council", 2020, 2023));
  // Friday before the Queen's state funeral; Friday before the coronation.
  EXPECT_EQ(DueOn("council", "2022-09-16T10:00:00+01:00", 1), "2022-09-19T17:00:00+01:00");
  EXPECT_EQ(DueOn("council", "2023-05-05T10:00:00+01:00", 1), "2023-05-08T17:00:00+01:00");

  auto holidays = usecase::ParseBankHolidays(SampleBankHolidays(), "northern-ireland");
  ASSERT_TRUE(holidays) << holidays.error().message();
  auto summary = usecase::ImportHolidays(*store_, "council", *holidays);
  ASSERT_TRUE(summary) << summary.error().message();
  EXPECT_EQ(DueOn("council", "2022-09-16T10:00:00+01:00", 1), "2022-09-20T17:00:00+01:00");
  EXPECT_EQ(DueOn("council", "2023-05-05T10:00:00+01:00", 1), "2023-05-09T17:00:00+01:00");
}

TEST_P(CharterUseCaseTest, ImportCorrectsMovedHolidaysAndIsIdempotent) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  ASSERT_TRUE(usecase::AddRuleHolidays(*store_, "council", 2020, 2023));
  auto holidays = usecase::ParseBankHolidays(SampleBankHolidays(), "northern-ireland");
  ASSERT_TRUE(holidays);
  auto first = usecase::ImportHolidays(*store_, "council", *holidays);
  ASSERT_TRUE(first) << first.error().message();
  // 2020: Early May moved to VE day (rule 4 May removed, 8 May added). 2022: Spring moved to
  // 2 June (30 May removed) plus the Jubilee and the state funeral. 2023: the coronation.
  EXPECT_EQ(first->added, 5);
  EXPECT_EQ(first->removed, 2);
  EXPECT_EQ(first->updated, 28);
  EXPECT_EQ(first->unchanged, 0);
  EXPECT_FALSE(ClosedOn("council", "2020-05-04"));
  EXPECT_FALSE(ClosedOn("council", "2022-05-30"));
  EXPECT_EQ(ClosedOn("council", "2022-06-03")->name, "Platinum Jubilee bank holiday");
  EXPECT_EQ(ClosedOn("council", "2022-06-03")->source, "imported");
  EXPECT_EQ(ClosedOn("council", "2021-07-12")->source, "rule");  // 2021 is not in the file

  auto second = usecase::ImportHolidays(*store_, "council", *holidays);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->added + second->removed + second->updated, 0);
  EXPECT_EQ(second->unchanged, 33);

  // Rules never come back over an imported year.
  auto rules = usecase::AddRuleHolidays(*store_, "council", 2020, 2023);
  ASSERT_TRUE(rules);
  EXPECT_EQ(*rules, 0);
  EXPECT_FALSE(ClosedOn("council", "2020-05-04"));
}

TEST_P(CharterUseCaseTest, PartialFileOnlyAddsAndClosuresAreKept) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  ASSERT_TRUE(usecase::AddRuleHolidays(*store_, "council", 2026, 2026));
  ASSERT_TRUE(usecase::AddClosedDay(*store_, "council", D(2026, 12, 29), "Christmas closure"));
  auto summary = usecase::ImportHolidays(
      *store_, "council",
      {{D(2026, 12, 29), "Extra day"}, {D(2026, 6, 15), "One-off celebration"}});
  ASSERT_TRUE(summary) << summary.error().message();
  EXPECT_EQ(summary->added, 1);
  EXPECT_EQ(summary->unchanged, 1);
  EXPECT_EQ(summary->removed, 0);
  EXPECT_EQ(ClosedDays("council").size(), 12U);
  EXPECT_EQ(ClosedOn("council", "2026-12-29")->source, "closure");
  EXPECT_EQ(usecase::ImportHolidays(*store_, "nowhere", {}).error().code(), ErrorCode::kNotFound);
}

TEST_P(CharterUseCaseTest, ClosedDaysConflictWithHolidaysAndCanBeReopened) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  ASSERT_TRUE(usecase::AddRuleHolidays(*store_, "council", 2026, 2026));
  auto on_christmas = usecase::AddClosedDay(*store_, "council", D(2026, 12, 25), "Closure");
  ASSERT_FALSE(on_christmas);
  EXPECT_EQ(on_christmas.error().code(), ErrorCode::kConflict);
  EXPECT_NE(on_christmas.error().message().find("Christmas Day"), std::string::npos);
  EXPECT_EQ(Fields(usecase::AddClosedDay(*store_, "council", D(2026, 12, 29), "").error()),
            std::vector<std::string>{"name"});

  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-02T17:00:00+00:00");
  ASSERT_TRUE(usecase::AddClosedDay(*store_, "council", D(2026, 3, 2), "Staff training"));
  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-03T17:00:00+00:00");
  ASSERT_TRUE(usecase::RemoveClosedDay(*store_, "council", D(2026, 3, 2)));
  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-02T17:00:00+00:00");
  EXPECT_EQ(usecase::RemoveClosedDay(*store_, "council", D(2026, 3, 2)).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(CharterUseCaseTest, ClosureCoveringAWholeOpeningDayMovesDeadlines) {
  ASSERT_TRUE(usecase::CreateCalendar(*store_, clock_, Council()));
  auto partial = usecase::AddClosure(*store_, clock_, "council", At("2026-03-02T12:00:00Z"),
                                     At("2026-03-03T00:00:00Z"), "Power cut");
  ASSERT_TRUE(partial) << partial.error().message();
  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-02T17:00:00+00:00");
  auto whole = usecase::AddClosure(*store_, clock_, "council", At("2026-03-02T08:00:00Z"),
                                   At("2026-03-02T17:00:00Z"), "Storm");
  ASSERT_TRUE(whole) << whole.error().message();
  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-03T17:00:00+00:00");
  ASSERT_TRUE(usecase::RemoveClosure(*store_, "council", whole->id));
  EXPECT_EQ(DueOn("council", "2026-02-27T10:00:00Z", 1), "2026-03-02T17:00:00+00:00");

  auto backwards = usecase::AddClosure(*store_, clock_, "council", At("2026-03-02T17:00:00Z"),
                                       At("2026-03-02T08:00:00Z"), "");
  ASSERT_FALSE(backwards);
  EXPECT_EQ(Fields(backwards.error()), (std::vector<std::string>{"reason", "to"}));
  EXPECT_EQ(usecase::RemoveClosure(*store_, "council", whole->id).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(CharterUseCaseTest, StandardsAreValidatedStoredAndLoaded) {
  StandardEntry ack{
      {"EMAIL-ACK", "Acknowledge within 2 working days", charter::Measure::kAcknowledge, "email",
       std::nullopt, std::nullopt, charter::Target{charter::TargetUnit::kWorkingDays, 2}, 95},
      true};
  ASSERT_TRUE(usecase::CreateStandard(*store_, clock_, ack));
  EXPECT_EQ(usecase::CreateStandard(*store_, clock_, ack).error().code(), ErrorCode::kConflict);
  StandardEntry calls{
      {"PHONE-ANS", "Answer calls within 20 seconds", charter::Measure::kAnswerCall, "phone",
       std::nullopt, std::nullopt, charter::Target{charter::TargetUnit::kSeconds, 20}, 80},
      true};
  ASSERT_TRUE(usecase::CreateStandard(*store_, clock_, calls));
  calls.active = false;
  calls.standard.threshold_percent = 85;
  auto updated = usecase::UpdateStandard(*store_, clock_, calls);
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_FALSE(updated->active);
  EXPECT_DOUBLE_EQ(updated->standard.threshold_percent, 85);

  auto all = usecase::ListStandards(*store_, true);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2U);
  auto data = usecase::LoadCharter(*store_);
  ASSERT_TRUE(data);
  ASSERT_EQ(data->standards.size(), 1U);
  auto found = data->FindStandard("EMAIL-ACK");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->target.amount, 2);
  EXPECT_EQ(found->channel, std::optional<std::string>("email"));
  EXPECT_EQ(data->FindStandard("PHONE-ANS").error().code(), ErrorCode::kNotFound);

  StandardEntry unknown = ack;
  unknown.standard.code = "NOPE";
  EXPECT_EQ(usecase::UpdateStandard(*store_, clock_, unknown).error().code(), ErrorCode::kNotFound);
}

TEST_P(CharterUseCaseTest, EveryWrongStandardFieldIsNamed) {
  StandardEntry bad{{"bad code!", "", charter::Measure::kResolve, "fax", "moan", "a b",
                     charter::Target{charter::TargetUnit::kWorkingDays, -1}, 150},
                    true};
  auto created = usecase::CreateStandard(*store_, clock_, bad);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Fields(created.error()),
            (std::vector<std::string>{"code", "name", "target", "threshold_percent", "channel",
                                      "case_type", "service_code"}));
  bad = {{"HUGE", "Huge", charter::Measure::kResolve, std::nullopt, std::nullopt, std::nullopt,
          charter::Target{charter::TargetUnit::kWorkingDays, 1'000'000}, 90},
         true};
  EXPECT_EQ(Fields(usecase::CreateStandard(*store_, clock_, bad).error()),
            std::vector<std::string>{"target"});
}

TEST_P(CharterUseCaseTest, LoadingAnEmptyDatabaseSaysWhatToDo) {
  auto data = usecase::LoadCharter(*store_);
  ASSERT_TRUE(data);
  EXPECT_TRUE(data->default_calendar.empty());
  auto built = data->BuildCalendar(std::nullopt);
  ASSERT_FALSE(built);
  EXPECT_EQ(built.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(built.error().message().find("seed"), std::string::npos);
  EXPECT_EQ(data->BuildCalendar("council").error().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, CharterUseCaseTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
