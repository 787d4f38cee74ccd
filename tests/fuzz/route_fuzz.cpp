// libFuzzer target for request routing and query strings: http::Router::Find and
// http::PercentDecode on the path, api::QueryReader on the query, as the server does with a
// request target a stranger sent. Promises: a match fills every parameter of its pattern,
// decoded and non-empty; percent-encoding round-trips; every query error names its
// parameter in bounded, valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/http/router.hpp"

#include "fuzz_check.hpp"
#include "query.hpp"

namespace {

using frontdoor::fuzz::Check;
using frontdoor::http::Method;

// The shapes of the routes we serve: literals, {param}, {param}.{ext}.
const frontdoor::http::Router& Routes() {
  static const auto* router = [] {
    auto* r = new frontdoor::http::Router();
    const auto ok = [](frontdoor::http::Request&) { return frontdoor::http::Response{}; };
    r->Add(Method::kGet, "/healthz", ok);
    r->Add(Method::kGet, "/api/v1/cases", ok);
    r->Add(Method::kPost, "/api/v1/cases", ok);
    r->Add(Method::kGet, "/api/v1/cases/{reference}", ok);
    r->Add(Method::kPatch, "/api/v1/cases/{reference}", ok);
    r->Add(Method::kGet, "/api/v1/cases/{reference}/attachments/{id}", ok);
    r->Add(Method::kGet, "/api/v1/customers/{id}", ok);
    r->Add(Method::kGet, "/open311/v2/services.{format}", ok);
    r->Add(Method::kGet, "/open311/v2/services/{service_code}.{format}", ok);
    r->Add(Method::kGet, "/open311/v2/requests/{id}.{format}", ok);
    r->Add(Method::kPost, "/open311/v2/requests.{format}", ok);
    r->Add(Method::kGet, "/media/{file}", ok);
    r->Add(Method::kGet, "/assets/{path}", ok);
    return r;
  }();
  return *router;
}

std::size_t ParameterCount(std::string_view pattern) {
  std::size_t count = 0;
  for (const char c : pattern) {
    count += c == '{' ? 1 : 0;
  }
  return count;
}

void CheckRouting(std::string_view target) {
  frontdoor::http::Request request;
  request.method = target.size() % 2 == 0 ? Method::kGet : Method::kPost;
  const auto question = target.find('?');
  request.target = std::string(target);
  request.path = std::string(target.substr(0, question));
  request.query =
      question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  const auto match = Routes().Find(request);
  if (match.route == nullptr) {
    Check(request.path_params.empty(), "no match leaves no parameters");
    return;
  }
  Check(request.route == match.route->pattern, "the request names the route it matched");
  Check(request.path_params.size() == ParameterCount(match.route->pattern),
        "a match fills every parameter of its pattern");
  for (const auto& [name, value] : request.path_params) {
    Check(!name.empty(), "a parameter has a name");
    Check(!value.empty() || name == "format", "a {param} segment is never empty");
  }
}

void CheckPercentDecoding(std::string_view text) {
  // Whatever we encode decodes to the same bytes, and decoding never grows the text.
  const auto encoded = frontdoor::api::EncodeQueryValue(text);
  const auto decoded = frontdoor::http::PercentDecode(encoded, true);
  Check(decoded && *decoded == text, "EncodeQueryValue round-trips through PercentDecode");
  if (const auto raw = frontdoor::http::PercentDecode(text, false)) {
    Check(raw->size() <= text.size(), "decoding never grows the text");
  }
}

void CheckQuery(std::string_view query) {
  std::vector<frontdoor::FieldError> errors;
  frontdoor::api::QueryReader reader(query, errors);
  // The filters of GET /api/v1/cases, read as that handler reads them.
  const auto statuses = reader.List("status");
  for (const auto& status : statuses) {
    Check(!status.empty() && frontdoor::IsValidUtf8(status), "list items are non-empty UTF-8");
  }
  const auto search = reader.One("q");
  Check(!search || (!search->empty() && frontdoor::IsValidUtf8(*search)), "One is UTF-8");
  (void)reader.Integer("limit");
  (void)reader.Number("lat");
  (void)reader.Time("since");
  (void)reader.Boolean("overdue");
  reader.RejectUnknown();
  for (const auto& error : errors) {
    Check(frontdoor::fuzz::IsEchoSafe(error.field), "a query error's field is valid UTF-8");
    Check(error.field.size() <= frontdoor::fuzz::kMaxEchoedFieldBytes,
          "a query error's field is bounded");
    Check(!error.message.empty(), "a query error says something");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  CheckRouting(target);
  CheckPercentDecoding(target);
  const auto question = target.find('?');
  CheckQuery(question == std::string_view::npos ? target : target.substr(question + 1));
  return 0;
}
