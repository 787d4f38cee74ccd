#include "raw_client.hpp"

#include <cstdlib>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace frontdoor::testing {
namespace {

bool WaitReadable(int fd, std::chrono::milliseconds timeout) {
  pollfd pfd{fd, POLLIN, 0};
  return poll(&pfd, 1, static_cast<int>(timeout.count())) > 0;
}

}  // namespace

RawConnection::RawConnection(std::uint16_t port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {  // NOLINT
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) {
    close(fd_);
  }
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) {
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

std::string RawConnection::ReadResponse(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto header_end = buffer_.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      std::size_t length = 0;
      const auto at = buffer_.find("Content-Length: ");
      if (at != std::string::npos && at < header_end) {
        length = std::strtoul(buffer_.c_str() + at + 16, nullptr, 10);
      }
      if (buffer_.size() >= header_end + 4 + length) {
        std::string response = buffer_.substr(0, header_end + 4 + length);
        buffer_.erase(0, header_end + 4 + length);
        return response;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !WaitReadable(fd_, left)) {
      return {};
    }
    char chunk[16384];
    const auto got = recv(fd_, chunk, sizeof chunk, 0);
    if (got <= 0) {
      return {};
    }
    buffer_.append(chunk, static_cast<std::size_t>(got));
  }
}

bool RawConnection::WaitForClose(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !WaitReadable(fd_, left)) {
      return false;
    }
    char chunk[4096];
    const auto got = recv(fd_, chunk, sizeof chunk, 0);
    if (got <= 0) {
      return true;
    }
  }
}

std::string HttpRequest(std::uint16_t port, std::string_view raw_request) {
  RawConnection connection(port);
  if (!connection.connected() || !connection.Send(raw_request)) {
    return {};
  }
  return connection.ReadResponse();
}

std::string Get(std::uint16_t port, std::string_view path) {
  return HttpRequest(port, "GET " + std::string(path) +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

int StatusOf(std::string_view response) {
  if (!response.starts_with("HTTP/1.1 ") || response.size() < 12) {
    return 0;
  }
  return std::atoi(std::string(response.substr(9, 3)).c_str());
}

std::string BodyOf(std::string_view response) {
  const auto end = response.find("\r\n\r\n");
  return end == std::string_view::npos ? std::string() : std::string(response.substr(end + 4));
}

}  // namespace frontdoor::testing
