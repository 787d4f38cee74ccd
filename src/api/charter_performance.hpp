// GET /api/v1/charter/performance: the query parsed at the edge, the report as JSON. Private to
// the api module.
#pragma once

#include <boost/json/value.hpp>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::api {

// from, to: local dates YYYY-MM-DD (default: the last twelve months, to today); group_by: a
// comma-separated or repeated list of standard (always), team, service, channel and month.
// 400 for a malformed query string, 422 naming from, to or group_by.
// A percentage as JSON: whole numbers as integers, others to two decimal places (Boost.JSON
// writes every double in exponent form, so 90 would read 9E1).
boost::json::value PercentValue(double percent);

http::Response CharterPerformanceResponse(store::Store& store, const Clock& clock,
                                          const http::Request& request);

}  // namespace frontdoor::api
