// The staff and integration JSON API under /api/v1/: the service catalogue (departments,
// teams, services with their forms, routing rules) and cases (list, read, create,
// transition, assign, note, public update, link, duplicate suggestions), described by the
// OpenAPI 3.0.3 document at /api/v1/openapi.json. Every route but the document needs
// `Authorization: Bearer <API key>` or a staff session (staff_access.hpp), and is allowed
// or refused by the access policy (core/access.hpp) for the action in its row of the table.
// Handlers only parse, call a use case and render; they are safe to run on any thread.
#pragma once

#include <string_view>

#include "frontdoor/api/staff_access.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

// Registers every /api/v1 route. `context` must outlive the router. Reads run where
// `reads` says (see http::Execution); writes always run on the worker pool, since they wait
// for a durable commit.
void AddStaffApiRoutes(http::Router& router, const usecase::CaseContext& context,
                       http::Execution reads, const StaffAccessSettings& settings = {});

// The OpenAPI 3.0.3 document (JSON text) that GET /api/v1/openapi.json serves.
[[nodiscard]] std::string_view StaffOpenApiDocument();

}  // namespace frontdoor::api
