// Idempotency-Key on the create routes (staff API POST /cases, /customers, /interactions and
// Open311 POST requests): the header read into a use-case claim, and answers turned into
// stored responses and back. The rules are usecase/idempotency.hpp's.
#pragma once

#include <optional>
#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/idempotency.hpp"

namespace frontdoor::api {

// The claim of a request that sends `Idempotency-Key`, for the client `scope` (its actor);
// nullopt without the header. kInvalidInput on "Idempotency-Key" when the key is malformed.
Result<std::optional<usecase::IdempotencyClaim>> ReadIdempotencyClaim(const http::Request& request,
                                                                      const std::string& scope);

// What of a response is kept: status, content type, body and Location.
usecase::StoredResponse ToStored(const http::Response& response);

// The answer as a response. A replayed one carries `Idempotent-Replayed: true`, so a client
// can tell that nothing new was made.
http::Response FromAnswer(usecase::IdempotentAnswer answer);

}  // namespace frontdoor::api
