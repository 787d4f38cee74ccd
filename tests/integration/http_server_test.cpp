// The HTTP server against real sockets: limits, timeouts, bad input, keep-alive, drain.
#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/http/server.hpp"

#include "raw_client.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(http::Method::kGet, "/healthz",
                [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); });
    router_.Add(http::Method::kPost, "/echo",
                [](http::Request& r) { return http::Response::Text(200, r.body); });
    router_.Add(http::Method::kGet, "/whoami",
                [](http::Request& r) { return http::Response::Text(200, r.remote_address); });
    router_.Add(http::Method::kGet, "/throws",
                [](http::Request&) -> http::Response { throw std::runtime_error("boom detail"); });
    router_.Add(
        http::Method::kGet, "/slow",
        [this](http::Request&) {
          slow_started_.store(true);
          std::this_thread::sleep_for(milliseconds(400));
          return http::Response::Text(200, "finished");
        },
        http::Execution::kBlocking);
  }

  void Start(http::ServerOptions options = {}) {
    options.port = 0;
    options.handle_signals = false;
    options.io_threads = 2;
    server_ = std::make_unique<http::Server>(
        options, router_, [this](const http::AccessRecord&) { answered_.fetch_add(1); },
        [this](std::string_view, std::string_view) { failures_.fetch_add(1); });
    ASSERT_TRUE(server_->Listen());
    port_ = server_->port();
    runner_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) {
      server_->Shutdown();
      runner_.join();
    }
  }

  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread runner_;
  std::uint16_t port_ = 0;
  std::atomic<int> answered_{0};
  std::atomic<int> failures_{0};
  std::atomic<bool> slow_started_{false};
};

TEST_F(HttpServerTest, ServesHealthWithSecurityHeaders) {
  Start();
  const auto response = Get(port_, "/healthz");
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), R"({"status":"ok"})");
  EXPECT_NE(response.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(response.find("X-Request-Id: "), std::string::npos);
}

TEST_F(HttpServerTest, XForwardedForCountsOnlyFromATrustedProxy) {
  const std::string request =
      "GET /whoami HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 1.2.3.4\r\n"
      "X-Forwarded-For: 198.51.100.7\r\n\r\n";
  Start();
  EXPECT_EQ(BodyOf(HttpRequest(port_, request)), "127.0.0.1");
  server_->Shutdown();
  runner_.join();

  http::ServerOptions options;
  options.trusted_proxies = http::TrustedProxies::Parse("127.0.0.0/8").value();
  Start(options);
  // Several X-Forwarded-For headers read as one list; the client's own entry is skipped.
  EXPECT_EQ(BodyOf(HttpRequest(port_, request)), "198.51.100.7");
  EXPECT_EQ(BodyOf(Get(port_, "/whoami")), "127.0.0.1");
}

TEST_F(HttpServerTest, UnknownRouteIs404WithJsonErrorBody) {
  Start();
  const auto response = Get(port_, "/no/such/thing");
  EXPECT_EQ(StatusOf(response), 404);
  EXPECT_NE(BodyOf(response).find(R"({"error":{"code":"not_found")"), std::string::npos);
}

TEST_F(HttpServerTest, OversizedBodyIs413) {
  http::ServerOptions options;
  options.max_body_bytes = 1024;
  Start(options);
  const std::string body(4096, 'x');
  const auto response =
      HttpRequest(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + body);
  EXPECT_EQ(StatusOf(response), 413);
  EXPECT_NE(BodyOf(response).find("payload_too_large"), std::string::npos);
}

TEST_F(HttpServerTest, BodyWithinTheLimitIsServed) {
  Start();
  const auto response =
      HttpRequest(port_, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), "hello");
}

TEST_F(HttpServerTest, MalformedRequestLineIs400) {
  Start();
  for (const char* garbage : {"GARBAGE\r\n\r\n", "GET /healthz HTTP/9.9\r\n\r\n",
                              "GET  HTTP/1.1\r\n\r\n", "\x01\x02\x03\r\n\r\n"}) {
    const auto response = HttpRequest(port_, garbage);
    EXPECT_EQ(StatusOf(response), 400) << garbage;
    EXPECT_NE(BodyOf(response).find(R"("code":"malformed")"), std::string::npos);
  }
}

TEST_F(HttpServerTest, HugeHeadersAre431) {
  http::ServerOptions options;
  options.max_header_bytes = 4096;
  Start(options);
  const auto response = HttpRequest(
      port_, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8192, 'a') + "\r\n\r\n");
  EXPECT_EQ(StatusOf(response), 431);
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Start();
  RawConnection connection(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(connection.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(StatusOf(connection.ReadResponse()), 200);
  }
}

TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  RawConnection connection(port_);
  ASSERT_TRUE(connection.Send(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(StatusOf(connection.ReadResponse()), 200);
  EXPECT_EQ(StatusOf(connection.ReadResponse()), 404);
}

TEST_F(HttpServerTest, HandlerThatThrowsIs500WithoutDetail) {
  Start();
  const auto response = Get(port_, "/throws");
  EXPECT_EQ(StatusOf(response), 500);
  EXPECT_EQ(response.find("boom detail"), std::string::npos);
  EXPECT_EQ(failures_.load(), 1);
}

TEST_F(HttpServerTest, FiveHundredIdleConnectionsDoNotStopANewClient) {
  Start();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 500; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(idle.back()->connected()) << i;
  }
  // Half of them even started a request and stalled mid-header.
  for (int i = 0; i < 250; ++i) {
    ASSERT_TRUE(idle[static_cast<std::size_t>(i)]->Send("GET /healthz HTTP/1.1\r\nHo"));
  }
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(StatusOf(Get(port_, "/healthz")), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(2000));
}

TEST_F(HttpServerTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  http::ServerOptions options;
  options.idle_timeout = milliseconds(200);
  Start(options);
  RawConnection connection(port_);
  EXPECT_TRUE(connection.WaitForClose(milliseconds(3000)));
}

TEST_F(HttpServerTest, SlowClientIsCutAfterTheReadTimeout) {
  http::ServerOptions options;
  options.read_timeout = milliseconds(300);
  Start(options);
  RawConnection slow(port_);
  ASSERT_TRUE(slow.Send("GET /healthz HTTP/1.1\r\n"));
  EXPECT_TRUE(slow.WaitForClose(milliseconds(3000)));
  EXPECT_EQ(StatusOf(Get(port_, "/healthz")), 200);
}

TEST_F(HttpServerTest, ShutdownFinishesARequestAlreadyReadAndClosesIdleOnes) {
  Start();
  RawConnection idle(port_);
  std::string slow_response;
  std::thread client([&] { slow_response = Get(port_, "/slow"); });
  while (!slow_started_.load()) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  server_->Shutdown();
  client.join();
  runner_.join();
  server_.reset();
  EXPECT_EQ(StatusOf(slow_response), 200);
  EXPECT_EQ(BodyOf(slow_response), "finished");
  EXPECT_TRUE(idle.WaitForClose(milliseconds(1000)));
  // After the drain nobody listens any more.
  EXPECT_EQ(Get(port_, "/healthz"), "");
}

}  // namespace
}  // namespace frontdoor::testing
