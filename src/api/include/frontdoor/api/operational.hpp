// Routes for operators and load balancers: /healthz (the process answers), /readyz
// (and its database does), /metrics (Prometheus text).
#pragma once

#include "frontdoor/http/metrics.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::api {

// `reads` says where handlers that read the database run (see http::Execution).
void AddOperationalRoutes(http::Router& router, store::Store& store, const http::Metrics& metrics,
                          http::Execution reads);

}  // namespace frontdoor::api
