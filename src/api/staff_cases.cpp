// Case routes: list with filters and cursor pagination, create, read, transition, assign,
// notes, public updates, links and duplicate suggestions.
#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <system_error>

#include "frontdoor/core/text.hpp"

#include "idempotency.hpp"
#include "json_input.hpp"
#include "query.hpp"
#include "staff_handlers.hpp"
#include "staff_render.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;
constexpr std::size_t kMaxReferenceBytes = 64;

// A reference from the path: text that cannot be a reference names no case. Checked here
// so that nothing invalid (bad UTF-8, megabytes) is echoed back in an error.
Result<std::string> PathReference(const http::Request& request) {
  const auto reference = request.PathParam("reference");
  if (reference.size() > kMaxReferenceBytes || !IsValidUtf8(reference)) {
    return Error::NotFound("There is no case with that reference");
  }
  return std::string(reference);
}

// A number as form answers write it: shortest round-trip decimal ("0.5", "12").
std::string NumberText(const json::value& value) {
  if (value.is_int64()) {
    return std::to_string(value.get_int64());
  }
  if (value.is_uint64()) {
    return std::to_string(value.get_uint64());
  }
  std::array<char, 64> buffer{};
  const auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value.get_double());
  return ec == std::errc() ? std::string(buffer.data(), end) : std::string();
}

// "attributes": {"code": "value" | number | ["key", ...]}. Answers are checked against the
// form by the use case; here only their JSON shape.
std::multimap<std::string, std::string> ReadAnswers(const json::object& object,
                                                    std::vector<FieldError>& errors) {
  std::multimap<std::string, std::string> answers;
  for (const auto& entry : object) {
    const std::string field = "attributes." + EchoSafe(entry.key());
    if (!IsValidUtf8(entry.key())) {
      errors.push_back({field, "The attribute code must be valid UTF-8"});
      continue;
    }
    const std::string code(entry.key());
    const auto& value = entry.value();
    if (value.is_number()) {
      answers.emplace(code, NumberText(value));
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.get_array().size(); ++i) {
        auto item =
            StringValue(value.get_array()[i], field + "[" + std::to_string(i) + "]", errors);
        if (item) {
          answers.emplace(code, std::move(*item));
        }
      }
    } else if (!value.is_null()) {
      if (auto text = StringValue(value, field, errors)) {
        answers.emplace(code, std::move(*text));
      }
    }
  }
  return answers;
}

// The use cases name form answers as Open311 does, "attribute[code]"; this API's body has
// them under "attributes", so errors point there instead.
Error RenameAnswerFields(const Error& error) {
  if (error.code() != ErrorCode::kInvalidInput) {
    return error;
  }
  std::vector<FieldError> fields;
  bool renamed = false;
  for (auto field : error.field_errors()) {
    if (field.field.starts_with("attribute[") && field.field.ends_with("]")) {
      field.field = "attributes." + field.field.substr(10, field.field.size() - 11);
      renamed = true;
    }
    fields.push_back(std::move(field));
  }
  return renamed ? Error::Invalid(std::move(fields)) : error;
}

Result<usecase::NewCase> ReadNewCase(const std::string& body, const usecase::Actor& actor) {
  auto object = ParseJsonObject(body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::NewCase input;
  input.service_code = fields.String("service_code", true).value_or("");
  if (auto channel = fields.String("channel")) {
    input.channel = std::move(*channel);
  }
  input.description = fields.String("description").value_or("");
  input.priority = fields.String("priority");
  input.lat = fields.Number("lat");
  input.lon = fields.Number("long");
  input.address = fields.String("address");
  input.address_id = fields.String("address_id");
  input.postcode = fields.String("postcode");
  if (const auto* answers = fields.Object("attributes")) {
    input.attributes = ReadAnswers(*answers, errors);
  }
  if (const auto* contact = fields.Object("contact")) {
    FieldReader person(*contact, errors, "contact.");
    input.contact.first_name = person.String("first_name");
    input.contact.last_name = person.String("last_name");
    input.contact.email = person.String("email");
    input.contact.phone = person.String("phone");
    person.RejectUnknown();
  }
  input.media_url = fields.String("media_url");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  input.actor = actor;
  return input;
}

// Reads a body whose fields are all optional or required strings.
Result<json::object> ReadBody(const http::Request& request) {
  return ParseJsonObject(request.body);
}

Result<CaseStatus> ReadStatus(FieldReader& fields, bool required) {
  auto text = fields.String("status", required);
  if (!text) {
    return Error::Invalid("status", "Enter status");
  }
  auto status = ParseCaseStatus(*text);
  if (!status) {
    fields.AddError("status",
                    "Must be one of new, acknowledged, in_progress, awaiting_customer, "
                    "resolved, closed, reopened");
  }
  return status;
}

Result<http::Response> RenderCase(const StaffContext& staff, const store::CaseRecord& record) {
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  return JsonResponse(200, Renderer(staff.zone, *codes).Case(record));
}

// The URL of the next page: this request's path and query with `cursor` replaced.
std::string NextLink(const http::Request& request, const std::string& cursor) {
  std::string query;
  std::string_view rest = request.query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty() || pair == "cursor" || pair.starts_with("cursor=")) {
      continue;
    }
    query.append(pair).append("&");
  }
  return request.path + "?" + query + "cursor=" + EncodeQueryValue(cursor);
}

store::CaseFilter ReadCaseFilter(QueryReader& query, const CatalogueCodes& codes,
                                 std::vector<FieldError>& errors) {
  store::CaseFilter filter;
  filter.service_codes = query.List("service_code");
  for (const auto& name : query.List("status")) {
    if (auto status = ParseCaseStatus(name)) {
      filter.statuses.push_back(*status);
    } else {
      errors.push_back({"status", "Unknown status '" + EchoSafe(name) + "'"});
    }
  }
  if (auto team = query.One("team")) {
    const auto found = codes.team_ids.find(*team);
    if (found == codes.team_ids.end()) {
      errors.push_back({"team", "There is no team with that code"});
    } else {
      filter.team_id = found->second;
    }
  }
  filter.assignee_id = query.Integer("assignee");
  filter.customer_id = query.Integer("customer_id");
  filter.created_from = query.Time("created_from");
  filter.created_to = query.Time("created_to");
  filter.updated_from = query.Time("updated_from");
  filter.limit = query.Count("limit", kDefaultPageSize, 1, kMaxPageSize);
  return filter;
}

}  // namespace

Result<http::Response> ListCases(const StaffContext& staff, http::Request& request,
                                 const access::Principal& /*caller*/) {
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  auto filter = ReadCaseFilter(query, *codes, errors);
  const auto cursor = query.One("cursor");
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto page = usecase::ListCases(staff.cases, filter, cursor);
  if (!page) {
    return page.error();
  }
  const Renderer render(staff.zone, *codes);
  json::array cases;
  for (const auto& record : page->cases) {
    cases.emplace_back(render.Case(record));
  }
  json::value next = nullptr;
  if (page->next_cursor) {
    next = json::value(*page->next_cursor);
  }
  http::Response response =
      JsonResponse(200, {{"cases", std::move(cases)}, {"next_cursor", std::move(next)}});
  if (page->next_cursor) {
    response.headers.emplace_back("Link",
                                  "<" + NextLink(request, *page->next_cursor) + ">; rel=\"next\"");
  }
  return response;
}

Result<http::Response> PostCase(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller) {
  auto input = ReadNewCase(request.body, caller.actor);
  if (!input) {
    return input.error();
  }
  auto claim = ReadIdempotencyClaim(request, caller.actor);
  if (!claim) {
    return claim.error();
  }
  // Read before the create, whose answer is rendered inside its unit of work.
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  const Renderer render(staff.zone, *codes);
  const std::function<usecase::StoredResponse(const usecase::CreatedCase&)> respond =
      [&render](const usecase::CreatedCase& created) {
        json::object body = render.Case(created.record);
        body["attributes"] = Renderer::AnswerList(created.attributes);
        body["service_notice"] = created.service_notice;
        json::array duplicates;
        for (const auto& suggestion : created.possible_duplicates) {
          duplicates.emplace_back(render.Duplicate(suggestion));
        }
        body["possible_duplicates"] = std::move(duplicates);
        http::Response response = JsonResponse(201, body);
        response.headers.emplace_back(
            "Location", "/api/v1/cases/" + EncodeQueryValue(created.record.reference));
        return ToStored(response);
      };
  auto answer = usecase::CreateOnce<usecase::CreatedCase>(
      staff.cases.store, staff.cases.clock, *claim, respond,
      [&](const usecase::IdempotentCreate<usecase::CreatedCase>* once)
          -> Result<usecase::CreatedCase> {
        auto created = usecase::CreateCase(staff.cases, *input, once);
        if (!created) {
          // The use case answers kNotFound for an unknown service so that Open311 can say
          // so; in a JSON body it is a field to fix.
          if (created.error().code() == ErrorCode::kNotFound) {
            return Error::Invalid("service_code", created.error().message());
          }
          return RenameAnswerFields(created.error());
        }
        return created;
      });
  if (!answer) {
    return answer.error();
  }
  return FromAnswer(std::move(*answer));
}

Result<http::Response> GetCase(const StaffContext& staff, http::Request& request,
                               const access::Principal& /*caller*/) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto detail = usecase::GetCase(staff.cases, *reference);
  if (!detail) {
    return detail.error();
  }
  auto codes = LoadCodes(staff.cases.store, false);
  if (!codes) {
    return codes.error();
  }
  const Renderer render(staff.zone, *codes);
  json::object body = render.Case(detail->record);
  body["attributes"] = Renderer::AnswerList(detail->attributes);
  json::array events;
  for (const auto& event : detail->events) {
    events.emplace_back(render.Event(event));
  }
  body["events"] = std::move(events);
  json::array links;
  for (const auto& link : detail->links) {
    links.emplace_back(render.Link(link));
  }
  body["links"] = std::move(links);
  return JsonResponse(200, body);
}

Result<http::Response> PostTransition(const StaffContext& staff, http::Request& request,
                                      const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto object = ReadBody(request);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto status = ReadStatus(fields, true);
  auto note = fields.String("public_note");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto changed = usecase::ChangeStatus(staff.cases, *reference, *status, note, caller.actor);
  if (!changed) {
    return changed.error();
  }
  return RenderCase(staff, *changed);
}

Result<http::Response> PostAssignment(const StaffContext& staff, http::Request& request,
                                      const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto object = ReadBody(request);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::Assignment assignment;
  if (fields.IsNull("team")) {
    fields.AddError("team", "A case always has a team; give another team's code");
  }
  assignment.team_code = fields.String("team");
  // An explicit null takes the case off the officer's list; absent leaves it as it is.
  assignment.clear_assignee = fields.IsNull("assignee_id");
  assignment.assignee_id = fields.Integer("assignee_id");
  assignment.priority = fields.String("priority");
  fields.RejectUnknown();
  if (errors.empty() && !assignment.team_code && !assignment.assignee_id &&
      !assignment.clear_assignee && !assignment.priority) {
    fields.AddError("team", "Give at least one of team, assignee_id and priority");
  }
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto assigned = usecase::AssignCase(staff.cases, *reference, assignment, caller.actor);
  if (!assigned) {
    return assigned.error();
  }
  return RenderCase(staff, *assigned);
}

Result<http::Response> PostNote(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto object = ReadBody(request);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto body = fields.String("body", true);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto event = usecase::AddNote(staff.cases, *reference, *body, caller.actor);
  if (!event) {
    return event.error();
  }
  const CatalogueCodes codes;
  return JsonResponse(201, Renderer(staff.zone, codes).Event(*event));
}

Result<http::Response> PostUpdate(const StaffContext& staff, http::Request& request,
                                  const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto object = ReadBody(request);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto body = fields.String("body", true);
  std::optional<CaseStatus> status;
  if (fields.Has("status")) {
    if (auto parsed = ReadStatus(fields, false)) {
      status = *parsed;
    }
  }
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto event = usecase::AddPublicUpdate(staff.cases, *reference, *body, status, caller.actor);
  if (!event) {
    return event.error();
  }
  const CatalogueCodes codes;
  return JsonResponse(201, Renderer(staff.zone, codes).Event(*event));
}

Result<http::Response> PostLink(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto object = ReadBody(request);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto other = fields.String("other_reference", true);
  auto kind = fields.String("kind", true);
  if (kind && *kind != "duplicate_of" && *kind != "related") {
    fields.AddError("kind", "Must be duplicate_of or related");
  }
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto link = usecase::LinkCases(staff.cases, *reference, *other, *kind, caller.actor);
  if (!link) {
    return link.error();
  }
  const CatalogueCodes codes;
  return JsonResponse(201, Renderer(staff.zone, codes).Link(*link));
}

Result<http::Response> GetDuplicates(const StaffContext& staff, http::Request& request,
                                     const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  auto service_code = query.One("service_code");
  auto lat = query.Number("lat");
  auto lon = query.Number("long");
  query.RejectUnknown();
  // A missing parameter, unless it is already reported (e.g. as badly encoded).
  const auto require = [&errors](const char* name, bool present) {
    if (!present && std::none_of(errors.begin(), errors.end(),
                                 [name](const FieldError& e) { return e.field == name; })) {
      errors.push_back({name, std::string("Enter ") + name});
    }
  };
  require("service_code", service_code.has_value());
  require("lat", lat.has_value());
  require("long", lon.has_value());
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto point = MakeGeoPoint(*lat, *lon);
  if (!point) {
    return point.error();
  }
  auto suggestions = usecase::SuggestDuplicates(staff.cases, *service_code, *point);
  if (!suggestions) {
    return suggestions.error();
  }
  const CatalogueCodes codes;
  const Renderer render(staff.zone, codes);
  json::array out;
  for (const auto& suggestion : *suggestions) {
    out.emplace_back(render.Duplicate(suggestion));
  }
  return JsonResponse(200, {{"duplicates", std::move(out)}});
}

}  // namespace frontdoor::api
