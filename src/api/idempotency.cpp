#include "idempotency.hpp"

#include <utility>

namespace frontdoor::api {

Result<std::optional<usecase::IdempotencyClaim>> ReadIdempotencyClaim(const http::Request& request,
                                                                      const std::string& scope) {
  const auto key = request.Header("idempotency-key");
  if (!key) {
    return std::optional<usecase::IdempotencyClaim>();
  }
  auto claim = usecase::MakeIdempotencyClaim(scope, *key, http::MethodName(request.method),
                                             request.target, request.body);
  if (!claim) {
    return claim.error();
  }
  return std::optional<usecase::IdempotencyClaim>(std::move(*claim));
}

usecase::StoredResponse ToStored(const http::Response& response) {
  usecase::StoredResponse stored{response.status, response.content_type, std::nullopt,
                                 response.body};
  for (const auto& [name, value] : response.headers) {
    if (name == "Location") {
      stored.location = value;
    }
  }
  return stored;
}

http::Response FromAnswer(usecase::IdempotentAnswer answer) {
  http::Response response;
  response.status = answer.response.status;
  response.content_type = std::move(answer.response.content_type);
  response.body = std::move(answer.response.body);
  if (answer.response.location) {
    response.headers.emplace_back("Location", std::move(*answer.response.location));
  }
  if (answer.replayed) {
    response.headers.emplace_back("Idempotent-Replayed", "true");
  }
  return response;
}

}  // namespace frontdoor::api
