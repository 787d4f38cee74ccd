// libFuzzer target for Open311 input (api/open311_params): POST bodies (form or multipart,
// chosen by the first line, the Content-Type) read into a new case or a customer comment,
// and the same bytes as a GET query: dates, windows, status filters, jurisdiction.
// Promises: every error is one the adapter maps (400, or 404 for another jurisdiction)
// and names an argument of the spec; a window is ordered and at most 90 days; a location
// is whole (lat with long); photos are among the files.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "frontdoor/http/form.hpp"

#include "fuzz_check.hpp"
#include "open311_params.hpp"

namespace {

using frontdoor::fuzz::Check;
namespace open311 = frontdoor::api::open311;

// The arguments our errors may name (shared/OPEN311.md).
constexpr std::array<std::string_view, 10> kArguments = {
    "service_code", "lat",       "long",       "status",   "updated_datetime",
    "description",  "update_id", "start_date", "end_date", "service_request_id"};

void CheckNamesArguments(const frontdoor::Error& error) {
  frontdoor::fuzz::CheckInputError(error, frontdoor::ErrorCode::kNotFound);
  for (const auto& field : error.field_errors()) {
    Check(std::find(kArguments.begin(), kArguments.end(), field.field) != kArguments.end(),
          "an Open311 error names an argument of the spec");
  }
}

void CheckForm(const frontdoor::http::Form& form) {
  const auto now = frontdoor::Instant(std::chrono::microseconds(1'780'000'000'000'000));
  if (const auto window = open311::ParseWindow(form, now)) {
    Check(window->from <= window->to, "a window is ordered");
    Check(window->to - window->from <= open311::kMaxWindow, "a window is at most 90 days");
  } else {
    CheckNamesArguments(window.error());
  }
  if (const auto statuses = open311::ParseStatusFilter(form)) {
    Check(statuses->size() <= 7, "a status filter lists each status at most once");
  } else {
    CheckNamesArguments(statuses.error());
  }
  if (const auto ours = open311::CheckJurisdiction(form, "belfastcity.gov.uk"); !ours) {
    CheckNamesArguments(ours.error());
    Check(ours.error().code() == frontdoor::ErrorCode::kNotFound, "another jurisdiction is 404");
  }
  if (const auto input = open311::ParseNewCase(form)) {
    Check(input->lat.has_value() == input->lon.has_value(), "a location has lat and long");
    Check(input->lat || input->address || input->address_id, "a new case says where");
    Check(input->channel == "web", "Open311 cases come from the web channel");
    for (const auto& [code, value] : input->attributes) {
      Check(!code.empty() && code.find_first_of("[]") == std::string::npos,
            "an attribute code is the part between the brackets");
    }
  } else {
    CheckNamesArguments(input.error());
  }
  if (const auto comment = open311::ParseCustomerComment(form)) {
    Check(comment->at.has_value(), "a comment has its time");
    Check(!comment->reference.empty() && !comment->external_id.empty(),
          "a comment names its request and update");
  } else {
    CheckNamesArguments(comment.error());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The whole input as a query string (GET requests, GET servicerequestupdates).
  if (const auto query = frontdoor::http::ParseForm(input)) {
    CheckForm(*query);
  } else {
    frontdoor::fuzz::CheckInputError(query.error());
  }
  // The first line as the Content-Type of a POST, the rest as its body.
  const auto newline = input.find('\n');
  frontdoor::http::Request request;
  request.method = frontdoor::http::Method::kPost;
  if (newline != std::string_view::npos && newline > 0) {
    request.headers.emplace_back("content-type", std::string(input.substr(0, newline)));
  }
  request.body = std::string(newline == std::string_view::npos ? input : input.substr(newline + 1));
  const auto body = open311::ReadPostBody(request);
  if (!body) {
    frontdoor::fuzz::CheckInputError(body.error());
    return 0;
  }
  for (const auto& file : body->files) {
    Check(file.filename.has_value(), "files are the parts with a file name");
  }
  for (const auto* photo : open311::Photos(body->files)) {
    Check(photo->name.starts_with("photo"), "photos are parts named photo or photoN");
  }
  CheckForm(body->form);
  return 0;
}
