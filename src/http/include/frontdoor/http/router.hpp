// Maps a method and a path to a handler. Patterns are segments: literals, `{name}`, or
// `{name}.{ext}` (for Open311's `requests/{id}.{format}`). Built once at start-up, then
// read by every thread without a lock.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "frontdoor/http/message.hpp"

namespace frontdoor::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs: on the event loop (fast, must not block) or on the worker pool
// (may wait for the database: writes, or reads over the network).
enum class Execution { kInline, kBlocking };

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  Execution execution;
};

struct Match {
  const Route* route = nullptr;  // null: no route
  bool path_known = false;       // the path exists for another method (405)
};

class Router {
 public:
  void Add(Method method, std::string pattern, Handler handler,
           Execution execution = Execution::kInline);
  // Fills request.route and request.path_params on a match.
  [[nodiscard]] Match Find(Request& request) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

  // Answers, on the event loop, a request whose path no route has (a known path with another
  // method stays 405). Without one the server answers the JSON 404.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }
  [[nodiscard]] const Handler& fallback() const { return fallback_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;
  Handler fallback_;
};

// Percent-decodes `text` (and `+` as space when `plus_as_space`). Empty when malformed.
[[nodiscard]] std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

}  // namespace frontdoor::http
