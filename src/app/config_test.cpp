#include "frontdoor/app/config.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor::app {
namespace {

auto EnvOf(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

std::string WriteFile(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("fd-config-" + std::to_string(std::hash<std::string>{}(text)) + ".conf");
  std::ofstream(path) << text;
  return path.string();
}

TEST(ConfigTest, DefaultsServeSqliteOnLoopback) {
  const Config config;
  EXPECT_EQ(config.listen, "127.0.0.1:8080");
  EXPECT_EQ(config.db, "sqlite:var/frontdoor.db");
  EXPECT_EQ(config.durability, "full");
}

TEST(ConfigTest, EnvironmentOverridesTheFile) {
  Config config;
  const auto file = WriteFile("# comment\nlisten = 127.0.0.1:9000\nworkers = 8  # trailing\n");
  ASSERT_TRUE(ApplyConfigFile(config, file));
  EXPECT_EQ(config.listen, "127.0.0.1:9000");
  EXPECT_EQ(config.workers, 8);
  ASSERT_TRUE(ApplyEnvironment(config, EnvOf({{"FRONTDOOR_LISTEN", "127.0.0.1:9100"}})));
  EXPECT_EQ(config.listen, "127.0.0.1:9100");
  EXPECT_EQ(config.workers, 8);
  std::filesystem::remove(file);
}

TEST(ConfigTest, BadLineNamesFileLineAndKey) {
  Config config;
  const auto file = WriteFile("threads = many\n");
  auto applied = ApplyConfigFile(config, file);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().field_errors().front().field, "threads");
  EXPECT_NE(applied.error().message().find(":1:"), std::string::npos);
  std::filesystem::remove(file);
}

TEST(ConfigTest, Open311PublicUrlAndJurisdictionAreChecked) {
  Config config;
  EXPECT_EQ(config.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(config.jurisdiction_id, "belfastcity.gov.uk");
  ASSERT_TRUE(ApplyEnvironment(config, EnvOf({{"FRONTDOOR_PUBLIC_URL", "https://council.example"},
                                              {"FRONTDOOR_JURISDICTION_ID", "council.example"}})));
  EXPECT_EQ(config.public_url, "https://council.example");
  EXPECT_EQ(config.jurisdiction_id, "council.example");
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"public_url", "council.example"},
                                                        {"public_url", "ftp://x"},
                                                        {"jurisdiction_id", ""},
                                                        {"jurisdiction_id", "a b"}}) {
    const auto set = SetConfigValue(config, key, value);
    ASSERT_FALSE(set) << key << "=" << value;
    EXPECT_EQ(set.error().field_errors().at(0).field, key);
  }
}

TEST(ConfigTest, InboundEmailSecretIsOffByDefaultAndMustBeLong) {
  Config config;
  EXPECT_TRUE(config.inbound_email_secret.empty());
  EXPECT_EQ(config.email_triage_service, "general-enquiry");
  const std::string secret(32, 'k');
  ASSERT_TRUE(
      ApplyEnvironment(config, EnvOf({{"FRONTDOOR_INBOUND_EMAIL_SECRET", secret},
                                      {"FRONTDOOR_EMAIL_TRIAGE_SERVICE", "EMAIL-TRIAGE"}})));
  EXPECT_EQ(config.inbound_email_secret, secret);
  EXPECT_EQ(config.email_triage_service, "EMAIL-TRIAGE");
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"inbound_email_secret", "short"},
           {"inbound_email_secret", std::string(30, 'a') + " b"},
           {"email_triage_service", ""},
           {"email_triage_service", "no spaces please"}}) {
    const auto set = SetConfigValue(config, key, value);
    ASSERT_FALSE(set) << key << "=" << value;
    EXPECT_EQ(set.error().field_errors().at(0).field, key);
  }
}

TEST(ConfigTest, TrustedProxiesAreNoneByDefaultAndChecked) {
  Config config;
  EXPECT_TRUE(config.trusted_proxies.empty());
  ASSERT_TRUE(ApplyEnvironment(config, EnvOf({{"FRONTDOOR_TRUSTED_PROXIES", "10.0.0.0/8, ::1"}})));
  EXPECT_EQ(config.trusted_proxies, "10.0.0.0/8, ::1");
  const auto set = SetConfigValue(config, "trusted_proxies", "10.0.0.0/40");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().field_errors().at(0).field, "trusted_proxies");
  EXPECT_EQ(config.trusted_proxies, "10.0.0.0/8, ::1");
}

TEST(ConfigTest, AMapNeedsATileServerAndTakesACentre) {
  Config config;
  EXPECT_TRUE(config.map.tile_url.empty());
  ASSERT_TRUE(ApplyEnvironment(
      config, EnvOf({{"FRONTDOOR_MAP_TILE_URL", "https://tiles.example.org/{z}/{x}/{y}.png"},
                     {"FRONTDOOR_MAP_CENTRE", " 54.35 , -6.65 "},
                     {"FRONTDOOR_MAP_ATTRIBUTION", "Tiles by the council"}})));
  EXPECT_EQ(config.map.tile_url, "https://tiles.example.org/{z}/{x}/{y}.png");
  EXPECT_DOUBLE_EQ(config.map.centre_lat, 54.35);
  EXPECT_DOUBLE_EQ(config.map.centre_lon, -6.65);
  EXPECT_EQ(config.map.attribution, "Tiles by the council");
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"map_tile_url", "https://tiles.example.org/{z}/{x}.png"},
           {"map_tile_url", "javascript:alert(1)/{z}/{x}/{y}"},
           {"map_centre", "54.35"},
           {"map_centre", "95,-6"},
           {"map_centre", "54,abc"},
           {"map_attribution", std::string(201, 'a')}}) {
    const auto set = SetConfigValue(config, key, value);
    ASSERT_FALSE(set) << key << "=" << value;
    EXPECT_EQ(set.error().field_errors().at(0).field, key);
  }
  ASSERT_TRUE(SetConfigValue(config, "map_tile_url", ""));  // turns the map off again
  EXPECT_TRUE(config.map.tile_url.empty());
}

TEST(ConfigTest, SmtpIsOffByDefaultAndItsUrlAndSenderAreChecked) {
  Config config;
  EXPECT_TRUE(config.smtp_url.empty());
  ASSERT_TRUE(ApplyEnvironment(config, EnvOf({{"FRONTDOOR_SMTP_URL", "smtp+starttls://mx:587"},
                                              {"FRONTDOOR_SMTP_FROM", "noreply@council.example"},
                                              {"FRONTDOOR_SMTP_USERNAME", "frontdoor"},
                                              {"FRONTDOOR_SMTP_PASSWORD", "s3cret"}})));
  EXPECT_EQ(config.smtp_url, "smtp+starttls://mx:587");
  EXPECT_EQ(config.smtp_from, "noreply@council.example");
  EXPECT_EQ(config.smtp_username, "frontdoor");
  EXPECT_EQ(config.smtp_password, "s3cret");
  for (const auto& [key, value] :
       {std::pair{"smtp_url", "http://mx"}, std::pair{"smtp_url", "smtp://"},
        std::pair{"smtp_from", "no-at-sign"}, std::pair{"smtp_from", "a@b.c\r\nBcc: x@y.z"},
        std::pair{"smtp_from", "Council <a@b.c>"}}) {
    const auto set = SetConfigValue(config, key, value);
    ASSERT_FALSE(set) << key << "=" << value;
    EXPECT_EQ(set.error().field_errors().at(0).field, key);
  }
  EXPECT_TRUE(SetConfigValue(config, "smtp_url", ""));  // off again
}

TEST(ConfigTest, UnknownKeyIsRefused) {
  Config config;
  auto set = SetConfigValue(config, "colour", "blue");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().field_errors().front().field, "colour");
}

TEST(ConfigTest, DatabaseUrlMustNameABackend) {
  Config config;
  EXPECT_FALSE(SetConfigValue(config, "db", "mysql://x"));
  EXPECT_TRUE(SetConfigValue(config, "db", "postgresql://u@127.0.0.1/db"));
}

TEST(ConfigTest, ListenParsesHostAndPort) {
  auto parsed = ParseListen("127.0.0.1:0");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->host, "127.0.0.1");
  EXPECT_EQ(parsed->port, 0);
  EXPECT_EQ(ParseListen("[::1]:8080")->host, "::1");
  EXPECT_FALSE(ParseListen("localhost"));
  EXPECT_FALSE(ParseListen("127.0.0.1:70000"));
}

}  // namespace
}  // namespace frontdoor::app
