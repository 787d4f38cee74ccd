// Running the real `frontdoor` binary from a test: start it with arguments, read what it
// prints, wait for it to exit. POSIX only; every process started is waited for.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace frontdoor::testing {

struct Process {
  pid_t pid = -1;
  int stdout_fd = -1;  // the read end of its standard output; close it when done
};

// Starts `binary` with `args`. Standard error goes to /dev/null; FRONTDOOR_ACCESS_LOG is set
// to `access_log` ("off", or a file: nobody drains the pipe after the first line).
Process Spawn(const std::string& binary, const std::vector<std::string>& args,
              const std::string& access_log = "off");

// Reads the announced port from "Frontdoor listening on http://127.0.0.1:PORT/"; 0 if the
// line never comes.
std::uint16_t ReadPort(int fd);

// The exit status, or -1 (after SIGKILL) if the process is still running after `timeout`.
int WaitExit(pid_t pid, std::chrono::milliseconds timeout);

struct Finished {
  int exit_code = -1;
  std::string out;  // everything it printed on standard output
};

// Runs a command to its end (at most `timeout`), collecting its standard output.
Finished RunToEnd(const std::string& binary, const std::vector<std::string>& args,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(120'000));

struct Completed {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs a command to its end (at most `timeout`) with `input` as its standard input (from a
// file, so any size works) and `env` added to its environment, collecting both outputs.
Completed RunWithInput(const std::string& binary, const std::vector<std::string>& args,
                       const std::string& input,
                       const std::vector<std::pair<std::string, std::string>>& env = {},
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(120'000));

}  // namespace frontdoor::testing
