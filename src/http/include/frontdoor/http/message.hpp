// HTTP requests and responses as plain values, so that handlers (api/, web/) never see
// Beast or Asio. The server fills a Request, a handler returns a Response.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontdoor::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

[[nodiscard]] std::string_view MethodName(Method method);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: path and query
  std::string path;    // the part before '?', still percent-encoded
  std::string query;   // the part after '?', still encoded
  Headers headers;     // names in lower case
  std::string body;
  std::string request_id;
  std::string remote_address;  // the peer's IP address (a proxy's, behind one)
  // Filled by the router: the route's pattern and its decoded {parameters}.
  std::string route;
  std::vector<std::pair<std::string, std::string>> path_params;

  // The first header of that (lower-case) name.
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
  // A decoded path parameter; empty when the route has none of that name.
  [[nodiscard]] std::string_view PathParam(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  Headers headers;  // extra headers; the server adds the standard ones
  // What went wrong, for the server's log only: never sent, because it may name hosts,
  // ports or SQL that a client has no business seeing.
  std::string log_detail;

  static Response Json(unsigned status, std::string body);
  static Response Text(unsigned status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
};

}  // namespace frontdoor::http
