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
                                            const std::vector<ImportedHoliday>& holidays) {
  std::map<std::string, std::string> wanted;  // day -> title
  std::map<int, std::size_t> listed_per_year;
  for (const auto& holiday : holidays) {
    if (wanted.emplace(FormatDate(holiday.date), holiday.title).second) {
      ++listed_per_year[YearOf(holiday.date)];
    }
  }
  std::set<int> complete_years;
  for (const auto& [year, count] : listed_per_year) {
    if (count >= charter::NorthernIrelandHolidays(year).size()) {
      complete_years.insert(year);
    }
  }
  std::vector<FieldError> malformed;
  AddCodeErrors(calendar_code, "calendar", malformed);
  if (!malformed.empty()) {
    return Error::NotFound("No calendar with that code");
  }
  return store::WriteValue<HolidayImportSummary>(
      store, [&](store::WriteTx& tx) -> Result<HolidayImportSummary> {
        store::Calendars calendars(tx);
        auto calendar = calendars.Find(calendar_code);
        if (!calendar) {
          if (calendar.error().code() == ErrorCode::kNotFound) {
            return Error::NotFound("No calendar with the code '" + calendar_code + "'");
          }
          return calendar.error();
        }
        auto existing = calendars.ClosedDays(calendar->id);
        if (!existing) {
          return existing.error();
        }
        HolidayImportSummary summary;
        std::map<std::string, store::ClosedDayRecord> closed;
        for (auto& day : *existing) {
          const int year = YearOfDay(day.day);
          if (day.source != "closure" && complete_years.contains(year) &&
              !wanted.contains(day.day)) {
            if (auto deleted = calendars.DeleteClosedDay(calendar->id, day.day); !deleted) {
              return deleted.error();
            }
            ++summary.removed;
            continue;
          }
          closed.emplace(day.day, std::move(day));
        }
        for (const auto& [day, title] : wanted) {
          const auto found = closed.find(day);
          if (found != closed.end() &&
              (found->second.source == "closure" ||
               (found->second.source == "imported" && found->second.name == title))) {
            ++summary.unchanged;
            continue;
          }
          if (auto put = calendars.PutClosedDay(calendar->id, {day, title, "imported"}); !put) {
            return put.error();
          }
          ++(found == closed.end() ? summary.added : summary.updated);
        }
        return summary;
      });
}

}  // namespace frontdoor::usecase
