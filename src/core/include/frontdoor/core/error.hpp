// The one error type of Frontdoor and the Result<T> that carries it.
// Pure: knows nothing of HTTP, SQL or the CLI; each adapter maps ErrorCode once.
// Error and Result are values: copy them freely between threads.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/system/result.hpp>

namespace frontdoor {

enum class ErrorCode {
  kMalformed,        // input that cannot be parsed at all (bad JSON, bad form encoding)
  kInvalidInput,     // parsed, but one or more fields are wrong: see field_errors()
  kUnauthenticated,  // who is asking is unknown
  kForbidden,        // known, but not allowed
  kNotFound,
  kConflict,  // the state of the world forbids it (a transition, a duplicate)
  kPayloadTooLarge,
  kRateLimited,
  kUnavailable,  // a dependency (the database) is down; worth retrying
  kInternal,     // a bug; its message is logged, never shown
};

// A short stable name ("invalid_input") for logs and JSON bodies.
[[nodiscard]] const char* ErrorCodeName(ErrorCode code);

struct FieldError {
  std::string field;    // the input's name as the client sent it, e.g. "lat"
  std::string message;  // a sentence a person can act on
};

class Error {  // deliberately not an aggregate: see STYLE.md section 3
 public:
  Error() = default;  // boost::system::result needs it; means kInternal
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  // kInvalidInput with one entry per wrong field; message() is the first field's message.
  static Error Invalid(std::vector<FieldError> fields);
  static Error Invalid(std::string field, std::string message);
  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  [[nodiscard]] ErrorCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  [[nodiscard]] const std::vector<FieldError>& field_errors() const { return field_errors_; }

 private:
  ErrorCode code_ = ErrorCode::kInternal;
  std::string message_;
  std::vector<FieldError> field_errors_;
};

// A T or an Error. [[nodiscard]]: ignoring one is a compile error under -Werror.
template <class T>
class [[nodiscard]] Result : public boost::system::result<T, Error> {
 public:
  using boost::system::result<T, Error>::result;
};

// Result<void>::value() and friends on an error land here (found by ADL); throws std::logic_error.
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& where);

}  // namespace frontdoor
