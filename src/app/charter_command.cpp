#include "frontdoor/app/charter_command.hpp"

#include <algorithm>

#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::app {

using charter::Measure;
using charter::Standard;
using charter::Target;
using charter::TargetUnit;

std::vector<Standard> DefaultCharter() {
  const auto days = [](int n) { return Target{TargetUnit::kWorkingDays, n}; };
  return {
      {"EMAIL-ACK", "Acknowledge emails, web forms and letters within 2 working days",
       Measure::kAcknowledge, std::nullopt, std::nullopt, std::nullopt, days(2), 95},
      {"EMAIL-RESP", "Full response within 10 working days", Measure::kResolve, std::nullopt,
       std::nullopt, std::nullopt, days(10), 90},
      {"SVC-CLEANSE", "Resolve street cleansing requests within 5 working days", Measure::kResolve,
       std::nullopt, "request", std::nullopt, days(5), 90},
      {"COMPLAINT-S1", "Stage 1 complaints: frontline response within 5 working days",
       Measure::kComplaintStage1, std::nullopt, "complaint", std::nullopt, days(5), 90},
      {"COMPLAINT-S2", "Stage 2 complaints: investigation response within 20 working days",
       Measure::kComplaintStage2, std::nullopt, "complaint", std::nullopt, days(20), 90},
      {"PHONE-ANS", "Answer 80% of calls within 20 seconds", Measure::kAnswerCall, "phone",
       std::nullopt, std::nullopt, Target{TargetUnit::kSeconds, 20}, 80},
      {"F2F-APPT", "See visitors within 10 minutes of their appointment", Measure::kSeeVisitor,
       "face_to_face", std::nullopt, std::nullopt, Target{TargetUnit::kMinutes, 10}, 90},
  };
}

Result<charter::WorkingCalendar> DefaultCalendar() {
  std::vector<charter::Date> closed;
  for (const auto& holiday : charter::NorthernIrelandHolidays(
           charter::WorkingCalendar::kFirstYear, charter::WorkingCalendar::kLastYear)) {
    closed.push_back(holiday.date);
  }
  return charter::WorkingCalendar::Create(
      "default",
      charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)),
      std::move(closed));
}

Result<std::string> CharterDue(const DueQuery& query) {
  const int given =
      (query.standard ? 1 : 0) + (query.working_days ? 1 : 0) + (query.working_hours ? 1 : 0);
  if (given != 1) {
    return Error::Invalid("standard",
                          "Give exactly one of --standard, --working-days or --working-hours");
  }
  if (query.calendar != "default") {
    return Error::NotFound("No calendar with the code '" + query.calendar + "'");
  }
  auto from = charter::ParseIso8601(query.from, "from");
  if (!from) {
    return from.error();
  }
  Target target{};
  if (query.working_days) {
    if (*query.working_days < 0) {
      return Error::Invalid("working_days", "--working-days must be 0 or more");
    }
    target = {TargetUnit::kWorkingDays, *query.working_days};
  } else if (query.working_hours) {
    if (*query.working_hours < 0) {
      return Error::Invalid("working_hours", "--working-hours must be 0 or more");
    }
    target = {TargetUnit::kWorkingHours, *query.working_hours};
  } else {
    const auto standards = DefaultCharter();
    const auto found = std::find_if(standards.begin(), standards.end(),
                                    [&](const Standard& s) { return s.code == *query.standard; });
    if (found == standards.end()) {
      return Error::NotFound("No charter standard with the code '" + *query.standard + "'");
    }
    target = found->target;
  }
  auto calendar = DefaultCalendar();
  if (!calendar) {
    return calendar.error();
  }
  auto due = charter::DueAt(*calendar, *from, target);
  if (!due) {
    return due.error();
  }
  return charter::FormatIso8601(*due, calendar->zone());
}

}  // namespace frontdoor::app
