#include "frontdoor/charter/iso8601.hpp"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace frontdoor::charter {
namespace {

using std::chrono::microseconds;

Instant Utc(int y, unsigned m, unsigned d, int hh, int mm, int ss, std::int64_t us = 0) {
  return Instant(date::sys_days(date::year(y) / date::month(m) / date::day(d))) +
         std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss) +
         microseconds(us);
}

const date::time_zone* LondonZone() {
  return date::locate_zone("Europe/London");
}

struct Good {
  const char* text;
  Instant expected;
};

class ParseIso8601GoodTest : public testing::TestWithParam<Good> {};

TEST_P(ParseIso8601GoodTest, ReadsTheInstant) {
  const auto parsed = ParseIso8601(GetParam().text, "start_date");
  ASSERT_TRUE(parsed) << GetParam().text << ": " << parsed.error().message();
  EXPECT_EQ(*parsed, GetParam().expected) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    W3cProfile, ParseIso8601GoodTest,
    testing::Values(Good{"2026-07-14T17:00:00+01:00", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T16:00:00Z", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T16:00Z", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T17:00+01:00", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T10:30:00-05:30", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T16:00:00-00:00", Utc(2026, 7, 14, 16, 0, 0)},
                    Good{"2026-07-14T16:00:00.5Z", Utc(2026, 7, 14, 16, 0, 0, 500000)},
                    Good{"2026-07-14T16:00:00.123456Z", Utc(2026, 7, 14, 16, 0, 0, 123456)},
                    Good{"2026-07-14T16:00:00.1234569Z", Utc(2026, 7, 14, 16, 0, 0, 123456)},
                    Good{"2026-01-01T00:30:00+01:00", Utc(2025, 12, 31, 23, 30, 0)},
                    Good{"2024-02-29T23:59:59Z", Utc(2024, 2, 29, 23, 59, 59)},
                    Good{"1969-12-31T23:59:59.999999Z", Utc(1969, 12, 31, 23, 59, 59, 999999)},
                    Good{"0001-01-01T00:00:00Z", Utc(1, 1, 1, 0, 0, 0)},
                    Good{"9999-12-31T23:59:59+14:00", Utc(9999, 12, 31, 9, 59, 59)}));

class ParseIso8601BadTest : public testing::TestWithParam<const char*> {};

TEST_P(ParseIso8601BadTest, IsInvalidInputOnTheNamedField) {
  const auto parsed = ParseIso8601(GetParam(), "start_date");
  ASSERT_FALSE(parsed) << GetParam();
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(parsed.error().field_errors().size(), 1U);
  EXPECT_EQ(parsed.error().field_errors()[0].field, "start_date");
  EXPECT_FALSE(parsed.error().message().empty());
}

INSTANTIATE_TEST_SUITE_P(
    W3cProfile, ParseIso8601BadTest,
    testing::Values("", "2026-07-14", "2026-07-14 17:00:00+01:00", "2026-07-14T17:00:00",
                    "2026-07-14T17:00:00+0100", "2026-07-14T17:00:00+01", "2026-07-14t17:00:00Z",
                    "2026-07-14T17:00:00z", "2026-07-14T17Z", "2026-07-14T17:00:00.Z",
                    "2026-07-14T17:00:00,5Z", "2026-7-14T17:00:00Z", "26-07-14T17:00:00Z",
                    "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z",
                    "2026-04-31T00:00:00Z", "2026-07-00T00:00:00Z", "2026-07-14T24:00:00Z",
                    "2026-07-14T17:60:00Z", "2026-07-14T17:00:60Z", "2026-07-14T17:00:00+24:00",
                    "2026-07-14T17:00:00+01:60", "2026-07-14T17:00:00Z ", " 2026-07-14T17:00:00Z",
                    "2026-07-14T17:00:00+01:00x", "20260714T170000Z", "2026-07-14T17:0a:00Z",
                    "+2026-07-14T17:00:00Z", "2026-07-14T17:00:00.12345678901234567890Z"));

TEST(FormatIso8601Test, WritesLocalTimeWithItsOffset) {
  EXPECT_EQ(FormatIso8601(Utc(2026, 7, 14, 16, 0, 0), LondonZone()), "2026-07-14T17:00:00+01:00");
  EXPECT_EQ(FormatIso8601(Utc(2026, 1, 14, 16, 0, 0), LondonZone()), "2026-01-14T16:00:00+00:00");
  EXPECT_EQ(FormatIso8601(Utc(2026, 7, 14, 16, 0, 0, 999999), LondonZone()),
            "2026-07-14T17:00:00+01:00");
  EXPECT_EQ(FormatIso8601(Utc(2026, 7, 14, 16, 0, 0), nullptr), "2026-07-14T16:00:00+00:00");
  EXPECT_EQ(FormatIso8601(Utc(2026, 7, 14, 16, 0, 0), date::locate_zone("America/St_Johns")),
            "2026-07-14T13:30:00-02:30");
  EXPECT_EQ(FormatIso8601(Utc(1969, 12, 31, 23, 59, 59, 500000), nullptr),
            "1969-12-31T23:59:59+00:00");
}

TEST(FormatIso8601Test, RoundTripsThroughParse) {
  const Instant t = Utc(2026, 10, 25, 0, 30, 0);  // the first 01:30 in London that day
  const std::string text = FormatIso8601(t, LondonZone());
  EXPECT_EQ(text, "2026-10-25T01:30:00+01:00");
  EXPECT_EQ(*ParseIso8601(text), t);
  const Instant u = Utc(2026, 10, 25, 1, 30, 0);  // the second
  EXPECT_EQ(FormatIso8601(u, LondonZone()), "2026-10-25T01:30:00+00:00");
}

TEST(LocalDateTest, IsTheDateOnTheLocalCalendar) {
  EXPECT_EQ(LocalDate(Utc(2026, 7, 14, 23, 30, 0), LondonZone()),
            date::sys_days(date::year(2026) / 7 / 15));
  EXPECT_EQ(LocalDate(Utc(2026, 1, 14, 23, 30, 0), LondonZone()),
            date::sys_days(date::year(2026) / 1 / 14));
  EXPECT_EQ(LocalDate(Utc(2026, 7, 14, 23, 30, 0), nullptr),
            date::sys_days(date::year(2026) / 7 / 14));
  EXPECT_EQ(LocalDate(Utc(1969, 12, 31, 23, 30, 0), nullptr),
            date::sys_days(date::year(1969) / 12 / 31));
}

}  // namespace
}  // namespace frontdoor::charter
