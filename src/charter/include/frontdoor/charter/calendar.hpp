// The working calendar: opening hours, closed days and a time zone, and the DOMAIN.md
// "Counting working time" rules on top of them (effective start, N working days, N working
// hours, working time elapsed). Pure: no I/O, no clock; it only reads the OS time zone
// database once, when the calendar is created. Immutable, so one instance is shared by every
// thread without a lock; copies are cheap (the precomputed tables are shared).
#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <date/tz.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::charter {

using Date = std::chrono::sys_days;  // a calendar date, with no time zone

// Local wall-clock minutes after midnight: [open, close), 0 <= open < close <= 24:00.
struct OpeningPeriod {
  std::chrono::minutes open;
  std::chrono::minutes close;
};

// One opening period per weekday, indexed Monday = 0 .. Sunday = 6; nullopt = closed.
struct WeeklyHours {
  std::array<std::optional<OpeningPeriod>, 7> by_weekday;
  static WeeklyHours MondayToFriday(std::chrono::minutes open, std::chrono::minutes close);
};

namespace internal {
struct CalendarTables;  // precomputed working days, defined in calendar.cpp
}  // namespace internal

class WorkingCalendar {
 public:
  // Local dates from kFirstYear-01-01 to kLastYear-12-31 are supported; instants or results
  // outside them fail with kInvalidInput. Past the OS time zone data (2037 on Debian) the
  // zone's current rules carry on. An opening or close at a local time the clocks skip is the
  // instant of the change; at a local time that occurs twice, the earlier.
  static constexpr int kFirstYear = 1970;
  static constexpr int kLastYear = 2200;

  // Fails with kInvalidInput on field "time_zone" (unknown IANA name), "hours" (a period with
  // close <= open or outside 00:00-24:00, or no opening at all) or "code" (empty).
  // `closed_days` are local dates (holidays, closures); duplicates are fine.
  static Result<WorkingCalendar> Create(std::string code, const std::string& zone_name,
                                        WeeklyHours hours, std::vector<Date> closed_days);
  static Result<WorkingCalendar> Create(std::string code, WeeklyHours hours,
                                        std::vector<Date> closed_days) {
    return Create(std::move(code), "Europe/London", hours, std::move(closed_days));
  }

  // A day with opening hours that is not closed. Any date, no range limit.
  [[nodiscard]] bool IsWorkingDay(Date day) const;

  // `received` itself when it lies in an opening period [open, close) of a working day,
  // otherwise the next working day's opening. kInvalidInput "received" outside the range.
  [[nodiscard]] Result<Instant> EffectiveStart(Instant received) const;

  // Close of business of the `days`-th working day after the effective start's day (0: the
  // close of that day). A due instant is a close, and a receipt at a close counts from the next
  // opening, so chaining adds a day: AddWorkingDays(AddWorkingDays(t, n), m) is
  // AddWorkingDays(t, n + m + 1), while received one microsecond before the first due it is
  // AddWorkingDays(t, n + m). kInvalidInput "days" when negative or beyond the range,
  // "received" when outside it.
  [[nodiscard]] Result<Instant> AddWorkingDays(Instant received, int days) const;

  // The instant when `duration` of opening time has elapsed from the effective start; a
  // deadline ending exactly at a close is due at that close (zero: the effective start).
  // Opening time is real elapsed time between the UTC instants of local open and close, so a
  // count across a clock change is exact to the microsecond. kInvalidInput "duration" when
  // negative or beyond the range, "received" when outside it.
  [[nodiscard]] Result<Instant> AddWorkingHours(Instant received,
                                                std::chrono::microseconds duration) const;

  // Opening time in [from, to); zero when to <= from. Instants outside the range are clamped.
  [[nodiscard]] std::chrono::microseconds WorkingTimeBetween(Instant from, Instant to) const;

  [[nodiscard]] const std::string& code() const;
  [[nodiscard]] const date::time_zone* zone() const;

 private:
  explicit WorkingCalendar(std::shared_ptr<const internal::CalendarTables> tables);
  // Shared because the tables are large (about 1.4 MB for 1970-2200) and never change.
  std::shared_ptr<const internal::CalendarTables> tables_;
};

}  // namespace frontdoor::charter
