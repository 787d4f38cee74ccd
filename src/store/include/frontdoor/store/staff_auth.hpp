// Repositories for staff sign-in: sessions (stored by the SHA-256 of their token, never the
// token) and sign-in attempts (for lockout and the per-address limit), and the department a
// case belongs to for the access policy. Borrow a transaction's session; not thread-safe
// themselves (one unit of work, one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct StaffSessionRecord {
  std::int64_t id = 0;
  std::string token_digest;  // hex SHA-256 of the cookie's token
  std::int64_t staff_id = 0;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
  std::string ip;
};

class StaffSessions {
 public:
  explicit StaffSessions(ReadTx& tx) : session_(tx.session()) {}
  Result<StaffSessionRecord> Insert(const StaffSessionRecord& record);
  // kNotFound when no session has that digest.
  Result<StaffSessionRecord> FindByDigest(const std::string& token_digest);
  Result<void> Touch(std::int64_t id, Instant at);
  // Deleting a session that does not exist is not an error (sign-out twice).
  Result<void> Delete(const std::string& token_digest);
  // Deletes sessions idle since before `idle_before` or made before `created_before`;
  // returns how many.
  Result<std::int64_t> DeleteExpired(Instant idle_before, Instant created_before);

 private:
  SqlSession& session_;
};

class SignInAttempts {
 public:
  explicit SignInAttempts(ReadTx& tx) : session_(tx.session()) {}
  Result<void> Record(const std::string& email, const std::string& ip, Instant at, bool succeeded);
  // Failed attempts for `email` at or after `since` and after its last success.
  Result<std::int64_t> RecentFailures(const std::string& email, Instant since);
  // Failed attempts from `ip` at or after `since`, whatever the email.
  Result<std::int64_t> RecentFailuresFrom(const std::string& ip, Instant since);
  Result<std::int64_t> DeleteBefore(Instant before);

 private:
  SqlSession& session_;
};

// The department code a case belongs to for the access policy: its team's department, or its
// service's while it has no team; nullopt when it has neither. kNotFound for an unknown
// reference (canonical form).
Result<std::optional<std::string>> CaseDepartment(ReadTx& tx, const std::string& reference);

}  // namespace frontdoor::store
