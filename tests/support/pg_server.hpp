// A private PostgreSQL server that a test can stop and start again (database outages), and
// new empty databases on a server (backups restored into one). The server lives in a new
// temporary directory on a free loopback port with trust authentication: a throwaway for one
// test. Its tools come from PG_BINDIR or /usr/lib/postgresql/15/bin and run as `postgres`
// when the test runs as root (initdb and postgres refuse root), as scripts/with-postgres does.
#pragma once

#include <cstdint>
#include <string>

namespace frontdoor::testing {

class PostgresServer {
 public:
  // Creates the cluster (initdb); it is not running yet. ok() says whether that worked.
  PostgresServer();
  // Stops the server if it runs and removes its directory.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  [[nodiscard]] bool ok() const { return port_ != 0; }
  // pg_ctl start, waiting until it accepts connections; always on the same port.
  bool Start();
  // pg_ctl stop -m fast: open sessions are cut off, as when an operator restarts the server.
  bool Stop();
  // postgresql://postgres@127.0.0.1:PORT/postgres
  [[nodiscard]] std::string url() const;
  // The server's log, for a failing test to show.
  [[nodiscard]] std::string LogTail() const;

 private:
  bool RunTool(const std::string& tool, const std::string& args) const;

  std::string directory_;
  std::string bindir_;
  std::uint16_t port_ = 0;
};

// A new empty database on the server `admin_url` reaches (a superuser's URL); its URL.
// Throws std::runtime_error when the server refuses.
std::string NewPostgresDatabase(const std::string& admin_url);

}  // namespace frontdoor::testing
