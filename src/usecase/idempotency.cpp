#include "frontdoor/usecase/idempotency.hpp"

#include "frontdoor/store/idempotency.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::usecase {
namespace {

constexpr const char* kField = "Idempotency-Key";

Instant LiveSince(Instant now) {
  return now - std::chrono::duration_cast<std::chrono::microseconds>(kIdempotencyKeyLifetime);
}

}  // namespace

Result<IdempotencyClaim> MakeIdempotencyClaim(std::string scope, std::string_view key,
                                              std::string_view method, std::string_view target,
                                              std::string_view body) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyBytes) {
    return Error::Invalid(kField, "Send a key of 1 to 255 characters");
  }
  for (const char c : key) {
    // Printable ASCII only: the key is stored and compared as text, and no control
    // character or broken UTF-8 can then reach a log or a database.
    if (c < 0x20 || c > 0x7e) {
      return Error::Invalid(kField, "Use printable ASCII characters only in the key");
    }
  }
  // Lengths first, so that no two different requests can run together into the same text.
  std::string text;
  text.reserve(method.size() + target.size() + body.size() + 48);
  for (const std::string_view part : {method, target, body}) {
    text += std::to_string(part.size());
    text += ':';
    text += part;
  }
  return IdempotencyClaim{std::move(scope), std::string(key), Sha256Hex(text)};
}

Result<std::optional<StoredResponse>> FindStoredResponse(store::Store& store, const Clock& clock,
                                                         const IdempotencyClaim& claim) {
  std::optional<store::IdempotencyRecord> found;
  auto read = store.Read([&](store::ReadTx& tx) -> Result<void> {
    auto record = store::IdempotencyKeys(tx).Find(claim.scope, claim.key, LiveSince(clock.Now()));
    if (!record) {
      return record.error();
    }
    found = std::move(*record);
    return {};
  });
  if (!read) {
    return read.error();
  }
  if (!found) {
    return std::optional<StoredResponse>();
  }
  if (found->fingerprint != claim.fingerprint) {
    // RFC draft "The Idempotency-Key HTTP Header Field", section 2.7: a key reused with a
    // different payload is refused with 422.
    return Error::Invalid(kField,
                          "This key was already used for a different request: send a new key");
  }
  return std::optional<StoredResponse>(StoredResponse{found->status, std::move(found->content_type),
                                                      std::move(found->location),
                                                      std::move(found->body)});
}

Result<void> StoreResponse(store::WriteTx& tx, const IdempotencyClaim& claim,
                           const StoredResponse& response, Instant now) {
  store::IdempotencyRecord record;
  record.scope = claim.scope;
  record.key = claim.key;
  record.fingerprint = claim.fingerprint;
  record.status = response.status;
  record.content_type = response.content_type;
  record.location = response.location;
  record.body = response.body;
  record.created_at = now;
  auto inserted = store::IdempotencyKeys(tx).Insert(record, LiveSince(now));
  if (!inserted) {
    return inserted.error();
  }
  if (!*inserted) {
    return Error(ErrorCode::kConflict, "Another request with this Idempotency-Key came first");
  }
  return {};
}

Result<std::int64_t> PurgeExpiredIdempotencyKeys(store::Store& store, const Clock& clock) {
  return store::WriteValue<std::int64_t>(store, [&](store::WriteTx& tx) {
    return store::IdempotencyKeys(tx).DeleteExpired(LiveSince(clock.Now()));
  });
}

}  // namespace frontdoor::usecase
