#include "case_search_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

CaseSearchRefresher::CaseSearchRefresher(store::Store& store, usecase::CaseSearchIndex& index,
                                         std::chrono::milliseconds interval)
    : store_(store), index_(index), interval_(interval), thread_([this] { Loop(); }) {}

CaseSearchRefresher::~CaseSearchRefresher() {
  Stop();
}

void CaseSearchRefresher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

bool CaseSearchRefresher::Stopping() {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, interval_, [this] { return stopping_; });
}

void CaseSearchRefresher::Loop() {
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
    if (Stopping()) {
      return;
    }
  }
  while (!Stopping()) {
    if (auto refreshed = usecase::RefreshCaseIndex(store_, index_); !refreshed) {
      spdlog::warn("case search index refresh failed: {}", refreshed.error().message());
    } else if (*refreshed > 0) {
      spdlog::debug("case search index: {} cases refreshed", *refreshed);
    }
  }
}

}  // namespace frontdoor::app
