#include "frontdoor/store/inbound_mail.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

InboundMessageRecord ReadMessage(const SqlRow& row) {
  InboundMessageRecord record;
  record.message_id = row.String(0);
  record.case_id = row.OptionalInt(1);
  record.outcome = row.OptionalString(2);
  record.from_address = row.OptionalString(3);
  record.received_at = FromUnixMicros(row.Int(4));
  record.claimed_at = FromUnixMicros(row.Int(5));
  record.case_reference = row.OptionalString(6).value_or("");
  return record;
}

}  // namespace

Result<bool> InboundMessages::Claim(const std::string& message_id,
                                    const std::optional<std::string>& from_address, Instant now,
                                    Instant stale_before) {
  // Insert first: of two deliveries racing, the unique index lets exactly one in.
  auto inserted = session_.Exec(
      "INSERT INTO inbound_message (message_id, from_address, received_at, claimed_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING",
      {std::string_view{message_id}, OptionalText(from_address), ToUnixMicros(now),
       ToUnixMicros(now)});
  if (!inserted) {
    return inserted.error();
  }
  if (*inserted > 0) {
    return true;
  }
  auto taken_over = session_.Exec(
      "UPDATE inbound_message SET claimed_at = ? "
      "WHERE message_id = ? AND outcome IS NULL AND claimed_at < ?",
      {ToUnixMicros(now), std::string_view{message_id}, ToUnixMicros(stale_before)});
  if (!taken_over) {
    return taken_over.error();
  }
  return *taken_over > 0;
}

Result<InboundMessageRecord> InboundMessages::Find(const std::string& message_id) {
  return QueryOne<InboundMessageRecord>(
      session_,
      "SELECT m.message_id, m.case_id, m.outcome, m.from_address, m.received_at, m.claimed_at, "
      "c.reference FROM inbound_message m LEFT JOIN service_case c ON c.id = m.case_id "
      "WHERE m.message_id = ?",
      {std::string_view{message_id}}, ReadMessage, "Message");
}

Result<void> InboundMessages::Complete(const std::string& message_id, std::int64_t case_id,
                                       const std::string& outcome) {
  auto updated =
      session_.Exec("UPDATE inbound_message SET case_id = ?, outcome = ? WHERE message_id = ?",
                    {case_id, std::string_view{outcome}, std::string_view{message_id}});
  if (!updated) {
    return updated.error();
  }
  if (*updated == 0) {
    return Error::NotFound("Message not found");
  }
  return {};
}

Result<void> InboundMessages::Release(const std::string& message_id) {
  auto deleted =
      session_.Exec("DELETE FROM inbound_message WHERE message_id = ? AND outcome IS NULL",
                    {std::string_view{message_id}});
  if (!deleted) {
    return deleted.error();
  }
  return {};
}

Result<std::optional<std::int64_t>> InboundMessages::FindCase(
    const std::vector<std::string>& message_ids) {
  if (message_ids.empty()) {
    return std::optional<std::int64_t>();
  }
  Where where;
  where.In("message_id", message_ids);
  where.Add("case_id IS NOT NULL");
  std::optional<std::int64_t> found;
  auto done = session_.Query("SELECT case_id FROM inbound_message " + where.sql() +
                                 " ORDER BY received_at DESC, id DESC "
                                 "LIMIT 1",
                             where.params(), [&](const SqlRow& row) { found = row.Int(0); });
  if (!done) {
    return done.error();
  }
  if (found) {
    return found;
  }
  // A reply to one of our own messages (an acknowledgement, an update) names our Message-ID.
  Where ours;
  ours.In("message_id", message_ids);
  ours.Add("case_id IS NOT NULL");
  done = session_.Query("SELECT case_id FROM outbound_message " + ours.sql() +
                            " ORDER BY created_at DESC, id DESC LIMIT 1",
                        ours.params(), [&](const SqlRow& row) { found = row.Int(0); });
  if (!done) {
    return done.error();
  }
  return found;
}

}  // namespace frontdoor::store
