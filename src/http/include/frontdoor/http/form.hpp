// HTML form data and query strings (application/x-www-form-urlencoded): the ordered
// (name, value) pairs a client sent, decoded and checked once at the edge so that handlers
// only ever see valid UTF-8. Values are immutable after parsing, so a Form may be read by
// several threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"

namespace frontdoor::http {

struct FormField {
  std::string name;
  std::string value;
};

// More pairs than any of our forms needs; a body of "&a=&a=..." beyond it is refused
// before anything is built from it.
inline constexpr std::size_t kMaxFormFields = 1000;

class Form {
 public:
  Form() = default;
  explicit Form(std::vector<FormField> fields) : fields_(std::move(fields)) {}

  [[nodiscard]] const std::vector<FormField>& fields() const { return fields_; }

  // The first value of `name`, possibly empty; nullopt when the name is absent.
  [[nodiscard]] std::optional<std::string_view> First(std::string_view name) const;
  // The first non-empty value of `name`: an optional argument sent empty ("status=") counts
  // as absent.
  [[nodiscard]] std::optional<std::string_view> Present(std::string_view name) const;
  // Every value of `name`, in the order sent.
  [[nodiscard]] std::vector<std::string_view> All(std::string_view name) const;
  // A list sent either comma-separated ("a,b"), repeated ("x=a&x=b") or both: every item
  // trimmed of ASCII whitespace, empty items dropped, in the order sent.
  [[nodiscard]] std::vector<std::string> List(std::string_view name) const;

 private:
  std::vector<FormField> fields_;
};

// Parses "a=1&b=x+y&c=%C3%A9": pairs split on '&' (empty pairs skipped), name and value on
// the first '=' (a pair without one has an empty value), '+' decoded as a space and %XX as
// that byte. Fails with kMalformed naming the parameter on a bad escape ("%G1", "%4") or
// more than `max_fields` pairs, and with kInvalidInput on that parameter when its name or
// value is not valid UTF-8 once decoded.
[[nodiscard]] Result<Form> ParseForm(std::string_view text,
                                     std::size_t max_fields = kMaxFormFields);

// Percent-encodes `text` for a query value or a path segment: every byte but RFC 3986's
// unreserved characters (letters, digits, "-._~") becomes %XX.
[[nodiscard]] std::string PercentEncode(std::string_view text);

// True when a Content-Type header value names application/x-www-form-urlencoded (any case,
// any parameters such as "; charset=utf-8").
[[nodiscard]] bool IsFormContentType(std::string_view content_type);

}  // namespace frontdoor::http
