#include "frontdoor/http/metrics.hpp"

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

TEST(MetricsTest, CountsAndBucketsByRouteAndStatus) {
  Metrics metrics;
  metrics.Observe("/healthz", "GET", 200, std::chrono::microseconds(300));
  metrics.Observe("/healthz", "GET", 200, std::chrono::microseconds(3000));
  metrics.Observe("unmatched", "GET", 404, std::chrono::microseconds(100));
  const auto text = metrics.RenderPrometheus();
  EXPECT_NE(
      text.find(R"(frontdoor_http_requests_total{route="/healthz",method="GET",status="200"} 2)"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          R"(frontdoor_http_request_duration_seconds_bucket{route="/healthz",method="GET",status="200",le="0.0005"} 1)"),
      std::string::npos);
  EXPECT_NE(text.find(R"(status="404"} 1)"), std::string::npos);
}

TEST(MetricsTest, GaugesAreReadAtRenderTime) {
  Metrics metrics;
  int open = 3;
  metrics.AddGauge({"frontdoor_db_connections_open", "Open connections", [&] { return open; }});
  open = 5;
  EXPECT_NE(metrics.RenderPrometheus().find("frontdoor_db_connections_open 5"), std::string::npos);
}

}  // namespace
}  // namespace frontdoor::http
