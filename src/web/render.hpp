// Rendering a page and answering with it: the layout's data, security headers, cookies, and
// the redirects and error pages every handler needs. Private to the web module.
//
// A page template starts with `{{>layout_start}}` and ends with `{{>layout_end}}`; the
// layout reads the keys LayoutData sets (all prefixed `site_` or `page_`, so a page's own
// data never shadows them). Components (templates/partials/govuk_*.mustache) read a field
// object built by ToData(FieldView): build every field that way, because mustache looks a
// missing key up in the enclosing objects and would otherwise show the wrong error or hint.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"

#include "site.hpp"
#include "templates.hpp"

namespace frontdoor::web {

// Every HTML response: Content-Security-Policy (no inline script or style, nothing from
// other origins, no framing), nosniff, Referrer-Policy same-origin, Permissions-Policy,
// X-Frame-Options DENY, and no caching of pages that may hold personal data.
// default-src 'self' covers fonts, connections and manifests; forms post only to us, and
// nothing may frame the pages (clickjacking) or change their base URL.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
void AddSecurityHeaders(http::Response& response,
                        std::string_view content_security_policy = kContentSecurityPolicy);

// `data` with the layout's keys added, rendered as `page` in the context's language, with
// the context's cookies and the security headers. `title` is the page's own title (already
// translated); with `has_errors` it is prefixed "Error: " as GOV.UK asks.
[[nodiscard]] http::Response RenderPage(const Site::Impl& site, const PageContext& page,
                                        std::string_view template_name, const std::string& title,
                                        Data data, unsigned status = 200, bool has_errors = false);

// The query string's fields; a malformed one reads as empty, because a filter or search
// page then shows everything rather than an error page for a mangled link.
[[nodiscard]] http::Form QueryFields(const http::Request& request);

// 303 See Other to a path of ours (Post/Redirect/Get), carrying the context's cookies.
[[nodiscard]] http::Response SeeOther(const PageContext& page, const std::string& location);

// The 403 (CSRF), 404 and 500 pages, in the layout.
enum class ErrorPageKind { kForbidden, kNotFound, kUnavailable, kInternal };
[[nodiscard]] http::Response ErrorPage(const Site::Impl& site, const PageContext& page,
                                       ErrorPageKind kind);

// One choice of a select, radios, checkboxes, or one box of a date input.
struct ItemView {
  std::string id{};           // radios, checkboxes, date parts: the input's id
  std::string name{};         // date parts only: the input's name
  std::string value{};        // what is submitted
  std::string text{};         // what is shown (date parts: the label)
  bool checked = false;       // also "selected" for a select
  std::string width_class{};  // date parts: govuk-input--width-2 or -4
  std::string inputmode{};    // date parts: "numeric"
};

// A form field for govuk_input, govuk_textarea, govuk_select, govuk_radios,
// govuk_checkboxes, govuk_date_input and govuk_file_upload.
struct FieldView {
  std::string id{};  // unique on the page; the error summary links to it
  std::string name{};
  std::string label{};  // the question (a legend for radios, checkboxes, dates)
  std::string hint{};
  std::string value{};
  std::string error{};  // empty: no error
  std::string type = "text";
  std::string autocomplete{};
  std::string inputmode{};
  std::string width_class{};  // e.g. govuk-input--width-10
  std::string accept{};       // file upload
  int rows = 5;               // textarea
  bool spellcheck_off = false;
  std::vector<ItemView> items{};
};

[[nodiscard]] Data ToData(const FieldView& field);

// An entry of the error summary: the message and the id of the field it links to.
struct ErrorLink {
  std::string id;
  std::string message;
};
// The govuk_error_summary data: {errors: [{href_id, message}]}; false when there is none.
[[nodiscard]] Data ErrorSummary(const std::vector<ErrorLink>& errors);

// Text to Data, or false when empty (so {{#key}} sections skip it).
[[nodiscard]] Data TextOrFalse(const std::string& text);

// "by 5pm on Friday 4 December 2026" (Irish: "faoi 5pm Dé hAoine 4 Nollaig 2026") for an
// instant in Europe/London; "midday" and "midnight" for 12pm and 12am.
[[nodiscard]] std::string DueWords(Lang lang, Instant at);
// "4 December 2026" ("4 Nollaig 2026").
[[nodiscard]] std::string DateWords(Lang lang, std::chrono::sys_days day);
// "4 December 2026 at 3:15pm" in Europe/London, for dates in a history.
[[nodiscard]] std::string DateTimeWords(Lang lang, Instant at);

}  // namespace frontdoor::web
