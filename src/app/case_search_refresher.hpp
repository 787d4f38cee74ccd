// Keeps this node's case search index (usecase/case_search.hpp) loaded and current, on a
// thread of its own: first the load by keyset pages (the server answers meanwhile; case
// search says 503 until it is done), then every interval the cases and customers changed
// since the newest change it has seen, until stopped.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/case_search.hpp"

namespace frontdoor::app {

class CaseSearchRefresher {
 public:
  // `store` and `index` outlive the refresher. Loading starts at once.
  CaseSearchRefresher(store::Store& store, usecase::CaseSearchIndex& index,
                      std::chrono::milliseconds interval);
  CaseSearchRefresher(const CaseSearchRefresher&) = delete;
  CaseSearchRefresher& operator=(const CaseSearchRefresher&) = delete;

  void Stop();  // idempotent

 private:
  void Loop(runtime::PeriodicThread& self);

  store::Store& store_;
  usecase::CaseSearchIndex& index_;
  runtime::PeriodicThread thread_;  // last: it starts at once
};

}  // namespace frontdoor::app
