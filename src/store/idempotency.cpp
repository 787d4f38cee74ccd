#include "frontdoor/store/idempotency.hpp"

namespace frontdoor::store {

Result<std::optional<IdempotencyRecord>> IdempotencyKeys::Find(const std::string& scope,
                                                               const std::string& key,
                                                               Instant live_since) {
  std::optional<IdempotencyRecord> found;
  auto done = session_.Query(
      "SELECT fingerprint, status, content_type, location, body, created_at "
      "FROM idempotency_key WHERE scope = ? AND key = ? AND created_at >= ?",
      {std::string_view{scope}, std::string_view{key}, ToUnixMicros(live_since)},
      [&](const SqlRow& row) {
        IdempotencyRecord record;
        record.scope = scope;
        record.key = key;
        record.fingerprint = row.String(0);
        record.status = static_cast<unsigned>(row.Int(1));
        record.content_type = row.String(2);
        record.location = row.OptionalString(3);
        record.body = row.String(4);
        record.created_at = FromUnixMicros(row.Int(5));
        found = std::move(record);
      });
  if (!done) {
    return done.error();
  }
  return found;
}

Result<bool> IdempotencyKeys::Insert(const IdempotencyRecord& record, Instant live_since) {
  // One statement, so the unique key decides between racing writers; the WHERE lets an expired
  // record that the sweep has not deleted yet be reused rather than block its key.
  auto changed = session_.Exec(
      "INSERT INTO idempotency_key "
      "(scope, key, fingerprint, status, content_type, location, body, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, "
      "status = excluded.status, content_type = excluded.content_type, "
      "location = excluded.location, body = excluded.body, created_at = excluded.created_at "
      "WHERE idempotency_key.created_at < ?",
      {std::string_view{record.scope}, std::string_view{record.key},
       std::string_view{record.fingerprint}, static_cast<std::int64_t>(record.status),
       std::string_view{record.content_type}, OptionalText(record.location),
       std::string_view{record.body}, ToUnixMicros(record.created_at), ToUnixMicros(live_since)});
  if (!changed) {
    return changed.error();
  }
  return *changed > 0;
}

Result<std::int64_t> IdempotencyKeys::DeleteExpired(Instant live_since) {
  return session_.Exec("DELETE FROM idempotency_key WHERE created_at < ?",
                       {ToUnixMicros(live_since)});
}

}  // namespace frontdoor::store
