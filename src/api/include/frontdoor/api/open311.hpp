// The Open311 GeoReport v2 endpoint under /open311/v2/ (shared/OPEN311.md), with the
// FixMyStreet service-request-updates extension: discovery, services, service definitions,
// requests (POST, GET list, GET one), tokens and servicerequestupdates (GET, POST), each in
// .xml and .json. Translates HTTP to the case and catalogue use cases and renders the spec's
// documents and error lists; no business rule lives here. The routes borrow the context and
// are safe to call from many threads at once.
#pragma once

#include <string>

#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

struct Open311Settings {
  std::string base_url;            // public URL of the server, e.g. https://council.example
  std::string jurisdiction_id;     // ours, e.g. belfastcity.gov.uk; others get 404
  std::string contact;             // discovery: who maintains the API
  std::string key_service;         // discovery: how to get an api_key
  std::string changeset_fallback;  // discovery's changeset while the catalogue is empty
  bool production = false;         // discovery's endpoint type: production or test
};

// Adds every /open311/v2/ route. GET handlers run with `reads`; POSTs, which wait for a
// durable write, with http::Execution::kBlocking. `context` must outlive the router.
void AddOpen311Routes(http::Router& router, const usecase::CaseContext& context,
                      const Open311Settings& settings, http::Execution reads);

}  // namespace frontdoor::api
