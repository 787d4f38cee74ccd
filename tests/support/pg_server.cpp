#include "pg_server.hpp"

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

std::uint16_t FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  std::uint16_t port = 0;
  // NOLINTNEXTLINE(*-reinterpret-cast): the sockets API
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (bind(fd, generic, sizeof address) == 0 && getsockname(fd, generic, &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// The owner the server's files and processes need: postgres when we are root, else us.
const passwd* ServerOwner() {
  return geteuid() == 0 ? getpwnam("postgres") : nullptr;
}

}  // namespace

PostgresServer::PostgresServer() {
  const char* bindir = std::getenv("PG_BINDIR");
  bindir_ = bindir != nullptr ? bindir : "/usr/lib/postgresql/15/bin";
  directory_ = MakeTempDir();
  if (const passwd* owner = ServerOwner()) {
    if (chown(directory_.c_str(), owner->pw_uid, owner->pw_gid) != 0) {
      return;
    }
  }
  if (!RunTool("initdb", "-D data -U postgres --locale=C --encoding=UTF8 --auth=trust --no-sync")) {
    return;
  }
  const std::uint16_t port = FreePort();
  std::ofstream conf(directory_ + "/data/postgresql.conf", std::ios::app);
  conf << "\nlisten_addresses = '127.0.0.1'\nport = " << port << "\nunix_socket_directories = '"
       << directory_ << "'\nfsync = on\nmax_connections = 100\nlogging_collector = off\n";
  conf.close();
  if (conf) {
    port_ = port;
  }
}

PostgresServer::~PostgresServer() {
  if (std::filesystem::exists(directory_ + "/data/postmaster.pid")) {
    RunTool("pg_ctl", "-D data -m immediate -w -t 30 stop");
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

bool PostgresServer::Start() {
  return RunTool("pg_ctl", "-D data -l server.log -w -t 60 start");
}

bool PostgresServer::Stop() {
  return RunTool("pg_ctl", "-D data -m fast -w -t 60 stop");
}

std::string PostgresServer::url() const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

std::string PostgresServer::LogTail() const {
  std::ifstream log(directory_ + "/server.log");
  std::stringstream text;
  text << log.rdbuf();
  const std::string all = text.str();
  return all.size() > 4000 ? all.substr(all.size() - 4000) : all;
}

// Runs `tool args` in the server's directory as its owner, output appended to tool.log.
bool PostgresServer::RunTool(const std::string& tool, const std::string& args) const {
  const std::string command =
      "cd '" + directory_ + "' && exec '" + bindir_ + "/" + tool + "' " + args + " >>tool.log 2>&1";
  const pid_t pid = fork();
  if (pid == 0) {
    if (const passwd* owner = ServerOwner()) {
      execl("/usr/sbin/runuser", "runuser", "-u", owner->pw_name, "--", "/bin/sh", "-c",
            command.c_str(), nullptr);
    } else {
      execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
    }
    _exit(127);
  }
  int status = 0;
  return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

std::string NewPostgresDatabase(const std::string& admin_url) {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  const std::string name = "fd" + std::to_string(rng() % 1'000'000'000'000ULL);
  PGconn* conn = PQconnectdb(admin_url.c_str());
  PGresult* result = PQexec(conn, ("CREATE DATABASE " + name).c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) {
    throw std::runtime_error("cannot create a database: " + message);
  }
  // Same server, user and options; only the database differs.
  const auto scheme_end = admin_url.find("://") + 3;
  const auto path = admin_url.find('/', scheme_end);
  const auto query = admin_url.find('?', path);
  return admin_url.substr(0, path + 1) + name +
         (query == std::string::npos ? "" : admin_url.substr(query));
}

}  // namespace frontdoor::testing
