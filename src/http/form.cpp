#include "frontdoor/http/form.hpp"

#include <fmt/format.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/router.hpp"

namespace frontdoor::http {
namespace {

// Error messages quote what the client sent; a hostile name of a megabyte must not come
// back in full.
constexpr std::size_t kMaxQuotedNameBytes = 64;

std::string QuoteName(std::string_view name, std::size_t position) {
  if (name.empty() || !IsValidUtf8(name)) {
    return fmt::format("parameter {}", position);
  }
  auto quoted = TruncateUtf8(name, kMaxQuotedNameBytes);
  if (quoted.size() < name.size()) {
    quoted += "...";
  }
  return quoted;
}

}  // namespace

std::optional<std::string_view> Form::First(std::string_view name) const {
  for (const auto& field : fields_) {
    if (field.name == name) {
      return field.value;
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Form::Present(std::string_view name) const {
  for (const auto& field : fields_) {
    if (field.name == name && !field.value.empty()) {
      return field.value;
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> Form::All(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const auto& field : fields_) {
    if (field.name == name) {
      values.emplace_back(field.value);
    }
  }
  return values;
}

std::vector<std::string> Form::List(std::string_view name) const {
  std::vector<std::string> items;
  for (const auto& field : fields_) {
    if (field.name != name) {
      continue;
    }
    std::string_view rest = field.value;
    while (true) {
      const auto comma = rest.find(',');
      auto item = Trim(rest.substr(0, comma));
      if (!item.empty()) {
        items.push_back(std::move(item));
      }
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
  }
  return items;
}

Result<Form> ParseForm(std::string_view text, std::size_t max_fields) {
  std::vector<FormField> fields;
  std::size_t position = 0;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) {
      continue;  // "a=1&&b=2" and a trailing '&' are common and harmless
    }
    ++position;
    if (position > max_fields) {
      return Error(ErrorCode::kMalformed,
                   fmt::format("Too many parameters: at most {} are accepted", max_fields));
    }
    const auto eq = pair.find('=');
    const auto raw_name = pair.substr(0, eq);
    const auto raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    auto name = PercentDecode(raw_name, true);
    if (!name) {
      return Error(ErrorCode::kMalformed,
                   fmt::format("Malformed percent-encoding in the name of parameter {}", position));
    }
    const auto quoted = QuoteName(*name, position);
    if (!IsValidUtf8(*name)) {
      return Error::Invalid(quoted, "The parameter name is not valid UTF-8");
    }
    auto value = PercentDecode(raw_value, true);
    if (!value) {
      return Error(ErrorCode::kMalformed,
                   fmt::format("Malformed percent-encoding in the value of {}", quoted));
    }
    if (!IsValidUtf8(*value)) {
      return Error::Invalid(quoted, "The value is not valid UTF-8");
    }
    fields.push_back({std::move(*name), std::move(*value)});
  }
  return Form(std::move(fields));
}

bool IsFormContentType(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  return ToLowerAscii(Trim(content_type.substr(0, semicolon))) ==
         "application/x-www-form-urlencoded";
}

std::string PercentEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
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

}  // namespace frontdoor::http
