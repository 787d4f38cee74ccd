#include "open311_params.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"

namespace frontdoor::api::open311 {
namespace {

constexpr std::size_t kMaxQuotedBytes = 64;

// Extended statuses FixMyStreet may post (section 5.4), upper case.
constexpr std::array<std::string_view, 15> kUpdateStatuses = {"OPEN",
                                                              "CLOSED",
                                                              "FIXED",
                                                              "IN_PROGRESS",
                                                              "ACTION_SCHEDULED",
                                                              "PLANNED",
                                                              "INVESTIGATING",
                                                              "DUPLICATE",
                                                              "NOT_COUNCILS_RESPONSIBILITY",
                                                              "NO_FURTHER_ACTION",
                                                              "INTERNAL_REFERRAL",
                                                              "FOR_TRIAGE",
                                                              "CANCELLED",
                                                              "REOPEN",
                                                              "UNCHANGED"};

std::optional<std::string> PresentString(const http::Form& form, std::string_view name) {
  const auto value = form.Present(name);
  if (!value) {
    return std::nullopt;
  }
  return std::string(*value);
}

// A plain decimal: what std::from_chars accepts, whole, and finite (no "nan", "inf").
std::optional<double> ParseDecimal(std::string_view text) {
  const auto trimmed = Trim(text);
  double value = 0;
  const auto* first = trimmed.data();
  const auto* last = trimmed.data() + trimmed.size();
  const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::fixed);
  if (ec != std::errc() || end != last || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// attribute[code] and attribute[code][] -> code; anything else -> empty.
std::string_view AttributeCode(std::string_view name) {
  constexpr std::string_view kPrefix = "attribute[";
  if (!name.starts_with(kPrefix)) {
    return {};
  }
  name.remove_prefix(kPrefix.size());
  if (name.ends_with("[]")) {
    name.remove_suffix(2);
  }
  if (!name.ends_with(']')) {
    return {};
  }
  name.remove_suffix(1);
  if (name.find_first_of("[]") != std::string_view::npos) {
    return {};
  }
  return name;
}

void ReadLocation(const http::Form& form, usecase::NewCase& input,
                  std::vector<FieldError>& errors) {
  const auto lat_text = form.Present("lat");
  const auto long_text = form.Present("long");
  if (lat_text) {
    if (auto lat = ParseDecimal(*lat_text)) {
      input.lat = *lat;
    } else {
      errors.push_back({"lat", "lat must be a decimal number between -90 and 90"});
    }
  }
  if (long_text) {
    if (auto lon = ParseDecimal(*long_text)) {
      input.lon = *lon;
    } else {
      errors.push_back({"long", "long must be a decimal number between -180 and 180"});
    }
  }
  if (lat_text && !long_text) {
    errors.push_back({"long", "long is required when lat is given"});
  }
  if (long_text && !lat_text) {
    errors.push_back({"lat", "lat is required when long is given"});
  }
  input.address = PresentString(form, "address_string");
  input.address_id = PresentString(form, "address_id");
  if (!lat_text && !long_text && !input.address && !input.address_id) {
    errors.push_back({"lat",
                      "lat and long, address_string or address_id is required: say where "
                      "the problem is"});
  }
}

usecase::ContactDetails ReadContact(const http::Form& form) {
  usecase::ContactDetails contact;
  contact.first_name = PresentString(form, "first_name");
  contact.last_name = PresentString(form, "last_name");
  // FixMyStreet sends "-" as the last name of someone who gave only one name.
  if (contact.last_name && Trim(*contact.last_name) == "-") {
    contact.last_name.reset();
  }
  contact.email = PresentString(form, "email");
  contact.phone = PresentString(form, "phone");
  return contact;
}

}  // namespace

Result<PostBody> ReadPostBody(const http::Request& request) {
  const auto content_type = request.Header("content-type");
  if (!content_type || http::IsFormContentType(*content_type)) {
    auto form = http::ParseForm(request.body);
    if (!form) {
      return form.error();
    }
    return PostBody{std::move(*form), {}};
  }
  if (http::IsMultipartFormData(*content_type)) {
    auto parts = http::ParseMultipart(*content_type, request.body);
    if (!parts) {
      return parts.error();
    }
    auto form = http::TextFields(*parts);
    if (!form) {
      return form.error();
    }
    std::erase_if(*parts, [](const auto& part) { return !part.filename; });
    return PostBody{std::move(*form), std::move(*parts)};
  }
  return Error(ErrorCode::kMalformed,
               "Send the arguments as application/x-www-form-urlencoded (or multipart/form-data "
               "with files), not " +
                   Quote(*content_type));
}

std::vector<const http::MultipartPart*> Photos(const std::vector<http::MultipartPart>& files) {
  std::vector<const http::MultipartPart*> photos;
  for (const auto& part : files) {
    std::string_view name = part.name;
    if (!name.starts_with("photo")) {
      continue;
    }
    name.remove_prefix(5);
    if (name.find_first_not_of("0123456789") == std::string_view::npos) {
      photos.push_back(&part);
    }
  }
  return photos;
}

std::optional<Format> ParseFormat(std::string_view extension) {
  if (extension == "xml") {
    return Format::kXml;
  }
  if (extension == "json") {
    return Format::kJson;
  }
  return std::nullopt;
}

std::string Quote(std::string_view text) {
  if (!IsValidUtf8(text)) {
    return "(not valid UTF-8)";
  }
  auto quoted = TruncateUtf8(text, kMaxQuotedBytes);
  if (quoted.size() < text.size()) {
    quoted += "...";
  }
  return "'" + quoted + "'";
}

Result<void> CheckJurisdiction(const http::Form& form, std::string_view ours) {
  const auto given = form.Present("jurisdiction_id");
  if (!given || Trim(*given) == ours) {
    return {};
  }
  return Error::NotFound("jurisdiction_id " + Quote(*given) +
                         " is not served here; this endpoint serves " + std::string(ours));
}

Result<std::optional<Instant>> ParseDateArgument(const http::Form& form, std::string_view name) {
  const auto text = form.Present(name);
  if (!text) {
    return std::optional<Instant>();
  }
  if (text->find(' ') != std::string_view::npos) {
    // An unencoded '+' in a query string arrives as a space (section 1.4).
    return Error::Invalid(std::string(name),
                          std::string(name) +
                              " holds a space: send the '+' of an offset as %2B, e.g. "
                              "2026-05-01T09:30:00%2B01:00");
  }
  auto instant = charter::ParseIso8601(*text, name);
  if (!instant) {
    return Error::Invalid(std::string(name),
                          std::string(name) +
                              " must be a W3C date-time with a zone, e.g. 2026-05-01T09:30:00Z "
                              "or 2026-05-01T09:30:00+01:00");
  }
  return std::optional<Instant>(*instant);
}

Result<Window> ParseWindow(const http::Form& form, Instant now) {
  auto start = ParseDateArgument(form, "start_date");
  auto end = ParseDateArgument(form, "end_date");
  std::vector<FieldError> errors;
  for (const auto* parsed : {&start, &end}) {
    if (!*parsed) {
      const Error error = parsed->error();  // error() returns a copy: keep it alive
      for (const auto& field : error.field_errors()) {
        errors.push_back(field);
      }
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  const auto& from = *start;
  const auto& to = *end;
  if (from && to) {
    if (*to < *from) {
      return Error::Invalid("end_date", "end_date is before start_date");
    }
    if (*to - *from > kMaxWindow) {
      return Error::Invalid("end_date",
                            "start_date and end_date may be at most 90 days apart; ask for "
                            "several windows");
    }
    return Window{*from, *to};
  }
  if (from) {
    return Window{*from, *from + kMaxWindow};
  }
  if (to) {
    return Window{*to - kMaxWindow, *to};
  }
  return Window{now - kMaxWindow, now};
}

Result<std::vector<CaseStatus>> ParseStatusFilter(const http::Form& form) {
  bool open = false;
  bool closed = false;
  for (const auto& item : form.List("status")) {
    const auto lower = ToLowerAscii(item);
    if (lower == "open") {
      open = true;
    } else if (lower == "closed") {
      closed = true;
    } else {
      return Error::Invalid("status", "status must be open, closed or both, not " + Quote(item));
    }
  }
  if (open == closed) {
    return std::vector<CaseStatus>();
  }
  std::vector<CaseStatus> statuses;
  for (const auto status : {CaseStatus::kNew, CaseStatus::kAcknowledged, CaseStatus::kInProgress,
                            CaseStatus::kAwaitingCustomer, CaseStatus::kResolved,
                            CaseStatus::kClosed, CaseStatus::kReopened}) {
    if (IsOpen(status) == open) {
      statuses.push_back(status);
    }
  }
  return statuses;
}

Result<usecase::NewCase> ParseNewCase(const http::Form& form) {
  usecase::NewCase input;
  std::vector<FieldError> errors;
  if (const auto code = form.Present("service_code")) {
    input.service_code = Trim(*code);
  } else {
    errors.push_back({"service_code", "service_code is required"});
  }
  ReadLocation(form, input, errors);
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  input.channel = "web";
  input.description = std::string(form.First("description").value_or(""));
  input.contact = ReadContact(form);
  input.media_url = PresentString(form, "media_url");
  for (const auto& field : form.fields()) {
    const auto code = AttributeCode(field.name);
    if (!code.empty()) {
      input.attributes.emplace(std::string(code), field.value);
    }
  }
  return input;
}

Result<usecase::CustomerComment> ParseCustomerComment(const http::Form& form) {
  usecase::CustomerComment comment;
  std::vector<FieldError> errors;
  // Blank counts as absent: an update_id of " " would otherwise be one id shared by every
  // blank update, and each would be taken for a repeat of the first.
  const auto required = [&](std::string_view name) -> std::string {
    auto value = Trim(form.Present(name).value_or(""));
    if (value.empty()) {
      errors.push_back({std::string(name), std::string(name) + " is required"});
    }
    return value;
  };
  comment.reference = ToUpperAscii(required("service_request_id"));
  comment.external_id = required("update_id");
  const auto status = ToUpperAscii(required("status"));
  if (!status.empty()) {
    if (std::find(kUpdateStatuses.begin(), kUpdateStatuses.end(), status) ==
        kUpdateStatuses.end()) {
      errors.push_back({"status",
                        "status must be OPEN, CLOSED or one of the extended statuses "
                        "(FIXED, IN_PROGRESS, ...), not " +
                            Quote(status)});
    }
    comment.wants_open = status == "OPEN" || status == "REOPEN";
  }
  if (auto at = ParseDateArgument(form, "updated_datetime"); !at) {
    const Error error = at.error();
    for (const auto& field : error.field_errors()) {
      errors.push_back(field);
    }
  } else if (!*at) {
    errors.push_back({"updated_datetime", "updated_datetime is required"});
  } else {
    comment.at = **at;
  }
  if (const auto description = form.First("description")) {
    comment.body = std::string(*description);
  } else {
    errors.push_back({"description", "description is required"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  comment.contact = ReadContact(form);
  return comment;
}

}  // namespace frontdoor::api::open311
