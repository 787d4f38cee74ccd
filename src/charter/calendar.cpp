#include "frontdoor/charter/calendar.hpp"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <utility>

#include "zone_offsets.hpp"

namespace frontdoor::charter {

using std::chrono::microseconds;
using std::chrono::minutes;

// Every working day in the range, in order, as UTC instants. Answering a question is then a
// binary search: no time zone conversion after construction.
struct internal::CalendarTables {
  std::string code;
  const date::time_zone* zone = nullptr;
  WeeklyHours hours;
  std::vector<Date> closed_days;  // sorted, unique
  Instant range_start;            // local midnight starting kFirstYear
  std::vector<Instant> open;      // open[k], close[k]: the k-th working day's opening period
  std::vector<Instant> close;
  std::vector<microseconds> before;  // before[k]: opening time of days 0..k-1; size + 1
};

namespace {

constexpr minutes kDayLength = std::chrono::hours(24);

std::size_t WeekdayIndex(Date day) {
  return date::weekday(day).iso_encoding() - 1;
}

Error OutOfRange(const char* field) {
  return Error::Invalid(field, "The date falls outside the calendar's years " +
                                   std::to_string(WorkingCalendar::kFirstYear) + "-" +
                                   std::to_string(WorkingCalendar::kLastYear));
}

Result<WeeklyHours> CheckHours(const WeeklyHours& hours) {
  bool any_open = false;
  for (const auto& period : hours.by_weekday) {
    if (!period) {
      continue;
    }
    if (period->open < minutes(0) || period->close > kDayLength || period->close <= period->open) {
      return Error::Invalid("hours", "Opening hours must open before they close, within the day");
    }
    any_open = true;
  }
  if (!any_open) {
    return Error::Invalid("hours", "A calendar needs opening hours on at least one weekday");
  }
  return hours;
}

// Local wall time to UTC for a run of increasing local times. Reuses the last zone period while
// the answer is at least a day away from either end of it (so no change can intervene), which
// turns some 170,000 time zone look-ups at construction into a few hundred.
class LocalToUtc {
 public:
  explicit LocalToUtc(const date::time_zone& zone)
      : zone_(zone), data_end_year_(internal::DataEndYear(zone)) {}

  // Years past the zone's data are computed in an equivalent year and shifted back.
  void StartYear(int year) { shift_ = internal::YearShift(year, data_end_year_); }

  Instant Convert(date::local_seconds local) {
    const auto within = local - shift_;
    const auto guess = date::sys_seconds(within.time_since_epoch() - period_.offset);
    if (has_period_ && guess >= period_.begin + date::days(1) &&
        guess < period_.end - date::days(1)) {
      return guess + shift_;
    }
    const auto exact = internal::ToSysWithinData(zone_, within);
    period_ = zone_.get_info(exact);
    has_period_ = true;
    return exact + shift_;
  }

 private:
  const date::time_zone& zone_;
  int data_end_year_;
  date::days shift_{0};
  date::sys_info period_{};
  bool has_period_ = false;
};

void FillWorkingDays(internal::CalendarTables& tables) {
  LocalToUtc to_utc(*tables.zone);
  const Date first = date::sys_days(date::year(WorkingCalendar::kFirstYear) / 1 / 1);
  const Date end = date::sys_days(date::year(WorkingCalendar::kLastYear + 1) / 1 / 1);
  tables.range_start = to_utc.Convert(date::local_seconds(first.time_since_epoch()));
  tables.open.reserve(static_cast<std::size_t>((end - first).count()) * 5 / 7 + 8);
  tables.close.reserve(tables.open.capacity());
  tables.before.reserve(tables.open.capacity() + 1);
  tables.before.emplace_back(0);
  auto next_closed = std::lower_bound(tables.closed_days.begin(), tables.closed_days.end(), first);
  int year = 0;
  for (Date day = first; day < end; day += date::days(1)) {
    const date::year_month_day ymd(day);
    if (static_cast<int>(ymd.year()) != year) {
      year = static_cast<int>(ymd.year());
      to_utc.StartYear(year);
    }
    while (next_closed != tables.closed_days.end() && *next_closed < day) {
      ++next_closed;
    }
    const auto& period = tables.hours.by_weekday[WeekdayIndex(day)];
    if (!period || (next_closed != tables.closed_days.end() && *next_closed == day)) {
      continue;
    }
    const date::local_seconds midnight(day.time_since_epoch());
    const Instant open = to_utc.Convert(midnight + period->open);
    const Instant close = to_utc.Convert(midnight + period->close);
    tables.open.push_back(open);
    tables.close.push_back(close);
    tables.before.push_back(tables.before.back() + (close - open));
  }
}

}  // namespace

WeeklyHours WeeklyHours::MondayToFriday(minutes open, minutes close) {
  WeeklyHours hours;
  for (std::size_t day = 0; day < 5; ++day) {
    hours.by_weekday[day] = OpeningPeriod{open, close};
  }
  return hours;
}

Result<WorkingCalendar> WorkingCalendar::Create(std::string code, const std::string& zone_name,
                                                WeeklyHours hours, std::vector<Date> closed_days) {
  if (code.empty()) {
    return Error::Invalid("code", "A calendar needs a code");
  }
  auto checked = CheckHours(hours);
  if (!checked) {
    return checked.error();
  }
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(zone_name);
  } catch (const std::exception&) {
    // date-tz throws std::runtime_error for a name it does not know.
    return Error::Invalid("time_zone", "Unknown time zone \"" + zone_name + "\"");
  }
  auto tables = std::make_shared<internal::CalendarTables>();
  tables->code = std::move(code);
  tables->zone = zone;
  tables->hours = hours;
  std::sort(closed_days.begin(), closed_days.end());
  closed_days.erase(std::unique(closed_days.begin(), closed_days.end()), closed_days.end());
  tables->closed_days = std::move(closed_days);
  FillWorkingDays(*tables);
  return WorkingCalendar(std::move(tables));
}

WorkingCalendar::WorkingCalendar(std::shared_ptr<const internal::CalendarTables> tables)
    : tables_(std::move(tables)) {}

bool WorkingCalendar::IsWorkingDay(Date day) const {
  return tables_->hours.by_weekday[WeekdayIndex(day)].has_value() &&
         !std::binary_search(tables_->closed_days.begin(), tables_->closed_days.end(), day);
}

namespace {

// The working day counting starts on: the first whose close is after `t` (DOMAIN: a receipt
// at a close counts from the next opening). Empty outside the range.
std::optional<std::size_t> StartDay(const std::vector<Instant>& close, Instant range_start,
                                    Instant t) {
  if (t < range_start) {
    return std::nullopt;
  }
  const auto it = std::upper_bound(close.begin(), close.end(), t);
  if (it == close.end()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - close.begin());
}

}  // namespace

Result<Instant> WorkingCalendar::EffectiveStart(Instant received) const {
  const auto day = StartDay(tables_->close, tables_->range_start, received);
  if (!day) {
    return OutOfRange("received");
  }
  return std::max(received, tables_->open[*day]);
}

Result<Instant> WorkingCalendar::AddWorkingDays(Instant received, int days) const {
  if (days < 0) {
    return Error::Invalid("days", "Working days must be zero or more");
  }
  const auto day = StartDay(tables_->close, tables_->range_start, received);
  if (!day) {
    return OutOfRange("received");
  }
  const auto due_day = *day + static_cast<std::size_t>(days);
  if (due_day >= tables_->close.size()) {
    return OutOfRange("days");
  }
  return tables_->close[due_day];
}

Result<Instant> WorkingCalendar::AddWorkingHours(Instant received, microseconds duration) const {
  if (duration < microseconds(0)) {
    return Error::Invalid("duration", "Working time must be zero or more");
  }
  const internal::CalendarTables& t = *tables_;
  const auto day = StartDay(t.close, t.range_start, received);
  if (!day) {
    return OutOfRange("received");
  }
  const Instant start = std::max(received, t.open[*day]);
  const microseconds counted_before = t.before[*day] + (start - t.open[*day]);
  if (duration > t.before.back() - counted_before) {
    return OutOfRange("duration");
  }
  if (duration == microseconds(0)) {
    return start;
  }
  const microseconds target = counted_before + duration;
  // The first day whose opening time brings the total to the target: lower_bound, so a target
  // reached exactly at a close is due at that close rather than at the next opening.
  const auto it = std::lower_bound(t.before.begin() + 1, t.before.end(), target);
  const auto due_day = static_cast<std::size_t>(it - (t.before.begin() + 1));
  return t.open[due_day] + (target - t.before[due_day]);
}

microseconds WorkingCalendar::WorkingTimeBetween(Instant from, Instant to) const {
  if (to <= from) {
    return microseconds(0);
  }
  const internal::CalendarTables& t = *tables_;
  const auto counted_until = [&t](Instant at) {
    const auto it = std::upper_bound(t.close.begin(), t.close.end(), at);
    const auto day = static_cast<std::size_t>(it - t.close.begin());
    if (day == t.close.size()) {
      return t.before.back();
    }
    // Compare before subtracting: `at` may be Instant::min().
    return at <= t.open[day] ? t.before[day] : t.before[day] + (at - t.open[day]);
  };
  return counted_until(to) - counted_until(from);
}

const std::string& WorkingCalendar::code() const {
  return tables_->code;
}

const date::time_zone* WorkingCalendar::zone() const {
  return tables_->zone;
}

}  // namespace frontdoor::charter
