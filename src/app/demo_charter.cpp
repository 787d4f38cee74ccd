#include "demo_charter.hpp"

#include <ostream>
#include <string>
#include <vector>

#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/usecase/charter.hpp"

namespace frontdoor::app {
namespace {

using std::chrono::hours;

std::vector<usecase::CalendarSpec> DemoCalendars() {
  usecase::CalendarSpec council{"council", "Belfast City Council offices", "Europe/London",
                                charter::WeeklyHours::MondayToFriday(hours(9), hours(17)), true};
  usecase::CalendarSpec centre{"contact-centre", "Customer Hub contact centre", "Europe/London",
                               charter::WeeklyHours::MondayToFriday(hours(8), hours(18)), false};
  centre.hours.by_weekday[5] = charter::OpeningPeriod{hours(9), hours(13)};  // Saturday
  return {council, centre};
}

}  // namespace

Result<void> SeedDemoCharter(store::Store& store, const Clock& clock, std::ostream& out) {
  // The UTC year: an hour's difference at New Year cannot matter to a range of eleven years.
  const int year = static_cast<int>(
      std::chrono::year_month_day(charter::LocalDate(clock.Now(), nullptr)).year());
  int calendars_added = 0;
  int holidays_added = 0;
  for (const auto& spec : DemoCalendars()) {
    auto existing = usecase::GetCalendar(store, spec.code);
    if (!existing && existing.error().code() != ErrorCode::kNotFound) {
      return existing.error();
    }
    if (!existing) {
      auto created = usecase::CreateCalendar(store, clock, spec);
      if (!created) {
        return created.error();
      }
      ++calendars_added;
    }
    auto added = usecase::AddRuleHolidays(store, spec.code, year - kDemoHolidayYearsBack,
                                          year + kDemoHolidayYearsAhead);
    if (!added) {
      return added.error();
    }
    holidays_added += *added;
  }
  int standards_added = 0;
  for (const auto& standard : DefaultCharter()) {
    auto created = usecase::CreateStandard(store, clock, {standard, true});
    if (created) {
      ++standards_added;
    } else if (created.error().code() != ErrorCode::kConflict) {
      return created.error();
    }
  }
  out << "Demo charter: calendars council (default) and contact-centre, " << calendars_added
      << " added, " << holidays_added << " holidays added; " << standards_added
      << " standards added\n";
  return {};
}

}  // namespace frontdoor::app
