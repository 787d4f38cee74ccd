// The staff desktop under /staff/: sign-in and sign-out, the team worklist, the case view
// with its actions. Server-rendered on the web module's layout and components; every
// journey works without JavaScript. Every page asks the access policy (core/access.hpp),
// the same one the staff API enforces, and every form carries the CSRF token.
#pragma once

#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/case_search.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/staff_auth.hpp"
#include "frontdoor/web/web.hpp"

namespace frontdoor::web {

struct DesktopSettings {
  usecase::SignInPolicy policy;
  // The knowledge base for the article pages (/staff/knowledge) and the suggestions while a
  // contact is logged; null: neither is offered. Must outlive the router.
  const usecase::KnowledgeContext* knowledge = nullptr;
  // The case search index behind /staff/search; null: cases are not searched (customers are).
  const usecase::CaseSearchIndex* case_index = nullptr;
};

// Registers the /staff/ routes. `site`, `cases` and `passwords` must outlive the router.
// They run on the worker pool: sign-in waits for the password pool, and every page may mark
// its session as seen, which is a write.
void AddDesktopRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                      usecase::PasswordChecker& passwords, const DesktopSettings& settings);

}  // namespace frontdoor::web
