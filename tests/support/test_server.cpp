#include "test_server.hpp"

#include <string_view>
#include <utility>

#include <gtest/gtest.h>

namespace frontdoor::testing {

std::unique_ptr<TestServer> TestServer::Start(const http::Router& router, int io_threads,
                                              int worker_threads,
                                              std::optional<std::size_t> max_body_bytes) {
  http::ServerOptions server_options;
  server_options.port = 0;
  // The test process keeps its own signal handling (ctest's timeout, a developer's Ctrl-C).
  server_options.handle_signals = false;
  server_options.io_threads = io_threads;
  server_options.worker_threads = worker_threads;
  if (max_body_bytes) {
    server_options.max_body_bytes = *max_body_bytes;
  }
  std::unique_ptr<TestServer> started(new TestServer());
  TestServer* self = started.get();
  self->server_ = std::make_unique<http::Server>(
      server_options, router, [](const http::AccessRecord&) {},
      [self](std::string_view, std::string_view what) {
        const std::lock_guard lock(self->mutex_);
        self->failures_.emplace_back(what);
      });
  if (auto listening = self->server_->Listen(); !listening) {
    ADD_FAILURE() << "the test server cannot listen: " << listening.error().message();
    return nullptr;
  }
  self->port_ = self->server_->port();
  self->runner_ = std::thread([self] { self->server_->Run(); });
  return started;
}

TestServer::~TestServer() {
  Stop();
}

std::vector<std::string> TestServer::Stop() {
  if (runner_.joinable()) {
    server_->Shutdown();
    runner_.join();
  }
  const std::lock_guard lock(mutex_);
  return std::exchange(failures_, {});
}

void StopAndExpectNoFailures(std::unique_ptr<TestServer>& server) {
  if (!server) {
    return;
  }
  for (const auto& failure : server->Stop()) {
    ADD_FAILURE() << failure;
  }
}

}  // namespace frontdoor::testing
