// The staff desktop's handlers, split by page, and the gate every page passes: who is signed
// in, and whether the access policy lets them do what the page does. Private to the web
// module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/knowledge.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/charter.hpp"
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
  // Who was let in, and what they sent: a POST's form (its CSRF token checked) or a GET's
  // query fields.
  struct Admitted {
    access::Principal who;
    http::Form form;
  };
  // The start of every desktop handler: Gate for `action`, then PostedForm for a POST or
  // QueryFields for a GET, where a "done" field shows `done` (translated) as the flash, the
  // end of Post/Redirect/Get. Or the response to send instead.
  [[nodiscard]] std::variant<Admitted, http::Response> Admit(const http::Request& request,
                                                             PageContext& page,
                                                             access::Action action,
                                                             std::string_view done = {}) const;
  // Interface text in the page's language.
  [[nodiscard]] std::string T(const PageContext& page, std::string_view msgid) const {
    return std::string(site.T(page.lang, msgid));
  }
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
  http::Response Search(const http::Request& request) const;          // GET /staff/search
  http::Response Users(const http::Request& request) const;           // GET /staff/admin/users
  http::Response AddUser(const http::Request& request) const;         // POST /staff/admin/users
  http::Response UsersPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                           PageContext& page) const;
  http::Response Teams(const http::Request& request) const;         // GET /staff/admin/teams
  http::Response AddTeam(const http::Request& request) const;       // POST /staff/admin/teams
  http::Response Closures(const http::Request& request) const;      // GET /staff/admin/closures
  http::Response AddClosedDay(const http::Request& request) const;  // POST /staff/admin/closures
  http::Response Services(const http::Request& request) const;      // GET /staff/admin/services
  http::Response NewService(const http::Request& request) const;    // GET /staff/admin/new-service
  http::Response EditService(const http::Request& request) const;   // GET .../services/{code}
  // POST /staff/admin/services (add) and /staff/admin/services/{code} (edit).
  http::Response SaveService(const http::Request& request) const;
  // POST /staff/admin/services/{code}/attributes: add one, or replace the one named "original".
  http::Response SaveAttribute(const http::Request& request) const;
  // POST /staff/admin/services/{code}/attributes/{attribute}/{move}: up, down, remove.
  http::Response MoveAttribute(const http::Request& request) const;
  // POST /staff/admin/services/{code}/routing: the team for the service's cases in a ward.
  http::Response SaveRoutingRule(const http::Request& request) const;
  // GET /staff/admin/services/{code}/routing/{id}/remove asks to confirm; POST removes.
  http::Response RemoveRoutingRule(const http::Request& request) const;
  // The add (`service` null) or edit page, with the attribute form filled from
  // `attribute_form`.
  http::Response ServicePage(const http::Form& form, const std::vector<ErrorLink>& errors,
                             PageContext& page, const store::ServiceRecord* service,
                             const http::Form& attribute_form) const;
  [[nodiscard]] Data AttributesData(const store::ServiceRecord& service, const http::Form& form,
                                    const std::vector<ErrorLink>& errors,
                                    const PageContext& page) const;
  http::Response Standards(const http::Request& request) const;     // GET /staff/admin/standards
  http::Response EditStandard(const http::Request& request) const;  // GET .../standards/{code}
  // POST /staff/admin/standards (add) and /staff/admin/standards/{code} (edit).
  http::Response SaveStandard(const http::Request& request) const;
  http::Response StandardsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                               PageContext& page, bool editing) const;
  http::Response OpeningHours(const http::Request& request) const;  // GET .../opening-hours
  // GET and POST .../opening-hours/{code}: one calendar's week.
  http::Response EditOpeningHours(const http::Request& request) const;
  http::Response SaveOpeningHours(const http::Request& request) const;
  http::Response HoursPage(const http::Form& sent, const std::vector<ErrorLink>& errors,
                           PageContext& page, const usecase::CalendarDetails& details) const;
  // The calendar of the route's {code}, or the 404 (or 503) page to send instead.
  [[nodiscard]] std::variant<usecase::CalendarDetails, http::Response> CalendarOfPath(
      const http::Request& request, const PageContext& page) const;
  http::Response TeamsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                           PageContext& page) const;
  http::Response ClosuresPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                              PageContext& page) const;
  // The knowledge base's administration (desktop_admin_articles.cpp, desktop_admin_synonyms.cpp),
  // for those who may manage knowledge.
  http::Response Articles(const http::Request& request) const;     // GET /staff/admin/articles
  http::Response NewArticle(const http::Request& request) const;   // GET .../new-article
  http::Response EditArticle(const http::Request& request) const;  // GET .../articles/{id}
  // POST /staff/admin/articles (add) and /staff/admin/articles/{id} (edit); "intent=preview"
  // shows the sanitised HTML under the form and saves nothing.
  http::Response SaveArticle(const http::Request& request) const;
  // POST /staff/admin/articles/{id}/{change}: publish or withdraw.
  http::Response PublishArticle(const http::Request& request) const;
  // GET .../articles/{id}/versions[?from=&to=]: the history and a line diff of two versions.
  http::Response ArticleVersions(const http::Request& request) const;
  http::Response ArticleVersion(const http::Request& request) const;  // .../versions/{version}
  http::Response ArticlePage(const http::Form& form, const std::vector<ErrorLink>& errors,
                             PageContext& page, const store::ArticleRecord* article, bool preview,
                             unsigned status) const;
  http::Response Synonyms(const http::Request& request) const;     // GET /staff/admin/synonyms
  http::Response EditSynonym(const http::Request& request) const;  // GET .../synonyms/{id}
  // POST /staff/admin/synonyms (add) and /staff/admin/synonyms/{id} (edit).
  http::Response SaveSynonym(const http::Request& request) const;
  // GET .../synonyms/{id}/delete asks; POST the same deletes.
  http::Response ConfirmDeleteSynonym(const http::Request& request) const;
  http::Response DeleteSynonym(const http::Request& request) const;
  http::Response SynonymsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                              PageContext& page, std::optional<std::int64_t> editing) const;
};

// The message of the error on the field `id`, or "" when it has none.
[[nodiscard]] std::string ErrorOf(const std::vector<ErrorLink>& errors, std::string_view id);
// A text input `id` showing what the form sent and its error.
[[nodiscard]] Data Input(const http::Form& form, const std::vector<ErrorLink>& errors,
                         std::string id, std::string label);
// An error's field errors as summary links; an error without any links its message to
// `fallback`.
[[nodiscard]] std::vector<ErrorLink> Links(const Error& error, std::string_view fallback);
// The record id in the path parameter `name`: a positive decimal integer, or nullopt.
[[nodiscard]] std::optional<std::int64_t> PathId(const http::Request& request,
                                                 std::string_view name = "id");
// A customer's name as the desktop shows it (desktop_customers.cpp).
[[nodiscard]] std::string CustomerDisplayName(const store::CustomerRecord& customer);

// The canonical reference in a path, or nullopt when it cannot be one.
[[nodiscard]] std::optional<std::string> CanonicalReference(std::string_view text);

}  // namespace frontdoor::web
