// The citizen portal's handlers, split by journey. Private to the web module.
#pragma once

#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/cases.hpp"

#include "site.hpp"

namespace frontdoor::web {

struct Portal {
  const Site::Impl& site;
  const usecase::CaseContext& cases;

  http::Response Start(const http::Request& request) const;         // GET /
  http::Response ServicePage(const http::Request& request) const;   // GET /services/{code}
  http::Response SubmitReport(const http::Request& request) const;  // POST /services/{code}
  http::Response Confirmation(
      const http::Request& request) const;                   // GET /requests/{ref}/confirmation
  http::Response Track(const http::Request& request) const;  // GET /track
  http::Response CharterPage(const http::Request& request) const;  // GET /charter
  http::Response StaticPage(const http::Request& request, std::string_view template_name,
                            std::string_view title) const;
};

// The verified email address of the citizen signed in on this browser, if any: a report made
// while signed in is linked to their customer record.
std::optional<std::string> SignedInCitizenEmail(const Site::Impl& site,
                                                const usecase::CaseContext& cases,
                                                const http::Request& request);

// The page for a use case's error that is not the user's to fix: 503 when the database is
// unavailable, 404 when something is not found, otherwise 500 (logged by the server through
// the response's log_detail).
http::Response FailurePage(const Site::Impl& site, const PageContext& page, const Error& error);

}  // namespace frontdoor::web
