#include "frontdoor/app/backup_command.hpp"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdoor/store/postgres/postgres_store.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

namespace frontdoor::app {
namespace {

constexpr std::string_view kSqlitePrefix = "sqlite:";
constexpr const char* kPostgresBinDir = "/usr/lib/postgresql/15/bin";

// A tool of PostgreSQL's client: first on PATH, then where Debian's postgresql-15 puts it.
Result<std::string> FindTool(const std::string& name) {
  std::vector<std::filesystem::path> dirs;
  if (const char* path = std::getenv("PATH")) {  // NOLINT(concurrency-mt-unsafe): read only
    std::string_view rest = path;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      dirs.emplace_back(rest.substr(0, colon));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  dirs.emplace_back(kPostgresBinDir);
  for (const auto& dir : dirs) {
    const auto candidate = dir / name;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  return Error(ErrorCode::kUnavailable, name + " was not found on PATH or in " +
                                            std::string(kPostgresBinDir) +
                                            " (install postgresql-client-15)");
}

// Runs the tool to its end with our standard error, so the operator sees what it says.
Result<void> RunTool(const std::string& tool, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(tool.c_str()));  // NOLINT(*-const-cast): execv
  for (const auto& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));  // NOLINT(*-const-cast): execv
  }
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    return Error(ErrorCode::kUnavailable, "cannot start " + tool);
  }
  if (pid == 0) {
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    execv(tool.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return Error(ErrorCode::kUnavailable, "lost track of " + tool);
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error(
        ErrorCode::kUnavailable,
        std::filesystem::path(tool).filename().string() + " failed (exit status " +
            std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) + ")");
  }
  return {};
}

bool SyncFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  const bool synced = fsync(fd) == 0;
  close(fd);
  return synced;
}

Result<void> DumpPostgres(const std::string& url, const std::string& to) {
  std::error_code ec;
  if (std::filesystem::exists(to, ec)) {
    return Error(ErrorCode::kConflict, to + " exists already; choose a new file");
  }
  auto pg_dump = FindTool("pg_dump");
  if (!pg_dump) {
    return pg_dump.error();
  }
  // Beside its final name, renamed once whole and on disk, so `to` never names half a dump.
  const std::string partial = to + ".partial";
  std::filesystem::remove(partial, ec);
  // pg_dump reads in one repeatable-read snapshot: a consistent copy while the server writes.
  auto dumped = RunTool(*pg_dump, {"--format=custom", "--no-owner", "--no-privileges",
                                   "--file=" + partial, "--dbname=" + url});
  if (dumped && !SyncFile(partial)) {
    dumped = Error(ErrorCode::kUnavailable, "cannot flush " + partial + " to disk");
  }
  if (dumped && link(partial.c_str(), to.c_str()) != 0) {
    dumped = Error(ErrorCode::kConflict, "cannot create " + to);
  }
  std::filesystem::remove(partial, ec);
  return dumped;
}

// Tables in the schema the URL's connections work in (public, or the URL's search_path).
Result<std::int64_t> CountTables(const std::string& url) {
  const SystemClock clock;
  store::postgres::PostgresOptions options;
  options.url = url;
  options.max_connections = 1;
  auto store = store::postgres::OpenPostgresStore(options, clock);
  if (!store) {
    return store.error();
  }
  return store::ReadValue<std::int64_t>(**store, [](store::ReadTx& tx) -> Result<std::int64_t> {
    std::int64_t count = 0;
    auto done = tx.session().Query(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", {},
        [&count](const store::SqlRow& row) { count = row.Int(0); });
    if (!done) {
      return done.error();
    }
    return count;
  });
}

Result<void> RestorePostgres(const std::string& from, const std::string& url) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec)) {
    return Error::NotFound("There is no backup file at " + from);
  }
  auto tables = CountTables(url);
  if (!tables) {
    return tables.error();
  }
  if (*tables > 0) {
    return Error(ErrorCode::kConflict,
                 "The database already has tables; restore into a new, empty database");
  }
  auto pg_restore = FindTool("pg_restore");
  if (!pg_restore) {
    return pg_restore.error();
  }
  return RunTool(*pg_restore, {"--no-owner", "--no-privileges", "--exit-on-error",
                               "--single-transaction", "--dbname=" + url, from});
}

}  // namespace

Result<void> BackupDatabase(const std::string& db_url, const std::string& to, std::ostream& out) {
  if (to.empty()) {
    return Error::Invalid("to", "Say where the backup goes: --to PATH");
  }
  if (db_url.starts_with(kSqlitePrefix)) {
    const std::string path = db_url.substr(kSqlitePrefix.size());
    if (auto copied = store::sqlite::CopySqliteDatabase(path, to); !copied) {
      return copied.error();
    }
    out << "Backed up " << path << " to " << to << "\n";
    return {};
  }
  if (auto dumped = DumpPostgres(db_url, to); !dumped) {
    return dumped.error();
  }
  out << "Backed up the PostgreSQL database to " << to << " (pg_dump custom format)\n";
  return {};
}

Result<void> RestoreDatabase(const std::string& from, const std::string& db_url,
                             std::ostream& out) {
  if (from.empty()) {
    return Error::Invalid("from", "Say which backup to restore: --from PATH");
  }
  if (db_url.starts_with(kSqlitePrefix)) {
    const std::string path = db_url.substr(kSqlitePrefix.size());
    if (path.empty()) {
      return Error::Invalid("db", "sqlite: needs a file path, e.g. sqlite:var/frontdoor.db");
    }
    std::error_code ec;
    if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
      std::filesystem::create_directories(parent, ec);
    }
    if (auto copied = store::sqlite::CopySqliteDatabase(from, path); !copied) {
      return copied.error();
    }
    out << "Restored " << from << " to " << path << "\n";
    return {};
  }
  if (auto restored = RestorePostgres(from, db_url); !restored) {
    return restored.error();
  }
  out << "Restored " << from << " into the PostgreSQL database\n";
  return {};
}

}  // namespace frontdoor::app
