#include "frontdoor/core/contact.hpp"

#include "frontdoor/core/text.hpp"

namespace frontdoor {

Result<std::string> NormaliseEmail(std::string_view text, std::string_view field) {
  const std::string email = ToLowerAscii(Trim(text));
  const auto at = email.find('@');
  bool valid = at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
               email.size() <= 254 && email.find_first_of(" \t\r\n,;<>\"") == std::string::npos;
  if (valid) {
    const std::string_view domain = std::string_view(email).substr(at + 1);
    valid = domain.find('.') != std::string_view::npos && !domain.starts_with('.') &&
            !domain.ends_with('.');
  }
  if (!valid) {
    return Error::Invalid(std::string(field),
                          "Enter an email address in the correct format, like name@example.com");
  }
  return email;
}

Result<std::string> NormalisePhone(std::string_view text, std::string_view field) {
  std::string phone;
  std::size_t digits = 0;
  bool valid = true;
  for (const char c : Trim(text)) {
    if (c >= '0' && c <= '9') {
      phone += c;
      ++digits;
    } else if (c == '+' && phone.empty()) {
      phone += c;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      valid = false;
    }
  }
  if (!valid || digits < 7 || digits > 16) {
    return Error::Invalid(std::string(field),
                          "Enter a telephone number, like 028 9032 0202 or +44 28 9032 0202");
  }
  return phone;
}

}  // namespace frontdoor
