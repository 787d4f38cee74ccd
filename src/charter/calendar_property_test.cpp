// Randomised properties of the calendar and the SLA clock, with a fixed seed so every run
// checks the same few thousand cases. Instants are drawn from 2024-2029 and skewed towards
// whole hours, so that opening and closing instants themselves are hit often.
#include <chrono>
#include <cstdint>
#include <random>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/charter/sla_clock.hpp"

#include "test_support.hpp"

namespace frontdoor::charter {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using testing_support::At;
using testing_support::CouncilCalendar;
using testing_support::London;

constexpr int kIterations = 3000;

class Randomly {
 public:
  Randomly() : engine_(20250609) {}

  Instant Moment() {
    const std::int64_t lo = At("2024-01-01T00:00:00Z").time_since_epoch().count();
    const std::int64_t hi = At("2029-01-01T00:00:00Z").time_since_epoch().count();
    const auto us = std::uniform_int_distribution<std::int64_t>(lo, hi)(engine_);
    const Instant t{microseconds(us)};
    switch (Int(0, 2)) {
      case 0: return std::chrono::floor<hours>(t);
      case 1: return std::chrono::floor<minutes>(t);
      default: return t;
    }
  }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(engine_); }

 private:
  std::mt19937_64 engine_;
};

struct Local {
  Date day;
  minutes time_of_day;
  microseconds sub_minute;
};

Local ToLocal(Instant t) {
  const auto local = CouncilCalendar().zone()->to_local(t);
  const auto day = std::chrono::floor<date::days>(local);
  const auto since_midnight = local - day;
  const auto whole_minutes = std::chrono::floor<minutes>(since_midnight);
  return Local{Date(day.time_since_epoch()), whole_minutes, since_midnight - whole_minutes};
}

// Inside [09:00, 17:00] on a working day of the council calendar.
::testing::AssertionResult InOpeningHours(Instant t) {
  const Local local = ToLocal(t);
  const bool inside = local.time_of_day >= hours(9) &&
                      (local.time_of_day < hours(17) ||
                       (local.time_of_day == hours(17) && local.sub_minute.count() == 0));
  if (CouncilCalendar().IsWorkingDay(local.day) && inside) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << London(t) << " is outside opening hours";
}

void CheckDueIsInOpeningHours(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const Instant t = random.Moment();
  const auto by_days = calendar.AddWorkingDays(t, random.Int(0, 30));
  ASSERT_TRUE(by_days);
  EXPECT_TRUE(InOpeningHours(*by_days));
  EXPECT_EQ(ToLocal(*by_days).time_of_day, hours(17)) << London(*by_days);
  const auto by_hours = calendar.AddWorkingHours(t, minutes(random.Int(0, 200 * 60)));
  ASSERT_TRUE(by_hours);
  EXPECT_TRUE(InOpeningHours(*by_hours)) << "received " << London(t);
}

TEST(CalendarPropertyTest, ADueInstantIsAlwaysInOrAtTheEndOfOpeningHours) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckDueIsInOpeningHours(random));
  }
}

// A due instant is a close, and a receipt at a close counts from the next opening (DOMAIN's
// 17:00 rule), so a second leg received at the first due adds one working day; received in the
// last microsecond of the first due day it does not.
void CheckWorkingDaysCompose(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const Instant t = random.Moment();
  const int n = random.Int(0, 20);
  const int m = random.Int(0, 20);
  const auto first = calendar.AddWorkingDays(t, n);
  ASSERT_TRUE(first);
  const auto just_before = calendar.AddWorkingDays(*first - microseconds(1), m);
  const auto at_due = calendar.AddWorkingDays(*first, m);
  const auto whole = calendar.AddWorkingDays(t, n + m);
  const auto one_more = calendar.AddWorkingDays(t, n + m + 1);
  ASSERT_TRUE(just_before && at_due && whole && one_more);
  EXPECT_EQ(*just_before, *whole) << London(t) << " n=" << n << " m=" << m;
  EXPECT_EQ(*at_due, *one_more) << London(t) << " n=" << n << " m=" << m;
}

TEST(CalendarPropertyTest, WorkingDaysCompose) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckWorkingDaysCompose(random));
  }
}

void CheckWorkingHoursCompose(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const Instant t = random.Moment();
  const minutes a(random.Int(0, 100 * 60));
  const minutes b(random.Int(1, 100 * 60));  // b = 0 would be the next opening, not the close
  const auto first = calendar.AddWorkingHours(t, a);
  ASSERT_TRUE(first);
  const auto chained = calendar.AddWorkingHours(*first, b);
  const auto whole = calendar.AddWorkingHours(t, a + b);
  ASSERT_TRUE(chained && whole);
  EXPECT_EQ(*chained, *whole) << London(t) << " a=" << a.count() << " b=" << b.count();
  EXPECT_EQ(calendar.WorkingTimeBetween(t, *first), a) << London(t);
}

TEST(CalendarPropertyTest, WorkingHoursComposeAndMeasureBack) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckWorkingHoursCompose(random));
  }
}

// An independent reading of DOMAIN.md, day by day through the time zone library, against the
// calendar's precomputed tables.
void CheckAgainstDayByDayWalk(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const auto* zone = calendar.zone();
  const Instant t = random.Moment();
  const int n = random.Int(0, 15);
  const Local local = ToLocal(t);
  Date day = local.day;
  // Before 09:00 counting starts at today's opening; from 17:00 at the next day's.
  const bool counts_today = calendar.IsWorkingDay(day) && local.time_of_day < hours(17);
  if (!counts_today) {
    do {
      day += date::days(1);
    } while (!calendar.IsWorkingDay(day));
  }
  for (int k = 0; k < n; ++k) {
    do {
      day += date::days(1);
    } while (!calendar.IsWorkingDay(day));
  }
  const auto close = zone->to_sys(date::local_days(day.time_since_epoch()) + hours(17));
  const auto due = calendar.AddWorkingDays(t, n);
  ASSERT_TRUE(due);
  EXPECT_EQ(London(*due), London(close)) << London(t) << " n=" << n;
}

TEST(CalendarPropertyTest, WorkingDaysAgreeWithADayByDayWalk) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckAgainstDayByDayWalk(random));
  }
}

void CheckClosedPause(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const Instant start = random.Moment();
  const Target target{random.Int(0, 1) == 0 ? TargetUnit::kWorkingDays : TargetUnit::kWorkingHours,
                      random.Int(1, 20)};
  // A closed span: from some working day's close to just before the next opening.
  const auto close = calendar.AddWorkingDays(start, random.Int(0, 3));
  ASSERT_TRUE(close);
  const auto next_open = calendar.EffectiveStart(*close);
  ASSERT_TRUE(next_open);
  const auto span = (*next_open - *close).count();
  const Instant from = *close + microseconds(span / random.Int(2, 9));
  const Instant to = *next_open - microseconds(span / random.Int(2, 9));
  const auto plain = DueAt(calendar, SlaClock{start, target, {}, {}});
  const auto paused = DueAt(calendar, SlaClock{start, target, {Pause{from, to}}, {}});
  ASSERT_TRUE(plain && paused);
  ASSERT_TRUE(plain->has_value() && paused->has_value());
  EXPECT_EQ(**paused, **plain) << London(start) << " paused " << London(from);
}

TEST(CalendarPropertyTest, PausingForClosedTimeMovesNothing) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckClosedPause(random));
  }
}

void CheckOpenPause(Randomly& random) {
  const auto& calendar = CouncilCalendar();
  const Instant start = random.Moment();
  const Target target{TargetUnit::kWorkingDays, random.Int(1, 20)};
  const auto due = DueAt(calendar, start, target);
  ASSERT_TRUE(due);
  const auto length = (*due - start).count();
  const Instant from = start + microseconds(length / random.Int(2, 9));
  const Instant to = from + microseconds((*due - from).count() / random.Int(1, 9));
  const auto paused_time = calendar.WorkingTimeBetween(from, to);
  const auto paused = DueAt(calendar, SlaClock{start, target, {Pause{from, to}}, {}});
  ASSERT_TRUE(paused && paused->has_value());
  if (paused_time.count() == 0) {
    EXPECT_EQ(**paused, *due);
  } else {
    EXPECT_EQ(**paused, *calendar.AddWorkingHours(*due, paused_time)) << London(start);
  }
}

TEST(CalendarPropertyTest, PausingMovesTheDueByTheWorkingTimePaused) {
  Randomly random;
  for (int i = 0; i < kIterations; ++i) {
    ASSERT_NO_FATAL_FAILURE(CheckOpenPause(random));
  }
}

}  // namespace
}  // namespace frontdoor::charter
