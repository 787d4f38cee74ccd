#include "help_session.hpp"

#include <array>
#include <cstdint>

#include <sodium.h>

#include "frontdoor/http/cookie.hpp"

namespace frontdoor::web {
namespace {

constexpr std::size_t kKeyBytes = 32;
// A case raised more than a day after a search no longer counts against it, so the cookie
// need not outlive that window.
constexpr std::int64_t kLifetimeSeconds = 24 * 60 * 60;

std::string CookieName(const Site::Impl& site) {
  return site.https ? "__Host-fd_help" : "fd_help";
}

}  // namespace

std::optional<std::string> HelpSessionKey(const Site::Impl& site, const http::Request& request) {
  const auto value = http::CookieValue(request, CookieName(site));
  if (!value || value->size() != kKeyBytes * 2) {
    return std::nullopt;
  }
  // Lower-case hex only: what we issue, and nothing a crafted cookie could smuggle into a log.
  std::array<unsigned char, kKeyBytes> bytes{};
  std::size_t decoded = 0;
  if (value->find_first_not_of("0123456789abcdef") != std::string_view::npos ||
      sodium_hex2bin(bytes.data(), bytes.size(), value->data(), value->size(), nullptr, &decoded,
                     nullptr) != 0 ||
      decoded != kKeyBytes) {
    return std::nullopt;
  }
  return std::string(*value);
}

std::string EnsureHelpSession(const Site::Impl& site, const http::Request& request,
                              PageContext& page) {
  if (auto key = HelpSessionKey(site, request)) {
    return std::move(*key);
  }
  std::array<unsigned char, kKeyBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string key(kKeyBytes * 2 + 1, '\0');
  sodium_bin2hex(key.data(), key.size(), bytes.data(), bytes.size());
  key.pop_back();
  http::SetCookie cookie;
  cookie.name = CookieName(site);
  cookie.value = key;
  cookie.max_age_seconds = kLifetimeSeconds;
  cookie.secure = site.https;
  page.cookies.push_back(http::FormatSetCookie(cookie));
  return key;
}

}  // namespace frontdoor::web
