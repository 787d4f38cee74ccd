#include "frontdoor/charter/sla_clock.hpp"

#include <algorithm>

namespace frontdoor::charter {
namespace {

using std::chrono::microseconds;

bool CountsWorkingTime(TargetUnit unit) {
  return unit == TargetUnit::kWorkingDays || unit == TargetUnit::kWorkingHours;
}

// Target time in [from, to): opening time for working units, plain time otherwise.
microseconds Counted(const WorkingCalendar& calendar, TargetUnit unit, Instant from, Instant to) {
  if (CountsWorkingTime(unit)) {
    return calendar.WorkingTimeBetween(from, to);
  }
  return std::max(to - from, microseconds(0));
}

// The instant when `amount` of target time has been counted from `from`.
Result<Instant> Advance(const WorkingCalendar& calendar, TargetUnit unit, Instant from,
                        microseconds amount) {
  if (CountsWorkingTime(unit)) {
    return calendar.AddWorkingHours(from, amount);
  }
  return from + amount;
}

// The whole target in target time, fixed at the start (see the header).
Result<microseconds> TargetTime(const WorkingCalendar& calendar, Instant start, Target target) {
  switch (target.unit) {
    case TargetUnit::kWorkingDays: {
      const auto due = calendar.AddWorkingDays(start, target.amount);
      if (!due) {
        return due.error();
      }
      return calendar.WorkingTimeBetween(start, *due);
    }
    case TargetUnit::kWorkingHours: return microseconds(std::chrono::hours(target.amount));
    case TargetUnit::kMinutes: return microseconds(std::chrono::minutes(target.amount));
    case TargetUnit::kSeconds: return microseconds(std::chrono::seconds(target.amount));
  }
  return Error::Internal("unknown target unit");
}

Result<void> Check(const SlaClock& clock) {
  if (clock.target.amount < 0) {
    return Error::Invalid("target", "A target must be zero or more");
  }
  const Error bad_pauses = Error::Invalid(
      "pauses", "Pauses must follow the start in order, not overlap, and only the last be open");
  Instant earliest = clock.start;
  for (std::size_t i = 0; i < clock.pauses.size(); ++i) {
    const Pause& pause = clock.pauses[i];
    if (pause.from < earliest || (pause.to && *pause.to < pause.from) ||
        (!pause.to && i + 1 != clock.pauses.size())) {
      return bad_pauses;
    }
    earliest = pause.to.value_or(pause.from);
  }
  if (clock.stopped_at && *clock.stopped_at < clock.start) {
    return Error::Invalid("stopped_at", "A clock cannot stop before it starts");
  }
  return {};
}

// Walks the pauses: while the due instant lies ahead of the next pause, the pause uses up the
// target time counted before it and the rest counts on from its end (Advance applies the
// effective-start rule to the resumption).
Result<std::optional<Instant>> DueGiven(const WorkingCalendar& calendar, const SlaClock& clock,
                                        const std::vector<Pause>& pauses,
                                        microseconds target_time) {
  const TargetUnit unit = clock.target.unit;
  Instant cursor = clock.start;
  microseconds remaining = target_time;
  for (const Pause& pause : pauses) {
    const auto due = Advance(calendar, unit, cursor, remaining);
    if (!due) {
      return due.error();
    }
    if (pause.from >= *due) {
      return std::optional<Instant>(*due);
    }
    remaining -= Counted(calendar, unit, cursor, pause.from);
    if (!pause.to) {
      return std::optional<Instant>();
    }
    cursor = *pause.to;
  }
  const auto due = Advance(calendar, unit, cursor, remaining);
  if (!due) {
    return due.error();
  }
  return std::optional<Instant>(*due);
}

}  // namespace

const char* SlaStateName(SlaState state) {
  switch (state) {
    case SlaState::kOnTrack: return "on_track";
    case SlaState::kAtRisk: return "at_risk";
    case SlaState::kBreached: return "breached";
    case SlaState::kMet: return "met";
    case SlaState::kMissed: return "missed";
    case SlaState::kPaused: return "paused";
  }
  return "on_track";  // only if memory held an out-of-range value
}

Result<std::optional<Instant>> DueAt(const WorkingCalendar& calendar, const SlaClock& clock) {
  if (auto checked = Check(clock); !checked) {
    return checked.error();
  }
  const auto target_time = TargetTime(calendar, clock.start, clock.target);
  if (!target_time) {
    return target_time.error();
  }
  return DueGiven(calendar, clock, clock.pauses, *target_time);
}

Result<SlaReading> ReadAt(const WorkingCalendar& calendar, const SlaClock& clock, Instant at,
                          double at_risk_share) {
  if (auto checked = Check(clock); !checked) {
    return checked.error();
  }
  if (!(at_risk_share >= 0.0 && at_risk_share <= 1.0)) {
    return Error::Invalid("at_risk_share", "The at-risk share is a fraction from 0 to 1");
  }
  const auto target_time = TargetTime(calendar, clock.start, clock.target);
  if (!target_time) {
    return target_time.error();
  }
  // History as known at the reading: a stop or a pause after it has not happened yet, and a
  // pause that ends after it is still open.
  const bool is_stopped = clock.stopped_at && *clock.stopped_at <= at;
  const Instant horizon = is_stopped ? *clock.stopped_at : at;
  std::vector<Pause> known;
  microseconds paused(0);
  for (const Pause& pause : clock.pauses) {
    if (pause.from > horizon) {
      break;
    }
    Pause seen = pause;
    if (seen.to && *seen.to > horizon) {
      seen.to.reset();
    }
    paused += Counted(calendar, clock.target.unit, seen.from, seen.to.value_or(horizon));
    known.push_back(seen);
  }
  const auto due = DueGiven(calendar, clock, known, *target_time);
  if (!due) {
    return due.error();
  }
  SlaReading reading{SlaState::kOnTrack, *due, *target_time,
                     Counted(calendar, clock.target.unit, clock.start, horizon) - paused};
  const bool is_paused = !known.empty() && !known.back().to;
  if (is_stopped) {
    reading.state = reading.due && horizon > *reading.due ? SlaState::kMissed : SlaState::kMet;
  } else if (reading.due && at > *reading.due) {
    reading.state = SlaState::kBreached;
  } else if (is_paused) {
    reading.state = SlaState::kPaused;
  } else if (static_cast<double>((reading.target_time - reading.used).count()) <
             at_risk_share * static_cast<double>(reading.target_time.count())) {
    reading.state = SlaState::kAtRisk;
  }
  return reading;
}

Result<SlaState> StateAt(const WorkingCalendar& calendar, const SlaClock& clock, Instant at,
                         double at_risk_share) {
  const auto reading = ReadAt(calendar, clock, at, at_risk_share);
  if (!reading) {
    return reading.error();
  }
  return reading->state;
}

}  // namespace frontdoor::charter
