// libFuzzer target for the staff API's strict JSON readers (api::ParseJsonObject,
// api::FieldReader), driven the way the case and customer handlers drive them: required
// and optional fields of every type, nested objects with a prefix, arrays of objects,
// unknown fields refused. Promises: every value returned has the type asked for (strings
// valid UTF-8, integers exact, numbers finite); every error names its field, bounded.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "json_input.hpp"

namespace {

using frontdoor::fuzz::Check;

void ReadContact(const boost::json::object& object, std::vector<frontdoor::FieldError>& errors,
                 const std::string& prefix) {
  frontdoor::api::FieldReader reader(object, errors, prefix);
  for (const auto* key : {"email", "phone", "first_name", "last_name"}) {
    if (const auto text = reader.String(key)) {
      Check(frontdoor::IsValidUtf8(*text), "a nested string is valid UTF-8");
    }
  }
  reader.RejectUnknown();
}

void ReadCase(const boost::json::object& object, std::vector<frontdoor::FieldError>& errors) {
  frontdoor::api::FieldReader reader(object, errors);
  if (const auto code = reader.String("service_code", true)) {
    Check(frontdoor::IsValidUtf8(*code), "a string is valid UTF-8");
  }
  (void)reader.String("description");
  if (const auto lat = reader.Number("lat")) {
    Check(std::isfinite(*lat), "a number is finite");
  }
  (void)reader.Number("long");
  if (const auto id = reader.Integer("customer_id")) {
    const auto* raw = object.if_contains("customer_id");
    Check(
        raw != nullptr && raw->is_number() && raw->to_number<double>() == static_cast<double>(*id),
        "an integer is the number sent");
  }
  (void)reader.Boolean("is_public");
  (void)reader.IsNull("priority");
  if (const auto tags = reader.StringList("tags")) {
    for (const auto& tag : *tags) {
      Check(frontdoor::IsValidUtf8(tag), "list items are valid UTF-8");
    }
  }
  if (const auto* contact = reader.Object("contact")) {
    ReadContact(*contact, errors, reader.Name("contact") + ".");
  }
  if (const auto* answers = reader.Array("attributes")) {
    for (std::size_t i = 0; i < answers->size() && i < 20; ++i) {
      const auto field = reader.Name("attributes") + "[" + std::to_string(i) + "]";
      if (!(*answers)[i].is_object()) {
        reader.AddError(field, "Must be an object");
        continue;
      }
      frontdoor::api::FieldReader answer((*answers)[i].get_object(), errors, field + ".");
      (void)answer.String("code", true);
      (void)answer.Value("value");
      answer.RejectUnknown();
    }
  }
  reader.RejectUnknown();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto object = frontdoor::api::ParseJsonObject(body);
  if (!object) {
    frontdoor::fuzz::CheckInputError(object.error());
    Check(object.error().code() == frontdoor::ErrorCode::kMalformed, "bad JSON is kMalformed");
    return 0;
  }
  std::vector<frontdoor::FieldError> errors;
  ReadCase(*object, errors);
  const auto result = frontdoor::api::ToResult(errors);
  Check(result.has_value() == errors.empty(), "ToResult fails exactly when there are errors");
  if (!result) {
    frontdoor::fuzz::CheckInputError(result.error());
    Check(result.error().field_errors().size() <= 50, "at most 50 errors are answered");
  }
  return 0;
}
