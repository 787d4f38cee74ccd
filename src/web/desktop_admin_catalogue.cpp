// Administration of the catalogue and the charter: teams (the list, and adding one to a
// department) and the default calendar's closed days (the list, and closing a whole day).
#include <charconv>
#include <string>
#include <vector>

#include <date/date.h>

#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

// A day typed in three boxes; nullopt unless it is a real date.
std::optional<date::sys_days> DayOf(const http::Form& form) {
  const auto number = [&](std::string_view name) -> std::optional<int> {
    const std::string_view text = form.First(name).value_or("");
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      return std::nullopt;
    }
    return value;
  };
  const auto day = number("day-day");
  const auto month = number("day-month");
  const auto year = number("day-year");
  if (!day || !month || !year || *year < 2000 || *year > 2100) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year(*year), date::month(static_cast<unsigned>(*month)),
                                 date::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return date::sys_days(ymd);
}

}  // namespace

http::Response Desktop::TeamsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                  PageContext& page) const {
  struct TeamChoices {
    std::vector<store::TeamRecord> teams;
    std::vector<store::DepartmentRecord> departments;
  };
  auto read =
      store::ReadValue<TeamChoices>(cases.store, [](store::ReadTx& tx) -> Result<TeamChoices> {
        store::Catalogue catalogue(tx);
        auto teams = catalogue.ListTeams();
        if (!teams) {
          return teams.error();
        }
        auto departments = catalogue.ListDepartments();
        if (!departments) {
          return departments.error();
        }
        return TeamChoices{std::move(*teams), std::move(*departments)};
      });
  if (!read) {
    return FailurePage(site, page, read.error());
  }
  List teams;
  for (const auto& team : read->teams) {
    teams.emplace_back(Object{{"team_code", team.code},
                              {"team_name", team.name},
                              {"team_department", team.department_name},
                              {"team_email", team.email.value_or("")}});
  }
  FieldView department{
      .id = "department_code", .name = "department_code", .label = T(page, "Department")};
  department.error = ErrorOf(errors, "department_code");
  for (const auto& d : read->departments) {
    department.items.push_back({.value = d.code,
                                .text = d.name,
                                .checked = form.First("department_code").value_or("") == d.code});
  }
  return Render(
      page, "staff_teams", "Teams",
      Object{{"teams", Data(teams)},
             {"code", Input(form, errors, "code", T(page, "Code (letters, digits, hyphens)"))},
             {"name", Input(form, errors, "name", T(page, "Name"))},
             {"email", Input(form, errors, "email", T(page, "Team email address (optional)"))},
             {"department", ToData(department)},
             {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
      errors.empty() ? 200 : 422, !errors.empty());
}

http::Response Desktop::Teams(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue, "Team added");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return TeamsPage(http::Form(), {}, page);
}

http::Response Desktop::AddTeam(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  usecase::NewTeam team;
  team.code = std::string(form.First("code").value_or(""));
  team.name = std::string(form.First("name").value_or(""));
  team.department_code = std::string(form.First("department_code").value_or(""));
  if (const auto email = form.Present("email")) {
    team.email = std::string(*email);
  }
  auto added = usecase::CreateTeam(cases.store, team);
  if (added) {
    return SeeOther(page, "/staff/admin/teams?done=1");
  }
  const Error error = added.error();
  if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kConflict &&
      error.code() != ErrorCode::kNotFound) {
    return FailurePage(site, page, error);
  }
  return TeamsPage(form, Links(error, "code"), page);
}

http::Response Desktop::ClosuresPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                     PageContext& page) const {
  auto calendars = usecase::ListCalendars(cases.store);
  if (!calendars) {
    return FailurePage(site, page, calendars.error());
  }
  List days;
  std::string calendar_name = "the built-in charter (seed the calendar first)";
  for (const auto& details : *calendars) {
    if (!details.calendar.is_default) {
      continue;
    }
    calendar_name = details.calendar.name;
    for (const auto& day : details.closed_days) {
      if (day.day >= date::format("%F", date::floor<date::days>(cases.clock.Now()))) {
        days.emplace_back(Object{
            {"closed_day", day.day}, {"closed_name", day.name}, {"closed_source", day.source}});
      }
    }
  }
  FieldView when{.id = "day", .name = "day", .label = T(page, "Day")};
  when.hint = T(page, "For example, 29 12 2026");
  when.error = ErrorOf(errors, "day");
  for (const auto& [part, text, width] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"day", "Day", "govuk-input--width-2"},
           {"month", "Month", "govuk-input--width-2"},
           {"year", "Year", "govuk-input--width-4"}}) {
    when.items.push_back({.id = "day-" + part,
                          .name = "day-" + part,
                          .value = std::string(form.First("day-" + part).value_or("")),
                          .text = T(page, text),
                          .width_class = width,
                          .inputmode = "numeric"});
  }
  return Render(page, "staff_closures", "Closed days",
                Object{{"calendar_name", calendar_name},
                       {"days", Data(days)},
                       {"when", ToData(when)},
                       {"name", Input(form, errors, "name", T(page, "Why it is closed"))},
                       {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
                errors.empty() ? 200 : 422, !errors.empty());
}

http::Response Desktop::Closures(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter,
                        "Day closed. Deadlines counted from now on skip it; cases already open "
                        "keep their due dates.");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return ClosuresPage(http::Form(), {}, page);
}

http::Response Desktop::AddClosedDay(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  const auto day = DayOf(form);
  if (!day) {
    return ClosuresPage(form, {{"day", T(page, "Enter a real date, for example 29 12 2026")}},
                        page);
  }
  auto calendars = usecase::ListCalendars(cases.store);
  if (!calendars) {
    return FailurePage(site, page, calendars.error());
  }
  std::string code;
  for (const auto& details : *calendars) {
    if (details.calendar.is_default) {
      code = details.calendar.code;
    }
  }
  if (code.empty()) {
    return ClosuresPage(
        form, {{"day", T(page, "There is no stored calendar yet: seed the charter first")}}, page);
  }
  auto added = usecase::AddClosedDay(
      cases.store, code, *day, std::string(form.First("name").value_or("")), cases.live_charter);
  if (added) {
    return SeeOther(page, "/staff/admin/closures?done=1");
  }
  const Error error = added.error();
  if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kConflict) {
    return FailurePage(site, page, error);
  }
  return ClosuresPage(form, Links(error, "day"), page);
}

}  // namespace frontdoor::web
