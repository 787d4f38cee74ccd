#include "frontdoor/app/config.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <limits>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/client_address.hpp"
#include "frontdoor/notify/smtp.hpp"

namespace frontdoor::app {
namespace {

constexpr std::array<const char*, 30> kKeys{"listen",
                                            "db",
                                            "threads",
                                            "workers",
                                            "db_pool",
                                            "db_statement_timeout_ms",
                                            "max_body_bytes",
                                            "max_header_bytes",
                                            "read_timeout_ms",
                                            "idle_timeout_ms",
                                            "drain_timeout_ms",
                                            "max_connections",
                                            "access_log",
                                            "log_level",
                                            "durability",
                                            "reference_prefix",
                                            "public_url",
                                            "jurisdiction_id",
                                            "inbound_email_secret",
                                            "email_triage_service",
                                            "web_secret",
                                            "assets_dir",
                                            "trusted_proxies",
                                            "map_tile_url",
                                            "map_attribution",
                                            "map_centre",
                                            "smtp_url",
                                            "smtp_from",
                                            "smtp_username",
                                            "smtp_password"};

template <class Int>
Result<void> ParseInt(const std::string& key, const std::string& value, Int& out, Int min,
                      Int max) {
  Int parsed{};
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || parsed < min || parsed > max) {
    return Error::Invalid(key, key + " must be a whole number from " + std::to_string(min) +
                                   " to " + std::to_string(max) + ", not '" + value + "'");
  }
  out = parsed;
  return {};
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// "54.5965,-5.9303": a latitude and longitude in degrees, on land or sea somewhere.
Result<std::pair<double, double>> ParseMapCentre(const std::string& value) {
  const auto comma = value.find(',');
  double lat = 0;
  double lon = 0;
  const auto read = [](std::string_view text, double& out) {
    const std::string trimmed = Trim(std::string(text));
    const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), out);
    return !trimmed.empty() && ec == std::errc() && end == trimmed.data() + trimmed.size();
  };
  if (comma == std::string::npos || !read(std::string_view(value).substr(0, comma), lat) ||
      !read(std::string_view(value).substr(comma + 1), lon) || lat < -85 || lat > 85 ||
      lon < -180 || lon > 180) {
    return Error::Invalid("map_centre",
                          "map_centre must be a latitude and a longitude, like 54.5965,-5.9303");
  }
  return std::pair{lat, lon};
}

Result<void> SetInt(const std::string& key, const std::string& value, Config& c) {
  constexpr int kMaxInt = std::numeric_limits<int>::max();
  if (key == "threads") return ParseInt(key, value, c.threads, 0, 256);
  if (key == "workers") return ParseInt(key, value, c.workers, 1, 4096);
  if (key == "db_pool") return ParseInt(key, value, c.db_pool, 1, 1000);
  if (key == "db_statement_timeout_ms") {
    return ParseInt(key, value, c.db_statement_timeout_ms, 0, 86'400'000);
  }
  if (key == "read_timeout_ms") return ParseInt(key, value, c.read_timeout_ms, 100, kMaxInt);
  if (key == "idle_timeout_ms") return ParseInt(key, value, c.idle_timeout_ms, 100, kMaxInt);
  if (key == "drain_timeout_ms") return ParseInt(key, value, c.drain_timeout_ms, 0, kMaxInt);
  if (key == "max_connections") return ParseInt(key, value, c.max_connections, 1, 1'000'000);
  if (key == "max_body_bytes") {
    return ParseInt<std::size_t>(key, value, c.max_body_bytes, 1024, std::size_t{1} << 32);
  }
  if (key == "max_header_bytes") {
    return ParseInt<std::size_t>(key, value, c.max_header_bytes, 1024, std::size_t{1} << 20);
  }
  return Error::Invalid(key, "Unknown configuration key '" + key + "'");
}

}  // namespace

Result<void> SetConfigValue(Config& config, const std::string& key, const std::string& value) {
  if (key == "listen") {
    if (auto parsed = ParseListen(value); !parsed) {
      return parsed.error();
    }
    config.listen = value;
  } else if (key == "db") {
    if (!value.starts_with("sqlite:") && !value.starts_with("postgresql://") &&
        !value.starts_with("postgres://")) {
      return Error::Invalid("db", "db must be sqlite:PATH or a postgresql:// URL");
    }
    config.db = value;
  } else if (key == "access_log") {
    config.access_log = value;
  } else if (key == "log_level") {
    if (value != "debug" && value != "info" && value != "warn" && value != "error") {
      return Error::Invalid("log_level", "log_level must be debug, info, warn or error");
    }
    config.log_level = value;
  } else if (key == "durability") {
    if (value != "full" && value != "normal") {
      return Error::Invalid("durability", "durability must be full or normal");
    }
    config.durability = value;
  } else if (key == "reference_prefix") {
    const bool ok = !value.empty() && value.size() <= 8 &&
                    value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos;
    if (!ok) {
      return Error::Invalid("reference_prefix", "reference_prefix must be 1 to 8 capital letters");
    }
    config.reference_prefix = value;
  } else if (key == "public_url") {
    // Clients build every Open311 URL from it (discovery), so it must be absolute.
    const bool ok = (value.starts_with("http://") || value.starts_with("https://")) &&
                    value.find_first_of(" \t\r\n") == std::string::npos;
    if (!ok) {
      return Error::Invalid("public_url", "public_url must be an http:// or https:// URL");
    }
    config.public_url = value;
  } else if (key == "jurisdiction_id") {
    if (value.empty() || value.find_first_of(" \t\r\n&=") != std::string::npos) {
      return Error::Invalid("jurisdiction_id",
                            "jurisdiction_id must be a domain name such as belfastcity.gov.uk");
    }
    config.jurisdiction_id = value;
  } else if (key == "inbound_email_secret") {
    // Guessable secrets would let anyone raise cases as anyone; it travels in a header, so
    // printable ASCII without spaces.
    const bool ok =
        value.size() >= 24 && value.size() <= 256 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    if (!ok) {
      return Error::Invalid("inbound_email_secret",
                            "inbound_email_secret must be 24 to 256 printable characters without "
                            "spaces, e.g. from `openssl rand -hex 32`");
    }
    config.inbound_email_secret = value;
  } else if (key == "email_triage_service") {
    if (auto checked = CheckServiceCode(value, "email_triage_service"); !checked) {
      return checked.error();
    }
    config.email_triage_service = value;
  } else if (key == "web_secret") {
    // It signs every form's CSRF token: a guessable one would let another site post forms
    // as our visitors.
    const bool ok =
        value.size() >= 32 && value.size() <= 256 &&
        std::all_of(value.begin(), value.end(), [](char c) { return c > 0x20 && c < 0x7F; });
    if (!ok) {
      return Error::Invalid("web_secret",
                            "web_secret must be 32 to 256 printable characters without spaces, "
                            "e.g. from `openssl rand -hex 32`");
    }
    config.web_secret = value;
  } else if (key == "assets_dir") {
    config.assets_dir = value;
  } else if (key == "map_tile_url") {
    if (!value.empty()) {
      if (auto origin = web::TileServerOrigin(value); !origin) {
        return origin.error();
      }
    }
    config.map.tile_url = value;
  } else if (key == "map_attribution") {
    if (value.size() > 200 || !IsValidUtf8(value)) {
      return Error::Invalid("map_attribution", "map_attribution must be at most 200 characters");
    }
    config.map.attribution = value;
  } else if (key == "map_centre") {
    auto centre = ParseMapCentre(value);
    if (!centre) {
      return centre.error();
    }
    config.map.centre_lat = centre->first;
    config.map.centre_lon = centre->second;
  } else if (key == "trusted_proxies") {
    if (auto parsed = http::TrustedProxies::Parse(value); !parsed) {
      return parsed.error();
    }
    config.trusted_proxies = value;
  } else if (key == "smtp_url") {
    if (!value.empty()) {
      if (auto checked = notify::CheckSmtpUrl(value); !checked) {
        return checked.error();
      }
    }
    config.smtp_url = value;
  } else if (key == "smtp_from") {
    // It goes into the From header and MAIL FROM: one plain address, nothing to inject.
    const auto at = value.find('@');
    const bool ok = at != std::string::npos && at > 0 && at + 1 < value.size() &&
                    value.size() <= 254 && std::all_of(value.begin(), value.end(), [](char c) {
                      return c > 0x20 && c < 0x7F &&
                             std::string_view("<>,;\"()").find(c) == std::string_view::npos;
                    });
    if (!ok) {
      return Error::Invalid("smtp_from",
                            "smtp_from must be one email address, like "
                            "noreply@belfastcity.gov.uk");
    }
    config.smtp_from = value;
  } else if (key == "smtp_username") {
    config.smtp_username = value;
  } else if (key == "smtp_password") {
    config.smtp_password = value;
  } else {
    return SetInt(key, value, config);
  }
  return {};
}

Result<void> ApplyConfigFile(Config& config, const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return Error(ErrorCode::kNotFound, "configuration file " + path + " cannot be read");
  }
  std::string line;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    const std::string text = Trim(line.substr(0, line.find('#')));
    if (text.empty()) {
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
      return Error::Invalid("config",
                            path + ":" + std::to_string(number) + ": expected key = value");
    }
    const std::string key = Trim(text.substr(0, equals));
    if (auto set = SetConfigValue(config, key, Trim(text.substr(equals + 1))); !set) {
      return Error::Invalid(key,
                            path + ":" + std::to_string(number) + ": " + set.error().message());
    }
  }
  return {};
}

Result<void> ApplyEnvironment(
    Config& config, const std::function<std::optional<std::string>(const char*)>& getenv) {
  for (const char* key : kKeys) {
    std::string name = "FRONTDOOR_";
    for (const char* c = key; *c != '\0'; ++c) {
      name += static_cast<char>(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
    }
    if (auto value = getenv(name.c_str()); value && !value->empty()) {
      if (auto set = SetConfigValue(config, key, *value); !set) {
        return Error::Invalid(key, name + ": " + set.error().message());
      }
    }
  }
  return {};
}

Result<ListenAddress> ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::Invalid("listen", "listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::uint16_t port = 0;
  const std::string port_text = listen.substr(colon + 1);
  if (auto parsed = ParseInt<std::uint16_t>("listen", port_text, port, 0, 65535); !parsed) {
    return Error::Invalid("listen", "listen port must be a number from 0 to 65535");
  }
  return ListenAddress{host, port};
}

}  // namespace frontdoor::app
