// LoadCharter: stored calendars and standards turned into what the engine takes.
#include <algorithm>
#include <exception>
#include <utility>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "charter_dates.hpp"

namespace frontdoor::usecase {
namespace {

using charter::Date;

Instant LocalToInstant(const date::time_zone* zone, Date day, std::chrono::minutes at) {
  const date::local_time<std::chrono::minutes> local{day.time_since_epoch() + at};
  // A local time the clocks skip is the instant of the change, as WorkingCalendar counts it.
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      zone->to_sys(local, date::choose::earliest));
}

// The local days whose opening period lies wholly inside the closure. The engine closes whole
// days only; a closure of part of a day stays on record without moving deadlines.
void AddCoveredDays(const date::time_zone* zone, const charter::WeeklyHours& hours,
                    const store::ClosureRecord& closure, std::vector<Date>& out) {
  using std::chrono::year;
  const Date lowest{year(charter::WorkingCalendar::kFirstYear) / 1 / 1};
  const Date highest{year(charter::WorkingCalendar::kLastYear) / 12 / 31};
  const Date first = std::max(charter::LocalDate(closure.from, zone), lowest);
  const Date last = std::min(charter::LocalDate(closure.to, zone), highest);
  for (Date day = first; day <= last; day += std::chrono::days(1)) {
    const auto& period = hours.by_weekday.at(date::weekday(day).iso_encoding() - 1);
    if (!period) {
      continue;
    }
    if (closure.from <= LocalToInstant(zone, day, period->open) &&
        LocalToInstant(zone, day, period->close) <= closure.to) {
      out.push_back(day);
    }
  }
}

Result<CalendarDefinition> Define(const CalendarDetails& details) {
  const auto& calendar = details.calendar;
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(calendar.zone);
  } catch (const std::exception&) {
    return Error::Internal("Calendar " + calendar.code + " has an unknown zone " + calendar.zone);
  }
  CalendarDefinition definition;
  definition.code = calendar.code;
  definition.zone = calendar.zone;
  for (const auto& record : details.hours) {
    definition.hours.by_weekday.at(static_cast<std::size_t>(record.weekday - 1)) =
        charter::OpeningPeriod{std::chrono::minutes(record.opens_minute),
                               std::chrono::minutes(record.closes_minute)};
  }
  for (const auto& day : details.closed_days) {
    const auto date = ParseDate(day.day);
    if (!date) {
      return Error::Internal("Calendar " + calendar.code + " has a bad closed day " + day.day);
    }
    definition.closed_days.push_back(*date);
  }
  for (const auto& closure : details.closures) {
    AddCoveredDays(zone, definition.hours, closure, definition.closed_days);
  }
  return definition;
}

}  // namespace

Result<charter::WorkingCalendar> CharterData::BuildCalendar(
    const std::optional<std::string>& code) const {
  if (!code && default_calendar.empty()) {
    return Error::NotFound(
        "The database has no calendars: run `frontdoor seed --demo` or create one");
  }
  const std::string& wanted = code ? *code : default_calendar;
  const auto found = std::find_if(calendars.begin(), calendars.end(),
                                  [&](const CalendarDefinition& c) { return c.code == wanted; });
  if (found == calendars.end()) {
    return Error::NotFound("No calendar with the code '" + wanted + "'");
  }
  return charter::WorkingCalendar::Create(found->code, found->zone, found->hours,
                                          found->closed_days);
}

Result<charter::Standard> CharterData::FindStandard(const std::string& code) const {
  const auto found = std::find_if(standards.begin(), standards.end(),
                                  [&](const charter::Standard& s) { return s.code == code; });
  if (found == standards.end()) {
    return Error::NotFound("No charter standard with the code '" + code + "'");
  }
  return *found;
}

Result<CharterData> LoadCharter(store::Store& store) {
  auto calendars = ListCalendars(store);
  if (!calendars) {
    return calendars.error();
  }
  auto standards = ListStandards(store, false);
  if (!standards) {
    return standards.error();
  }
  CharterData data;
  for (const auto& details : *calendars) {
    auto definition = Define(details);
    if (!definition) {
      return definition.error();
    }
    if (details.calendar.is_default) {
      data.default_calendar = details.calendar.code;
    }
    data.calendars.push_back(std::move(*definition));
  }
  for (auto& entry : *standards) {
    data.standards.push_back(std::move(entry.standard));
  }
  return data;
}

}  // namespace frontdoor::usecase
