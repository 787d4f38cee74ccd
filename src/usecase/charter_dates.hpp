// Local dates as the charter tables store them: YYYY-MM-DD text. Private to the use cases.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/charter/calendar.hpp"

namespace frontdoor::usecase {

[[nodiscard]] inline int YearOf(charter::Date day) {
  return static_cast<int>(std::chrono::year_month_day(day).year());
}

// The year of a stored YYYY-MM-DD day (the schema checks the digits).
[[nodiscard]] inline int YearOfDay(std::string_view day) {
  int year = 0;
  for (std::size_t i = 0; i < 4 && i < day.size(); ++i) {
    year = year * 10 + (day[i] - '0');
  }
  return year;
}

// "2026-07-13". Years outside 0000-9999 never reach here: the calendar's range is narrower.
[[nodiscard]] inline std::string FormatDate(charter::Date day) {
  const std::chrono::year_month_day ymd(day);
  const int year = static_cast<int>(ymd.year());
  const auto month = static_cast<unsigned>(ymd.month());
  const auto dom = static_cast<unsigned>(ymd.day());
  std::string text = "0000-00-00";
  text[0] = static_cast<char>('0' + year / 1000 % 10);
  text[1] = static_cast<char>('0' + year / 100 % 10);
  text[2] = static_cast<char>('0' + year / 10 % 10);
  text[3] = static_cast<char>('0' + year % 10);
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[8] = static_cast<char>('0' + dom / 10);
  text[9] = static_cast<char>('0' + dom % 10);
  return text;
}

// Exactly YYYY-MM-DD naming a real date; nullopt otherwise.
[[nodiscard]] inline std::optional<charter::Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  std::array<int, 3> fields{0, 0, 0};
  constexpr std::array<std::size_t, 3> kStarts{0, 5, 8};
  constexpr std::array<std::size_t, 3> kLengths{4, 2, 2};
  for (std::size_t f = 0; f < fields.size(); ++f) {
    for (std::size_t i = kStarts[f]; i < kStarts[f] + kLengths[f]; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return std::nullopt;
      }
      fields[f] = fields[f] * 10 + (text[i] - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year(fields[0]),
                                        std::chrono::month(static_cast<unsigned>(fields[1])),
                                        std::chrono::day(static_cast<unsigned>(fields[2]))};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return charter::Date{ymd};
}

}  // namespace frontdoor::usecase
