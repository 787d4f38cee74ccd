#include "frontdoor/store/staff_auth.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kSessionColumns =
    "id, token_digest, staff_id, csrf_token, created_at, last_seen_at, ip";

StaffSessionRecord ReadSession(const SqlRow& row) {
  StaffSessionRecord record;
  record.id = row.Int(0);
  record.token_digest = row.String(1);
  record.staff_id = row.Int(2);
  record.csrf_token = row.String(3);
  record.created_at = FromUnixMicros(row.Int(4));
  record.last_seen_at = FromUnixMicros(row.Int(5));
  record.ip = row.String(6);
  return record;
}

}  // namespace

Result<StaffSessionRecord> StaffSessions::Insert(const StaffSessionRecord& record) {
  return QueryOne<StaffSessionRecord>(
      session_,
      "INSERT INTO staff_session (token_digest, staff_id, csrf_token, created_at, last_seen_at, "
      "ip) VALUES (?, ?, ?, ?, ?, ?) RETURNING " +
          std::string(kSessionColumns),
      {std::string_view{record.token_digest}, record.staff_id, std::string_view{record.csrf_token},
       ToUnixMicros(record.created_at), ToUnixMicros(record.last_seen_at),
       std::string_view{record.ip}},
      ReadSession, "Session");
}

Result<StaffSessionRecord> StaffSessions::FindByDigest(const std::string& token_digest) {
  return QueryOne<StaffSessionRecord>(
      session_,
      "SELECT " + std::string(kSessionColumns) + " FROM staff_session WHERE token_digest = ?",
      {std::string_view{token_digest}}, ReadSession, "Session");
}

Result<void> StaffSessions::Touch(std::int64_t id, Instant at) {
  auto done = session_.Exec("UPDATE staff_session SET last_seen_at = ? WHERE id = ?",
                            {ToUnixMicros(at), id});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<void> StaffSessions::Delete(const std::string& token_digest) {
  auto done = session_.Exec("DELETE FROM staff_session WHERE token_digest = ?",
                            {std::string_view{token_digest}});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<std::int64_t> StaffSessions::DeleteExpired(Instant idle_before, Instant created_before) {
  return session_.Exec("DELETE FROM staff_session WHERE last_seen_at < ? OR created_at < ?",
                       {ToUnixMicros(idle_before), ToUnixMicros(created_before)});
}

Result<void> SignInAttempts::Record(const std::string& email, const std::string& ip, Instant at,
                                    bool succeeded) {
  auto done =
      session_.Exec("INSERT INTO sign_in_attempt (email, ip, at, succeeded) VALUES (?, ?, ?, ?)",
                    {std::string_view{email}, std::string_view{ip}, ToUnixMicros(at),
                     std::int64_t{succeeded ? 1 : 0}});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<std::int64_t> SignInAttempts::RecentFailures(const std::string& email, Instant since) {
  return QueryInt(session_,
                  "SELECT count(*) FROM sign_in_attempt WHERE email = ? AND succeeded = 0 AND "
                  "at >= ? AND at > coalesce((SELECT max(at) FROM sign_in_attempt WHERE "
                  "email = ? AND succeeded = 1), -1)",
                  {std::string_view{email}, ToUnixMicros(since), std::string_view{email}});
}

Result<std::int64_t> SignInAttempts::RecentFailuresFrom(const std::string& ip, Instant since) {
  return QueryInt(session_,
                  "SELECT count(*) FROM sign_in_attempt WHERE ip = ? AND succeeded = 0 AND at >= ?",
                  {std::string_view{ip}, ToUnixMicros(since)});
}

Result<std::int64_t> SignInAttempts::DeleteBefore(Instant before) {
  return session_.Exec("DELETE FROM sign_in_attempt WHERE at < ?", {ToUnixMicros(before)});
}

Result<std::optional<std::string>> CaseDepartment(ReadTx& tx, const std::string& reference) {
  std::optional<std::optional<std::string>> found;
  auto done = tx.session().Query(
      "SELECT coalesce(td.code, sd.code) FROM service_case c "
      "JOIN service s ON s.id = c.service_id "
      "LEFT JOIN team t ON t.id = c.team_id "
      "LEFT JOIN department td ON td.id = t.department_id "
      "LEFT JOIN department sd ON sd.id = s.department_id WHERE c.reference = ?",
      {std::string_view{reference}}, [&](const SqlRow& row) { found = row.OptionalString(0); });
  if (!done) {
    return done.error();
  }
  if (!found) {
    return Error::NotFound("Case not found");
  }
  return *found;
}

}  // namespace frontdoor::store
