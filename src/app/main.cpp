// The `frontdoor` command: serve, migrate, seed, apikey, user, charter, mailgate, backup,
// restore, version.
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "frontdoor/app/backup_command.hpp"
#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/app/config.hpp"
#include "frontdoor/app/demo_history.hpp"
#include "frontdoor/app/mailgate_command.hpp"
#include "frontdoor/app/wiring.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace fd = frontdoor;

namespace {

struct CommonFlags {
  std::string config_file;
  std::string db;
  std::string listen;
};

// defaults < file < environment < flags
fd::Result<fd::app::Config> LoadConfig(const CommonFlags& flags) {
  fd::app::Config config;
  std::string file = flags.config_file;
  if (file.empty()) {
    if (const char* env = std::getenv("FRONTDOOR_CONFIG")) {
      file = env;
    }
  }
  if (!file.empty()) {
    if (auto applied = fd::app::ApplyConfigFile(config, file); !applied) {
      return applied.error();
    }
  }
  auto env = fd::app::ApplyEnvironment(config, [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  });
  if (!env) {
    return env.error();
  }
  if (!flags.db.empty()) {
    if (auto set = fd::app::SetConfigValue(config, "db", flags.db); !set) {
      return set.error();
    }
  }
  if (!flags.listen.empty()) {
    if (auto set = fd::app::SetConfigValue(config, "listen", flags.listen); !set) {
      return set.error();
    }
  }
  return config;
}

void AddCommonFlags(CLI::App* command, CommonFlags& flags) {
  command->add_option("--db", flags.db, "sqlite:PATH or postgresql:// URL (FRONTDOOR_DB)");
  command->add_option("--config", flags.config_file, "configuration file (FRONTDOOR_CONFIG)");
}

// Opens and migrates the store the flags name, then runs `body` with it.
template <class Body>
int WithStore(const CommonFlags& flags, Body body,
              fd::app::StoreUse use = fd::app::StoreUse::kShared) {
  auto config = LoadConfig(flags);
  if (!config) {
    return fd::app::ReportError(config.error(), std::cerr);
  }
  // A migration or a bulk load may rightly run one statement for minutes.
  config->db_statement_timeout_ms = 0;
  const fd::SystemClock clock;
  auto store = fd::app::OpenStore(*config, clock, use);
  if (!store) {
    return fd::app::ReportError(store.error(), std::cerr);
  }
  auto version = (*store)->Migrate();
  if (!version) {
    return fd::app::ReportError(version.error(), std::cerr);
  }
  return body(**store, clock, *version, *config);
}

}  // namespace

int main(int argc, char** argv) {
  if (auto ready = fd::usecase::InitialiseSecrets(); !ready) {
    return fd::app::ReportError(ready.error(), std::cerr);
  }
  CLI::App cli{"Frontdoor: a council's single front door for customer contact"};
  cli.require_subcommand(1);
  CommonFlags flags;

  auto* serve = cli.add_subcommand("serve", "Serve the portal, staff desktop and APIs");
  AddCommonFlags(serve, flags);
  serve->add_option("--listen", flags.listen, "HOST:PORT to listen on (FRONTDOOR_LISTEN)");

  auto* migrate = cli.add_subcommand("migrate", "Apply the database migrations");
  AddCommonFlags(migrate, flags);

  auto* seed = cli.add_subcommand("seed", "Load data");
  AddCommonFlags(seed, flags);
  bool demo = false;
  int cases = 0;
  seed->add_flag("--demo", demo, "Demo data: catalogue, staff, customers and case history");
  seed->add_option("--cases", cases,
                   "Also add N cases of history over the two years before now. Each run adds "
                   "N more; their references continue each year's sequence")
      ->check(CLI::Range(0, 10'000'000));

  auto* version = cli.add_subcommand("version", "Print the version");

  auto* mailgate = cli.add_subcommand(
      "mailgate", "Take in one email (RFC 5322) from standard input, as an MTA's pipe delivers it");
  AddCommonFlags(mailgate, flags);

  auto* backup = cli.add_subcommand(
      "backup", "Copy the database consistently while the server runs (SQLite file or pg_dump)");
  AddCommonFlags(backup, flags);
  std::string backup_to;
  backup->add_option("--to", backup_to, "The backup file to create")->required();
  auto* restore = cli.add_subcommand(
      "restore", "Put a backup into a new SQLite file or an empty PostgreSQL database");
  AddCommonFlags(restore, flags);
  std::string restore_from;
  restore->add_option("--from", restore_from, "The backup file")->required();

  auto* apikey = cli.add_subcommand("apikey", "Manage Open311 API keys");
  apikey->require_subcommand(1);
  auto* apikey_create = apikey->add_subcommand("create", "Create a key and print it once");
  AddCommonFlags(apikey_create, flags);
  std::string key_name;
  apikey_create->add_option("--name", key_name, "Who the key is for")->required();
  std::string key_scope(fd::usecase::kScopeOpen311);
  apikey_create
      ->add_option("--scope", key_scope,
                   "open311 (an Open311 client such as FixMyStreet: post reports and comments) "
                   "or staff (also the staff API, which reads personal data)")
      ->capture_default_str();

  auto* user = cli.add_subcommand("user", "Manage staff users");
  user->require_subcommand(1);
  auto* user_add =
      user->add_subcommand("add", "Add a staff user; the password is read from standard input");
  AddCommonFlags(user_add, flags);
  fd::usecase::NewStaffUser new_user;
  std::string department;
  user_add->add_option("--email", new_user.email, "Sign-in email")->required();
  user_add->add_option("--name", new_user.name, "Full name")->required();
  user_add->add_option("--role", new_user.role, "agent, officer, manager or admin")->required();
  user_add->add_option("--department", department,
                       "Code of the department the role acts within (e.g. CNS)");

  auto* charter = cli.add_subcommand("charter", "The customer charter");
  charter->require_subcommand(1);
  auto* charter_due = charter->add_subcommand("due", "Print when a promise falls due");
  AddCommonFlags(charter_due, flags);
  fd::app::DueQuery due_query;
  std::string due_standard;
  int due_days = -1;
  int due_hours = -1;
  auto* standard_option =
      charter_due->add_option("--standard", due_standard, "Charter standard code");
  auto* days_option = charter_due->add_option("--working-days", due_days, "Working days");
  auto* hours_option = charter_due->add_option("--working-hours", due_hours, "Working hours");
  charter_due->add_option("--from", due_query.from, "Received at, ISO 8601 with offset")
      ->required();
  std::string due_calendar;
  auto* calendar_option = charter_due->add_option(
      "--calendar", due_calendar, "Calendar code (default: the database's default calendar)");
  auto* import_holidays = charter->add_subcommand(
      "import-holidays", "Import GOV.UK bank-holidays.json into a calendar's closed days");
  AddCommonFlags(import_holidays, flags);
  fd::app::HolidayFileImport holiday_import;
  std::string import_calendar;
  import_holidays->add_option("--file", holiday_import.file, "A GOV.UK bank-holidays.json file")
      ->required();
  auto* import_calendar_option = import_holidays->add_option(
      "--calendar", import_calendar, "Calendar code (default: the database's default calendar)");
  import_holidays->add_option("--division", holiday_import.division,
                              "england-and-wales, scotland or northern-ireland (the default)");
  auto* charter_sweep = charter->add_subcommand(
      "sweep", "Mark SLA clocks at risk and breached now (serve does it every minute)");
  AddCommonFlags(charter_sweep, flags);

  CLI11_PARSE(cli, argc, argv);

  if (charter_due->parsed()) {
    if (standard_option->count() > 0) {
      due_query.standard = due_standard;
    }
    if (days_option->count() > 0) {
      due_query.working_days = due_days;
    }
    if (hours_option->count() > 0) {
      due_query.working_hours = due_hours;
    }
    if (calendar_option->count() > 0) {
      due_query.calendar = due_calendar;
    }
    auto config = LoadConfig(flags);
    if (!config) {
      return fd::app::ReportError(config.error(), std::cerr);
    }
    const bool db_given = !flags.db.empty() || std::getenv("FRONTDOOR_DB") != nullptr;
    if (!fd::app::CharterUsesDatabase(*config, db_given)) {
      auto due = fd::app::CharterDue(due_query);
      if (!due) {
        return fd::app::ReportError(due.error(), std::cerr);
      }
      std::cout << *due << "\n";
      return 0;
    }
    return WithStore(flags, [&](fd::store::Store& store, const fd::Clock&, int, const auto&) {
      auto due = fd::app::CharterDue(due_query, store);
      if (!due) {
        return fd::app::ReportError(due.error(), std::cerr);
      }
      std::cout << *due << "\n";
      return 0;
    });
  }
  if (import_holidays->parsed()) {
    if (import_calendar_option->count() > 0) {
      holiday_import.calendar = import_calendar;
    }
    return WithStore(flags, [&](fd::store::Store& store, const fd::Clock&, int, const auto&) {
      auto imported = fd::app::ImportHolidayFile(holiday_import, store);
      if (!imported) {
        return fd::app::ReportError(imported.error(), std::cerr);
      }
      std::cout << *imported << "\n";
      return 0;
    });
  }
  if (charter_sweep->parsed()) {
    return WithStore(flags,
                     [&](fd::store::Store& store, const fd::Clock& clock, int, const auto& config) {
                       auto swept = fd::app::SweepSlaCommand(store, clock, config);
                       if (!swept) {
                         return fd::app::ReportError(swept.error(), std::cerr);
                       }
                       std::cout << *swept << "\n";
                       return 0;
                     });
  }

  if (backup->parsed() || restore->parsed()) {
    // Neither opens a store: a backup must not migrate what it copies, nor a restore create
    // tables in the database it is about to fill.
    auto config = LoadConfig(flags);
    if (!config) {
      return fd::app::ReportError(config.error(), std::cerr);
    }
    auto done = backup->parsed() ? fd::app::BackupDatabase(config->db, backup_to, std::cout)
                                 : fd::app::RestoreDatabase(restore_from, config->db, std::cout);
    if (!done) {
      return fd::app::ReportError(done.error(), std::cerr);
    }
    return 0;
  }
  if (mailgate->parsed()) {
    auto config = LoadConfig(flags);
    if (!config) {
      // Our configuration, not the sender's mail: keep the message queued until it is fixed.
      fd::app::ReportError(config.error(), std::cerr);
      return fd::app::kExitTempFail;
    }
    return fd::app::RunMailgate(*config, std::cin, std::cerr);
  }
  if (version->parsed()) {
    std::cout << "frontdoor " << FRONTDOOR_VERSION << "\n";
    return 0;
  }
  if (serve->parsed()) {
    auto config = LoadConfig(flags);
    if (!config) {
      return fd::app::ReportError(config.error(), std::cerr);
    }
    return fd::app::Serve(*config);
  }
  if (migrate->parsed()) {
    return WithStore(flags, [](fd::store::Store&, const fd::Clock&, int schema, const auto&) {
      std::cout << "Database schema at version " << schema << "\n";
      return 0;
    });
  }
  if (seed->parsed()) {
    if (!demo) {
      std::cerr << "error: say what to seed: --demo\n";
      return 64;
    }
    return WithStore(
        flags,
        [&](fd::store::Store& store, const fd::Clock& clock, int, const auto& config) {
          if (auto seeded = fd::app::SeedDemo(store, clock, std::cout); !seeded) {
            return fd::app::ReportError(seeded.error(), std::cerr);
          }
          if (cases > 0) {
            auto history =
                fd::app::SeedDemoCases(store, clock, config.reference_prefix, cases, std::cout);
            if (!history) {
              return fd::app::ReportError(history.error(), std::cerr);
            }
          }
          return 0;
        },
        fd::app::StoreUse::kAlone);
  }
  if (apikey_create->parsed()) {
    return WithStore(flags, [&](fd::store::Store& store, const fd::Clock& clock, int, const auto&) {
      auto created = fd::usecase::CreateApiKey(store, clock, key_name, key_scope);
      if (!created) {
        return fd::app::ReportError(created.error(), std::cerr);
      }
      std::cout << created->key << "\n";
      return 0;
    });
  }
  if (user_add->parsed()) {
    if (!department.empty()) {
      new_user.department = department;
    }
    std::getline(std::cin, new_user.password);
    return WithStore(flags, [&](fd::store::Store& store, const fd::Clock& clock, int, const auto&) {
      auto added = fd::usecase::AddStaffUser(store, clock, new_user);
      if (!added) {
        return fd::app::ReportError(added.error(), std::cerr);
      }
      std::cout << "Added " << added->role << " " << added->email << "\n";
      return 0;
    });
  }
  return 64;
}
