// Customer routes: search, candidates for an agent, create, read, replace, timeline, merge
// and undo, and logging a contact on any channel.
#include <charconv>
#include <functional>
#include <system_error>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/customers.hpp"

#include "idempotency.hpp"
#include "json_input.hpp"
#include "query.hpp"
#include "staff_handlers.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

constexpr int kDefaultTimelinePage = 50;

// API keys belong to integrations, which never open restricted records; staff sessions
// will carry the person's role.
usecase::Viewer ViewerFor(const access::Principal& caller) {
  return {caller.actor, access::Allows(caller, access::Action::kReadRestrictedCustomer)};
}

json::value Text(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

json::value Time(const StaffContext& staff, const std::optional<Instant>& at) {
  return at ? json::value(charter::FormatIso8601(*at, staff.zone)) : json::value(nullptr);
}

json::object RenderCustomer(const StaffContext& staff, const store::CustomerRecord& c) {
  json::array needs;
  for (const std::string& need : c.accessibility) {
    needs.emplace_back(need);
  }
  return {{"id", c.id},
          {"kind", c.kind},
          {"title", Text(c.title)},
          {"first_name", Text(c.first_name)},
          {"last_name", Text(c.last_name)},
          {"organisation_name", Text(c.organisation_name)},
          {"email", Text(c.email)},
          {"phone", Text(c.phone)},
          {"address", Text(c.address)},
          {"postcode", Text(c.postcode)},
          {"language", c.language},
          {"preferred_channel", Text(c.preferred_channel)},
          {"accessibility", std::move(needs)},
          {"interpreter_language", Text(c.interpreter_language)},
          {"consent_contact", c.consent_contact},
          {"consent_research", c.consent_research},
          {"restricted", c.restricted},
          {"created_at", Time(staff, c.created_at)},
          {"updated_at", Time(staff, c.updated_at)}};
}

json::object RenderInteraction(const StaffContext& staff, const store::InteractionRecord& i) {
  json::array articles;
  for (const std::int64_t id : i.articles) {
    articles.emplace_back(id);
  }
  return {{"id", i.id},
          {"customer_id", i.customer_id ? json::value(*i.customer_id) : json::value(nullptr)},
          {"case_reference",
           i.case_reference.empty() ? json::value(nullptr) : json::value(i.case_reference)},
          {"channel", i.channel},
          {"direction", i.direction},
          {"started_at", Time(staff, i.started_at)},
          {"ended_at", Time(staff, i.ended_at)},
          {"agent_id", i.agent_id ? json::value(*i.agent_id) : json::value(nullptr)},
          {"outcome", i.outcome},
          {"summary", i.summary},
          {"articles", std::move(articles)},
          {"recorded_by", i.actor}};
}

Result<usecase::CustomerInput> ReadCustomerInput(const http::Request& request) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::CustomerInput input;
  if (auto kind = fields.String("kind")) {
    input.kind = std::move(*kind);
  }
  input.title = fields.String("title");
  input.first_name = fields.String("first_name");
  input.last_name = fields.String("last_name");
  input.organisation_name = fields.String("organisation_name");
  input.email = fields.String("email");
  input.phone = fields.String("phone");
  input.address = fields.String("address");
  input.postcode = fields.String("postcode");
  if (auto language = fields.String("language")) {
    input.language = std::move(*language);
  }
  input.preferred_channel = fields.String("preferred_channel");
  if (auto needs = fields.StringList("accessibility")) {
    input.accessibility = std::move(*needs);
  }
  input.interpreter_language = fields.String("interpreter_language");
  input.consent_contact = fields.Boolean("consent_contact").value_or(false);
  input.consent_research = fields.Boolean("consent_research").value_or(false);
  input.restricted = fields.Boolean("restricted").value_or(false);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  return input;
}

Result<usecase::CustomerQuery> ReadCustomerQuery(const http::Request& request, int default_limit) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  usecase::CustomerQuery out;
  out.name = query.One("name");
  out.email = query.One("email");
  out.phone = query.One("phone");
  out.postcode = query.One("postcode");
  out.reference = query.One("reference");
  out.limit = query.Count("limit", default_limit, 1, usecase::kMaxCustomerSearchResults);
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  return out;
}

}  // namespace

Result<http::Response> SearchCustomers(const StaffContext& staff, http::Request& request,
                                       const access::Principal&) {
  auto query = ReadCustomerQuery(request, 20);
  if (!query) {
    return query.error();
  }
  auto found = usecase::SearchCustomers(staff.cases.store, *query);
  if (!found) {
    return found.error();
  }
  json::array customers;
  for (const auto& c : *found) {
    // A restricted record is listed only as existing, so an agent knows to ask a manager.
    customers.push_back(c.restricted ? json::object{{"id", c.id}, {"restricted", true}}
                                     : RenderCustomer(staff, c));
  }
  return JsonResponse(200, {{"customers", std::move(customers)}});
}

Result<http::Response> CustomerCandidates(const StaffContext& staff, http::Request& request,
                                          const access::Principal&) {
  auto query = ReadCustomerQuery(request, 10);
  if (!query) {
    return query.error();
  }
  auto found = usecase::FindCandidates(staff.cases.store, *query);
  if (!found) {
    return found.error();
  }
  json::array candidates;
  for (const auto& candidate : *found) {
    json::object customer = candidate.customer.restricted
                                ? json::object{{"id", candidate.customer.id}, {"restricted", true}}
                                : RenderCustomer(staff, candidate.customer);
    candidates.push_back(json::object{{"customer", std::move(customer)},
                                      {"score", candidate.score},
                                      {"reason", candidate.reason}});
  }
  return JsonResponse(200, {{"candidates", std::move(candidates)}});
}

Result<http::Response> PostCustomer(const StaffContext& staff, http::Request& request,
                                    const access::Principal& caller) {
  auto input = ReadCustomerInput(request);
  if (!input) {
    return input.error();
  }
  auto claim = ReadIdempotencyClaim(request, caller.actor);
  if (!claim) {
    return claim.error();
  }
  const std::function<usecase::StoredResponse(const store::CustomerRecord&)> respond =
      [&staff](const store::CustomerRecord& created) {
        auto response = JsonResponse(201, RenderCustomer(staff, created));
        response.headers.emplace_back("Location",
                                      "/api/v1/customers/" + std::to_string(created.id));
        return ToStored(response);
      };
  auto answer = usecase::CreateOnce<store::CustomerRecord>(
      staff.cases.store, staff.cases.clock, *claim, respond,
      [&](const usecase::IdempotentCreate<store::CustomerRecord>* once) {
        return usecase::CreateCustomer(staff.cases.store, staff.cases.clock, *input, once);
      });
  if (!answer) {
    return answer.error();
  }
  return FromAnswer(std::move(*answer));
}

Result<http::Response> GetCustomer(const StaffContext& staff, http::Request& request,
                                   const access::Principal& caller) {
  auto id = PathId(request, "id");
  if (!id) {
    return id.error();
  }
  auto view = usecase::GetCustomer(staff.cases.store, *id, ViewerFor(caller));
  if (!view) {
    return view.error();
  }
  json::object body = RenderCustomer(staff, view->customer);
  json::array points;
  for (const auto& point : view->contact_points) {
    points.push_back(json::object{{"kind", point.kind}, {"value", point.value}});
  }
  body["contact_points"] = std::move(points);
  return JsonResponse(200, body);
}

Result<http::Response> PutCustomer(const StaffContext& staff, http::Request& request,
                                   const access::Principal& caller) {
  auto id = PathId(request, "id");
  if (!id) {
    return id.error();
  }
  auto input = ReadCustomerInput(request);
  if (!input) {
    return input.error();
  }
  auto updated =
      usecase::UpdateCustomer(staff.cases.store, staff.cases.clock, *id, *input, ViewerFor(caller));
  if (!updated) {
    return updated.error();
  }
  return JsonResponse(200, RenderCustomer(staff, *updated));
}

Result<http::Response> GetCustomerTimeline(const StaffContext& staff, http::Request& request,
                                           const access::Principal& caller) {
  auto id = PathId(request, "id");
  if (!id) {
    return id.error();
  }
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  const auto cursor = query.One("cursor");
  const int limit = query.Count("limit", kDefaultTimelinePage, 1, usecase::kMaxTimelinePage);
  const bool internal = query.Boolean("include_internal").value_or(false);
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto page =
      usecase::CustomerTimeline(staff.cases.store, *id, cursor, limit, internal, ViewerFor(caller));
  if (!page) {
    return page.error();
  }
  json::array entries;
  for (const auto& e : page->entries) {
    entries.push_back(
        json::object{{"at", Time(staff, e.at)},
                     {"kind", e.kind},
                     {"id", e.id},
                     {"case_reference", e.case_reference.empty() ? json::value(nullptr)
                                                                 : json::value(e.case_reference)},
                     {"title", e.title},
                     {"detail", e.detail},
                     {"channel", e.channel.empty() ? json::value(nullptr) : json::value(e.channel)},
                     {"public", e.is_public}});
  }
  json::object body{{"entries", std::move(entries)}, {"next_cursor", Text(page->next_cursor)}};
  return JsonResponse(200, body);
}

Result<http::Response> PostCustomerMerge(const StaffContext& staff, http::Request& request,
                                         const access::Principal& caller) {
  auto id = PathId(request, "id");
  if (!id) {
    return id.error();
  }
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  const auto into = fields.Integer("into", true);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto merge =
      usecase::MergeCustomers(staff.cases.store, staff.cases.clock, *id, *into, ViewerFor(caller));
  if (!merge) {
    return merge.error();
  }
  return JsonResponse(201, {{"merge_id", *merge}, {"from", *id}, {"into", *into}});
}

Result<http::Response> PostMergeUndo(const StaffContext& staff, http::Request& request,
                                     const access::Principal& caller) {
  auto id = PathId(request, "id");
  if (!id) {
    return id.error();
  }
  if (auto undone =
          usecase::UndoMerge(staff.cases.store, staff.cases.clock, *id, ViewerFor(caller));
      !undone) {
    return undone.error();
  }
  return JsonResponse(200, {{"merge_id", *id}, {"undone", true}});
}

Result<http::Response> PostInteraction(const StaffContext& staff, http::Request& request,
                                       const access::Principal& caller) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::InteractionInput input;
  input.customer_id = fields.Integer("customer_id");
  input.case_reference = fields.String("case_reference");
  input.channel = fields.String("channel", true).value_or("");
  if (auto direction = fields.String("direction")) {
    input.direction = std::move(*direction);
  }
  for (const auto& [key, target] :
       {std::pair{"started_at", &input.started_at}, std::pair{"ended_at", &input.ended_at}}) {
    if (auto text = fields.String(key)) {
      auto at = charter::ParseIso8601(*text, key);
      if (at) {
        *target = *at;
      } else {
        fields.AddError(key, at.error().message());
      }
    }
  }
  input.agent_id = fields.Integer("agent_id");
  input.outcome = fields.String("outcome", true).value_or("");
  input.service_code = fields.String("service_code");
  input.summary = fields.String("summary").value_or("");
  if (const auto* articles = fields.Array("articles")) {
    for (std::size_t i = 0; i < articles->size(); ++i) {
      if ((*articles)[i].is_int64()) {
        input.articles.push_back((*articles)[i].get_int64());
      } else {
        errors.push_back({"articles[" + std::to_string(i) + "]", "Must be an article id"});
      }
    }
  }
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto claim = ReadIdempotencyClaim(request, caller.actor);
  if (!claim) {
    return claim.error();
  }
  const std::function<usecase::StoredResponse(const store::InteractionRecord&)> respond =
      [&staff](const store::InteractionRecord& logged) {
        return ToStored(JsonResponse(201, RenderInteraction(staff, logged)));
      };
  auto answer = usecase::CreateOnce<store::InteractionRecord>(
      staff.cases.store, staff.cases.clock, *claim, respond,
      [&](const usecase::IdempotentCreate<store::InteractionRecord>* once) {
        return usecase::LogInteraction(staff.cases.store, staff.cases.clock, input,
                                       ViewerFor(caller), once);
      });
  if (!answer) {
    return answer.error();
  }
  return FromAnswer(std::move(*answer));
}

}  // namespace frontdoor::api
