// The real `frontdoor` binary as an operator runs it: start, serve under load, SIGTERM.
#include <atomic>
#include <filesystem>
#include <regex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "raw_client.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;

struct Process {
  pid_t pid = -1;
  int stdout_fd = -1;
};

// Starts the binary with `args`; its standard output is readable through stdout_fd.
// The access log goes to a file: nobody drains the pipe after the first line.
Process Spawn(const std::vector<std::string>& args, const std::string& access_log = "off") {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    return {};
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    close(pipe_fds[0]);
    setenv("FRONTDOOR_ACCESS_LOG", access_log.c_str(), 1);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(FRONTDOOR_BINARY));  // NOLINT(*-const-cast): execv
    for (const auto& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));  // NOLINT(*-const-cast): execv
    }
    argv.push_back(nullptr);
    execv(FRONTDOOR_BINARY, argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  return {pid, pipe_fds[0]};
}

// Reads the announced port from "Frontdoor listening on http://127.0.0.1:PORT/".
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

// The exit status, or -1 if the process is still running after `timeout`.
int WaitExit(pid_t pid, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

TEST(ServeProcessTest, SigtermUnderLoadAnswersEveryRequestReadAndExitsZero) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const std::string access_log = database->directory + "/access.log";
  const Process server =
      Spawn({"serve", "--listen", "127.0.0.1:0", "--db", database->url}, access_log);
  ASSERT_GT(server.pid, 0);
  const std::uint16_t port = ReadPort(server.stdout_fd);
  ASSERT_NE(port, 0);

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> bad{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        RawConnection connection(port);
        if (!connection.connected()) {
          return;  // the server stopped listening
        }
        for (;;) {
          if (!connection.Send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")) {
            break;
          }
          const auto response = connection.ReadResponse();
          if (response.empty()) {
            break;  // closed between requests: that request was never read
          }
          (StatusOf(response) == 200 ? ok : bad).fetch_add(1);
          if (response.find("Connection: close") != std::string::npos) {
            break;
          }
        }
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(500));
  ASSERT_EQ(kill(server.pid, SIGTERM), 0);
  EXPECT_EQ(WaitExit(server.pid, milliseconds(20'000)), 0);
  stop.store(true);
  for (auto& client : clients) {
    client.join();
  }
  close(server.stdout_fd);
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(bad.load(), 0);
  // Every answered request is in the access log, and the log holds no query strings.
  EXPECT_GT(std::filesystem::file_size(access_log), 0U);
}

TEST(ServeProcessTest, BadDatabaseUrlStopsStartUpNamingIt) {
  const Process server = Spawn({"serve", "--listen", "127.0.0.1:0", "--db", "mysql://nope"});
  ASSERT_GT(server.pid, 0);
  EXPECT_NE(WaitExit(server.pid, milliseconds(10'000)), 0);
  close(server.stdout_fd);
}

TEST(ServeProcessTest, ApiKeyCreatePrintsAKeyOnce) {
  auto database = NewTestDatabase(Backend::kSqlite);
  const Process command =
      Spawn({"apikey", "create", "--name", "fixmystreet", "--db", database->url});
  std::string out;
  char buffer[256];
  ssize_t got = 0;
  while ((got = read(command.stdout_fd, buffer, sizeof buffer)) > 0) {
    out.append(buffer, static_cast<std::size_t>(got));
  }
  close(command.stdout_fd);
  EXPECT_EQ(WaitExit(command.pid, milliseconds(10'000)), 0);
  EXPECT_TRUE(std::regex_match(out, std::regex("fd_[0-9a-f]{48}\n"))) << out;
}

}  // namespace
}  // namespace frontdoor::testing
