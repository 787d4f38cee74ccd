// Staff search over cases and customers in the staff JSON API (/api/v1/), described in the
// same OpenAPI document:
//   GET /api/v1/search/cases?q=&status=&service=&team=&department=&limit=&offset=
//       ranked cases (read case right); a reference is looked up directly; an officer sees
//       the cases of their departments only; 503 with Retry-After while the index loads
//   GET /api/v1/search/customers?q=&limit=
//       customers by name (fuzzy), email, phone, postcode or case reference (read customer
//       right); restricted customers only for those who may open them
// Handlers are safe on any thread.
#pragma once

#include <vector>

#include "frontdoor/api/staff_access.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/case_search.hpp"

namespace frontdoor::api {

struct SearchContext {
  store::Store& store;
  const Clock& clock;
  const usecase::CaseSearchIndex& cases;
};

// Registers the routes. `context` must outlive the router.
void AddSearchRoutes(http::Router& router, const SearchContext& context, http::Execution reads,
                     const StaffAccessSettings& settings = {});

// The rows of the route table with the action each asks (for access tests).
[[nodiscard]] std::vector<StaffRouteAccess> SearchRouteTable();

}  // namespace frontdoor::api
