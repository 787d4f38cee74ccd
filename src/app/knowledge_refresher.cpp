#include "knowledge_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

KnowledgeRefresher::KnowledgeRefresher(const usecase::KnowledgeContext& ctx,
                                       std::chrono::milliseconds interval)
    : ctx_(ctx), interval_(interval), thread_([this] { Loop(); }) {}

KnowledgeRefresher::~KnowledgeRefresher() {
  Stop();
}

void KnowledgeRefresher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void KnowledgeRefresher::Loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    // A database that is down now will be read again next time; the index keeps serving.
    if (auto refreshed = usecase::RefreshKnowledgeIndex(ctx_); !refreshed) {
      spdlog::warn("knowledge index refresh failed: {}", refreshed.error().message());
    } else if (*refreshed > 0) {
      spdlog::debug("knowledge index: {} articles refreshed", *refreshed);
    }
    lock.lock();
  }
}

}  // namespace frontdoor::app
