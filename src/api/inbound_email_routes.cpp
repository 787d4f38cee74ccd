#include "frontdoor/api/inbound_email_routes.hpp"

#include <cstddef>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "staff_auth.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

// Compares digests rather than the texts: both are 64 characters whatever was sent, and every
// character is looked at, so the time taken tells an attacker nothing about the secret.
bool SameSecret(std::string_view given, std::string_view secret) {
  const std::string a = usecase::Sha256Hex(given);
  const std::string b = usecase::Sha256Hex(secret);
  unsigned difference = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    difference |=
        static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  }
  return difference == 0 && a.size() == b.size();
}

http::Response Unauthenticated(bool had_token) {
  http::Response response = http::ToErrorResponse(
      Error(ErrorCode::kUnauthenticated,
            "Send the inbound email secret in the header Authorization: Bearer <secret>"));
  response.headers.emplace_back(
      "WWW-Authenticate", had_token
                              ? R"(Bearer realm="frontdoor-inbound-email", error="invalid_token")"
                              : R"(Bearer realm="frontdoor-inbound-email")");
  return response;
}

bool IsRfc822(const http::Request& request) {
  const auto type = request.Header("content-type");
  if (!type) {
    return false;
  }
  const std::string media = ToLowerAscii(Trim(type->substr(0, type->find(';'))));
  return media == "message/rfc822";
}

http::Response Render(const mail::IntakeResult& result) {
  json::object body;
  body["outcome"] = mail::IntakeOutcomeName(result.outcome);
  body["message_id"] = result.message_id;
  if (result.reference.empty()) {
    body["reference"] = nullptr;
  } else {
    body["reference"] = result.reference;
  }
  body["reopened"] = result.reopened;
  body["detail"] = result.detail;
  json::array not_kept;
  for (const auto& name : result.not_kept) {
    not_kept.emplace_back(name);
  }
  body["not_kept"] = std::move(not_kept);
  const bool created = result.outcome == mail::IntakeOutcome::kCaseRaised;
  http::Response response = http::Response::Json(created ? 201 : 200, json::serialize(body));
  if (created) {
    response.headers.emplace_back("Location", "/api/v1/cases/" + result.reference);
  }
  return response;
}

}  // namespace

void AddInboundEmailRoutes(http::Router& router, const usecase::CaseContext& context,
                           InboundEmailSettings settings) {
  router.Add(
      http::Method::kPost, "/api/v1/inbound/email",
      [&context, settings = std::move(settings)](http::Request& request) {
        if (settings.secret.empty()) {
          return http::ToErrorResponse(
              Error(ErrorCode::kUnavailable,
                    "Inbound email is not enabled on this server: set inbound_email_secret"),
              http::Disclosure::kFull);
        }
        const auto token = BearerToken(request);
        if (!token || !SameSecret(*token, settings.secret)) {
          return Unauthenticated(token.has_value());
        }
        if (!IsRfc822(request)) {
          http::Response response = http::ToErrorResponse(Error(
              ErrorCode::kMalformed, "Send the raw message with Content-Type: message/rfc822"));
          response.status = 415;
          return response;
        }
        auto taken = mail::TakeInEmail(context, settings.intake, request.body);
        if (!taken) {
          return http::ToErrorResponse(taken.error());
        }
        return Render(*taken);
      },
      http::Execution::kBlocking);
}

}  // namespace frontdoor::api
