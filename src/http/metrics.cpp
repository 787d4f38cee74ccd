#include "frontdoor/http/metrics.hpp"

#include <functional>
#include <thread>

#include <fmt/format.h>

namespace frontdoor::http {

Metrics::Metrics() = default;

void Metrics::Observe(std::string_view route, std::string_view method, unsigned status,
                      std::chrono::microseconds duration) {
  // Threads spread over shards so that two event loops rarely share a lock.
  static thread_local const std::size_t shard_index =
      std::hash<std::thread::id>{}(std::this_thread::get_id()) % kShards;
  Shard& shard = shards_[shard_index];
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  const std::scoped_lock lock(shard.mutex);
  auto it = shard.series.find(Key{route, method, status});
  if (it == shard.series.end()) {
    it = shard.series.emplace(Key{std::string(route), std::string(method), status}, Series{}).first;
  }
  Series& series = it->second;
  ++series.count;
  series.sum_seconds += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++series.buckets[i];
    }
  }
}

void Metrics::AddGauge(Gauge gauge) {
  gauges_.push_back(std::move(gauge));
}

std::string Metrics::RenderPrometheus() const {
  std::map<Key, Series> merged;
  for (Shard& shard : shards_) {
    const std::scoped_lock lock(shard.mutex);
    for (const auto& [key, series] : shard.series) {
      Series& total = merged[key];
      total.count += series.count;
      total.sum_seconds += series.sum_seconds;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        total.buckets[i] += series.buckets[i];
      }
    }
  }
  std::string out;
  out += "# HELP frontdoor_http_requests_total HTTP requests answered.\n";
  out += "# TYPE frontdoor_http_requests_total counter\n";
  for (const auto& [key, series] : merged) {
    const auto& [route, method, status] = key;
    out += fmt::format(
        "frontdoor_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
        method, status, series.count);
  }
  out += "# HELP frontdoor_http_request_duration_seconds Time from request read to response.\n";
  out += "# TYPE frontdoor_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : merged) {
    const auto& [route, method, status] = key;
    const auto labels =
        fmt::format("route=\"{}\",method=\"{}\",status=\"{}\"", route, method, status);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("frontdoor_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], series.buckets[i]);
    }
    out += fmt::format("frontdoor_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, series.count);
    out += fmt::format("frontdoor_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       series.sum_seconds);
    out += fmt::format("frontdoor_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       series.count);
  }
  for (const Gauge& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.name, gauge.read());
  }
  return out;
}

}  // namespace frontdoor::http
