// SLA clocks on cases beyond a single case: the periodic sweep that marks clocks at risk and
// breached, and the charter performance report. (Clocks start, pause, resume and stop inside
// the case use cases.) Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/case_sla.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::usecase {

struct SlaSweep {
  int at_risk = 0;   // clocks newly at risk
  int breached = 0;  // clocks newly breached
};

inline constexpr int kSlaSweepBatch = 500;

// Marks running clocks past their at-risk instant "at_risk" and past their due instant
// "breached", appending an internal note (actor "system") to each case's history in the same
// transaction. At most `limit` of each per call: call again while a count equals `limit`.
// Several nodes may sweep at once; each change is recorded once.
Result<SlaSweep> SweepSlaClocks(const CaseContext& ctx, int limit = kSlaSweepBatch);

// The clocks of one case, by id. kNotFound for an unknown reference.
Result<std::vector<store::CaseSlaRecord>> CaseSlaClocks(const CaseContext& ctx,
                                                        const std::string& reference);

// A clock as the case use cases and the sweep would have left it, with its pauses.
struct ReplayedSla {
  store::CaseSlaRecord sla;  // id and case_id unset
  std::vector<store::SlaPauseRecord> pauses;
};

// The clocks of a case created at record.created_at (channel and service_code set) whose
// history is `events` (in order: status events, public updates, customer comments), as the
// live path writes them: started with the case, paused, resumed and stopped by the same
// rules, then swept at `now` (at risk, breached). For loading history in bulk.
Result<std::vector<ReplayedSla>> ReplaySlaClocks(const std::vector<charter::Standard>& standards,
                                                 const charter::WorkingCalendar& calendar,
                                                 const store::CaseRecord& record,
                                                 const std::string& case_type,
                                                 const std::optional<std::string>& resolve_standard,
                                                 const std::vector<store::CaseEventRecord>& events,
                                                 Instant now);

enum class PerformanceGroup { kTeam, kService, kChannel, kMonth };

struct PerformanceQuery {
  charter::Date from;  // local dates, both inclusive
  charter::Date to;
  std::vector<PerformanceGroup> group_by;  // always by standard; at most one of team, service
                                           // and channel, and month
};

inline constexpr int kMaxPerformanceDays = 5 * 366;

struct PerformanceRow {
  std::string standard_code;
  std::string standard_name;  // empty when the standard no longer exists
  std::optional<double> threshold_percent;
  std::optional<std::string> month;       // YYYY-MM, when grouped by month
  std::optional<std::string> group_code;  // team code, service code or channel
  std::optional<std::string> group_name;
  std::int64_t total = 0;
  std::int64_t met = 0;
  std::int64_t missed = 0;
  std::int64_t breached = 0;  // still open past the due instant
  std::int64_t open = 0;      // still open within it (or paused)
  // met / (met + missed + breached), in percent; nullopt while nothing is decided.
  std::optional<double> compliance_percent;
  std::optional<bool> meets_threshold;
};

// Clocks started from `from` 00:00 to the end of `to` in `zone` (null: UTC), grouped as asked,
// counted as of `now`; names and thresholds from `standards`. kInvalidInput on "to" (before from,
// or more than kMaxPerformanceDays after it) and "group_by" (two of team, service and channel).
Result<std::vector<PerformanceRow>> CharterPerformance(
    store::Store& store, const date::time_zone* zone, Instant now, const PerformanceQuery& query,
    const std::vector<charter::Standard>& standards);

}  // namespace frontdoor::usecase
