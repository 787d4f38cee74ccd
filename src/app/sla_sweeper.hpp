// The periodic SLA sweep inside `frontdoor serve`: marks clocks at risk and breached
// (usecase::SweepSlaClocks) every interval on a thread of its own, until stopped, and deletes
// expired Idempotency-Keys. Several nodes may each run one: the use case records every change
// once.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/idempotency.hpp"
#include "frontdoor/usecase/sla.hpp"

namespace frontdoor::app {

// Runs batches until none is full, so a backlog clears in one round.
Result<usecase::SlaSweep> SweepAll(const usecase::CaseContext& ctx);

class SlaSweeper {
 public:
  // Starts sweeping at once and then every `interval`. `ctx` outlives the sweeper.
  SlaSweeper(const usecase::CaseContext& ctx, std::chrono::milliseconds interval);
  SlaSweeper(const SlaSweeper&) = delete;
  SlaSweeper& operator=(const SlaSweeper&) = delete;

  // Finishes the sweep under way, if any, and joins the thread. Idempotent.
  void Stop();

 private:
  void Loop(runtime::PeriodicThread& self);

  const usecase::CaseContext& ctx_;
  runtime::PeriodicThread thread_;  // last: it starts at once
};

}  // namespace frontdoor::app
