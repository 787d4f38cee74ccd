// Small text helpers for UTF-8 input: validation, trimming, ASCII case folding and safe
// truncation. Pure functions on byte strings (no locale, no allocation beyond the result), so
// thread-safe. "Whitespace" here is ASCII only: space, \t, \n, \v, \f, \r.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace frontdoor {

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms (C0 80), no
// surrogates (ED A0 80), nothing above U+10FFFF (F4 90 80 80), no truncated or stray
// continuation bytes. The empty string is valid; NUL bytes are valid code points.
[[nodiscard]] bool IsValidUtf8(std::string_view text);

// The number of code points in `text`, which must be valid UTF-8 (otherwise the count of
// bytes that are not continuation bytes).
[[nodiscard]] std::size_t CountCodePoints(std::string_view text);

// `text` without leading and trailing ASCII whitespace. Non-ASCII spaces (U+00A0) are kept.
[[nodiscard]] std::string Trim(std::string_view text);

// `text` with A-Z mapped to a-z; every other byte, including UTF-8 sequences, unchanged.
[[nodiscard]] std::string ToLowerAscii(std::string_view text);

// `text` with a-z mapped to A-Z; every other byte unchanged.
[[nodiscard]] std::string ToUpperAscii(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a code
// point. For valid UTF-8 the result is valid UTF-8; for invalid input it never ends just
// before a continuation byte.
[[nodiscard]] std::string TruncateUtf8(std::string_view text, std::size_t max_bytes);

}  // namespace frontdoor
