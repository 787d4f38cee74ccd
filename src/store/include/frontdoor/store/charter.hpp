// Repositories for the customer charter's data: working calendars (opening hours, closed days,
// ad-hoc closures) and the charter's standards. Plain records in and out; the use cases
// validate and turn them into charter::WorkingCalendar and charter::Standard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct CalendarRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string zone;  // IANA name, e.g. Europe/London
  bool is_default = false;
  Instant created_at;
  Instant updated_at;
};

// One opening period of a weekday, in local minutes after midnight: [opens, closes).
struct OpeningHoursRecord {
  int weekday = 1;  // ISO 8601: 1 Monday .. 7 Sunday
  int opens_minute = 0;
  int closes_minute = 0;
};

// A whole local day the calendar is closed.
struct ClosedDayRecord {
  std::string day;  // YYYY-MM-DD
  std::string name;
  std::string source;  // rule, imported or closure
};

// Closed in [from, to), whatever the opening hours say.
struct ClosureRecord {
  std::int64_t id = 0;
  std::int64_t calendar_id = 0;
  Instant from;
  Instant to;
  std::string reason;
  Instant created_at;
};

class Calendars {
 public:
  explicit Calendars(ReadTx& tx) : session_(tx.session()) {}

  // kConflict when the code is taken, or when is_default is set and another calendar is the
  // default (clear it first with ClearDefault).
  Result<CalendarRecord> Insert(const CalendarRecord& calendar);
  // Writes name, zone, is_default and updated_at (by id); kNotFound when the id is unknown.
  Result<CalendarRecord> Update(const CalendarRecord& calendar);
  Result<void> ClearDefault();
  Result<CalendarRecord> Find(const std::string& code);  // kNotFound
  Result<std::vector<CalendarRecord>> List();            // by code

  // Replaces the calendar's opening hours.
  Result<void> SetHours(std::int64_t calendar_id, const std::vector<OpeningHoursRecord>& hours);
  Result<std::vector<OpeningHoursRecord>> Hours(std::int64_t calendar_id);  // by weekday

  // Adds the day, or replaces the name and source of the row already on that day.
  Result<void> PutClosedDay(std::int64_t calendar_id, const ClosedDayRecord& day);
  Result<void> DeleteClosedDay(std::int64_t calendar_id, const std::string& day);
  // In day order; `from` and `to` (inclusive, YYYY-MM-DD) narrow the range when set.
  Result<std::vector<ClosedDayRecord>> ClosedDays(std::int64_t calendar_id,
                                                  const std::optional<std::string>& from = {},
                                                  const std::optional<std::string>& to = {});

  Result<ClosureRecord> InsertClosure(const ClosureRecord& closure);
  Result<void> DeleteClosure(std::int64_t calendar_id, std::int64_t closure_id);  // kNotFound
  Result<std::vector<ClosureRecord>> Closures(std::int64_t calendar_id);          // by from

  // Moves (in the same transaction) with every change to calendars, hours, closed days,
  // closures and standards (migration 0030): one row to read to know the charter is current.
  Result<std::int64_t> CharterVersion();

 private:
  SqlSession& session_;
};

struct StandardRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string measure;  // a charter::MeasureName
  std::optional<std::string> channel;
  std::optional<std::string> case_type;
  std::optional<std::string> service_code;
  std::string unit;  // a charter::TargetUnitName
  int amount = 0;
  double threshold_percent = 0;
  bool active = true;
  Instant created_at;
  Instant updated_at;
};

class Standards {
 public:
  explicit Standards(ReadTx& tx) : session_(tx.session()) {}

  // kConflict when the code is taken.
  Result<StandardRecord> Insert(const StandardRecord& standard);
  // Writes every field but id, code and created_at (by code); kNotFound when unknown.
  Result<StandardRecord> Update(const StandardRecord& standard);
  Result<StandardRecord> Find(const std::string& code);             // kNotFound
  Result<std::vector<StandardRecord>> List(bool include_inactive);  // by code

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
