// POST /api/v1/inbound/email over real sockets against real databases (SQLite and
// PostgreSQL): the shared secret (missing, wrong, unset on the server), the media type, what
// the answer says about the message, and hostile bodies.
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/inbound_email_routes.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view kSecret = "2f1d0c9b8a7e6d5c4b3a29180f7e6d5c";

std::string Corpus(const std::string& name) {
  std::ifstream file(std::string(FRONTDOOR_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  EXPECT_TRUE(file) << name;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

struct Reply {
  int status = 0;
  std::string head;
  json::value body;

  [[nodiscard]] std::string Header(std::string_view name) const {
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = head.find(key);
    return at == std::string::npos
               ? std::string()
               : head.substr(at + key.size(), head.find("\r\n", at + key.size()) - at - key.size());
  }
  [[nodiscard]] std::string Text(std::string_view key) const {
    const auto* object = body.if_object();
    const auto* value = object != nullptr ? object->if_contains(key) : nullptr;
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }
  [[nodiscard]] std::string ErrorCode() const {
    const auto* object = body.if_object();
    const auto* error = object != nullptr ? object->if_contains("error") : nullptr;
    return error != nullptr ? std::string(error->at("code").as_string()) : "";
  }
};

class InboundEmailHttpTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    usecase::ServiceInput triage;
    triage.code = "general-enquiry";
    triage.name = "General enquiry";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, triage));
  }

  void Start(std::string secret) {
    api::InboundEmailSettings settings;
    settings.secret = std::move(secret);
    api::AddInboundEmailRoutes(router_, *ctx_, std::move(settings));
    server_ = TestServer::Start(router_, 1, 2, std::size_t{2} * 1024 * 1024);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Post(std::string_view body,
             const std::optional<std::string>& authorization = "Bearer " + std::string(kSecret),
             std::string_view content_type = "message/rfc822") {
    std::string request = "POST /api/v1/inbound/email HTTP/1.1\r\nHost: test\r\n";
    if (authorization) {
      request += "Authorization: " + *authorization + "\r\n";
    }
    request += "Content-Type: " + std::string(content_type) + "\r\n";
    request += "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    request += body;
    const std::string raw = HttpRequest(port_, request);
    Reply reply;
    reply.status = StatusOf(raw);
    reply.head = raw.substr(0, raw.find("\r\n\r\n"));
    boost::system::error_code ec;
    reply.body = json::parse(BodyOf(raw), ec);
    return reply;
  }

  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(InboundEmailHttpTest, NewMessageIs201WithTheCaseThenADuplicateIs200) {
  Start(std::string(kSecret));
  const auto created = Post(Corpus("gmail_new_report.eml"));
  ASSERT_EQ(created.status, 201) << json::serialize(created.body);
  EXPECT_EQ(created.Text("outcome"), "case_raised");
  EXPECT_EQ(created.Text("reference"), "BCC-26-000001");
  EXPECT_EQ(created.Text("message_id"), "CAJx3Kf0q9Y2h+7T4nTz1xQ@mail.gmail.example");
  EXPECT_EQ(created.Header("Location"), "/api/v1/cases/BCC-26-000001");

  const auto again = Post(Corpus("duplicate_redelivery.eml"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.Text("outcome"), "duplicate");
  EXPECT_EQ(again.Text("reference"), "BCC-26-000001");

  const auto reply = Post(Corpus("reply_outlook_quoted.eml"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Text("outcome"), "commented");
}

TEST_P(InboundEmailHttpTest, AutoReplyIs200IgnoredWithTheReason) {
  Start(std::string(kSecret));
  const auto ignored = Post(Corpus("bounce_dsn.eml"));
  EXPECT_EQ(ignored.status, 200);
  EXPECT_EQ(ignored.Text("outcome"), "ignored");
  EXPECT_TRUE(ignored.body.at("reference").is_null());
  EXPECT_NE(ignored.Text("detail").find("bounce"), std::string::npos);
}

TEST_P(InboundEmailHttpTest, WrongOrMissingSecretIs401WithAChallenge) {
  Start(std::string(kSecret));
  for (const std::optional<std::string>& auth :
       {std::optional<std::string>(), std::optional<std::string>("Bearer wrong"),
        std::optional<std::string>("Bearer " + std::string(kSecret) + "x"),
        std::optional<std::string>("Basic " + std::string(kSecret)),
        std::optional<std::string>("Bearer " + std::string(kSecret.substr(0, 31)))}) {
    const auto refused = Post(Corpus("gmail_new_report.eml"), auth);
    EXPECT_EQ(refused.status, 401) << auth.value_or("(none)");
    EXPECT_EQ(refused.ErrorCode(), "unauthenticated");
    EXPECT_TRUE(refused.Header("WWW-Authenticate").starts_with("Bearer realm="));
  }
  // The scheme is case-insensitive.
  EXPECT_EQ(Post(Corpus("gmail_new_report.eml"), "bearer " + std::string(kSecret)).status, 201);
}

TEST_P(InboundEmailHttpTest, WithoutAConfiguredSecretTheRouteIsUnavailable) {
  Start("");
  const auto off = Post(Corpus("gmail_new_report.eml"), "Bearer ");
  EXPECT_EQ(off.status, 503);
  EXPECT_EQ(off.ErrorCode(), "unavailable");
  // The operator switched it off: the relay's administrator is told what to set.
  EXPECT_NE(json::serialize(off.body).find("inbound_email_secret"), std::string::npos);
  EXPECT_EQ(Post(Corpus("gmail_new_report.eml")).status, 503);
}

TEST_P(InboundEmailHttpTest, OnlyMessageRfc822IsAccepted) {
  Start(std::string(kSecret));
  const auto json_body =
      Post(Corpus("gmail_new_report.eml"), "Bearer " + std::string(kSecret), "application/json");
  EXPECT_EQ(json_body.status, 415);
  EXPECT_EQ(Post(Corpus("gmail_new_report.eml"), "Bearer " + std::string(kSecret),
                 "Message/RFC822; charset=utf-8")
                .status,
            201);
}

TEST_P(InboundEmailHttpTest, HostileBodiesGetClearErrorsNever500) {
  Start(std::string(kSecret));
  EXPECT_EQ(Post("").status, 400);
  EXPECT_EQ(Post("not an email at all").ErrorCode(), "malformed");
  std::string nested = "From: a@example.net\nMIME-Version: 1.0\n";
  for (int i = 0; i < 5000; ++i) {
    nested += "Content-Type: multipart/mixed; boundary=b\n\n--b\n";
  }
  EXPECT_EQ(Post(nested).status, 400);
  std::string binary;
  for (int i = 0; i < 100000; ++i) {
    binary += static_cast<char>(i * 31 % 256);
  }
  const auto garbage = Post("From: x@example.net\n\n" + binary);
  EXPECT_TRUE(garbage.status == 201 || garbage.status == 400) << garbage.status;
  // Over the server's body limit: refused before the handler runs.
  EXPECT_EQ(Post("From: a@example.net\n\n" + std::string(std::size_t{3} * 1024 * 1024, 'x')).status,
            413);
}

INSTANTIATE_TEST_SUITE_P(Backends, InboundEmailHttpTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
