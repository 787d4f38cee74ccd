#include "frontdoor/api/open311.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <utility>

#include "frontdoor/http/error_response.hpp"
#include "frontdoor/usecase/accounts.hpp"

#include "open311_endpoint.hpp"
#include "open311_params.hpp"
#include "open311_render.hpp"

namespace frontdoor::api {
namespace open311 {

http::Response Document(Format format, unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.content_type =
      format == Format::kXml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
  response.body = std::move(body);
  return response;
}

http::Response Errors(Format format, const Error& error) {
  const auto list = ToErrorList(error);
  auto response = Document(format, list.status, RenderErrors(format, list));
  // The spec's error list has no room for what went wrong inside (the log has it), and
  // a client that honours Retry-After backs off during an outage.
  auto generic = http::ToErrorResponse(error);
  response.log_detail = std::move(generic.log_detail);
  response.headers = std::move(generic.headers);
  return response;
}

// With no format we cannot answer in the spec's error format; open311-adapter answers
// plain text here too (section 1.1).
http::Response UnknownFormat(std::string_view extension) {
  return http::Response::Text(404, "Unknown format " + Quote(extension) + ": use .xml or .json\n");
}

Result<http::Form> Endpoint::ReadQuery(const http::Request& request) const {
  auto form = http::ParseForm(request.query);
  if (!form) {
    return form.error();
  }
  if (auto ours = CheckJurisdiction(*form, settings_.jurisdiction_id); !ours) {
    return ours.error();
  }
  return form;
}

Result<Post> Endpoint::ReadPost(const http::Request& request, bool key_confirmed_later) {
  auto body = ReadPostBody(request);
  if (!body) {
    return body.error();
  }
  auto query = http::ParseForm(request.query);
  if (!query) {
    return query.error();
  }
  // Some clients put api_key or jurisdiction_id in the URL of a POST; the body wins.
  auto fields = body->form.fields();
  fields.insert(fields.end(), query->fields().begin(), query->fields().end());
  http::Form form(std::move(fields));
  const auto key = form.Present("api_key");
  if (!key) {
    return Error(ErrorCode::kUnauthenticated, "api_key is required");
  }
  auto record =
      key_confirmed_later && ctx_.catalogue_cache != nullptr
          ? usecase::CheckApiKeyFromMemory(ctx_.store, *ctx_.catalogue_cache, std::string(*key))
          : usecase::CheckApiKey(ctx_.store, std::string(*key));
  if (!record) {
    if (record.error().code() == ErrorCode::kUnauthenticated) {
      return Error(ErrorCode::kUnauthenticated, "api_key is not recognised");
    }
    return record.error();
  }
  if (auto ours = CheckJurisdiction(form, settings_.jurisdiction_id); !ours) {
    return ours.error();
  }
  return Post{std::move(form), std::move(body->files), std::move(*record)};
}

http::Response Endpoint::Unknown(const http::Request& request) {
  const auto extension = request.PathParam("format");
  const auto format = ParseFormat(extension);
  if (!format) {
    return UnknownFormat(extension);
  }
  const auto resource = request.PathParam("resource");
  static constexpr std::array<std::string_view, 4> kResources = {
      "discovery", "services", "requests", "servicerequestupdates"};
  if (std::find(kResources.begin(), kResources.end(), resource) != kResources.end()) {
    ErrorList list;
    list.status = 405;
    list.errors.push_back({405, std::string(resource) + " does not take a " +
                                    std::string(http::MethodName(request.method))});
    auto response = Document(*format, list.status, RenderErrors(*format, list));
    response.headers.emplace_back(
        "Allow", resource == "requests" || resource == "servicerequestupdates" ? "GET, HEAD, POST"
                                                                               : "GET, HEAD");
    return response;
  }
  return Errors(*format, Error::NotFound("There is no resource " + Quote(resource) + " here"));
}

}  // namespace open311

namespace {
constexpr std::string_view kPrefix = "/open311/v2/";
using open311::Endpoint;
using open311::Format;
}  // namespace

void AddOpen311Routes(http::Router& router, const usecase::CaseContext& context,
                      const Open311Settings& settings, http::Execution reads) {
  auto endpoint = std::make_shared<Endpoint>(context, settings);
  using http::Method;
  const std::string prefix(kPrefix);
  for (const auto& entry : {std::pair{"xml", Format::kXml}, std::pair{"json", Format::kJson}}) {
    const std::string extension = entry.first;
    const Format f = entry.second;
    const auto path = [&](std::string_view resource) {
      std::string route = prefix;
      route.append(resource).append(".").append(extension);
      return route;
    };
    router.Add(
        Method::kGet, path("discovery"),
        [endpoint, f](http::Request& r) { return endpoint->Discovery(f, r); }, reads);
    router.Add(
        Method::kGet, path("services"),
        [endpoint, f](http::Request& r) { return endpoint->Services(f, r); }, reads);
    // On the worker pool whatever the backend: up to 1,000 requests to read and render take
    // milliseconds, and on an event loop they held up every other connection of that loop
    // (the soak's p99 of one-row reads was this list's time).
    router.Add(
        Method::kGet, path("requests"),
        [endpoint, f](http::Request& r) { return endpoint->ListRequests(f, r); },
        http::Execution::kBlocking);
    router.Add(
        Method::kPost, path("requests"),
        [endpoint, f](http::Request& r) { return endpoint->CreateRequest(f, r); },
        http::Execution::kBlocking);
    router.Add(
        Method::kGet, path("servicerequestupdates"),
        [endpoint, f](http::Request& r) { return endpoint->ListUpdates(f, r); }, reads);
    router.Add(
        Method::kPost, path("servicerequestupdates"),
        [endpoint, f](http::Request& r) { return endpoint->AddUpdate(f, r); },
        http::Execution::kBlocking);
  }
  router.Add(
      Method::kGet, prefix + "services/{code}.{format}",
      [endpoint](http::Request& r) { return endpoint->ServiceDefinition(r); }, reads);
  router.Add(
      Method::kGet, prefix + "requests/{id}.{format}",
      [endpoint](http::Request& r) { return endpoint->GetRequest(r); }, reads);
  router.Add(
      Method::kGet, prefix + "tokens/{id}.{format}",
      [endpoint](http::Request& r) { return endpoint->Token(r); }, reads);
  // Last: whatever else sits directly under the endpoint, e.g. services.yaml.
  for (const auto method : {Method::kGet, Method::kPost}) {
    router.Add(method, prefix + "{resource}.{format}",
               [endpoint](http::Request& r) { return endpoint->Unknown(r); });
  }
}

}  // namespace frontdoor::api
