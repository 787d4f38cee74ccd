#include "frontdoor/web/csrf.hpp"

#include <cstddef>
#include <cstdlib>

#include <sodium.h>

namespace frontdoor::web {
namespace {

constexpr std::size_t kCookieBytes = 32;

bool IsHex64(std::string_view text) {
  if (text.size() != 64) {
    return false;
  }
  for (const char c : text) {
    const bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (!digit) {
      return false;
    }
  }
  return true;
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

}  // namespace

Csrf::Csrf(std::string_view secret, bool https)
    : cookie_name_(https ? "__Host-fd_csrf" : "fd_csrf"), https_(https) {
  // sodium_init is idempotent and thread-safe; it must precede randombytes.
  if (sodium_init() < 0) {
    std::abort();  // no usable random source: nothing secure can be done
  }
  if (secret.empty()) {
    randombytes_buf(key_.data(), key_.size());
  } else {
    crypto_hash_sha256(key_.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size());
  }
}

std::string Csrf::FormTokenFor(std::string_view cookie_value) const {
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(cookie_value.data()),
                         cookie_value.size(), key_.data());
  return Hex(mac.data(), mac.size());
}

Csrf::Token Csrf::ForRequest(const http::Request& request) const {
  Token token;
  if (const auto cookie = http::CookieValue(request, cookie_name_); cookie && IsHex64(*cookie)) {
    token.cookie_value = std::string(*cookie);
  } else {
    std::array<unsigned char, kCookieBytes> random{};
    randombytes_buf(random.data(), random.size());
    token.cookie_value = Hex(random.data(), random.size());
    token.is_new = true;
  }
  token.form_token = FormTokenFor(token.cookie_value);
  return token;
}

std::string Csrf::SetCookieHeader(const Token& token) const {
  http::SetCookie cookie;
  cookie.name = cookie_name_;
  cookie.value = token.cookie_value;
  cookie.secure = https_;
  return http::FormatSetCookie(cookie);
}

bool Csrf::Verify(const http::Request& request, std::string_view submitted) const {
  const auto cookie = http::CookieValue(request, cookie_name_);
  if (!cookie || !IsHex64(*cookie) || !IsHex64(submitted)) {
    return false;
  }
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  if (sodium_hex2bin(mac.data(), mac.size(), submitted.data(), submitted.size(), nullptr, nullptr,
                     nullptr) != 0) {
    return false;
  }
  return crypto_auth_hmacsha256_verify(mac.data(),
                                       reinterpret_cast<const unsigned char*>(cookie->data()),
                                       cookie->size(), key_.data()) == 0;
}

}  // namespace frontdoor::web
