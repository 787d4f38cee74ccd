// Administration of every calendar's opening hours: the list of calendars with their weeks,
// and for each one period a weekday, or closed, saved through the charter use case that checks
// every calendar (UpdateCalendar) and refreshes the live charter, so no restart is needed.
#include <array>
#include <charconv>
#include <string>
#include <variant>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kHours = "/staff/admin/opening-hours";
// ISO 8601 weekday order, as the store keeps them: Monday is 1.
constexpr std::array<std::string_view, 7> kWeekdays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};

std::string FieldName(std::size_t day, std::string_view part) {
  return "hours-" + std::to_string(day + 1) + "-" + std::string(part);
}

std::string Clock(int minutes) {
  const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

// "09:00" or "9:00" to minutes after midnight; "24:00" is the end of the day.
std::optional<int> Minutes(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.size() - colon != 3) {
    return std::nullopt;
  }
  int hours = 0;
  int minutes = 0;
  const auto h = std::from_chars(text.data(), text.data() + colon, hours);
  const auto m = std::from_chars(text.data() + colon + 1, text.data() + text.size(), minutes);
  if (colon == 0 || h.ec != std::errc() || h.ptr != text.data() + colon || m.ec != std::errc() ||
      m.ptr != text.data() + text.size() || minutes > 59 || hours > 24 ||
      (hours == 24 && minutes != 0)) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

// "09:00–17:00" or "Closed" for each weekday of a stored calendar.
List WeekData(const usecase::CalendarDetails& details, const Desktop& desktop,
              const PageContext& page) {
  std::array<std::string, 7> hours;
  hours.fill(desktop.T(page, "Closed"));
  for (const auto& period : details.hours) {
    hours.at(static_cast<std::size_t>(period.weekday - 1)) =
        Clock(period.opens_minute) + "\u2013" + Clock(period.closes_minute);
  }
  List week;
  for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
    week.emplace_back(
        Object{{"week_day", desktop.T(page, kWeekdays.at(day))}, {"week_hours", hours.at(day)}});
  }
  return week;
}

}  // namespace

http::Response Desktop::HoursPage(const http::Form& sent, const std::vector<ErrorLink>& errors,
                                  PageContext& page,
                                  const usecase::CalendarDetails& details) const {
  // Before anything is sent, the form shows what is stored.
  std::vector<http::FormField> stored;
  for (const auto& period : details.hours) {
    const auto day = static_cast<std::size_t>(period.weekday - 1);
    stored.push_back({FieldName(day, "opens"), Clock(period.opens_minute)});
    stored.push_back({FieldName(day, "closes"), Clock(period.closes_minute)});
  }
  const http::Form& form = sent.fields().empty() ? http::Form(std::move(stored)) : sent;
  List days;
  for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
    const auto field = [&](std::string_view part, std::string_view label) {
      Data data = Input(form, errors, FieldName(day, part),
                        T(page, kWeekdays.at(day)) + ": " + T(page, label));
      data.set("width_class", std::string("govuk-input--width-5"));
      return data;
    };
    days.emplace_back(Object{{"day_name", T(page, kWeekdays.at(day))},
                             {"opens", field("opens", "opens")},
                             {"closes", field("closes", "closes")}});
  }
  return Render(page, "staff_hours", "Opening hours",
                Object{{"editing", Data(true)},
                       {"hours_calendar_name", details.calendar.name},
                       {"hours_calendar_code", details.calendar.code},
                       {"days", Data(days)},
                       {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
                errors.empty() ? 200 : 422, !errors.empty());
}

http::Response Desktop::OpeningHours(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter,
                        "Opening hours saved. Deadlines counted from now on use them; cases "
                        "already open keep their due dates.");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  auto calendars = usecase::ListCalendars(cases.store);
  if (!calendars) {
    return FailurePage(site, page, calendars.error());
  }
  List list;
  for (const auto& details : *calendars) {
    list.emplace_back(Object{{"hours_calendar_name", details.calendar.name},
                             {"hours_calendar_code", details.calendar.code},
                             {"hours_is_default", Data(details.calendar.is_default)},
                             {"hours_week", Data(WeekData(details, *this, page))}});
  }
  return Render(
      page, "staff_hours", "Opening hours",
      Object{{"editing", Data(false)}, {"calendars", Data(list)}, {"error_summary", Data(false)}});
}

std::variant<usecase::CalendarDetails, http::Response> Desktop::CalendarOfPath(
    const http::Request& request, const PageContext& page) const {
  auto details = usecase::GetCalendar(cases.store, std::string(request.PathParam("code")));
  if (details) {
    return std::move(*details);
  }
  if (details.error().code() == ErrorCode::kNotFound) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  return FailurePage(site, page, details.error());
}

http::Response Desktop::EditOpeningHours(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  auto details = CalendarOfPath(request, page);
  if (auto* response = std::get_if<http::Response>(&details)) {
    return std::move(*response);
  }
  return HoursPage(http::Form(), {}, page, std::get<usecase::CalendarDetails>(details));
}

namespace {

// The week sent in the form, or the errors naming each field to fix.
std::variant<charter::WeeklyHours, std::vector<ErrorLink>> WeekFrom(const http::Form& form,
                                                                    const Desktop& desktop,
                                                                    const PageContext& page) {
  charter::WeeklyHours week;
  std::vector<ErrorLink> errors;
  for (std::size_t day = 0; day < kWeekdays.size(); ++day) {
    const std::string opens_name = FieldName(day, "opens");
    const std::string closes_name = FieldName(day, "closes");
    const auto opens_text = form.Present(opens_name);
    const auto closes_text = form.Present(closes_name);
    if (!opens_text && !closes_text) {
      continue;  // closed all day
    }
    const auto opens = Minutes(opens_text.value_or(""));
    const auto closes = Minutes(closes_text.value_or(""));
    const std::string day_name = desktop.T(page, kWeekdays.at(day)) + ": ";
    if (!opens || !closes) {
      errors.push_back({!opens ? opens_name : closes_name,
                        day_name + desktop.T(page,
                                             "enter both times as hh:mm, like 09:00 and 17:00, "
                                             "or neither when closed")});
      continue;
    }
    if (*closes <= *opens) {
      errors.push_back(
          {closes_name, day_name + desktop.T(page,
                                             "the closing time must be after the opening "
                                             "time")});
      continue;
    }
    week.by_weekday.at(day) =
        charter::OpeningPeriod{std::chrono::minutes(*opens), std::chrono::minutes(*closes)};
  }
  if (!errors.empty()) {
    return errors;
  }
  return week;
}

}  // namespace

http::Response Desktop::SaveOpeningHours(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  auto found = CalendarOfPath(request, page);
  if (auto* response = std::get_if<http::Response>(&found)) {
    return std::move(*response);
  }
  const auto& details = std::get<usecase::CalendarDetails>(found);
  auto week = WeekFrom(form, *this, page);
  if (auto* errors = std::get_if<std::vector<ErrorLink>>(&week)) {
    return HoursPage(form, *errors, page, details);
  }
  // Only the hours change: the name, zone and default flag stay as stored.
  const usecase::CalendarSpec spec{.code = details.calendar.code,
                                   .name = details.calendar.name,
                                   .zone = details.calendar.zone,
                                   .hours = std::get<charter::WeeklyHours>(week),
                                   .is_default = details.calendar.is_default};
  auto saved = usecase::UpdateCalendar(cases.store, cases.clock, spec, cases.live_charter);
  if (saved) {
    return SeeOther(page, std::string(kHours) + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() != ErrorCode::kInvalidInput) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links;
  for (const auto& field : error.field_errors()) {
    // "hours" (no opening at all) is about the whole week: it links to Monday.
    links.push_back({FieldName(0, "opens"), T(page, field.message)});
  }
  if (links.empty()) {
    links.push_back({FieldName(0, "opens"), T(page, error.message())});
  }
  return HoursPage(form, links, page, details);
}

}  // namespace frontdoor::web
