// Request counters and latency histograms by route, method and status, rendered in the
// Prometheus text format. Thread-safe; recording takes one uncontended lock.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace frontdoor::http {

struct Gauge {
  std::string name;  // e.g. frontdoor_db_connections_open
  std::string help;
  std::function<double()> read;
};

class Metrics {
 public:
  Metrics();
  // `route` is the matched pattern (never the raw path: bounded cardinality).
  void Observe(std::string_view route, std::string_view method, unsigned status,
               std::chrono::microseconds duration);
  void AddGauge(Gauge gauge);
  [[nodiscard]] std::string RenderPrometheus() const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  struct Series {
    std::uint64_t count = 0;
    double sum_seconds = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
  };
  using Key = std::tuple<std::string, std::string, unsigned>;
  struct Shard {
    std::mutex mutex;
    std::map<Key, Series> series;
  };
  static constexpr std::size_t kShards = 8;
  mutable std::array<Shard, kShards> shards_;
  std::vector<Gauge> gauges_;
};

}  // namespace frontdoor::http
