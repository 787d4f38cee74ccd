#include "frontdoor/charter/standard.hpp"

#include <array>
#include <utility>

namespace frontdoor::charter {
namespace {

// Text names as stored in the databases: changing one is a data migration.
constexpr std::array<std::pair<Measure, std::string_view>, 7> kMeasureNames{{
    {Measure::kAcknowledge, "acknowledge"},
    {Measure::kFirstResponse, "first_response"},
    {Measure::kResolve, "resolve"},
    {Measure::kComplaintStage1, "complaint_stage1"},
    {Measure::kComplaintStage2, "complaint_stage2"},
    {Measure::kAnswerCall, "answer_call"},
    {Measure::kSeeVisitor, "see_visitor"},
}};

constexpr std::array<std::pair<TargetUnit, std::string_view>, 4> kUnitNames{{
    {TargetUnit::kWorkingDays, "working_days"},
    {TargetUnit::kWorkingHours, "working_hours"},
    {TargetUnit::kMinutes, "minutes"},
    {TargetUnit::kSeconds, "seconds"},
}};

}  // namespace

const char* MeasureName(Measure measure) {
  switch (measure) {
    case Measure::kAcknowledge: return "acknowledge";
    case Measure::kFirstResponse: return "first_response";
    case Measure::kResolve: return "resolve";
    case Measure::kComplaintStage1: return "complaint_stage1";
    case Measure::kComplaintStage2: return "complaint_stage2";
    case Measure::kAnswerCall: return "answer_call";
    case Measure::kSeeVisitor: return "see_visitor";
  }
  return "resolve";  // only if memory held an out-of-range value
}

Result<Measure> ParseMeasure(std::string_view text) {
  for (const auto& [measure, name] : kMeasureNames) {
    if (name == text) {
      return measure;
    }
  }
  return Error::Invalid("measure", "Unknown measure \"" + std::string(text) + "\"");
}

const char* TargetUnitName(TargetUnit unit) {
  switch (unit) {
    case TargetUnit::kWorkingDays: return "working_days";
    case TargetUnit::kWorkingHours: return "working_hours";
    case TargetUnit::kMinutes: return "minutes";
    case TargetUnit::kSeconds: return "seconds";
  }
  return "working_days";  // only if memory held an out-of-range value
}

Result<TargetUnit> ParseTargetUnit(std::string_view text) {
  for (const auto& [unit, name] : kUnitNames) {
    if (name == text) {
      return unit;
    }
  }
  return Error::Invalid("unit", "Unknown target unit \"" + std::string(text) + "\"");
}

Result<void> Validate(const Standard& standard) {
  if (standard.code.empty()) {
    return Error::Invalid("code", "A standard needs a code");
  }
  if (standard.name.empty()) {
    return Error::Invalid("name", "A standard needs a name");
  }
  if (standard.target.amount < 0) {
    return Error::Invalid("target", "A target must be zero or more");
  }
  if (!(standard.threshold_percent >= 0.0 && standard.threshold_percent <= 100.0)) {
    return Error::Invalid("threshold_percent", "A threshold is a percentage from 0 to 100");
  }
  return {};
}

Result<Instant> DueAt(const WorkingCalendar& calendar, Instant start, Target target) {
  if (target.amount < 0) {
    return Error::Invalid("target", "A target must be zero or more");
  }
  switch (target.unit) {
    case TargetUnit::kWorkingDays: return calendar.AddWorkingDays(start, target.amount);
    case TargetUnit::kWorkingHours:
      return calendar.AddWorkingHours(start, std::chrono::hours(target.amount));
    case TargetUnit::kMinutes: return start + std::chrono::minutes(target.amount);
    case TargetUnit::kSeconds: return start + std::chrono::seconds(target.amount);
  }
  return Error::Internal("unknown target unit");
}

}  // namespace frontdoor::charter
