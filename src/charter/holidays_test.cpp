#include "frontdoor/charter/holidays.hpp"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::charter {
namespace {

std::string Day(Date date) {
  const date::year_month_day ymd(date);
  std::array<char, 16> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text.data();
}

std::vector<std::string> Days(int year) {
  std::vector<std::string> days;
  for (const auto& holiday : NorthernIrelandHolidays(year)) {
    days.push_back(Day(holiday.date));
  }
  return days;
}

// DOMAIN.md section (c), from GOV.UK's northern-ireland bank-holidays data, in table order.
struct Year {
  int year;
  std::vector<std::string> dates;
};

class NorthernIrelandHolidaysTest : public testing::TestWithParam<Year> {};

TEST_P(NorthernIrelandHolidaysTest, MatchesTheGovUkData) {
  EXPECT_EQ(Days(GetParam().year), GetParam().dates);
}

INSTANTIATE_TEST_SUITE_P(
    DomainTable, NorthernIrelandHolidaysTest,
    testing::Values(Year{2024,
                         {"2024-01-01", "2024-03-18", "2024-03-29", "2024-04-01", "2024-05-06",
                          "2024-05-27", "2024-07-12", "2024-08-26", "2024-12-25", "2024-12-26"}},
                    Year{2025,
                         {"2025-01-01", "2025-03-17", "2025-04-18", "2025-04-21", "2025-05-05",
                          "2025-05-26", "2025-07-14", "2025-08-25", "2025-12-25", "2025-12-26"}},
                    Year{2026,
                         {"2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04",
                          "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"}},
                    Year{2027,
                         {"2027-01-01", "2027-03-17", "2027-03-26", "2027-03-29", "2027-05-03",
                          "2027-05-31", "2027-07-12", "2027-08-30", "2027-12-27", "2027-12-28"}},
                    // By rule, beyond the table: Christmas on a Saturday (2021), New Year's Day on
                    // a Saturday and Christmas on a Sunday (2022). GOV.UK's 2022 data also moved
                    // Spring to 2 June and added 3 June: one-offs, which come from data, not rules.
                    Year{2022,
                         {"2022-01-03", "2022-03-17", "2022-04-15", "2022-04-18", "2022-05-02",
                          "2022-05-30", "2022-07-12", "2022-08-29", "2022-12-26", "2022-12-27"}},
                    Year{2021,
                         {"2021-01-01", "2021-03-17", "2021-04-02", "2021-04-05", "2021-05-03",
                          "2021-05-31", "2021-07-12", "2021-08-30", "2021-12-27", "2021-12-28"}}));

TEST(HolidaysTest, TitlesAndSubstitutesAreNamed) {
  const auto holidays = NorthernIrelandHolidays(2027);
  ASSERT_EQ(holidays.size(), 10U);
  EXPECT_EQ(holidays[0].title, "New Year's Day");
  EXPECT_FALSE(holidays[0].is_substitute);
  EXPECT_EQ(holidays[1].title, "St Patrick's Day");
  EXPECT_EQ(holidays[6].title, "Battle of the Boyne (Orangemen's Day)");
  EXPECT_EQ(holidays[8].title, "Christmas Day");
  EXPECT_TRUE(holidays[8].is_substitute);
  EXPECT_EQ(holidays[9].title, "Boxing Day");
  EXPECT_TRUE(holidays[9].is_substitute);
}

// Christmas on a Sunday: Boxing Day stays Monday 26th, so Christmas moves to Tuesday 27th
// and comes after Boxing Day in date order.
TEST(HolidaysTest, ChristmasOnSundayMovesPastBoxingDay) {
  const auto holidays = NorthernIrelandHolidays(2022);
  EXPECT_EQ(holidays[8].title, "Boxing Day");
  EXPECT_FALSE(holidays[8].is_substitute);
  EXPECT_EQ(holidays[9].title, "Christmas Day");
  EXPECT_TRUE(holidays[9].is_substitute);
}

TEST(HolidaysTest, StPatricksDayOnSundayMovesToMonday) {
  EXPECT_EQ(Days(2013)[1], "2013-03-18");
  EXPECT_EQ(Days(2024)[1], "2024-03-18");
}

TEST(HolidaysTest, EasterByTheComputus) {
  struct Case {
    int year;
    const char* easter;
  };
  const std::vector<Case> cases = {
      {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
      {2027, "2027-03-28"}, {2028, "2028-04-16"}, {2038, "2038-04-25"},
      {2285, "2285-03-22"}, {1818, "1818-03-22"}, {2000, "2000-04-23"}};
  for (const auto& c : cases) {
    EXPECT_EQ(Day(EasterSunday(c.year)), c.easter) << c.year;
  }
}

void CheckTenWeekdaysInOrder(int year) {
  const auto holidays = NorthernIrelandHolidays(year);
  ASSERT_EQ(holidays.size(), 10U) << year;
  for (std::size_t i = 0; i < holidays.size(); ++i) {
    const date::weekday weekday(holidays[i].date);
    EXPECT_TRUE(weekday != date::Saturday && weekday != date::Sunday) << Day(holidays[i].date);
    if (i > 0) {
      EXPECT_LT(holidays[i - 1].date, holidays[i].date) << year;
    }
  }
}

TEST(HolidaysTest, EveryYearHasTenWeekdayHolidaysInOrder) {
  for (int year = 1970; year <= 2200; ++year) {
    ASSERT_NO_FATAL_FAILURE(CheckTenWeekdaysInOrder(year));
  }
}

TEST(HolidaysTest, RangeConcatenatesYears) {
  EXPECT_EQ(NorthernIrelandHolidays(2024, 2027).size(), 40U);
  EXPECT_TRUE(NorthernIrelandHolidays(2027, 2024).empty());
  EXPECT_EQ(HolidayDates(NorthernIrelandHolidays(2026)).at(6),
            NorthernIrelandHolidays(2026)[6].date);
}

}  // namespace
}  // namespace frontdoor::charter
