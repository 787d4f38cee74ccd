// Frontdoor's configuration: defaults < file < environment (FRONTDOOR_*) < flags.
// The file holds `key = value` lines (`#` starts a comment); the environment variable
// of a key is FRONTDOOR_ and the key in capitals. README.md's configuration table lists them.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/web/web.hpp"

namespace frontdoor::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string db = "sqlite:var/frontdoor.db";
  int threads = 0;   // event-loop threads; 0: one per core
  int workers = 64;  // threads for handlers that wait on the database
  int db_pool = 16;  // PostgreSQL connections per node
  // PostgreSQL: a statement running longer is cancelled, so a stuck query frees its
  // connection instead of starving the pool (0: never). One-off commands use 0.
  int db_statement_timeout_ms = 30'000;
  // Room for a 10 MiB attachment (usecase::kMaxAttachmentBytes) and its multipart framing.
  std::size_t max_body_bytes = std::size_t{12} * 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  int read_timeout_ms = 15'000;
  int idle_timeout_ms = 60'000;
  int drain_timeout_ms = 15'000;
  int max_connections = 20'000;
  std::string access_log = "-";  // "-": standard output; "off"; or a file path
  std::string log_level = "info";
  std::string durability = "full";  // SQLite: "full" survives power loss, "normal" a crash
  std::string reference_prefix = "BCC";
  std::string public_url = "http://127.0.0.1:8080";    // how clients reach us (Open311 discovery)
  std::string jurisdiction_id = "belfastcity.gov.uk";  // Open311: the one jurisdiction served
  // The shared secret a mail relay sends as "Authorization: Bearer <secret>" to POST
  // /api/v1/inbound/email; empty turns the route off (503). At least 24 characters.
  std::string inbound_email_secret;
  std::string email_triage_service = "general-enquiry";  // new cases from email (demo code)
  // Signs the web forms' CSRF tokens; the same on every node. Empty: a random key per process
  // (forms shown before a restart are refused once). At least 32 characters.
  std::string web_secret;
  // The built browser assets (scripts/build-assets); empty: the build tree's.
  std::string assets_dir;
  // Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the
  // client, e.g. for the per-address sign-in limit. Empty: the peer is the client.
  std::string trusted_proxies;
  // The report form's map: map_tile_url, map_attribution, map_centre. No tile server: no map.
  web::MapSettings map;
  // Outgoing email (src/notify): smtp://host:port, smtp+starttls://host:port or
  // smtps://host:port. Empty: messages stay queued in the outbox and a warning is logged.
  std::string smtp_url;
  std::string smtp_from = "noreply@belfastcity.gov.uk";  // From and the envelope sender
  std::string smtp_username;                             // empty: no SMTP AUTH
  std::string smtp_password;
};

// Sets one key from text. kInvalidInput naming the key when the key or value is wrong.
Result<void> SetConfigValue(Config& config, const std::string& key, const std::string& value);

// Applies a configuration file. kInvalidInput naming the file and line on a bad line;
// kNotFound when the file does not exist.
Result<void> ApplyConfigFile(Config& config, const std::string& path);

// Applies FRONTDOOR_* variables read through `getenv` (injected for tests).
Result<void> ApplyEnvironment(Config& config,
                              const std::function<std::optional<std::string>(const char*)>& getenv);

struct ListenAddress {
  std::string host;
  std::uint16_t port;
};

// "HOST:PORT" (IPv6 as "[::1]:8080"). kInvalidInput on field "listen".
Result<ListenAddress> ParseListen(const std::string& listen);

}  // namespace frontdoor::app
