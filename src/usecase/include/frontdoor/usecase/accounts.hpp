// Use cases for the people and systems allowed in: Open311 API keys and staff users.
// Each takes the store and a clock; no HTTP, no SQL. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

struct CreatedApiKey {
  std::string name;
  std::string key;  // shown once: only its digest is stored
};

// kInvalidInput on "name" (empty, over 100 characters); kConflict when the name is taken.
Result<CreatedApiKey> CreateApiKey(store::Store& store, const Clock& clock,
                                   const std::string& name);

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
