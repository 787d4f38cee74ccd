// The web pages: the citizen portal (and, built on the same parts, the staff desktop). This
// module is the only one that knows mustache: templates/ are compiled into the binary and
// parsed once at start-up, locale/*.po give the English and Irish interface text, and the
// built assets (GOV.UK Frontend with Arial, our scripts) are served under /assets/ with
// fingerprinted names. Handlers translate HTTP to the same use cases as the APIs; no
// business rule lives here. A Site is immutable once created, so every thread shares one.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/mail_queue.hpp"

namespace frontdoor::web {

// A map on the report form, to point at the problem, when the council has a tile server
// (slippy-map tiles, Web Mercator). Without JavaScript, or without a tile server, the form
// asks for an address or postcode and optional coordinates as before.
struct MapSettings {
  std::string tile_url;  // "https://tiles.example/{z}/{x}/{y}.png"; empty: no map
  std::string attribution = "\u00A9 OpenStreetMap contributors";  // shown under the map
  double centre_lat = 54.59654;  // where the map opens: Belfast City Hall
  double centre_lon = -5.93025;
  int zoom = 15;
};

// The scheme, host and port of a tile URL template ("https://tiles.example"), the one origin
// the Content-Security-Policy lets images come from. kInvalidInput on field "map_tile_url"
// unless it is an http(s) URL with a plain host and {z}, {x} and {y} in it.
[[nodiscard]] Result<std::string> TileServerOrigin(std::string_view tile_url);

struct WebSettings {
  std::string public_url = "http://127.0.0.1:8080";  // https: cookies are Secure, __Host-
  std::string secret;      // signs CSRF tokens; see csrf.hpp (empty: random per process)
  std::string assets_dir;  // the built assets; empty: the build tree's, fixed at compile time
  std::string council_name = "Belfast City Council";
  std::string service_name = "Report, request, track";
  MapSettings map;
};

class Site {
 public:
  // Compiles every template (with its partials) in both languages, reads the translation
  // catalogues and the assets. kInternal naming the file on a template that does not parse
  // or an unreadable catalogue; kUnavailable when the assets directory is missing or empty.
  static Result<std::unique_ptr<Site>> Create(const WebSettings& settings);
  ~Site();
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  struct Impl;  // site.hpp, private to this module
  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  explicit Site(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// GET /assets/{file}: fingerprinted names are immutable for a year; the plain names (for
// tools) are revalidated. ETag and 304; an unknown name is 404, never a file outside them.
void AddAssetRoutes(http::Router& router, const Site& site);

// The citizen portal: start page and service search, a page and form per service, the
// confirmation, tracking by reference, charter performance, and the accessibility, privacy
// and cookies pages. `reads` says where database reads run (router.hpp); writes always run
// on the worker pool. With `knowledge` (which must outlive the router), also the help pages
// (/help, /help/{slug} and its feedback form) and the articles the start and service pages
// offer; without it those are absent.
void AddPortalRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                     http::Execution reads, const usecase::KnowledgeContext* knowledge = nullptr);

// Citizen sign-in by an emailed code (/sign-in, /sign-in/code, POST /sign-out) and "my
// requests" (/my-requests). `mail` queues the code's email (usecase/mail_queue.hpp); it and
// `site` and `cases` must outlive the router. Every route runs on the worker pool: each writes.
void AddCitizenRoutes(http::Router& router, const Site& site, const usecase::CaseContext& cases,
                      usecase::MailQueue& mail);

// The HTML 404 page for paths no route matches, when the client asked for HTML (browsers
// do); other clients keep the JSON error. For http::Router::SetFallback.
[[nodiscard]] http::Handler NotFoundHandler(const Site& site);

}  // namespace frontdoor::web
