#include "frontdoor/charter/iso8601.hpp"

#include <array>
#include <cstdint>

#include "zone_offsets.hpp"

namespace frontdoor::charter {
namespace {

using std::chrono::microseconds;
using std::chrono::seconds;

// A strict left-to-right reader of the W3C profile (https://www.w3.org/TR/NOTE-datetime):
// fixed-width fields, so no locale, no allocation and no std::istream.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool Digits(std::size_t count, int& value) {
    if (text_.size() - pos_ < count) {
      return false;
    }
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    return true;
  }
  bool Literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool AtEnd() const { return pos_ == text_.size(); }

  // 1 to 9 digits after the decimal point, truncated to microseconds.
  bool Fraction(microseconds& value) {
    std::int64_t micros = 0;
    std::size_t count = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      if (count < 6) {
        micros = micros * 10 + (text_[pos_] - '0');
      }
      ++count;
      ++pos_;
    }
    if (count == 0 || count > 9) {
      return false;
    }
    for (std::size_t i = count; i < 6; ++i) {
      micros *= 10;
    }
    value = microseconds(micros);
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Error Malformed(std::string_view field) {
  return Error::Invalid(std::string(field),
                        "Enter a date and time with a time zone, like 2026-07-14T17:00:00+01:00");
}

Error Impossible(std::string_view field) {
  return Error::Invalid(std::string(field), "That date or time does not exist");
}

// Writes `value` as exactly `width` digits (value >= 0, fits in width).
char* PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

}  // namespace

Result<Instant> ParseIso8601(std::string_view text, std::string_view field) {
  Reader in(text);
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  microseconds fraction(0);
  if (!(in.Digits(4, year) && in.Literal('-') && in.Digits(2, month) && in.Literal('-') &&
        in.Digits(2, day) && in.Literal('T') && in.Digits(2, hour) && in.Literal(':') &&
        in.Digits(2, minute))) {
    return Malformed(field);
  }
  if (in.Literal(':')) {
    if (!in.Digits(2, second) || (in.Literal('.') && !in.Fraction(fraction))) {
      return Malformed(field);
    }
  }
  int sign = 0;
  int offset_hours = 0;
  int offset_minutes = 0;
  if (in.Literal('Z')) {
    sign = 1;
  } else {
    sign = in.Literal('+') ? 1 : (in.Literal('-') ? -1 : 0);
    if (sign == 0 || !in.Digits(2, offset_hours) || !in.Literal(':') ||
        !in.Digits(2, offset_minutes)) {
      return Malformed(field);
    }
  }
  if (!in.AtEnd()) {
    return Malformed(field);
  }
  const date::year_month_day ymd{date::year(year), date::month(static_cast<unsigned>(month)),
                                 date::day(static_cast<unsigned>(day))};
  // Seconds stop at 59: Instant is system_clock time, which has no leap seconds.
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59 || offset_hours > 23 ||
      offset_minutes > 59) {
    return Impossible(field);
  }
  const auto offset = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
  return Instant{date::sys_days{ymd}} + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         seconds(second) + fraction - sign * offset;
}

std::string FormatIso8601(Instant instant, const date::time_zone* zone) {
  const auto utc = date::floor<seconds>(instant);
  seconds offset = zone == nullptr ? seconds(0) : internal::UtcOffset(*zone, utc);
  if (offset % std::chrono::minutes(1) != seconds(0)) {
    offset = seconds(0);  // +hh:mm cannot say it (e.g. Monrovia's -00:44:30 until 1972): UTC
  }
  const auto local = utc + offset;
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss<seconds> time(local - day);
  const int year = static_cast<int>(ymd.year());
  std::array<char, 32> text{};
  char* out = text.data();
  if (year < 0 || year > 9999) {
    const std::string wide = std::to_string(year);  // not ISO 8601 basic, but honest
    for (const char c : wide) {
      *out++ = c;
    }
  } else {
    out = PutDigits(out, static_cast<unsigned>(year), 4);
  }
  *out++ = '-';
  out = PutDigits(out, static_cast<unsigned>(ymd.month()), 2);
  *out++ = '-';
  out = PutDigits(out, static_cast<unsigned>(ymd.day()), 2);
  *out++ = 'T';
  out = PutDigits(out, static_cast<unsigned>(time.hours().count()), 2);
  *out++ = ':';
  out = PutDigits(out, static_cast<unsigned>(time.minutes().count()), 2);
  *out++ = ':';
  out = PutDigits(out, static_cast<unsigned>(time.seconds().count()), 2);
  *out++ = offset < seconds(0) ? '-' : '+';
  const auto offset_minutes = static_cast<unsigned>(
      std::chrono::duration_cast<std::chrono::minutes>(offset < seconds(0) ? -offset : offset)
          .count());
  out = PutDigits(out, offset_minutes / 60, 2);
  *out++ = ':';
  out = PutDigits(out, offset_minutes % 60, 2);
  return {text.data(), out};
}

Date LocalDate(Instant instant, const date::time_zone* zone) {
  const auto utc = date::floor<seconds>(instant);
  const seconds offset = zone == nullptr ? seconds(0) : internal::UtcOffset(*zone, utc);
  return Date{date::floor<date::days>(utc + offset)};
}

}  // namespace frontdoor::charter
