#include "frontdoor/api/open311.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "open311_catalogue.hpp"
#include "open311_params.hpp"
#include "open311_render.hpp"

namespace frontdoor::api {
namespace {

using open311::Format;

constexpr std::string_view kPrefix = "/open311/v2/";
// The store answers lists of references in chunks of this many.
constexpr std::size_t kReferenceChunk = 100;

http::Response Document(Format format, unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.content_type =
      format == Format::kXml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
  response.body = std::move(body);
  return response;
}

http::Response Errors(Format format, const Error& error) {
  const auto list = open311::ToErrorList(error);
  return Document(format, list.status, open311::RenderErrors(format, list));
}

// With no format we cannot answer in the spec's error format; open311-adapter answers
// plain text here too (section 1.1).
http::Response UnknownFormat(std::string_view extension) {
  return http::Response::Text(
      404, "Unknown format " + open311::Quote(extension) + ": use .xml or .json\n");
}

// The routes' shared state; lives as long as the router's handlers.
class Endpoint {
 public:
  Endpoint(const usecase::CaseContext& context, Open311Settings settings)
      : ctx_(context), settings_(std::move(settings)), services_(context.store) {}

  http::Response Discovery(Format format, const http::Request& request);
  http::Response Services(Format format, const http::Request& request);
  http::Response ServiceDefinition(const http::Request& request);
  http::Response CreateRequest(Format format, const http::Request& request);
  http::Response ListRequests(Format format, const http::Request& request);
  http::Response GetRequest(const http::Request& request);
  http::Response Token(const http::Request& request);
  http::Response ListUpdates(Format format, const http::Request& request);
  http::Response AddUpdate(Format format, const http::Request& request);
  http::Response Unknown(const http::Request& request);

 private:
  // The query string of a GET, checked for our jurisdiction.
  Result<http::Form> ReadQuery(const http::Request& request);
  // The body of a POST (and its query string), checked for our jurisdiction and api_key.
  Result<std::pair<http::Form, store::ApiKeyRecord>> ReadPost(const http::Request& request);
  Result<std::vector<store::CaseRecord>> FindRequests(const http::Form& form);
  Result<std::vector<store::CaseEventRecord>> ShownUpdates(const http::Form& form);

  const usecase::CaseContext& ctx_;
  Open311Settings settings_;
  open311::ServiceFactsCache services_;
};

Result<http::Form> Endpoint::ReadQuery(const http::Request& request) {
  auto form = http::ParseForm(request.query);
  if (!form) {
    return form.error();
  }
  if (auto ours = open311::CheckJurisdiction(*form, settings_.jurisdiction_id); !ours) {
    return ours.error();
  }
  return form;
}

Result<std::pair<http::Form, store::ApiKeyRecord>> Endpoint::ReadPost(
    const http::Request& request) {
  auto body = open311::ReadPostBody(request);
  if (!body) {
    return body.error();
  }
  auto query = http::ParseForm(request.query);
  if (!query) {
    return query.error();
  }
  // Some clients put api_key or jurisdiction_id in the URL of a POST; the body wins.
  auto fields = body->fields();
  fields.insert(fields.end(), query->fields().begin(), query->fields().end());
  http::Form form(std::move(fields));
  const auto key = form.Present("api_key");
  if (!key) {
    return Error(ErrorCode::kUnauthenticated, "api_key is required");
  }
  auto record = usecase::CheckApiKey(ctx_.store, std::string(*key));
  if (!record) {
    if (record.error().code() == ErrorCode::kUnauthenticated) {
      return Error(ErrorCode::kUnauthenticated, "api_key is not recognised");
    }
    return record.error();
  }
  if (auto ours = open311::CheckJurisdiction(form, settings_.jurisdiction_id); !ours) {
    return ours.error();
  }
  return std::pair(std::move(form), std::move(*record));
}

http::Response Endpoint::Discovery(Format format, const http::Request& request) {
  if (auto form = ReadQuery(request); !form) {
    return Errors(format, form.error());
  }
  auto services = usecase::ListServices(ctx_.store, true);
  if (!services) {
    return Errors(format, services.error());
  }
  open311::DiscoveryInfo info;
  info.changeset = settings_.changeset_fallback;
  if (!services->empty()) {
    const auto latest =
        std::max_element(services->begin(), services->end(),
                         [](const auto& a, const auto& b) { return a.updated_at < b.updated_at; });
    info.changeset = charter::FormatIso8601(latest->updated_at, ctx_.calendar.zone());
  }
  info.contact = settings_.contact;
  info.key_service = settings_.key_service;
  std::string base = settings_.base_url;
  while (base.ends_with('/')) {
    base.pop_back();
  }
  info.endpoint_url = base + "/open311/v2";
  info.production = settings_.production;
  return Document(format, 200, open311::RenderDiscovery(format, info));
}

http::Response Endpoint::Services(Format format, const http::Request& request) {
  if (auto form = ReadQuery(request); !form) {
    return Errors(format, form.error());
  }
  auto services = usecase::ListServices(ctx_.store, false);
  if (!services) {
    return Errors(format, services.error());
  }
  std::erase_if(*services, [](const auto& s) { return !open311::OfferedOverOpen311(s); });
  return Document(format, 200, open311::RenderServices(format, *services));
}

http::Response Endpoint::ServiceDefinition(const http::Request& request) {
  const auto format = open311::ParseFormat(request.PathParam("format"));
  if (!format) {
    return UnknownFormat(request.PathParam("format"));
  }
  if (auto form = ReadQuery(request); !form) {
    return Errors(*format, form.error());
  }
  const auto code = std::string(request.PathParam("code"));
  auto service = usecase::GetService(ctx_.store, code);
  if (!service && service.error().code() != ErrorCode::kNotFound) {
    return Errors(*format, service.error());
  }
  if (!service || !open311::OfferedOverOpen311(*service)) {
    return Errors(*format, Error::NotFound("service_code " + open311::Quote(code) +
                                           " is not a service we offer"));
  }
  return Document(*format, 200, open311::RenderServiceDefinition(*format, *service));
}

http::Response Endpoint::CreateRequest(Format format, const http::Request& request) {
  auto post = ReadPost(request);
  if (!post) {
    return Errors(format, post.error());
  }
  const auto& [form, key] = *post;
  auto input = open311::ParseNewCase(form);
  if (!input) {
    return Errors(format, input.error());
  }
  auto facts = services_.Find(input->service_code);
  if (!facts) {
    return Errors(format, facts.error());
  }
  if (!*facts || !(*facts)->offered) {
    return Errors(format, Error::NotFound("service_code " + open311::Quote(input->service_code) +
                                          " is not a service we offer"));
  }
  input->actor = "open311:" + key.name;
  auto created = usecase::CreateCase(ctx_, *input);
  if (!created) {
    return Errors(format, created.error());
  }
  return Document(
      format, 200,
      open311::RenderCreatedRequest(format, created->record.reference, created->service_notice));
}

Result<std::vector<store::CaseRecord>> Endpoint::FindRequests(const http::Form& form) {
  auto shown = services_.CodesWithCasesShown();
  if (!shown) {
    return shown.error();
  }
  store::CaseFilter filter;
  filter.order = store::CaseOrder::kNewestFirst;
  filter.limit = open311::kMaxRows;
  const auto ids = form.List("service_request_id");
  if (!ids.empty()) {
    // The ids override every other argument (section 3.5).
    if (ids.size() > static_cast<std::size_t>(open311::kMaxRows)) {
      return Error::Invalid("service_request_id", "service_request_id may list at most 1000 ids");
    }
    for (const auto& id : ids) {
      filter.references.push_back(ToUpperAscii(id));
    }
    filter.service_codes = std::move(*shown);
  } else {
    auto statuses = open311::ParseStatusFilter(form);
    if (!statuses) {
      return statuses.error();
    }
    auto window = open311::ParseWindow(form, ctx_.clock.Now());
    if (!window) {
      return window.error();
    }
    filter.statuses = std::move(*statuses);
    filter.created_from = window->from;
    filter.created_to = window->to;
    const auto asked = form.List("service_code");
    if (asked.empty()) {
      filter.service_codes = std::move(*shown);
    } else {
      const std::set<std::string, std::less<>> allowed(shown->begin(), shown->end());
      for (const auto& code : asked) {
        if (allowed.contains(code)) {
          filter.service_codes.push_back(code);
        }
      }
    }
  }
  if (filter.service_codes.empty()) {
    return std::vector<store::CaseRecord>();  // an empty list would mean "every service"
  }
  auto page = usecase::ListCases(ctx_, std::move(filter), std::nullopt);
  if (!page) {
    return page.error();
  }
  return std::move(page->cases);
}

http::Response Endpoint::ListRequests(Format format, const http::Request& request) {
  auto form = ReadQuery(request);
  if (!form) {
    return Errors(format, form.error());
  }
  auto cases = FindRequests(*form);
  if (!cases) {
    return Errors(format, cases.error());
  }
  std::map<std::string, std::string, std::less<>> notices;
  for (const auto& record : *cases) {
    if (notices.contains(record.service_code)) {
      continue;
    }
    auto facts = services_.Find(record.service_code);
    if (!facts) {
      return Errors(format, facts.error());
    }
    notices.emplace(record.service_code, *facts ? (*facts)->notice : std::string());
  }
  const auto notice = [&notices](std::string_view code) -> std::string_view {
    const auto found = notices.find(code);
    return found == notices.end() ? std::string_view() : std::string_view(found->second);
  };
  return Document(format, 200,
                  open311::RenderRequests(format, *cases, notice, ctx_.calendar.zone()));
}

// The hot path (benchmarked): one row read, one cached lookup, one body allocation.
http::Response Endpoint::GetRequest(const http::Request& request) {
  const auto format = open311::ParseFormat(request.PathParam("format"));
  if (!format) {
    return UnknownFormat(request.PathParam("format"));
  }
  if (!request.query.empty()) {
    if (auto form = ReadQuery(request); !form) {
      return Errors(*format, form.error());
    }
  }
  const auto id = request.PathParam("id");
  const auto not_found = [&] {
    return Errors(*format,
                  Error::NotFound("service_request_id " + open311::Quote(id) + " was not found"));
  };
  auto record = usecase::GetCaseRecord(ctx_, std::string(id));
  if (!record) {
    const auto code = record.error().code();
    if (code == ErrorCode::kNotFound || code == ErrorCode::kInvalidInput) {
      return not_found();
    }
    return Errors(*format, record.error());
  }
  auto facts = services_.Find(record->service_code);
  if (!facts) {
    return Errors(*format, facts.error());
  }
  if (!*facts || !(*facts)->cases_shown) {
    return not_found();
  }
  return Document(*format, 200,
                  open311::RenderRequest(*format, *record, (*facts)->notice, ctx_.calendar.zone()));
}

http::Response Endpoint::Token(const http::Request& request) {
  const auto format = open311::ParseFormat(request.PathParam("format"));
  if (!format) {
    return UnknownFormat(request.PathParam("format"));
  }
  if (auto form = ReadQuery(request); !form) {
    return Errors(*format, form.error());
  }
  // Every service here is realtime: POST requests answers with the id itself, so no token
  // is ever issued (section 3.4).
  return Errors(*format, Error::NotFound("token " + open311::Quote(request.PathParam("id")) +
                                         " is unknown: every service here is realtime, so "
                                         "POST requests answers with a service_request_id"));
}

Result<std::vector<store::CaseEventRecord>> Endpoint::ShownUpdates(const http::Form& form) {
  auto window = open311::ParseWindow(form, ctx_.clock.Now());
  if (!window) {
    return window.error();
  }
  auto events = usecase::ListPublicUpdates(ctx_, window->from, window->to, open311::kMaxRows);
  if (!events) {
    return events.error();
  }
  // The feed is the council's word. A customer's comment came from the client itself (or
  // another customer): echoing it back would show it as a council update.
  std::erase_if(*events, [](const auto& e) { return e.kind == "customer_comment"; });
  auto shown_codes = services_.CodesWithCasesShown();
  if (!shown_codes) {
    return shown_codes.error();
  }
  std::vector<std::string> references;
  for (const auto& event : *events) {
    references.push_back(event.case_reference);
  }
  std::sort(references.begin(), references.end());
  references.erase(std::unique(references.begin(), references.end()), references.end());
  std::set<std::string, std::less<>> shown;
  for (std::size_t i = 0; i < references.size(); i += kReferenceChunk) {
    store::CaseFilter filter;
    const auto end = std::min(references.size(), i + kReferenceChunk);
    filter.references.assign(references.begin() + static_cast<std::ptrdiff_t>(i),
                             references.begin() + static_cast<std::ptrdiff_t>(end));
    filter.service_codes = *shown_codes;
    filter.limit = static_cast<int>(end - i);
    auto page = usecase::ListCases(ctx_, std::move(filter), std::nullopt);
    if (!page) {
      return page.error();
    }
    for (const auto& record : page->cases) {
      shown.insert(record.reference);
    }
  }
  std::erase_if(*events, [&shown](const auto& e) { return !shown.contains(e.case_reference); });
  return std::move(*events);
}

http::Response Endpoint::ListUpdates(Format format, const http::Request& request) {
  auto form = ReadQuery(request);
  if (!form) {
    return Errors(format, form.error());
  }
  auto events = ShownUpdates(*form);
  if (!events) {
    return Errors(format, events.error());
  }
  return Document(format, 200, open311::RenderUpdates(format, *events, ctx_.calendar.zone()));
}

http::Response Endpoint::AddUpdate(Format format, const http::Request& request) {
  auto post = ReadPost(request);
  if (!post) {
    return Errors(format, post.error());
  }
  const auto& [form, key] = *post;
  auto comment = open311::ParseCustomerComment(form);
  if (!comment) {
    return Errors(format, comment.error());
  }
  comment->actor = "open311:" + key.name;
  auto event = usecase::AddCustomerComment(ctx_, *comment);
  if (!event) {
    return Errors(format, event.error());
  }
  return Document(format, 200, open311::RenderAcceptedUpdate(format, event->id));
}

http::Response Endpoint::Unknown(const http::Request& request) {
  const auto extension = request.PathParam("format");
  const auto format = open311::ParseFormat(extension);
  if (!format) {
    return UnknownFormat(extension);
  }
  const auto resource = request.PathParam("resource");
  static constexpr std::array<std::string_view, 4> kResources = {
      "discovery", "services", "requests", "servicerequestupdates"};
  if (std::find(kResources.begin(), kResources.end(), resource) != kResources.end()) {
    open311::ErrorList list;
    list.status = 405;
    list.errors.push_back({405, std::string(resource) + " does not take a " +
                                    std::string(http::MethodName(request.method))});
    auto response = Document(*format, list.status, open311::RenderErrors(*format, list));
    response.headers.emplace_back(
        "Allow", resource == "requests" || resource == "servicerequestupdates" ? "GET, HEAD, POST"
                                                                               : "GET, HEAD");
    return response;
  }
  return Errors(*format,
                Error::NotFound("There is no resource " + open311::Quote(resource) + " here"));
}

}  // namespace

void AddOpen311Routes(http::Router& router, const usecase::CaseContext& context,
                      const Open311Settings& settings, http::Execution reads) {
  auto endpoint = std::make_shared<Endpoint>(context, settings);
  using http::Method;
  const std::string prefix(kPrefix);
  for (const auto& [extension, format] :
       {std::pair{"xml", Format::kXml}, std::pair{"json", Format::kJson}}) {
    const auto f = format;
    const auto path = [&](std::string_view resource) {
      return prefix + std::string(resource) + "." + extension;
    };
    router.Add(
        Method::kGet, path("discovery"),
        [endpoint, f](http::Request& r) { return endpoint->Discovery(f, r); }, reads);
    router.Add(
        Method::kGet, path("services"),
        [endpoint, f](http::Request& r) { return endpoint->Services(f, r); }, reads);
    router.Add(
        Method::kGet, path("requests"),
        [endpoint, f](http::Request& r) { return endpoint->ListRequests(f, r); }, reads);
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
