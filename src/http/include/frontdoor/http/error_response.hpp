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

// Whether a kInternal or kUnavailable message may reach the client.
enum class Disclosure {
  kByCode,  // hidden: it went to Response::log_detail, which the server logs and never sends
  kFull,    // our own words on purpose (a feature switched off): shown, nothing logged
};

[[nodiscard]] Response ToErrorResponse(const Error& error,
                                       Disclosure disclosure = Disclosure::kByCode);

}  // namespace frontdoor::http
