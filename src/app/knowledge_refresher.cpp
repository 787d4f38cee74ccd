#include "knowledge_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

KnowledgeRefresher::KnowledgeRefresher(const usecase::KnowledgeContext& ctx,
                                       std::chrono::milliseconds interval)
    : ctx_(ctx), thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }) {}

void KnowledgeRefresher::Stop() {
  thread_.Stop();
}

void KnowledgeRefresher::Loop(runtime::PeriodicThread& self) {
  while (!self.WaitOrStop()) {
    // A database that is down now will be read again next time; the index keeps serving.
    if (auto refreshed = usecase::RefreshKnowledgeIndex(ctx_); !refreshed) {
      spdlog::warn("knowledge index refresh failed: {}", refreshed.error().message());
    } else if (*refreshed > 0) {
      spdlog::debug("knowledge index: {} articles refreshed", *refreshed);
    }
  }
}

}  // namespace frontdoor::app
