// libFuzzer target for multipart/form-data bodies (http::ParseMultipart, http::TextFields):
// FixMyStreet's photo uploads and the portal's forms with files. The input's first line is
// the Content-Type header, the rest the body. Promises: parts are views into the body, no
// more than the limit, names valid UTF-8; text fields valid UTF-8; parts written again
// with a new boundary parse to the same parts; every failure is kMalformed or names a field.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/http/multipart.hpp"

#include "fuzz_check.hpp"

namespace {

using frontdoor::fuzz::Check;
using frontdoor::http::MultipartPart;

bool IsInside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

// Safe inside a quoted parameter without escapes.
bool IsPlain(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\' || c == '%') {
      return false;
    }
  }
  return true;
}

void CheckRoundTrip(const std::vector<MultipartPart>& parts) {
  std::string boundary = "fuzz-boundary";
  for (const auto& part : parts) {
    if (!IsPlain(part.name) || (part.filename && !IsPlain(*part.filename)) ||
        (part.content_type && !IsPlain(*part.content_type))) {
      return;  // would need escapes or RFC 8187 to write back
    }
    while (part.body.find(boundary) != std::string_view::npos) {
      boundary += "x";
    }
  }
  if (boundary.size() > 70) {
    return;
  }
  std::string body;
  for (const auto& part : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + "\"";
    if (part.filename) {
      body += "; filename=\"" + *part.filename + "\"";
    }
    body += "\r\n";
    if (part.content_type) {
      body += "Content-Type: " + *part.content_type + "\r\n";
    }
    body += "\r\n";
    body += part.body;
    body += "\r\n";
  }
  body += "--" + boundary + "--\r\n";
  const auto again =
      frontdoor::http::ParseMultipart("multipart/form-data; boundary=" + boundary, body);
  Check(again.has_value(), "parts written again parse");
  Check(again->size() == parts.size(), "the round trip keeps every part");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Check((*again)[i].name == parts[i].name && (*again)[i].body == parts[i].body &&
              (*again)[i].filename == parts[i].filename,
          "the round trip keeps names, file names and bytes");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) {
    return 0;
  }
  const auto content_type = input.substr(0, newline);
  const auto body = input.substr(newline + 1);
  frontdoor::http::MultipartLimits limits;
  limits.max_parts = 16;
  limits.max_header_bytes = 512;
  const auto parts = frontdoor::http::ParseMultipart(content_type, body, limits);
  if (!parts) {
    frontdoor::fuzz::CheckInputError(parts.error());
    Check(parts.error().code() == frontdoor::ErrorCode::kMalformed, "a bad body is kMalformed");
    return 0;
  }
  Check(!parts->empty() && parts->size() <= limits.max_parts, "between one part and the limit");
  for (const auto& part : *parts) {
    Check(frontdoor::IsValidUtf8(part.name), "a part's name is valid UTF-8");
    Check(IsInside(part.body, body), "a part's bytes are a view into the body");
  }
  const auto fields = frontdoor::http::TextFields(*parts);
  if (!fields) {
    frontdoor::fuzz::CheckInputError(fields.error());
  } else {
    for (const auto& field : fields->fields()) {
      Check(frontdoor::IsValidUtf8(field.value), "a text field's value is valid UTF-8");
    }
  }
  CheckRoundTrip(*parts);
  return 0;
}
