#include "frontdoor/app/charter_command.hpp"

#include <gtest/gtest.h>

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
