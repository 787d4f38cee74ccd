#include <cstdio>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "frontdoor/store/sqlite/sqlite_store.hpp"

namespace frontdoor::store::sqlite {
namespace {

// Long enough to wait out a checkpoint or the server's group commit, short enough that a
// database locked for good is reported rather than waited on for ever.
constexpr int kBusyTimeoutMs = 10'000;

class Handle {
 public:
  Handle() = default;
  ~Handle() { sqlite3_close_v2(db_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  sqlite3** out() { return &db_; }
  [[nodiscard]] sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

Error Failure(ErrorCode code, const std::string& what, sqlite3* db) {
  return {code, what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory")};
}

// "ok" from PRAGMA integrity_check, or the first problem it names.
std::string IntegrityOf(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) != SQLITE_OK) {
    return sqlite3_errmsg(db);
  }
  std::string verdict = "no answer";
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    verdict = text != nullptr
                  ? std::string(reinterpret_cast<const char*>(text))  // NOLINT(*-reinterpret-cast)
                  : "";
  } else {
    verdict = sqlite3_errmsg(db);
  }
  sqlite3_finalize(stmt);
  return verdict;
}

bool SyncPath(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  const bool synced = fsync(fd) == 0;
  close(fd);
  return synced;
}

// The file and its folder reach the disk, so that the name never points at a half copy.
bool Sync(const std::filesystem::path& file) {
  return SyncPath(file) &&
         SyncPath(file.has_parent_path() ? file.parent_path() : std::filesystem::path("."));
}

Result<void> CopyInto(const std::string& from, const std::filesystem::path& partial) {
  Handle source;
  if (sqlite3_open_v2(from.c_str(), source.out(), SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    return Failure(ErrorCode::kUnavailable, "cannot open " + from, source.get());
  }
  sqlite3_busy_timeout(source.get(), kBusyTimeoutMs);
  Handle copy;
  if (sqlite3_open_v2(partial.c_str(), copy.out(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return Failure(ErrorCode::kUnavailable, "cannot create " + partial.string(), copy.get());
  }
  sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", source.get(), "main");
  if (backup == nullptr) {
    return Failure(ErrorCode::kUnavailable, "cannot start the backup", copy.get());
  }
  // Every page in one step: one read transaction on the source, so the copy is one
  // consistent snapshot. In WAL mode that transaction does not hold writers up; copying in
  // slices instead would start over each time another connection wrote.
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      sqlite3_sleep(50);
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
    return Error(ErrorCode::kInvalidInput, from + " is not a sound SQLite database");
  }
  if (rc != SQLITE_DONE) {
    return Error(ErrorCode::kUnavailable, std::string("the backup stopped: ") + sqlite3_errstr(rc));
  }
  // A single self-contained file, whatever the source's journal mode was.
  if (sqlite3_exec(copy.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) !=
      SQLITE_OK) {
    return Failure(ErrorCode::kUnavailable, "cannot finish the copy", copy.get());
  }
  if (const auto verdict = IntegrityOf(copy.get()); verdict != "ok") {
    return Error::Internal("the copy fails its integrity check: " + verdict);
  }
  return {};
}

}  // namespace

Result<void> CopySqliteDatabase(const std::string& from, const std::string& to) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(from, ec)) {
    return Error::NotFound("There is no database file at " + from);
  }
  // A leftover journal or WAL beside `to` would be played into the copy when it is opened.
  for (const char* suffix : {"", "-journal", "-wal"}) {
    if (std::filesystem::exists(to + suffix, ec)) {
      return Error(ErrorCode::kConflict, to + suffix + " exists already; choose a new file");
    }
  }
  // Written beside its final name, then renamed: the name appears only once the copy is
  // whole, checked and on disk.
  const std::filesystem::path partial = to + ".partial";
  std::filesystem::remove(partial, ec);
  auto copied = CopyInto(from, partial);
  if (copied && !Sync(partial)) {
    copied = Error(ErrorCode::kUnavailable, "cannot flush " + partial.string() + " to disk");
  }
  if (copied) {
    // link() fails when `to` has appeared meanwhile, where rename() would replace it.
    if (link(partial.c_str(), to.c_str()) != 0) {
      copied = Error(ErrorCode::kConflict, "cannot create " + to);
    } else if (!Sync(to)) {
      copied = Error(ErrorCode::kUnavailable, "cannot flush " + to + " to disk");
    }
  }
  std::filesystem::remove(partial, ec);
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    std::filesystem::remove(partial.string() + suffix, ec);
  }
  return copied;
}

}  // namespace frontdoor::store::sqlite
