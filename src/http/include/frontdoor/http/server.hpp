// The HTTP/1.1 server (Boost.Beast): keep-alive, limits on header and body size,
// timeouts so that slow or idle clients hold no worker, and a graceful drain on
// SIGTERM/SIGINT. Handlers run on the event loop or a worker pool (router.hpp).
// Start/Run from one thread; Shutdown from any.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/http/client_address.hpp"
#include "frontdoor/http/router.hpp"

namespace frontdoor::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port, see Server::port()
  int io_threads = 0;         // 0: one per core
  int worker_threads = 64;    // for Execution::kBlocking handlers
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  std::size_t max_body_bytes = std::size_t{10} * 1024 * 1024;
  std::chrono::milliseconds read_timeout{15'000};  // to read one whole request
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next one
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds drain_timeout{15'000};  // on shutdown, then connections are cut
  int max_connections = 20'000;
  bool handle_signals = true;  // SIGTERM and SIGINT start a graceful shutdown
  // Reverse proxies whose X-Forwarded-For is believed for Request::remote_address.
  TrustedProxies trusted_proxies;
};

// What the server reports after each response, for the access log and metrics.
struct AccessRecord {
  std::string_view method;
  std::string_view route;  // the matched pattern, or "unmatched"
  std::string_view path;   // without the query string: it may carry personal data
  unsigned status;
  std::size_t response_bytes;
  std::chrono::microseconds duration;
  std::string_view request_id;
};

using AccessObserver = std::function<void(const AccessRecord&)>;
// Last resort for a handler that threw: log it under the request id (answer is a 500).
using FailureObserver = std::function<void(std::string_view request_id, std::string_view what)>;

class Server {
 public:
  Server(ServerOptions options, const Router& router, AccessObserver on_access,
         FailureObserver on_failure);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable when the address is taken or invalid.
  Result<void> Listen();
  // The bound port (useful after listening on port 0).
  [[nodiscard]] std::uint16_t port() const;
  // Serves until Shutdown (or a signal), then drains: stops accepting, finishes the
  // requests already read, closes idle connections; returns when all are done.
  void Run();
  void Shutdown();

  struct Impl;  // defined in server.cpp, the only file that sees Beast

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace frontdoor::http
