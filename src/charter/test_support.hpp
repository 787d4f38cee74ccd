// Helpers shared by the charter tests: ISO strings in, ISO strings out, and the default
// Northern Ireland council calendar built once per test binary.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::charter::testing_support {

// Test inputs are literals we wrote, so a bad one is a bug in the test: throw.
inline Instant At(std::string_view iso) {
  auto parsed = ParseIso8601(iso, "test");
  if (!parsed) {
    throw std::invalid_argument("bad instant in test: " + std::string(iso));
  }
  return *parsed;
}

// Monday to Friday 09:00-17:00, Europe/London, NI holidays 2020-2032.
inline const WorkingCalendar& CouncilCalendar() {
  static const WorkingCalendar calendar = [] {
    auto made = WorkingCalendar::Create(
        "council", "Europe/London",
        WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)),
        HolidayDates(NorthernIrelandHolidays(2020, 2032)));
    if (!made) {
      throw std::logic_error("council calendar: " + made.error().message());
    }
    return *made;
  }();
  return calendar;
}

inline std::string London(Instant t) {
  return FormatIso8601(t, CouncilCalendar().zone());
}

}  // namespace frontdoor::charter::testing_support
