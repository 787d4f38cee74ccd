#include "staff_render.hpp"

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/usecase/catalogue.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

json::value Optional(const std::optional<std::string>& text) {
  if (!text) {
    return nullptr;
  }
  return json::string(*text);
}

json::value Optional(const std::optional<std::int64_t>& number) {
  if (!number) {
    return nullptr;
  }
  return *number;
}

// The code of the catalogue row with that id; null when there is none.
json::value Code(const std::map<std::int64_t, std::string>& codes,
                 const std::optional<std::int64_t>& id) {
  if (!id) {
    return nullptr;
  }
  const auto found = codes.find(*id);
  if (found == codes.end()) {
    return nullptr;
  }
  return json::string(found->second);
}

json::object AttributeJson(const Attribute& attribute) {
  json::array values;
  for (const auto& value : attribute.values) {
    values.push_back(json::object{{"key", value.key}, {"name", value.name}});
  }
  return json::object{{"code", attribute.code},
                      {"datatype", AttributeDatatypeName(attribute.datatype)},
                      {"variable", attribute.variable},
                      {"required", attribute.required},
                      {"description", attribute.description},
                      {"datatype_description", attribute.datatype_description},
                      {"order", attribute.order},
                      {"values", std::move(values)}};
}

}  // namespace

Result<CatalogueCodes> LoadCodes(store::Store& store, bool with_services) {
  auto listing = usecase::ReadCatalogueListing(store, with_services);
  if (!listing) {
    return listing.error();
  }
  CatalogueCodes codes;
  for (const auto& department : listing->departments) {
    codes.departments.emplace(department.id, department.code);
  }
  for (const auto& team : listing->teams) {
    codes.teams.emplace(team.id, team.code);
    codes.team_names.emplace(team.id, team.name);
    codes.team_ids.emplace(team.code, team.id);
  }
  for (const auto& service : listing->services) {
    codes.services.emplace(service.id, service.code);
  }
  return codes;
}

json::value Renderer::Time(Instant instant) const {
  return json::string(charter::FormatIso8601(instant, zone_));
}

json::value Renderer::Time(const std::optional<Instant>& instant) const {
  if (!instant) {
    return nullptr;
  }
  return Time(*instant);
}

json::object Renderer::Department(const store::DepartmentRecord& department) {
  return json::object{{"code", department.code}, {"name", department.name}};
}

json::object Renderer::Team(const store::TeamRecord& team) const {
  return json::object{{"code", team.code},
                      {"name", team.name},
                      {"department_code", Code(codes_.departments, team.department_id)},
                      {"department_name", team.department_name},
                      {"email", Optional(team.email)}};
}

json::object Renderer::Service(const store::ServiceRecord& service) const {
  json::array channels;
  for (const auto& channel : service.channels) {
    channels.emplace_back(channel);
  }
  json::array form;
  for (const auto& attribute : service.form) {
    form.emplace_back(AttributeJson(attribute));
  }
  return json::object{{"code", service.code},
                      {"name", service.name},
                      {"description", service.description},
                      {"keywords", service.keywords},
                      {"group", service.group},
                      {"department_code", Code(codes_.departments, service.department_id)},
                      {"department_name", service.department_name},
                      {"default_team_code", Code(codes_.teams, service.default_team_id)},
                      {"default_team_name", service.default_team_name},
                      {"case_type", service.case_type},
                      {"channels", std::move(channels)},
                      {"signpost", Optional(service.signpost)},
                      {"attributes", std::move(form)},
                      {"resolve_standard", Optional(service.resolve_standard)},
                      {"service_notice", Optional(service.service_notice)},
                      {"active", service.active},
                      {"created_at", Time(service.created_at)},
                      {"updated_at", Time(service.updated_at)}};
}

json::object Renderer::RoutingRule(const store::RoutingRuleRecord& rule) const {
  return json::object{{"id", rule.id},
                      {"service_code", Code(codes_.services, rule.service_id)},
                      {"ward", Optional(rule.ward)},
                      {"team_code", Code(codes_.teams, rule.team_id)}};
}

json::object Renderer::Case(const store::CaseRecord& record) const {
  json::value lat = nullptr;
  json::value lon = nullptr;
  if (record.location) {
    lat = record.location->lat;
    lon = record.location->lon;
  }
  return json::object{
      {"reference", record.reference},
      {"service_code", record.service_code},
      {"service_name", record.service_name},
      {"department_name", record.department_name},
      {"status", CaseStatusName(record.status)},
      {"is_open", IsOpen(record.status)},
      {"priority", record.priority},
      {"channel", record.channel},
      {"description", record.description},
      {"address", Optional(record.address)},
      {"address_id", Optional(record.address_id)},
      {"postcode", Optional(record.postcode)},
      {"lat", lat},
      {"long", lon},
      {"ward", Optional(record.ward)},
      {"customer_id", Optional(record.customer_id)},
      {"team", Code(codes_.teams, record.team_id)},
      // Records fresh from a create carry the team id without its name.
      {"team_name", record.team_name.empty() ? Code(codes_.team_names, record.team_id)
                                             : json::string(record.team_name)},
      {"assignee_id", Optional(record.assignee_id)},
      {"status_notes", Optional(record.status_notes)},
      {"media_url", Optional(record.media_url)},
      {"source", record.source},
      {"created_at", Time(record.created_at)},
      {"updated_at", Time(record.updated_at)},
      {"due_at", Time(record.due_at)},
      {"closed_at", Time(record.closed_at)}};
}

json::object Renderer::Event(const store::CaseEventRecord& event) const {
  json::value data = nullptr;
  if (event.data) {
    // Stored as JSON text by the use cases; shown as JSON, or as text if it ever is not.
    boost::system::error_code ec;
    data = json::parse(*event.data, ec);
    if (ec) {
      data = json::string(*event.data);
    }
  }
  return json::object{{"id", event.id},
                      {"at", Time(event.at)},
                      {"kind", event.kind},
                      {"actor", event.actor},
                      {"is_public", event.is_public},
                      {"status", Optional(event.status)},
                      {"body", Optional(event.body)},
                      {"data", std::move(data)},
                      {"external_id", Optional(event.external_id)}};
}

json::object Renderer::Link(const store::CaseLinkRecord& link) const {
  return json::object{{"other_reference", link.other_reference},
                      {"kind", link.kind},
                      {"created_at", Time(link.created_at)}};
}

json::object Renderer::Duplicate(const usecase::DuplicateSuggestion& suggestion) const {
  return json::object{{"reference", suggestion.reference},
                      {"status", suggestion.status},
                      {"distance_metres", suggestion.distance_metres},
                      {"created_at", Time(suggestion.created_at)},
                      {"description", suggestion.description}};
}

json::array Renderer::AnswerList(const frontdoor::Answers& answers) {
  json::array out;
  for (const auto& [code, value] : answers) {
    out.push_back(json::object{{"code", code}, {"value", value}});
  }
  return out;
}

}  // namespace frontdoor::api
