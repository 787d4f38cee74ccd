// Repositories for who may call Frontdoor: Open311 API keys and staff users.
// Secrets are never stored: keys as SHA-256 digests, passwords as argon2id strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct ApiKeyRecord {
  std::int64_t id = 0;
  std::string name;
  std::string key_digest;  // hex SHA-256 of the key
  Instant created_at;
  std::optional<Instant> revoked_at;
  std::string scope = "open311";  // open311, staff
};

class ApiKeys {
 public:
  explicit ApiKeys(ReadTx& tx) : session_(tx.session()) {}
  // kConflict when the name is taken.
  Result<ApiKeyRecord> Insert(const std::string& name, const std::string& key_digest,
                              const std::string& scope, Instant created_at);
  // The key with that digest, revoked or not; kNotFound otherwise.
  Result<ApiKeyRecord> FindByDigest(const std::string& key_digest);
  Result<std::vector<ApiKeyRecord>> List();

 private:
  SqlSession& session_;
};

struct StaffUserRecord {
  std::int64_t id = 0;
  std::string email;  // normalised to lower case
  std::string name;
  std::string role;
  std::optional<std::string> department;
  std::string password_hash;
  Instant created_at;
};

class StaffUsers {
 public:
  explicit StaffUsers(ReadTx& tx) : session_(tx.session()) {}
  // kConflict when the email is taken.
  Result<StaffUserRecord> Insert(const StaffUserRecord& user);
  Result<StaffUserRecord> FindByEmail(const std::string& email);
  Result<StaffUserRecord> FindById(std::int64_t id);  // kNotFound
  Result<std::int64_t> Count();
  // Every staff user, by email.
  Result<std::vector<StaffUserRecord>> List();

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
