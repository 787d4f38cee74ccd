// Contact details typed by people: email addresses and telephone numbers, normalised so that
// the same person is found again whatever way they typed them. Pure, so thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

// A pragmatic check, not RFC 5322: one '@' with something either side, a dot inside the
// domain, no whitespace or list separators, at most 254 bytes. Trimmed and lower-cased
// (mailboxes are case-insensitive in practice). kInvalidInput on `field` otherwise.
[[nodiscard]] Result<std::string> NormaliseEmail(std::string_view text,
                                                 std::string_view field = "email");

// A telephone number in E.164 form, as UK callers type them: spaces, dots, dashes and
// brackets are ignored; a national number starting 0 becomes +44 without the 0
// ("028 9027 0230" -> "+442890270230"); "0044" or "+44" prefixes and a "(0)" trunk
// prefix after +44 are understood; other international numbers must start + or 00.
// kInvalidInput on `field` when the result would not be 8 to 15 digits after the '+', or a
// UK number is not 9 or 10 digits after +44.
[[nodiscard]] Result<std::string> NormalisePhone(std::string_view text,
                                                 std::string_view field = "phone");

}  // namespace frontdoor
