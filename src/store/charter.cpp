#include "frontdoor/store/charter.hpp"

#include <string_view>

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kCalendarColumns =
    "id, code, name, zone, is_default, created_at, updated_at";

CalendarRecord ReadCalendar(const SqlRow& row) {
  CalendarRecord calendar;
  calendar.id = row.Int(0);
  calendar.code = row.String(1);
  calendar.name = row.String(2);
  calendar.zone = row.String(3);
  calendar.is_default = row.Int(4) != 0;
  calendar.created_at = FromUnixMicros(row.Int(5));
  calendar.updated_at = FromUnixMicros(row.Int(6));
  return calendar;
}

OpeningHoursRecord ReadHours(const SqlRow& row) {
  return {static_cast<int>(row.Int(0)), static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2))};
}

ClosedDayRecord ReadClosedDay(const SqlRow& row) {
  return {row.String(0), row.String(1), row.String(2)};
}

constexpr std::string_view kClosureColumns = "id, calendar_id, from_at, to_at, reason, created_at";

ClosureRecord ReadClosure(const SqlRow& row) {
  ClosureRecord closure;
  closure.id = row.Int(0);
  closure.calendar_id = row.Int(1);
  closure.from = FromUnixMicros(row.Int(2));
  closure.to = FromUnixMicros(row.Int(3));
  closure.reason = row.String(4);
  closure.created_at = FromUnixMicros(row.Int(5));
  return closure;
}

constexpr std::string_view kStandardColumns =
    "id, code, name, measure, channel, case_type, service_code, unit, amount, "
    "threshold_percent, active, created_at, updated_at";

StandardRecord ReadStandard(const SqlRow& row) {
  StandardRecord standard;
  standard.id = row.Int(0);
  standard.code = row.String(1);
  standard.name = row.String(2);
  standard.measure = row.String(3);
  standard.channel = row.OptionalString(4);
  standard.case_type = row.OptionalString(5);
  standard.service_code = row.OptionalString(6);
  standard.unit = row.String(7);
  standard.amount = static_cast<int>(row.Int(8));
  standard.threshold_percent = row.Double(9);
  standard.active = row.Int(10) != 0;
  standard.created_at = FromUnixMicros(row.Int(11));
  standard.updated_at = FromUnixMicros(row.Int(12));
  return standard;
}

std::int64_t Flag(bool value) {
  return value ? 1 : 0;
}

std::string Sql(std::string_view head, std::string_view columns, std::string_view tail = {}) {
  std::string sql(head);
  sql += columns;
  sql += tail;
  return sql;
}

}  // namespace

Result<CalendarRecord> Calendars::Insert(const CalendarRecord& calendar) {
  return QueryOne<CalendarRecord>(
      session_,
      Sql("INSERT INTO calendar (code, name, zone, is_default, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING ",
          kCalendarColumns),
      {std::string_view{calendar.code}, std::string_view{calendar.name},
       std::string_view{calendar.zone}, Flag(calendar.is_default),
       ToUnixMicros(calendar.created_at), ToUnixMicros(calendar.updated_at)},
      ReadCalendar, "Calendar");
}

Result<CalendarRecord> Calendars::Update(const CalendarRecord& calendar) {
  return QueryOne<CalendarRecord>(
      session_,
      Sql("UPDATE calendar SET name = ?, zone = ?, is_default = ?, updated_at = ? WHERE id = ? "
          "RETURNING ",
          kCalendarColumns),
      {std::string_view{calendar.name}, std::string_view{calendar.zone}, Flag(calendar.is_default),
       ToUnixMicros(calendar.updated_at), calendar.id},
      ReadCalendar, "Calendar");
}

Result<void> Calendars::ClearDefault() {
  auto done = session_.Exec("UPDATE calendar SET is_default = 0 WHERE is_default = 1");
  if (!done) {
    return done.error();
  }
  return {};
}

Result<CalendarRecord> Calendars::Find(const std::string& code) {
  return QueryOne<CalendarRecord>(session_,
                                  Sql("SELECT ", kCalendarColumns, " FROM calendar WHERE code = ?"),
                                  {std::string_view{code}}, ReadCalendar, "Calendar");
}

Result<std::vector<CalendarRecord>> Calendars::List() {
  return QueryAll<CalendarRecord>(
      session_, Sql("SELECT ", kCalendarColumns, " FROM calendar ORDER BY code"), {}, ReadCalendar);
}

Result<void> Calendars::SetHours(std::int64_t calendar_id,
                                 const std::vector<OpeningHoursRecord>& hours) {
  if (auto cleared =
          session_.Exec("DELETE FROM calendar_hours WHERE calendar_id = ?", {calendar_id});
      !cleared) {
    return cleared.error();
  }
  for (const OpeningHoursRecord& period : hours) {
    auto added = session_.Exec(
        "INSERT INTO calendar_hours (calendar_id, weekday, opens_minute, closes_minute) "
        "VALUES (?, ?, ?, ?)",
        {calendar_id, std::int64_t{period.weekday}, std::int64_t{period.opens_minute},
         std::int64_t{period.closes_minute}});
    if (!added) {
      return added.error();
    }
  }
  return {};
}

Result<std::vector<OpeningHoursRecord>> Calendars::Hours(std::int64_t calendar_id) {
  return QueryAll<OpeningHoursRecord>(
      session_,
      "SELECT weekday, opens_minute, closes_minute FROM calendar_hours WHERE calendar_id = ? "
      "ORDER BY weekday",
      {calendar_id}, ReadHours);
}

Result<void> Calendars::PutClosedDay(std::int64_t calendar_id, const ClosedDayRecord& day) {
  auto done = session_.Exec(
      "INSERT INTO calendar_closed_day (calendar_id, day, name, source) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (calendar_id, day) DO UPDATE SET name = excluded.name, source = "
      "excluded.source",
      {calendar_id, std::string_view{day.day}, std::string_view{day.name},
       std::string_view{day.source}});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<void> Calendars::DeleteClosedDay(std::int64_t calendar_id, const std::string& day) {
  auto done = session_.Exec("DELETE FROM calendar_closed_day WHERE calendar_id = ? AND day = ?",
                            {calendar_id, std::string_view{day}});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<std::vector<ClosedDayRecord>> Calendars::ClosedDays(std::int64_t calendar_id,
                                                           const std::optional<std::string>& from,
                                                           const std::optional<std::string>& to) {
  // Both databases compare YYYY-MM-DD text in date order. The open ends are written as
  // bounds outside any date so that one prepared statement serves every call.
  const std::string_view low = from ? std::string_view{*from} : std::string_view{"0000-00-00"};
  const std::string_view high = to ? std::string_view{*to} : std::string_view{"9999-99-99"};
  return QueryAll<ClosedDayRecord>(session_,
                                   "SELECT day, name, source FROM calendar_closed_day "
                                   "WHERE calendar_id = ? AND day >= ? AND day <= ? ORDER BY day",
                                   {calendar_id, low, high}, ReadClosedDay);
}

Result<ClosureRecord> Calendars::InsertClosure(const ClosureRecord& closure) {
  return QueryOne<ClosureRecord>(
      session_,
      Sql("INSERT INTO calendar_closure (calendar_id, from_at, to_at, reason, created_at) "
          "VALUES (?, ?, ?, ?, ?) RETURNING ",
          kClosureColumns),
      {closure.calendar_id, ToUnixMicros(closure.from), ToUnixMicros(closure.to),
       std::string_view{closure.reason}, ToUnixMicros(closure.created_at)},
      ReadClosure, "Closure");
}

Result<void> Calendars::DeleteClosure(std::int64_t calendar_id, std::int64_t closure_id) {
  auto done = session_.Exec("DELETE FROM calendar_closure WHERE calendar_id = ? AND id = ?",
                            {calendar_id, closure_id});
  if (!done) {
    return done.error();
  }
  if (*done == 0) {
    return Error::NotFound("Closure not found");
  }
  return {};
}

Result<std::vector<ClosureRecord>> Calendars::Closures(std::int64_t calendar_id) {
  return QueryAll<ClosureRecord>(
      session_,
      Sql("SELECT ", kClosureColumns,
          " FROM calendar_closure WHERE calendar_id = ? ORDER BY from_at, id"),
      {calendar_id}, ReadClosure);
}

Result<std::int64_t> Calendars::CharterVersion() {
  return QueryInt(session_, "SELECT version FROM charter_version WHERE id = 1", {});
}

Result<StandardRecord> Standards::Insert(const StandardRecord& standard) {
  return QueryOne<StandardRecord>(
      session_,
      Sql("INSERT INTO charter_standard (code, name, measure, channel, case_type, service_code, "
          "unit, amount, threshold_percent, active, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ",
          kStandardColumns),
      {std::string_view{standard.code}, std::string_view{standard.name},
       std::string_view{standard.measure}, OptionalText(standard.channel),
       OptionalText(standard.case_type), OptionalText(standard.service_code),
       std::string_view{standard.unit}, std::int64_t{standard.amount}, standard.threshold_percent,
       Flag(standard.active), ToUnixMicros(standard.created_at), ToUnixMicros(standard.updated_at)},
      ReadStandard, "Charter standard");
}

Result<StandardRecord> Standards::Update(const StandardRecord& standard) {
  return QueryOne<StandardRecord>(
      session_,
      Sql("UPDATE charter_standard SET name = ?, measure = ?, channel = ?, case_type = ?, "
          "service_code = ?, unit = ?, amount = ?, threshold_percent = ?, active = ?, "
          "updated_at = ? WHERE code = ? RETURNING ",
          kStandardColumns),
      {std::string_view{standard.name}, std::string_view{standard.measure},
       OptionalText(standard.channel), OptionalText(standard.case_type),
       OptionalText(standard.service_code), std::string_view{standard.unit},
       std::int64_t{standard.amount}, standard.threshold_percent, Flag(standard.active),
       ToUnixMicros(standard.updated_at), std::string_view{standard.code}},
      ReadStandard, "Charter standard");
}

Result<StandardRecord> Standards::Find(const std::string& code) {
  return QueryOne<StandardRecord>(
      session_, Sql("SELECT ", kStandardColumns, " FROM charter_standard WHERE code = ?"),
      {std::string_view{code}}, ReadStandard, "Charter standard");
}

Result<std::vector<StandardRecord>> Standards::List(bool include_inactive) {
  // Two fixed statements rather than a parameter, so each stays one prepared plan.
  if (include_inactive) {
    return QueryAll<StandardRecord>(
        session_, Sql("SELECT ", kStandardColumns, " FROM charter_standard ORDER BY code"), {},
        ReadStandard);
  }
  return QueryAll<StandardRecord>(
      session_,
      Sql("SELECT ", kStandardColumns, " FROM charter_standard WHERE active = 1 ORDER BY code"), {},
      ReadStandard);
}

}  // namespace frontdoor::store
