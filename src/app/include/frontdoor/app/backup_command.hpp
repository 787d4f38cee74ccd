// `frontdoor backup` and `frontdoor restore`: a consistent copy of the database taken while
// the server keeps writing, and putting one back. SQLite through the driver's online backup
// (store/sqlite/sqlite_store.hpp); PostgreSQL through pg_dump and pg_restore in their custom
// format, found on PATH or in /usr/lib/postgresql/15/bin. Neither ever overwrites anything.
#pragma once

#include <iosfwd>
#include <string>

#include "frontdoor/core/error.hpp"

namespace frontdoor::app {

// Copies the database `db_url` names (sqlite:PATH or postgresql://) into the new file `to`.
// PostgreSQL's dump is of the whole database, in one snapshot. kConflict when `to` exists,
// kUnavailable when the database or the tools cannot be reached or fail, kNotFound when a
// SQLite file is missing. Reports what it did on `out`.
Result<void> BackupDatabase(const std::string& db_url, const std::string& to, std::ostream& out);

// Puts the backup `from` into `db_url`: a SQLite file that does not exist yet, or an empty
// PostgreSQL database (kConflict when it has tables of its own). Everything or nothing is
// restored (pg_restore runs in one transaction). Reports what it did on `out`.
Result<void> RestoreDatabase(const std::string& from, const std::string& db_url, std::ostream& out);

}  // namespace frontdoor::app
