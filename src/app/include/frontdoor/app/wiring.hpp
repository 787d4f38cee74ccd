// Wiring: the only module that knows every other one. Opens the store the URL names,
// builds the router, and runs the commands of the `frontdoor` binary.
#pragma once

#include <iosfwd>
#include <memory>

#include "frontdoor/app/config.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::app {

// sqlite:PATH (the parent folder is created) or postgresql://. Does not migrate.
Result<std::unique_ptr<store::Store>> OpenStore(const Config& config, const Clock& clock);

// The CLI's one mapping from an error to an exit status (sysexits.h values).
[[nodiscard]] int ExitCodeFor(ErrorCode code);

// Prints "error: ..." with each field to `err` and returns the exit status.
int ReportError(const Error& error, std::ostream& err);

// Serves until SIGTERM/SIGINT; returns the process exit status.
int Serve(const Config& config);

// Demo data for `make run` and demos: staff users of every role (printed), and more as
// the product grows. Idempotent.
Result<void> SeedDemo(store::Store& store, const Clock& clock, std::ostream& out);

}  // namespace frontdoor::app
