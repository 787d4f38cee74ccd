// Use cases for the customer charter's data: working calendars (opening hours, public
// holidays by rule, closed days, ad-hoc closures) and the standards, and LoadCharter, which
// gathers what deadline counting needs. Each takes the store (and a clock when it writes); no
// HTTP, no SQL. Thread-safe. A change given a LiveCharter refreshes it once committed, so the
// next due date counted on this node uses it (other nodes see it at their next check). Importing
// GOV.UK's bank holidays is in bank_holidays.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/charter.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::usecase {

struct CalendarSpec {
  std::string code;  // 1-32 of A-Z a-z 0-9 _ -
  std::string name;
  std::string zone = "Europe/London";
  charter::WeeklyHours hours;
  bool is_default = false;
};

// kInvalidInput on "code", "name", "time_zone" (not an IANA zone) or "hours"; kConflict when
// the code is taken. The first calendar always becomes the default; setting is_default moves
// the default from the calendar that had it.
Result<store::CalendarRecord> CreateCalendar(store::Store& store, const Clock& clock,
                                             const CalendarSpec& spec, LiveCharter* live = nullptr);

// Replaces the name, zone, hours and default flag of the calendar `spec.code`. kNotFound when
// unknown; kInvalidInput as CreateCalendar, and on "is_default" when clearing it on the default
// calendar (make another calendar the default instead).
Result<store::CalendarRecord> UpdateCalendar(store::Store& store, const Clock& clock,
                                             const CalendarSpec& spec, LiveCharter* live = nullptr);

// Closes the calendar on Northern Ireland's public holidays by rule for each year of
// [from_year, to_year] that has no rule or imported holiday yet, so it never undoes an import
// or a removed day and running it twice adds nothing. Returns the number of days added.
// kNotFound for an unknown calendar; kInvalidInput "years" outside the calendar's range.
Result<int> AddRuleHolidays(store::Store& store, const std::string& calendar_code, int from_year,
                            int to_year, LiveCharter* live = nullptr);

// A whole day closed by the council (source "closure"). kInvalidInput on "name"; kConflict when
// the day is already closed (the message names why).
Result<void> AddClosedDay(store::Store& store, const std::string& calendar_code, charter::Date day,
                          const std::string& name, LiveCharter* live = nullptr);
// Opens a closed day again, whatever closed it. kNotFound when it was not closed.
Result<void> RemoveClosedDay(store::Store& store, const std::string& calendar_code,
                             charter::Date day, LiveCharter* live = nullptr);

// Closed in [from, to). Deadlines skip every day whose opening hours it covers entirely; a
// closure of part of a day is recorded but moves no deadline (the engine counts whole days).
// kInvalidInput on "to" (not after from), "reason", or "from"/"to" outside the calendar years.
Result<store::ClosureRecord> AddClosure(store::Store& store, const Clock& clock,
                                        const std::string& calendar_code, Instant from, Instant to,
                                        const std::string& reason, LiveCharter* live = nullptr);
Result<void> RemoveClosure(store::Store& store, const std::string& calendar_code,
                           std::int64_t closure_id, LiveCharter* live = nullptr);

// A calendar with everything stored about it.
struct CalendarDetails {
  store::CalendarRecord calendar;
  std::vector<store::OpeningHoursRecord> hours;
  std::vector<store::ClosedDayRecord> closed_days;
  std::vector<store::ClosureRecord> closures;
};

// Every calendar, by code. kNotFound from GetCalendar for an unknown code.
Result<std::vector<CalendarDetails>> ListCalendars(store::Store& store);
Result<CalendarDetails> GetCalendar(store::Store& store, const std::string& calendar_code);

struct StandardEntry {
  charter::Standard standard;
  bool active = true;
};

// kInvalidInput on "code", "name", "measure", "unit", "target", "threshold_percent",
// "channel", "case_type" or "service_code"; kConflict when the code is taken.
Result<StandardEntry> CreateStandard(store::Store& store, const Clock& clock,
                                     const StandardEntry& entry, LiveCharter* live = nullptr);
// Replaces everything but the code. kNotFound when unknown; kInvalidInput as CreateStandard.
Result<StandardEntry> UpdateStandard(store::Store& store, const Clock& clock,
                                     const StandardEntry& entry, LiveCharter* live = nullptr);
// By code.
Result<std::vector<StandardEntry>> ListStandards(store::Store& store, bool include_inactive);

// What WorkingCalendar::Create needs for one stored calendar: closed_days holds its closed
// days and the days its closures cover entirely.
struct CalendarDefinition {
  std::string code;
  std::string zone;
  charter::WeeklyHours hours;
  std::vector<charter::Date> closed_days;
};

struct CharterData {
  std::vector<CalendarDefinition> calendars;  // by code
  std::string default_calendar;               // empty when there is no calendar
  std::vector<charter::Standard> standards;   // active ones, by code

  // nullopt: the default. kNotFound naming the code when there is no such calendar.
  [[nodiscard]] Result<charter::WorkingCalendar> BuildCalendar(
      const std::optional<std::string>& code) const;
  // kNotFound naming the code when there is no such active standard.
  [[nodiscard]] Result<charter::Standard> FindStandard(const std::string& code) const;
};

// Reads every calendar and the active standards. kInternal when a stored row cannot be
// understood (a measure this build does not know).
Result<CharterData> LoadCharter(store::Store& store);

}  // namespace frontdoor::usecase
