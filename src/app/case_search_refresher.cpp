#include "case_search_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

CaseSearchRefresher::CaseSearchRefresher(store::Store& store, usecase::CaseSearchIndex& index,
                                         std::chrono::milliseconds interval)
    : store_(store),
      index_(index),
      thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }) {}

void CaseSearchRefresher::Stop() {
  thread_.Stop();
}

void CaseSearchRefresher::Loop(runtime::PeriodicThread& self) {
  const auto started = std::chrono::steady_clock::now();
  // A database down at start is tried again each interval; case search stays 503 meanwhile.
  for (;;) {
    auto loaded = usecase::LoadCaseIndex(store_, index_);
    if (loaded) {
      const auto seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      spdlog::info("case search index: {} cases loaded in {:.1f} s", *loaded, seconds);
      break;
    }
    spdlog::warn("case search index load failed: {}", loaded.error().message());
    if (self.WaitOrStop()) {
      return;
    }
  }
  while (!self.WaitOrStop()) {
    if (auto refreshed = usecase::RefreshCaseIndex(store_, index_); !refreshed) {
      spdlog::warn("case search index refresh failed: {}", refreshed.error().message());
    } else if (*refreshed > 0) {
      spdlog::debug("case search index: {} cases refreshed", *refreshed);
    }
  }
}

}  // namespace frontdoor::app
