// What every page handler of the web module uses: the compiled templates, the catalogues,
// the assets, the CSRF mechanism and the settings, plus the first and last steps of a
// request (Begin, CheckCsrf). Private to the web module; immutable, shared by all threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/web/csrf.hpp"
#include "frontdoor/web/page.hpp"
#include "frontdoor/web/web.hpp"

#include "assets.hpp"
#include "locale.hpp"
#include "templates.hpp"

namespace frontdoor::web {

struct Site::Impl {
  WebSettings settings;
  Translations translations;
  std::unique_ptr<Templates> templates;
  Assets assets;
  Csrf csrf;
  bool https = false;
  // The pages' Content-Security-Policy: render.hpp's, with the tile server's origin among
  // the image sources when there is a map.
  std::string content_security_policy;

  // The page's language (?lang=ga|en, else the fd_lang cookie, else English; a ?lang
  // choice is remembered in the cookie for a year), its CSRF token (a new cookie when the
  // browser has none), and its path for the language links.
  [[nodiscard]] PageContext Begin(const http::Request& request) const;
  // True when the form's csrf_token matches the browser's CSRF cookie (csrf.hpp).
  [[nodiscard]] bool CheckCsrf(const http::Request& request, const http::Form& form) const;
  [[nodiscard]] std::string_view T(Lang lang, std::string_view msgid) const {
    return translations.T(lang, msgid);
  }
};

}  // namespace frontdoor::web
