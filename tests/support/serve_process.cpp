#include "serve_process.hpp"

#include <cctype>
#include <csignal>
#include <utility>

#include <sys/wait.h>
#include <unistd.h>

#include "process.hpp"
#include "raw_client.hpp"

namespace frontdoor::testing {

std::string HttpReply::Header(std::string_view name) const {
  const std::string key = "\r\n" + std::string(name) + ": ";
  const auto at = head.find(key);
  if (at == std::string::npos) {
    return {};
  }
  const auto start = at + key.size();
  return head.substr(start, head.find("\r\n", start) - start);
}

HttpReply Call(std::uint16_t port, std::string_view method, std::string_view target,
               std::string_view headers, std::string_view content_type, std::string_view body,
               std::chrono::milliseconds timeout) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  request += "Host: 127.0.0.1\r\nConnection: close\r\n";
  request += headers;
  if (!content_type.empty()) {
    request += "Content-Type: " + std::string(content_type) + "\r\n";
  }
  if (!body.empty() || method == "POST" || method == "PUT") {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  request += "\r\n";
  request += body;
  RawConnection connection(port);
  if (!connection.connected() || !connection.Send(request)) {
    return {};
  }
  const std::string raw = connection.ReadResponse(timeout);
  HttpReply reply;
  reply.status = StatusOf(raw);
  if (reply.status != 0) {
    reply.head = raw.substr(0, raw.find("\r\n\r\n"));
    reply.body = BodyOf(raw);
  }
  return reply;
}

ServeProcess::ServeProcess(std::string binary, std::string db_url)
    : binary_(std::move(binary)), db_url_(std::move(db_url)) {}

ServeProcess::~ServeProcess() {
  if (running()) {
    Kill();
  }
}

bool ServeProcess::Start() {
  const Process process = Spawn(binary_, {"serve", "--listen", "127.0.0.1:0", "--db", db_url_});
  if (process.pid <= 0) {
    return false;
  }
  pid_ = process.pid;
  stdout_fd_ = process.stdout_fd;
  port_ = ReadPort(stdout_fd_);
  if (port_ == 0) {
    Kill();
    return false;
  }
  return true;
}

void ServeProcess::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

int ServeProcess::Stop() {
  int status = -1;
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    status = WaitExit(pid_, std::chrono::milliseconds(30'000));
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
  return status;
}

std::string CreateApiKeyWithCli(const std::string& binary, const std::string& db_url,
                                const std::string& name, const std::string& scope) {
  const auto created =
      RunToEnd(binary, {"apikey", "create", "--name", name, "--scope", scope, "--db", db_url});
  if (created.exit_code != 0) {
    return {};
  }
  return created.out.substr(0, created.out.find('\n'));
}

bool CreateFlyTippingService(std::uint16_t port, const std::string& staff_key) {
  const std::string auth = "Authorization: Bearer " + staff_key + "\r\n";
  const char* json = "application/json";
  return Call(port, "POST", "/api/v1/departments", auth, json,
              R"({"code": "CNS", "name": "City Services"})")
                 .status == 201 &&
         Call(port, "POST", "/api/v1/teams", auth, json,
              R"({"code": "CLEANSE", "name": "Cleansing", "department_code": "CNS"})")
                 .status == 201 &&
         Call(port, "POST", "/api/v1/services", auth, json,
              R"({"code": "FLY", "name": "Fly-tipping", "department_code": "CNS",
                  "default_team_code": "CLEANSE", "case_type": "request",
                  "channels": ["web", "phone"]})")
                 .status == 201;
}

}  // namespace frontdoor::testing
