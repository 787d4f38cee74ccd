// Charter standards as data: what is measured, for which contacts, and the target. Stored as
// text, so every enum has a stable name. Pure and stateless, so thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::charter {

enum class Measure {
  kAcknowledge,
  kFirstResponse,
  kResolve,
  kComplaintStage1,
  kComplaintStage2,
  kAnswerCall,
  kSeeVisitor,
};

// Working units count on the calendar; minutes and seconds run on the plain clock.
enum class TargetUnit { kWorkingDays, kWorkingHours, kMinutes, kSeconds };

struct Target {
  TargetUnit unit;
  int amount;  // >= 0
};

struct Standard {
  std::string code;  // e.g. "EMAIL-ACK"
  std::string name;
  Measure measure;
  std::optional<std::string> channel;       // nullopt: every channel
  std::optional<std::string> case_type;     // nullopt: every case type
  std::optional<std::string> service_code;  // nullopt: every service
  Target target;
  double threshold_percent;  // share of contacts that must meet the target, 0..100
};

// Stable text names: "acknowledge", "first_response", "resolve", "complaint_stage1",
// "complaint_stage2", "answer_call", "see_visitor"; "working_days", "working_hours", "minutes",
// "seconds". Parse fails with kInvalidInput on field "measure" or "unit".
[[nodiscard]] const char* MeasureName(Measure measure);
[[nodiscard]] Result<Measure> ParseMeasure(std::string_view text);
[[nodiscard]] const char* TargetUnitName(TargetUnit unit);
[[nodiscard]] Result<TargetUnit> ParseTargetUnit(std::string_view text);

// Checks a standard read from data: kInvalidInput on "code", "name", "target" (negative) or
// "threshold_percent" (outside 0..100).
[[nodiscard]] Result<void> Validate(const Standard& standard);

// When `target` falls due for a contact that started at `start` (no pauses): working units via
// the calendar (AddWorkingDays / AddWorkingHours), minutes and seconds as start + amount.
// kInvalidInput on "target" when the amount is negative, or the calendar's range errors.
[[nodiscard]] Result<Instant> DueAt(const WorkingCalendar& calendar, Instant start, Target target);

}  // namespace frontdoor::charter
