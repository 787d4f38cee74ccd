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
  const auto invalid = [&] {
    return Error::Invalid(std::string(field),
                          "Enter a telephone number, like 028 9032 0202 or +353 1 234 5678");
  };
  std::string typed = Trim(text);
  // "+44 (0)28..." carries the UK trunk 0 in brackets; it is not part of the number.
  if (const auto trunk = typed.find("(0)"); trunk != std::string::npos) {
    typed.erase(trunk, 3);
  }
  std::string digits;
  bool plus = false;
  for (const char c : typed) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
      return invalid();
    }
  }
  std::string international;
  if (plus) {
    international = digits;
  } else if (digits.starts_with("00")) {
    international = digits.substr(2);
  } else if (digits.starts_with("0")) {
    international = "44" + digits.substr(1);
  } else {
    return invalid();
  }
  if (international.starts_with("44")) {
    const std::size_t national = international.size() - 2;
    if (national < 9 || national > 10 || international[2] == '0') {
      return invalid();
    }
  }
  if (international.size() < 8 || international.size() > 15) {
    return invalid();
  }
  return "+" + international;
}

}  // namespace frontdoor
