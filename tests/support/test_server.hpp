// The in-process HTTP server the integration suites talk to over real sockets: a router
// served on 127.0.0.1 at a free port by its own thread, stopped and joined by its owner.
// Failures the server reports (a handler that threw, a 500) are kept so the test can
// fail on them; they may arrive from any server thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "frontdoor/http/router.hpp"
#include "frontdoor/http/server.hpp"

namespace frontdoor::testing {

class TestServer {
 public:
  // Listens and starts serving with that many I/O and worker threads; a body limit of
  // nullopt is the server's default. nullptr (and a failed test) when it cannot listen.
  static std::unique_ptr<TestServer> Start(
      const http::Router& router, int io_threads = 1, int worker_threads = 2,
      std::optional<std::size_t> max_body_bytes = std::nullopt);
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;
  ~TestServer();

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // Stops serving, waits for the server thread, and returns what it reported as failed.
  std::vector<std::string> Stop();

 private:
  TestServer() = default;

  std::unique_ptr<http::Server> server_;
  std::thread runner_;
  std::uint16_t port_ = 0;
  std::mutex mutex_;
  std::vector<std::string> failures_;
};

// Stops the server (when there is one) and fails the test on each failure it reported.
void StopAndExpectNoFailures(std::unique_ptr<TestServer>& server);

}  // namespace frontdoor::testing
