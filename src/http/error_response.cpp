#include "frontdoor/http/error_response.hpp"

#include <boost/json.hpp>

namespace frontdoor::http {

// No default: a new ErrorCode fails the build (-Wswitch) until it is mapped here.
unsigned StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return 400;
    case ErrorCode::kInvalidInput: return 422;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;  // only if memory held an out-of-range value
}

namespace {

bool IsHidden(ErrorCode code) {
  return code == ErrorCode::kInternal || code == ErrorCode::kUnavailable;
}

}  // namespace

std::string PublicMessage(const Error& error) {
  switch (error.code()) {
    case ErrorCode::kInternal: return "Something went wrong on our side. Please try again later.";
    case ErrorCode::kUnavailable:
      return "The service is unavailable for a moment. Please try again shortly.";
    default: return error.message();
  }
}

Response ToErrorResponse(const Error& error, Disclosure disclosure) {
  const bool hidden = disclosure == Disclosure::kByCode && IsHidden(error.code());
  boost::json::object body;
  body["code"] = ErrorCodeName(error.code());
  body["message"] = hidden ? PublicMessage(error) : error.message();
  if (!error.field_errors().empty()) {
    body["field"] = error.field_errors().front().field;
    boost::json::array fields;
    for (const auto& field : error.field_errors()) {
      fields.push_back({{"field", field.field}, {"message", field.message}});
    }
    body["fields"] = std::move(fields);
  }
  Response response = Response::Json(StatusFor(error.code()),
                                     boost::json::serialize(boost::json::object{{"error", body}}));
  if (hidden) {
    response.log_detail = error.message();
  }
  if (error.code() == ErrorCode::kUnavailable) {
    response.headers.emplace_back("Retry-After", "5");
  }
  if (error.code() == ErrorCode::kRateLimited) {
    response.headers.emplace_back("Retry-After", "60");
  }
  return response;
}

}  // namespace frontdoor::http
