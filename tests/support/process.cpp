#include "process.hpp"

#include <array>
#include <csignal>
#include <regex>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace frontdoor::testing {

Process Spawn(const std::string& binary, const std::vector<std::string>& args,
              const std::string& access_log) {
  std::array<int, 2> pipe_fds{};
  if (pipe(pipe_fds.data()) != 0) {
    return {};
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    close(pipe_fds[0]);
    // NOLINTNEXTLINE(concurrency-mt-unsafe): the child of fork, about to exec, has one thread
    setenv("FRONTDOOR_ACCESS_LOG", access_log.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));  // NOLINT(*-const-cast): execv
    for (const auto& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));  // NOLINT(*-const-cast): execv
    }
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  return {pid, pipe_fds[0]};
}

std::uint16_t ReadPort(int fd) {
  std::string text;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') {
    text += c;
  }
  std::smatch match;
  if (!std::regex_search(text, match, std::regex(R"(:(\d+)/)"))) {
    return 0;
  }
  return static_cast<std::uint16_t>(std::stoi(match[1]));
}

int WaitExit(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

Finished RunToEnd(const std::string& binary, const std::vector<std::string>& args,
                  std::chrono::milliseconds timeout) {
  const Process process = Spawn(binary, args);
  if (process.pid <= 0) {
    return {};
  }
  Finished finished;
  std::array<char, 4096> buffer{};
  ssize_t got = 0;
  while ((got = read(process.stdout_fd, buffer.data(), buffer.size())) > 0) {
    finished.out.append(buffer.data(), static_cast<std::size_t>(got));
  }
  close(process.stdout_fd);
  finished.exit_code = WaitExit(process.pid, timeout);
  return finished;
}

}  // namespace frontdoor::testing
