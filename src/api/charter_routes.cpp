#include "frontdoor/api/charter_routes.hpp"

#include <array>
#include <exception>
#include <string>

#include <boost/json.hpp>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "charter_performance.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

constexpr std::array<const char*, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};

// "09:00" from minutes after midnight; 1440 is "24:00", the end of the day.
std::string ClockTime(int minutes) {
  std::string text = "00:00";
  text[0] = static_cast<char>('0' + minutes / 600);
  text[1] = static_cast<char>('0' + minutes / 60 % 10);
  text[3] = static_cast<char>('0' + minutes % 60 / 10);
  text[4] = static_cast<char>('0' + minutes % 10);
  return text;
}

json::value OptionalText(const std::optional<std::string>& text) {
  json::value value = nullptr;
  if (text) {
    value = *text;
  }
  return value;
}

json::object Standard(const usecase::StandardEntry& entry) {
  const charter::Standard& standard = entry.standard;
  return {{"code", standard.code},
          {"name", standard.name},
          {"measure", charter::MeasureName(standard.measure)},
          {"channel", OptionalText(standard.channel)},
          {"case_type", OptionalText(standard.case_type)},
          {"service_code", OptionalText(standard.service_code)},
          {"target",
           {{"unit", charter::TargetUnitName(standard.target.unit)},
            {"amount", standard.target.amount}}},
          {"threshold_percent", PercentValue(standard.threshold_percent)},
          {"active", entry.active}};
}

const date::time_zone* ZoneOrUtc(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;  // shown in UTC; a stored zone is checked when the calendar is saved
  }
}

json::object Calendar(const usecase::CalendarDetails& details) {
  const auto* zone = ZoneOrUtc(details.calendar.zone);
  json::array hours;
  for (const auto& period : details.hours) {
    hours.push_back({{"weekday", kWeekdays.at(static_cast<std::size_t>(period.weekday - 1))},
                     {"opens", ClockTime(period.opens_minute)},
                     {"closes", ClockTime(period.closes_minute)}});
  }
  json::array closed_days;
  for (const auto& day : details.closed_days) {
    closed_days.push_back({{"date", day.day}, {"name", day.name}, {"source", day.source}});
  }
  json::array closures;
  for (const auto& closure : details.closures) {
    closures.push_back({{"id", closure.id},
                        {"from", charter::FormatIso8601(closure.from, zone)},
                        {"to", charter::FormatIso8601(closure.to, zone)},
                        {"reason", closure.reason}});
  }
  return {{"code", details.calendar.code},      {"name", details.calendar.name},
          {"time_zone", details.calendar.zone}, {"is_default", details.calendar.is_default},
          {"opening_hours", std::move(hours)},  {"closed_days", std::move(closed_days)},
          {"closures", std::move(closures)}};
}

http::Response Ok(const json::object& body) {
  return http::Response::Json(200, json::serialize(body));
}

}  // namespace

void AddCharterRoutes(http::Router& router, store::Store& store, const Clock& clock,
                      http::Execution reads) {
  router.Add(
      http::Method::kGet, "/api/v1/charter/performance",
      [&store, &clock](http::Request& request) {
        return CharterPerformanceResponse(store, clock, request);
      },
      reads);
  router.Add(
      http::Method::kGet, "/api/v1/charter/standards",
      [&store](http::Request&) {
        auto standards = usecase::ListStandards(store, true);
        if (!standards) {
          return http::ToErrorResponse(standards.error());
        }
        json::array list;
        for (const auto& entry : *standards) {
          list.push_back(Standard(entry));
        }
        return Ok({{"standards", std::move(list)}});
      },
      reads);
  router.Add(
      http::Method::kGet, "/api/v1/charter/calendars",
      [&store](http::Request&) {
        auto calendars = usecase::ListCalendars(store);
        if (!calendars) {
          return http::ToErrorResponse(calendars.error());
        }
        json::array list;
        for (const auto& details : *calendars) {
          list.push_back(Calendar(details));
        }
        return Ok({{"calendars", std::move(list)}});
      },
      reads);
  router.Add(
      http::Method::kGet, "/api/v1/charter/calendars/{code}",
      [&store](http::Request& request) {
        auto details = usecase::GetCalendar(store, std::string(request.PathParam("code")));
        if (!details) {
          return http::ToErrorResponse(details.error());
        }
        return Ok(Calendar(*details));
      },
      reads);
}

}  // namespace frontdoor::api
