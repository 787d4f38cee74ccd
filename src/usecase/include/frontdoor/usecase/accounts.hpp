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
#include "frontdoor/usecase/catalogue_cache.hpp"

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

// As CheckApiKey, but a key that the snapshot `cache` holds shows valid is taken from memory,
// without a read of the store (that read cost an Open311 create 4-6% of its CPU).
// That answer may be behind the store: only for a caller that confirms the key in a read of its
// own through `cache`, as CreateCase does with NewCase::api_key_digest. A key the snapshot does
// not know or shows revoked is read from the store, so a new key works at once.
Result<store::ApiKeyRecord> CheckApiKeyFromMemory(store::Store& store, CatalogueCache& cache,
                                                  const std::string& key);

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
