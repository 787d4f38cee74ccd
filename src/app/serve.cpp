#include <iostream>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include "frontdoor/api/attachment_routes.hpp"
#include "frontdoor/api/charter_routes.hpp"
#include "frontdoor/api/inbound_email_routes.hpp"
#include "frontdoor/api/knowledge_routes.hpp"
#include "frontdoor/api/open311.hpp"
#include "frontdoor/api/operational.hpp"
#include "frontdoor/api/search_routes.hpp"
#include "frontdoor/api/staff_api.hpp"
#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/app/wiring.hpp"
#include "frontdoor/http/metrics.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/notify/delivery.hpp"
#include "frontdoor/notify/outbox_queue.hpp"
#include "frontdoor/notify/smtp.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/web/desktop.hpp"
#include "frontdoor/web/web.hpp"

#include "case_search_refresher.hpp"
#include "charter_refresher.hpp"
#include "heap.hpp"
#include "knowledge_refresher.hpp"
#include "memory_gauges.hpp"
#include "sla_sweeper.hpp"

namespace frontdoor::app {
namespace {

// Often enough that a clock turns amber or red within a minute of its moment.
constexpr std::chrono::seconds kSlaSweepInterval(60);
// A sign-in code should arrive while the citizen waits; an idle poll is one indexed read.
constexpr std::chrono::seconds kEmailDeliveryInterval(2);
// How long an article saved on another node may take to be found here.
constexpr std::chrono::seconds kKnowledgeRefreshInterval(15);
// Cases change all day: a change made on any node is found within about this long.
constexpr std::chrono::seconds kCaseSearchRefreshInterval(2);
// How long a charter change made on another node (or by the CLI) may take to count here; a
// check is one row read. Changes made on this node count at once.
constexpr std::chrono::seconds kCharterRefreshInterval(5);
// Free heap handed back to the kernel: rarely enough that the trims' moments of arena locking
// do not show in latency.
constexpr std::chrono::seconds kHeapTrimInterval(60);

// JSON string contents: enough escaping for the log lines we write.
std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

// ISO 8601 in UTC with milliseconds, as in the application log.
std::string UtcTimestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", std::chrono::floor<std::chrono::seconds>(now),
                     ms.count());
}

// Structured logs on standard error: one JSON object per line.
void SetUpLogging(const Config& config) {
  auto logger = spdlog::stderr_logger_mt("frontdoor");
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","msg":"%v"})",
                      spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(config.log_level));
  spdlog::set_default_logger(logger);
}

std::shared_ptr<spdlog::logger> MakeAccessLog(const Config& config) {
  if (config.access_log == "off") {
    return nullptr;
  }
  auto logger = config.access_log == "-" ? spdlog::stdout_logger_mt("access")
                                         : spdlog::basic_logger_mt("access", config.access_log);
  logger->set_pattern("%v");
  return logger;
}

// Enough descriptors for many idle keep-alive connections.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Discovery's text. A server whose public URL is on loopback is a developer's: its Open311
// endpoint says "test", so no client mistakes its data for reports that will be acted on.
api::Open311Settings Open311SettingsFor(const Config& config) {
  api::Open311Settings settings;
  settings.base_url = config.public_url;
  settings.jurisdiction_id = config.jurisdiction_id;
  settings.contact = "Frontdoor Open311 API at " + config.public_url;
  settings.key_service =
      "Ask the council's digital team for an api_key (they issue one with `frontdoor apikey "
      "create`)";
  settings.changeset_fallback = "1970-01-01T00:00:00+00:00";
  const bool loopback = config.public_url.find("://127.") != std::string::npos ||
                        config.public_url.find("://localhost") != std::string::npos ||
                        config.public_url.find("://[::1]") != std::string::npos;
  settings.production = !loopback;
  return settings;
}

}  // namespace

int Serve(const Config& config) {
  ConfigureHeap();
  SetUpLogging(config);
  RaiseFileLimit();
  const SystemClock clock;
  auto listen = ParseListen(config.listen);
  if (!listen) {
    return ReportError(listen.error(), std::cerr);
  }
  auto store = OpenStore(config, clock);
  if (!store) {
    return ReportError(store.error(), std::cerr);
  }
  auto version = (*store)->Migrate();
  if (!version) {
    return ReportError(version.error(), std::cerr);
  }

  http::Metrics metrics;
  store::Store& db = **store;
  metrics.AddGauge({"frontdoor_db_connections_open", "Database connections open",
                    [&db] { return static_cast<double>(db.Stats().connections_open); }});
  metrics.AddGauge({"frontdoor_db_connections_in_use", "Database connections in use",
                    [&db] { return static_cast<double>(db.Stats().connections_in_use); }});
  metrics.AddGauge({"frontdoor_db_pool_waits_total", "Times a unit of work waited for a connection",
                    [&db] { return static_cast<double>(db.Stats().waits); }});
  metrics.AddGauge({"frontdoor_db_write_batches_total", "Write transactions committed",
                    [&db] { return static_cast<double>(db.Stats().write_batches); }});
  metrics.AddGauge({"frontdoor_db_write_units_total", "Units of work committed",
                    [&db] { return static_cast<double>(db.Stats().write_units); }});
  metrics.AddGauge({"frontdoor_db_write_cpu_seconds_total",
                    "CPU time of the single SQLite writer's commits (units and commit)",
                    [&db] { return db.Stats().write_cpu_seconds; }});
  metrics.AddGauge({"frontdoor_db_write_syncs_total",
                    "Syncs of the SQLite WAL that made commits durable before their answers",
                    [&db] { return static_cast<double>(db.Stats().write_syncs); }});

  auto cases = LoadCaseSetup(db, clock, config);
  if (!cases) {
    return ReportError(cases.error(), std::cerr);
  }
  const ServingCharter& serving = (*cases)->charter();
  spdlog::info("due dates on calendar {} with {} standards ({})", serving.calendar.code(),
               serving.standards.size(), serving.from_database ? "database" : "built in");
  // Outgoing email: use cases queue it in their own unit of work; the worker below sends it.
  notify::OutboxQueue mail_queue(clock, {config.smtp_from, web::WebSettings().council_name});
  usecase::CaseContext mailing_context = (*cases)->context();
  mailing_context.mail = &mail_queue;
  mailing_context.public_url = config.public_url;
  const usecase::CaseContext& case_context = mailing_context;

  usecase::KnowledgeIndex knowledge_index;
  const usecase::KnowledgeContext knowledge{db, clock, knowledge_index,
                                            case_context.calendar.zone()};
  if (auto loaded = usecase::LoadKnowledgeIndex(knowledge); !loaded) {
    return ReportError(loaded.error(), std::cerr);
  }
  spdlog::info("knowledge index: {} articles", knowledge_index.index().size());
  const auto reads = db.ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline;
  http::Router router;
  api::AddOperationalRoutes(router, db, metrics, reads);
  api::AddCharterRoutes(router, db, clock, reads);
  api::AddOpen311Routes(router, case_context, Open311SettingsFor(config), reads);
  web::WebSettings web_settings;
  web_settings.public_url = config.public_url;
  web_settings.secret = config.web_secret;
  web_settings.assets_dir = config.assets_dir;
  web_settings.map = config.map;
  if (config.web_secret.empty()) {
    spdlog::warn(
        "web_secret is not set: forms shown before a restart, or by another node, "
        "will be refused");
  }
  auto site = web::Site::Create(web_settings);
  if (!site) {
    return ReportError(site.error(), std::cerr);
  }
  web::AddAssetRoutes(router, **site);
  web::AddPortalRoutes(router, **site, case_context, reads, &knowledge);
  // Two argon2id checks at a time, whatever the number of sign-ins (64 MiB each).
  usecase::PasswordChecker passwords;
  usecase::CaseSearchIndex case_index;
  AddMemoryGauges(metrics, case_index, knowledge_index);
  web::DesktopSettings desktop_settings;
  desktop_settings.knowledge = &knowledge;
  desktop_settings.case_index = &case_index;
  web::AddDesktopRoutes(router, **site, case_context, passwords, desktop_settings);
  web::AddCitizenRoutes(router, **site, case_context, mail_queue);
  router.SetFallback(web::NotFoundHandler(**site));
  api::StaffAccessSettings staff_access;
  staff_access.https = config.public_url.starts_with("https://");
  api::AddStaffApiRoutes(router, case_context, reads, staff_access);
  api::AddAttachmentRoutes(router, case_context, reads, staff_access);
  api::AddKnowledgeRoutes(router, knowledge, reads, staff_access);
  const api::SearchContext search_context{db, clock, case_index};
  api::AddSearchRoutes(router, search_context, reads, staff_access);
  api::InboundEmailSettings inbound;
  inbound.secret = config.inbound_email_secret;
  inbound.intake.triage_service = config.email_triage_service;
  api::AddInboundEmailRoutes(router, case_context, std::move(inbound));

  http::ServerOptions options;
  options.host = listen->host;
  options.port = listen->port;
  options.io_threads = config.threads;
  options.worker_threads = config.workers;
  options.max_body_bytes = config.max_body_bytes;
  options.max_header_bytes = config.max_header_bytes;
  options.read_timeout = std::chrono::milliseconds(config.read_timeout_ms);
  options.idle_timeout = std::chrono::milliseconds(config.idle_timeout_ms);
  options.drain_timeout = std::chrono::milliseconds(config.drain_timeout_ms);
  options.max_connections = config.max_connections;
  // Checked when the configuration was read, so this parse cannot fail.
  options.trusted_proxies = http::TrustedProxies::Parse(config.trusted_proxies).value();

  auto access_log = MakeAccessLog(config);
  http::Server server(
      options, router,
      [&metrics, access_log](const http::AccessRecord& r) {
        metrics.Observe(r.route, r.method, r.status, r.duration);
        if (access_log) {
          access_log->info(
              R"({{"ts":"{}","request_id":"{}","method":"{}","route":"{}","path":"{}","status":{},"bytes":{},"duration_ms":{:.3f}}})",
              UtcTimestamp(), r.request_id, r.method, JsonEscape(r.route), JsonEscape(r.path),
              r.status, r.response_bytes, static_cast<double>(r.duration.count()) / 1000.0);
        }
      },
      [](std::string_view request_id, std::string_view what) {
        spdlog::error("request {} failed: {}", request_id, JsonEscape(what));
      });
  if (auto listening = server.Listen(); !listening) {
    return ReportError(listening.error(), std::cerr);
  }
  spdlog::info("schema version {}; listening on http://{}:{}", *version, listen->host,
               server.port());
  std::cout << fmt::format("Frontdoor listening on http://{}:{}/", listen->host, server.port())
            << std::endl;
  SlaSweeper sweeper(case_context, kSlaSweepInterval);
  std::unique_ptr<notify::SmtpTransport> smtp;
  std::unique_ptr<notify::DeliveryWorker> delivery;
  if (config.smtp_url.empty()) {
    spdlog::warn("smtp_url is not set: email (sign-in codes too) stays queued in the outbox");
  } else {
    smtp = std::make_unique<notify::SmtpTransport>(
        notify::SmtpSettings{config.smtp_url, config.smtp_username, config.smtp_password});
    delivery = std::make_unique<notify::DeliveryWorker>(
        db, clock, *smtp, notify::DeliverySettings{config.smtp_from, web_settings.council_name},
        kEmailDeliveryInterval);
  }
  KnowledgeRefresher knowledge_refresher(knowledge, kKnowledgeRefreshInterval);
  CaseSearchRefresher case_search_refresher(db, case_index, kCaseSearchRefreshInterval);
  HeapTrimmer heap_trimmer(kHeapTrimInterval);
  CharterRefresher charter_refresher((*cases)->live_charter(), kCharterRefreshInterval);
  server.Run();
  charter_refresher.Stop();
  heap_trimmer.Stop();
  case_search_refresher.Stop();
  sweeper.Stop();
  if (delivery) {
    delivery->Stop();
  }
  knowledge_refresher.Stop();
  spdlog::info("stopped after draining connections");
  if (access_log) {
    access_log->flush();
  }
  return 0;
}

}  // namespace frontdoor::app
