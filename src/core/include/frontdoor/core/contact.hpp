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

// Digits with an optional leading '+', after removing spaces, dots, dashes and brackets:
// "028 9027 0230" -> "02890270230", "+44 (0)28..." keeps "+44028...". 7 to 16 digits.
// kInvalidInput on `field` otherwise.
[[nodiscard]] Result<std::string> NormalisePhone(std::string_view text,
                                                 std::string_view field = "phone");

}  // namespace frontdoor
