// Human-friendly case references such as "BCC-26-000123": a prefix of 1-8 capital letters
// (the council's), a two-digit year, and a sequence of at least six digits (more, without
// leading zeros, once it passes 999999). Pure, so thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

struct CaseReference {
  std::string prefix;         // 1-8 letters A-Z, e.g. "BCC"
  int year = 0;               // two digits, 0..99 (26 for 2026)
  std::int64_t sequence = 0;  // 0..999999999999999999
};

// The canonical text of a reference. `prefix` must be 1-8 ASCII letters (written upper
// case); `year` a calendar year or its last two digits (2026 and 26 both give "26"), >= 0;
// `sequence` in CaseReference's range. Violations are bugs in the caller (asserted).
[[nodiscard]] std::string FormatReference(std::string_view prefix, int year, std::int64_t sequence);
[[nodiscard]] std::string FormatReference(const CaseReference& reference);

// Parses a reference typed or pasted by a person: surrounding ASCII whitespace and lower case
// are tolerated; anything else (inner spaces, other separators, a sequence shorter than six
// digits or with a superfluous leading zero) fails with kInvalidInput on field "reference".
[[nodiscard]] Result<CaseReference> ParseReference(std::string_view text);

// The first reference with `prefix` (matched case-insensitively) found as a whole word in free
// text such as an email subject "Re: Your report bcc-26-000123 [ref]", in canonical form.
// Word characters are ASCII letters, digits and '_'; any other byte (including non-ASCII, e.g.
// curly quotes) is a boundary. nullopt when there is none or `prefix` is not 1-8 letters.
[[nodiscard]] std::optional<std::string> FindReferenceIn(std::string_view text,
                                                         std::string_view prefix);

}  // namespace frontdoor
