#include "staff_auth.hpp"

#include <string>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/usecase/accounts.hpp"

namespace frontdoor::api {
namespace {

constexpr std::string_view kScheme = "bearer";

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

Result<usecase::Actor> AuthenticateStaff(const http::Request& request, store::Store& store) {
  const auto token = BearerToken(request);
  if (!token) {
    return Error(ErrorCode::kUnauthenticated,
                 "Send an API key in the header Authorization: Bearer <key>");
  }
  auto key = usecase::CheckApiKey(store, *token);
  if (!key) {
    return key.error();
  }
  if (key->scope != usecase::kScopeStaff) {
    return Error(ErrorCode::kForbidden,
                 "This key may only be used with the Open311 API; ask for a staff key");
  }
  return "apikey:" + key->name;
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
