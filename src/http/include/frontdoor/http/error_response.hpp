// The one place an Error becomes an HTTP status and the JSON error body
// {"error": {"code": ..., "message": ..., "field": ..., "fields": [...]}}.
#pragma once

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/message.hpp"

namespace frontdoor::http {

[[nodiscard]] unsigned StatusFor(ErrorCode code);

// What a client may read of an error. kInternal and kUnavailable messages come from deep
// inside (a driver's text names hosts, ports, SQL), so those get a fixed sentence instead.
[[nodiscard]] std::string PublicMessage(const Error& error);

// The hidden message of a kInternal or kUnavailable error goes to Response::log_detail,
// which the server logs and never sends.
[[nodiscard]] Response ToErrorResponse(const Error& error);

}  // namespace frontdoor::http
