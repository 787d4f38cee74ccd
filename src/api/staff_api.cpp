#include "frontdoor/api/staff_api.hpp"

#include <array>

#include "frontdoor/api/attachment_routes.hpp"
#include "frontdoor/api/search_routes.hpp"
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
  access::Action action;  // what the policy is asked (core/access.hpp)
};

// The whole API surface in one table, so that it reads like the OpenAPI paths it must match
// (tests/integration/staff_api_test.cpp keeps the two in step).
constexpr std::array kRoutes{
    StaffRoute{http::Method::kGet, "/api/v1/departments", ListDepartments, false,
               access::Action::kReadCatalogue},
    StaffRoute{http::Method::kPost, "/api/v1/departments", PostDepartment, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kGet, "/api/v1/teams", ListTeams, false,
               access::Action::kReadCatalogue},
    StaffRoute{http::Method::kPost, "/api/v1/teams", PostTeam, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kGet, "/api/v1/services", ListServices, false,
               access::Action::kReadCatalogue},
    StaffRoute{http::Method::kPost, "/api/v1/services", PostService, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kGet, "/api/v1/services/{code}", GetService, false,
               access::Action::kReadCatalogue},
    StaffRoute{http::Method::kPut, "/api/v1/services/{code}", PutService, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kGet, "/api/v1/routing-rules", ListRoutingRules, false,
               access::Action::kReadCatalogue},
    StaffRoute{http::Method::kPost, "/api/v1/routing-rules", PostRoutingRule, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kDelete, "/api/v1/routing-rules/{id}", DeleteRoutingRule, true,
               access::Action::kManageCatalogue},
    StaffRoute{http::Method::kGet, "/api/v1/cases", ListCases, false, access::Action::kReadCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases", PostCase, true, access::Action::kRaiseCase},
    StaffRoute{http::Method::kGet, "/api/v1/cases/{reference}", GetCase, false,
               access::Action::kReadCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/transitions", PostTransition, true,
               access::Action::kChangeCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/assignment", PostAssignment, true,
               access::Action::kAssignCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/notes", PostNote, true,
               access::Action::kNoteCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/updates", PostUpdate, true,
               access::Action::kChangeCase},
    StaffRoute{http::Method::kPost, "/api/v1/cases/{reference}/links", PostLink, true,
               access::Action::kChangeCase},
    StaffRoute{http::Method::kGet, "/api/v1/duplicates", GetDuplicates, false,
               access::Action::kReadCase},
    StaffRoute{http::Method::kGet, "/api/v1/customers", SearchCustomers, false,
               access::Action::kReadCustomer},
    StaffRoute{http::Method::kPost, "/api/v1/customers", PostCustomer, true,
               access::Action::kChangeCustomer},
    StaffRoute{http::Method::kGet, "/api/v1/customers/{id}", GetCustomer, false,
               access::Action::kReadCustomer},
    StaffRoute{http::Method::kPut, "/api/v1/customers/{id}", PutCustomer, true,
               access::Action::kChangeCustomer},
    StaffRoute{http::Method::kGet, "/api/v1/customers/{id}/timeline", GetCustomerTimeline, false,
               access::Action::kReadCustomer},
    StaffRoute{http::Method::kPost, "/api/v1/customers/{id}/merge", PostCustomerMerge, true,
               access::Action::kMergeCustomers},
    StaffRoute{http::Method::kPost, "/api/v1/customer-merges/{id}/undo", PostMergeUndo, true,
               access::Action::kMergeCustomers},
    StaffRoute{http::Method::kGet, "/api/v1/customer-candidates", CustomerCandidates, false,
               access::Action::kReadCustomer},
    StaffRoute{http::Method::kPost, "/api/v1/interactions", PostInteraction, true,
               access::Action::kLogContact},
};

}  // namespace

http::Response JsonResponse(unsigned status, const boost::json::object& body) {
  return http::Response::Json(status, boost::json::serialize(body));
}

std::vector<StaffRouteAccess> StaffRouteTable() {
  std::vector<StaffRouteAccess> table;
  for (const auto& route : kRoutes) {
    table.push_back({route.method, route.pattern, route.action});
  }
  for (const auto& route : AttachmentRouteTable()) {
    table.push_back(route);
  }
  for (const auto& route : SearchRouteTable()) {
    table.push_back(route);
  }
  return table;
}

std::string_view StaffOpenApiDocument() {
  return StaffOpenApiJson();
}

void AddStaffApiRoutes(http::Router& router, const usecase::CaseContext& context,
                       http::Execution reads, const StaffAccessSettings& settings) {
  const StaffContext staff{context, context.calendar.zone()};
  for (const auto& route : kRoutes) {
    router.Add(
        route.method, std::string(route.pattern),
        [staff, settings, handler = route.handler, action = route.action](http::Request& request) {
          return AnswerStaff(
              request, staff.cases.store, staff.cases.clock, settings, action,
              [&](const access::Principal& caller) { return handler(staff, request, caller); });
        },
        route.writes ? http::Execution::kBlocking : reads);
  }
  // The document is public: a client needs it to learn how to authenticate.
  router.Add(http::Method::kGet, "/api/v1/openapi.json", [](http::Request&) {
    return http::Response::Json(200, std::string(StaffOpenApiJson()));
  });
}

}  // namespace frontdoor::api
