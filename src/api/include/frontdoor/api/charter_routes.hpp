// The customer charter as JSON, read only: GET /api/v1/charter/standards (every standard, with
// whether it is active), GET /api/v1/charter/calendars and /api/v1/charter/calendars/{code}
// (opening hours, closed days, closures), and GET /api/v1/charter/performance (how the council
// did against each standard in a period: ?from=YYYY-MM-DD&to=YYYY-MM-DD&group_by=team,month).
// Public, like the charter itself: counts only, no personal data.
#pragma once

#include "frontdoor/core/clock.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::api {

// `reads` says where the handlers run (see http::Execution). The store and clock outlive the
// router; the clock says which open clocks are past due in the performance report.
void AddCharterRoutes(http::Router& router, store::Store& store, const Clock& clock,
                      http::Execution reads);

}  // namespace frontdoor::api
