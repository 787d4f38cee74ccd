#include "frontdoor/core/clock.hpp"

namespace frontdoor {

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace frontdoor
