#include "frontdoor/store/outbox.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kColumns =
    "id, message_id, to_address, subject, text_body, html_body, template_code, language, "
    "status, attempts, next_attempt_at, last_error, created_at, sent_at, case_id";

OutboundMessageRecord ReadMessage(const SqlRow& row) {
  OutboundMessageRecord m;
  m.id = row.Int(0);
  m.message_id = row.String(1);
  m.to_address = row.String(2);
  m.subject = row.String(3);
  m.text_body = row.String(4);
  m.html_body = row.OptionalString(5);
  m.template_code = row.String(6);
  m.language = row.String(7);
  m.status = row.String(8);
  m.attempts = row.Int(9);
  m.next_attempt_at = FromUnixMicros(row.Int(10));
  m.last_error = row.OptionalString(11);
  m.created_at = FromUnixMicros(row.Int(12));
  if (const auto sent = row.OptionalInt(13)) {
    m.sent_at = FromUnixMicros(*sent);
  }
  m.case_id = row.OptionalInt(14);
  return m;
}

}  // namespace

Result<std::int64_t> Outbox::Insert(const OutboundMessageRecord& m) {
  const SqlParam sent_at = m.sent_at ? SqlParam(ToUnixMicros(*m.sent_at)) : SqlParam(nullptr);
  return session_.InsertReturningId(
      "INSERT INTO outbound_message (message_id, to_address, subject, text_body, html_body, "
      "template_code, language, status, attempts, next_attempt_at, last_error, created_at, "
      "sent_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string_view{m.message_id}, std::string_view{m.to_address}, std::string_view{m.subject},
       std::string_view{m.text_body}, OptionalText(m.html_body), std::string_view{m.template_code},
       std::string_view{m.language}, std::string_view{m.status}, m.attempts,
       ToUnixMicros(m.next_attempt_at), OptionalText(m.last_error), ToUnixMicros(m.created_at),
       sent_at, OptionalInt(m.case_id)});
}

Result<std::vector<OutboundMessageRecord>> Outbox::Claim(Instant now, Instant claim_until,
                                                         int limit) {
  // PostgreSQL: rows locked by another node's claim are skipped rather than waited for, so
  // two nodes never send one message twice and never queue behind each other. SQLite runs
  // every write on its single writer, so the select and the update cannot interleave.
  const std::string lock =
      session_.dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  auto ids = QueryAll<std::int64_t>(
      session_,
      "SELECT id FROM outbound_message WHERE status IN ('queued', 'sending') AND "
      "next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?" +
          lock,
      {ToUnixMicros(now), std::int64_t{limit}}, [](const SqlRow& row) { return row.Int(0); });
  if (!ids) {
    return ids.error();
  }
  std::vector<OutboundMessageRecord> claimed;
  for (const std::int64_t id : *ids) {
    auto row = QueryOne<OutboundMessageRecord>(
        session_,
        "UPDATE outbound_message SET status = 'sending', attempts = attempts + 1, "
        "next_attempt_at = ? WHERE id = ? RETURNING " +
            std::string(kColumns),
        {ToUnixMicros(claim_until), id}, ReadMessage, "Message");
    if (!row) {
      return row.error();
    }
    claimed.push_back(std::move(*row));
  }
  return claimed;
}

Result<void> Outbox::MarkSent(std::int64_t id, Instant at) {
  auto done = session_.Exec(
      "UPDATE outbound_message SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
      {ToUnixMicros(at), id});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<void> Outbox::MarkFailed(std::int64_t id, const std::string& error,
                                std::optional<Instant> retry_at) {
  auto done = retry_at ? session_.Exec(
                             "UPDATE outbound_message SET status = 'queued', last_error = ?, "
                             "next_attempt_at = ? WHERE id = ?",
                             {std::string_view{error}, ToUnixMicros(*retry_at), id})
                       : session_.Exec(
                             "UPDATE outbound_message SET status = 'failed', last_error = ? "
                             "WHERE id = ?",
                             {std::string_view{error}, id});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<OutboundMessageRecord> Outbox::Find(std::int64_t id) {
  return QueryOne<OutboundMessageRecord>(
      session_, "SELECT " + std::string(kColumns) + " FROM outbound_message WHERE id = ?", {id},
      ReadMessage, "Message");
}

Result<std::vector<OutboundMessageRecord>> Outbox::ListTo(const std::string& to_address,
                                                          int limit) {
  return QueryAll<OutboundMessageRecord>(
      session_,
      "SELECT " + std::string(kColumns) +
          " FROM outbound_message WHERE to_address = ? ORDER BY created_at DESC, id DESC LIMIT ?",
      {std::string_view{to_address}, std::int64_t{limit}}, ReadMessage);
}

}  // namespace frontdoor::store
