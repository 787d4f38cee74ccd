#include "frontdoor/usecase/accounts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::array<std::string_view, 4> kRoles{"agent", "officer", "manager", "admin"};

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A pragmatic check: one @, something either side, a dot in the domain, no spaces.
bool LooksLikeEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto domain = email.substr(at + 1);
  return domain.find('.') != std::string_view::npos && !domain.starts_with('.') &&
         !domain.ends_with('.') && email.find_first_of(" \t\r\n,;<>") == std::string_view::npos &&
         email.size() <= 254;
}

}  // namespace

Result<CreatedApiKey> CreateApiKey(store::Store& store, const Clock& clock, const std::string& name,
                                   const std::string& scope) {
  const std::string trimmed = Trim(name);
  std::vector<FieldError> errors;
  if (trimmed.empty() || trimmed.size() > 100) {
    errors.push_back({"name", "Enter a name for the key of 1 to 100 characters"});
  }
  if (scope != kScopeOpen311 && scope != kScopeStaff) {
    errors.push_back({"scope", "The scope must be open311 or staff"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  CreatedApiKey created{trimmed, "fd_" + RandomHex(24)};
  const std::string digest = Sha256Hex(created.key);
  auto inserted = store::WriteValue<store::ApiKeyRecord>(store, [&](store::WriteTx& tx) {
    return store::ApiKeys(tx).Insert(trimmed, digest, scope, clock.Now());
  });
  if (!inserted) {
    if (inserted.error().code() == ErrorCode::kConflict) {
      return Error(ErrorCode::kConflict, "An API key named '" + trimmed + "' already exists");
    }
    return inserted.error();
  }
  return created;
}

Result<store::ApiKeyRecord> CheckApiKey(store::Store& store, const std::string& key) {
  if (key.empty() || key.size() > 200) {
    return Error(ErrorCode::kUnauthenticated, "api_key missing or not recognised");
  }
  const std::string digest = Sha256Hex(key);
  auto found = store::ReadValue<store::ApiKeyRecord>(
      store, [&](store::ReadTx& tx) { return store::ApiKeys(tx).FindByDigest(digest); });
  if (!found) {
    if (found.error().code() == ErrorCode::kNotFound) {
      return Error(ErrorCode::kUnauthenticated, "api_key missing or not recognised");
    }
    return found.error();
  }
  if (found->revoked_at) {
    return Error(ErrorCode::kUnauthenticated, "api_key has been revoked");
  }
  return found;
}

Result<store::ApiKeyRecord> CheckApiKeyFromMemory(store::Store& store, CatalogueCache& cache,
                                                  const std::string& key) {
  if (!key.empty() && key.size() <= 200) {
    if (const auto held = cache.Held(); held != nullptr) {
      const auto* known = held->ApiKey(Sha256Hex(key));
      if (known != nullptr && !known->revoked_at) {
        return *known;
      }
    }
  }
  return CheckApiKey(store, key);
}

Result<store::StaffUserRecord> AddStaffUser(store::Store& store, const Clock& clock,
                                            const NewStaffUser& user) {
  std::vector<FieldError> errors;
  store::StaffUserRecord record;
  record.email = Lower(Trim(user.email));
  record.name = Trim(user.name);
  record.role = Lower(Trim(user.role));
  if (user.department && !Trim(*user.department).empty()) {
    record.department = Trim(*user.department);
  }
  if (!LooksLikeEmail(record.email)) {
    errors.push_back({"email", "Enter an email address like name@council.gov.uk"});
  }
  if (record.name.empty() || record.name.size() > 200) {
    errors.push_back({"name", "Enter the person's name"});
  }
  if (std::find(kRoles.begin(), kRoles.end(), record.role) == kRoles.end()) {
    errors.push_back({"role", "Choose a role: agent, officer, manager or admin"});
  }
  if (user.password.size() < kMinPasswordLength || user.password.size() > 1024) {
    errors.push_back({"password", "Enter a password of at least 12 characters"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto hash = HashPassword(user.password);
  if (!hash) {
    return hash.error();
  }
  record.password_hash = std::move(*hash);
  record.created_at = clock.Now();
  auto inserted = store::WriteValue<store::StaffUserRecord>(
      store, [&](store::WriteTx& tx) { return store::StaffUsers(tx).Insert(record); });
  if (!inserted && inserted.error().code() == ErrorCode::kConflict) {
    return Error::Invalid("email", "A staff user with this email address already exists");
  }
  return inserted;
}

}  // namespace frontdoor::usecase
