#include "frontdoor/charter/calendar.hpp"

#include <chrono>
#include <climits>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace frontdoor::charter {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using testing_support::At;
using testing_support::CouncilCalendar;
using testing_support::London;

Date D(int y, unsigned m, unsigned d) {
  return date::sys_days(date::year(y) / date::month(m) / date::day(d));
}

// Every expected instant below was worked out by hand from DOMAIN.md, on the council
// calendar: Monday to Friday 09:00-17:00 Europe/London, NI holidays.
struct Deadline {
  const char* rule;
  const char* received;
  int amount;  // working days, or working minutes in the hours table
  const char* due;
};

void PrintTo(const Deadline& d, std::ostream* os) {
  *os << d.rule;
}

class AddWorkingDaysTest : public testing::TestWithParam<Deadline> {};

TEST_P(AddWorkingDaysTest, LandsOnTheCharterDueDate) {
  const Deadline& d = GetParam();
  const auto due = CouncilCalendar().AddWorkingDays(At(d.received), d.amount);
  ASSERT_TRUE(due) << d.rule;
  EXPECT_EQ(London(*due), d.due) << d.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Charter, AddWorkingDaysTest,
    testing::Values(
        Deadline{"DOMAIN example: Friday 18:30, 2 WD -> Wednesday close",
                 "2025-06-06T18:30:00+01:00", 2, "2025-06-11T17:00:00+01:00"},
        Deadline{"received at 17:00 exactly counts from the next opening",
                 "2025-06-10T17:00:00+01:00", 1, "2025-06-12T17:00:00+01:00"},
        Deadline{"received one second before close counts that day", "2025-06-10T16:59:59+01:00", 1,
                 "2025-06-11T17:00:00+01:00"},
        Deadline{"received 08:59 counts from 09:00 the same day", "2025-06-10T08:59:00+01:00", 0,
                 "2025-06-10T17:00:00+01:00"},
        Deadline{"received 09:00 exactly counts that day", "2025-06-10T09:00:00+01:00", 1,
                 "2025-06-11T17:00:00+01:00"},
        Deadline{"N = 0 mid-day: close of the same day", "2025-06-11T12:00:00+01:00", 0,
                 "2025-06-11T17:00:00+01:00"},
        Deadline{"Saturday receipt counts from Monday", "2025-06-14T11:00:00+01:00", 1,
                 "2025-06-17T17:00:00+01:00"},
        Deadline{"Sunday 23:59, N = 0: Monday close", "2025-06-15T23:59:00+01:00", 0,
                 "2025-06-16T17:00:00+01:00"},
        Deadline{"skips the weekend and St Patrick's Day 2025 (Monday)",
                 "2025-03-14T10:00:00+00:00", 1, "2025-03-18T17:00:00+00:00"},
        Deadline{"received on St Patrick's Day counts from the next day",
                 "2025-03-17T10:00:00+00:00", 0, "2025-03-18T17:00:00+00:00"},
        Deadline{"St Patrick's Day 2026 is a Tuesday", "2026-03-16T12:00:00+00:00", 1,
                 "2026-03-18T17:00:00+00:00"},
        Deadline{"12 July 2026 is a Sunday: substitute Monday 13 July is closed",
                 "2026-07-10T12:00:00+01:00", 1, "2026-07-14T17:00:00+01:00"},
        Deadline{"received on the 13 July 2026 substitute day", "2026-07-13T10:00:00+01:00", 0,
                 "2026-07-14T17:00:00+01:00"},
        Deadline{"12 July 2025 is a Saturday: substitute Monday 14 July is closed",
                 "2025-07-11T16:00:00+01:00", 1, "2025-07-15T17:00:00+01:00"},
        Deadline{"Thursday before Easter 2026, 1 WD: Good Friday and Easter Monday closed",
                 "2026-04-02T10:00:00+01:00", 1, "2026-04-07T17:00:00+01:00"},
        Deadline{"Thursday before Easter 2026, 2 WD", "2026-04-02T10:00:00+01:00", 2,
                 "2026-04-08T17:00:00+01:00"},
        Deadline{"Thursday before Easter 2025, 1 WD", "2025-04-17T10:00:00+01:00", 1,
                 "2025-04-22T17:00:00+01:00"},
        Deadline{"23 Dec 2026 + 5 WD: Christmas, Boxing Day substitute (28th), New Year",
                 "2026-12-23T10:00:00+00:00", 5, "2027-01-04T17:00:00+00:00"},
        Deadline{"Christmas 2027 on Saturday: Mon 27 and Tue 28 closed",
                 "2027-12-24T10:00:00+00:00", 1, "2027-12-29T17:00:00+00:00"},
        Deadline{"New Year 2028 on Saturday: Mon 3 Jan closed", "2027-12-30T12:00:00+00:00", 2,
                 "2028-01-04T17:00:00+00:00"},
        Deadline{"Spring holiday 31 May 2027", "2027-05-28T12:00:00+01:00", 1,
                 "2027-06-01T17:00:00+01:00"},
        Deadline{"Saturday before the March 2026 clock change, due in summer time",
                 "2026-03-28T12:00:00+00:00", 2, "2026-04-01T17:00:00+01:00"},
        Deadline{"Sunday of the March 2026 change, before 01:00 GMT", "2026-03-29T00:30:00+00:00",
                 0, "2026-03-30T17:00:00+01:00"},
        Deadline{"Sunday of the October 2026 change, first 01:30", "2026-10-25T01:30:00+01:00", 1,
                 "2026-10-27T17:00:00+00:00"},
        Deadline{"stage 2 complaint: 20 WD in November 2026", "2026-11-02T10:00:00+00:00", 20,
                 "2026-11-30T17:00:00+00:00"},
        Deadline{"10 WD across Easter 2027 and the clock change", "2027-03-22T10:00:00+00:00", 10,
                 "2027-04-07T17:00:00+01:00"}));

class AddWorkingHoursTest : public testing::TestWithParam<Deadline> {};

TEST_P(AddWorkingHoursTest, CountsOnlyOpeningTime) {
  const Deadline& d = GetParam();
  const auto due = CouncilCalendar().AddWorkingHours(At(d.received), minutes(d.amount));
  ASSERT_TRUE(due) << d.rule;
  EXPECT_EQ(London(*due), d.due) << d.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Charter, AddWorkingHoursTest,
    testing::Values(Deadline{"March 2026 change: Friday 16:30 GMT + 3 h -> Monday 11:30 BST",
                             "2026-03-27T16:30:00+00:00", 180, "2026-03-30T11:30:00+01:00"},
                    Deadline{"October 2026 change: Friday 15:00 BST + 4 h -> Monday 11:00 GMT",
                             "2026-10-23T15:00:00+01:00", 240, "2026-10-26T11:00:00+00:00"},
                    Deadline{"March 2028 change: Friday 16:00 GMT + 2 h",
                             "2028-03-24T16:00:00+00:00", 120, "2028-03-27T10:00:00+01:00"},
                    Deadline{"October 2028 change: Friday 16:45 BST + 1 h",
                             "2028-10-27T16:45:00+01:00", 60, "2028-10-30T09:45:00+00:00"},
                    Deadline{"a full day from 09:00 ends at that day's close, not the next opening",
                             "2025-06-09T09:00:00+01:00", 480, "2025-06-09T17:00:00+01:00"},
                    Deadline{"4 h from 13:00 ends exactly at close", "2025-06-09T13:00:00+01:00",
                             240, "2025-06-09T17:00:00+01:00"},
                    Deadline{"12 h from 13:00 ends at the next day's close",
                             "2025-06-09T13:00:00+01:00", 720, "2025-06-10T17:00:00+01:00"},
                    Deadline{"received at 17:00 exactly counts from the next opening",
                             "2025-06-09T17:00:00+01:00", 60, "2025-06-10T10:00:00+01:00"},
                    Deadline{"zero hours at night is the next opening", "2025-06-10T20:00:00+01:00",
                             0, "2025-06-11T09:00:00+01:00"},
                    Deadline{"zero hours inside opening is the receipt itself",
                             "2025-06-10T10:17:00+01:00", 0, "2025-06-10T10:17:00+01:00"},
                    Deadline{
                        "Thursday before Easter 2026 + 4 h skips Good Friday and Easter Monday",
                        "2026-04-02T15:00:00+01:00", 240, "2026-04-07T11:00:00+01:00"},
                    Deadline{"one minute across a weekend", "2025-06-13T16:59:30+01:00", 1,
                             "2025-06-16T09:00:30+01:00"},
                    Deadline{"Saturday receipt + 8 h is Monday's close",
                             "2025-06-14T10:00:00+01:00", 480, "2025-06-16T17:00:00+01:00"}));

TEST(WorkingCalendarTest, CreateRejectsAnUnknownTimeZone) {
  const auto made = WorkingCalendar::Create("x", "Europe/Atlantis",
                                            WeeklyHours::MondayToFriday(hours(9), hours(17)), {});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(made.error().field_errors().at(0).field, "time_zone");
}

TEST(WorkingCalendarTest, CreateRejectsBadOpeningHours) {
  const std::vector<WeeklyHours> bad = {
      WeeklyHours::MondayToFriday(hours(17), hours(9)),
      WeeklyHours::MondayToFriday(hours(9), hours(9)),
      WeeklyHours::MondayToFriday(minutes(-1), hours(9)),
      WeeklyHours::MondayToFriday(hours(9), hours(25)),
      WeeklyHours{},
  };
  for (const auto& hours_of_week : bad) {
    const auto made = WorkingCalendar::Create("x", "Europe/London", hours_of_week, {});
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(made.error().field_errors().at(0).field, "hours");
  }
}

TEST(WorkingCalendarTest, CreateRejectsAnEmptyCode) {
  const auto made =
      WorkingCalendar::Create("", WeeklyHours::MondayToFriday(hours(9), hours(17)), {});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().field_errors().at(0).field, "code");
}

TEST(WorkingCalendarTest, KnowsItsCodeAndZone) {
  EXPECT_EQ(CouncilCalendar().code(), "council");
  ASSERT_NE(CouncilCalendar().zone(), nullptr);
  EXPECT_EQ(CouncilCalendar().zone()->name(), "Europe/London");
}

TEST(WorkingCalendarTest, WorkingDaysAreOpenWeekdaysThatAreNotClosed) {
  const auto& calendar = CouncilCalendar();
  EXPECT_TRUE(calendar.IsWorkingDay(D(2026, 7, 14)));
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 7, 13)));  // Boyne substitute
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 7, 12)));  // Sunday
  EXPECT_FALSE(calendar.IsWorkingDay(D(2026, 7, 11)));  // Saturday
  EXPECT_FALSE(calendar.IsWorkingDay(D(2025, 3, 17)));
  EXPECT_TRUE(calendar.IsWorkingDay(D(2300, 1, 2)));  // a Tuesday: no range limit
}

TEST(WorkingCalendarTest, EffectiveStartFollowsTheRegistrationRule) {
  const auto& calendar = CouncilCalendar();
  struct Case {
    const char* received;
    const char* start;
  };
  const std::vector<Case> cases = {
      {"2025-06-10T10:00:00+01:00", "2025-06-10T10:00:00+01:00"},
      {"2025-06-10T09:00:00+01:00", "2025-06-10T09:00:00+01:00"},
      {"2025-06-10T17:00:00+01:00", "2025-06-11T09:00:00+01:00"},
      {"2025-06-10T08:59:59+01:00", "2025-06-10T09:00:00+01:00"},
      {"2025-06-13T17:30:00+01:00", "2025-06-16T09:00:00+01:00"},
      {"2026-12-24T17:00:00+00:00", "2026-12-29T09:00:00+00:00"},
  };
  for (const auto& c : cases) {
    const auto start = calendar.EffectiveStart(At(c.received));
    ASSERT_TRUE(start) << c.received;
    EXPECT_EQ(London(*start), c.start) << c.received;
  }
}

TEST(WorkingCalendarTest, KeepsSubSecondPrecisionInsideOpeningHours) {
  const Instant received = At("2025-06-10T16:59:59.999999+01:00");
  const auto start = CouncilCalendar().EffectiveStart(received);
  ASSERT_TRUE(start);
  EXPECT_EQ(*start, received);
  const auto due = CouncilCalendar().AddWorkingHours(received, microseconds(1));
  ASSERT_TRUE(due);
  EXPECT_EQ(London(*due), "2025-06-10T17:00:00+01:00");
}

TEST(WorkingCalendarTest, WorkingTimeBetweenCountsOnlyOpeningTime) {
  const auto& calendar = CouncilCalendar();
  EXPECT_EQ(
      calendar.WorkingTimeBetween(At("2025-06-13T16:00:00+01:00"), At("2025-06-16T10:30:00+01:00")),
      minutes(150));
  EXPECT_EQ(
      calendar.WorkingTimeBetween(At("2025-06-14T00:00:00+01:00"), At("2025-06-15T23:00:00+01:00")),
      minutes(0));
  EXPECT_EQ(
      calendar.WorkingTimeBetween(At("2025-06-16T10:00:00+01:00"), At("2025-06-13T10:00:00+01:00")),
      minutes(0));
  // Across the March 2026 change: Friday 1 h (GMT) + Monday 2 h (BST).
  EXPECT_EQ(
      calendar.WorkingTimeBetween(At("2026-03-27T16:00:00+00:00"), At("2026-03-30T11:00:00+01:00")),
      hours(3));
  // A whole week with a holiday: 4 days of 8 hours.
  EXPECT_EQ(
      calendar.WorkingTimeBetween(At("2026-07-13T00:00:00+01:00"), At("2026-07-18T00:00:00+01:00")),
      hours(32));
}

TEST(WorkingCalendarTest, NegativeAmountsAreInvalid) {
  const auto& calendar = CouncilCalendar();
  const auto days = calendar.AddWorkingDays(At("2025-06-10T10:00:00+01:00"), -1);
  ASSERT_FALSE(days);
  EXPECT_EQ(days.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(days.error().field_errors().at(0).field, "days");
  const auto time = calendar.AddWorkingHours(At("2025-06-10T10:00:00+01:00"), minutes(-1));
  ASSERT_FALSE(time);
  EXPECT_EQ(time.error().field_errors().at(0).field, "duration");
}

TEST(WorkingCalendarTest, OutOfRangeIsInvalidInputNotUndefinedBehaviour) {
  const auto& calendar = CouncilCalendar();
  const auto early = calendar.AddWorkingDays(At("1969-12-31T10:00:00Z"), 1);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field_errors().at(0).field, "received");
  const auto late = calendar.AddWorkingDays(At("2201-01-05T10:00:00Z"), 1);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().field_errors().at(0).field, "received");
  EXPECT_FALSE(calendar.EffectiveStart(At("2201-01-05T10:00:00Z")));
  const auto too_many = calendar.AddWorkingDays(At("2025-06-10T10:00:00+01:00"), INT_MAX);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().field_errors().at(0).field, "days");
  const auto too_long =
      calendar.AddWorkingHours(At("2025-06-10T10:00:00+01:00"), microseconds::max());
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field_errors().at(0).field, "duration");
  EXPECT_FALSE(calendar.AddWorkingDays(Instant::min(), 0));
  EXPECT_FALSE(calendar.AddWorkingDays(Instant::max(), 0));
}

TEST(WorkingCalendarTest, RangeEndsAreUsable) {
  const auto& calendar = CouncilCalendar();
  const auto first = calendar.AddWorkingDays(At("1970-01-01T00:00:00+01:00"), 0);
  ASSERT_TRUE(first);
  // London kept summer time all year in 1970 (British Standard Time).
  EXPECT_EQ(London(*first), "1970-01-01T17:00:00+01:00");
  const auto last = calendar.AddWorkingDays(At("2200-12-30T10:00:00Z"), 1);
  ASSERT_TRUE(last);
  EXPECT_EQ(London(*last), "2200-12-31T17:00:00+00:00");
}

// The OS time zone files stop listing transitions in 2037; the calendar carries today's
// rules on, so summer time still applies after 2037.
TEST(WorkingCalendarTest, SummerTimeContinuesAfter2037) {
  const auto& calendar = CouncilCalendar();
  const auto july = calendar.AddWorkingDays(At("2040-07-02T10:00:00Z"), 0);
  ASSERT_TRUE(july);
  EXPECT_EQ(London(*july), "2040-07-02T17:00:00+01:00");
  EXPECT_EQ(*july, At("2040-07-02T16:00:00Z"));
  // 2040: summer time from Sunday 25 March to Sunday 28 October.
  EXPECT_EQ(London(At("2040-03-25T00:59:59Z")), "2040-03-25T00:59:59+00:00");
  EXPECT_EQ(London(At("2040-03-25T01:00:00Z")), "2040-03-25T02:00:00+01:00");
  EXPECT_EQ(London(At("2040-10-28T00:59:59Z")), "2040-10-28T01:59:59+01:00");
  EXPECT_EQ(London(At("2040-10-28T01:00:00Z")), "2040-10-28T01:00:00+00:00");
  EXPECT_EQ(London(At("2199-07-01T12:00:00Z")), "2199-07-01T13:00:00+01:00");
}

TEST(WorkingCalendarTest, OpeningHoursMayDifferByWeekdayAndZone) {
  WeeklyHours week = WeeklyHours::MondayToFriday(hours(9), hours(17));
  week.by_weekday[5] = OpeningPeriod{hours(10), hours(13)};  // Saturday morning
  const auto made = WorkingCalendar::Create("centre", "Europe/London", week, {});
  ASSERT_TRUE(made);
  const auto due = made->AddWorkingHours(At("2025-06-13T16:00:00+01:00"), hours(2));
  ASSERT_TRUE(due);
  EXPECT_EQ(London(*due), "2025-06-14T11:00:00+01:00");

  const auto utc = WorkingCalendar::Create("utc", "UTC", week, {});
  ASSERT_TRUE(utc);
  const auto utc_due = utc->AddWorkingDays(At("2025-06-13T18:00:00Z"), 0);
  ASSERT_TRUE(utc_due);
  EXPECT_EQ(*utc_due, At("2025-06-14T13:00:00Z"));
}

TEST(WorkingCalendarTest, OpeningUntilMidnightCountsToTheNextDay) {
  WeeklyHours week = WeeklyHours::MondayToFriday(hours(20), hours(24));
  const auto made = WorkingCalendar::Create("late", "Europe/London", week, {});
  ASSERT_TRUE(made);
  const auto due = made->AddWorkingDays(At("2025-06-10T21:00:00+01:00"), 0);
  ASSERT_TRUE(due);
  EXPECT_EQ(London(*due), "2025-06-11T00:00:00+01:00");
}

// A period containing the change is as long as the real time that passes: 00:00-06:00 on
// the day the clocks go forward is five hours, on the day they go back seven.
TEST(WorkingCalendarTest, AnOpeningPeriodAcrossAClockChangeIsRealTime) {
  WeeklyHours week;
  week.by_weekday[6] = OpeningPeriod{hours(0), hours(6)};  // Sundays only
  const auto made = WorkingCalendar::Create("night", "Europe/London", week, {});
  ASSERT_TRUE(made);
  EXPECT_EQ(made->WorkingTimeBetween(At("2026-03-29T00:00:00Z"), At("2026-03-30T00:00:00Z")),
            hours(5));
  EXPECT_EQ(made->WorkingTimeBetween(At("2026-10-25T00:00:00+01:00"), At("2026-10-26T00:00:00Z")),
            hours(7));
  const auto due = made->AddWorkingHours(At("2026-03-29T00:00:00Z"), hours(3));
  ASSERT_TRUE(due);
  EXPECT_EQ(London(*due), "2026-03-29T04:00:00+01:00");
}

TEST(WorkingCalendarTest, CopiesShareTheSameAnswers) {
  // The copy is what is under test.
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
  const WorkingCalendar copy = CouncilCalendar();
  const Instant t = At("2026-12-23T10:00:00Z");
  EXPECT_EQ(*copy.AddWorkingDays(t, 5), *CouncilCalendar().AddWorkingDays(t, 5));
  EXPECT_EQ(copy.code(), "council");
}

}  // namespace
}  // namespace frontdoor::charter
