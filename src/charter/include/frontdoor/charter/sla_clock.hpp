// The SLA clock of one case against one target, with pauses while the case awaits the
// customer (DOMAIN.md "Pauses"). Pure functions of plain data; thread-safe.
//
// Target time: a target is measured in "target time": opening time on the calendar for working
// units, plain elapsed time for minutes and seconds. Its length is fixed at the start: N working
// hours are N hours of opening time; N working days are the opening time from the effective
// start to AddWorkingDays(start, N) (so 2 working days from Monday 10:00 on a 09:00-17:00
// calendar are 23 hours). The clock counts target time while it runs; while paused it counts
// nothing; on resumption the rest is counted from the resumption's effective start. So a pause
// moves the due instant later by exactly the target time it covered: a pause of entirely closed
// time moves nothing, a pause of one full working day moves a working-days due by one day, and
// a pause of half a day moves it by half a day (it does not round to whole days).
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::charter {

// The clock is stopped in [from, to); to == nullopt: still paused.
struct Pause {
  Instant from;
  std::optional<Instant> to;
};

struct SlaClock {
  Instant start;  // when the contact was received (before its effective start is fine)
  Target target;
  std::vector<Pause> pauses;          // in order, not overlapping, none before start; only the
                                      // last may be open
  std::optional<Instant> stopped_at;  // when the measure was achieved (e.g. response sent)
};

enum class SlaState { kOnTrack, kAtRisk, kBreached, kMet, kMissed, kPaused };

// "on_track", "at_risk", "breached", "met", "missed", "paused".
[[nodiscard]] const char* SlaStateName(SlaState state);

inline constexpr double kDefaultAtRiskShare = 0.25;

struct SlaReading {
  SlaState state;
  std::optional<Instant> due;             // nullopt while paused before the due instant
  std::chrono::microseconds target_time;  // the whole target, in target time
  std::chrono::microseconds used;         // target time counted up to the reading (or stop)
};

// Due instant of `clock` given every pause in it; nullopt when it ends in an open pause that
// began before the due instant. kInvalidInput on "target", "pauses" or "stopped_at" when the
// clock is malformed, or the calendar's range errors.
[[nodiscard]] Result<std::optional<Instant>> DueAt(const WorkingCalendar& calendar,
                                                   const SlaClock& clock);

// The clock as known at `at` (pauses and a stop after `at` have not happened yet):
// stopped at or before the due instant: kMet, after it: kMissed; otherwise past the due
// instant: kBreached; paused: kPaused; less than `at_risk_share` (0..1) of the target time
// left: kAtRisk; else kOnTrack. Errors as DueAt, plus "at_risk_share".
[[nodiscard]] Result<SlaReading> ReadAt(const WorkingCalendar& calendar, const SlaClock& clock,
                                        Instant at, double at_risk_share = kDefaultAtRiskShare);
[[nodiscard]] Result<SlaState> StateAt(const WorkingCalendar& calendar, const SlaClock& clock,
                                       Instant at, double at_risk_share = kDefaultAtRiskShare);

}  // namespace frontdoor::charter
