// The staff desktop's handlers, split by page, and the gate every page passes: who is signed
// in, and whether the access policy lets them do what the page does. Private to the web
// module.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/staff_auth.hpp"
#include "frontdoor/web/desktop.hpp"

#include "render.hpp"
#include "site.hpp"
#include "templates.hpp"

namespace frontdoor::web {

struct Desktop {
  const Site::Impl& site;
  const usecase::CaseContext& cases;
  usecase::PasswordChecker& passwords;
  DesktopSettings settings;

  // The signed-in member of staff allowed to do `action` (to the case of the route's
  // {reference}, for case actions), with `page.user` filled; or the response to send instead:
  // a redirect to the sign-in page, the 403 page, 404 for an unknown case, 503.
  [[nodiscard]] std::variant<access::Principal, http::Response> Gate(const http::Request& request,
                                                                     PageContext& page,
                                                                     access::Action action) const;
  // Whether the principal may do `action` to the case with that reference.
  [[nodiscard]] bool MayOnCase(const access::Principal& who, access::Action action,
                               const std::string& reference) const;
  // A POST's form, or the response to send instead (400 malformed, 403 without CSRF token).
  [[nodiscard]] std::variant<http::Form, http::Response> PostedForm(const http::Request& request,
                                                                    const PageContext& page) const;
  // A page with the desktop's navigation.
  [[nodiscard]] http::Response Render(const PageContext& page, std::string_view template_name,
                                      const std::string& title, Object data, unsigned status = 200,
                                      bool has_errors = false) const;
  [[nodiscard]] http::Response Refused(const PageContext& page, const std::string& why) const;

  http::Response SignInPage(const http::Request& request) const;  // GET /staff/sign-in
  http::Response SignIn(const http::Request& request) const;      // POST /staff/sign-in
  http::Response SignOut(const http::Request& request) const;     // POST /staff/sign-out
  http::Response Worklist(const http::Request& request) const;    // GET /staff
  http::Response CasePage(const http::Request& request) const;    // GET /staff/cases/{reference}
  // POST /staff/cases/{reference}/{action}: assign, status, note, update, link.
  http::Response CaseAction(const http::Request& request) const;
  http::Response ContactPage(const http::Request& request) const;  // GET /staff/contacts/new
  http::Response LogContact(const http::Request& request) const;   // POST /staff/contacts
  // GET /staff/knowledge?q=: staff and public articles; GET /staff/knowledge/{slug}.
  http::Response KnowledgeSearch(const http::Request& request) const;
  http::Response KnowledgeArticle(const http::Request& request) const;
  // GET /staff/article-suggestions?q=: JSON for the contact page's script.
  http::Response SuggestionsJson(const http::Request& request) const;
  // The contact page's suggestions for what the agent typed: {suggestions, ...} or false.
  [[nodiscard]] Data ContactSuggestions(const std::string& summary) const;
  http::Response CustomerSearch(const http::Request& request) const;  // GET /staff/customers
  http::Response CustomerPage(const http::Request& request) const;    // GET /staff/customers/{id}
  http::Response Users(const http::Request& request) const;           // GET /staff/admin/users
  http::Response AddUser(const http::Request& request) const;         // POST /staff/admin/users
  http::Response UsersPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                           PageContext& page) const;
  http::Response Teams(const http::Request& request) const;         // GET /staff/admin/teams
  http::Response AddTeam(const http::Request& request) const;       // POST /staff/admin/teams
  http::Response Closures(const http::Request& request) const;      // GET /staff/admin/closures
  http::Response AddClosedDay(const http::Request& request) const;  // POST /staff/admin/closures
  http::Response TeamsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                           PageContext& page) const;
  http::Response ClosuresPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                              PageContext& page) const;
};

// The canonical reference in a path, or nullopt when it cannot be one.
[[nodiscard]] std::optional<std::string> CanonicalReference(std::string_view text);

}  // namespace frontdoor::web
