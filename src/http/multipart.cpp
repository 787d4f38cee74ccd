#include "frontdoor/http/multipart.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/http/router.hpp"

namespace frontdoor::http {
namespace {

Error Malformed(std::string message) {
  return {ErrorCode::kMalformed, std::move(message)};
}

bool IsOws(char c) {
  return c == ' ' || c == '\t';
}

// tchar of RFC 9110 section 5.6.2: what a header or parameter name is made of.
bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, IsTokenChar);
}

// bchars of RFC 2046 section 5.1.1: 1-70 of them, not ending in a space.
bool IsValidBoundary(std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ') {
    return false;
  }
  return std::ranges::all_of(boundary, [](char c) {
    const bool is_alnum =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return is_alnum || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
  });
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

void SkipOws(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && IsOws(text[pos])) {
    ++pos;
  }
}

// A quoted-string (RFC 9110 section 5.6.4) starting at text[pos] == '"'; moves pos past it.
Result<std::string> ReadQuoted(std::string_view text, std::size_t& pos, std::string_view where) {
  std::string value;
  ++pos;
  while (pos < text.size()) {
    const char c = text[pos++];
    if (c == '"') {
      return value;
    }
    if (c == '\\') {
      if (pos == text.size()) {
        break;
      }
      value += text[pos++];
    } else {
      value += c;
    }
  }
  return Malformed(fmt::format("{} has a quoted value without its closing quote", where));
}

// An unquoted value: anything up to ';' or white space. Looser than a token on purpose, as
// clients send unquoted boundaries with '=' or '/' in them.
std::string ReadBare(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] != ';' && !IsOws(text[pos]) && text[pos] != '"') {
    ++pos;
  }
  return std::string(text.substr(start, pos - start));
}

// One `name=value` starting at text[pos]; moves pos past it.
Result<Parameter> ReadParameter(std::string_view text, std::size_t& pos, std::string_view where) {
  const std::size_t name_start = pos;
  while (pos < text.size() && text[pos] != '=' && text[pos] != ';' && !IsOws(text[pos])) {
    ++pos;
  }
  const auto name = text.substr(name_start, pos - name_start);
  SkipOws(text, pos);
  if (!IsToken(name) || pos == text.size() || text[pos] != '=') {
    return Malformed(fmt::format("{} has a parameter that is not name=value", where));
  }
  ++pos;
  SkipOws(text, pos);
  Parameter parameter{ToLowerAscii(name), {}};
  if (pos < text.size() && text[pos] == '"') {
    auto quoted = ReadQuoted(text, pos, where);
    if (!quoted) {
      return quoted.error();
    }
    parameter.value = std::move(*quoted);
    return parameter;
  }
  parameter.value = ReadBare(text, pos);
  if (parameter.value.empty()) {
    return Malformed(fmt::format("{} has a parameter without a value", where));
  }
  return parameter;
}

// The `; name=value` parameters after a header's main value (RFC 9110 section 5.6.6).
// A repeated name is refused: two boundaries or two filenames leave the meaning ambiguous.
Result<std::vector<Parameter>> ParseParameters(std::string_view text, std::string_view where) {
  std::vector<Parameter> parameters;
  std::size_t pos = 0;
  while (true) {
    SkipOws(text, pos);
    if (pos == text.size()) {
      return parameters;
    }
    if (text[pos] != ';') {
      return Malformed(fmt::format("{} has unexpected text where a ';' should be", where));
    }
    ++pos;
    SkipOws(text, pos);
    if (pos == text.size() || text[pos] == ';') {
      continue;  // "a; ; b=1" or a trailing ';': harmless
    }
    auto parameter = ReadParameter(text, pos, where);
    if (!parameter) {
      return parameter.error();
    }
    const bool is_repeat = std::ranges::any_of(
        parameters, [&](const Parameter& p) { return p.name == parameter->name; });
    if (is_repeat) {
      return Malformed(fmt::format("{} repeats the parameter {}", where, parameter->name));
    }
    parameters.push_back(std::move(*parameter));
  }
}

const Parameter* FindParameter(const std::vector<Parameter>& parameters, std::string_view name) {
  for (const auto& p : parameters) {
    if (p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

Result<std::string> BoundaryOf(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!IsMultipartFormData(content_type)) {
    return Malformed("The Content-Type must be multipart/form-data");
  }
  const std::string_view rest =
      semicolon == std::string_view::npos ? std::string_view() : content_type.substr(semicolon);
  auto parameters = ParseParameters(rest, "The Content-Type header");
  if (!parameters) {
    return parameters.error();
  }
  const Parameter* boundary = FindParameter(*parameters, "boundary");
  if (boundary == nullptr) {
    return Malformed("The Content-Type has no boundary parameter");
  }
  if (!IsValidBoundary(boundary->value)) {
    return Malformed(
        "The boundary must be 1 to 70 letters, digits or '()+_,-./:=? characters, not ending "
        "in a space");
  }
  return boundary->value;
}

// RFC 8187 ext-value: charset'language'percent-encoded bytes, in UTF-8 or ISO-8859-1.
Result<std::string> DecodeExtendedValue(std::string_view value) {
  const auto first = value.find('\'');
  const auto second =
      first == std::string_view::npos ? std::string_view::npos : value.find('\'', first + 1);
  if (second == std::string_view::npos) {
    return Malformed("filename* must look like UTF-8''name");
  }
  const std::string charset = ToLowerAscii(value.substr(0, first));
  auto decoded = PercentDecode(value.substr(second + 1), false);
  if (!decoded) {
    return Malformed("filename* has a malformed percent-encoding");
  }
  if (charset == "utf-8") {
    if (!IsValidUtf8(*decoded)) {
      return Malformed("filename* is not valid UTF-8");
    }
    return std::move(*decoded);
  }
  if (charset == "iso-8859-1") {
    std::string utf8;
    for (const char c : *decoded) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x80U) {
        utf8 += c;
      } else {
        utf8 += static_cast<char>(0xC0U | (byte >> 6U));
        utf8 += static_cast<char>(0x80U | (byte & 0x3FU));
      }
    }
    return utf8;
  }
  return Malformed("filename* must be in UTF-8 or ISO-8859-1");
}

Result<void> ApplyDisposition(std::string_view value, MultipartPart& part) {
  const auto semicolon = value.find(';');
  if (ToLowerAscii(Trim(value.substr(0, semicolon))) != "form-data") {
    return Malformed("A part's Content-Disposition must be form-data");
  }
  if (semicolon == std::string_view::npos) {
    return Malformed("A part's Content-Disposition has no name");
  }
  auto parameters = ParseParameters(value.substr(semicolon), "A part's Content-Disposition");
  if (!parameters) {
    return parameters.error();
  }
  const Parameter* name = FindParameter(*parameters, "name");
  if (name == nullptr || name->value.empty()) {
    return Malformed("A part's Content-Disposition has no name");
  }
  if (!IsValidUtf8(name->value)) {
    return Malformed("A part's name is not valid UTF-8");
  }
  part.name = name->value;
  if (const Parameter* extended = FindParameter(*parameters, "filename*")) {
    auto decoded = DecodeExtendedValue(extended->value);
    if (!decoded) {
      return decoded.error();
    }
    part.filename = std::move(*decoded);
  } else if (const Parameter* filename = FindParameter(*parameters, "filename")) {
    part.filename = filename->value;
  }
  return {};
}

// One header line of a part. Unknown headers are ignored, as RFC 7578 section 4.8 allows.
Result<void> ApplyHeader(std::string_view line, MultipartPart& part, bool& has_disposition) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
    return Malformed("A part has a header line that is not name: value");
  }
  const std::string name = ToLowerAscii(line.substr(0, colon));
  const std::string value = Trim(line.substr(colon + 1));
  if (name == "content-disposition") {
    if (has_disposition) {
      return Malformed("A part has two Content-Disposition headers");
    }
    has_disposition = true;
    return ApplyDisposition(value, part);
  }
  if (name == "content-type") {
    part.content_type = value;
  } else if (name == "content-transfer-encoding") {
    const std::string encoding = ToLowerAscii(value);
    if (encoding != "7bit" && encoding != "8bit" && encoding != "binary") {
      return Malformed("A part's Content-Transfer-Encoding must be 7bit, 8bit or binary");
    }
  }
  return {};
}

// A part between two delimiters: header lines, an empty line, then the body.
Result<MultipartPart> ParsePart(std::string_view content, const MultipartLimits& limits) {
  std::string_view headers;
  std::string_view body;
  if (content.starts_with("\r\n")) {
    body = content.substr(2);
  } else {
    // Only the allowed header bytes are searched, so a huge part without a blank line
    // costs no more than a small one.
    const auto end = content.substr(0, limits.max_header_bytes + 4).find("\r\n\r\n");
    if (end == std::string_view::npos || end > limits.max_header_bytes) {
      if (content.size() > limits.max_header_bytes) {
        return Malformed(
            fmt::format("A part's headers are longer than {} bytes", limits.max_header_bytes));
      }
      return Malformed("A part has no empty line between its headers and its body");
    }
    headers = content.substr(0, end);
    body = content.substr(end + 4);
  }
  // Obsolete line folding (RFC 9110 section 5.5) would change what the line before means.
  if (headers.starts_with(' ') || headers.starts_with('\t') ||
      headers.find("\r\n ") != std::string_view::npos ||
      headers.find("\r\n\t") != std::string_view::npos) {
    return Malformed("A part has a folded header line, which is not allowed");
  }
  MultipartPart part;
  part.body = body;
  bool has_disposition = false;
  while (!headers.empty()) {
    const auto crlf = headers.find("\r\n");
    if (auto applied = ApplyHeader(headers.substr(0, crlf), part, has_disposition); !applied) {
      return applied.error();
    }
    headers = crlf == std::string_view::npos ? std::string_view() : headers.substr(crlf + 2);
  }
  if (!has_disposition) {
    return Malformed("A part has no Content-Disposition header");
  }
  return part;
}

}  // namespace

bool IsMultipartFormData(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  return ToLowerAscii(Trim(content_type.substr(0, semicolon))) == "multipart/form-data";
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                  std::string_view body,
                                                  const MultipartLimits& limits) {
  auto boundary = BoundaryOf(content_type);
  if (!boundary) {
    return boundary.error();
  }
  // RFC 2046 section 5.1.1: a delimiter is CRLF "--" boundary. The first may open the body
  // without the CRLF; anything before it is a preamble. Searching is linear: the delimiter
  // starts with CRLF, which cannot occur inside a boundary, so candidate matches never
  // overlap.
  const std::string dash_boundary = "--" + *boundary;
  const std::string delimiter = "\r\n" + dash_boundary;
  std::size_t pos = 0;
  if (body.starts_with(dash_boundary)) {
    pos = dash_boundary.size();
  } else if (const auto first = body.find(delimiter); first != std::string_view::npos) {
    pos = first + delimiter.size();
  } else {
    return Malformed("The body does not contain the boundary given in the Content-Type");
  }
  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos).starts_with("--")) {
      if (parts.empty()) {
        return Malformed("The multipart body has no parts");
      }
      return parts;  // the close delimiter; what follows is an epilogue
    }
    SkipOws(body, pos);  // transport padding
    if (pos == body.size()) {
      return Malformed("The multipart body ends before its closing boundary");
    }
    if (!body.substr(pos).starts_with("\r\n")) {
      return Malformed("A boundary line has unexpected text after the boundary");
    }
    pos += 2;
    if (parts.size() == limits.max_parts) {
      return Malformed(fmt::format("The multipart body has more than {} parts", limits.max_parts));
    }
    const auto next = body.find(delimiter, pos);
    if (next == std::string_view::npos) {
      return Malformed("The multipart body ends before its closing boundary");
    }
    auto part = ParsePart(body.substr(pos, next - pos), limits);
    if (!part) {
      return part.error();
    }
    parts.push_back(std::move(*part));
    pos = next + delimiter.size();
  }
}

const MultipartPart* FindPart(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& part : parts) {
    if (part.name == name) {
      return &part;
    }
  }
  return nullptr;
}

Result<Form> TextFields(const std::vector<MultipartPart>& parts) {
  std::vector<FormField> fields;
  for (const auto& part : parts) {
    if (part.filename) {
      continue;
    }
    if (!IsValidUtf8(part.body)) {
      // The name comes back in the error: a part header may hold kilobytes of it.
      constexpr std::size_t kMaxQuotedNameBytes = 64;
      auto quoted = TruncateUtf8(part.name, kMaxQuotedNameBytes);
      if (quoted.size() < part.name.size()) {
        quoted += "...";
      }
      return Error::Invalid(std::move(quoted), "The value is not valid UTF-8");
    }
    fields.push_back({part.name, std::string(part.body)});
  }
  return Form(std::move(fields));
}

}  // namespace frontdoor::http
