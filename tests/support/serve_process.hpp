// The real `frontdoor serve` as a child process that a test can kill (SIGKILL) and start
// again on the same database, the CLI calls that set one up, and HTTP calls with a deadline.
// For the reliability suites: crashes, database outages, backups under load.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace frontdoor::testing {

struct HttpReply {
  int status = 0;  // 0: no whole answer (refused, reset, cut short, timed out)
  std::string head;
  std::string body;
  // The value of a header (name as the server writes it), empty when absent.
  [[nodiscard]] std::string Header(std::string_view name) const;
};

// One request on a new connection. `headers` are whole lines ending in CRLF.
HttpReply Call(std::uint16_t port, std::string_view method, std::string_view target,
               std::string_view headers = {}, std::string_view content_type = {},
               std::string_view body = {},
               std::chrono::milliseconds timeout = std::chrono::milliseconds(15'000));

class ServeProcess {
 public:
  ServeProcess(std::string binary, std::string db_url);
  ~ServeProcess();  // kills a server still running
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // Starts `frontdoor serve` on 127.0.0.1 and a free port; false when it announces none.
  bool Start();
  // SIGKILL, then reaps it: no shutdown code runs.
  void Kill();
  // SIGTERM; the exit status (-1 when it had to be killed after 30 s).
  int Stop();
  [[nodiscard]] bool running() const { return pid_ > 0; }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  std::string binary_;
  std::string db_url_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::uint16_t port_ = 0;
};

// `frontdoor apikey create --name NAME --scope SCOPE`: the key it prints, empty on failure.
std::string CreateApiKeyWithCli(const std::string& binary, const std::string& db_url,
                                const std::string& name, const std::string& scope);

// Department CNS, team CLEANSE and service FLY (a request offered on the web, so Open311
// takes it too) through the staff API; false when any call fails.
bool CreateFlyTippingService(std::uint16_t port, const std::string& staff_key);

}  // namespace frontdoor::testing
