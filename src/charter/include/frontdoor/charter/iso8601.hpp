// ISO 8601 instants as Frontdoor reads and writes them: the W3C profile with a mandatory zone.
// Pure and stateless, so thread-safe.
#pragma once

#include <string>
#include <string_view>

#include <date/tz.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::charter {

// Parses "YYYY-MM-DDThh:mm[:ss[.f]]" followed by "Z" or "+hh:mm"/"-hh:mm" (uppercase T and Z),
// where f is 1 to 9 digits; digits beyond microseconds are truncated. Rejects a space separator, a
// missing zone, a basic-format offset ("+0100"), leap seconds and impossible dates. Fails with
// kInvalidInput naming `field`, so callers can say which input was wrong.
[[nodiscard]] Result<Instant> ParseIso8601(std::string_view text,
                                           std::string_view field = "date_time");

// `instant` as local time in `zone` with its offset, to the second (sub-seconds truncated):
// "2026-07-14T17:00:00+01:00". A null zone means UTC, written "+00:00".
[[nodiscard]] std::string FormatIso8601(Instant instant, const date::time_zone* zone);

// The local calendar date of `instant` in `zone` (null: UTC).
[[nodiscard]] Date LocalDate(Instant instant, const date::time_zone* zone);

}  // namespace frontdoor::charter
