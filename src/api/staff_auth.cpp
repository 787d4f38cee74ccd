#include "staff_auth.hpp"

#include <string>

#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/cookie.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/store/staff_auth.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::api {
namespace {

constexpr std::string_view kScheme = "bearer";

bool IsSafe(http::Method method) {
  return method == http::Method::kGet || method == http::Method::kHead ||
         method == http::Method::kOptions;
}

// Compared through digests, so the time a comparison takes says nothing about the secret.
bool SameSecret(std::string_view a, std::string_view b) {
  return usecase::Sha256Hex(a) == usecase::Sha256Hex(b);
}

Result<access::Principal> FromApiKey(const std::string& token, store::Store& store) {
  auto key = usecase::CheckApiKey(store, token);
  if (!key) {
    return key.error();
  }
  if (key->scope != usecase::kScopeStaff) {
    return Error(ErrorCode::kForbidden,
                 "This key may only be used with the Open311 API; ask for a staff key");
  }
  return access::Principal{"apikey:" + key->name, access::Role::kStaffKey, {}, key->name};
}

// A browser sends the cookie with any request, a forged one included: SameSite=Lax stops
// cross-site POSTs in current browsers, and the token (which another site cannot read)
// stops the rest.
Result<access::Principal> FromSession(const http::Request& request, const std::string& token,
                                      store::Store& store, const Clock& clock,
                                      const StaffAccessSettings& settings) {
  auto session = usecase::ResumeSession(store, clock, token, settings.policy);
  if (!session) {
    return session.error();
  }
  if (!IsSafe(request.method)) {
    const auto sent = request.Header("x-csrf-token");
    if (!sent || !SameSecret(*sent, session->session.csrf_token)) {
      return Error(ErrorCode::kForbidden,
                   "A request made with a staff session that changes something needs the "
                   "session's token in the X-CSRF-Token header");
    }
  }
  return std::move(session->principal);
}

}  // namespace

// The scheme is case-insensitive (RFC 7235 section 2.1).
std::optional<std::string> BearerToken(const http::Request& request) {
  const auto header = request.Header("authorization");
  if (!header) {
    return std::nullopt;
  }
  const std::string value = Trim(*header);
  const auto space = value.find(' ');
  if (space == std::string::npos || ToLowerAscii(value.substr(0, space)) != kScheme) {
    return std::nullopt;
  }
  std::string token = Trim(value.substr(space + 1));
  if (token.empty()) {
    return std::nullopt;
  }
  return token;
}

Result<access::Principal> AuthenticateStaff(const http::Request& request, store::Store& store,
                                            const Clock& clock,
                                            const StaffAccessSettings& settings) {
  if (const auto token = BearerToken(request)) {
    return FromApiKey(*token, store);
  }
  if (const auto cookie =
          http::CookieValue(request, usecase::StaffSessionCookieName(settings.https))) {
    return FromSession(request, std::string(*cookie), store, clock, settings);
  }
  return Error(ErrorCode::kUnauthenticated,
               "Send an API key in the header Authorization: Bearer <key>, or sign in");
}

Result<access::Principal> AuthorizeStaff(const http::Request& request, store::Store& store,
                                         const Clock& clock, const StaffAccessSettings& settings,
                                         access::Action action) {
  auto principal = AuthenticateStaff(request, store, clock, settings);
  if (!principal) {
    return principal.error();
  }
  std::optional<std::string> department;
  if (access::IsCaseScoped(action)) {
    auto reference = ParseReference(request.PathParam("reference"));
    if (!reference) {
      return Error::NotFound("There is no case with that reference");
    }
    const std::string canonical = FormatReference(*reference);
    auto found = store::ReadValue<std::optional<std::string>>(
        store, [&](store::ReadTx& tx) { return store::CaseDepartment(tx, canonical); });
    if (!found) {
      return found.error().code() == ErrorCode::kNotFound
                 ? Error::NotFound("There is no case " + canonical)
                 : found.error();
    }
    department = std::move(*found);
  }
  if (!access::Allows(*principal, action, department)) {
    std::string message = "Your role (" + std::string(access::RoleName(principal->role)) +
                          ") may not " + std::string(access::ActionName(action));
    if (department) {
      message += " of department " + *department;
    }
    return Error(ErrorCode::kForbidden, std::move(message));
  }
  return principal;
}

http::Response AuthenticationFailure(const http::Request& request, const Error& error) {
  http::Response response = http::ToErrorResponse(error);
  if (error.code() == ErrorCode::kUnauthenticated) {
    // RFC 6750 section 3: a request without credentials gets a bare challenge, one with a
    // bad token is told "invalid_token".
    response.headers.emplace_back("WWW-Authenticate",
                                  BearerToken(request)
                                      ? R"(Bearer realm="frontdoor", error="invalid_token")"
                                      : R"(Bearer realm="frontdoor")");
  }
  return response;
}

}  // namespace frontdoor::api
