// Northern Ireland bank and public holidays by rule (DOMAIN.md section (c)). Pure and
// stateless. One-off changes (VE Day 2020, jubilees, state funerals) are not rules: they come
// from imported data, and the calendar simply receives closed dates.
#pragma once

#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"

namespace frontdoor::charter {

struct Holiday {
  Date date;
  std::string title;           // e.g. "Christmas Day", the same for a substitute day
  bool is_substitute = false;  // moved off a weekend
};

// The ten NI holidays of `year` (Gregorian), in date order: New Year's Day, St Patrick's Day,
// Good Friday, Easter Monday, Early May, Spring, Battle of the Boyne, Summer, Christmas Day,
// Boxing Day. A holiday on a Saturday or Sunday moves to the next weekday that is not already a
// holiday (Christmas on Saturday: Mon 27 and Tue 28; on Sunday: Boxing Day Mon 26 and
// Christmas Tue 27). Today's rules are applied to every year.
[[nodiscard]] std::vector<Holiday> NorthernIrelandHolidays(int year);

// Every year from `from_year` to `to_year` inclusive; empty when to_year < from_year.
[[nodiscard]] std::vector<Holiday> NorthernIrelandHolidays(int from_year, int to_year);

// The dates alone, ready for WorkingCalendar::Create.
[[nodiscard]] std::vector<Date> HolidayDates(const std::vector<Holiday>& holidays);

// Gregorian Easter Sunday of `year` (anonymous computus).
[[nodiscard]] Date EasterSunday(int year);

}  // namespace frontdoor::charter
