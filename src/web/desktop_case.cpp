// The case view (details, form answers, location with a map link, attachments, SLA clocks,
// full history) and its actions: assign, change status, note, public update, link duplicate.
// Each action is a plain form posted to /staff/cases/{reference}/{action}, so nothing needs
// JavaScript; an error shows the page again with the error summary.
#include <charconv>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/sla.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::array kStatuses{CaseStatus::kNew,        CaseStatus::kAcknowledged,
                               CaseStatus::kInProgress, CaseStatus::kAwaitingCustomer,
                               CaseStatus::kResolved,   CaseStatus::kClosed,
                               CaseStatus::kReopened};

// What a failed action shows: each message by the id of the field it belongs to.
using FieldErrors = std::map<std::string, std::string>;

struct ActionSpec {
  std::string_view name;
  access::Action action;
  std::string_view first_field;  // where an error with no field of ours is shown
  std::string_view done;         // the success message
};

constexpr std::array<ActionSpec, 5> kActions{{
    {"assign", access::Action::kAssignCase, "assign-team", "Case assigned"},
    {"status", access::Action::kChangeCase, "status-to", "Status changed"},
    {"note", access::Action::kNoteCase, "note-body", "Note added"},
    {"update", access::Action::kChangeCase, "update-body", "Public update sent"},
    {"link", access::Action::kChangeCase, "link-other", "Cases linked"},
}};

const ActionSpec* FindAction(std::string_view name) {
  for (const auto& spec : kActions) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

Data SummaryRow(std::string key, std::string value) {
  return Object{{"row_key", std::move(key)},
                {"row_lines", Data(List{Data(std::move(value))})},
                {"row_tag", Data(false)}};
}

std::string Field(const FieldErrors& errors, const std::string& id) {
  const auto found = errors.find(id);
  return found == errors.end() ? "" : found->second;
}

FieldView Area(std::string id, std::string label, const FieldErrors& errors) {
  FieldView field{.id = id, .name = "body", .label = std::move(label)};
  field.error = Field(errors, id);
  field.rows = 3;
  return field;
}

// `no_change`: the text of a first choice that keeps the status; empty for none.
FieldView StatusSelect(std::string id, std::string name, std::string label, CaseStatus from,
                       std::string no_change, const FieldErrors& errors) {
  FieldView field{.id = id, .name = std::move(name), .label = std::move(label)};
  field.error = Field(errors, id);
  if (!no_change.empty()) {
    field.items.push_back({.value = "", .text = std::move(no_change), .checked = true});
  }
  for (const CaseStatus to : kStatuses) {
    if (CanTransition(from, to)) {
      const std::string value(CaseStatusName(to));
      field.items.push_back({.value = value, .text = value});
    }
  }
  return field;
}

List History(const std::vector<store::CaseEventRecord>& events, Lang lang) {
  List out;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    out.emplace_back(Object{{"event_when", DateTimeWords(lang, it->at)},
                            {"event_kind", it->kind},
                            {"event_actor", it->actor},
                            {"event_public", Data(it->is_public)},
                            {"event_status", TextOrFalse(it->status.value_or(""))},
                            {"event_body", TextOrFalse(it->body.value_or(""))}});
  }
  return out;
}

List Clocks(const std::vector<store::CaseSlaRecord>& clocks, Lang lang, const std::string& paused) {
  List out;
  for (const auto& clock : clocks) {
    out.emplace_back(
        Object{{"sla_standard", clock.standard_code},
               {"sla_measure", clock.measure},
               {"sla_target", std::to_string(clock.amount) + " " + clock.unit},
               {"sla_state", clock.state},
               {"sla_due", clock.due_at ? DateTimeWords(lang, *clock.due_at) : paused}});
  }
  return out;
}

}  // namespace

struct CaseView {
  const Desktop& desktop;
  const access::Principal& who;
  PageContext& page;
  std::string reference;

  http::Response Render(const FieldErrors& errors, unsigned status) const;
  Result<Object> Forms(const store::CaseRecord& record, const FieldErrors& errors) const;
};

Result<Object> CaseView::Forms(const store::CaseRecord& record, const FieldErrors& errors) const {
  Object forms;
  const auto t = [&](std::string_view text) { return desktop.T(page, text); };
  const auto may = [&](access::Action action) { return desktop.MayOnCase(who, action, reference); };
  if (may(access::Action::kAssignCase)) {
    auto teams = store::ReadValue<std::vector<store::TeamRecord>>(
        desktop.cases.store, [](store::ReadTx& tx) { return store::Catalogue(tx).ListTeams(); });
    if (!teams) {
      return teams.error();
    }
    FieldView team{.id = "assign-team", .name = "team", .label = t("Team")};
    team.error = Field(errors, "assign-team");
    for (const auto& choice : *teams) {
      team.items.push_back({.value = choice.code,
                            .text = choice.name + " (" + choice.department_name + ")",
                            .checked = record.team_id == choice.id});
    }
    FieldView priority{.id = "assign-priority", .name = "priority", .label = t("Priority")};
    for (const char* p : {"low", "normal", "high", "urgent"}) {
      priority.items.push_back({.value = p, .text = p, .checked = record.priority == p});
    }
    auto people = usecase::PossibleAssignees(desktop.cases, reference);
    if (!people) {
      return people.error();
    }
    FieldView officer{.id = "assign-officer", .name = "assignee", .label = t("Officer")};
    officer.error = Field(errors, "assign-officer");
    officer.hint = t("Only people who can work cases of this department are listed");
    officer.items.push_back({.value = "", .text = t("Leave as it is"), .checked = true});
    if (record.assignee_id) {
      officer.items.push_back({.value = "none", .text = t("No one")});
    }
    for (const auto& person : *people) {
      const bool current = record.assignee_id == person.id;
      officer.items.push_back(
          {.value = std::to_string(person.id),
           .text = person.name + (current ? " (" + t("assigned now") + ")" : "")});
    }
    forms["assign_team"] = ToData(team);
    forms["assign_officer"] = ToData(officer);
    forms["assign_priority"] = ToData(priority);
    forms["may_assign"] = Data(true);
  }
  if (may(access::Action::kChangeCase)) {
    forms["status_to"] =
        ToData(StatusSelect("status-to", "status", t("New status"), record.status, "", errors));
    FieldView note =
        Area("status-note", t("Public note (optional, shown to the customer)"), errors);
    note.name = "public_note";
    forms["status_note"] = ToData(note);
    forms["update_body"] = ToData(Area("update-body", t("Update for the customer"), errors));
    forms["update_status"] =
        ToData(StatusSelect("update-status", "status", t("And change status to"), record.status,
                            t("No change"), errors));
    FieldView other{.id = "link-other", .name = "other", .label = t("Reference of the other case")};
    other.error = Field(errors, "link-other");
    other.width_class = "govuk-input--width-20";
    other.spellcheck_off = true;
    FieldView kind{.id = "link-kind", .name = "kind", .label = t("This case is")};
    kind.items.push_back({.value = "duplicate_of",
                          .text = t("a duplicate of it (closes this case)"),
                          .checked = true});
    kind.items.push_back({.value = "related", .text = t("related to it")});
    forms["link_other"] = ToData(other);
    forms["link_kind"] = ToData(kind);
    forms["may_change"] = Data(true);
  }
  if (may(access::Action::kNoteCase)) {
    forms["note_body"] =
        ToData(Area("note-body", t("Internal note (never shown to the customer)"), errors));
    forms["may_note"] = Data(true);
  }
  return forms;
}

http::Response CaseView::Render(const FieldErrors& errors, unsigned status) const {
  const Site::Impl& site = desktop.site;
  auto detail = usecase::GetCase(desktop.cases, reference);
  if (!detail) {
    return FailurePage(site, page, detail.error());
  }
  auto attachments = usecase::ListAttachments(desktop.cases, reference);
  if (!attachments) {
    return FailurePage(site, page, attachments.error());
  }
  auto clocks = usecase::CaseSlaClocks(desktop.cases, reference);
  if (!clocks) {
    return FailurePage(site, page, clocks.error());
  }
  const store::CaseRecord& record = detail->record;
  const auto t = [&](std::string_view text) { return desktop.T(page, text); };
  List rows;
  rows.push_back(SummaryRow(t("Status"), std::string(CaseStatusName(record.status))));
  rows.push_back(SummaryRow(t("Priority"), record.priority));
  rows.push_back(
      SummaryRow(t("Team"), record.team_name.empty() ? t("Not routed") : record.team_name));
  rows.push_back(SummaryRow(t("Department"), record.department_name));
  rows.push_back(SummaryRow(t("Channel"), record.channel));
  rows.push_back(SummaryRow(t("Received"), DateTimeWords(page.lang, record.created_at)));
  if (record.due_at) {
    rows.push_back(SummaryRow(t("Due"), DateTimeWords(page.lang, *record.due_at)));
  }
  if (record.assignee_id) {
    auto assignee = store::ReadValue<store::StaffUserRecord>(
        desktop.cases.store,
        [&](store::ReadTx& tx) { return store::StaffUsers(tx).FindById(*record.assignee_id); });
    if (!assignee) {
      return FailurePage(site, page, assignee.error());
    }
    rows.push_back(SummaryRow(t("Assigned to"), assignee->name));
  }
  List answers;
  for (const auto& [code, value] : detail->attributes) {
    answers.push_back(SummaryRow(code, value));
  }
  List where;
  if (record.address) {
    where.push_back(SummaryRow(t("Address"), *record.address));
  }
  if (record.postcode) {
    where.push_back(SummaryRow(t("Postcode"), *record.postcode));
  }
  if (record.ward) {
    where.push_back(SummaryRow(t("Ward"), *record.ward));
  }
  Data map(false);
  if (record.location) {
    const std::string lat = fmt::format("{:.6f}", record.location->lat);
    const std::string lon = fmt::format("{:.6f}", record.location->lon);
    where.push_back(SummaryRow(t("Coordinates"), lat + ", " + lon));
    map = Data("https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=18/" + lat +
               "/" + lon);
  }
  List files;
  for (const auto& file : *attachments) {
    files.emplace_back(Object{
        {"file_name", file.filename},
        {"file_type", file.media_type},
        {"file_size", std::to_string((file.size + 1023) / 1024) + " KB"},
        {"file_public", Data(file.is_public)},
        {"file_href", "/api/v1/cases/" + reference + "/attachments/" + std::to_string(file.id)}});
  }
  List links;
  for (const auto& link : detail->links) {
    links.emplace_back(Object{{"link_kind", link.kind}, {"link_reference", link.other_reference}});
  }
  auto forms = Forms(record, errors);
  if (!forms) {
    return FailurePage(site, page, forms.error());
  }
  std::vector<ErrorLink> summary;
  for (const auto& [id, message] : errors) {
    summary.push_back({id, message});
  }
  Object data = std::move(*forms);
  data["case_reference"] = reference;
  data["case_service"] = record.service_name;
  data["case_description"] = record.description;
  data["details"] = Object{{"rows", Data(rows)}};
  data["answers"] = answers.empty() ? Data(false) : Data(Object{{"rows", Data(answers)}});
  data["where"] = where.empty() ? Data(false) : Data(Object{{"rows", Data(where)}});
  data["map_href"] = std::move(map);
  data["files"] = Data(files);
  data["has_files"] = Data(!files.empty());
  data["links"] = Data(links);
  data["clocks"] = Data(Clocks(*clocks, page.lang, t("paused")));
  data["has_clocks"] = Data(!clocks->empty());
  data["events"] = Data(History(detail->events, page.lang));
  data["error_summary"] = summary.empty() ? Data(false) : ErrorSummary(summary);
  return desktop.Render(page, "staff_case", record.reference + " " + record.service_name,
                        std::move(data), status, !summary.empty());
}

http::Response Desktop::CasePage(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCase);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  const auto reference = CanonicalReference(request.PathParam("reference"));
  if (!reference) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  if (auto query = http::ParseForm(request.query); query) {
    if (const auto done = query->Present("done")) {
      if (const ActionSpec* spec = FindAction(*done)) {
        page.flash = T(page, spec->done);
      }
    }
  }
  const CaseView view{*this, std::get<access::Principal>(gate), page, *reference};
  return view.Render({}, 200);
}

namespace {

// Runs the action's use case; the error, if any, is the use case's.
Result<void> RunAction(const usecase::CaseContext& ctx, const ActionSpec& spec,
                       const std::string& reference, const http::Form& form,
                       const access::Principal& who) {
  const auto text = [&](std::string_view name) {
    return std::string(form.First(name).value_or(""));
  };
  const auto status_of = [&](std::string_view name) -> Result<std::optional<CaseStatus>> {
    const std::string sent = text(name);
    if (sent.empty()) {
      return std::optional<CaseStatus>();
    }
    auto parsed = ParseCaseStatus(sent);
    if (!parsed) {
      return parsed.error();
    }
    return std::optional<CaseStatus>(*parsed);
  };
  Result<void> done;
  if (spec.name == "assign") {
    usecase::Assignment assignment;
    assignment.team_code = text("team");
    assignment.priority = text("priority");
    const std::string assignee = text("assignee");
    if (assignee == "none") {
      assignment.clear_assignee = true;
    } else if (!assignee.empty()) {
      std::int64_t id = 0;
      const auto [end, ec] =
          std::from_chars(assignee.data(), assignee.data() + assignee.size(), id);
      if (ec != std::errc() || end != assignee.data() + assignee.size()) {
        return Error::Invalid("assignee_id", "Choose someone from the list");
      }
      assignment.assignee_id = id;
    }
    auto assigned = usecase::AssignCase(ctx, reference, assignment, who.actor);
    return assigned ? Result<void>() : Result<void>(assigned.error());
  }
  if (spec.name == "status") {
    auto to = status_of("status");
    if (!to) {
      return to.error();
    }
    if (!*to) {
      return Error::Invalid("status", "Choose the new status");
    }
    const std::string note = text("public_note");
    auto changed = usecase::ChangeStatus(
        ctx, reference, **to, note.empty() ? std::nullopt : std::optional(note), who.actor);
    return changed ? Result<void>() : Result<void>(changed.error());
  }
  if (spec.name == "note") {
    auto noted = usecase::AddNote(ctx, reference, text("body"), who.actor);
    return noted ? Result<void>() : Result<void>(noted.error());
  }
  if (spec.name == "update") {
    auto to = status_of("status");
    if (!to) {
      return to.error();
    }
    auto updated = usecase::AddPublicUpdate(ctx, reference, text("body"), *to, who.actor);
    return updated ? Result<void>() : Result<void>(updated.error());
  }
  auto linked = usecase::LinkCases(ctx, reference, text("other"), text("kind"), who.actor);
  return linked ? Result<void>() : Result<void>(linked.error());
}

// The use case's field names, as the ids of this page's fields.
std::string FieldId(const ActionSpec& spec, std::string_view field) {
  static const std::map<std::string, std::string, std::less<>> kIds{
      {"assign:team_code", "assign-team"},      {"assign:team", "assign-team"},
      {"assign:assignee_id", "assign-officer"}, {"status:status", "status-to"},
      {"status:public_note", "status-note"},    {"note:body", "note-body"},
      {"update:body", "update-body"},           {"update:status", "update-status"},
      {"link:other_reference", "link-other"},   {"link:kind", "link-kind"}};
  const auto found = kIds.find(std::string(spec.name) + ":" + std::string(field));
  return found == kIds.end() ? std::string(spec.first_field) : found->second;
}

}  // namespace

http::Response Desktop::CaseAction(const http::Request& request) const {
  PageContext page = site.Begin(request);
  const ActionSpec* spec = FindAction(request.PathParam("action"));
  if (spec == nullptr) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto admitted = Admit(request, page, spec->action);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto reference = CanonicalReference(request.PathParam("reference"));
  if (!reference) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  const auto& [who, form] = std::get<Admitted>(admitted);
  auto done = RunAction(cases, *spec, *reference, form, who);
  if (done) {
    return SeeOther(page, "/staff/cases/" + *reference + "?done=" + std::string(spec->name));
  }
  FieldErrors errors;
  const Error error = done.error();  // error() returns a copy: keep it while reading its fields
  switch (error.code()) {
    case ErrorCode::kInvalidInput:
      for (const auto& field : error.field_errors()) {
        errors.emplace(FieldId(*spec, field.field), T(page, field.message));
      }
      if (errors.empty()) {
        errors.emplace(std::string(spec->first_field), T(page, error.message()));
      }
      break;
    case ErrorCode::kConflict:
    case ErrorCode::kNotFound:
      // Not this case (it exists: the gate found it) but what the form named: a transition the
      // lifecycle forbids, a case to link that does not exist.
      errors.emplace(std::string(spec->first_field), T(page, error.message()));
      break;
    case ErrorCode::kMalformed:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kRateLimited:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: return FailurePage(site, page, error);
  }
  const CaseView view{*this, who, page, *reference};
  return view.Render(errors, 422);
}

}  // namespace frontdoor::web
