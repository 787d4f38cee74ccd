// Repository for Idempotency-Key records: the answer a create gave, by the client's scope and
// key, so that a retry of the same request can be answered the same way. Plain storage: the
// rules (which requests match, how long keys live) are usecase/idempotency.hpp's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct IdempotencyRecord {
  std::string scope;        // whose key, e.g. "apikey:crm"
  std::string key;          // as the client sent it
  std::string fingerprint;  // of the request that used the key first
  unsigned status = 0;      // the answer's HTTP status
  std::string content_type;
  std::optional<std::string> location;
  std::string body;
  Instant created_at;
};

class IdempotencyKeys {
 public:
  explicit IdempotencyKeys(ReadTx& tx) : session_(tx.session()) {}

  // The record of (scope, key) created at or after `live_since`; nullopt when there is none or
  // it is older.
  Result<std::optional<IdempotencyRecord>> Find(const std::string& scope, const std::string& key,
                                                Instant live_since);
  // Stores the record, replacing one of the same scope and key created before `live_since`.
  // False when a live record holds the key: another request used it first. Of two writers
  // racing, the database lets exactly one in (PostgreSQL makes the second wait for the first).
  Result<bool> Insert(const IdempotencyRecord& record, Instant live_since);
  // Deletes the records created before `live_since`; returns how many.
  Result<std::int64_t> DeleteExpired(Instant live_since);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
