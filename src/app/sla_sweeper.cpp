#include "sla_sweeper.hpp"

#include <spdlog/spdlog.h>

#include "frontdoor/usecase/citizen_auth.hpp"
#include "frontdoor/usecase/staff_auth.hpp"

namespace frontdoor::app {

Result<usecase::SlaSweep> SweepAll(const usecase::CaseContext& ctx) {
  usecase::SlaSweep total;
  for (;;) {
    auto sweep = usecase::SweepSlaClocks(ctx);
    if (!sweep) {
      return sweep.error();
    }
    total.at_risk += sweep->at_risk;
    total.breached += sweep->breached;
    if (sweep->at_risk < usecase::kSlaSweepBatch && sweep->breached < usecase::kSlaSweepBatch) {
      return total;
    }
  }
}

SlaSweeper::SlaSweeper(const usecase::CaseContext& ctx, std::chrono::milliseconds interval)
    : ctx_(ctx), thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }) {}

void SlaSweeper::Stop() {
  thread_.Stop();
}

void SlaSweeper::Loop(runtime::PeriodicThread& self) {
  // At once, then every interval.
  for (bool stopping = self.StopAsked(); !stopping; stopping = self.WaitOrStop()) {
    auto sweep = SweepAll(ctx_);
    if (!sweep) {
      // The database may be down for a while; the next round tries again.
      spdlog::warn("SLA sweep failed: {}", sweep.error().message());
    } else if (sweep->at_risk + sweep->breached > 0) {
      spdlog::info("SLA sweep: {} at risk, {} breached", sweep->at_risk, sweep->breached);
    }
    // Expired keys are ignored anyway; deleting them keeps the table at a day's creates.
    if (auto purged = usecase::PurgeExpiredIdempotencyKeys(ctx_.store, ctx_.clock); !purged) {
      spdlog::warn("Idempotency-Key purge failed: {}", purged.error().message());
    }
    // Ended sessions are refused anyway; old sign-in attempts no longer count towards a lock.
    if (auto purged = usecase::PurgeSignIns(ctx_.store, ctx_.clock); !purged) {
      spdlog::warn("sign-in purge failed: {}", purged.error().message());
    }
    if (auto purged = usecase::PurgeCitizenSignIns(ctx_.store, ctx_.clock); !purged) {
      spdlog::warn("citizen sign-in purge failed: {}", purged.error().message());
    }
  }
}

}  // namespace frontdoor::app
