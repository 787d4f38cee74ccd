// Field checks shared by the charter use cases. Private to the use cases.
#pragma once

#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"

namespace frontdoor::usecase {

inline constexpr std::size_t kMaxCharterNameChars = 200;

// A code as URLs and the CLI carry it: 1-32 of A-Z a-z 0-9 _ -.
void AddCodeErrors(std::string_view code, std::string_view field, std::vector<FieldError>& errors);

// Text a person reads (a name, a reason): valid UTF-8, not blank, at most kMaxCharterNameChars
// characters.
void AddNameErrors(std::string_view text, std::string_view field, std::vector<FieldError>& errors);

}  // namespace frontdoor::usecase
