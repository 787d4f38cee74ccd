// Private: UTC offsets of a zone for any instant up to the calendar's last year.
//
// Why: Debian's zoneinfo files list explicit transitions only up to 2037, and date-tz's OS
// database reader ignores the POSIX rule that continues them, so it reports Europe/London as
// GMT all year from 2038. Past a zone's data we use the same dates of an equivalent year (same
// weekday on 1 January, same leap-ness) inside the data, which is what carrying the current
// rules ("last Sunday of March") forward means. Thread-safe: reads the immutable tz database.
#pragma once

#include <chrono>

#include <date/tz.h>

namespace frontdoor::charter::internal {

// The last year of `zone`'s explicit data when its final period looks truncated (begins in
// 2037 or later and never ends), else a year beyond any supported date.
[[nodiscard]] int DataEndYear(const date::time_zone& zone);

// How far `year` maps back to its equivalent year no later than `data_end_year`; zero when
// `year` is itself within the data.
[[nodiscard]] date::days YearShift(int year, int data_end_year);

// The UTC offset at `t`.
[[nodiscard]] std::chrono::seconds UtcOffset(const date::time_zone& zone, date::sys_seconds t);

// The instant at which the local wall clock reads `local`: the earlier of two when the clocks
// go back, the instant of the change itself when they skip it. Only for `local` within the
// zone's data (callers shift first).
[[nodiscard]] date::sys_seconds ToSysWithinData(const date::time_zone& zone,
                                                date::local_seconds local);

// ToSysWithinData for any local time, shifting years past the data.
[[nodiscard]] date::sys_seconds ToSys(const date::time_zone& zone, date::local_seconds local);

[[nodiscard]] int YearOf(date::sys_seconds t);

}  // namespace frontdoor::charter::internal
