#include "open311_render.hpp"

#include <algorithm>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/case_status.hpp"
#include "frontdoor/http/error_response.hpp"

namespace frontdoor::api::open311 {
namespace {

constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";

// Room for one request record with a long description, so the hot path (GET one request)
// allocates its body once.
constexpr std::size_t kRequestBytes = 1024;

void WriteDate(DocumentWriter& w, std::string_view name, const std::optional<Instant>& at,
               const date::time_zone* zone) {
  if (at) {
    w.String(name, charter::FormatIso8601(*at, zone));
  } else {
    w.Null(name);
  }
}

void WriteNonEmpty(DocumentWriter& w, std::string_view name, std::string_view value) {
  if (value.empty()) {
    w.Null(name);
  } else {
    w.String(name, value);
  }
}

void WriteRequest(DocumentWriter& w, const store::CaseRecord& r, std::string_view notice,
                  const date::time_zone* zone) {
  w.BeginItem("request");
  w.String("service_request_id", r.reference);
  // Core GeoReport v2 knows only open and closed; the extended statuses are for the
  // update feed (section 5.4).
  w.String("status", Open311Status(r.status));
  w.OptionalString("status_notes", r.status_notes);
  w.String("service_name", r.service_name);
  w.String("service_code", r.service_code);
  w.String("description", r.description);
  WriteNonEmpty(w, "agency_responsible", r.department_name);
  WriteNonEmpty(w, "service_notice", notice);
  WriteDate(w, "requested_datetime", r.created_at, zone);
  WriteDate(w, "updated_datetime", r.updated_at, zone);
  WriteDate(w, "expected_datetime", r.due_at, zone);
  w.OptionalString("address", r.address);
  w.OptionalString("address_id", r.address_id);
  w.OptionalString("zipcode", r.postcode);
  if (r.location) {
    w.Number("lat", r.location->lat);
    w.Number("long", r.location->lon);
  } else {
    w.Null("lat");
    w.Null("long");
  }
  w.OptionalString("media_url", r.media_url);
  w.EndItem();
}

bool IsListDatatype(AttributeDatatype datatype) {
  return datatype == AttributeDatatype::kSingleValueList ||
         datatype == AttributeDatatype::kMultiValueList;
}

// "attribute[depth]" + "is required" reads as a sentence; a capitalised message reads
// better after a colon; a message that already names its field stays as it is.
std::string Describe(const FieldError& field) {
  if (field.field.empty() || field.message.starts_with(field.field)) {
    return field.message;
  }
  if (field.message.empty()) {
    return field.field + " is not valid";
  }
  const char first = field.message.front();
  if (first >= 'a' && first <= 'z') {
    return field.field + " " + field.message;
  }
  return field.field + ": " + field.message;
}

}  // namespace

std::string RenderDiscovery(Format format, const DiscoveryInfo& info) {
  DocumentWriter w(format);
  w.BeginRootRecord("discovery");
  w.String("changeset", info.changeset);
  w.String("contact", info.contact);
  w.String("key_service", info.key_service);
  w.BeginList("endpoints");
  w.BeginItem("endpoint");
  w.String("specification", kSpecification);
  w.String("url", info.endpoint_url);
  w.String("changeset", info.changeset);
  w.String("type", info.production ? "production" : "test");
  w.BeginList("formats");
  w.StringItem("format", "text/xml");
  w.StringItem("format", "application/json");
  w.EndList();
  w.EndItem();
  w.EndList();
  return w.Finish();
}

std::string RenderServices(Format format, const std::vector<store::ServiceRecord>& services) {
  DocumentWriter w(format, 256 + services.size() * 384);
  w.BeginRootList("services");
  for (const auto& service : services) {
    w.BeginItem("service");
    w.String("service_code", service.code);
    w.String("service_name", service.name);
    w.String("description", service.description);
    w.Bool("metadata", !service.form.empty());
    w.String("type", "realtime");
    w.String("keywords", service.keywords);
    w.String("group", service.group);
    w.EndItem();
  }
  return w.Finish();
}

std::string RenderServiceDefinition(Format format, const store::ServiceRecord& service) {
  std::vector<const Attribute*> attributes;
  attributes.reserve(service.form.size());
  for (const auto& attribute : service.form) {
    attributes.push_back(&attribute);
  }
  std::stable_sort(attributes.begin(), attributes.end(),
                   [](const Attribute* a, const Attribute* b) { return a->order < b->order; });

  DocumentWriter w(format, 512 + service.form.size() * 512);
  w.BeginRootRecord("service_definition");
  w.String("service_code", service.code);
  w.BeginList("attributes");
  for (const Attribute* a : attributes) {
    w.BeginItem("attribute");
    w.Bool("variable", a->variable);
    w.String("code", a->code);
    w.String("datatype", AttributeDatatypeName(a->datatype));
    w.Bool("required", a->required);
    w.String("datatype_description", a->datatype_description);
    w.Integer("order", a->order);
    w.String("description", a->description);
    if (IsListDatatype(a->datatype)) {
      w.BeginList("values");
      for (const auto& value : a->values) {
        w.BeginItem("value");
        w.String("key", value.key);
        w.String("name", value.name);
        w.EndItem();
      }
      w.EndList();
    }
    w.EndItem();
  }
  w.EndList();
  return w.Finish();
}

std::string RenderCreatedRequest(Format format, std::string_view service_request_id,
                                 std::string_view service_notice) {
  DocumentWriter w(format, 256 + service_notice.size());
  w.BeginRootList("service_requests");
  w.BeginItem("request");
  w.String("service_request_id", service_request_id);
  WriteNonEmpty(w, "service_notice", service_notice);
  w.EndItem();
  return w.Finish();
}

std::string RenderRequests(Format format, const std::vector<store::CaseRecord>& cases,
                           const NoticeLookup& notice, const date::time_zone* zone) {
  DocumentWriter w(format, 128 + cases.size() * kRequestBytes);
  w.BeginRootList("service_requests");
  for (const auto& record : cases) {
    WriteRequest(w, record, notice(record.service_code), zone);
  }
  return w.Finish();
}

std::string RenderRequest(Format format, const store::CaseRecord& record,
                          std::string_view service_notice, const date::time_zone* zone) {
  DocumentWriter w(format, kRequestBytes + record.description.size());
  w.BeginRootList("service_requests");
  WriteRequest(w, record, service_notice, zone);
  return w.Finish();
}

std::string_view ExtendedStatus(const std::optional<std::string>& case_status) {
  if (!case_status) {
    return "unchanged";
  }
  const auto status = ParseCaseStatus(*case_status);
  if (!status) {
    return "unchanged";
  }
  // FixMyStreet's states (section 5.4): "open" shows as confirmed, "fixed" as fixed by the
  // council; a case waiting on someone is still being looked into.
  switch (*status) {
    case CaseStatus::kNew: return "open";
    case CaseStatus::kAcknowledged: return "investigating";
    case CaseStatus::kInProgress: return "in_progress";
    case CaseStatus::kAwaitingCustomer: return "investigating";
    case CaseStatus::kResolved: return "fixed";
    case CaseStatus::kClosed: return "closed";
    case CaseStatus::kReopened: return "open";
  }
  return "unchanged";
}

std::string RenderUpdates(Format format, const std::vector<store::CaseEventRecord>& events,
                          const date::time_zone* zone) {
  DocumentWriter w(format, 128 + events.size() * 512);
  w.BeginRootList("service_request_updates");
  for (const auto& event : events) {
    w.BeginItem("request_update");
    w.String("update_id", std::to_string(event.id));
    w.String("service_request_id", event.case_reference);
    w.String("status", ExtendedStatus(event.status));
    WriteDate(w, "updated_datetime", event.at, zone);
    w.String("description", event.body.value_or(""));
    w.String("media_url", "");
    if (event.status) {
      // Our own status name, for clients that key their templates on it.
      w.String("external_status_code", *event.status);
    }
    w.EndItem();
  }
  return w.Finish();
}

std::string RenderAcceptedUpdate(Format format, std::int64_t update_id) {
  DocumentWriter w(format, 160);
  w.BeginRootList("service_request_updates");
  w.BeginItem("request_update");
  w.String("update_id", std::to_string(update_id));
  w.EndItem();
  return w.Finish();
}

namespace {

// No default: a new ErrorCode fails the build (-Wswitch) until it is mapped here.
unsigned StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kMalformed:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kConflict:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kUnavailable:  // "general failure (e.g. back end down)", section 1.8
      return 400;
  }
  return 500;  // only if memory held an out-of-range value
}

}  // namespace

ErrorList ToErrorList(const Error& error) {
  ErrorList list;
  list.status = StatusFor(error.code());
  if (error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable) {
    list.errors.push_back({list.status, http::PublicMessage(error)});
    return list;
  }
  for (const auto& field : error.field_errors()) {
    list.errors.push_back({list.status, Describe(field)});
  }
  if (list.errors.empty()) {
    list.errors.push_back({list.status, error.message().empty()
                                            ? std::string(ErrorCodeName(error.code()))
                                            : error.message()});
  }
  return list;
}

std::string RenderErrors(Format format, const ErrorList& list) {
  DocumentWriter w(format, 128 + list.errors.size() * 160);
  w.BeginRootList("errors");
  for (const auto& entry : list.errors) {
    w.BeginItem("error");
    w.Integer("code", entry.code);
    w.String("description", entry.description);
    w.EndItem();
  }
  return w.Finish();
}

}  // namespace frontdoor::api::open311
