#include "frontdoor/api/search_routes.hpp"

#include <array>

#include <boost/json.hpp>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/error_response.hpp"

#include "json_input.hpp"
#include "query.hpp"
#include "staff_auth.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;
using access::Action;
using http::Method;

constexpr std::size_t kDescriptionChars = 200;

json::value Optional(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// The opening of a description, cut at a character boundary: a result line, not the case.
std::string Opening(const std::string& text) {
  if (CountCodePoints(text) <= kDescriptionChars) {
    return text;
  }
  std::size_t at = 0;
  for (std::size_t chars = 0; at < text.size() && chars < kDescriptionChars; ++chars) {
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) {
      ++at;
    }
  }
  return text.substr(0, at) + "\u2026";
}

json::object RenderCase(const usecase::CaseSearchHit& hit) {
  const auto& row = hit.row;
  return json::object{{"reference", row.reference},
                      {"status", row.status},
                      {"service_code", row.service_code},
                      {"service_name", row.service_name},
                      {"team_code", Optional(row.team_code)},
                      {"department_code", Optional(row.department_code)},
                      {"customer_name", row.customer_name.empty() ? json::value(nullptr)
                                                                  : json::value(row.customer_name)},
                      {"address", Optional(row.address)},
                      {"postcode", Optional(row.postcode)},
                      {"description", Opening(row.description)},
                      {"score", hit.score}};
}

std::string DisplayName(const store::CustomerRecord& customer) {
  std::string name;
  for (const auto* part : {&customer.title, &customer.first_name, &customer.last_name}) {
    if (*part && !(*part)->empty()) {
      name += name.empty() ? **part : " " + **part;
    }
  }
  return name.empty() ? customer.organisation_name.value_or("") : name;
}

json::object RenderCustomer(const usecase::Candidate& candidate) {
  const auto& c = candidate.customer;
  return json::object{{"id", c.id},
                      {"name", DisplayName(c)},
                      {"email", Optional(c.email)},
                      {"phone", Optional(c.phone)},
                      {"address", Optional(c.address)},
                      {"postcode", Optional(c.postcode)},
                      {"restricted", c.restricted},
                      {"score", candidate.score},
                      {"reason", candidate.reason}};
}

Result<http::Response> SearchCasesRoute(const SearchContext& ctx, http::Request& request,
                                        const access::Principal& caller) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  usecase::CaseSearch search;
  search.q = query.One("q").value_or("");
  search.statuses = query.List("status");
  search.services = query.List("service");
  search.teams = query.List("team");
  search.departments = query.List("department");
  search.offset = static_cast<std::size_t>(query.Count("offset", 0, 0, 10'000));
  search.limit = static_cast<std::size_t>(query.Count("limit", 20, 1, 50));
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto result = usecase::SearchCases(ctx.store, ctx.cases, search, caller);
  if (!result) {
    return result.error();
  }
  json::array items;
  for (const auto& hit : result->hits) {
    items.emplace_back(RenderCase(hit));
  }
  return http::Response::Json(
      200, json::serialize(json::object{{"total", result->total},
                                        {"total_is_exact", result->total_is_exact},
                                        {"by_reference", result->by_reference},
                                        {"results", std::move(items)}}));
}

Result<http::Response> SearchCustomersRoute(const SearchContext& ctx, http::Request& request,
                                            const access::Principal& caller) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  const std::string q = query.One("q").value_or("");
  const int limit = query.Count("limit", 20, 1, 100);
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto found = usecase::SearchCustomersByText(ctx.store, q, caller, limit);
  if (!found) {
    return found.error();
  }
  json::array items;
  for (const auto& candidate : *found) {
    items.emplace_back(RenderCustomer(candidate));
  }
  return http::Response::Json(200, json::serialize(json::object{{"results", std::move(items)}}));
}

using Handler = Result<http::Response> (*)(const SearchContext&, http::Request&,
                                           const access::Principal&);

struct SearchRoute {
  Method method;
  std::string_view pattern;
  Handler handler;
  Action action;
};

constexpr std::array kRoutes{
    SearchRoute{Method::kGet, "/api/v1/search/cases", SearchCasesRoute, Action::kReadCase},
    SearchRoute{Method::kGet, "/api/v1/search/customers", SearchCustomersRoute,
                Action::kReadCustomer},
};

}  // namespace

std::vector<StaffRouteAccess> SearchRouteTable() {
  std::vector<StaffRouteAccess> table;
  for (const auto& route : kRoutes) {
    table.push_back({route.method, route.pattern, route.action});
  }
  return table;
}

void AddSearchRoutes(http::Router& router, const SearchContext& context, http::Execution reads,
                     const StaffAccessSettings& settings) {
  for (const auto& route : kRoutes) {
    router.Add(
        route.method, std::string(route.pattern),
        [&context, settings, handler = route.handler,
         action = route.action](http::Request& request) {
          return AnswerStaff(
              request, context.store, context.clock, settings, action,
              [&](const access::Principal& caller) { return handler(context, request, caller); });
        },
        reads);
  }
}

}  // namespace frontdoor::api
