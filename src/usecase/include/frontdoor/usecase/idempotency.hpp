// Idempotent creates. A client that sends `Idempotency-Key` with a create and sends it again
// (after a timeout or a dropped connection) gets the first answer again instead of a second
// case. The create use cases take an optional IdempotentCreate: inside their own unit of work
// they render their answer and store it under the key, so the key and what was created commit
// together or not at all; a crash can never leave one without the other. Knows nothing of HTTP:
// an answer is a status, a content type, a location and a body. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

// How long a key is remembered: long enough for any client's retries.
inline constexpr std::chrono::hours kIdempotencyKeyLifetime{24};
inline constexpr std::size_t kMaxIdempotencyKeyBytes = 255;

// The answer a create gave, kept to be given again.
struct StoredResponse {
  unsigned status = 0;
  std::string content_type;
  std::optional<std::string> location;
  std::string body;
};

// One client's key for one request.
struct IdempotencyClaim {
  std::string scope;        // whose key: the actor ("apikey:crm"); clients never share keys
  std::string key;          // 1-255 printable ASCII characters
  std::string fingerprint;  // SHA-256 (hex) of the request's method, target and body
};

// Checks the key (kInvalidInput on field "Idempotency-Key") and fingerprints the request.
Result<IdempotencyClaim> MakeIdempotencyClaim(std::string scope, std::string_view key,
                                              std::string_view method, std::string_view target,
                                              std::string_view body);

// Before a create: the answer stored for the claim's key in the last 24 hours (replay it), or
// nullopt when the key is new (go ahead). kInvalidInput on "Idempotency-Key" when the key was
// used for a different request.
Result<std::optional<StoredResponse>> FindStoredResponse(store::Store& store, const Clock& clock,
                                                         const IdempotencyClaim& claim);

// What a create use case takes to become idempotent: the claim, and how to render its answer
// from what it created. Borrowed for the call.
template <class T>
struct IdempotentCreate {
  IdempotencyClaim claim;
  std::function<StoredResponse(const T&)> respond;
};

// Inside a create's unit of work: stores `response` under the claim. kConflict when another
// request with the key committed first; the create then fails and its unit of work rolls back.
Result<void> StoreResponse(store::WriteTx& tx, const IdempotencyClaim& claim,
                           const StoredResponse& response, Instant now);

// The create use cases call this last in their unit of work; nothing when `create` is null.
template <class T>
Result<void> StoreResponse(store::WriteTx& tx, const IdempotentCreate<T>* create, const T& created,
                           Instant now) {
  if (create == nullptr) {
    return {};
  }
  return StoreResponse(tx, create->claim, create->respond(created), now);
}

struct IdempotentAnswer {
  StoredResponse response;
  bool replayed = false;  // an earlier request's answer, given again
};

// Runs `create` at most once per claim. `create(const IdempotentCreate<T>*)` returns
// Result<T> and passes its argument to the use case; `respond` renders the answer. Without a
// claim it simply runs. With one: a stored answer is replayed without running; otherwise the
// create runs and stores its answer. A concurrent request with the same key waits on the
// database for the first: its own insert of the key then fails (kConflict), its unit of work
// rolls back, and it replays the first's answer. Errors are create's (they are not stored: a
// retry runs again), FindStoredResponse's, or kConflict when a racing request's answer has
// vanished (it expired meanwhile).
template <class T, class Create>
Result<IdempotentAnswer> CreateOnce(store::Store& store, const Clock& clock,
                                    const std::optional<IdempotencyClaim>& claim,
                                    const std::function<StoredResponse(const T&)>& respond,
                                    Create&& create) {
  if (!claim) {
    auto created = create(static_cast<const IdempotentCreate<T>*>(nullptr));
    if (!created) {
      return created.error();
    }
    return IdempotentAnswer{respond(*created), false};
  }
  auto stored = FindStoredResponse(store, clock, *claim);
  if (!stored) {
    return stored.error();
  }
  if (*stored) {
    return IdempotentAnswer{std::move(**stored), true};
  }
  std::optional<StoredResponse> fresh;
  const IdempotentCreate<T> once{*claim, [&](const T& made) {
                                   fresh = respond(made);
                                   return *fresh;
                                 }};
  auto created = create(&once);
  if (created) {
    return IdempotentAnswer{fresh ? std::move(*fresh) : respond(*created), false};
  }
  if (created.error().code() != ErrorCode::kConflict) {
    return created.error();
  }
  auto winner = FindStoredResponse(store, clock, *claim);
  if (!winner) {
    return winner.error();
  }
  if (!*winner) {
    return created.error();
  }
  return IdempotentAnswer{std::move(**winner), true};
}

// Deletes the keys older than kIdempotencyKeyLifetime; returns how many. The periodic sweep
// of `frontdoor serve` calls it.
Result<std::int64_t> PurgeExpiredIdempotencyKeys(store::Store& store, const Clock& clock);

}  // namespace frontdoor::usecase
