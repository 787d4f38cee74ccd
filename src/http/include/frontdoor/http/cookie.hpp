// Cookies (RFC 6265): reading one from a request's Cookie headers, and writing a Set-Cookie
// header value. Used by the web pages (language, CSRF) and by staff sessions. Pure
// functions, so thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/http/message.hpp"

namespace frontdoor::http {

// The value of the first cookie called `name` in any Cookie header of the request, without
// surrounding quotes; nullopt when there is none. Pairs without '=' are skipped.
[[nodiscard]] std::optional<std::string_view> CookieValue(const Request& request,
                                                          std::string_view name);

enum class SameSite { kLax, kStrict };

struct SetCookie {
  std::string name;
  std::string value;  // must already be cookie-safe (no ';', ',', space, quote or control)
  std::string path = "/";
  std::optional<std::int64_t> max_age_seconds;  // nullopt: a session cookie; 0 deletes it
  bool http_only = true;
  bool secure = false;  // set when the site is served over https
  SameSite same_site = SameSite::kLax;
};

// "name=value; Path=/; Max-Age=...; HttpOnly; Secure; SameSite=Lax".
[[nodiscard]] std::string FormatSetCookie(const SetCookie& cookie);

}  // namespace frontdoor::http
