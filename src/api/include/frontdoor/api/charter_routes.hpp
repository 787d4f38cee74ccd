// The customer charter as JSON, read only: GET /api/v1/charter/standards (every standard, with
// whether it is active), GET /api/v1/charter/calendars and /api/v1/charter/calendars/{code}
// (opening hours, closed days, closures). Public, like the charter itself: no personal data.
#pragma once

#include "frontdoor/http/router.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::api {

// `reads` says where the handlers run (see http::Execution). The store outlives the router.
void AddCharterRoutes(http::Router& router, store::Store& store, http::Execution reads);

}  // namespace frontdoor::api
