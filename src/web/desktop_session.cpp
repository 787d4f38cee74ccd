// The desktop's gate (who is signed in, what the policy lets them do), sign-in, sign-out and
// the route table.
#include <charconv>
#include <string>
#include <tuple>
#include <vector>

#include "frontdoor/core/reference.hpp"
#include "frontdoor/http/cookie.hpp"
#include "frontdoor/store/staff_auth.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kSignIn = "/staff/sign-in";

// Only our own desktop paths, so the sign-in page cannot be made to send anyone elsewhere.
bool IsSafeNext(std::string_view next) {
  if (!next.starts_with("/staff") || next.starts_with("//") || next.size() > 200) {
    return false;
  }
  for (const char c : next) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_';
    if (!plain) {
      return false;
    }
  }
  return true;
}

std::string SessionCookie(const Site::Impl& site, const std::string& value,
                          std::optional<long long> max_age) {
  http::SetCookie cookie;
  cookie.name = std::string(usecase::StaffSessionCookieName(site.https));
  cookie.value = value;
  cookie.max_age_seconds = max_age;
  cookie.secure = site.https;
  cookie.http_only = true;
  cookie.same_site = http::SameSite::kLax;
  return http::FormatSetCookie(cookie);
}

std::optional<std::string> SessionToken(const Site::Impl& site, const http::Request& request) {
  const auto cookie = http::CookieValue(request, usecase::StaffSessionCookieName(site.https));
  if (!cookie) {
    return std::nullopt;
  }
  return std::string(*cookie);
}

}  // namespace

std::optional<std::string> CanonicalReference(std::string_view text) {
  auto parsed = ParseReference(text);
  if (!parsed) {
    return std::nullopt;
  }
  return FormatReference(*parsed);
}

bool Desktop::MayOnCase(const access::Principal& who, access::Action action,
                        const std::string& reference) const {
  if (!access::IsCaseScoped(action)) {
    return access::Allows(who, action);
  }
  auto department = store::ReadValue<std::optional<std::string>>(
      cases.store, [&](store::ReadTx& tx) { return store::CaseDepartment(tx, reference); });
  return department && access::Allows(who, action, *department);
}

std::variant<access::Principal, http::Response> Desktop::Gate(const http::Request& request,
                                                              PageContext& page,
                                                              access::Action action) const {
  const auto token = SessionToken(site, request);
  auto session = token ? usecase::ResumeSession(cases.store, cases.clock, *token, settings.policy)
                       : Result<usecase::SignedIn>(Error(ErrorCode::kUnauthenticated, ""));
  if (!session) {
    if (session.error().code() != ErrorCode::kUnauthenticated) {
      return FailurePage(site, page, session.error());
    }
    const std::string next =
        request.method == http::Method::kGet && IsSafeNext(request.path) ? request.path : "";
    return SeeOther(page, std::string(kSignIn) + (next.empty() ? "" : "?next=" + next));
  }
  access::Principal& who = session->principal;
  page.user = SignedInUser{session->session.staff_id, who.name.value_or(""),
                           std::string(access::RoleName(who.role))};
  if (access::IsCaseScoped(action)) {
    const auto reference = CanonicalReference(request.PathParam("reference"));
    if (!reference) {
      return ErrorPage(site, page, ErrorPageKind::kNotFound);
    }
    auto department = store::ReadValue<std::optional<std::string>>(
        cases.store, [&](store::ReadTx& tx) { return store::CaseDepartment(tx, *reference); });
    if (!department) {
      return FailurePage(site, page, department.error());
    }
    if (!access::Allows(who, action, *department)) {
      return Refused(page, T(page, "Your role may not do this for a case of another department.") +
                               " (" + std::string(access::RoleName(who.role)) + ": " +
                               std::string(access::ActionName(action)) + ")");
    }
  } else if (!access::Allows(who, action)) {
    return Refused(page, T(page, "Your role may not do this.") + " (" +
                             std::string(access::RoleName(who.role)) + ": " +
                             std::string(access::ActionName(action)) + ")");
  }
  return std::move(who);
}

std::variant<http::Form, http::Response> Desktop::PostedForm(const http::Request& request,
                                                             const PageContext& page) const {
  auto form = http::ParseForm(request.body);
  if (!form || !site.CheckCsrf(request, *form)) {
    // A form without its token (or one we cannot read) is refused before anything happens.
    return ErrorPage(site, page, ErrorPageKind::kForbidden);
  }
  return std::move(*form);
}

std::variant<Desktop::Admitted, http::Response> Desktop::Admit(const http::Request& request,
                                                               PageContext& page,
                                                               access::Action action,
                                                               std::string_view done) const {
  auto gate = Gate(request, page, action);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  Admitted admitted{std::move(std::get<access::Principal>(gate)), http::Form()};
  if (request.method == http::Method::kPost) {
    auto posted = PostedForm(request, page);
    if (auto* refused = std::get_if<http::Response>(&posted)) {
      return std::move(*refused);
    }
    admitted.form = std::move(std::get<http::Form>(posted));
    return admitted;
  }
  admitted.form = QueryFields(request);
  if (!done.empty() && admitted.form.Present("done")) {
    page.flash = T(page, done);
  }
  return admitted;
}

std::string ErrorOf(const std::vector<ErrorLink>& errors, std::string_view id) {
  for (const auto& error : errors) {
    if (error.id == id) {
      return error.message;
    }
  }
  return "";
}

Data Input(const http::Form& form, const std::vector<ErrorLink>& errors, std::string id,
           std::string label) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  field.value = std::string(form.First(id).value_or(""));
  field.error = ErrorOf(errors, id);
  return ToData(field);
}

std::vector<ErrorLink> Links(const Error& error, std::string_view fallback) {
  std::vector<ErrorLink> out;
  for (const auto& field : error.field_errors()) {
    out.push_back({field.field, field.message});
  }
  if (out.empty()) {
    out.push_back({std::string(fallback), error.message()});
  }
  return out;
}

std::optional<std::int64_t> PathId(const http::Request& request, std::string_view name) {
  const std::string_view text = request.PathParam(name);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

http::Response Desktop::Render(const PageContext& page, std::string_view template_name,
                               const std::string& title, Object data, unsigned status,
                               bool has_errors) const {
  data["staff_nav"] = Data(page.user.has_value());
  data["staff_page"] = Data(true);
  data["staff_knowledge"] = Data(settings.knowledge != nullptr);
  data["staff_admin"] =
      Data(page.user && page.user->role == access::RoleName(access::Role::kAdmin));
  const auto role = page.user ? access::ParseStaffRole(page.user->role) : std::nullopt;
  data["staff_manage_knowledge"] =
      Data(settings.knowledge != nullptr && role &&
           access::Allows({.actor = {}, .role = *role, .departments = {}, .name = {}},
                          access::Action::kManageKnowledge));
  return RenderPage(site, page, template_name, T(page, title), Data(data), status, has_errors);
}

http::Response Desktop::Refused(const PageContext& page, const std::string& why) const {
  return Render(page, "staff_message", "You cannot do that",
                Object{{"message_heading", T(page, "You cannot do that")}, {"message_text", why}},
                403);
}

http::Response Desktop::SignInPage(const http::Request& request) const {
  PageContext page = site.Begin(request);
  std::string next;
  if (auto query = http::ParseForm(request.query); query) {
    if (const auto sent = query->Present("next"); sent && IsSafeNext(*sent)) {
      next = std::string(*sent);
    }
  }
  FieldView email{.id = "email", .name = "email", .label = T(page, "Email address")};
  email.type = "email";
  email.autocomplete = "username";
  email.spellcheck_off = true;
  FieldView password{.id = "password", .name = "password", .label = T(page, "Password")};
  password.type = "password";
  password.autocomplete = "current-password";
  return Render(page, "staff_sign_in", "Sign in",
                Object{{"email", ToData(email)},
                       {"password", ToData(password)},
                       {"next", next},
                       {"error_summary", Data(false)}});
}

http::Response Desktop::SignIn(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto posted = PostedForm(request, page);
  if (auto* refused = std::get_if<http::Response>(&posted)) {
    return std::move(*refused);
  }
  const http::Form& form = std::get<http::Form>(posted);
  usecase::SignInRequest attempt;
  attempt.email = std::string(form.First("email").value_or(""));
  attempt.password = std::string(form.First("password").value_or(""));
  attempt.ip = request.remote_address;
  attempt.previous_token = SessionToken(site, request);
  std::string next(form.First("next").value_or(""));
  if (!IsSafeNext(next)) {
    next.clear();
  }
  auto signed_in = usecase::SignIn(cases.store, cases.clock, passwords, attempt, settings.policy);
  if (signed_in) {
    page.cookies.push_back(SessionCookie(site, signed_in->token, std::nullopt));
    return SeeOther(page, next.empty() ? "/staff" : next);
  }
  FieldView email{.id = "email", .name = "email", .label = T(page, "Email address")};
  email.type = "email";
  email.autocomplete = "username";
  email.spellcheck_off = true;
  email.value = attempt.email;
  FieldView password{.id = "password", .name = "password", .label = T(page, "Password")};
  password.type = "password";
  password.autocomplete = "current-password";
  std::vector<ErrorLink> errors;
  unsigned status = 422;
  const Error& error = signed_in.error();
  switch (error.code()) {
    case ErrorCode::kInvalidInput:
      for (const auto& field : error.field_errors()) {
        (field.field == "email" ? email : password).error = T(page, field.message);
        errors.push_back({field.field, T(page, field.message)});
      }
      break;
    case ErrorCode::kUnauthenticated:
      email.error = T(page, error.message());
      errors.push_back({"email", email.error});
      status = 401;
      break;
    case ErrorCode::kRateLimited:
      errors.push_back({"email", T(page, error.message())});
      status = 429;
      break;
    case ErrorCode::kMalformed:
    case ErrorCode::kForbidden:
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: return FailurePage(site, page, error);
  }
  return Render(page, "staff_sign_in", "Sign in",
                Object{{"email", ToData(email)},
                       {"password", ToData(password)},
                       {"next", next},
                       {"error_summary", ErrorSummary(errors)}},
                status, true);
}

http::Response Desktop::SignOut(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto posted = PostedForm(request, page);
  if (auto* refused = std::get_if<http::Response>(&posted)) {
    return std::move(*refused);
  }
  if (const auto token = SessionToken(site, request)) {
    if (auto ended = usecase::SignOut(cases.store, *token); !ended) {
      return FailurePage(site, page, ended.error());
    }
  }
  page.cookies.push_back(SessionCookie(site, "", 0));
  return SeeOther(page, std::string(kSignIn));
}

void AddDesktopRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                      usecase::PasswordChecker& passwords, const DesktopSettings& settings) {
  const auto desktop =
      std::make_shared<const Desktop>(Desktop{site.impl(), cases, passwords, settings});
  using Method = http::Method;
  const auto add = [&](Method method, std::string pattern,
                       http::Response (Desktop::*handler)(const http::Request&) const,
                       http::Execution execution) {
    router.Add(
        method, std::move(pattern),
        [desktop, handler](http::Request& request) { return ((*desktop).*handler)(request); },
        execution);
  };
  add(Method::kGet, "/staff/sign-in", &Desktop::SignInPage, http::Execution::kInline);
  add(Method::kPost, "/staff/sign-in", &Desktop::SignIn, http::Execution::kBlocking);
  add(Method::kPost, "/staff/sign-out", &Desktop::SignOut, http::Execution::kBlocking);
  // Every page may mark its session as seen (a write), so all run where writes may wait.
  add(Method::kGet, "/staff", &Desktop::Worklist, http::Execution::kBlocking);
  // "/staff/" is the desktop's published address; both spellings open the worklist.
  add(Method::kGet, "/staff/", &Desktop::Worklist, http::Execution::kBlocking);
  add(Method::kGet, "/staff/cases/{reference}", &Desktop::CasePage, http::Execution::kBlocking);
  add(Method::kPost, "/staff/cases/{reference}/{action}", &Desktop::CaseAction,
      http::Execution::kBlocking);
  add(Method::kGet, "/staff/contacts/new", &Desktop::ContactPage, http::Execution::kBlocking);
  add(Method::kPost, "/staff/contacts", &Desktop::LogContact, http::Execution::kBlocking);
  add(Method::kGet, "/staff/customers", &Desktop::CustomerSearch, http::Execution::kBlocking);
  add(Method::kGet, "/staff/customers/{id}", &Desktop::CustomerPage, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/users", &Desktop::Users, http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/users", &Desktop::AddUser, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/teams", &Desktop::Teams, http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/teams", &Desktop::AddTeam, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/closures", &Desktop::Closures, http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/closures", &Desktop::AddClosedDay, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/services", &Desktop::Services, http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services", &Desktop::SaveService, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/new-service", &Desktop::NewService, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/services/{code}", &Desktop::EditService,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services/{code}", &Desktop::SaveService,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services/{code}/attributes", &Desktop::SaveAttribute,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services/{code}/attributes/{attribute}/{move}",
      &Desktop::MoveAttribute, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/standards", &Desktop::Standards, http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/standards", &Desktop::SaveStandard, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/standards/{code}", &Desktop::EditStandard,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/standards/{code}", &Desktop::SaveStandard,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services/{code}/routing", &Desktop::SaveRoutingRule,
      http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/services/{code}/routing/{id}/remove", &Desktop::RemoveRoutingRule,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/services/{code}/routing/{id}/remove",
      &Desktop::RemoveRoutingRule, http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/opening-hours", &Desktop::OpeningHours,
      http::Execution::kBlocking);
  add(Method::kGet, "/staff/admin/opening-hours/{code}", &Desktop::EditOpeningHours,
      http::Execution::kBlocking);
  add(Method::kPost, "/staff/admin/opening-hours/{code}", &Desktop::SaveOpeningHours,
      http::Execution::kBlocking);
  if (settings.knowledge != nullptr) {
    add(Method::kGet, "/staff/knowledge", &Desktop::KnowledgeSearch, http::Execution::kBlocking);
    add(Method::kGet, "/staff/knowledge/{slug}", &Desktop::KnowledgeArticle,
        http::Execution::kBlocking);
    add(Method::kGet, "/staff/article-suggestions", &Desktop::SuggestionsJson,
        http::Execution::kBlocking);
    for (const auto& [method, pattern, handler] :
         std::vector<std::tuple<Method, std::string,
                                http::Response (Desktop::*)(const http::Request&) const>>{
             {Method::kGet, "/staff/admin/articles", &Desktop::Articles},
             {Method::kPost, "/staff/admin/articles", &Desktop::SaveArticle},
             {Method::kGet, "/staff/admin/new-article", &Desktop::NewArticle},
             {Method::kGet, "/staff/admin/articles/{id}", &Desktop::EditArticle},
             {Method::kPost, "/staff/admin/articles/{id}", &Desktop::SaveArticle},
             {Method::kPost, "/staff/admin/articles/{id}/{change}", &Desktop::PublishArticle},
             {Method::kGet, "/staff/admin/articles/{id}/versions", &Desktop::ArticleVersions},
             {Method::kGet, "/staff/admin/articles/{id}/versions/{version}",
              &Desktop::ArticleVersion},
             {Method::kGet, "/staff/admin/synonyms", &Desktop::Synonyms},
             {Method::kPost, "/staff/admin/synonyms", &Desktop::SaveSynonym},
             {Method::kGet, "/staff/admin/synonyms/{id}", &Desktop::EditSynonym},
             {Method::kPost, "/staff/admin/synonyms/{id}", &Desktop::SaveSynonym},
             {Method::kGet, "/staff/admin/synonyms/{id}/delete", &Desktop::ConfirmDeleteSynonym},
             {Method::kPost, "/staff/admin/synonyms/{id}/delete", &Desktop::DeleteSynonym}}) {
      add(method, pattern, handler, http::Execution::kBlocking);
    }
  }
  add(Method::kGet, "/staff/search", &Desktop::Search, http::Execution::kBlocking);
}

}  // namespace frontdoor::web
