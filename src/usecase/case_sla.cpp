#include "case_sla.hpp"

#include <algorithm>
#include <map>

#include "frontdoor/usecase/sla.hpp"

namespace frontdoor::usecase {
namespace {

using charter::Measure;
using std::chrono::microseconds;

bool InScope(const std::optional<std::string>& scope, const std::string& value) {
  return !scope || *scope == value;
}

int Specificity(const charter::Standard& standard) {
  return (standard.channel ? 1 : 0) + (standard.case_type ? 1 : 0) +
         (standard.service_code ? 1 : 0);
}

// Complaint stage 2 starts on escalation, calls and visits are contacts: none starts with a case.
bool StartsWithCase(Measure measure) {
  switch (measure) {
    case Measure::kAcknowledge:
    case Measure::kFirstResponse:
    case Measure::kResolve:
    case Measure::kComplaintStage1: return true;
    case Measure::kComplaintStage2:
    case Measure::kAnswerCall:
    case Measure::kSeeVisitor: return false;
  }
  return false;
}

// Whether the move (or the public update) achieves what the clock measures. A resolved or
// closed case has been answered, so it also meets acknowledgement and first response.
bool Stops(Measure measure, CaseStatus from, CaseStatus to, bool public_update) {
  const bool finished = !IsOpen(to);
  switch (measure) {
    case Measure::kAcknowledge:
      return finished || public_update || (from == CaseStatus::kNew && to != CaseStatus::kNew);
    case Measure::kFirstResponse: return finished || public_update;
    case Measure::kResolve:
    case Measure::kComplaintStage1:
    case Measure::kComplaintStage2: return finished;
    case Measure::kAnswerCall:
    case Measure::kSeeVisitor: return false;
  }
  return false;
}

bool IsWorkingUnit(charter::TargetUnit unit) {
  return unit == charter::TargetUnit::kWorkingDays || unit == charter::TargetUnit::kWorkingHours;
}

// Due, at-risk instant and state from the engine, as of `now`.
Result<void> Refresh(store::CaseSlaRecord& sla, const std::vector<store::SlaPauseRecord>& pauses,
                     const charter::WorkingCalendar& calendar, Instant now) {
  auto clock = ToEngineClock(sla, pauses);
  if (!clock) {
    return clock.error();
  }
  auto reading = charter::ReadAt(calendar, *clock, now);
  if (!reading) {
    return reading.error();
  }
  const std::string state = charter::SlaStateName(reading->state);
  if (state != sla.state) {
    sla.state = state;
    sla.state_changed_at = now;
  }
  sla.due_at = reading->due;
  sla.at_risk_at.reset();
  if (reading->state != charter::SlaState::kOnTrack) {
    return {};
  }
  // The sweep marks the clock at risk once less than the share of its target time is left,
  // i.e. once more than the rest has been used.
  const auto limit = microseconds(static_cast<std::int64_t>(
      static_cast<double>(reading->target_time.count()) * (1.0 - charter::kDefaultAtRiskShare)));
  const microseconds before_risk = std::max(limit - reading->used, microseconds(0));
  if (IsWorkingUnit(clock->target.unit)) {
    auto at = calendar.AddWorkingHours(now, before_risk);
    if (!at) {
      return at.error();
    }
    sla.at_risk_at = *at;
  } else {
    sla.at_risk_at = now + before_risk;
  }
  return {};
}

// Stops the clock, or else pauses a running one or resumes a paused one, at `now`; then reads
// it again and stores it.
Result<void> Apply(store::CaseSlas& slas, const charter::WorkingCalendar& calendar,
                   store::CaseSlaRecord& sla, bool stop, Instant now) {
  const bool was_paused = sla.paused_since.has_value();
  if (was_paused) {  // stopping or resuming: the pause ends now
    if (auto ended = slas.EndPause(sla.id, now); !ended) {
      return ended.error();
    }
    sla.paused_total += std::max(now - *sla.paused_since, microseconds(0));
    sla.paused_since.reset();
  }
  if (stop) {
    sla.stopped_at = now;
  } else if (!was_paused) {
    if (auto started = slas.StartPause(sla.id, now); !started) {
      return started.error();
    }
    sla.paused_since = now;
  }
  auto pauses = slas.Pauses(sla.id);
  if (!pauses) {
    return pauses.error();
  }
  if (auto refreshed = Refresh(sla, *pauses, calendar, now); !refreshed) {
    return refreshed.error();
  }
  return slas.Update(sla);
}

}  // namespace

std::vector<const charter::Standard*> ApplicableStandards(
    const std::vector<charter::Standard>& standards, const std::string& channel,
    const std::string& case_type, const std::string& service_code,
    const std::optional<std::string>& resolve_standard) {
  const charter::Standard* own = nullptr;
  for (const auto& standard : standards) {
    if (resolve_standard && standard.code == *resolve_standard) {
      own = &standard;
    }
  }
  std::map<Measure, const charter::Standard*> chosen;
  for (const auto& standard : standards) {
    if (!StartsWithCase(standard.measure) || !InScope(standard.channel, channel) ||
        !InScope(standard.case_type, case_type) || !InScope(standard.service_code, service_code)) {
      continue;
    }
    const charter::Standard*& current = chosen[standard.measure];
    if (current == nullptr || Specificity(standard) > Specificity(*current) ||
        (Specificity(standard) == Specificity(*current) && standard.code < current->code)) {
      current = &standard;
    }
  }
  // The service names its own standard: it wins for that measure, whatever the scopes say.
  if (own != nullptr && StartsWithCase(own->measure)) {
    chosen[own->measure] = own;
  }
  std::vector<const charter::Standard*> out;
  out.reserve(chosen.size());
  for (const auto& [measure, standard] : chosen) {
    out.push_back(standard);
  }
  return out;
}

Result<charter::SlaClock> ToEngineClock(const store::CaseSlaRecord& sla,
                                        const std::vector<store::SlaPauseRecord>& pauses) {
  auto unit = charter::ParseTargetUnit(sla.unit);
  if (!unit) {
    return Error::Internal("SLA clock " + std::to_string(sla.id) + " has unit " + sla.unit);
  }
  charter::SlaClock clock{sla.started_at, {*unit, sla.amount}, {}, sla.stopped_at};
  for (const auto& pause : pauses) {
    clock.pauses.push_back({pause.from, pause.to});
  }
  return clock;
}

Result<std::vector<store::CaseSlaRecord>> NewSlaClocks(
    const CharterInUse& in_use, const store::CaseRecord& record, const std::string& case_type,
    const std::optional<std::string>& resolve_standard) {
  std::vector<store::CaseSlaRecord> clocks;
  for (const charter::Standard* standard : ApplicableStandards(
           in_use.standards(), record.channel, case_type, record.service_code, resolve_standard)) {
    store::CaseSlaRecord& sla = clocks.emplace_back();
    sla.standard_code = standard->code;
    sla.measure = charter::MeasureName(standard->measure);
    sla.unit = charter::TargetUnitName(standard->target.unit);
    sla.amount = standard->target.amount;
    sla.started_at = record.created_at;
    sla.state = charter::SlaStateName(charter::SlaState::kOnTrack);
    sla.state_changed_at = record.created_at;
    if (auto refreshed = Refresh(sla, {}, in_use.calendar(), record.created_at); !refreshed) {
      return refreshed.error();
    }
  }
  return clocks;
}

Result<void> StartSlaClocks(store::WriteTx& tx, std::int64_t case_id,
                            std::vector<store::CaseSlaRecord>& clocks) {
  for (store::CaseSlaRecord& sla : clocks) {
    sla.case_id = case_id;
  }
  return store::CaseSlas(tx).InsertAll(clocks);
}

Result<void> UpdateSlaClocks(store::WriteTx& tx, const CaseContext& ctx,
                             const store::CaseRecord& record, CaseStatus from, bool public_update) {
  store::CaseSlas slas(tx);
  const CharterInUse in_use(ctx);
  auto clocks = slas.ForCase(record.id);
  if (!clocks) {
    return clocks.error();
  }
  for (auto& sla : *clocks) {
    const auto measure = charter::ParseMeasure(sla.measure);
    if (sla.stopped_at || !measure) {
      continue;
    }
    const bool stop = Stops(*measure, from, record.status, public_update);
    const bool awaiting = PausesSla(record.status);
    if (!stop && awaiting == sla.paused_since.has_value()) {
      continue;  // nothing changes for this clock
    }
    if (auto applied = Apply(slas, in_use.calendar(), sla, stop, record.updated_at); !applied) {
      return applied.error();
    }
  }
  return {};
}

namespace {

// Apply() on a clock held in memory with its pauses: the same decisions, no store.
Result<void> ApplyInMemory(ReplayedSla& clock, const charter::WorkingCalendar& calendar, bool stop,
                           Instant now) {
  store::CaseSlaRecord& sla = clock.sla;
  const bool was_paused = sla.paused_since.has_value();
  if (was_paused) {
    for (auto& pause : clock.pauses) {
      if (!pause.to) {
        pause.to = now;
      }
    }
    sla.paused_total += std::max(now - *sla.paused_since, microseconds(0));
    sla.paused_since.reset();
  }
  if (stop) {
    sla.stopped_at = now;
  } else if (!was_paused) {
    clock.pauses.push_back({now, std::nullopt});
    sla.paused_since = now;
  }
  return Refresh(sla, clock.pauses, calendar, now);
}

// What the periodic sweep does to a running clock by `now`: at risk, then breached, each
// recorded when its instant passes (the sweep runs every minute).
void Sweep(store::CaseSlaRecord& sla, Instant now) {
  if (sla.stopped_at || sla.paused_since) {
    return;
  }
  if (sla.due_at && *sla.due_at < now && (sla.state == "on_track" || sla.state == "at_risk")) {
    sla.state = "breached";
    sla.state_changed_at = *sla.due_at;
  } else if (sla.at_risk_at && *sla.at_risk_at < now && sla.state == "on_track") {
    sla.state = "at_risk";
    sla.state_changed_at = *sla.at_risk_at;
  }
}

// The clocks the case started with, as CreateCase starts them: on track at creation.
Result<std::vector<ReplayedSla>> StartClocks(const std::vector<charter::Standard>& standards,
                                             const charter::WorkingCalendar& calendar,
                                             const store::CaseRecord& record,
                                             const std::string& case_type,
                                             const std::optional<std::string>& resolve_standard) {
  std::vector<ReplayedSla> clocks;
  for (const charter::Standard* standard : ApplicableStandards(
           standards, record.channel, case_type, record.service_code, resolve_standard)) {
    ReplayedSla clock;
    store::CaseSlaRecord& sla = clock.sla;
    sla.standard_code = standard->code;
    sla.measure = charter::MeasureName(standard->measure);
    sla.unit = charter::TargetUnitName(standard->target.unit);
    sla.amount = standard->target.amount;
    sla.started_at = record.created_at;
    sla.state = charter::SlaStateName(charter::SlaState::kOnTrack);
    sla.state_changed_at = record.created_at;
    if (auto refreshed = Refresh(sla, {}, calendar, record.created_at); !refreshed) {
      return refreshed.error();
    }
    clocks.push_back(std::move(clock));
  }
  return clocks;
}

// A move of the case that may touch its clocks.
struct ClockStep {
  CaseStatus from;
  CaseStatus to;
  bool public_update;
};

// The step `event` makes from `current` (which it advances), or nothing when the event
// leaves the clocks alone.
std::optional<ClockStep> StepOf(const store::CaseEventRecord& event, CaseStatus& current) {
  if (!event.status && event.kind != "public_update") {
    return std::nullopt;
  }
  CaseStatus to = current;
  if (event.status) {
    auto parsed = ParseCaseStatus(*event.status);
    if (!parsed) {
      return std::nullopt;
    }
    to = *parsed;
  }
  // As the use cases: a customer's comment reopens without touching the clocks; a status
  // change with a public note and a public update tell the customer something.
  bool public_update = event.kind == "public_update";
  if (event.kind == "status") {
    if (to == current) {
      return std::nullopt;  // written after the customer comment that made the move
    }
    public_update = event.body.has_value();
  } else if (event.kind != "public_update") {
    current = to;
    return std::nullopt;
  }
  const ClockStep step{current, to, public_update};
  current = to;
  return step;
}

// UpdateSlaClocks on clocks held in memory.
Result<void> ApplyStep(std::vector<ReplayedSla>& clocks, const charter::WorkingCalendar& calendar,
                       const ClockStep& step, Instant at) {
  for (ReplayedSla& clock : clocks) {
    const auto measure = charter::ParseMeasure(clock.sla.measure);
    if (clock.sla.stopped_at || !measure) {
      continue;
    }
    const bool stop = Stops(*measure, step.from, step.to, step.public_update);
    if (!stop && PausesSla(step.to) == clock.sla.paused_since.has_value()) {
      continue;
    }
    if (auto applied = ApplyInMemory(clock, calendar, stop, at); !applied) {
      return applied.error();
    }
  }
  return {};
}

}  // namespace

Result<std::vector<ReplayedSla>> ReplaySlaClocks(const std::vector<charter::Standard>& standards,
                                                 const charter::WorkingCalendar& calendar,
                                                 const store::CaseRecord& record,
                                                 const std::string& case_type,
                                                 const std::optional<std::string>& resolve_standard,
                                                 const std::vector<store::CaseEventRecord>& events,
                                                 Instant now) {
  auto clocks = StartClocks(standards, calendar, record, case_type, resolve_standard);
  if (!clocks) {
    return clocks.error();
  }
  CaseStatus current = CaseStatus::kNew;
  for (const store::CaseEventRecord& event : events) {
    const auto step = StepOf(event, current);
    if (!step) {
      continue;
    }
    if (auto applied = ApplyStep(*clocks, calendar, *step, event.at); !applied) {
      return applied.error();
    }
  }
  for (ReplayedSla& clock : *clocks) {
    Sweep(clock.sla, now);
  }
  return clocks;
}

}  // namespace frontdoor::usecase
