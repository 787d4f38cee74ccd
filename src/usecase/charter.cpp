#include "frontdoor/usecase/charter.hpp"

#include <set>
#include <utility>

#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"

#include "charter_dates.hpp"
#include "charter_validation.hpp"

namespace frontdoor::usecase {
namespace {

using store::Calendars;
using store::ReadTx;
using store::WriteTx;

std::vector<store::OpeningHoursRecord> ToRecords(const charter::WeeklyHours& hours) {
  std::vector<store::OpeningHoursRecord> records;
  for (std::size_t i = 0; i < hours.by_weekday.size(); ++i) {
    if (const auto& period = hours.by_weekday[i]) {
      records.push_back({static_cast<int>(i) + 1, static_cast<int>(period->open.count()),
                         static_cast<int>(period->close.count())});
    }
  }
  return records;
}

// Every check of a calendar, the zone and hours by building it: what is stored always builds.
Result<void> CheckCalendar(const CalendarSpec& spec) {
  std::vector<FieldError> errors;
  AddCodeErrors(spec.code, "code", errors);
  AddNameErrors(spec.name, "name", errors);
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto built = charter::WorkingCalendar::Create(spec.code, spec.zone, spec.hours, {});
  if (!built) {
    return built.error();
  }
  return {};
}

Result<store::CalendarRecord> FindCalendar(ReadTx& tx, const std::string& code) {
  // A code no calendar could have (from a URL, say) never reaches the database, where bytes
  // that are not UTF-8 would be an error of their own.
  std::vector<FieldError> malformed;
  AddCodeErrors(code, "code", malformed);
  if (!malformed.empty()) {
    return Error::NotFound("No calendar with that code");
  }
  auto found = Calendars(tx).Find(code);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return Error::NotFound("No calendar with the code '" + code + "'");
  }
  return found;
}

Result<bool> AnyDefault(ReadTx& tx) {
  auto all = Calendars(tx).List();
  if (!all) {
    return all.error();
  }
  for (const auto& calendar : *all) {
    if (calendar.is_default) {
      return true;
    }
  }
  return false;
}

Result<store::CalendarRecord> InsertCalendar(WriteTx& tx, const CalendarSpec& spec, Instant now) {
  auto has_default = AnyDefault(tx);
  if (!has_default) {
    return has_default.error();
  }
  store::CalendarRecord record;
  record.code = spec.code;
  record.name = Trim(spec.name);
  record.zone = spec.zone;
  record.is_default = spec.is_default || !*has_default;
  record.created_at = now;
  record.updated_at = now;
  if (record.is_default && *has_default) {
    if (auto cleared = Calendars(tx).ClearDefault(); !cleared) {
      return cleared.error();
    }
  }
  auto inserted = Calendars(tx).Insert(record);
  if (!inserted) {
    if (inserted.error().code() == ErrorCode::kConflict) {
      return Error(ErrorCode::kConflict, "A calendar with the code '" + spec.code + "' exists");
    }
    return inserted.error();
  }
  if (auto set = Calendars(tx).SetHours(inserted->id, ToRecords(spec.hours)); !set) {
    return set.error();
  }
  return inserted;
}

Result<CalendarDetails> ReadDetails(ReadTx& tx, store::CalendarRecord calendar) {
  Calendars calendars(tx);
  CalendarDetails details;
  auto hours = calendars.Hours(calendar.id);
  if (!hours) {
    return hours.error();
  }
  auto closed = calendars.ClosedDays(calendar.id);
  if (!closed) {
    return closed.error();
  }
  auto closures = calendars.Closures(calendar.id);
  if (!closures) {
    return closures.error();
  }
  details.calendar = std::move(calendar);
  details.hours = std::move(*hours);
  details.closed_days = std::move(*closed);
  details.closures = std::move(*closures);
  return details;
}

bool InRange(Instant at) {
  const int year = YearOf(charter::LocalDate(at, nullptr));
  return year >= charter::WorkingCalendar::kFirstYear &&
         year <= charter::WorkingCalendar::kLastYear;
}

}  // namespace

Result<store::CalendarRecord> CreateCalendar(store::Store& store, const Clock& clock,
                                             const CalendarSpec& spec, LiveCharter* live) {
  if (auto checked = CheckCalendar(spec); !checked) {
    return checked.error();
  }
  auto changed = store::WriteValue<store::CalendarRecord>(
      store, [&](WriteTx& tx) { return InsertCalendar(tx, spec, clock.Now()); });
  return RefreshAfter(live, std::move(changed));
}

Result<store::CalendarRecord> UpdateCalendar(store::Store& store, const Clock& clock,
                                             const CalendarSpec& spec, LiveCharter* live) {
  if (auto checked = CheckCalendar(spec); !checked) {
    return checked.error();
  }
  auto changed = store::WriteValue<store::CalendarRecord>(
      store, [&](WriteTx& tx) -> Result<store::CalendarRecord> {
        auto found = FindCalendar(tx, spec.code);
        if (!found) {
          return found.error();
        }
        if (found->is_default && !spec.is_default) {
          return Error::Invalid("is_default",
                                "Make another calendar the default instead of clearing it here");
        }
        if (spec.is_default && !found->is_default) {
          if (auto cleared = Calendars(tx).ClearDefault(); !cleared) {
            return cleared.error();
          }
        }
        store::CalendarRecord record = *found;
        record.name = Trim(spec.name);
        record.zone = spec.zone;
        record.is_default = spec.is_default;
        record.updated_at = clock.Now();
        auto updated = Calendars(tx).Update(record);
        if (!updated) {
          return updated.error();
        }
        if (auto set = Calendars(tx).SetHours(record.id, ToRecords(spec.hours)); !set) {
          return set.error();
        }
        return updated;
      });
  return RefreshAfter(live, std::move(changed));
}

Result<int> AddRuleHolidays(store::Store& store, const std::string& calendar_code, int from_year,
                            int to_year, LiveCharter* live) {
  if (from_year < charter::WorkingCalendar::kFirstYear ||
      to_year > charter::WorkingCalendar::kLastYear) {
    return Error::Invalid("years", "Holidays by rule cover the years " +
                                       std::to_string(charter::WorkingCalendar::kFirstYear) + "-" +
                                       std::to_string(charter::WorkingCalendar::kLastYear));
  }
  auto changed = store::WriteValue<int>(store, [&](WriteTx& tx) -> Result<int> {
    auto calendar = FindCalendar(tx, calendar_code);
    if (!calendar) {
      return calendar.error();
    }
    Calendars calendars(tx);
    auto existing = calendars.ClosedDays(calendar->id);
    if (!existing) {
      return existing.error();
    }
    std::set<std::string> closed;
    std::set<int> years_with_holidays;
    for (const auto& day : *existing) {
      closed.insert(day.day);
      if (day.source != "closure") {
        years_with_holidays.insert(YearOfDay(day.day));
      }
    }
    int added = 0;
    for (const auto& holiday : charter::NorthernIrelandHolidays(from_year, to_year)) {
      const std::string day = FormatDate(holiday.date);
      if (years_with_holidays.contains(YearOf(holiday.date)) || closed.contains(day)) {
        continue;
      }
      if (auto put = calendars.PutClosedDay(calendar->id, {day, holiday.title, "rule"}); !put) {
        return put.error();
      }
      ++added;
    }
    return added;
  });
  return RefreshAfter(live, std::move(changed));
}

Result<void> AddClosedDay(store::Store& store, const std::string& calendar_code, charter::Date day,
                          const std::string& name, LiveCharter* live) {
  std::vector<FieldError> errors;
  AddNameErrors(name, "name", errors);
  const int year = YearOf(day);
  if (year < charter::WorkingCalendar::kFirstYear || year > charter::WorkingCalendar::kLastYear) {
    errors.push_back({"date", "Choose a date between 1970 and 2200"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  const std::string text = FormatDate(day);
  auto changed = store.Write([&](WriteTx& tx) -> Result<void> {
    auto calendar = FindCalendar(tx, calendar_code);
    if (!calendar) {
      return calendar.error();
    }
    Calendars calendars(tx);
    auto same_day = calendars.ClosedDays(calendar->id, text, text);
    if (!same_day) {
      return same_day.error();
    }
    if (!same_day->empty()) {
      return Error(ErrorCode::kConflict, text + " is already closed: " + same_day->front().name);
    }
    return calendars.PutClosedDay(calendar->id, {text, Trim(name), "closure"});
  });
  return RefreshAfter(live, std::move(changed));
}

Result<void> RemoveClosedDay(store::Store& store, const std::string& calendar_code,
                             charter::Date day, LiveCharter* live) {
  const std::string text = FormatDate(day);
  auto changed = store.Write([&](WriteTx& tx) -> Result<void> {
    auto calendar = FindCalendar(tx, calendar_code);
    if (!calendar) {
      return calendar.error();
    }
    Calendars calendars(tx);
    auto same_day = calendars.ClosedDays(calendar->id, text, text);
    if (!same_day) {
      return same_day.error();
    }
    if (same_day->empty()) {
      return Error::NotFound(text + " is not closed");
    }
    return calendars.DeleteClosedDay(calendar->id, text);
  });
  return RefreshAfter(live, std::move(changed));
}

Result<store::ClosureRecord> AddClosure(store::Store& store, const Clock& clock,
                                        const std::string& calendar_code, Instant from, Instant to,
                                        const std::string& reason, LiveCharter* live) {
  std::vector<FieldError> errors;
  AddNameErrors(reason, "reason", errors);
  if (to <= from) {
    errors.push_back({"to", "A closure must end after it starts"});
  }
  if (!InRange(from) || !InRange(to)) {
    errors.push_back({"from", "Choose instants between 1970 and 2200"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto changed = store::WriteValue<store::ClosureRecord>(
      store, [&](WriteTx& tx) -> Result<store::ClosureRecord> {
        auto calendar = FindCalendar(tx, calendar_code);
        if (!calendar) {
          return calendar.error();
        }
        store::ClosureRecord closure;
        closure.calendar_id = calendar->id;
        closure.from = from;
        closure.to = to;
        closure.reason = Trim(reason);
        closure.created_at = clock.Now();
        return Calendars(tx).InsertClosure(closure);
      });
  return RefreshAfter(live, std::move(changed));
}

Result<void> RemoveClosure(store::Store& store, const std::string& calendar_code,
                           std::int64_t closure_id, LiveCharter* live) {
  auto changed = store.Write([&](WriteTx& tx) -> Result<void> {
    auto calendar = FindCalendar(tx, calendar_code);
    if (!calendar) {
      return calendar.error();
    }
    return Calendars(tx).DeleteClosure(calendar->id, closure_id);
  });
  return RefreshAfter(live, std::move(changed));
}

Result<std::vector<CalendarDetails>> ListCalendars(store::Store& store) {
  return store::ReadValue<std::vector<CalendarDetails>>(
      store, [](ReadTx& tx) -> Result<std::vector<CalendarDetails>> {
        auto calendars = Calendars(tx).List();
        if (!calendars) {
          return calendars.error();
        }
        std::vector<CalendarDetails> all;
        for (auto& calendar : *calendars) {
          auto details = ReadDetails(tx, std::move(calendar));
          if (!details) {
            return details.error();
          }
          all.push_back(std::move(*details));
        }
        return all;
      });
}

Result<CalendarDetails> GetCalendar(store::Store& store, const std::string& calendar_code) {
  return store::ReadValue<CalendarDetails>(store, [&](ReadTx& tx) -> Result<CalendarDetails> {
    auto calendar = FindCalendar(tx, calendar_code);
    if (!calendar) {
      return calendar.error();
    }
    return ReadDetails(tx, std::move(*calendar));
  });
}

}  // namespace frontdoor::usecase
