// Catalogue routes: departments, teams, services with their Open311 forms, routing rules.
#include <limits>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "json_input.hpp"
#include "query.hpp"
#include "staff_handlers.hpp"
#include "staff_render.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

// A query with no parameters, or only unknown ones: an error naming them.
Result<void> NoQuery(const http::Request& request) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  query.RejectUnknown();
  return ToResult(std::move(errors));
}

std::optional<int> SmallInt(FieldReader& fields, std::string_view key) {
  const auto value = fields.Integer(key);
  if (!value) {
    return std::nullopt;
  }
  if (*value < std::numeric_limits<int>::min() || *value > std::numeric_limits<int>::max()) {
    fields.AddError(fields.Name(key), "Out of range");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::vector<AttributeValue> ReadValues(FieldReader& fields, const std::string& prefix,
                                       std::vector<FieldError>& errors) {
  std::vector<AttributeValue> values;
  const auto* array = fields.Array("values");
  if (array == nullptr) {
    return values;
  }
  for (std::size_t j = 0; j < array->size(); ++j) {
    const std::string name = prefix + "values[" + std::to_string(j) + "]";
    const auto* object = (*array)[j].if_object();
    if (object == nullptr) {
      errors.push_back({name, "Must be an object with key and name"});
      continue;
    }
    FieldReader value(*object, errors, name + ".");
    AttributeValue out;
    out.key = value.String("key", true).value_or("");
    out.name = value.String("name", true).value_or("");
    value.RejectUnknown();
    values.push_back(std::move(out));
  }
  return values;
}

Attribute ReadAttribute(const json::object& object, const std::string& prefix,
                        std::vector<FieldError>& errors) {
  FieldReader fields(object, errors, prefix);
  Attribute attribute;
  attribute.code = fields.String("code", true).value_or("");
  if (auto datatype = fields.String("datatype", true)) {
    if (auto parsed = ParseAttributeDatatype(*datatype)) {
      attribute.datatype = *parsed;
    } else {
      fields.AddError(fields.Name("datatype"),
                      "Must be string, number, datetime, text, singlevaluelist or multivaluelist");
    }
  }
  attribute.variable = fields.Boolean("variable").value_or(true);
  attribute.required = fields.Boolean("required").value_or(false);
  attribute.description = fields.String("description", true).value_or("");
  attribute.datatype_description = fields.String("datatype_description").value_or("");
  attribute.order = SmallInt(fields, "order").value_or(0);
  attribute.values = ReadValues(fields, prefix, errors);
  fields.RejectUnknown();
  return attribute;
}

// The body of POST /services and PUT /services/{code}. On PUT the code comes from the path,
// and a code in the body must agree with it (a rename is not an update).
Result<usecase::ServiceInput> ReadServiceInput(const std::string& body,
                                               const std::optional<std::string>& path_code) {
  auto object = ParseJsonObject(body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::ServiceInput input;
  auto code = fields.String("code", !path_code.has_value());
  if (path_code) {
    if (code && *code != *path_code) {
      fields.AddError("code", "Must match the service code in the path; codes cannot change");
    }
    input.code = *path_code;
  } else {
    input.code = code.value_or("");
  }
  input.name = fields.String("name", true).value_or("");
  input.description = fields.String("description").value_or("");
  input.keywords = fields.String("keywords").value_or("");
  input.group = fields.String("group").value_or("");
  input.department_code = fields.String("department_code");
  input.default_team_code = fields.String("default_team_code");
  input.case_type = fields.String("case_type").value_or("request");
  input.channels = fields.StringList("channels").value_or(std::vector<std::string>{});
  input.signpost = fields.String("signpost");
  if (const auto* form = fields.Array("attributes")) {
    for (std::size_t i = 0; i < form->size(); ++i) {
      const std::string prefix = "attributes[" + std::to_string(i) + "]";
      if (const auto* attribute = (*form)[i].if_object()) {
        input.form.push_back(ReadAttribute(*attribute, prefix + ".", errors));
      } else {
        errors.push_back({prefix, "Must be an object"});
      }
    }
  }
  input.resolve_standard = fields.String("resolve_standard");
  input.service_notice = fields.String("service_notice");
  input.active = fields.Boolean("active").value_or(true);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  return input;
}

Result<http::Response> RenderService(const StaffContext& staff, unsigned status,
                                     const store::ServiceRecord& service) {
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  http::Response response = JsonResponse(status, Renderer(staff.zone, *codes).Service(service));
  if (status == 201) {
    response.headers.emplace_back("Location", "/api/v1/services/" + EncodeQueryValue(service.code));
  }
  return response;
}

// A service code from the path: one that cannot be a code names no service.
Result<std::string> PathCode(const http::Request& request) {
  const std::string code(request.PathParam("code"));
  if (!CheckServiceCode(code)) {
    return Error::NotFound("There is no service with that code");
  }
  return code;
}

}  // namespace

Result<http::Response> ListDepartments(const StaffContext& staff, http::Request& request,
                                       const access::Principal& /*caller*/) {
  if (auto ok = NoQuery(request); !ok) {
    return ok.error();
  }
  auto departments = usecase::ListDepartments(staff.cases.store);
  if (!departments) {
    return departments.error();
  }
  json::array out;
  for (const auto& department : *departments) {
    out.emplace_back(Renderer::Department(department));
  }
  return JsonResponse(200, {{"departments", std::move(out)}});
}

Result<http::Response> PostDepartment(const StaffContext& staff, http::Request& request,
                                      const access::Principal& /*caller*/) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto code = fields.String("code", true);
  auto name = fields.String("name", true);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto created = usecase::CreateDepartment(staff.cases.store, *code, *name);
  if (!created) {
    return created.error();
  }
  return JsonResponse(201, Renderer::Department(*created));
}

Result<http::Response> ListTeams(const StaffContext& staff, http::Request& request,
                                 const access::Principal& /*caller*/) {
  if (auto ok = NoQuery(request); !ok) {
    return ok.error();
  }
  auto teams = usecase::ListTeams(staff.cases.store);
  if (!teams) {
    return teams.error();
  }
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  const Renderer render(staff.zone, *codes);
  json::array out;
  for (const auto& team : *teams) {
    out.emplace_back(render.Team(team));
  }
  return JsonResponse(200, {{"teams", std::move(out)}});
}

Result<http::Response> PostTeam(const StaffContext& staff, http::Request& request,
                                const access::Principal& /*caller*/) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::NewTeam team;
  team.code = fields.String("code", true).value_or("");
  team.name = fields.String("name", true).value_or("");
  team.department_code = fields.String("department_code", true).value_or("");
  team.email = fields.String("email");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto created = usecase::CreateTeam(staff.cases.store, team);
  if (!created) {
    return created.error();
  }
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  return JsonResponse(201, Renderer(staff.zone, *codes).Team(*created));
}

Result<http::Response> ListServices(const StaffContext& staff, http::Request& request,
                                    const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  const bool include_inactive = query.Boolean("include_inactive").value_or(false);
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto services = usecase::ListServices(staff.cases.store, include_inactive);
  if (!services) {
    return services.error();
  }
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  const Renderer render(staff.zone, *codes);
  json::array out;
  for (const auto& service : *services) {
    out.emplace_back(render.Service(service));
  }
  return JsonResponse(200, {{"services", std::move(out)}});
}

Result<http::Response> PostService(const StaffContext& staff, http::Request& request,
                                   const access::Principal& /*caller*/) {
  auto input = ReadServiceInput(request.body, std::nullopt);
  if (!input) {
    return input.error();
  }
  auto created = usecase::CreateService(staff.cases.store, staff.cases.clock, *input);
  if (!created) {
    return created.error();
  }
  return RenderService(staff, 201, *created);
}

Result<http::Response> GetService(const StaffContext& staff, http::Request& request,
                                  const access::Principal& /*caller*/) {
  auto code = PathCode(request);
  if (!code) {
    return code.error();
  }
  if (auto ok = NoQuery(request); !ok) {
    return ok.error();
  }
  auto service = usecase::GetService(staff.cases.store, *code);
  if (!service) {
    return service.error();
  }
  return RenderService(staff, 200, *service);
}

Result<http::Response> PutService(const StaffContext& staff, http::Request& request,
                                  const access::Principal& /*caller*/) {
  auto code = PathCode(request);
  if (!code) {
    return code.error();
  }
  auto input = ReadServiceInput(request.body, *code);
  if (!input) {
    return input.error();
  }
  auto updated = usecase::UpdateService(staff.cases.store, staff.cases.clock, *input);
  if (!updated) {
    return updated.error();
  }
  return RenderService(staff, 200, *updated);
}

Result<http::Response> ListRoutingRules(const StaffContext& staff, http::Request& request,
                                        const access::Principal& /*caller*/) {
  if (auto ok = NoQuery(request); !ok) {
    return ok.error();
  }
  auto rules = usecase::ListRoutingRules(staff.cases.store);
  if (!rules) {
    return rules.error();
  }
  auto codes = LoadCodes(staff.cases.store, true);
  if (!codes) {
    return codes.error();
  }
  const Renderer render(staff.zone, *codes);
  json::array out;
  for (const auto& rule : *rules) {
    out.emplace_back(render.RoutingRule(rule));
  }
  return JsonResponse(200, {{"routing_rules", std::move(out)}});
}

Result<http::Response> PostRoutingRule(const StaffContext& staff, http::Request& request,
                                       const access::Principal& /*caller*/) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::RoutingRuleInput rule;
  rule.service_code = fields.String("service_code");
  rule.ward = fields.String("ward");
  rule.team_code = fields.String("team_code", true).value_or("");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto stored = usecase::SetRoutingRule(staff.cases.store, rule);
  if (!stored) {
    return stored.error();
  }
  auto codes = LoadCodes(staff.cases.store, true);
  if (!codes) {
    return codes.error();
  }
  return JsonResponse(201, Renderer(staff.zone, *codes).RoutingRule(*stored));
}

Result<http::Response> DeleteRoutingRule(const StaffContext& staff, http::Request& request,
                                         const access::Principal& caller) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  if (auto ok = NoQuery(request); !ok) {
    return ok.error();
  }
  if (auto deleted = usecase::DeleteRoutingRule(staff.cases.store, caller, *id); !deleted) {
    return deleted.error();
  }
  http::Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

}  // namespace frontdoor::api
