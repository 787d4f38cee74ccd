// libFuzzer target for Cookie headers (http::CookieValue): each line of the input is one
// Cookie header, as a browser or an HTTP/2 proxy may send. Promises: a value found is a
// view into the header it came from, without ';'; and a cookie we write with
// FormatSetCookie reads back as the same value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "frontdoor/http/cookie.hpp"

#include "fuzz_check.hpp"

namespace {

using frontdoor::fuzz::Check;

bool IsCookieSafe(std::string_view value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == ';' || c == ',' || c == '"' || c == '\\') {
      return false;
    }
  }
  return true;
}

bool IsInside(std::string_view part, const frontdoor::http::Request& request) {
  for (const auto& [name, value] : request.headers) {
    if (part.data() >= value.data() && part.data() + part.size() <= value.data() + value.size()) {
      return true;
    }
  }
  return false;
}

void CheckFound(const frontdoor::http::Request& request, std::string_view name) {
  const auto value = frontdoor::http::CookieValue(request, name);
  if (!value) {
    return;
  }
  Check(value->empty() || IsInside(*value, request), "a cookie value is a view into a header");
  Check(value->find(';') == std::string_view::npos, "a cookie value holds no ';'");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  frontdoor::http::Request request;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    request.headers.emplace_back("cookie", std::string(text.substr(0, newline)));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  }
  for (const auto* name : {"fd_session", "fd_lang", "fd_csrf", ""}) {
    CheckFound(request, name);
  }
  // A name and value the input itself suggests, written by us and read back.
  if (!request.headers.empty()) {
    const std::string& first = request.headers.front().second;
    const auto equals = first.find('=');
    const std::string name = first.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : first.substr(equals + 1);
    if (!name.empty() && name.find('=') == std::string::npos && IsCookieSafe(name) &&
        IsCookieSafe(value)) {
      frontdoor::http::SetCookie cookie;
      cookie.name = name;
      cookie.value = value;
      const auto header = frontdoor::http::FormatSetCookie(cookie);
      frontdoor::http::Request echo;
      // A browser sends back only the pair, the part before the first attribute.
      echo.headers.emplace_back("cookie", header.substr(0, header.find(';')));
      const auto read = frontdoor::http::CookieValue(echo, name);
      Check(read && *read == value, "a cookie we set reads back as itself");
    }
  }
  return 0;
}
