// Keeps this node's knowledge index in step with articles and synonyms saved on other
// nodes: every interval it puts the articles changed since the newest change it has seen
// (usecase::RefreshKnowledgeIndex), on a thread of its own, until stopped.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::app {

class KnowledgeRefresher {
 public:
  // `ctx` outlives the refresher. The first refresh comes after one interval.
  KnowledgeRefresher(const usecase::KnowledgeContext& ctx, std::chrono::milliseconds interval);
  ~KnowledgeRefresher();
  KnowledgeRefresher(const KnowledgeRefresher&) = delete;
  KnowledgeRefresher& operator=(const KnowledgeRefresher&) = delete;

  void Stop();  // idempotent

 private:
  void Loop();

  const usecase::KnowledgeContext& ctx_;
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace frontdoor::app
