#include "charter_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

CharterRefresher::CharterRefresher(usecase::LiveCharter& live, std::chrono::milliseconds interval)
    : live_(live), thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }) {}

void CharterRefresher::Stop() {
  thread_.Stop();
}

void CharterRefresher::Loop(runtime::PeriodicThread& self) {
  while (!self.WaitOrStop()) {
    // A database that is down now is read again next time; the current snapshot keeps serving.
    if (auto refreshed = live_.Refresh(); !refreshed) {
      spdlog::warn("charter refresh failed: {}", refreshed.error().message());
    } else if (*refreshed) {
      const auto now = live_.Current();
      spdlog::info("charter version {}: due dates on calendar {} with {} standards", now->version,
                   now->calendar.code(), now->standards.size());
    }
  }
}

}  // namespace frontdoor::app
