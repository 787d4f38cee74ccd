// Wiring: the only module that knows every other one. Opens the store the URL names,
// builds the router, and runs the commands of the `frontdoor` binary.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/app/config.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"

namespace frontdoor::app {

// Who else uses the database while a command runs. kAlone: a one-off load that has it to
// itself (SqliteOptions::exclusive_load).
enum class StoreUse { kShared, kAlone };

// sqlite:PATH (the parent folder is created) or postgresql://. Does not migrate.
Result<std::unique_ptr<store::Store>> OpenStore(const Config& config, const Clock& clock,
                                                StoreUse use = StoreUse::kShared);

// What the case use cases run on, built the same way for the server and for the commands
// that raise cases (mailgate): the store's charter, live (LoadServingCharter, refreshed on
// every change and by the server's periodic version check), and the configured reference
// prefix. It owns the live charter and the catalogue cache its context borrows, so it is never
// copied or moved.
class CaseSetup {
 public:
  CaseSetup(store::Store& store, const Clock& clock, std::string reference_prefix,
            std::unique_ptr<usecase::LiveCharter> live_charter);
  CaseSetup(const CaseSetup&) = delete;
  CaseSetup& operator=(const CaseSetup&) = delete;
  [[nodiscard]] const usecase::CaseContext& context() const { return context_; }
  // The charter loaded at start; live_charter() has the one in force.
  [[nodiscard]] const ServingCharter& charter() const { return *first_; }
  [[nodiscard]] usecase::LiveCharter& live_charter() const { return *live_charter_; }

 private:
  std::unique_ptr<usecase::LiveCharter> live_charter_;
  // The context's calendar and standards (its time zone for display) are the first snapshot's.
  std::shared_ptr<const ServingCharter> first_;
  usecase::CatalogueCache catalogue_cache_;
  usecase::CaseContext context_;
};

// Errors are LoadServingCharter's (kUnavailable when the database cannot be read).
Result<std::unique_ptr<CaseSetup>> LoadCaseSetup(store::Store& store, const Clock& clock,
                                                 const Config& config);

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
