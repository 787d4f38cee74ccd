#include "charter_performance.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <date/date.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/usecase/charter.hpp"
#include "frontdoor/usecase/sla.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;
using charter::Date;
using usecase::PerformanceGroup;

const date::time_zone* LondonOrUtc() {
  try {
    return date::locate_zone("Europe/London");
  } catch (const std::exception&) {
    return nullptr;  // no tz database: report in UTC rather than fail
  }
}

std::string DateText(Date day) {
  return date::format("%F", day);
}

// Exactly YYYY-MM-DD naming a real date in the years the calendar knows.
Result<Date> ParseDay(std::string_view text, const char* field) {
  const auto invalid = Error::Invalid(field, std::string("Give ") + field + " as YYYY-MM-DD");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return invalid;
  }
  std::array<int, 3> parts{0, 0, 0};
  std::size_t part = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) {
      ++part;
      continue;
    }
    if (text[i] < '0' || text[i] > '9') {
      return invalid;
    }
    parts.at(part) = parts.at(part) * 10 + (text[i] - '0');
  }
  const std::chrono::year_month_day ymd{std::chrono::year(parts[0]),
                                        std::chrono::month(static_cast<unsigned>(parts[1])),
                                        std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!ymd.ok() || parts[0] < charter::WorkingCalendar::kFirstYear ||
      parts[0] > charter::WorkingCalendar::kLastYear) {
    return invalid;
  }
  return Date(ymd);
}

Result<usecase::PerformanceQuery> ParseQuery(const http::Form& form, Date today) {
  usecase::PerformanceQuery query{};
  query.to = today;
  if (const auto to = form.Present("to")) {
    auto parsed = ParseDay(*to, "to");
    if (!parsed) {
      return parsed.error();
    }
    query.to = *parsed;
  }
  // Twelve whole months by default: this month and the eleven before it.
  const std::chrono::year_month_day end(query.to);
  query.from = Date((end.year() / end.month() - std::chrono::months(11)) / 1);
  if (const auto from = form.Present("from")) {
    auto parsed = ParseDay(*from, "from");
    if (!parsed) {
      return parsed.error();
    }
    query.from = *parsed;
  }
  for (const std::string& name : form.List("group_by")) {
    if (name == "standard") {
      continue;  // always
    }
    if (name == "team") {
      query.group_by.push_back(PerformanceGroup::kTeam);
    } else if (name == "service") {
      query.group_by.push_back(PerformanceGroup::kService);
    } else if (name == "channel") {
      query.group_by.push_back(PerformanceGroup::kChannel);
    } else if (name == "month") {
      query.group_by.push_back(PerformanceGroup::kMonth);
    } else {
      return Error::Invalid("group_by", "Group by standard, team, service, channel or month");
    }
  }
  return query;
}

json::value Nullable(const std::optional<double>& value) {
  if (value) {
    return PercentValue(*value);
  }
  return nullptr;
}

json::object Row(const usecase::PerformanceRow& row, const usecase::PerformanceQuery& query) {
  json::object out{{"standard_code", row.standard_code},
                   {"standard_name", row.standard_name},
                   {"threshold_percent", Nullable(row.threshold_percent)}};
  if (row.month) {
    out["month"] = *row.month;
  }
  for (const PerformanceGroup group : query.group_by) {
    const json::value code =
        row.group_code && !row.group_code->empty() ? json::value(*row.group_code) : nullptr;
    switch (group) {
      case PerformanceGroup::kTeam:
        out["team"] = {{"code", code}, {"name", row.group_name.value_or("")}};
        break;
      case PerformanceGroup::kService:
        out["service"] = {{"code", code}, {"name", row.group_name.value_or("")}};
        break;
      case PerformanceGroup::kChannel: out["channel"] = code; break;
      case PerformanceGroup::kMonth: break;
    }
  }
  out["total"] = row.total;
  out["met"] = row.met;
  out["missed"] = row.missed;
  out["breached"] = row.breached;
  out["open"] = row.open;
  out["compliance_percent"] = Nullable(row.compliance_percent);
  out["meets_threshold"] = row.meets_threshold ? json::value(*row.meets_threshold) : nullptr;
  return out;
}

}  // namespace

json::value PercentValue(double percent) {
  const double hundredths = std::round(percent * 100.0);
  if (!std::isfinite(hundredths) || std::fabs(hundredths) > 1e15) {
    return percent;
  }
  if (std::fmod(hundredths, 100.0) == 0.0) {
    return static_cast<std::int64_t>(hundredths / 100.0);
  }
  return hundredths / 100.0;
}

http::Response CharterPerformanceResponse(store::Store& store, const Clock& clock,
                                          const http::Request& request) {
  auto form = http::ParseForm(request.query);
  if (!form) {
    return http::ToErrorResponse(form.error());
  }
  const date::time_zone* zone = LondonOrUtc();
  const Instant now = clock.Now();
  auto query = ParseQuery(*form, charter::LocalDate(now, zone));
  if (!query) {
    return http::ToErrorResponse(query.error());
  }
  auto standards = usecase::ListStandards(store, true);
  if (!standards) {
    return http::ToErrorResponse(standards.error());
  }
  std::vector<charter::Standard> known;
  for (auto& entry : *standards) {
    known.push_back(std::move(entry.standard));
  }
  auto rows = usecase::CharterPerformance(store, zone, now, *query, known);
  if (!rows) {
    return http::ToErrorResponse(rows.error());
  }
  json::array list;
  for (const auto& row : *rows) {
    list.push_back(Row(row, *query));
  }
  json::array groups{"standard"};
  for (const PerformanceGroup group : query->group_by) {
    switch (group) {
      case PerformanceGroup::kTeam: groups.emplace_back("team"); break;
      case PerformanceGroup::kService: groups.emplace_back("service"); break;
      case PerformanceGroup::kChannel: groups.emplace_back("channel"); break;
      case PerformanceGroup::kMonth: groups.emplace_back("month"); break;
    }
  }
  const json::object body{{"from", DateText(query->from)},
                          {"to", DateText(query->to)},
                          {"group_by", std::move(groups)},
                          {"rows", std::move(list)}};
  return http::Response::Json(200, json::serialize(body));
}

}  // namespace frontdoor::api
