// Fuzzy matching of people's names, so that an agent typing "Sean O'Neill, BT7" finds the
// customer recorded as "Seán ONeill, BT7 1NN" and records are not duplicated. Pure, so
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontdoor {

// A comparable form of a name: lower case; Irish and other Latin accents folded (é -> e);
// apostrophes, hyphens and dots dropped ("O'Neill" -> "oneill"); "Mac" as a prefix written
// "mc"; titles (mr, mrs, ms, miss, dr) dropped; words separated by one space.
[[nodiscard]] std::string NormaliseName(std::string_view name);

// Jaro-Winkler similarity of two strings, 0 (nothing alike) to 1 (equal).
[[nodiscard]] double JaroWinkler(std::string_view a, std::string_view b);

// How alike two names are, 0 to 1, after NormaliseName: word order does not matter
// ("Smith John" = "John Smith"), and a missing middle name costs little.
[[nodiscard]] double NameSimilarity(std::string_view a, std::string_view b);

// A candidate's score for a search by name and, optionally, postcode (both already in the
// standard form NormalisePostcode gives): mostly the name, plus a bonus for the same
// postcode, or a smaller one for the same outward code ("BT7").
[[nodiscard]] double CandidateScore(std::string_view query_name,
                                    const std::optional<std::string>& query_postcode,
                                    std::string_view candidate_name,
                                    const std::optional<std::string>& candidate_postcode);

}  // namespace frontdoor
