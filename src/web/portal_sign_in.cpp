// Citizen sign-in by an emailed one-time code, sign-out and "my requests".
#include <string>

#include <sodium.h>

#include "frontdoor/http/cookie.hpp"
#include "frontdoor/usecase/citizen_auth.hpp"
#include "frontdoor/web/web.hpp"

#include "portal.hpp"
#include "portal_services.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

// Carries the address from the email page to the code page, so it never appears in a URL
// (and so in no access log). Hex, because a cookie value may not hold every character an
// address may.
constexpr std::string_view kPendingCookie = "fd_sign_in";
constexpr std::int64_t kPendingSeconds = 10 * 60;
constexpr int kPageSize = 20;

std::string Hex(std::string_view text) {
  std::string out(text.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                 text.size());
  out.pop_back();
  return out;
}

std::optional<std::string> Unhex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (hex.size() > 600 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != out.size()) {
    return std::nullopt;
  }
  return out;
}

std::string Cookie(const Site::Impl& site, std::string_view name, std::string value,
                   std::optional<std::int64_t> max_age) {
  http::SetCookie cookie;
  cookie.name = std::string(name);
  cookie.value = std::move(value);
  cookie.max_age_seconds = max_age;
  cookie.secure = site.https;
  return http::FormatSetCookie(cookie);
}

std::optional<std::string> SessionToken(const Site::Impl& site, const http::Request& request) {
  const auto token = http::CookieValue(request, usecase::CitizenSessionCookieName(site.https));
  return token ? std::optional<std::string>(*token) : std::nullopt;
}

struct CitizenPages {
  const Site::Impl& site;
  const usecase::CaseContext& cases;
  usecase::MailQueue& mail;

  [[nodiscard]] std::string T(Lang lang, std::string_view msgid) const {
    return std::string(site.T(lang, msgid));
  }

  http::Response EmailForm(const PageContext& page, const std::string& value,
                           const std::string& error, unsigned status) const {
    FieldView email{.id = "email", .name = "email", .label = T(page.lang, "Email address")};
    email.type = "email";
    email.autocomplete = "email";
    email.spellcheck_off = true;
    email.value = value;
    email.error = error;
    Object data{{"email", ToData(email)},
                {"error_summary", error.empty() ? Data(false) : ErrorSummary({{"email", error}})}};
    return RenderPage(site, page, "portal_sign_in", T(page.lang, "Sign in"), Data(data), status,
                      !error.empty());
  }

  http::Response CodeForm(const PageContext& page, const std::string& email,
                          const std::string& error, unsigned status) const {
    FieldView code{.id = "code", .name = "code", .label = T(page.lang, "Code")};
    code.hint = T(page.lang, "The 6-digit code in the email, for example 042137");
    code.inputmode = "numeric";
    code.autocomplete = "one-time-code";
    code.width_class = "govuk-input--width-10";
    code.spellcheck_off = true;
    code.error = error;
    Object data{{"code", ToData(code)},
                {"sent_to", email},
                {"error_summary", error.empty() ? Data(false) : ErrorSummary({{"code", error}})}};
    return RenderPage(site, page, "portal_sign_in_code", T(page.lang, "Check your email"),
                      Data(data), status, !error.empty());
  }

  // The posted form when its CSRF token is right; otherwise the 403 page.
  std::optional<http::Form> Posted(const http::Request& request) const {
    auto form = http::ParseForm(request.body);
    if (!form || !site.CheckCsrf(request, *form)) {
      return std::nullopt;
    }
    return std::move(*form);
  }

  http::Response SignInPage(const http::Request& request) const {
    const PageContext page = site.Begin(request);
    return EmailForm(page, "", "", 200);
  }

  http::Response SendCode(const http::Request& request) const {
    PageContext page = site.Begin(request);
    const auto form = Posted(request);
    if (!form) {
      return ErrorPage(site, page, ErrorPageKind::kForbidden);
    }
    const std::string typed(form->First("email").value_or(""));
    auto sent = usecase::RequestSignInCode(
        cases.store, cases.clock, mail,
        {typed, request.remote_address, std::string(LangCode(page.lang))});
    if (!sent) {
      switch (sent.error().code()) {
        case ErrorCode::kInvalidInput:
          return EmailForm(page, typed,
                           T(page.lang,
                             "Enter an email address in the correct format, like "
                             "name@example.com"),
                           422);
        case ErrorCode::kRateLimited:
          return EmailForm(
              page, typed,
              T(page.lang, "You have asked for too many codes. Wait an hour, then try again"), 429);
        case ErrorCode::kMalformed:
        case ErrorCode::kUnauthenticated:
        case ErrorCode::kForbidden:
        case ErrorCode::kNotFound:
        case ErrorCode::kConflict:
        case ErrorCode::kPayloadTooLarge:
        case ErrorCode::kUnavailable:
        case ErrorCode::kInternal: break;
      }
      return FailurePage(site, page, sent.error());
    }
    page.cookies.push_back(Cookie(site, kPendingCookie, Hex(*sent), kPendingSeconds));
    return SeeOther(page, "/sign-in/code");
  }

  std::optional<std::string> PendingEmail(const http::Request& request) const {
    const auto hex = http::CookieValue(request, kPendingCookie);
    return hex ? Unhex(*hex) : std::nullopt;
  }

  http::Response CodePage(const http::Request& request) const {
    const PageContext page = site.Begin(request);
    const auto email = PendingEmail(request);
    if (!email) {
      return SeeOther(page, "/sign-in");
    }
    return CodeForm(page, *email, "", 200);
  }

  http::Response CheckCode(const http::Request& request) const {
    PageContext page = site.Begin(request);
    const auto form = Posted(request);
    if (!form) {
      return ErrorPage(site, page, ErrorPageKind::kForbidden);
    }
    const auto email = PendingEmail(request);
    if (!email) {
      return SeeOther(page, "/sign-in");
    }
    usecase::CodeCheck check{*email, std::string(form->First("code").value_or("")),
                             request.remote_address, SessionToken(site, request)};
    auto signed_in = usecase::VerifySignInCode(cases.store, cases.clock, check);
    if (!signed_in) {
      switch (signed_in.error().code()) {
        case ErrorCode::kInvalidInput: {
          const Error error = signed_in.error();
          return CodeForm(page, *email, T(page.lang, error.field_errors()[0].message), 422);
        }
        case ErrorCode::kUnauthenticated:
          return CodeForm(page, *email,
                          T(page.lang, "That code has expired or been used up. Ask for a new code"),
                          422);
        case ErrorCode::kMalformed:
        case ErrorCode::kForbidden:
        case ErrorCode::kNotFound:
        case ErrorCode::kConflict:
        case ErrorCode::kPayloadTooLarge:
        case ErrorCode::kRateLimited:
        case ErrorCode::kUnavailable:
        case ErrorCode::kInternal: break;
      }
      return FailurePage(site, page, signed_in.error());
    }
    // A browser-session cookie: the server ends the session after 30 idle minutes or 12 hours.
    page.cookies.push_back(Cookie(site, usecase::CitizenSessionCookieName(site.https),
                                  signed_in->token, std::nullopt));
    page.cookies.push_back(Cookie(site, kPendingCookie, "", 0));
    return SeeOther(page, "/my-requests");
  }

  http::Response MyRequestsPage(const http::Request& request) const {
    const PageContext page = site.Begin(request);
    const auto token = SessionToken(site, request);
    auto session = token ? usecase::ResumeCitizenSession(cases.store, cases.clock, *token)
                         : Result<store::CitizenSessionRecord>(
                               Error(ErrorCode::kUnauthenticated, "not signed in"));
    if (!session) {
      if (session.error().code() == ErrorCode::kUnauthenticated) {
        return SeeOther(page, "/sign-in");
      }
      return FailurePage(site, page, session.error());
    }
    int page_number = 1;
    const http::Form query = QueryFields(request);
    if (const auto sent = query.Present("page")) {
      const std::string text(*sent);
      page_number = text.size() <= 5 && !text.empty() &&
                            text.find_first_not_of("0123456789") == std::string::npos
                        ? std::stoi(text)
                        : 0;
    }
    auto mine = usecase::ListMyRequests(cases.store, session->email, page_number, kPageSize);
    if (!mine) {
      // A page number out of range (a hand-edited link) shows the first page.
      if (mine.error().code() != ErrorCode::kInvalidInput) {
        return FailurePage(site, page, mine.error());
      }
      mine = usecase::ListMyRequests(cases.store, session->email, 1, kPageSize);
      if (!mine) {
        return FailurePage(site, page, mine.error());
      }
    }
    List rows;
    for (const store::CitizenCaseRow& row : mine->cases) {
      const StatusWords status = CitizenStatus(row.status);
      std::string due = "–";
      if (row.closed_at) {
        due = T(page.lang, "Closed") + " " +
              DateWords(page.lang, std::chrono::floor<std::chrono::days>(*row.closed_at));
      } else if (row.due_at) {
        due = DueWords(page.lang, *row.due_at);
      }
      rows.emplace_back(Object{{"row_reference", row.reference},
                               {"row_href", "/track?reference=" + row.reference},
                               {"row_service", row.service_name},
                               {"row_status", T(page.lang, status.text)},
                               {"row_status_colour", std::string(status.colour)},
                               {"row_reported", DateTimeWords(page.lang, row.created_at)},
                               {"row_due", due}});
    }
    Object pagination{{"pagination_previous",
                       mine->page > 1 ? Data("/my-requests?page=" + std::to_string(mine->page - 1))
                                      : Data(false)},
                      {"pagination_next",
                       mine->has_next ? Data("/my-requests?page=" + std::to_string(mine->page + 1))
                                      : Data(false)}};
    const bool has_rows = !rows.empty();
    Object data{{"signed_in_email", session->email},
                {"rows", Data(rows)},
                {"has_rows", Data(has_rows)},
                {"pagination", mine->page > 1 || mine->has_next ? Data(pagination) : Data(false)}};
    return RenderPage(site, page, "portal_my_requests", T(page.lang, "Your requests"), Data(data));
  }

  http::Response SignOut(const http::Request& request) const {
    PageContext page = site.Begin(request);
    if (!Posted(request)) {
      return ErrorPage(site, page, ErrorPageKind::kForbidden);
    }
    if (const auto token = SessionToken(site, request)) {
      if (auto ended = usecase::CitizenSignOut(cases.store, *token); !ended) {
        return FailurePage(site, page, ended.error());
      }
    }
    page.cookies.push_back(Cookie(site, usecase::CitizenSessionCookieName(site.https), "", 0));
    return SeeOther(page, "/");
  }
};

}  // namespace

std::optional<std::string> SignedInCitizenEmail(const Site::Impl& site,
                                                const usecase::CaseContext& cases,
                                                const http::Request& request) {
  const auto token = SessionToken(site, request);
  if (!token) {
    return std::nullopt;
  }
  auto session = usecase::ResumeCitizenSession(cases.store, cases.clock, *token);
  return session ? std::optional<std::string>(session->email) : std::nullopt;
}

void AddCitizenRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                      usecase::MailQueue& mail) {
  const CitizenPages pages{site.impl(), cases, mail};
  using http::Method;
  const auto add = [&](Method method, const char* path,
                       http::Response (CitizenPages::*handler)(const http::Request&) const) {
    router.Add(
        method, path,
        [pages, handler](http::Request& request) { return (pages.*handler)(request); },
        http::Execution::kBlocking);
  };
  add(Method::kGet, "/sign-in", &CitizenPages::SignInPage);
  add(Method::kPost, "/sign-in", &CitizenPages::SendCode);
  add(Method::kGet, "/sign-in/code", &CitizenPages::CodePage);
  add(Method::kPost, "/sign-in/code", &CitizenPages::CheckCode);
  add(Method::kGet, "/my-requests", &CitizenPages::MyRequestsPage);
  add(Method::kPost, "/sign-out", &CitizenPages::SignOut);
}

}  // namespace frontdoor::web
