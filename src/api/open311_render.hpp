// Open311 GeoReport v2 documents (shared/OPEN311.md sections 2, 3 and 5.2) rendered from
// our records, in XML or JSON. Pure functions: no store, no clock; dates are written in
// the zone given (Europe/London in production) with their offset. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"

#include "open311_writer.hpp"

namespace frontdoor::api::open311 {

// What discovery.{format} lists: our one endpoint.
struct DiscoveryInfo {
  std::string changeset;  // sortable: the catalogue's last change as W3C date-time
  std::string contact;
  std::string key_service;
  std::string endpoint_url;  // ends in /open311/v2
  bool production = false;
};

std::string RenderDiscovery(Format format, const DiscoveryInfo& info);

// services.{format}: every service given, all of them "realtime".
std::string RenderServices(Format format, const std::vector<store::ServiceRecord>& services);
// services/{code}.{format}: the service's form, variable and informational attributes, in
// display order; values only for the list datatypes.
std::string RenderServiceDefinition(Format format, const store::ServiceRecord& service);

// The answer to POST requests: one request with its id and notice.
std::string RenderCreatedRequest(Format format, std::string_view service_request_id,
                                 std::string_view service_notice);

// The service_notice to show for a case, found from its service code (empty when none).
using NoticeLookup = std::function<std::string_view(std::string_view service_code)>;

// requests.{format} and requests/{id}.{format}: a service_requests list.
std::string RenderRequests(Format format, const std::vector<store::CaseRecord>& cases,
                           const NoticeLookup& notice, const date::time_zone* zone);
std::string RenderRequest(Format format, const store::CaseRecord& record,
                          std::string_view service_notice, const date::time_zone* zone);

// The FixMyStreet extended status (lower case) an update reports: "unchanged" when the event
// did not change the status, otherwise the status the case moved to.
std::string_view ExtendedStatus(const std::optional<std::string>& case_status);

// GET servicerequestupdates.{format}: each event with update_id = its id (stable across polls).
std::string RenderUpdates(Format format, const std::vector<store::CaseEventRecord>& events,
                          const date::time_zone* zone);
// The answer to POST servicerequestupdates: the id we stored the update under.
std::string RenderAcceptedUpdate(Format format, std::int64_t update_id);

// One entry of an Open311 error list.
struct ErrorEntry {
  unsigned code = 400;
  std::string description;
};

struct ErrorList {
  unsigned status = 400;  // the HTTP status: 400, 403, 404 (or 500 for our own bugs)
  std::vector<ErrorEntry> errors;
};

// Our Error as the spec's error list: 403 for a missing or unknown key, 404 for anything
// that does not exist, 400 for everything else the client can fix or retry (section 1.8),
// one entry per field error ("attribute[depth] is required"). A kInternal error never shows
// its message.
ErrorList ToErrorList(const Error& error);

std::string RenderErrors(Format format, const ErrorList& list);

}  // namespace frontdoor::api::open311
