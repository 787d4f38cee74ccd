#include "frontdoor/app/wiring.hpp"

#include <filesystem>
#include <ostream>
#include <utility>

#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/app/demo_knowledge.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/postgres/postgres_store.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"
#include "frontdoor/usecase/accounts.hpp"

#include "demo_charter.hpp"

namespace frontdoor::app {

Result<std::unique_ptr<store::Store>> OpenStore(const Config& config, const Clock& clock,
                                                StoreUse use) {
  if (config.db.starts_with("sqlite:")) {
    const std::filesystem::path path = config.db.substr(7);
    if (path.empty()) {
      return Error::Invalid("db", "sqlite: needs a file path, e.g. sqlite:var/frontdoor.db");
    }
    std::error_code ec;
    if (path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path(), ec);
    }
    store::sqlite::SqliteOptions options;
    options.path = path.string();
    options.synchronous_full = config.durability == "full";
    options.exclusive_load = use == StoreUse::kAlone;
    return store::sqlite::OpenSqliteStore(options, clock);
  }
  store::postgres::PostgresOptions options;
  options.url = config.db;
  options.max_connections = config.db_pool;
  options.statement_timeout = std::chrono::milliseconds(config.db_statement_timeout_ms);
  return store::postgres::OpenPostgresStore(options, clock);
}

CaseSetup::CaseSetup(store::Store& store, const Clock& clock, std::string reference_prefix,
                     std::unique_ptr<usecase::LiveCharter> live_charter)
    : live_charter_(std::move(live_charter)),
      first_(live_charter_->Current()),
      context_{store,
               clock,
               std::move(reference_prefix),
               first_->calendar,
               first_->standards,
               &catalogue_cache_} {
  context_.live_charter = live_charter_.get();
}

Result<std::unique_ptr<CaseSetup>> LoadCaseSetup(store::Store& store, const Clock& clock,
                                                 const Config& config) {
  auto live = usecase::LiveCharter::Open(store, LoadServingCharter);
  if (!live) {
    return live.error();
  }
  return std::make_unique<CaseSetup>(store, clock, config.reference_prefix, std::move(*live));
}

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return 64;        // EX_USAGE
    case ErrorCode::kInvalidInput: return 65;     // EX_DATAERR
    case ErrorCode::kNotFound: return 66;         // EX_NOINPUT
    case ErrorCode::kConflict: return 73;         // EX_CANTCREAT
    case ErrorCode::kUnauthenticated: return 77;  // EX_NOPERM
    case ErrorCode::kForbidden: return 77;
    case ErrorCode::kPayloadTooLarge: return 65;
    case ErrorCode::kRateLimited: return 75;  // EX_TEMPFAIL
    case ErrorCode::kUnavailable: return 69;  // EX_UNAVAILABLE
    case ErrorCode::kInternal: return 70;     // EX_SOFTWARE
  }
  return 70;
}

int ReportError(const Error& error, std::ostream& err) {
  err << "error: " << error.message() << "\n";
  for (std::size_t i = 1; i < error.field_errors().size(); ++i) {
    err << "error: " << error.field_errors()[i].message << "\n";
  }
  return ExitCodeFor(error.code());
}

Result<void> SeedDemo(store::Store& store, const Clock& clock, std::ostream& out) {
  // First, so that everything seeded after it counts due dates on the stored charter.
  if (auto charter = SeedDemoCharter(store, clock, out); !charter) {
    return charter.error();
  }
  auto count = store::ReadValue<std::int64_t>(
      store, [](store::ReadTx& tx) { return store::StaffUsers(tx).Count(); });
  if (!count) {
    return count.error();
  }
  if (*count == 0) {
    struct Demo {
      const char* email;
      const char* name;
      const char* role;
      const char* department;
    };
    const Demo demos[] = {
        {"admin@frontdoor.example", "Ada Admin", "admin", nullptr},
        // Departments by code (demo_catalogue.cpp): the access policy scopes roles by code.
        {"manager@frontdoor.example", "Mairead Manager", "manager", "CNS"},
        {"agent@frontdoor.example", "Aidan Agent", "agent", "FR"},
        {"officer@frontdoor.example", "Orla Officer", "officer", "CNS"},
    };
    for (const Demo& demo : demos) {
      usecase::NewStaffUser user{
          demo.email, demo.name, demo.role,
          demo.department ? std::optional<std::string>(demo.department) : std::nullopt,
          "frontdoor-demo"};
      if (auto added = usecase::AddStaffUser(store, clock, user); !added) {
        return added.error();
      }
    }
  }
  out << "Demo staff sign-in: admin@frontdoor.example (also agent@, officer@, manager@), "
         "password frontdoor-demo\n";
  auto catalogue = SeedDemoCatalogue(store, clock);
  if (!catalogue) {
    return catalogue.error();
  }
  out << "Demo catalogue: added " << catalogue->departments << " departments, " << catalogue->teams
      << " teams, " << catalogue->services << " services, " << catalogue->wards << " wards, "
      << catalogue->routing_rules << " routing rules\n";
  auto knowledge = SeedDemoKnowledge(store, clock, DemoKnowledgeFiles());
  if (!knowledge) {
    return knowledge.error();
  }
  out << "Demo knowledge base: added " << knowledge->articles << " articles, "
      << knowledge->synonyms << " synonym groups\n";
  return {};
}

}  // namespace frontdoor::app
