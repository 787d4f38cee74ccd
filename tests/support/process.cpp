#include "process.hpp"

#include <array>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
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

namespace {

// A new empty file under the temporary directory; its path.
std::string TempFile(const char* stem) {
  std::string path = "/tmp/" + std::string(stem) + "-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd >= 0) {
    close(fd);
  }
  return path;
}

std::string Slurp(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace

Completed RunWithInput(const std::string& binary, const std::vector<std::string>& args,
                       const std::string& input,
                       const std::vector<std::pair<std::string, std::string>>& env,
                       std::chrono::milliseconds timeout) {
  const std::string in_path = TempFile("fd-stdin");
  const std::string out_path = TempFile("fd-stdout");
  const std::string err_path = TempFile("fd-stderr");
  std::ofstream(in_path, std::ios::binary) << input;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(open(in_path.c_str(), O_RDONLY), STDIN_FILENO);
    dup2(open(out_path.c_str(), O_WRONLY | O_TRUNC), STDOUT_FILENO);
    dup2(open(err_path.c_str(), O_WRONLY | O_TRUNC), STDERR_FILENO);
    for (const auto& [name, value] : env) {
      // NOLINTNEXTLINE(concurrency-mt-unsafe): the child of fork, about to exec, has one thread
      setenv(name.c_str(), value.c_str(), 1);
    }
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));  // NOLINT(*-const-cast): execv
    for (const auto& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));  // NOLINT(*-const-cast): execv
    }
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  Completed completed;
  if (pid > 0) {
    completed.exit_code = WaitExit(pid, timeout);
    completed.out = Slurp(out_path);
    completed.err = Slurp(err_path);
  }
  for (const auto& path : {in_path, out_path, err_path}) {
    unlink(path.c_str());
  }
  return completed;
}

}  // namespace frontdoor::testing
