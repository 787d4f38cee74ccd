#include "charter_validation.hpp"

#include <string>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/text.hpp"

namespace frontdoor::usecase {

void AddCodeErrors(std::string_view code, std::string_view field, std::vector<FieldError>& errors) {
  // Service codes and charter codes travel the same ways (URLs, CLI flags), so one rule.
  if (!CheckServiceCode(code, field)) {
    errors.push_back({std::string(field), "Use 1 to 32 letters, digits, '_' or '-'"});
  }
}

void AddNameErrors(std::string_view text, std::string_view field, std::vector<FieldError>& errors) {
  if (!IsValidUtf8(text)) {
    errors.push_back({std::string(field), "Use valid UTF-8 text"});
    return;
  }
  const std::string trimmed = Trim(text);
  if (trimmed.empty()) {
    errors.push_back({std::string(field), "Enter a " + std::string(field)});
  } else if (CountCodePoints(trimmed) > kMaxCharterNameChars) {
    errors.push_back({std::string(field),
                      "Use at most " + std::to_string(kMaxCharterNameChars) + " characters"});
  }
}

}  // namespace frontdoor::usecase
