// Repository for SLA clocks on cases (one per case and applicable charter standard) and their
// pauses, plus the aggregate the charter performance report reads. Plain records; the use
// cases count time with the charter engine.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct CaseSlaRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string standard_code;
  std::string measure;  // a charter::MeasureName, copied at the start
  std::string unit;     // a charter::TargetUnitName, copied at the start
  int amount = 0;
  Instant started_at;
  std::optional<Instant> due_at;      // nullopt while paused before the due instant
  std::optional<Instant> at_risk_at;  // when it turns at risk if it keeps running
  std::optional<Instant> paused_since;
  std::chrono::microseconds paused_total{0};  // finished pauses, wall-clock time
  std::optional<Instant> stopped_at;
  std::string state;  // a charter::SlaStateName
  Instant state_changed_at;
};

struct SlaPauseRecord {
  Instant from;
  std::optional<Instant> to;
};

enum class SlaGrouping { kNone, kTeam, kService, kChannel };

// One group of clocks started in a period. Counts: met and missed from the stored state,
// breached = running (or paused) past its due instant at `now`, open = the rest.
struct SlaPerformanceRow {
  std::string standard_code;
  std::string group_code;  // team code, service code or channel; empty for kNone or no team
  std::string group_name;
  std::int64_t total = 0;
  std::int64_t met = 0;
  std::int64_t missed = 0;
  std::int64_t breached = 0;
};

class CaseSlas {
 public:
  explicit CaseSlas(ReadTx& tx) : session_(tx.session()) {}

  // kConflict when the case already has a clock for that standard.
  Result<std::int64_t> Insert(const CaseSlaRecord& sla);
  // Inserts `clocks` (their ids are ignored) with one statement. kConflict as Insert.
  Result<void> InsertAll(std::span<const CaseSlaRecord> clocks);
  // Writes every field but id, case_id, standard and target (by id).
  Result<void> Update(const CaseSlaRecord& sla);
  // Sets state and state_changed_at only if the state is still `from`; false when another
  // writer changed it first (two sweeping nodes never both record the change).
  Result<bool> ChangeState(std::int64_t id, const std::string& from, const std::string& to,
                           Instant at);
  Result<std::vector<CaseSlaRecord>> ForCase(std::int64_t case_id);  // by id

  Result<void> StartPause(std::int64_t sla_id, Instant from);
  Result<void> EndPause(std::int64_t sla_id, Instant to);           // the open one, if any
  Result<std::vector<SlaPauseRecord>> Pauses(std::int64_t sla_id);  // in order

  // Running (not paused, not stopped) clocks in state on_track or at_risk whose due instant is
  // before `now`, soonest due first, at most `limit`.
  Result<std::vector<CaseSlaRecord>> PastDue(Instant now, int limit);
  // Running clocks in state on_track whose at-risk instant is before `now`, at most `limit`.
  Result<std::vector<CaseSlaRecord>> PastAtRisk(Instant now, int limit);

  // Clocks started in [from, to), grouped by standard and `grouping`, ordered by standard and
  // group code. Reads the rollup (migration 0014) for whole UTC days and the clocks for the rest.
  Result<std::vector<SlaPerformanceRow>> Performance(Instant from, Instant to, Instant now,
                                                     SlaGrouping grouping);
  // The same from the clocks alone: the reference the rollup must agree with (tests), and
  // far slower over a large history.
  Result<std::vector<SlaPerformanceRow>> PerformanceFromClocks(Instant from, Instant to,
                                                               Instant now, SlaGrouping grouping);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
