// Cross-site request forgery protection for every state-changing form of the web pages
// (citizen portal and staff desktop alike). Read this before adding a POST route.
//
// How it works: each browser gets a random cookie (`fd_csrf`, or `__Host-fd_csrf` when the
// site is served over https: HttpOnly, SameSite=Lax, Path=/). Every form carries a hidden
// field `csrf_token` holding HMAC-SHA256(server secret, cookie value) in hex. A POST is
// accepted only when the field matches the cookie it came with (compared in constant time).
// Another site can make a browser send our cookie but can neither read it nor compute the
// HMAC without the secret, and SameSite=Lax keeps the cookie off its cross-site POSTs anyway.
// No server-side state, so any node of a cluster can check any form (given one secret).
//
// In a handler: `PageContext` (page.hpp) already holds the token for the page and the cookie
// to set, and `{{>csrf_field}}` in a template writes the hidden input. For a POST, call
// `Site::Impl::CheckCsrf` (site.hpp) first and answer its 403 page when it fails.
// Thread-safe: immutable after construction.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/http/cookie.hpp"
#include "frontdoor/http/message.hpp"

namespace frontdoor::web {

class Csrf {
 public:
  static constexpr std::string_view kFieldName = "csrf_token";

  // `secret`: any string of at least 32 characters, the same on every node (a SHA-256 of it
  // is the HMAC key). Empty: a random key for this process only, so forms rendered before a
  // restart, or by another node, are refused. `https`: cookies get Secure and `__Host-`.
  Csrf(std::string_view secret, bool https);

  [[nodiscard]] const std::string& cookie_name() const { return cookie_name_; }

  struct Token {
    std::string cookie_value;  // 64 hex digits, random
    std::string form_token;    // 64 hex digits: the HMAC of cookie_value
    bool is_new = false;       // the cookie must be set on the response
  };

  // The browser's token: from its cookie when that is well formed, else a fresh one.
  [[nodiscard]] Token ForRequest(const http::Request& request) const;
  // The Set-Cookie header value for a new token (lives for the browser session).
  [[nodiscard]] std::string SetCookieHeader(const Token& token) const;
  // True when `submitted` is the HMAC of the request's cookie. False for a missing or
  // malformed cookie or token.
  [[nodiscard]] bool Verify(const http::Request& request, std::string_view submitted) const;
  // The form token for a cookie value (exposed for tests).
  [[nodiscard]] std::string FormTokenFor(std::string_view cookie_value) const;

 private:
  std::array<unsigned char, 32> key_{};
  std::string cookie_name_;
  bool https_ = false;
};

}  // namespace frontdoor::web
