#include "frontdoor/app/charter_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/usecase/bank_holidays.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "sla_sweeper.hpp"

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

namespace {

using CalendarSource =
    std::function<Result<charter::WorkingCalendar>(const std::optional<std::string>&)>;
using StandardSource = std::function<Result<Standard>(const std::string&)>;

// The query's target, from the flags or from the standard they name.
Result<Target> TargetOf(const DueQuery& query, const StandardSource& standards) {
  const int given =
      (query.standard ? 1 : 0) + (query.working_days ? 1 : 0) + (query.working_hours ? 1 : 0);
  if (given != 1) {
    return Error::Invalid("standard",
                          "Give exactly one of --standard, --working-days or --working-hours");
  }
  if (query.working_days) {
    if (*query.working_days < 0) {
      return Error::Invalid("working_days", "--working-days must be 0 or more");
    }
    return Target{TargetUnit::kWorkingDays, *query.working_days};
  }
  if (query.working_hours) {
    if (*query.working_hours < 0) {
      return Error::Invalid("working_hours", "--working-hours must be 0 or more");
    }
    return Target{TargetUnit::kWorkingHours, *query.working_hours};
  }
  auto standard = standards(*query.standard);
  if (!standard) {
    return standard.error();
  }
  return standard->target;
}

Result<std::string> Due(const DueQuery& query, const CalendarSource& calendars,
                        const StandardSource& standards) {
  auto target = TargetOf(query, standards);
  if (!target) {
    return target.error();
  }
  auto from = charter::ParseIso8601(query.from, "from");
  if (!from) {
    return from.error();
  }
  auto calendar = calendars(query.calendar);
  if (!calendar) {
    return calendar.error();
  }
  auto due = charter::DueAt(*calendar, *from, *target);
  if (!due) {
    return due.error();
  }
  return charter::FormatIso8601(*due, calendar->zone());
}

}  // namespace

Result<std::string> CharterDue(const DueQuery& query) {
  return Due(
      query,
      [](const std::optional<std::string>& code) -> Result<charter::WorkingCalendar> {
        if (code && *code != "default") {
          return Error::NotFound("No calendar with the code '" + *code + "'");
        }
        return DefaultCalendar();
      },
      [](const std::string& code) -> Result<Standard> {
        const auto standards = DefaultCharter();
        const auto found = std::find_if(standards.begin(), standards.end(),
                                        [&](const Standard& s) { return s.code == code; });
        if (found == standards.end()) {
          return Error::NotFound("No charter standard with the code '" + code + "'");
        }
        return *found;
      });
}

Result<std::string> CharterDue(const DueQuery& query, store::Store& store) {
  auto data = usecase::LoadCharter(store);
  if (!data) {
    return data.error();
  }
  return Due(
      query, [&](const std::optional<std::string>& code) { return data->BuildCalendar(code); },
      [&](const std::string& code) { return data->FindStandard(code); });
}

Result<ServingCharter> LoadServingCharter(store::Store& store) {
  auto data = usecase::LoadCharter(store);
  if (!data) {
    return data.error();
  }
  if (data->default_calendar.empty()) {
    auto calendar = DefaultCalendar();
    if (!calendar) {
      return calendar.error();
    }
    return ServingCharter{std::move(*calendar), DefaultCharter(), false};
  }
  auto calendar = data->BuildCalendar(std::nullopt);
  if (!calendar) {
    return calendar.error();
  }
  return ServingCharter{std::move(*calendar), std::move(data->standards), true};
}

Result<std::string> SweepSlaCommand(store::Store& store, const Clock& clock, const Config& config) {
  auto serving = LoadServingCharter(store);
  if (!serving) {
    return serving.error();
  }
  const usecase::CaseContext ctx{store, clock, config.reference_prefix, serving->calendar,
                                 serving->standards};
  auto swept = SweepAll(ctx);
  if (!swept) {
    return swept.error();
  }
  return "SLA clocks: " + std::to_string(swept->at_risk) + " now at risk, " +
         std::to_string(swept->breached) + " now breached";
}

bool CharterUsesDatabase(const Config& config, bool db_given) {
  const Config defaults;
  if (db_given || config.db != defaults.db) {
    return true;
  }
  std::error_code ec;
  return config.db.starts_with("sqlite:") &&
         std::filesystem::exists(std::filesystem::path(config.db.substr(7)), ec);
}

Result<std::string> ImportHolidayFile(const HolidayFileImport& import, store::Store& store) {
  std::ifstream in(import.file, std::ios::binary);
  if (!in) {
    return Error::NotFound("Cannot read " + import.file);
  }
  // One byte more than the limit is enough for the parser to refuse it.
  std::string text(usecase::kMaxBankHolidaysBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  auto holidays = usecase::ParseBankHolidays(text, import.division);
  if (!holidays) {
    return holidays.error();
  }
  std::string calendar;
  if (import.calendar) {
    calendar = *import.calendar;
  } else {
    auto data = usecase::LoadCharter(store);
    if (!data) {
      return data.error();
    }
    if (data->default_calendar.empty()) {
      return Error::NotFound(
          "The database has no calendars: run `frontdoor seed --demo` or create one");
    }
    calendar = data->default_calendar;
  }
  auto summary = usecase::ImportHolidays(store, calendar, *holidays);
  if (!summary) {
    return summary.error();
  }
  return "Imported " + std::to_string(holidays->size()) + " " + import.division +
         " holidays into calendar " + calendar + ": " + std::to_string(summary->added) +
         " added, " + std::to_string(summary->updated) + " updated, " +
         std::to_string(summary->removed) + " removed, " + std::to_string(summary->unchanged) +
         " unchanged";
}

}  // namespace frontdoor::app
