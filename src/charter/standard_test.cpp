#include "frontdoor/charter/standard.hpp"

#include <chrono>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace frontdoor::charter {
namespace {

using testing_support::At;
using testing_support::CouncilCalendar;
using testing_support::London;

TEST(StandardTest, MeasureNamesRoundTrip) {
  for (const Measure m : {Measure::kAcknowledge, Measure::kFirstResponse, Measure::kResolve,
                          Measure::kComplaintStage1, Measure::kComplaintStage2,
                          Measure::kAnswerCall, Measure::kSeeVisitor}) {
    const auto parsed = ParseMeasure(MeasureName(m));
    ASSERT_TRUE(parsed) << MeasureName(m);
    EXPECT_EQ(*parsed, m);
  }
  EXPECT_STREQ(MeasureName(Measure::kComplaintStage2), "complaint_stage2");
  EXPECT_STREQ(MeasureName(Measure::kFirstResponse), "first_response");
}

TEST(StandardTest, TargetUnitNamesRoundTrip) {
  for (const TargetUnit u : {TargetUnit::kWorkingDays, TargetUnit::kWorkingHours,
                             TargetUnit::kMinutes, TargetUnit::kSeconds}) {
    const auto parsed = ParseTargetUnit(TargetUnitName(u));
    ASSERT_TRUE(parsed) << TargetUnitName(u);
    EXPECT_EQ(*parsed, u);
  }
  EXPECT_STREQ(TargetUnitName(TargetUnit::kWorkingDays), "working_days");
}

TEST(StandardTest, UnknownNamesAreInvalidInput) {
  const auto measure = ParseMeasure("Acknowledge");
  ASSERT_FALSE(measure);
  EXPECT_EQ(measure.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(measure.error().field_errors().at(0).field, "measure");
  const auto unit = ParseTargetUnit("days");
  ASSERT_FALSE(unit);
  EXPECT_EQ(unit.error().field_errors().at(0).field, "unit");
}

Standard EmailAck() {
  return Standard{"EMAIL-ACK",
                  "Acknowledge within 2 working days",
                  Measure::kAcknowledge,
                  "email",
                  std::nullopt,
                  std::nullopt,
                  Target{TargetUnit::kWorkingDays, 2},
                  95.0};
}

TEST(StandardTest, ValidateAcceptsASoundStandard) {
  EXPECT_TRUE(Validate(EmailAck()));
}

TEST(StandardTest, ValidateNamesTheWrongField) {
  struct Case {
    void (*spoil)(Standard&);
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](Standard& s) { s.code.clear(); }, "code"},
      {[](Standard& s) { s.name.clear(); }, "name"},
      {[](Standard& s) { s.target.amount = -1; }, "target"},
      {[](Standard& s) { s.threshold_percent = 100.5; }, "threshold_percent"},
      {[](Standard& s) { s.threshold_percent = -1; }, "threshold_percent"},
  };
  for (const auto& c : cases) {
    Standard standard = EmailAck();
    c.spoil(standard);
    const auto checked = Validate(standard);
    ASSERT_FALSE(checked) << c.field;
    EXPECT_EQ(checked.error().field_errors().at(0).field, c.field);
  }
}

struct Due {
  const char* rule;
  const char* start;
  Target target;
  const char* due;
};

class DueAtTest : public testing::TestWithParam<Due> {};

TEST_P(DueAtTest, WorkingUnitsUseTheCalendarElapsedUnitsTheClock) {
  const Due& d = GetParam();
  const auto due = DueAt(CouncilCalendar(), At(d.start), d.target);
  ASSERT_TRUE(due) << d.rule;
  EXPECT_EQ(London(*due), d.due) << d.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Charter, DueAtTest,
    testing::Values(Due{"EMAIL-ACK: 2 working days", "2025-06-06T18:30:00+01:00",
                        Target{TargetUnit::kWorkingDays, 2}, "2025-06-11T17:00:00+01:00"},
                    Due{"3 working hours across the March 2026 change", "2026-03-27T16:30:00+00:00",
                        Target{TargetUnit::kWorkingHours, 3}, "2026-03-30T11:30:00+01:00"},
                    Due{"F2F-APPT: 10 minutes on the clock, even at night",
                        "2025-06-07T23:55:00+01:00", Target{TargetUnit::kMinutes, 10},
                        "2025-06-08T00:05:00+01:00"},
                    Due{"PHONE-ANS: 20 seconds on the clock", "2025-06-09T16:59:50+01:00",
                        Target{TargetUnit::kSeconds, 20}, "2025-06-09T17:00:10+01:00"}));

TEST(StandardTest, DueAtRejectsANegativeTarget) {
  const auto due =
      DueAt(CouncilCalendar(), At("2025-06-09T10:00:00Z"), Target{TargetUnit::kMinutes, -1});
  ASSERT_FALSE(due);
  EXPECT_EQ(due.error().field_errors().at(0).field, "target");
}

}  // namespace
}  // namespace frontdoor::charter
