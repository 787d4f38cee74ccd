// The portal's anonymous help session: a random key in a first-party cookie that ties a
// visitor's help searches and article views to a case they raise later, so deflection (a
// search or view not followed by a case within a day) can be measured without knowing who
// they are. Set only when someone searches or reads help, never on other pages. Private to
// the web module; pure functions of the request, so thread-safe.
#pragma once

#include <optional>
#include <string>

#include "frontdoor/http/message.hpp"
#include "frontdoor/web/page.hpp"

#include "site.hpp"

namespace frontdoor::web {

// The request's help session key (64 hex digits), or nullopt when it has none or a
// malformed one.
[[nodiscard]] std::optional<std::string> HelpSessionKey(const Site::Impl& site,
                                                        const http::Request& request);

// The request's key, or a new random one whose cookie is added to `page.cookies`
// (HttpOnly, SameSite=Lax, one day: the deflection window; `__Host-` and Secure over https).
[[nodiscard]] std::string EnsureHelpSession(const Site::Impl& site, const http::Request& request,
                                            PageContext& page);

}  // namespace frontdoor::web
