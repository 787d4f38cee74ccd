#include "frontdoor/charter/sla_clock.hpp"

#include <chrono>
#include <optional>
#include <ostream>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace frontdoor::charter {
namespace {

using std::chrono::hours;
using testing_support::At;
using testing_support::CouncilCalendar;
using testing_support::London;

constexpr Target kTwoWorkingDays{TargetUnit::kWorkingDays, 2};

Pause Paused(const char* from, const char* to) {
  return Pause{At(from), At(to)};
}
Pause PausedSince(const char* from) {
  return Pause{At(from), std::nullopt};
}

struct PausedDue {
  const char* rule;
  const char* start;
  Target target;
  std::vector<Pause> pauses;
  const char* due;  // nullptr: no due instant while paused
};

void PrintTo(const PausedDue& d, std::ostream* os) {
  *os << d.rule;
}

class SlaDueAtTest : public testing::TestWithParam<PausedDue> {};

TEST_P(SlaDueAtTest, APauseMovesTheDueByTheTargetTimeItCovers) {
  const PausedDue& d = GetParam();
  const auto due = DueAt(CouncilCalendar(), SlaClock{At(d.start), d.target, d.pauses, {}});
  ASSERT_TRUE(due) << d.rule;
  if (d.due == nullptr) {
    EXPECT_FALSE(due->has_value()) << d.rule;
  } else {
    ASSERT_TRUE(due->has_value()) << d.rule;
    EXPECT_EQ(London(**due), d.due) << d.rule;
  }
}

// Received Monday 9 June 2025 10:00: 2 working days are due Wednesday 17:00, a target time of
// 23 hours of opening time (Monday 7 h, Tuesday 8 h, Wednesday 8 h).
INSTANTIATE_TEST_SUITE_P(
    Charter, SlaDueAtTest,
    testing::Values(PausedDue{"no pause: AddWorkingDays",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {},
                              "2025-06-11T17:00:00+01:00"},
                    PausedDue{"paused Mon 12:00 to Tue 10:00 covers 6 h: due Thu 15:00",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-09T12:00:00+01:00", "2025-06-10T10:00:00+01:00")},
                              "2025-06-12T15:00:00+01:00"},
                    PausedDue{"a pause of one whole working day moves the due one working day",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-09T12:00:00+01:00", "2025-06-10T12:00:00+01:00")},
                              "2025-06-12T17:00:00+01:00"},
                    PausedDue{"a pause of closed time moves nothing",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-09T18:00:00+01:00", "2025-06-10T08:00:00+01:00")},
                              "2025-06-11T17:00:00+01:00"},
                    PausedDue{"resumed at night: the rest counts from the next opening",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-10T11:00:00+01:00", "2025-06-10T20:00:00+01:00")},
                              "2025-06-12T15:00:00+01:00"},
                    PausedDue{"paused from the due instant on: too late to matter",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {PausedSince("2025-06-11T17:00:00+01:00")},
                              "2025-06-11T17:00:00+01:00"},
                    PausedDue{"still paused before the due: no due instant",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {PausedSince("2025-06-10T10:00:00+01:00")},
                              nullptr},
                    PausedDue{"two pauses add up",
                              "2025-06-09T10:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-09T11:00:00+01:00", "2025-06-09T12:00:00+01:00"),
                               Paused("2025-06-11T16:00:00+01:00", "2025-06-12T09:30:00+01:00")},
                              "2025-06-12T11:30:00+01:00"},
                    PausedDue{"received before opening, paused before opening: nothing moves",
                              "2025-06-09T07:00:00+01:00",
                              kTwoWorkingDays,
                              {Paused("2025-06-09T07:30:00+01:00", "2025-06-09T08:30:00+01:00")},
                              "2025-06-11T17:00:00+01:00"},
                    PausedDue{"3 working hours paused 11:00-14:00: due 16:00",
                              "2025-06-09T10:00:00+01:00",
                              Target{TargetUnit::kWorkingHours, 3},
                              {Paused("2025-06-09T11:00:00+01:00", "2025-06-09T14:00:00+01:00")},
                              "2025-06-09T16:00:00+01:00"},
                    PausedDue{"working hours paused across the March 2026 change",
                              "2026-03-27T15:00:00+00:00",
                              Target{TargetUnit::kWorkingHours, 3},
                              {Paused("2026-03-27T16:00:00+00:00", "2026-03-30T10:00:00+01:00")},
                              "2026-03-30T12:00:00+01:00"},
                    PausedDue{"minutes run on the clock: paused 3 minutes",
                              "2025-06-09T10:00:00+01:00",
                              Target{TargetUnit::kMinutes, 10},
                              {Paused("2025-06-09T10:02:00+01:00", "2025-06-09T10:05:00+01:00")},
                              "2025-06-09T10:13:00+01:00"},
                    PausedDue{"minutes: a pause at night still counts",
                              "2025-06-09T23:50:00+01:00",
                              Target{TargetUnit::kMinutes, 20},
                              {Paused("2025-06-09T23:55:00+01:00", "2025-06-10T00:00:00+01:00")},
                              "2025-06-10T00:15:00+01:00"}));

struct Reading {
  const char* rule;
  std::vector<Pause> pauses;
  const char* stopped_at;  // nullptr: still running
  const char* at;
  SlaState state;
};

void PrintTo(const Reading& r, std::ostream* os) {
  *os << r.rule;
}

class StateAtTest : public testing::TestWithParam<Reading> {};

// Received Monday 9 June 2025 09:00, 2 working days: due Wednesday 17:00, 24 hours of
// target time; at risk once less than 6 hours (25%) remain, i.e. after Wednesday 11:00.
TEST_P(StateAtTest, ReadsTheClockAsKnownAtThatInstant) {
  const Reading& r = GetParam();
  SlaClock clock{At("2025-06-09T09:00:00+01:00"), kTwoWorkingDays, r.pauses, std::nullopt};
  if (r.stopped_at != nullptr) {
    clock.stopped_at = At(r.stopped_at);
  }
  const auto state = StateAt(CouncilCalendar(), clock, At(r.at));
  ASSERT_TRUE(state) << r.rule;
  EXPECT_STREQ(SlaStateName(*state), SlaStateName(r.state)) << r.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Charter, StateAtTest,
    testing::Values(
        Reading{"early on", {}, nullptr, "2025-06-09T10:00:00+01:00", SlaState::kOnTrack},
        Reading{"before the start", {}, nullptr, "2025-06-08T10:00:00+01:00", SlaState::kOnTrack},
        Reading{"exactly 25% left is not yet at risk",
                {},
                nullptr,
                "2025-06-11T11:00:00+01:00",
                SlaState::kOnTrack},
        Reading{"under 25% left", {}, nullptr, "2025-06-11T11:00:01+01:00", SlaState::kAtRisk},
        Reading{"at the due instant itself",
                {},
                nullptr,
                "2025-06-11T17:00:00+01:00",
                SlaState::kAtRisk},
        Reading{
            "one second past due", {}, nullptr, "2025-06-11T17:00:01+01:00", SlaState::kBreached},
        Reading{"stopped before due",
                {},
                "2025-06-11T16:00:00+01:00",
                "2025-06-12T10:00:00+01:00",
                SlaState::kMet},
        Reading{"stopped at the due instant",
                {},
                "2025-06-11T17:00:00+01:00",
                "2025-06-12T10:00:00+01:00",
                SlaState::kMet},
        Reading{"stopped after the close on the due day",
                {},
                "2025-06-11T17:30:00+01:00",
                "2025-06-12T10:00:00+01:00",
                SlaState::kMissed},
        Reading{"a stop in the future has not happened yet",
                {},
                "2025-06-12T10:00:00+01:00",
                "2025-06-11T12:00:00+01:00",
                SlaState::kAtRisk},
        Reading{"paused",
                {PausedSince("2025-06-10T10:00:00+01:00")},
                nullptr,
                "2025-06-10T12:00:00+01:00",
                SlaState::kPaused},
        Reading{"a pause that ends later is still a pause",
                {Paused("2025-06-10T10:00:00+01:00", "2025-06-12T10:00:00+01:00")},
                nullptr,
                "2025-06-11T12:00:00+01:00",
                SlaState::kPaused},
        Reading{"resumed: the due moved by the 8 h paused",
                {Paused("2025-06-10T10:00:00+01:00", "2025-06-11T10:00:00+01:00")},
                nullptr,
                "2025-06-11T17:30:00+01:00",
                SlaState::kOnTrack},
        Reading{"stopped while paused before due",
                {PausedSince("2025-06-10T10:00:00+01:00")},
                "2025-06-13T10:00:00+01:00",
                "2025-06-16T10:00:00+01:00",
                SlaState::kMet},
        Reading{"paused only after breaching",
                {PausedSince("2025-06-12T10:00:00+01:00")},
                nullptr,
                "2025-06-12T12:00:00+01:00",
                SlaState::kBreached}));

TEST(SlaClockTest, ReadingReportsDueTargetTimeAndUse) {
  const SlaClock clock{At("2025-06-09T10:00:00+01:00"),
                       kTwoWorkingDays,
                       {Paused("2025-06-09T12:00:00+01:00", "2025-06-10T10:00:00+01:00")},
                       std::nullopt};
  const auto reading = ReadAt(CouncilCalendar(), clock, At("2025-06-10T12:00:00+01:00"));
  ASSERT_TRUE(reading);
  EXPECT_EQ(reading->state, SlaState::kOnTrack);
  ASSERT_TRUE(reading->due);
  EXPECT_EQ(London(*reading->due), "2025-06-12T15:00:00+01:00");
  EXPECT_EQ(reading->target_time, hours(23));
  EXPECT_EQ(reading->used, hours(4));  // Monday 10-12, Tuesday 10-12
}

TEST(SlaClockTest, AtRiskShareIsConfigurable) {
  const SlaClock clock{At("2025-06-09T09:00:00+01:00"), kTwoWorkingDays, {}, std::nullopt};
  const Instant tuesday_noon = At("2025-06-10T12:00:00+01:00");  // 11 of 24 hours used
  EXPECT_EQ(*StateAt(CouncilCalendar(), clock, tuesday_noon, 0.5), SlaState::kOnTrack);
  EXPECT_EQ(*StateAt(CouncilCalendar(), clock, tuesday_noon, 0.6), SlaState::kAtRisk);
  EXPECT_EQ(*StateAt(CouncilCalendar(), clock, tuesday_noon, 0.0), SlaState::kOnTrack);
}

TEST(SlaClockTest, StateNamesAreStable) {
  EXPECT_STREQ(SlaStateName(SlaState::kOnTrack), "on_track");
  EXPECT_STREQ(SlaStateName(SlaState::kAtRisk), "at_risk");
  EXPECT_STREQ(SlaStateName(SlaState::kBreached), "breached");
  EXPECT_STREQ(SlaStateName(SlaState::kMet), "met");
  EXPECT_STREQ(SlaStateName(SlaState::kMissed), "missed");
  EXPECT_STREQ(SlaStateName(SlaState::kPaused), "paused");
}

TEST(SlaClockTest, MalformedClocksNameTheField) {
  const Instant start = At("2025-06-09T10:00:00+01:00");
  struct Case {
    SlaClock clock;
    double share = kDefaultAtRiskShare;
    const char* field = "";
  };
  const std::vector<Case> cases = {
      {{start, Target{TargetUnit::kWorkingDays, -1}, {}, {}}, 0.25, "target"},
      {{start,
        kTwoWorkingDays,
        {Paused("2025-06-09T09:00:00+01:00", "2025-06-09T11:00:00+01:00")},
        {}},
       0.25,
       "pauses"},
      {{start,
        kTwoWorkingDays,
        {Paused("2025-06-09T12:00:00+01:00", "2025-06-09T11:00:00+01:00")},
        {}},
       0.25,
       "pauses"},
      {{start,
        kTwoWorkingDays,
        {Paused("2025-06-09T11:00:00+01:00", "2025-06-09T13:00:00+01:00"),
         Paused("2025-06-09T12:00:00+01:00", "2025-06-09T14:00:00+01:00")},
        {}},
       0.25,
       "pauses"},
      {{start,
        kTwoWorkingDays,
        {PausedSince("2025-06-09T11:00:00+01:00"),
         Paused("2025-06-09T12:00:00+01:00", "2025-06-09T14:00:00+01:00")},
        {}},
       0.25,
       "pauses"},
      {{start, kTwoWorkingDays, {}, At("2025-06-09T09:00:00+01:00")}, 0.25, "stopped_at"},
      {{start, kTwoWorkingDays, {}, {}}, 1.5, "at_risk_share"},
      {{start, kTwoWorkingDays, {}, {}}, -0.1, "at_risk_share"},
  };
  for (const auto& c : cases) {
    const auto reading =
        ReadAt(CouncilCalendar(), c.clock, At("2025-06-10T10:00:00+01:00"), c.share);
    ASSERT_FALSE(reading) << c.field;
    EXPECT_EQ(reading.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(reading.error().field_errors().at(0).field, c.field);
  }
}

}  // namespace
}  // namespace frontdoor::charter
