// The demo council's charter data: the default "council" calendar (Monday to Friday
// 09:00-17:00), the longer "contact-centre" calendar (Monday to Friday 08:00-18:00, Saturday
// 09:00-13:00), both closed on Northern Ireland's public holidays by rule from last year to ten
// years ahead, and DefaultCharter()'s standards.
#pragma once

#include <iosfwd>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::app {

inline constexpr int kDemoHolidayYearsBack = 1;
inline constexpr int kDemoHolidayYearsAhead = 10;

// Adds whatever is missing and never changes what exists (an administrator's edits and
// imported holidays stay). Prints one summary line to `out`.
Result<void> SeedDemoCharter(store::Store& store, const Clock& clock, std::ostream& out);

}  // namespace frontdoor::app
