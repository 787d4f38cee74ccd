// Open311 GeoReport v2 arguments (shared/OPEN311.md sections 1.4-1.7, 3.3, 3.5, 5.2) read
// from a decoded form into our use-case inputs. Pure: the current time is passed in. Every
// error names the argument as the client sent it. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/http/multipart.hpp"
#include "frontdoor/usecase/cases.hpp"

#include "open311_writer.hpp"

namespace frontdoor::api::open311 {

// The spec's default window and row cap for GET requests (section 3.5).
inline constexpr auto kMaxWindow = std::chrono::days(90);
inline constexpr int kMaxRows = 1000;

// The arguments of a POST: an application/x-www-form-urlencoded body (or none), or the
// parts of a multipart/form-data body (FixMyStreet's uploads, section 5.6): text parts as
// the form, file parts (with a filename) kept aside as views into request.body. kMalformed
// for any other content type or a body that does not parse.
struct PostBody {
  http::Form form;
  std::vector<http::MultipartPart> files;
};
Result<PostBody> ReadPostBody(const http::Request& request);

// The files of a report that are photos of it: parts named photo1, photo2... (FixMyStreet)
// or photo, in the order sent.
std::vector<const http::MultipartPart*> Photos(const std::vector<http::MultipartPart>& files);

// "xml" or "json"; nullopt for anything else (answered 404).
std::optional<Format> ParseFormat(std::string_view extension);

// Text from a client that is safe to quote in an error: valid UTF-8, at most 64 bytes.
std::string Quote(std::string_view text);

// kNotFound when jurisdiction_id names another jurisdiction. Absent or empty means ours
// (section 1.5): we serve exactly one.
Result<void> CheckJurisdiction(const http::Form& form, std::string_view ours);

// A W3C date-time argument; nullopt when absent or empty. kInvalidInput on `name` when it
// is not one, with a hint when a '+' arrived as a space.
Result<std::optional<Instant>> ParseDateArgument(const http::Form& form, std::string_view name);

struct Window {
  Instant from;  // inclusive
  Instant to;    // inclusive
};

// start_date/end_date as one window of at most kMaxWindow. Without dates: the kMaxWindow
// up to `now`. With one bound: kMaxWindow from or to it. With both, a span of more than
// kMaxWindow is refused (kInvalidInput on end_date) rather than silently cut, so a client
// never mistakes a clipped answer for the whole; so is an end before the start.
Result<Window> ParseWindow(const http::Form& form, Instant now);

// The status argument of GET requests ("open", "closed", comma-separated or repeated; any
// case) as our statuses; empty for both or none. kInvalidInput on "status" otherwise.
Result<std::vector<CaseStatus>> ParseStatusFilter(const http::Form& form);

// POST requests arguments as a new case (channel "web"; the caller sets the actor).
// Collects every problem at once: "service_code" missing; "lat"/"long" not decimal numbers
// or one without the other; no location at all (lat+long, address_string or address_id).
// Attributes come from attribute[code], attribute[code][] and repeats of either; other
// arguments the spec allows (device_id, account_id...) are ignored.
Result<usecase::NewCase> ParseNewCase(const http::Form& form);

// POST servicerequestupdates arguments (section 5.2) as a customer comment (the caller sets
// the actor). Required: service_request_id, update_id, status (OPEN, CLOSED or an extended
// status, any case), updated_datetime (W3C), description. OPEN and REOPEN ask to reopen.
Result<usecase::CustomerComment> ParseCustomerComment(const http::Form& form);

}  // namespace frontdoor::api::open311
