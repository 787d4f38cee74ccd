// A deliberately dumb HTTP client over POSIX sockets, so tests can send exactly the
// bytes they want (malformed, slow, oversized) and see exactly what comes back.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace frontdoor::testing {

// A connected TCP socket to 127.0.0.1:port; closed on destruction.
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  [[nodiscard]] bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // Reads one response (headers + Content-Length body). Empty on timeout or close.
  std::string ReadResponse(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // True when the server closed the connection within the timeout.
  bool WaitForClose(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a new connection; returns the whole response (empty on failure).
std::string HttpRequest(std::uint16_t port, std::string_view raw_request);
std::string Get(std::uint16_t port, std::string_view path);

// The status code of a raw response, or 0.
int StatusOf(std::string_view response);
// The body of a raw response.
std::string BodyOf(std::string_view response);

}  // namespace frontdoor::testing
