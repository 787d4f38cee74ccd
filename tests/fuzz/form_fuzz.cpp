// libFuzzer target for application/x-www-form-urlencoded bodies and query strings
// (http::ParseForm), the first thing every form post and Open311 call goes through.
// Promises: what parses is valid UTF-8 and round-trips (encode every pair, parse again,
// same pairs); a failure is kMalformed or names the parameter; List items are trimmed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "frontdoor/http/form.hpp"

#include "fuzz_check.hpp"

namespace {

using frontdoor::fuzz::Check;

std::string Encode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ') {
      out += '+';
    } else if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
               (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto form = frontdoor::http::ParseForm(text, 64);
  if (!form) {
    frontdoor::fuzz::CheckInputError(form.error());
    return 0;
  }
  Check(form->fields().size() <= 64, "no more pairs than the limit");
  std::string again;
  for (const auto& field : form->fields()) {
    Check(frontdoor::IsValidUtf8(field.name) && frontdoor::IsValidUtf8(field.value),
          "names and values are valid UTF-8");
    again += Encode(field.name) + "=" + Encode(field.value) + "&";
  }
  const auto reparsed = frontdoor::http::ParseForm(again, 64);
  Check(reparsed.has_value(), "an encoded form parses");
  Check(reparsed->fields().size() == form->fields().size(), "round trip keeps every pair");
  for (std::size_t i = 0; i < form->fields().size(); ++i) {
    Check(reparsed->fields()[i].name == form->fields()[i].name &&
              reparsed->fields()[i].value == form->fields()[i].value,
          "round trip keeps names, values and order");
  }
  if (!form->fields().empty()) {
    const auto& name = form->fields().front().name;
    Check(form->First(name).has_value(), "First finds a name that was sent");
    for (const auto& item : form->List(name)) {
      Check(!item.empty() && !IsAsciiSpace(item.front()) && !IsAsciiSpace(item.back()) &&
                item.find(',') == std::string::npos,
            "List items are trimmed, non-empty and split on commas");
    }
  }
  return 0;
}
