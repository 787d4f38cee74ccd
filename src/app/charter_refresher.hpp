// Keeps this node's live charter in step with charter changes made on other nodes or by the
// CLI: every interval it reads the charter's version row and rebuilds the snapshot when the
// version moved (usecase::LiveCharter::Refresh), on a thread of its own, until stopped.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::app {

class CharterRefresher {
 public:
  // `live` outlives the refresher. The first check comes after one interval.
  CharterRefresher(usecase::LiveCharter& live, std::chrono::milliseconds interval);
  CharterRefresher(const CharterRefresher&) = delete;
  CharterRefresher& operator=(const CharterRefresher&) = delete;

  void Stop();  // idempotent

 private:
  void Loop(runtime::PeriodicThread& self);

  usecase::LiveCharter& live_;
  runtime::PeriodicThread thread_;  // last: it starts at once
};

}  // namespace frontdoor::app
