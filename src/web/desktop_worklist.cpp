// GET /staff: the team worklist, ordered by charter due date, with at-risk and breached tags,
// filters (team, status, service, due state) and paging.
#include <string>
#include <vector>

#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/worklist.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr int kPageSize = 50;
constexpr int kMaxPage = 10'000;

struct Choices {
  std::vector<store::TeamRecord> teams;
  std::vector<store::ServiceRecord> services;
};

Result<Choices> ReadChoices(store::Store& store) {
  return store::ReadValue<Choices>(store, [](store::ReadTx& tx) -> Result<Choices> {
    store::Catalogue catalogue(tx);
    auto teams = catalogue.ListTeams();
    if (!teams) {
      return teams.error();
    }
    auto services = catalogue.ListServices(true);
    if (!services) {
      return services.error();
    }
    return Choices{std::move(*teams), std::move(*services)};
  });
}

FieldView Select(std::string id, std::string label, std::string any, const std::string& chosen,
                 const std::vector<std::pair<std::string, std::string>>& options) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  field.items.push_back({.value = "", .text = std::move(any), .checked = chosen.empty()});
  for (const auto& [value, text] : options) {
    field.items.push_back({.value = value, .text = text, .checked = value == chosen});
  }
  return field;
}

// The query string of a filter, for the paging links.
std::string FilterQuery(const std::vector<std::pair<std::string, std::string>>& sent, int page) {
  std::string query;
  for (const auto& [name, value] : sent) {
    if (!value.empty()) {
      query += (query.empty() ? "" : "&") + name + "=" + http::PercentEncode(value);
    }
  }
  return "/staff?" + query + (query.empty() ? "" : "&") + "page=" + std::to_string(page);
}

// The words every row may show, translated once per page rather than once per row.
struct RowWords {
  std::string breached;
  std::string at_risk;
  std::string not_routed;
  std::string none;
};

Data Row(const store::WorklistRow& row, Lang lang, const RowWords& words) {
  List tags;
  if (row.is_breached) {
    tags.emplace_back(Object{{"tag_text", words.breached}, {"tag_colour", "red"}});
  } else if (row.is_at_risk) {
    tags.emplace_back(Object{{"tag_text", words.at_risk}, {"tag_colour", "orange"}});
  }
  return Object{{"row_reference", row.reference},
                {"row_service", row.service_name},
                {"row_status", row.status},
                {"row_priority", row.priority},
                {"row_team", row.team_name.empty() ? words.not_routed : row.team_name},
                {"row_address", row.address.value_or("")},
                {"row_due", row.due_at ? DateTimeWords(lang, *row.due_at) : words.none},
                {"row_tags", Data(tags)}};
}

}  // namespace

http::Response Desktop::Worklist(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kReadCase);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  const auto value = [&](std::string_view name) {
    return std::string(query.Present(name).value_or(""));
  };
  store::WorklistFilter filter;
  filter.page_size = kPageSize;
  const std::string team = value("team");
  const std::string service = value("service");
  const std::string status = value("status");
  const std::string due = value("due");
  if (!team.empty()) {
    filter.team_code = team;
  }
  if (!service.empty()) {
    filter.service_code = service;
  }
  // Unknown values are ignored rather than refused: a filter is a view, not a change.
  if (auto parsed = ParseCaseStatus(status); parsed) {
    filter.statuses.push_back(*parsed);
  }
  if (due == "on_track") {
    filter.due = store::DueState::kOnTrack;
  } else if (due == "at_risk") {
    filter.due = store::DueState::kAtRisk;
  } else if (due == "breached") {
    filter.due = store::DueState::kBreached;
  }
  try {
    filter.page = std::clamp(std::stoi(value("page").empty() ? "1" : value("page")), 1, kMaxPage);
  } catch (const std::exception&) {
    filter.page = 1;
  }
  auto choices = ReadChoices(cases.store);
  if (!choices) {
    return FailurePage(site, page, choices.error());
  }
  auto worklist = store::ReadValue<store::WorklistPage>(
      cases.store, [&](store::ReadTx& tx) { return store::ReadWorklist(tx, filter); });
  if (!worklist) {
    return FailurePage(site, page, worklist.error());
  }
  std::vector<std::pair<std::string, std::string>> team_options;
  for (const auto& t : choices->teams) {
    team_options.emplace_back(t.code, t.name);
  }
  std::vector<std::pair<std::string, std::string>> service_options;
  for (const auto& s : choices->services) {
    service_options.emplace_back(s.code, s.name);
  }
  std::vector<std::pair<std::string, std::string>> status_options;
  for (const CaseStatus s : {CaseStatus::kNew, CaseStatus::kAcknowledged, CaseStatus::kInProgress,
                             CaseStatus::kAwaitingCustomer, CaseStatus::kReopened,
                             CaseStatus::kResolved, CaseStatus::kClosed}) {
    status_options.emplace_back(std::string(CaseStatusName(s)), std::string(CaseStatusName(s)));
  }
  const RowWords words{T(page, "Breached"), T(page, "At risk"), T(page, "Not routed"),
                       T(page, "None")};
  List rows;
  for (const auto& row : worklist->rows) {
    rows.push_back(Row(row, page.lang, words));
  }
  const std::vector<std::pair<std::string, std::string>> sent{
      {"team", team}, {"service", service}, {"status", status}, {"due", due}};
  const bool has_next = static_cast<std::int64_t>(filter.page) * kPageSize < worklist->total;
  Object pagination{
      {"pagination_previous",
       filter.page > 1 ? Data(FilterQuery(sent, filter.page - 1)) : Data(false)},
      {"pagination_next", has_next ? Data(FilterQuery(sent, filter.page + 1)) : Data(false)}};
  return Render(
      page, "staff_worklist", "Worklist",
      Object{{"filter_team",
              ToData(Select("team", T(page, "Team"), T(page, "Any"), team, team_options))},
             {"filter_service", ToData(Select("service", T(page, "Service"), T(page, "Any"),
                                              service, service_options))},
             {"filter_status",
              ToData(Select("status", T(page, "Status"), T(page, "Any"), status, status_options))},
             {"filter_due", ToData(Select("due", T(page, "Due"), T(page, "Any"), due,
                                          {{"on_track", T(page, "On track")},
                                           {"at_risk", words.at_risk},
                                           {"breached", words.breached}}))},
             {"cases", Data(rows)},
             {"has_cases", Data(!worklist->rows.empty())},
             {"total", std::to_string(worklist->total)},
             {"page_number", std::to_string(filter.page)},
             {"pagination", filter.page > 1 || has_next ? Data(pagination) : Data(false)}});
}

}  // namespace frontdoor::web
