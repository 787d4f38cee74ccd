#include "frontdoor/usecase/bank_holidays.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <boost/json.hpp>

#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/store/charter.hpp"

#include "charter_dates.hpp"
#include "charter_validation.hpp"

namespace frontdoor::usecase {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTitleChars = 200;

std::string EventField(std::size_t index, std::string_view name) {
  return "events[" + std::to_string(index) + "]." + std::string(name);
}

Result<ImportedHoliday> ParseEvent(const json::value& value, std::size_t index) {
  const json::object* event = value.if_object();
  if (event == nullptr) {
    return Error::Invalid("events[" + std::to_string(index) + "]", "Each event is an object");
  }
  const json::value* date_value = event->if_contains("date");
  const json::string* date_text = date_value ? date_value->if_string() : nullptr;
  const auto date = date_text ? ParseDate(*date_text) : std::nullopt;
  if (!date) {
    return Error::Invalid(EventField(index, "date"), "Give the date as YYYY-MM-DD");
  }
  const int year = YearOf(*date);
  if (year < charter::WorkingCalendar::kFirstYear || year > charter::WorkingCalendar::kLastYear) {
    return Error::Invalid(EventField(index, "date"), "The date falls outside 1970-2200");
  }
  const json::value* title_value = event->if_contains("title");
  const json::string* title_text = title_value ? title_value->if_string() : nullptr;
  // Boost.JSON has already refused invalid UTF-8.
  std::string title = title_text ? Trim(*title_text) : std::string();
  if (title.empty() || CountCodePoints(title) > kMaxTitleChars) {
    return Error::Invalid(EventField(index, "title"),
                          "Give a title of 1 to " + std::to_string(kMaxTitleChars) + " characters");
  }
  return ImportedHoliday{*date, std::move(title)};
}

// The file's days by date, and the years it covers completely: at least the ten days
// Northern Ireland's rules give, so a short hand-made file never opens a holiday.
struct HolidayList {
  std::map<std::string, std::string> titles;  // YYYY-MM-DD -> title
  std::set<int> complete_years;
};

HolidayList Listed(const std::vector<ImportedHoliday>& holidays) {
  HolidayList list;
  std::map<int, std::size_t> per_year;
  for (const auto& holiday : holidays) {
    if (list.titles.emplace(FormatDate(holiday.date), holiday.title).second) {
      ++per_year[YearOf(holiday.date)];
    }
  }
  for (const auto& [year, count] : per_year) {
    if (count >= charter::NorthernIrelandHolidays(year).size()) {
      list.complete_years.insert(year);
    }
  }
  return list;
}

// Opens the rule and imported days of complete years that the file does not list (moved
// holidays); returns the closed days that remain, by date.
Result<std::map<std::string, store::ClosedDayRecord>> OpenUnlisted(store::Calendars& calendars,
                                                                   std::int64_t calendar_id,
                                                                   const HolidayList& list,
                                                                   HolidayImportSummary& summary) {
  auto existing = calendars.ClosedDays(calendar_id);
  if (!existing) {
    return existing.error();
  }
  std::map<std::string, store::ClosedDayRecord> kept;
  for (auto& day : *existing) {
    if (day.source != "closure" && list.complete_years.contains(YearOfDay(day.day)) &&
        !list.titles.contains(day.day)) {
      if (auto deleted = calendars.DeleteClosedDay(calendar_id, day.day); !deleted) {
        return deleted.error();
      }
      ++summary.removed;
      continue;
    }
    kept.emplace(day.day, std::move(day));
  }
  return kept;
}

// Closes every listed day as imported; a council closure on the day stays as it is.
Result<void> CloseListed(store::Calendars& calendars, std::int64_t calendar_id,
                         const HolidayList& list,
                         const std::map<std::string, store::ClosedDayRecord>& kept,
                         HolidayImportSummary& summary) {
  for (const auto& [day, title] : list.titles) {
    const auto found = kept.find(day);
    if (found != kept.end() &&
        (found->second.source == "closure" ||
         (found->second.source == "imported" && found->second.name == title))) {
      ++summary.unchanged;
      continue;
    }
    if (auto put = calendars.PutClosedDay(calendar_id, {day, title, "imported"}); !put) {
      return put.error();
    }
    ++(found == kept.end() ? summary.added : summary.updated);
  }
  return {};
}

}  // namespace

Result<std::vector<ImportedHoliday>> ParseBankHolidays(std::string_view text,
                                                       std::string_view division) {
  if (text.size() > kMaxBankHolidaysBytes) {
    return Error(ErrorCode::kMalformed, "The holidays file is larger than 4 MB");
  }
  json::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) {
    return Error(ErrorCode::kMalformed, "The holidays file is not JSON: " + ec.message());
  }
  const json::object* divisions = root.if_object();
  const json::value* wanted = divisions ? divisions->if_contains(division) : nullptr;
  const json::object* body = wanted ? wanted->if_object() : nullptr;
  if (body == nullptr) {
    return Error::Invalid("division", "The file has no \"" + std::string(division) + "\" division");
  }
  const json::value* events_value = body->if_contains("events");
  const json::array* events = events_value ? events_value->if_array() : nullptr;
  if (events == nullptr) {
    return Error::Invalid("events", "The division has no list of events");
  }
  if (events->size() > kMaxImportedHolidays) {
    return Error::Invalid("events", "The division lists more than " +
                                        std::to_string(kMaxImportedHolidays) + " events");
  }
  std::vector<ImportedHoliday> holidays;
  std::set<charter::Date> seen;
  for (std::size_t i = 0; i < events->size(); ++i) {
    auto holiday = ParseEvent((*events)[i], i);
    if (!holiday) {
      return holiday.error();
    }
    if (seen.insert(holiday->date).second) {
      holidays.push_back(std::move(*holiday));
    }
  }
  std::sort(holidays.begin(), holidays.end(),
            [](const ImportedHoliday& a, const ImportedHoliday& b) { return a.date < b.date; });
  return holidays;
}

Result<HolidayImportSummary> ImportHolidays(store::Store& store, const std::string& calendar_code,
                                            const std::vector<ImportedHoliday>& holidays,
                                            LiveCharter* live) {
  std::vector<FieldError> malformed;
  AddCodeErrors(calendar_code, "calendar", malformed);
  if (!malformed.empty()) {
    return Error::NotFound("No calendar with that code");
  }
  const HolidayList list = Listed(holidays);
  auto changed = store::WriteValue<HolidayImportSummary>(
      store, [&](store::WriteTx& tx) -> Result<HolidayImportSummary> {
        store::Calendars calendars(tx);
        auto calendar = calendars.Find(calendar_code);
        if (!calendar) {
          if (calendar.error().code() == ErrorCode::kNotFound) {
            return Error::NotFound("No calendar with the code '" + calendar_code + "'");
          }
          return calendar.error();
        }
        HolidayImportSummary summary;
        auto kept = OpenUnlisted(calendars, calendar->id, list, summary);
        if (!kept) {
          return kept.error();
        }
        if (auto closed = CloseListed(calendars, calendar->id, list, *kept, summary); !closed) {
          return closed.error();
        }
        return summary;
      });
  return RefreshAfter(live, std::move(changed));
}

}  // namespace frontdoor::usecase
