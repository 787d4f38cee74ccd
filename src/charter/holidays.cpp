#include "frontdoor/charter/holidays.hpp"

#include <algorithm>
#include <array>

namespace frontdoor::charter {
namespace {

Date Ymd(int year, unsigned month, unsigned day) {
  return date::sys_days(date::year(year) / date::month(month) / date::day(day));
}

// The first (n = 1) or last (n = 0) Monday of a month.
Date Monday(int year, unsigned month, unsigned n) {
  if (n == 0) {
    return date::sys_days(date::year(year) / date::month(month) / date::Monday[date::last]);
  }
  return date::sys_days(date::year(year) / date::month(month) / date::Monday[n]);
}

bool IsWeekend(Date day) {
  const date::weekday weekday(day);
  return weekday == date::Saturday || weekday == date::Sunday;
}

}  // namespace

Date EasterSunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> NorthernIrelandHolidays(int year) {
  const Date easter = EasterSunday(year);
  std::vector<Holiday> holidays = {
      {Ymd(year, 1, 1), "New Year's Day"},
      {Ymd(year, 3, 17), "St Patrick's Day"},
      {easter - date::days(2), "Good Friday"},
      {easter + date::days(1), "Easter Monday"},
      {Monday(year, 5, 1), "Early May bank holiday"},
      {Monday(year, 5, 0), "Spring bank holiday"},
      {Ymd(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"},
      {Monday(year, 8, 0), "Summer bank holiday"},
      {Ymd(year, 12, 25), "Christmas Day"},
      {Ymd(year, 12, 26), "Boxing Day"},
  };
  // Substitution (nidirect): a holiday at a weekend moves to the next weekday that is not
  // already a holiday. Weekday holidays are placed first, then the weekend ones in date order,
  // which gives Boxing Day Monday 26 and Christmas Tuesday 27 when Christmas is a Sunday.
  std::vector<Date> taken;
  for (const auto& holiday : holidays) {
    if (!IsWeekend(holiday.date)) {
      taken.push_back(holiday.date);
    }
  }
  for (auto& holiday : holidays) {
    if (!IsWeekend(holiday.date)) {
      continue;
    }
    Date substitute = holiday.date;
    while (IsWeekend(substitute) ||
           std::find(taken.begin(), taken.end(), substitute) != taken.end()) {
      substitute += date::days(1);
    }
    holiday.date = substitute;
    holiday.is_substitute = true;
    taken.push_back(substitute);
  }
  std::stable_sort(holidays.begin(), holidays.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return holidays;
}

std::vector<Holiday> NorthernIrelandHolidays(int from_year, int to_year) {
  std::vector<Holiday> holidays;
  for (int year = from_year; year <= to_year; ++year) {
    auto one_year = NorthernIrelandHolidays(year);
    holidays.insert(holidays.end(), std::make_move_iterator(one_year.begin()),
                    std::make_move_iterator(one_year.end()));
  }
  return holidays;
}

std::vector<Date> HolidayDates(const std::vector<Holiday>& holidays) {
  std::vector<Date> dates;
  dates.reserve(holidays.size());
  for (const auto& holiday : holidays) {
    dates.push_back(holiday.date);
  }
  return dates;
}

}  // namespace frontdoor::charter
