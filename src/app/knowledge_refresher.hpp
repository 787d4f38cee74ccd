// Keeps this node's knowledge index in step with articles and synonyms saved on other
// nodes: every interval it puts the articles changed since the newest change it has seen
// (usecase::RefreshKnowledgeIndex), on a thread of its own, until stopped. A second thread
// writes the queued search events every flush interval (usecase::FlushKnowledgeEvents) and
// once more when stopped: a crash loses at most one flush interval of them.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::app {

class KnowledgeRefresher {
 public:
  // `ctx` outlives the refresher. The first refresh comes after one interval.
  KnowledgeRefresher(const usecase::KnowledgeContext& ctx, std::chrono::milliseconds interval,
                     std::chrono::milliseconds flush_interval = std::chrono::seconds(1));
  KnowledgeRefresher(const KnowledgeRefresher&) = delete;
  KnowledgeRefresher& operator=(const KnowledgeRefresher&) = delete;

  void Stop();  // idempotent; writes the events still queued

 private:
  void Loop(runtime::PeriodicThread& self);
  void FlushLoop(runtime::PeriodicThread& self);
  void Flush();

  const usecase::KnowledgeContext& ctx_;
  runtime::PeriodicThread thread_;  // last two: they start at once
  runtime::PeriodicThread flusher_;
};

}  // namespace frontdoor::app
