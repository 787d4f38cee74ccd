// Who is calling the staff API and whether they may do what they ask. Every staff route asks
// AuthorizeStaff, so authentication and the access policy (core/access.hpp) are decided in
// this one place: API keys as bearer tokens, staff sessions by cookie beside them.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "frontdoor/api/staff_access.hpp"
#include "frontdoor/core/access.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

// The token of an `Authorization: Bearer <token>` header; nullopt without one.
std::optional<std::string> BearerToken(const http::Request& request);

// The caller. A bearer token wins over a cookie. kUnauthenticated without credentials, for
// an unknown or revoked key, or a session that has ended; kForbidden for an Open311 client's
// key (it reads no personal data) and for a cookie-authenticated request with an unsafe
// method whose X-CSRF-Token is not the session's; kUnavailable when the database is down.
Result<access::Principal> AuthenticateStaff(const http::Request& request, store::Store& store,
                                            const Clock& clock,
                                            const StaffAccessSettings& settings);

// AuthenticateStaff, then the policy for `action`. For a case action (access::IsCaseScoped)
// the case is the route's {reference}; kNotFound when it does not exist, kForbidden when the
// caller's role may not do that to a case of its department.
Result<access::Principal> AuthorizeStaff(const http::Request& request, store::Store& store,
                                         const Clock& clock, const StaffAccessSettings& settings,
                                         access::Action action);

// The error response for a failed AuthenticateStaff/AuthorizeStaff, with the
// WWW-Authenticate challenge of RFC 6750 on a 401.
http::Response AuthenticationFailure(const http::Request& request, const Error& error);

// The answer of a staff route: AuthorizeStaff, then `handler(caller)` (a Result<Response>),
// its Error mapped to HTTP once here for every staff route table.
template <typename Handler>
http::Response AnswerStaff(http::Request& request, store::Store& store, const Clock& clock,
                           const StaffAccessSettings& settings, access::Action action,
                           const Handler& handler) {
  auto caller = AuthorizeStaff(request, store, clock, settings, action);
  if (!caller) {
    return AuthenticationFailure(request, caller.error());
  }
  auto response = handler(*caller);
  if (!response) {
    return http::ToErrorResponse(response.error());
  }
  return std::move(*response);
}

}  // namespace frontdoor::api
