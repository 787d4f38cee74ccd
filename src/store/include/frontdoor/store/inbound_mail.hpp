// Repository for email taken in by the mail gateway: one row per Message-ID, first claimed
// while the message is being taken in, then completed with the case it raised or commented
// on. It makes intake idempotent per Message-ID and lets replies find their case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct InboundMessageRecord {
  std::string message_id;
  std::optional<std::int64_t> case_id;
  std::optional<std::string> outcome;  // case_raised, comment; nullopt while claimed
  std::optional<std::string> from_address;
  Instant received_at;         // first claimed
  Instant claimed_at;          // last claimed
  std::string case_reference;  // read only, joined; empty without a case
};

class InboundMessages {
 public:
  explicit InboundMessages(ReadTx& tx) : session_(tx.session()) {}

  // Claims the message for this caller: true when it is new, or when an earlier claim that
  // never completed is older than `stale_before` (its taker died); false when it is done or
  // another caller is taking it in now. Safe against concurrent callers.
  Result<bool> Claim(const std::string& message_id, const std::optional<std::string>& from_address,
                     Instant now, Instant stale_before);
  // kNotFound when the message was never claimed.
  Result<InboundMessageRecord> Find(const std::string& message_id);
  // Records what taking the message in did.
  Result<void> Complete(const std::string& message_id, std::int64_t case_id,
                        const std::string& outcome);
  // Forgets a claim that did not complete, so that a retry can take the message in.
  Result<void> Release(const std::string& message_id);
  // The case of the most recently received completed message among `message_ids`.
  Result<std::optional<std::int64_t>> FindCase(const std::vector<std::string>& message_ids);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
