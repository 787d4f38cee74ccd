// `frontdoor charter due`: when a promise falls due, counted as DOMAIN.md's "Counting
// working time" says, on the database's calendars and standards, or, when no database is
// configured, on a built-in default calendar (Monday to Friday 09:00-17:00, Europe/London,
// closed on Northern Ireland's public holidays) and charter. `frontdoor charter
// import-holidays`: GOV.UK's bank-holidays.json into a stored calendar.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontdoor/app/config.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::app {

struct DueQuery {
  std::optional<std::string> standard;  // a charter standard's code, e.g. EMAIL-RESP
  std::optional<int> working_days;
  std::optional<int> working_hours;
  std::string from;                     // ISO 8601 with a zone
  std::optional<std::string> calendar;  // nullopt: the default calendar
};

// The due instant as ISO 8601 with its calendar's offset, on the built-in calendar ("default")
// and charter. kInvalidInput naming "from", "working_days", "working_hours" or "standard";
// kNotFound for an unknown calendar or standard.
Result<std::string> CharterDue(const DueQuery& query);

// The same on the stored calendars and active standards (usecase::LoadCharter); without a
// calendar, the database's default. kNotFound also when the database has no calendar.
Result<std::string> CharterDue(const DueQuery& query, store::Store& store);

// Whether the charter commands use a database: one was named (`db_given`: --db or
// FRONTDOOR_DB), the configuration names another than the built-in default, or the default
// SQLite file exists.
[[nodiscard]] bool CharterUsesDatabase(const Config& config, bool db_given);

struct HolidayFileImport {
  std::string file;                     // a GOV.UK bank-holidays.json
  std::optional<std::string> calendar;  // nullopt: the database's default calendar
  std::string division = "northern-ireland";
};

// Reads and imports the file (usecase::ImportHolidays); returns a one-line summary.
// kNotFound when the file cannot be read or the calendar is unknown; kMalformed or
// kInvalidInput (naming the event) when the file is wrong.
Result<std::string> ImportHolidayFile(const HolidayFileImport& import, store::Store& store);

// What the server counts due dates with: the database's default calendar and active
// standards, or the built-in ones while the database has no calendar (never seeded). The
// server's LiveCharter loads its snapshots with LoadServingCharter.
using ServingCharter = usecase::CharterSnapshot;
Result<ServingCharter> LoadServingCharter(store::Store& store);

// `frontdoor charter sweep`: every SLA clock due a change marked now, on the serving charter;
// returns a one-line summary.
Result<std::string> SweepSlaCommand(store::Store& store, const Clock& clock, const Config& config);

// The default calendar: Monday to Friday 09:00-17:00, NI public holidays.
Result<charter::WorkingCalendar> DefaultCalendar();

// The demo council's charter (DOMAIN.md's suggested defaults plus NIPSO complaints).
std::vector<charter::Standard> DefaultCharter();

}  // namespace frontdoor::app
