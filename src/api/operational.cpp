#include "frontdoor/api/operational.hpp"

#include "frontdoor/http/error_response.hpp"

namespace frontdoor::api {

void AddOperationalRoutes(http::Router& router, store::Store& store, const http::Metrics& metrics,
                          http::Execution reads) {
  router.Add(http::Method::kGet, "/healthz",
             [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); });
  router.Add(
      http::Method::kGet, "/readyz",
      [&store](http::Request&) {
        if (auto ping = store.Ping(); !ping) {
          return http::ToErrorResponse(
              Error(ErrorCode::kUnavailable, "The database is not reachable"));
        }
        return http::Response::Json(200, R"({"status":"ready","database":"ok"})");
      },
      reads);
  router.Add(http::Method::kGet, "/metrics", [&metrics](http::Request&) {
    return http::Response::Text(200, metrics.RenderPrometheus(),
                                "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace frontdoor::api
