#include "knowledge_refresher.hpp"

#include <spdlog/spdlog.h>

namespace frontdoor::app {

KnowledgeRefresher::KnowledgeRefresher(const usecase::KnowledgeContext& ctx,
                                       std::chrono::milliseconds interval,
                                       std::chrono::milliseconds flush_interval)
    : ctx_(ctx),
      thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }),
      flusher_(flush_interval, [this](runtime::PeriodicThread& self) { FlushLoop(self); }) {}

void KnowledgeRefresher::Stop() {
  thread_.Stop();
  flusher_.Stop();
}

void KnowledgeRefresher::FlushLoop(runtime::PeriodicThread& self) {
  while (!self.WaitOrStop()) {
    Flush();
  }
  Flush();  // on shutdown: the server has stopped answering, so nothing is queued after this
}

void KnowledgeRefresher::Flush() {
  // Events the database could not take stay queued for the next round.
  if (auto flushed = usecase::FlushKnowledgeEvents(ctx_); !flushed) {
    spdlog::warn("knowledge events not written: {}", flushed.error().message());
  }
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
