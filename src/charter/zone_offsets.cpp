#include "zone_offsets.hpp"

#include <climits>

namespace frontdoor::charter::internal {
namespace {

// 32-bit TZif data, still written for compatibility, stops at 2038-01-19; zic's "fat" files
// end their explicit list with the 2037 transitions.
constexpr int kFirstTruncatedYear = 2037;

bool IsTruncatedTail(const date::sys_info& info) {
  return info.end > date::sys_days(date::year(9999) / 1 / 1) &&
         YearOf(info.begin) >= kFirstTruncatedYear;
}

}  // namespace

int YearOf(date::sys_seconds t) {
  return static_cast<int>(date::year_month_day(date::floor<date::days>(t)).year());
}

int DataEndYear(const date::time_zone& zone) {
  const auto info = zone.get_info(date::sys_seconds(date::sys_days(date::year(2100) / 1 / 1)));
  return IsTruncatedTail(info) ? YearOf(info.begin) : INT_MAX;
}

date::days YearShift(int year, int data_end_year) {
  if (year <= data_end_year) {
    return date::days(0);
  }
  const date::sys_days jan1 = date::year(year) / 1 / 1;
  const bool is_leap = date::year(year).is_leap();
  // The 14 kinds of year all occur within any 28 consecutive years between 1901 and 2099.
  for (int candidate = data_end_year; candidate > data_end_year - 40; --candidate) {
    const date::sys_days other = date::year(candidate) / 1 / 1;
    if (date::year(candidate).is_leap() == is_leap && date::weekday(other) == date::weekday(jan1)) {
      return jan1 - other;
    }
  }
  return date::days(0);  // unreachable for the supported years
}

std::chrono::seconds UtcOffset(const date::time_zone& zone, date::sys_seconds t) {
  const auto info = zone.get_info(t);
  if (IsTruncatedTail(info) && YearOf(t) > YearOf(info.begin)) {
    return zone.get_info(t - YearShift(YearOf(t), YearOf(info.begin))).offset;
  }
  return info.offset;
}

date::sys_seconds ToSysWithinData(const date::time_zone& zone, date::local_seconds local) {
  const auto info = zone.get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return date::sys_seconds(local.time_since_epoch() - info.first.offset);
    case date::local_info::nonexistent: return info.first.end;
  }
  return date::sys_seconds(local.time_since_epoch() - info.first.offset);
}

date::sys_seconds ToSys(const date::time_zone& zone, date::local_seconds local) {
  const int year = YearOf(date::sys_seconds(local.time_since_epoch()));
  const auto shift = YearShift(year, DataEndYear(zone));
  return ToSysWithinData(zone, local - shift) + shift;
}

}  // namespace frontdoor::charter::internal
