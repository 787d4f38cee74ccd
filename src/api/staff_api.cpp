#include "frontdoor/api/staff_api.hpp"

#include <array>

#include "frontdoor/http/error_response.hpp"

#include "openapi_document.hpp"
#include "staff_auth.hpp"
#include "staff_handlers.hpp"

namespace frontdoor::api {
namespace {

struct StaffRoute {
  http::Method method;
  std::string_view pattern;
  StaffHandler handler;
  bool writes;
};

// The whole API surface in one table, so that it reads like the OpenAPI paths it must match
// (tests/integration/staff_api_test.cpp keeps the two in step).
constexpr std::array kRoutes{
    StaffRoute{http::Method::kGet, "/api/v1/departments", ListDepartments, false},
    StaffRoute{http::Method::kPost, "/api/v1/departments", PostDepartment, true},
    StaffRoute{http::Method::kGet, "/api/v1/teams", ListTeams, false},
    StaffRoute{http::Method::kPost, "/api/v1/teams", PostTeam, true},
    StaffRoute{http::Method::kGet, "/api/v1/services", ListServices, false},
    StaffRoute{http::Method::kPost, "/api/v1/services", PostService, true},
    StaffRoute{http::Method::kGet, "/api/v1/services/{code}", GetService, false},
    StaffRoute{http::Method::kPut, "/api/v1/services/{code}", PutService, true},
    StaffRoute{http::Method::kGet, "/api/v1/routing-rules", ListRoutingRules, false},
    StaffRoute{http::Method::kPost, "/api/v1/routing-rules", PostRoutingRule, true},
    StaffRoute{http::Method::kGet, "/api/v1/cases", ListCases, false},
    StaffRoute{http::Method::kPost, "/api/v1/cases", PostCase, true},
    StaffRoute{http::Method::kGet, "/api/v1/cases/{reference}", GetCase, false},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/transitions", PostTransition, true},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/assignment", PostAssignment, true},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/notes", PostNote, true},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/updates", PostUpdate, true},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/links", PostLink, true},
    StaffRoute{http::Method::kGet, "/api/v1/duplicates", GetDuplicates, false},
    StaffRoute{http::Method::kGet, "/api/v1/customers", SearchCustomers, false},
    StaffRoute{http::Method::kPost, "/api/v1/customers", PostCustomer, true},
    StaffRoute{http::Method::kGet, "/api/v1/customers/{id}", GetCustomer, false},
    StaffRoute{http::Method::kPut, "/api/v1/customers/{id}", PutCustomer, true},
    StaffRoute{http::Method::kGet, "/api/v1/customers/{id}/timeline", GetCustomerTimeline, false},
    StaffRoute{http::Method::kPost, "/api/v1/customers/{id}/merge", PostCustomerMerge, true},
    StaffRoute{http::Method::kPost, "/api/v1/customer-merges/{id}/undo", PostMergeUndo, true},
    StaffRoute{http::Method::kGet, "/api/v1/customer-candidates", CustomerCandidates, false},
    StaffRoute{http::Method::kPost, "/api/v1/interactions", PostInteraction, true},
};

}  // namespace

http::Response JsonResponse(unsigned status, const boost::json::object& body) {
  return http::Response::Json(status, boost::json::serialize(body));
}

std::string_view StaffOpenApiDocument() {
  return StaffOpenApiJson();
}

void AddStaffApiRoutes(http::Router& router, const usecase::CaseContext& context,
                       http::Execution reads) {
  const StaffContext staff{context, context.calendar.zone()};
  for (const auto& route : kRoutes) {
    router.Add(
        route.method, std::string(route.pattern),
        [staff, handler = route.handler](http::Request& request) {
          auto actor = AuthenticateStaff(request, staff.cases.store);
          if (!actor) {
            return AuthenticationFailure(request, actor.error());
          }
          auto response = handler(staff, request, *actor);
          if (!response) {
            return http::ToErrorResponse(response.error());
          }
          return std::move(*response);
        },
        route.writes ? http::Execution::kBlocking : reads);
  }
  // The document is public: a client needs it to learn how to authenticate.
  router.Add(http::Method::kGet, "/api/v1/openapi.json", [](http::Request&) {
    return http::Response::Json(200, std::string(StaffOpenApiJson()));
  });
}

}  // namespace frontdoor::api
