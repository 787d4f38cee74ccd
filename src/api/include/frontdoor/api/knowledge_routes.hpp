// The knowledge base in the staff JSON API (/api/v1/): articles (CRUD, publish and
// withdraw, versions, review list, feedback), synonyms, article search and suggestions
// while a contact is logged, the self-service event log and deflection figures. Described
// in the same OpenAPI document as the rest of the staff API. Reading needs the catalogue
// read right (every staff role); changing articles and synonyms the knowledge management
// right (managers and administrators, staff API keys). Handlers are safe on any thread.
#pragma once

#include "frontdoor/api/staff_access.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::api {

// Registers the routes. `context` must outlive the router.
void AddKnowledgeRoutes(http::Router& router, const usecase::KnowledgeContext& context,
                        http::Execution reads, const StaffAccessSettings& settings = {});

// The rows of the route table with the action each asks (for access tests).
[[nodiscard]] std::vector<StaffRouteAccess> KnowledgeRouteTable();

}  // namespace frontdoor::api
