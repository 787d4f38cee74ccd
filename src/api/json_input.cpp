#include "json_input.hpp"

#include <cmath>
#include <limits>

#include "frontdoor/core/text.hpp"

namespace frontdoor::api {
namespace {

constexpr std::size_t kMaxEchoBytes = 64;
constexpr std::size_t kMaxReportedErrors = 50;

}  // namespace

Result<boost::json::object> ParseJsonObject(std::string_view body) {
  boost::json::parse_options options;
  // Invalid UTF-8 is reported on the field that holds it (FieldReader), not as bad JSON.
  options.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return Error(ErrorCode::kMalformed, "The body is not valid JSON: " + ec.message());
  }
  if (!value.is_object()) {
    return Error(ErrorCode::kMalformed, "The body must be a JSON object");
  }
  return std::move(value.as_object());
}

std::string EchoSafe(std::string_view text) {
  if (IsValidUtf8(text)) {
    return TruncateUtf8(text, kMaxEchoBytes);
  }
  // Invalid input: keep ASCII so the name is still recognisable.
  std::string out;
  for (const char c : text.substr(0, kMaxEchoBytes)) {
    out += static_cast<unsigned char>(c) < 0x80 ? c : '?';
  }
  return out;
}

FieldReader::FieldReader(const boost::json::object& object, std::vector<FieldError>& errors,
                         std::string prefix)
    : object_(object), errors_(errors), prefix_(std::move(prefix)) {}

std::string FieldReader::Name(std::string_view key) const {
  return prefix_ + std::string(key);
}

void FieldReader::AddError(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

const boost::json::value* FieldReader::Value(std::string_view key) {
  read_.emplace(key);
  return object_.if_contains(key);
}

bool FieldReader::Has(std::string_view key) {
  const auto* value = Value(key);
  return value != nullptr && !value->is_null();
}

bool FieldReader::IsNull(std::string_view key) {
  const auto* value = Value(key);
  return value != nullptr && value->is_null();
}

const boost::json::value* FieldReader::Find(std::string_view key, bool required) {
  const auto* value = Value(key);
  if (value == nullptr || value->is_null()) {
    if (required) {
      AddError(Name(key), "Enter " + std::string(key));
    }
    return nullptr;
  }
  return value;
}

std::optional<std::string> StringValue(const boost::json::value& value, const std::string& field,
                                       std::vector<FieldError>& errors) {
  if (!value.is_string()) {
    errors.push_back({field, "Must be a string"});
    return std::nullopt;
  }
  const auto& text = value.get_string();
  if (!IsValidUtf8(text)) {
    errors.push_back({field, "Must be valid UTF-8 text"});
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> FieldReader::String(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  return StringValue(*value, Name(key), errors_);
}

std::optional<std::int64_t> FieldReader::Integer(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->is_int64()) {
    return value->get_int64();
  }
  if (value->is_uint64() &&
      value->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  // 2^63 as a double: anything below it converts without overflow.
  constexpr double kLimit = 9223372036854775808.0;
  if (value->is_double()) {
    const double d = value->get_double();
    if (std::isfinite(d) && d == std::trunc(d) && d >= -kLimit && d < kLimit) {
      return static_cast<std::int64_t>(d);
    }
  }
  AddError(Name(key), "Must be a whole number");
  return std::nullopt;
}

std::optional<double> FieldReader::Number(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (value->is_number()) {
    const double d = value->to_number<double>();
    if (std::isfinite(d)) {
      return d;
    }
  }
  AddError(Name(key), "Must be a number");
  return std::nullopt;
}

std::optional<bool> FieldReader::Boolean(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_bool()) {
    AddError(Name(key), "Must be true or false");
    return std::nullopt;
  }
  return value->get_bool();
}

std::optional<std::vector<std::string>> FieldReader::StringList(std::string_view key,
                                                                bool required) {
  const auto* array = Array(key, required);
  if (array == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  const std::size_t errors_before = errors_.size();
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto text = StringValue((*array)[i], Name(key) + "[" + std::to_string(i) + "]", errors_);
    if (text) {
      out.push_back(std::move(*text));
    }
  }
  if (errors_.size() != errors_before) {
    return std::nullopt;
  }
  return out;
}

const boost::json::array* FieldReader::Array(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_array()) {
    AddError(Name(key), "Must be an array");
    return nullptr;
  }
  return &value->get_array();
}

const boost::json::object* FieldReader::Object(std::string_view key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_object()) {
    AddError(Name(key), "Must be an object");
    return nullptr;
  }
  return &value->get_object();
}

void FieldReader::RejectUnknown() {
  for (const auto& entry : object_) {
    if (!read_.contains(entry.key())) {
      AddError(prefix_ + EchoSafe(entry.key()), "Unknown field; check its spelling");
    }
  }
}

Result<void> ToResult(std::vector<FieldError> errors) {
  if (errors.empty()) {
    return {};
  }
  // A body of thousands of unknown keys must not get an answer larger than itself.
  if (errors.size() > kMaxReportedErrors) {
    errors.resize(kMaxReportedErrors);
  }
  return Error::Invalid(std::move(errors));
}

}  // namespace frontdoor::api
