#include "frontdoor/core/error.hpp"

#include <stdexcept>

namespace frontdoor {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return "malformed";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Error Error::Invalid(std::vector<FieldError> fields) {
  Error error(ErrorCode::kInvalidInput, fields.empty() ? "Invalid input" : fields.front().message);
  error.field_errors_ = std::move(fields);
  return error;
}

Error Error::Invalid(std::string field, std::string message) {
  return Invalid(std::vector<FieldError>{{std::move(field), std::move(message)}});
}

void throw_exception_from_error(const Error& error, const boost::source_location& where) {
  throw std::logic_error(std::string("unchecked Result holds error '") + error.message() + "' at " +
                         where.file_name() + ":" + std::to_string(where.line()));
}

}  // namespace frontdoor
