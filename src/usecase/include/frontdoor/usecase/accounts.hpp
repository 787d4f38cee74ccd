// Use cases for the people and systems allowed in: Open311 API keys and staff users.
// Each takes the store and a clock; no HTTP, no SQL. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

struct CreatedApiKey {
  std::string name;
  std::string key;  // shown once: only its digest is stored
};

// What a key may do. An Open311 client's key (FixMyStreet's) may post reports and comments
// only; a staff key may also use the staff API, which reads personal data.
inline constexpr std::string_view kScopeOpen311 = "open311";
inline constexpr std::string_view kScopeStaff = "staff";

// kInvalidInput on "name" (empty, over 100 characters) and "scope"; kConflict when the name
// is taken.
Result<CreatedApiKey> CreateApiKey(store::Store& store, const Clock& clock, const std::string& name,
                                   const std::string& scope = std::string(kScopeOpen311));

// The key's record when it exists and is not revoked; kUnauthenticated otherwise.
Result<store::ApiKeyRecord> CheckApiKey(store::Store& store, const std::string& key);

struct NewStaffUser {
  std::string email;
  std::string name;
  std::string role;  // agent, officer, manager or admin
  std::optional<std::string> department;
  std::string password;
};

inline constexpr std::size_t kMinPasswordLength = 12;

// Validates (fields "email", "name", "role", "password"), hashes the password with
// argon2id and stores the user. kConflict when the email is taken.
Result<store::StaffUserRecord> AddStaffUser(store::Store& store, const Clock& clock,
                                            const NewStaffUser& user);

}  // namespace frontdoor::usecase
