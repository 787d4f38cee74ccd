// The one place an Error becomes an HTTP status and the JSON error body
// {"error": {"code": ..., "message": ..., "field": ..., "fields": [...]}}.
#pragma once

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/message.hpp"

namespace frontdoor::http {

[[nodiscard]] unsigned StatusFor(ErrorCode code);

// kInternal errors never show their message (it is logged by the caller instead).
[[nodiscard]] Response ToErrorResponse(const Error& error);

}  // namespace frontdoor::http
