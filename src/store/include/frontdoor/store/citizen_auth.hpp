// Repositories for citizen sign-in by an emailed one-time code: the codes (a salted digest,
// never the code), the citizen sessions (the SHA-256 of each token), and the cases a verified
// email address may see. Borrow a transaction's session; not thread-safe themselves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct SignInCodeRecord {
  std::int64_t id = 0;
  std::string email;  // normalised, lower case
  std::string code_digest;
  std::string salt;
  std::string ip;
  Instant created_at;
  Instant expires_at;
  std::int64_t guesses = 0;
  std::optional<Instant> used_at;
};

class SignInCodes {
 public:
  explicit SignInCodes(ReadTx& tx) : session_(tx.session()) {}
  Result<std::int64_t> Insert(const SignInCodeRecord& code);
  // The newest code issued to `email` (used or not); kNotFound when none.
  Result<SignInCodeRecord> Latest(const std::string& email);
  // Codes issued to `email`, or from `ip`, after `since`.
  Result<std::int64_t> CountFor(const std::string& email, Instant since);
  Result<std::int64_t> CountFrom(const std::string& ip, Instant since);
  Result<void> AddGuess(std::int64_t id);
  Result<void> MarkUsed(std::int64_t id, Instant at);
  Result<std::int64_t> DeleteBefore(Instant before);

 private:
  SqlSession& session_;
};

struct CitizenSessionRecord {
  std::int64_t id = 0;
  std::string token_digest;  // hex SHA-256 of the cookie's token
  std::string email;
  Instant created_at;
  Instant last_seen_at;
  std::string ip;
};

class CitizenSessions {
 public:
  explicit CitizenSessions(ReadTx& tx) : session_(tx.session()) {}
  Result<CitizenSessionRecord> Insert(const CitizenSessionRecord& record);
  Result<CitizenSessionRecord> FindByDigest(const std::string& token_digest);  // kNotFound
  Result<void> Touch(std::int64_t id, Instant at);
  Result<void> Delete(const std::string& token_digest);  // idempotent
  Result<std::int64_t> DeleteExpired(Instant idle_before, Instant created_before);

 private:
  SqlSession& session_;
};

// One line of "my requests".
struct CitizenCaseRow {
  std::string reference;
  std::string service_name;
  CaseStatus status = CaseStatus::kNew;
  Instant created_at;
  std::optional<Instant> due_at;
  std::optional<Instant> closed_at;
};

// The cases of every customer with `email` among their email addresses, newest first,
// `limit` from `offset`.
Result<std::vector<CitizenCaseRow>> CasesForEmail(ReadTx& tx, const std::string& email, int limit,
                                                  int offset);

}  // namespace frontdoor::store
