#include <string>

#include "frontdoor/http/error_response.hpp"
#include "frontdoor/web/web.hpp"

#include "site.hpp"

namespace frontdoor::web {

void AddAssetRoutes(http::Router& router, const Site& site) {
  router.Add(http::Method::kGet, "/assets/{file}", [&site](http::Request& request) {
    // Only names in memory are ever served: "../x" or "a%2Fb" is simply not one of them, so
    // nothing outside the built assets can be reached.
    const Asset* asset = site.impl().assets.Find(request.PathParam("file"));
    if (asset == nullptr) {
      return http::ToErrorResponse(Error(ErrorCode::kNotFound, "No such asset"));
    }
    http::Response response;
    response.headers.emplace_back("ETag", asset->etag);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    // A fingerprinted name changes with its content, so it never needs checking again.
    response.headers.emplace_back("Cache-Control", asset->fingerprinted
                                                       ? "public, max-age=31536000, immutable"
                                                       : "public, no-cache");
    const auto if_none_match = request.Header("if-none-match");
    if (if_none_match && (*if_none_match == asset->etag || *if_none_match == "*")) {
      response.status = 304;
      response.content_type = asset->content_type;
      return response;
    }
    response.status = 200;
    response.content_type = asset->content_type;
    response.body = asset->content;
    return response;
  });
}

}  // namespace frontdoor::web
