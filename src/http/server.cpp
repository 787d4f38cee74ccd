// The only translation unit that includes Beast and Asio (they cost ~20 s and ~800 MB
// of compiler memory each): everything else speaks message.hpp.
#include "frontdoor/http/server.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "frontdoor/http/error_response.hpp"

namespace frontdoor::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

Method MethodOf(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

Response PlainError(ErrorCode code, std::string message) {
  return ToErrorResponse(Error(code, std::move(message)));
}

class Session;
using Registry = std::unordered_set<Session*>;

}  // namespace

struct Server::Impl {
  Impl(ServerOptions opts, const Router& r, AccessObserver access, FailureObserver failure)
      : options(std::move(opts)),
        router(r),
        on_access(std::move(access)),
        on_failure(std::move(failure)),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        request_prefix(std::random_device{}() & 0xffffffU) {
    const int threads = options.io_threads > 0
                            ? options.io_threads
                            : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    for (int i = 0; i < threads; ++i) {
      contexts.push_back(std::make_unique<asio::io_context>(1));
      guards.emplace_back(contexts.back()->get_executor());
    }
    registries.resize(contexts.size());
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() = default;

  void Accept();
  void OnAccepted(std::size_t context_index, const beast::error_code& ec, tcp::socket socket);
  void Drain();
  std::string NextRequestId() {
    return fmt::format("{:06x}{:010x}", request_prefix, request_counter.fetch_add(1) + 1);
  }

  ServerOptions options;
  const Router& router;
  AccessObserver on_access;
  FailureObserver on_failure;
  // Declared before the contexts so that sessions still queued in a context at
  // destruction find their registry alive.
  std::vector<Registry> registries;  // each touched only by its own context's thread
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::unique_ptr<asio::steady_timer> accept_retry;
  asio::thread_pool workers;
  std::size_t next_context = 0;
  std::atomic<bool> draining{false};
  std::atomic<int> connections{0};
  std::uint32_t request_prefix;
  std::atomic<std::uint64_t> request_counter{0};
  std::uint16_t bound_port = 0;

  std::mutex run_mutex;
  std::condition_variable run_cv;
  bool shutdown_requested = false;
  int running_threads = 0;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Server::Impl& server, tcp::socket socket, Registry& registry)
      : server_(server),
        stream_(std::move(socket)),
        idle_timer_(stream_.get_executor()),
        registry_(registry) {}

  ~Session() {
    registry_.erase(this);
    server_.connections.fetch_sub(1);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start() {
    registry_.insert(this);
    beast::error_code ignored;
    stream_.socket().set_option(tcp::no_delay(true), ignored);
    const auto peer = stream_.socket().remote_endpoint(ignored);
    peer_address_ = ignored ? std::string() : peer.address().to_string();
    WaitForRequest();
  }

  // On drain: a connection waiting between requests is closed at once; one in the
  // middle of a request is answered first (with Connection: close).
  void CloseIfIdle() {
    if (idle_) {
      Close();
    }
  }

 private:
  void WaitForRequest() {
    if (server_.draining.load()) {
      Close();
      return;
    }
    if (buffer_.size() > 0) {
      ReadRequest();  // a pipelined request is already here
      return;
    }
    // Waiting for the first byte costs no parser and no worker; the idle timer bounds it.
    idle_ = true;
    idle_timer_.expires_after(server_.options.idle_timeout);
    idle_timer_.async_wait([self = shared_from_this()](const beast::error_code& ec) {
      if (!ec && self->idle_) {
        self->Close();
      }
    });
    stream_.socket().async_wait(tcp::socket::wait_read,
                                [self = shared_from_this()](const beast::error_code& ec) {
                                  self->idle_ = false;
                                  self->idle_timer_.cancel();
                                  if (ec) {
                                    self->Close();
                                    return;
                                  }
                                  self->ReadRequest();
                                });
  }

  void ReadRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
                        self->OnRead(ec);
                      });
  }

  void OnRead(const beast::error_code& ec) {
    started_ = Clock::now();
    if (!ec) {
      Dispatch();
      return;
    }
    keep_alive_ = false;
    const bool is_parse_error =
        ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
    if (!is_parse_error || ec == bhttp::error::end_of_stream ||
        ec == bhttp::error::partial_message) {
      Close();  // the client left, went quiet, or the connection broke: nobody to answer
      return;
    }
    request_ = Request{};
    request_.route = "unmatched";
    request_.request_id = server_.NextRequestId();
    if (ec == bhttp::error::body_limit) {
      Write(PlainError(ErrorCode::kPayloadTooLarge, "The request body is larger than allowed"));
    } else if (ec == bhttp::error::header_limit) {
      Response response = PlainError(ErrorCode::kMalformed, "The request headers are too large");
      response.status = 431;
      Write(std::move(response));
    } else {
      Write(PlainError(ErrorCode::kMalformed, "Malformed HTTP request: " + ec.message()));
    }
  }

  void FillRequest() {
    auto& message = parser_->get();
    request_ = Request{};
    request_.method = MethodOf(message.method());
    request_.target = std::string(message.target());
    const auto question = request_.target.find('?');
    request_.path = request_.target.substr(0, question);
    if (question != std::string::npos) {
      request_.query = request_.target.substr(question + 1);
    }
    request_.headers.reserve(8);
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      request_.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request_.body = std::move(message.body());
    request_.request_id = server_.NextRequestId();
    request_.remote_address = ClientAddressOf(request_);
    keep_alive_ = message.keep_alive();
    is_head_ = request_.method == Method::kHead;
  }

  std::string ClientAddressOf(const Request& request) const {
    const TrustedProxies& proxies = server_.options.trusted_proxies;
    if (proxies.empty()) {
      return peer_address_;
    }
    std::string forwarded_for;
    for (const auto& [name, value] : request.headers) {
      if (name == "x-forwarded-for") {
        forwarded_for += forwarded_for.empty() ? "" : ",";
        forwarded_for += value;
      }
    }
    return proxies.ClientAddress(peer_address_, forwarded_for);
  }

  void Dispatch() {
    FillRequest();
    const Match match = server_.router.Find(request_);
    if (match.route == nullptr) {
      request_.route = "unmatched";
      if (match.path_known) {
        Response response = PlainError(ErrorCode::kMalformed, "This method is not allowed here");
        response.status = 405;
        Write(std::move(response));
      } else if (server_.router.fallback()) {
        const Route fallback{request_.method, "unmatched", server_.router.fallback(),
                             Execution::kInline};
        Write(Invoke(fallback));
      } else {
        Write(PlainError(ErrorCode::kNotFound, "No such page: " + request_.path));
      }
      return;
    }
    const Route* route = match.route;
    if (route->execution == Execution::kInline) {
      Write(Invoke(*route));
      return;
    }
    // The work guard keeps this connection's event loop alive during a drain until the
    // answer is back from the worker.
    asio::post(server_.workers, [self = shared_from_this(), route,
                                 work = asio::make_work_guard(stream_.get_executor())]() mutable {
      Response response = self->Invoke(*route);
      auto executor = self->stream_.get_executor();
      asio::post(executor,
                 [self = std::move(self), response = std::move(response),
                  work = std::move(work)]() mutable { self->Write(std::move(response)); });
    });
  }

  Response Invoke(const Route& route) {
    try {
      Response response = route.handler(request_);
      if (!response.log_detail.empty()) {
        server_.on_failure(request_.request_id, response.log_detail);
      }
      return response;
    } catch (const std::exception& e) {
      server_.on_failure(request_.request_id, e.what());
    } catch (...) {
      server_.on_failure(request_.request_id, "unknown exception");
    }
    return ToErrorResponse(Error::Internal("handler threw"));
  }

  void Write(Response response) {
    const bool keep_alive = keep_alive_ && !server_.draining.load();
    response_ = {};
    response_.version(11);
    response_.result(response.status);
    response_.set(bhttp::field::server, "frontdoor");
    response_.set(bhttp::field::content_type, response.content_type);
    response_.set("X-Request-Id", request_.request_id);
    response_.set("X-Content-Type-Options", "nosniff");
    response_.set("X-Frame-Options", "DENY");
    response_.set("Referrer-Policy", "strict-origin-when-cross-origin");
    bool has_cache_control = false;
    for (auto& [name, value] : response.headers) {
      has_cache_control = has_cache_control || beast::iequals(name, "cache-control");
      // set() replaces a field of the same name; each cookie needs its own Set-Cookie line
      // (RFC 6265 section 3: they cannot be folded into one).
      if (beast::iequals(name, "set-cookie")) {
        response_.insert(name, value);
      } else {
        response_.set(name, value);
      }
    }
    if (!has_cache_control) {
      response_.set(bhttp::field::cache_control, "no-store");
    }
    const std::size_t body_bytes = response.body.size();
    response_.body() = std::move(response.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    if (is_head_) {
      response_.body().clear();
      response_.content_length(body_bytes);
    }
    stream_.expires_after(server_.options.write_timeout);
    bhttp::async_write(
        stream_, response_,
        [self = shared_from_this(), keep_alive](const beast::error_code& ec, std::size_t bytes) {
          self->OnWritten(ec, bytes, keep_alive);
        });
  }

  void OnWritten(const beast::error_code& ec, std::size_t bytes, bool keep_alive) {
    const auto duration =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    server_.on_access(AccessRecord{MethodName(request_.method), request_.route, request_.path,
                                   response_.result_int(), bytes, duration, request_.request_id});
    if (ec || !keep_alive) {
      Close();
      return;
    }
    stream_.expires_never();
    WaitForRequest();
  }

  void Close() {
    idle_ = false;
    idle_timer_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  std::string peer_address_;  // the client's IP address, read once per connection
  beast::flat_buffer buffer_;
  asio::steady_timer idle_timer_;
  Registry& registry_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  Request request_;
  Clock::time_point started_;
  bool idle_ = false;
  bool keep_alive_ = false;
  bool is_head_ = false;
};

}  // namespace

void Server::Impl::Accept() {
  const std::size_t index = next_context++ % contexts.size();
  acceptor->async_accept(*contexts[index],
                         [this, index](const beast::error_code& ec, tcp::socket socket) {
                           OnAccepted(index, ec, std::move(socket));
                         });
}

void Server::Impl::OnAccepted(std::size_t context_index, const beast::error_code& ec,
                              tcp::socket socket) {
  if (draining.load() || !acceptor->is_open()) {
    return;
  }
  if (ec) {
    // Out of file descriptors or similar: back off briefly instead of spinning.
    accept_retry->expires_after(std::chrono::milliseconds(50));
    accept_retry->async_wait([this](const beast::error_code& wait_ec) {
      if (!wait_ec && !draining.load()) {
        Accept();
      }
    });
    return;
  }
  if (connections.fetch_add(1) >= options.max_connections) {
    connections.fetch_sub(1);
    beast::error_code ignored;
    socket.close(ignored);
  } else {
    auto session = std::make_shared<Session>(*this, std::move(socket), registries[context_index]);
    asio::post(*contexts[context_index], [session] { session->Start(); });
  }
  Accept();
}

void Server::Impl::Drain() {
  if (draining.exchange(true)) {
    return;
  }
  asio::post(*contexts[0], [this] {
    beast::error_code ignored;
    if (acceptor) {
      acceptor->close(ignored);
    }
    if (signals) {
      signals->cancel(ignored);
    }
    if (accept_retry) {
      accept_retry->cancel();
    }
  });
  for (std::size_t i = 0; i < contexts.size(); ++i) {
    asio::post(*contexts[i], [this, i] {
      // Copy: closing a session may destroy it, which edits the registry.
      const std::vector<Session*> sessions(registries[i].begin(), registries[i].end());
      for (Session* session : sessions) {
        if (registries[i].contains(session)) {
          session->CloseIfIdle();
        }
      }
      guards[i].reset();
    });
  }
  {
    const std::scoped_lock lock(run_mutex);
    shutdown_requested = true;
  }
  run_cv.notify_all();
}

Server::Server(ServerOptions options, const Router& router, AccessObserver on_access,
               FailureObserver on_failure)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(on_access),
                                   std::move(on_failure))) {}

Server::~Server() {
  impl_->workers.stop();
  impl_->workers.join();
}

Result<void> Server::Listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    return Error(ErrorCode::kInvalidInput,
                 "listen address '" + impl_->options.host + "' is not an IP address");
  }
  auto acceptor = std::make_unique<tcp::acceptor>(*impl_->contexts[0]);
  const tcp::endpoint endpoint(address, impl_->options.port);
  acceptor->open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor->bind(endpoint, ec);
  }
  if (!ec) {
    acceptor->listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return Error(ErrorCode::kUnavailable,
                 fmt::format("cannot listen on {}:{}: {}", impl_->options.host, impl_->options.port,
                             ec.message()));
  }
  impl_->bound_port = acceptor->local_endpoint().port();
  impl_->acceptor = std::move(acceptor);
  impl_->accept_retry = std::make_unique<asio::steady_timer>(*impl_->contexts[0]);
  return {};
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::Run() {
  Impl& impl = *impl_;
  if (impl.options.handle_signals) {
    impl.signals = std::make_unique<asio::signal_set>(*impl.contexts[0], SIGINT, SIGTERM);
    impl.signals->async_wait([&impl](const beast::error_code& ec, int) {
      if (!ec) {
        impl.Drain();
      }
    });
  }
  impl.Accept();
  std::vector<std::thread> threads;
  {
    const std::scoped_lock lock(impl.run_mutex);
    impl.running_threads = static_cast<int>(impl.contexts.size());
  }
  for (auto& context : impl.contexts) {
    threads.emplace_back([&impl, &context] {
      context->run();
      const std::scoped_lock lock(impl.run_mutex);
      --impl.running_threads;
      impl.run_cv.notify_all();
    });
  }
  {
    std::unique_lock lock(impl.run_mutex);
    impl.run_cv.wait(lock, [&impl] { return impl.shutdown_requested; });
    const bool drained = impl.run_cv.wait_for(lock, impl.options.drain_timeout,
                                              [&impl] { return impl.running_threads == 0; });
    if (!drained) {
      for (auto& context : impl.contexts) {
        context->stop();  // connections still open after the grace period are cut
      }
    }
  }
  for (auto& thread : threads) {
    thread.join();
  }
  impl.workers.join();
}

void Server::Shutdown() {
  impl_->Drain();
}

}  // namespace frontdoor::http
