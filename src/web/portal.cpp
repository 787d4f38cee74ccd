#include "portal.hpp"

#include <exception>
#include <string>

#include "frontdoor/web/web.hpp"

#include "render.hpp"

namespace frontdoor::web {
namespace {

// A handler that throws answers with the 500 page in the layout rather than the API's JSON
// error, and the exception is still logged under the request id.
http::Handler Guarded(const Site::Impl& site,
                      std::function<http::Response(const http::Request&)> handler) {
  return [&site, handler = std::move(handler)](http::Request& request) {
    try {
      return handler(request);
    } catch (const std::exception& e) {
      http::Response response = ErrorPage(site, site.Begin(request), ErrorPageKind::kInternal);
      response.log_detail = e.what();
      return response;
    }
  };
}

}  // namespace

http::Response FailurePage(const Site::Impl& site, const PageContext& page, const Error& error) {
  switch (error.code()) {
    case ErrorCode::kNotFound: return ErrorPage(site, page, ErrorPageKind::kNotFound);
    case ErrorCode::kUnavailable: {
      http::Response response = ErrorPage(site, page, ErrorPageKind::kUnavailable);
      response.headers.emplace_back("Retry-After", "5");
      return response;
    }
    case ErrorCode::kMalformed:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kConflict:
    case ErrorCode::kPayloadTooLarge:
    case ErrorCode::kRateLimited:
    case ErrorCode::kInternal: break;
  }
  http::Response response = ErrorPage(site, page, ErrorPageKind::kInternal);
  response.log_detail = error.message();
  return response;
}

http::Response Portal::StaticPage(const http::Request& request, std::string_view template_name,
                                  std::string_view title) const {
  const PageContext page = site.Begin(request);
  return RenderPage(site, page, template_name, std::string(site.T(page.lang, title)), Object{});
}

void AddPortalRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                     http::Execution reads, const usecase::KnowledgeContext* knowledge) {
  const Site::Impl& impl = site.impl();
  // Handlers copy this small value; it borrows the site and the case context, which outlive
  // the router.
  const Portal portal{impl, cases, knowledge};
  using http::Method;
  // With help, a search on the start page is logged for deflection: a write.
  router.Add(Method::kGet, "/",
             Guarded(impl, [portal](const http::Request& r) { return portal.Start(r); }),
             knowledge != nullptr ? http::Execution::kBlocking : reads);
  router.Add(Method::kGet, "/services/{code}",
             Guarded(impl, [portal](const http::Request& r) { return portal.ServicePage(r); }),
             reads);
  router.Add(Method::kPost, "/services/{code}",
             Guarded(impl, [portal](const http::Request& r) { return portal.SubmitReport(r); }),
             http::Execution::kBlocking);
  router.Add(Method::kGet, "/requests/{reference}/confirmation",
             Guarded(impl, [portal](const http::Request& r) { return portal.Confirmation(r); }),
             reads);
  router.Add(Method::kGet, "/track",
             Guarded(impl, [portal](const http::Request& r) { return portal.Track(r); }), reads);
  router.Add(Method::kGet, "/charter",
             Guarded(impl, [portal](const http::Request& r) { return portal.CharterPage(r); }),
             reads);
  if (knowledge != nullptr) {
    // Searches and views are logged for deflection (writes), so they run on the worker pool.
    router.Add(Method::kGet, "/help",
               Guarded(impl, [portal](const http::Request& r) { return portal.Help(r); }),
               http::Execution::kBlocking);
    router.Add(Method::kGet, "/help/{slug}",
               Guarded(impl, [portal](const http::Request& r) { return portal.HelpArticle(r); }),
               http::Execution::kBlocking);
    router.Add(Method::kPost, "/help/{slug}",
               Guarded(impl, [portal](const http::Request& r) { return portal.HelpFeedback(r); }),
               http::Execution::kBlocking);
  }
  struct Static {
    const char* path;
    const char* template_name;
    const char* title;
  };
  for (const Static& page :
       {Static{"/accessibility", "portal_accessibility", "Accessibility statement"},
        Static{"/privacy", "portal_privacy", "Privacy notice"},
        Static{"/cookies", "portal_cookies", "Cookies"}}) {
    router.Add(Method::kGet, page.path, Guarded(impl, [portal, page](const http::Request& r) {
                 return portal.StaticPage(r, page.template_name, page.title);
               }));
  }
}

}  // namespace frontdoor::web
