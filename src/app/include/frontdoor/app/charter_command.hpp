// `frontdoor charter due`: when a promise falls due, counted as DOMAIN.md's "Counting
// working time" says, on the council's default calendar (Monday to Friday 09:00-17:00,
// Europe/London, closed on Northern Ireland's public holidays) and its default charter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::app {

struct DueQuery {
  std::optional<std::string> standard;  // a charter standard's code, e.g. EMAIL-RESP
  std::optional<int> working_days;
  std::optional<int> working_hours;
  std::string from;  // ISO 8601 with a zone
  std::string calendar = "default";
};

// The due instant as ISO 8601 with its Europe/London offset. kInvalidInput naming
// "from", "working_days", "working_hours" or "standard"; kNotFound for an unknown
// calendar or standard.
Result<std::string> CharterDue(const DueQuery& query);

// The default calendar: Monday to Friday 09:00-17:00, NI public holidays.
Result<charter::WorkingCalendar> DefaultCalendar();

// The demo council's charter (DOMAIN.md's suggested defaults plus NIPSO complaints).
std::vector<charter::Standard> DefaultCharter();

}  // namespace frontdoor::app
