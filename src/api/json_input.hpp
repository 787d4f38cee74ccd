// Strict reading of JSON request bodies for the staff API: the body must be one JSON object,
// every field has the type the API documents, and a field the API does not know is an error
// (it is usually a typo that would otherwise be silently ignored). Problems are collected
// with the field's name so that one 422 lists them all. Not thread-safe; one per request.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "frontdoor/core/error.hpp"

namespace frontdoor::api {

// kMalformed when `body` is not JSON or not an object. Strings may hold invalid UTF-8 here:
// FieldReader reports it on the field, which is more useful than "bad JSON".
Result<boost::json::object> ParseJsonObject(std::string_view body);

// `text` made safe to echo in an error: valid UTF-8 (bad bytes become U+FFFD) and at most
// 64 bytes, since field names come from the client.
std::string EchoSafe(std::string_view text);

class FieldReader {
 public:
  // Errors go to `errors` named `prefix` + key, e.g. prefix "attributes[2]." for nesting.
  FieldReader(const boost::json::object& object, std::vector<FieldError>& errors,
              std::string prefix = {});

  // True when the key is present with a non-null value. Counts as reading it.
  bool Has(std::string_view key);
  // True when the key is present with an explicit null. Counts as reading it.
  bool IsNull(std::string_view key);

  // Each returns nullopt when the key is absent or null (an error when `required`), or when
  // the value has the wrong type (an error naming the field). Strings must be valid UTF-8.
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<std::int64_t> Integer(std::string_view key, bool required = false);
  std::optional<double> Number(std::string_view key, bool required = false);
  std::optional<bool> Boolean(std::string_view key, bool required = false);
  std::optional<std::vector<std::string>> StringList(std::string_view key, bool required = false);
  const boost::json::array* Array(std::string_view key, bool required = false);
  const boost::json::object* Object(std::string_view key, bool required = false);
  // The raw value, or null when absent. Counts as reading it.
  const boost::json::value* Value(std::string_view key);

  // The error name of `key` (prefix + key).
  [[nodiscard]] std::string Name(std::string_view key) const;
  void AddError(std::string field, std::string message);

  // Adds an "unknown field" error for every key never read. Call after reading them all.
  void RejectUnknown();

 private:
  const boost::json::value* Find(std::string_view key, bool required);

  const boost::json::object& object_;
  std::vector<FieldError>& errors_;
  std::string prefix_;
  std::set<std::string, std::less<>> read_;
};

// A string value checked as FieldReader::String does (for array elements).
std::optional<std::string> StringValue(const boost::json::value& value, const std::string& field,
                                       std::vector<FieldError>& errors);

// kInvalidInput with the collected errors (the first 50), or success when there is none.
Result<void> ToResult(std::vector<FieldError> errors);

}  // namespace frontdoor::api
