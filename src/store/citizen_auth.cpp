#include "frontdoor/store/citizen_auth.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kCodeColumns =
    "id, email, code_digest, salt, ip, created_at, expires_at, guesses, used_at";
constexpr std::string_view kSessionColumns =
    "id, token_digest, email, created_at, last_seen_at, ip";

SignInCodeRecord ReadCode(const SqlRow& row) {
  SignInCodeRecord c;
  c.id = row.Int(0);
  c.email = row.String(1);
  c.code_digest = row.String(2);
  c.salt = row.String(3);
  c.ip = row.String(4);
  c.created_at = FromUnixMicros(row.Int(5));
  c.expires_at = FromUnixMicros(row.Int(6));
  c.guesses = row.Int(7);
  if (const auto used = row.OptionalInt(8)) {
    c.used_at = FromUnixMicros(*used);
  }
  return c;
}

CitizenSessionRecord ReadSession(const SqlRow& row) {
  CitizenSessionRecord s;
  s.id = row.Int(0);
  s.token_digest = row.String(1);
  s.email = row.String(2);
  s.created_at = FromUnixMicros(row.Int(3));
  s.last_seen_at = FromUnixMicros(row.Int(4));
  s.ip = row.String(5);
  return s;
}

Result<void> Done(const Result<std::int64_t>& done) {
  if (!done) {
    return done.error();
  }
  return {};
}

}  // namespace

Result<std::int64_t> SignInCodes::Insert(const SignInCodeRecord& c) {
  return QueryInt(
      session_,
      "INSERT INTO citizen_sign_in_code (email, code_digest, salt, ip, created_at, "
      "expires_at, guesses) VALUES (?, ?, ?, ?, ?, ?, 0) RETURNING id",
      {std::string_view{c.email}, std::string_view{c.code_digest}, std::string_view{c.salt},
       std::string_view{c.ip}, ToUnixMicros(c.created_at), ToUnixMicros(c.expires_at)});
}

Result<SignInCodeRecord> SignInCodes::Latest(const std::string& email) {
  return QueryOne<SignInCodeRecord>(session_,
                                    "SELECT " + std::string(kCodeColumns) +
                                        " FROM citizen_sign_in_code WHERE email = ? "
                                        "ORDER BY created_at DESC, id DESC LIMIT 1",
                                    {std::string_view{email}}, ReadCode, "Code");
}

Result<std::int64_t> SignInCodes::CountFor(const std::string& email, Instant since) {
  return QueryInt(session_,
                  "SELECT count(*) FROM citizen_sign_in_code WHERE email = ? AND created_at > ?",
                  {std::string_view{email}, ToUnixMicros(since)});
}

Result<std::int64_t> SignInCodes::CountFrom(const std::string& ip, Instant since) {
  return QueryInt(session_,
                  "SELECT count(*) FROM citizen_sign_in_code WHERE ip = ? AND created_at > ?",
                  {std::string_view{ip}, ToUnixMicros(since)});
}

Result<void> SignInCodes::AddGuess(std::int64_t id) {
  return Done(
      session_.Exec("UPDATE citizen_sign_in_code SET guesses = guesses + 1 WHERE id = ?", {id}));
}

Result<void> SignInCodes::MarkUsed(std::int64_t id, Instant at) {
  return Done(session_.Exec("UPDATE citizen_sign_in_code SET used_at = ? WHERE id = ?",
                            {ToUnixMicros(at), id}));
}

Result<std::int64_t> SignInCodes::DeleteBefore(Instant before) {
  return session_.Exec("DELETE FROM citizen_sign_in_code WHERE created_at < ?",
                       {ToUnixMicros(before)});
}

Result<CitizenSessionRecord> CitizenSessions::Insert(const CitizenSessionRecord& r) {
  return QueryOne<CitizenSessionRecord>(
      session_,
      "INSERT INTO citizen_session (token_digest, email, created_at, last_seen_at, ip) "
      "VALUES (?, ?, ?, ?, ?) RETURNING " +
          std::string(kSessionColumns),
      {std::string_view{r.token_digest}, std::string_view{r.email}, ToUnixMicros(r.created_at),
       ToUnixMicros(r.last_seen_at), std::string_view{r.ip}},
      ReadSession, "Session");
}

Result<CitizenSessionRecord> CitizenSessions::FindByDigest(const std::string& token_digest) {
  return QueryOne<CitizenSessionRecord>(
      session_,
      "SELECT " + std::string(kSessionColumns) + " FROM citizen_session WHERE token_digest = ?",
      {std::string_view{token_digest}}, ReadSession, "Session");
}

Result<void> CitizenSessions::Touch(std::int64_t id, Instant at) {
  return Done(session_.Exec("UPDATE citizen_session SET last_seen_at = ? WHERE id = ?",
                            {ToUnixMicros(at), id}));
}

Result<void> CitizenSessions::Delete(const std::string& token_digest) {
  return Done(session_.Exec("DELETE FROM citizen_session WHERE token_digest = ?",
                            {std::string_view{token_digest}}));
}

Result<std::int64_t> CitizenSessions::DeleteExpired(Instant idle_before, Instant created_before) {
  return session_.Exec("DELETE FROM citizen_session WHERE last_seen_at < ? OR created_at < ?",
                       {ToUnixMicros(idle_before), ToUnixMicros(created_before)});
}

Result<std::vector<CitizenCaseRow>> CasesForEmail(ReadTx& tx, const std::string& email, int limit,
                                                  int offset) {
  return QueryAll<CitizenCaseRow>(
      tx.session(),
      "SELECT c.reference, s.name, c.status, c.created_at, c.due_at, c.closed_at "
      "FROM service_case c JOIN service s ON s.id = c.service_id "
      "WHERE c.customer_id IN (SELECT customer_id FROM customer_contact_point "
      "WHERE kind = 'email' AND value = ?) "
      "ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
      {std::string_view{email}, std::int64_t{limit}, std::int64_t{offset}}, [](const SqlRow& row) {
        CitizenCaseRow r;
        r.reference = row.String(0);
        r.service_name = row.String(1);
        if (auto status = ParseCaseStatus(row.Text(2))) {
          r.status = *status;
        }
        r.created_at = FromUnixMicros(row.Int(3));
        if (const auto due = row.OptionalInt(4)) {
          r.due_at = FromUnixMicros(*due);
        }
        if (const auto closed = row.OptionalInt(5)) {
          r.closed_at = FromUnixMicros(*closed);
        }
        return r;
      });
}

}  // namespace frontdoor::store
