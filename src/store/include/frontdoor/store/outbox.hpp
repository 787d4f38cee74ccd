// The outbox of outgoing email: messages written in the transaction of what causes them,
// claimed by delivery workers (several nodes at once on PostgreSQL: FOR UPDATE SKIP LOCKED;
// SQLite has one writer) and marked sent or failed. Borrows a transaction's session; not
// thread-safe itself (one unit of work, one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct OutboundMessageRecord {
  std::int64_t id = 0;
  std::string message_id;  // RFC 5322 Message-ID without angle brackets
  std::string to_address;
  std::string subject;
  std::string text_body;
  std::optional<std::string> html_body;
  std::string template_code;
  std::string language = "en";
  std::string status = "queued";  // queued, sending, sent, failed
  std::int64_t attempts = 0;
  Instant next_attempt_at;
  std::optional<std::string> last_error;
  Instant created_at;
  std::optional<Instant> sent_at;
  std::optional<std::int64_t> case_id;
};

class Outbox {
 public:
  explicit Outbox(ReadTx& tx) : session_(tx.session()) {}
  // Queues a message (status, attempts and sent_at as given). Returns its id. kConflict when
  // the Message-ID is taken.
  Result<std::int64_t> Insert(const OutboundMessageRecord& message);
  // Up to `limit` messages due at `now` (queued, or sending with a lapsed claim), oldest due
  // first, marked sending until `claim_until` with one more attempt counted. Run it in a
  // write unit of work: on PostgreSQL rows another node holds are skipped, not waited for.
  Result<std::vector<OutboundMessageRecord>> Claim(Instant now, Instant claim_until, int limit);
  Result<void> MarkSent(std::int64_t id, Instant at);
  // Back to queued until `retry_at`, or failed for good when `retry_at` is nullopt.
  Result<void> MarkFailed(std::int64_t id, const std::string& error,
                          std::optional<Instant> retry_at);
  Result<OutboundMessageRecord> Find(std::int64_t id);  // kNotFound
  // Newest first: the messages to an address (tests, the staff case view later).
  Result<std::vector<OutboundMessageRecord>> ListTo(const std::string& to_address, int limit);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
