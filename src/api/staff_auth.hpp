// Who is calling the staff API. Today a Frontdoor API key sent as a bearer token; staff
// sign-in sessions (the staff desktop) will be a second check beside it in
// AuthenticateStaff, so every route keeps asking one function.
#pragma once

#include <optional>
#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

// The token of an `Authorization: Bearer <token>` header; nullopt without one.
std::optional<std::string> BearerToken(const http::Request& request);

// The actor to record in case history ("apikey:<name>"). kUnauthenticated when the
// request has no `Authorization: Bearer <key>` header or the key is unknown or revoked;
// kForbidden when the key is not a staff key (an Open311 client's key reads no personal data);
// kUnavailable when the database cannot be asked.
Result<usecase::Actor> AuthenticateStaff(const http::Request& request, store::Store& store);

// The error response for a failed AuthenticateStaff, with the WWW-Authenticate challenge
// of RFC 6750 on a 401.
http::Response AuthenticationFailure(const http::Request& request, const Error& error);

}  // namespace frontdoor::api
