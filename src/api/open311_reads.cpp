#include <algorithm>
#include <map>
#include <set>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "open311_endpoint.hpp"
#include "open311_params.hpp"
#include "open311_render.hpp"

namespace frontdoor::api::open311 {
namespace {

// The store answers lists of references in chunks of this many.
constexpr std::size_t kReferenceChunk = 100;

}  // namespace

http::Response Endpoint::Discovery(Format format, const http::Request& request) {
  if (auto form = ReadQuery(request); !form) {
    return Errors(format, form.error());
  }
  auto services = usecase::ListServices(ctx_.store, true);
  if (!services) {
    return Errors(format, services.error());
  }
  DiscoveryInfo info;
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
  return Document(format, 200, RenderDiscovery(format, info));
}

http::Response Endpoint::Services(Format format, const http::Request& request) {
  if (auto form = ReadQuery(request); !form) {
    return Errors(format, form.error());
  }
  auto services = usecase::ListServices(ctx_.store, false);
  if (!services) {
    return Errors(format, services.error());
  }
  std::erase_if(*services, [](const auto& s) { return !OfferedOverOpen311(s); });
  return Document(format, 200, RenderServices(format, *services));
}

http::Response Endpoint::ServiceDefinition(const http::Request& request) {
  const auto format = ParseFormat(request.PathParam("format"));
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
  if (!service || !OfferedOverOpen311(*service)) {
    return Errors(*format,
                  Error::NotFound("service_code " + Quote(code) + " is not a service we offer"));
  }
  return Document(*format, 200, RenderServiceDefinition(*format, *service));
}

Result<std::vector<store::CaseRecord>> Endpoint::FindRequests(const http::Form& form) {
  auto shown = services_.CodesWithCasesShown();
  if (!shown) {
    return shown.error();
  }
  store::CaseFilter filter;
  filter.order = store::CaseOrder::kNewestFirst;
  filter.limit = kMaxRows;
  const auto ids = form.List("service_request_id");
  if (!ids.empty()) {
    // The ids override every other argument (section 3.5).
    if (ids.size() > static_cast<std::size_t>(kMaxRows)) {
      return Error::Invalid("service_request_id", "service_request_id may list at most 1000 ids");
    }
    for (const auto& id : ids) {
      filter.references.push_back(ToUpperAscii(id));
    }
    filter.service_codes = std::move(*shown);
  } else {
    auto statuses = ParseStatusFilter(form);
    if (!statuses) {
      return statuses.error();
    }
    auto window = ParseWindow(form, ctx_.clock.Now());
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
    if (found == notices.end()) {
      return {};
    }
    return found->second;
  };
  for (auto& record : *cases) {
    ShowPublicPhoto(record);
  }
  return Document(format, 200, RenderRequests(format, *cases, notice, ctx_.calendar.zone()));
}

// media_url is the URL the client sent, else the public URL of the case's first public photo
// (served at /media/), so that FixMyStreet shows a photo staff chose to publish. Photos sent
// as files stay private (section 5.6: FixMyStreet sends files for private reports).
void Endpoint::ShowPublicPhoto(store::CaseRecord& record) const {
  if (record.media_url || !record.public_photo_path) {
    return;
  }
  std::string base = settings_.base_url;
  while (base.ends_with('/')) {
    base.pop_back();
  }
  record.media_url = base + *record.public_photo_path;
}

// The hot path (benchmarked): one row read, one cached lookup, one body allocation.
http::Response Endpoint::GetRequest(const http::Request& request) {
  const auto format = ParseFormat(request.PathParam("format"));
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
    return Errors(*format, Error::NotFound("service_request_id " + Quote(id) + " was not found"));
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
  ShowPublicPhoto(*record);
  return Document(*format, 200,
                  RenderRequest(*format, *record, (*facts)->notice, ctx_.calendar.zone()));
}

http::Response Endpoint::Token(const http::Request& request) {
  const auto format = ParseFormat(request.PathParam("format"));
  if (!format) {
    return UnknownFormat(request.PathParam("format"));
  }
  if (auto form = ReadQuery(request); !form) {
    return Errors(*format, form.error());
  }
  // Every service here is realtime: POST requests answers with the id itself, so no token
  // is ever issued (section 3.4).
  return Errors(*format, Error::NotFound("token " + Quote(request.PathParam("id")) +
                                         " is unknown: every service here is realtime, so "
                                         "POST requests answers with a service_request_id"));
}

Result<std::vector<store::CaseEventRecord>> Endpoint::ShownUpdates(const http::Form& form) {
  auto window = ParseWindow(form, ctx_.clock.Now());
  if (!window) {
    return window.error();
  }
  auto events = usecase::ListPublicUpdates(ctx_, window->from, window->to, kMaxRows);
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
  return Document(format, 200, RenderUpdates(format, *events, ctx_.calendar.zone()));
}

}  // namespace frontdoor::api::open311
