// Importing public holidays from GOV.UK's bank-holidays.json
// (https://www.gov.uk/bank-holidays.json), the authoritative list that also carries one-off
// holidays no rule predicts (the 2022 state funeral, the 2023 coronation). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::usecase {

struct ImportedHoliday {
  charter::Date date;
  std::string title;
};

inline constexpr std::size_t kMaxBankHolidaysBytes = std::size_t{4} * 1024 * 1024;
inline constexpr std::size_t kMaxImportedHolidays = 10'000;

// The events of `division` ("england-and-wales", "scotland", "northern-ireland") in date order,
// a date listed twice kept once. The file is {"<division>": {"division": ..., "events":
// [{"title", "date": "YYYY-MM-DD", "notes", "bunting"}, ...]}, ...}; other members are ignored.
// kMalformed when it is not JSON or is larger than kMaxBankHolidaysBytes; kInvalidInput naming
// "division" (absent), "events" (not a list, too many) or "events[i].date" / "events[i].title".
Result<std::vector<ImportedHoliday>> ParseBankHolidays(std::string_view text,
                                                       std::string_view division);

struct HolidayImportSummary {
  int added = 0;      // days closed that were open
  int updated = 0;    // rule days now from the file, or imported days renamed
  int removed = 0;    // rule or imported days the file says are open
  int unchanged = 0;  // already as the file says (or closed by the council: kept)
};

// Merges `holidays` into the calendar's closed days in one transaction, as source "imported".
// For a year the list covers completely (at least the ten days Northern Ireland's rules give),
// the list is the truth: rule and imported days it does not list are opened again,
// which corrects holidays that moved (Early May 2020, Spring 2022). For other years its days
// are only added. Closures the council added are never touched. Running it twice changes
// nothing the second time. kNotFound for an unknown calendar. Refreshes `live` once stored.
Result<HolidayImportSummary> ImportHolidays(store::Store& store, const std::string& calendar_code,
                                            const std::vector<ImportedHoliday>& holidays,
                                            LiveCharter* live = nullptr);

}  // namespace frontdoor::usecase
