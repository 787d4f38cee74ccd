// Administration of services and their forms: the list (filtered by department and text),
// adding and editing a service, and its form's attributes (add, edit, move, remove). Every
// change goes through the catalogue use cases, so the staff API's validation applies, and the
// database moves the catalogue version (migration 0018) so every node's cache reloads.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kServices = "/staff/admin/services";

// The departments and teams a service's page offers, read in one unit of work.
using Choices = usecase::CatalogueListing;

Result<Choices> ReadChoices(store::Store& store) {
  return usecase::ReadCatalogueListing(store, false);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string Sent(const http::Form& form, std::string_view name) {
  return std::string(form.First(name).value_or(""));
}

std::optional<std::string> Optional(const http::Form& form, std::string_view name) {
  if (const auto sent = form.Present(name)) {
    return std::string(*sent);
  }
  return std::nullopt;
}

// A select whose first choice is "" (none) and whose other choices are (value, text) pairs.
FieldView Select(const http::Form& form, const std::vector<ErrorLink>& errors,
                 const std::string& id, std::string label, std::string none,
                 const std::vector<std::pair<std::string, std::string>>& choices) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  field.error = ErrorOf(errors, id);
  const std::string chosen = Sent(form, id);
  if (!none.empty()) {
    field.items.push_back({.value = "", .text = std::move(none)});
  }
  for (const auto& [value, text] : choices) {
    field.items.push_back({.value = value, .text = text, .checked = chosen == value});
  }
  return field;
}

// The form a stored service fills in, so that editing starts from what is stored.
http::Form FormOf(const store::ServiceRecord& service, const Choices& choices) {
  std::vector<http::FormField> fields{{"code", service.code},
                                      {"name", service.name},
                                      {"description", service.description},
                                      {"keywords", service.keywords},
                                      {"group", service.group},
                                      {"case_type", service.case_type},
                                      {"signpost", service.signpost.value_or("")},
                                      {"resolve_standard", service.resolve_standard.value_or("")},
                                      {"service_notice", service.service_notice.value_or("")}};
  for (const auto& department : choices.departments) {
    if (service.department_id && *service.department_id == department.id) {
      fields.push_back({"department_code", department.code});
    }
  }
  for (const auto& team : choices.teams) {
    if (service.default_team_id && *service.default_team_id == team.id) {
      fields.push_back({"default_team_code", team.code});
    }
  }
  for (const auto& channel : service.channels) {
    fields.push_back({"channels", channel});
  }
  if (service.active) {
    fields.push_back({"active", "yes"});
  }
  return http::Form(std::move(fields));
}

usecase::ServiceInput ServiceFrom(const http::Form& form, std::string code,
                                  std::vector<Attribute> attributes) {
  usecase::ServiceInput input;
  input.code = std::move(code);
  input.name = Sent(form, "name");
  input.description = Sent(form, "description");
  input.keywords = Sent(form, "keywords");
  input.group = Sent(form, "group");
  input.department_code = Optional(form, "department_code");
  input.default_team_code = Optional(form, "default_team_code");
  input.case_type = form.Present("case_type") ? Sent(form, "case_type") : "request";
  for (const auto channel : form.All("channels")) {
    input.channels.emplace_back(channel);
  }
  input.signpost = Optional(form, "signpost");
  input.resolve_standard = Optional(form, "resolve_standard");
  input.service_notice = Optional(form, "service_notice");
  input.active = form.Present("active").has_value();
  input.form = std::move(attributes);
  return input;
}

// The service of the route's {code} and the choices its page offers.
struct Loaded {
  store::ServiceRecord service;
  Choices choices;
};

// Loaded, or the page to send instead: 404 for an unknown code, the failure page otherwise.
std::variant<Loaded, http::Response> LoadService(const Site::Impl& site, const PageContext& page,
                                                 std::string_view code, store::Store& store) {
  auto service = usecase::GetService(store, std::string(code));
  auto choices = ReadChoices(store);
  if (!service || !choices) {
    const Error error = !service ? service.error() : choices.error();
    return error.code() == ErrorCode::kNotFound ? ErrorPage(site, page, ErrorPageKind::kNotFound)
                                                : FailurePage(site, page, error);
  }
  return Loaded{std::move(*service), std::move(*choices)};
}

// Stores `attributes`, in their order, as the service's form, its other fields unchanged.
Result<store::ServiceRecord> SaveForm(store::Store& store, const Clock& clock, const Loaded& loaded,
                                      std::vector<Attribute> attributes) {
  std::stable_sort(attributes.begin(), attributes.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return usecase::UpdateService(store, clock,
                                ServiceFrom(FormOf(loaded.service, loaded.choices),
                                            loaded.service.code, std::move(attributes)));
}

// The use case names fields as the staff API does ("channels[2]", "attributes[0].code",
// "attributes[0].values[1].key"); the page's fields are "channels", "attribute_code", ...
std::vector<ErrorLink> PageLinks(const Desktop& desktop, const PageContext& page,
                                 const Error& error) {
  std::vector<ErrorLink> links = Links(error, "code");
  for (ErrorLink& link : links) {
    std::string& id = link.id;
    if (id.starts_with("channels[")) {
      id = "channels";
    } else if (id.starts_with("attributes[")) {
      const auto dot = id.find("].");
      const std::string rest = dot == std::string::npos ? "code" : id.substr(dot + 2);
      id = rest.starts_with("values") ? "attribute_values" : "attribute_" + rest;
    }
    link.message = desktop.T(page, link.message);
  }
  return links;
}

// One line per value: "key|Shown name", or just the name, which is then its key too.
std::vector<AttributeValue> ValuesFrom(std::string_view text) {
  std::vector<AttributeValue> values;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string line(text.substr(0, end));
    text = end == std::string_view::npos ? "" : text.substr(end + 1);
    std::erase(line, '\r');
    const auto trim = [](const std::string& s) {
      const auto first = s.find_first_not_of(" \t");
      return first == std::string::npos ? ""
                                        : s.substr(first, s.find_last_not_of(" \t") - first + 1);
    };
    if (trim(line).empty()) {
      continue;
    }
    const auto bar = line.find('|');
    if (bar == std::string::npos) {
      values.push_back({trim(line), trim(line)});
    } else {
      values.push_back({trim(line.substr(0, bar)), trim(line.substr(bar + 1))});
    }
  }
  return values;
}

std::string ValuesText(const std::vector<AttributeValue>& values) {
  std::string text;
  for (const auto& value : values) {
    text += value.key + "|" + value.name + "\n";
  }
  return text;
}

// "In a park (park), On a verge (verge)": the list as the table shows it.
std::string ValuesShown(const std::vector<AttributeValue>& values) {
  std::string text;
  for (const auto& value : values) {
    text += (text.empty() ? "" : ", ") + value.name + " (" + value.key + ")";
  }
  return text;
}

std::optional<int> WholeNumber(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// The routing rules of one service (where its cases go, by ward) and the form to add one.
Result<Data> RoutingData(const Desktop& desktop, const PageContext& page,
                         const store::ServiceRecord& service, const http::Form& form,
                         const std::vector<ErrorLink>& errors) {
  // Rules before teams: a rule names a team that existed when it was set, and teams are
  // never deleted, so every rule's team is in the list read after it.
  auto read_rules = usecase::ListRoutingRules(desktop.cases.store);
  if (!read_rules) {
    return read_rules.error();
  }
  auto read_wards = usecase::ListWards(desktop.cases.store);
  if (!read_wards) {
    return read_wards.error();
  }
  auto read_teams = usecase::ListTeams(desktop.cases.store);
  if (!read_teams) {
    return read_teams.error();
  }
  const std::string anywhere = desktop.T(page, "Anywhere");
  List rules;
  for (const auto& rule : *read_rules) {
    if (rule.service_id != service.id) {
      continue;
    }
    std::string team;
    for (const auto& t : *read_teams) {
      if (t.id == rule.team_id) {
        team = t.name;
      }
    }
    rules.emplace_back(
        Object{{"rule_ward", rule.ward.value_or(anywhere)},
               {"rule_team", team},
               {"rule_remove_url", std::string(kServices) + "/" + service.code + "/routing/" +
                                       std::to_string(rule.id) + "/remove"}});
  }
  std::vector<std::pair<std::string, std::string>> wards;
  for (const auto& ward : *read_wards) {
    wards.emplace_back(ward.name, ward.name);
  }
  std::vector<std::pair<std::string, std::string>> teams;
  for (const auto& team : *read_teams) {
    teams.emplace_back(team.code, team.name + " (" + team.department_name + ")");
  }
  return Data(
      Object{{"rules", Data(rules)},
             {"has_rules", Data(!rules.empty())},
             {"rule_ward",
              ToData(Select(form, errors, "rule_ward", desktop.T(page, "Ward"), anywhere, wards))},
             {"rule_team",
              ToData(Select(form, errors, "rule_team", desktop.T(page, "Team"), "", teams))}});
}

}  // namespace

http::Response Desktop::Services(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue, "Service saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  auto choices = usecase::ReadCatalogueListing(cases.store, true);
  if (!choices) {
    return FailurePage(site, page, choices.error());
  }
  const std::vector<store::ServiceRecord>& services = choices->services;
  const std::string department = Sent(query, "department");
  const std::string words = Lower(Sent(query, "q"));
  std::vector<const store::ServiceRecord*> shown;
  for (const auto& service : services) {
    const bool in_department =
        department.empty() ||
        std::any_of(choices->departments.begin(), choices->departments.end(), [&](const auto& d) {
          return d.code == department && service.department_id && *service.department_id == d.id;
        });
    const std::string haystack =
        Lower(service.code + " " + service.name + " " + service.group + " " + service.keywords);
    if (in_department && (words.empty() || haystack.find(words) != std::string::npos)) {
      shown.push_back(&service);
    }
  }
  // By department, then group, then name: how the council's own service lists read.
  std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
    return std::tie(a->department_name, a->group, a->name) <
           std::tie(b->department_name, b->group, b->name);
  });
  List rows;
  for (const auto* service : shown) {
    rows.emplace_back(Object{{"service_code", service->code},
                             {"service_name", service->name},
                             {"service_group", service->group},
                             {"service_department", service->department_name},
                             {"service_team", service->default_team_name},
                             {"service_active", Data(service->active)}});
  }
  std::vector<std::pair<std::string, std::string>> departments;
  for (const auto& d : choices->departments) {
    departments.emplace_back(d.code, d.name);
  }
  FieldView search{.id = "q", .name = "q", .label = T(page, "Code, name, group or keyword")};
  search.value = Sent(query, "q");
  return Render(page, "staff_services", "Services",
                Object{{"services", Data(rows)},
                       {"none_found", Data(rows.empty())},
                       {"department", ToData(Select(query, {}, "department", T(page, "Department"),
                                                    T(page, "All departments"), departments))},
                       {"q", ToData(search)}});
}

http::Response Desktop::ServicePage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                    PageContext& page, const store::ServiceRecord* service,
                                    const http::Form& attribute_form) const {
  auto choices = ReadChoices(cases.store);
  auto standards = usecase::ListStandards(cases.store, false);
  if (!choices || !standards) {
    return FailurePage(site, page, !choices ? choices.error() : standards.error());
  }
  const auto input = [&](const std::string& id, std::string_view label,
                         std::string_view hint = {}) {
    FieldView field{.id = id, .name = id, .label = T(page, label)};
    field.value = Sent(form, id);
    field.error = ErrorOf(errors, id);
    if (!hint.empty()) {
      field.hint = T(page, hint);
    }
    return field;
  };
  const auto textarea = [&](const std::string& id, std::string_view label,
                            std::string_view hint = {}) {
    FieldView field = input(id, label, hint);
    field.rows = 3;
    return ToData(field);
  };
  std::vector<std::pair<std::string, std::string>> departments;
  for (const auto& d : choices->departments) {
    departments.emplace_back(d.code, d.name);
  }
  std::vector<std::pair<std::string, std::string>> teams;
  for (const auto& t : choices->teams) {
    teams.emplace_back(t.code, t.name + " (" + t.department_name + ")");
  }
  std::vector<std::pair<std::string, std::string>> case_types;
  for (const CaseType type :
       {CaseType::kRequest, CaseType::kEnquiry, CaseType::kComplaint, CaseType::kCompliment}) {
    case_types.emplace_back(CaseTypeName(type), CaseTypeName(type));
  }
  std::vector<std::pair<std::string, std::string>> resolve;
  for (const auto& entry : *standards) {
    resolve.emplace_back(entry.standard.code, entry.standard.name);
  }
  FieldView channels{.id = "channels", .name = "channels", .label = T(page, "Channels")};
  channels.hint = T(page, "Leave all unticked to take the service on every channel");
  channels.error = ErrorOf(errors, "channels");
  const auto sent_channels = form.All("channels");
  for (const Channel channel : AllChannels()) {
    const std::string name(ChannelName(channel));
    // The first box carries the field's id, so the error summary's link lands on it.
    channels.items.push_back({.id = channels.items.empty() ? "channels" : "channels-" + name,
                              .value = name,
                              .text = name,
                              .checked = std::find(sent_channels.begin(), sent_channels.end(),
                                                   name) != sent_channels.end()});
  }
  FieldView active{.id = "active", .name = "active", .label = T(page, "Status")};
  active.items.push_back({.id = "active",
                          .value = "yes",
                          .text = T(page, "Active: shown on the portal and to Open311 clients"),
                          .checked = form.Present("active").has_value()});
  Object data{
      {"is_new", Data(service == nullptr)},
      {"action",
       service == nullptr ? std::string(kServices) : std::string(kServices) + "/" + service->code},
      {"name", ToData(input("name", "Name"))},
      {"description", textarea("description", "Description")},
      {"keywords", ToData(input("keywords", "Keywords", "Separate them with commas"))},
      {"group", ToData(input("group", "Group", "For example, Bins and recycling"))},
      {"department", ToData(Select(form, errors, "department_code", T(page, "Department"),
                                   T(page, "None"), departments))},
      {"team", ToData(Select(form, errors, "default_team_code", T(page, "Default team"),
                             T(page, "None"), teams))},
      {"case_type",
       ToData(Select(form, errors, "case_type", T(page, "Case type"), "", case_types))},
      {"channels", ToData(channels)},
      {"signpost",
       textarea("signpost", "Signpost",
                "Only for another body's service: what to tell people, with its web address")},
      {"resolve_standard",
       ToData(Select(form, errors, "resolve_standard", T(page, "Charter standard for the due date"),
                     T(page, "The default"), resolve))},
      {"service_notice", textarea("service_notice", "Notice shown on the form (optional)")},
      {"active", ToData(active)},
      {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}};
  if (service == nullptr) {
    data["code"] = ToData(input("code", "Code", "Letters, digits, hyphens and underscores"));
  } else {
    data["service_code"] = service->code;
    data["attributes_section"] = AttributesData(*service, attribute_form, errors, page);
    auto routing = RoutingData(*this, page, *service, attribute_form, errors);
    if (!routing) {
      return FailurePage(site, page, routing.error());
    }
    data["routing_section"] = std::move(*routing);
  }
  const bool failed = !errors.empty();
  return Render(page, "staff_service", service == nullptr ? "Add a service" : "Edit a service",
                std::move(data), failed ? 422 : 200, failed);
}

Data Desktop::AttributesData(const store::ServiceRecord& service, const http::Form& form,
                             const std::vector<ErrorLink>& errors, const PageContext& page) const {
  List rows;
  for (const auto& attribute : service.form) {
    rows.emplace_back(
        Object{{"attribute_code", attribute.code},
               {"attribute_order", std::to_string(attribute.order)},
               {"attribute_datatype", std::string(AttributeDatatypeName(attribute.datatype))},
               {"attribute_required", Data(attribute.required)},
               {"attribute_description", attribute.description},
               {"attribute_values", ValuesShown(attribute.values)}});
  }
  const auto input = [&](const std::string& id, std::string_view label,
                         std::string_view hint = {}) {
    FieldView field{.id = id, .name = id, .label = T(page, label)};
    field.value = Sent(form, id);
    field.error = ErrorOf(errors, id);
    if (!hint.empty()) {
      field.hint = T(page, hint);
    }
    return field;
  };
  std::vector<std::pair<std::string, std::string>> datatypes;
  for (const AttributeDatatype type :
       {AttributeDatatype::kString, AttributeDatatype::kText, AttributeDatatype::kNumber,
        AttributeDatatype::kDatetime, AttributeDatatype::kSingleValueList,
        AttributeDatatype::kMultiValueList}) {
    datatypes.emplace_back(AttributeDatatypeName(type), AttributeDatatypeName(type));
  }
  FieldView required{
      .id = "attribute_required", .name = "attribute_required", .label = T(page, "Answer")};
  required.items.push_back({.id = "attribute_required",
                            .value = "yes",
                            .text = T(page, "Required"),
                            .checked = form.Present("attribute_required").has_value()});
  FieldView order = input("attribute_order", "Order", "1 is first; leave empty to put it last");
  order.width_class = "govuk-input--width-3";
  order.inputmode = "numeric";
  FieldView values = input("attribute_values", "Allowed values (list types only)",
                           "One a line: a key, a bar and the text shown, like small|Small bag");
  values.rows = 4;
  return Object{{"attributes", Data(rows)},
                {"editing", TextOrFalse(Sent(form, "original"))},
                {"attribute_code",
                 ToData(input("attribute_code", "Code", "Lower-case letters, digits and _"))},
                {"attribute_description", ToData(input("attribute_description", "Question"))},
                {"attribute_datatype", ToData(Select(form, errors, "attribute_datatype",
                                                     T(page, "Type"), "", datatypes))},
                {"attribute_required", ToData(required)},
                {"attribute_order", ToData(order)},
                {"attribute_values", ToData(values)}};
}

http::Response Desktop::NewService(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return ServicePage(http::Form(std::vector<http::FormField>{{"active", "yes"}}), {}, page, nullptr,
                     {});
}

http::Response Desktop::EditService(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue, "Service saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  auto loaded = LoadService(site, page, request.PathParam("code"), cases.store);
  if (auto* response = std::get_if<http::Response>(&loaded)) {
    return std::move(*response);
  }
  const auto& [service, choices] = std::get<Loaded>(loaded);
  // ?attribute=code opens that attribute in the form below the list, to edit it.
  http::Form attribute;
  for (const auto& a : service.form) {
    if (query.First("attribute") == a.code) {
      attribute =
          http::Form({{"original", a.code},
                      {"attribute_code", a.code},
                      {"attribute_description", a.description},
                      {"attribute_datatype", std::string(AttributeDatatypeName(a.datatype))},
                      {"attribute_order", std::to_string(a.order)},
                      {"attribute_values", ValuesText(a.values)}});
      if (a.required) {
        attribute = http::Form([&] {
          auto fields = attribute.fields();
          fields.push_back({"attribute_required", "yes"});
          return fields;
        }());
      }
    }
  }
  return ServicePage(FormOf(service, choices), {}, page, &service, attribute);
}

http::Response Desktop::SaveService(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  const std::string code(request.PathParam("code"));
  Result<store::ServiceRecord> saved = Error();
  std::optional<store::ServiceRecord> stored;
  if (code.empty()) {
    saved =
        usecase::CreateService(cases.store, cases.clock, ServiceFrom(form, Sent(form, "code"), {}));
  } else {
    auto current = usecase::GetService(cases.store, code);
    if (!current) {
      return current.error().code() == ErrorCode::kNotFound
                 ? ErrorPage(site, page, ErrorPageKind::kNotFound)
                 : FailurePage(site, page, current.error());
    }
    stored = *current;
    saved =
        usecase::UpdateService(cases.store, cases.clock, ServiceFrom(form, code, current->form));
  }
  if (saved) {
    return SeeOther(page, std::string(kServices) + "/" + saved->code + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kConflict) {
    return FailurePage(site, page, error);
  }
  return ServicePage(form, PageLinks(*this, page, error), page, stored ? &*stored : nullptr, {});
}

http::Response Desktop::SaveAttribute(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  auto loaded = LoadService(site, page, request.PathParam("code"), cases.store);
  if (auto* response = std::get_if<http::Response>(&loaded)) {
    return std::move(*response);
  }
  const auto& [service, choices] = std::get<Loaded>(loaded);
  std::vector<ErrorLink> errors;
  Attribute attribute;
  attribute.code = Sent(form, "attribute_code");
  attribute.description = Sent(form, "attribute_description");
  attribute.required = form.Present("attribute_required").has_value();
  if (auto datatype = ParseAttributeDatatype(Sent(form, "attribute_datatype"))) {
    attribute.datatype = *datatype;
  } else {
    errors.push_back({"attribute_datatype", T(page, "Choose the type of answer")});
  }
  std::vector<Attribute> attributes = service.form;
  const std::string original = Sent(form, "original");
  std::erase_if(attributes,
                [&](const Attribute& a) { return !original.empty() && a.code == original; });
  int last = 0;
  for (const auto& a : attributes) {
    last = std::max(last, a.order);
  }
  if (const auto order = form.Present("attribute_order")) {
    const auto number = WholeNumber(*order);
    if (!number) {
      errors.push_back({"attribute_order", T(page, "Enter the order as a whole number, like 3")});
    }
    attribute.order = number.value_or(0);
  } else {
    attribute.order = last + 1;
  }
  if (attribute.datatype == AttributeDatatype::kSingleValueList ||
      attribute.datatype == AttributeDatatype::kMultiValueList) {
    attribute.values = ValuesFrom(Sent(form, "attribute_values"));
  } else if (form.Present("attribute_values")) {
    errors.push_back({"attribute_values", T(page, "Only list types have allowed values")});
  }
  if (errors.empty()) {
    attributes.push_back(attribute);
    auto saved = SaveForm(cases.store, cases.clock, std::get<Loaded>(loaded), attributes);
    if (saved) {
      return SeeOther(page, std::string(kServices) + "/" + service.code + "?done=1");
    }
    const Error error = saved.error();
    if (error.code() != ErrorCode::kInvalidInput) {
      return FailurePage(site, page, error);
    }
    errors = PageLinks(*this, page, error);
  }
  return ServicePage(FormOf(service, choices), errors, page, &service, form);
}

// POST .../attributes/{attribute}/{move}: "up" and "down" swap it with its neighbour's place,
// "remove" takes it out of the form. Answers already given to it stay on their cases.
http::Response Desktop::MoveAttribute(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const std::string_view move = request.PathParam("move");
  auto loaded = LoadService(site, page, request.PathParam("code"), cases.store);
  if (auto* response = std::get_if<http::Response>(&loaded)) {
    return std::move(*response);
  }
  const auto& [service, choices] = std::get<Loaded>(loaded);
  std::vector<Attribute> attributes = service.form;
  std::stable_sort(attributes.begin(), attributes.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  const auto it = std::find_if(attributes.begin(), attributes.end(), [&](const Attribute& a) {
    return a.code == request.PathParam("attribute");
  });
  if (it == attributes.end() || (move != "up" && move != "down" && move != "remove")) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  if (move == "remove") {
    attributes.erase(it);
  } else if (move == "up" && it != attributes.begin()) {
    std::swap(it->order, std::prev(it)->order);
  } else if (move == "down" && std::next(it) != attributes.end()) {
    std::swap(it->order, std::next(it)->order);
  }
  auto saved = SaveForm(cases.store, cases.clock, std::get<Loaded>(loaded), attributes);
  if (!saved) {
    return FailurePage(site, page, saved.error());
  }
  return SeeOther(page, std::string(kServices) + "/" + service.code + "?done=1");
}

// POST .../routing: cases of this service in the chosen ward (or anywhere) go to the team.
// Setting a rule for a ward that has one replaces it.
http::Response Desktop::SaveRoutingRule(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  auto loaded = LoadService(site, page, request.PathParam("code"), cases.store);
  if (auto* response = std::get_if<http::Response>(&loaded)) {
    return std::move(*response);
  }
  const auto& [service, choices] = std::get<Loaded>(loaded);
  auto saved = usecase::SetRoutingRule(
      cases.store, {service.code, Optional(form, "rule_ward"), Sent(form, "rule_team")});
  if (saved) {
    return SeeOther(page, std::string(kServices) + "/" + service.code + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() != ErrorCode::kInvalidInput) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links = Links(error, "rule_team");
  for (ErrorLink& link : links) {
    link.id = link.id == "ward" ? "rule_ward" : "rule_team";
    link.message = T(page, link.message);
  }
  return ServicePage(FormOf(service, choices), links, page, &service, form);
}

}  // namespace frontdoor::web
