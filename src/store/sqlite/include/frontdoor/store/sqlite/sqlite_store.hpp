// The embedded SQLite store: one file in WAL mode, a pool of read-only connections,
// and one write connection on which the units of work waiting together commit together
// (group commit), so that concurrent writers share one fsync. The commits run on a thread
// of the store's own; each batch's first caller makes it durable and answers the others.
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store::sqlite {

struct SqliteOptions {
  std::string path;  // a file path; created when missing
  // FULL survives a power cut; NORMAL only a process crash. FULL is the default.
  bool synchronous_full = true;
  int max_readers = 64;  // read connections kept open at most
  int max_batch = 1024;  // units of work per commit at most
  // For a one-off load by a process that has the file to itself (`seed`): a rollback journal
  // instead of the WAL, so that each new page goes once into the file rather than into the WAL
  // and again at the checkpoint (a million seeded cases write 1.6 GB). The next ordinary open
  // turns the WAL back on. While another process has the file open, the WAL stays.
  bool exclusive_load = false;
};

// Opens (creating when needed) the database. Does not migrate: call Migrate().
// kUnavailable when the file cannot be opened.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options, const Clock& clock);

// Heap bytes SQLite holds, every connection of the process together (the page caches' arena
// apart), counted by the store's allocator for SQLite rather than by SQLite, whose count took
// a process-wide mutex on every allocation.
std::int64_t SqliteHeapBytes();

// Copies the database file `from` into the new file `to` with SQLite's online backup API: one
// consistent snapshot, taken while writers (this process or a running server) carry on. The
// copy is a single file (no WAL), passes PRAGMA integrity_check and is on disk before it takes
// its name, so `to` never names a partial copy. Serves backups and restores alike.
// kNotFound when `from` is not a file, kConflict when `to` exists, kUnavailable when a file
// cannot be read or written, kInternal when the copy fails its integrity check.
Result<void> CopySqliteDatabase(const std::string& from, const std::string& to);

}  // namespace frontdoor::store::sqlite
