#include "frontdoor/http/cookie.hpp"

#include <string>

namespace frontdoor::http {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<std::string_view> FindIn(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    const std::string_view pair = Trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || Trim(pair.substr(0, equals)) != name) {
      continue;
    }
    std::string_view value = Trim(pair.substr(equals + 1));
    // RFC 6265 section 4.1.1 allows a value in double quotes; the quotes are not part of it.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> CookieValue(const Request& request, std::string_view name) {
  // Browsers send one Cookie header, but HTTP/2 proxies may split it into several.
  for (const auto& [key, value] : request.headers) {
    if (key == "cookie") {
      if (auto found = FindIn(value, name)) {
        return found;
      }
    }
  }
  return std::nullopt;
}

std::string FormatSetCookie(const SetCookie& cookie) {
  std::string out = cookie.name + "=" + cookie.value + "; Path=" + cookie.path;
  if (cookie.max_age_seconds) {
    out += "; Max-Age=" + std::to_string(*cookie.max_age_seconds);
  }
  if (cookie.http_only) {
    out += "; HttpOnly";
  }
  if (cookie.secure) {
    out += "; Secure";
  }
  out += cookie.same_site == SameSite::kStrict ? "; SameSite=Strict" : "; SameSite=Lax";
  return out;
}

}  // namespace frontdoor::http
