// Keeps this node's knowledge index in step with articles and synonyms saved on other
// nodes: every interval it puts the articles changed since the newest change it has seen
// (usecase::RefreshKnowledgeIndex), on a thread of its own, until stopped.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::app {

class KnowledgeRefresher {
 public:
  // `ctx` outlives the refresher. The first refresh comes after one interval.
  KnowledgeRefresher(const usecase::KnowledgeContext& ctx, std::chrono::milliseconds interval);
  KnowledgeRefresher(const KnowledgeRefresher&) = delete;
  KnowledgeRefresher& operator=(const KnowledgeRefresher&) = delete;

  void Stop();  // idempotent

 private:
  void Loop(runtime::PeriodicThread& self);

  const usecase::KnowledgeContext& ctx_;
  runtime::PeriodicThread thread_;  // last: it starts at once
};

}  // namespace frontdoor::app
