// Time as the rest of the code sees it: an injected Clock, so that tests move time
// instead of sleeping. Instants are UTC (std::chrono::system_clock) at microsecond
// precision, the precision both databases store.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace frontdoor {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Instant Now() const = 0;
};

// The wall clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant Now() const override;
};

// A clock that moves only when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Instant start) : now_us_(start.time_since_epoch().count()) {}
  [[nodiscard]] Instant Now() const override {
    return Instant(std::chrono::microseconds(now_us_.load()));
  }
  void Set(Instant now) { now_us_.store(now.time_since_epoch().count()); }
  void Advance(std::chrono::microseconds by) { now_us_.fetch_add(by.count()); }

 private:
  std::atomic<std::int64_t> now_us_;
};

// Microseconds since the Unix epoch, as stored in the databases.
[[nodiscard]] inline std::int64_t ToUnixMicros(Instant t) {
  return t.time_since_epoch().count();
}
[[nodiscard]] inline Instant FromUnixMicros(std::int64_t us) {
  return Instant(std::chrono::microseconds(us));
}

}  // namespace frontdoor
