// What every HTML page knows about the request it answers: the language, the CSRF token for
// its forms, who is signed in, a one-off message, and the cookies the response must set.
//
// A handler in src/web starts with `PageContext page = site.Begin(request);` (site.hpp),
// fills `user` when it has checked a session, renders with `RenderPage(site, page, "name",
// data)` (render.hpp), which adds the layout's data (title, language links, assets, token),
// the security headers and `cookies`. A template puts `{{>csrf_field}}` in every POST form.
// Plain values: one per request, never shared between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdoor::web {

// The interface languages. Content (service names, case text) is shown as stored.
enum class Lang { kEn, kGa };

// "en", "ga": the <html lang> value, the ?lang= parameter and the cookie's value.
[[nodiscard]] std::string_view LangCode(Lang lang);
// Exactly "en" or "ga"; nullopt otherwise.
[[nodiscard]] std::optional<Lang> ParseLang(std::string_view code);

// A signed-in member of staff, as the layout shows them (the staff desktop fills this).
struct SignedInUser {
  std::int64_t id = 0;
  std::string name;
  std::string role;
};

struct PageContext {
  Lang lang = Lang::kEn;
  // The hidden csrf_token field's value for this browser (csrf.hpp).
  std::string csrf_token;
  // The request's path, so the language links point back at this page.
  std::string path;
  // Other query parameters kept in the language links (already encoded), e.g. "q=bins".
  std::string query_without_lang;
  std::optional<SignedInUser> user;
  // A success message shown at the top of the page (GOV.UK notification banner).
  std::optional<std::string> flash;
  // The browser holds a citizen session cookie (not checked): the header links to "Your
  // requests" rather than "Sign in".
  bool has_citizen_cookie = false;
  // Set-Cookie header values the response must carry (language choice, new CSRF cookie).
  std::vector<std::string> cookies;
};

}  // namespace frontdoor::web
