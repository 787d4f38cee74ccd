// The citizen portal's handlers, split by journey. Private to the web module.
#pragma once

#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/knowledge.hpp"

#include "site.hpp"
#include "templates.hpp"

namespace frontdoor::web {

struct Portal {
  const Site::Impl& site;
  const usecase::CaseContext& cases;
  // The knowledge base for help pages and suggestions; null: no help pages (tests of other
  // journeys), and the start and service pages show no articles.
  const usecase::KnowledgeContext* knowledge = nullptr;

  http::Response Start(const http::Request& request) const;         // GET /
  http::Response ServicePage(const http::Request& request) const;   // GET /services/{code}
  http::Response SubmitReport(const http::Request& request) const;  // POST /services/{code}
  http::Response Confirmation(
      const http::Request& request) const;                   // GET /requests/{ref}/confirmation
  http::Response Track(const http::Request& request) const;  // GET /track
  http::Response CharterPage(const http::Request& request) const;   // GET /charter
  http::Response Help(const http::Request& request) const;          // GET /help
  http::Response HelpArticle(const http::Request& request) const;   // GET /help/{slug}
  http::Response HelpFeedback(const http::Request& request) const;  // POST /help/{slug}
  // The start page's help results for `q` (logged for deflection), or false.
  Data HelpForQuery(const http::Request& request, PageContext& page, const std::string& q) const;
  // "Before you report": the public articles linked to a service, or false.
  Data ServiceArticles(const std::string& service_code) const;
  // Logs a case raised by a visitor with a help session, for deflection; failures go to the
  // response's log line, since the case itself is safe.
  void NoteCaseForDeflection(const http::Request& request, http::Response& response) const;
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
