// The PostgreSQL store: a pool of libpq connections; each unit of work runs on one
// connection, writes in a transaction. Connections that break are replaced on the next
// use, so the store recovers by itself when the server returns. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store::postgres {

struct PostgresOptions {
  std::string url;  // postgresql://user:password@host:port/dbname?...
  int max_connections = 16;
  std::chrono::milliseconds acquire_timeout{5000};  // then kUnavailable
  std::chrono::seconds connect_timeout{3};
  // Sent as the session's statement_timeout (0: none) unless the URL sets its own options.
  std::chrono::milliseconds statement_timeout{0};
};

// Connects once to check the URL; kUnavailable when the server cannot be reached.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options,
                                                 const Clock& clock);

}  // namespace frontdoor::store::postgres
