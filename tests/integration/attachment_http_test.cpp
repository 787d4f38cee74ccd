// Attachment routes over real sockets against real databases (SQLite and PostgreSQL):
// multipart uploads of real images, refusals by content, size and syntax, byte-identical
// downloads, public media, and authentication.
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/api/attachment_routes.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "attachment_fixture.hpp"
#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"

namespace frontdoor::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view kBoundary = "----FrontdoorTestBoundary7MA4YWxkTrZu0gW";

struct Part {
  std::string name;
  std::optional<std::string> filename;
  std::string body;
};

std::string MultipartBody(const std::vector<Part>& parts) {
  std::string out;
  for (const auto& part : parts) {
    out += "--" + std::string(kBoundary) + "\r\nContent-Disposition: form-data; name=\"" +
           part.name + "\"";
    if (part.filename) {
      out += "; filename=\"" + *part.filename + "\"\r\nContent-Type: image/jpeg";
    }
    out += "\r\n\r\n" + part.body + "\r\n";
  }
  return out + "--" + std::string(kBoundary) + "--\r\n";
}

struct Reply {
  int status = 0;
  std::string head;
  std::string body;
  json::value json;

  [[nodiscard]] std::string Header(std::string_view name) const {
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = head.find(key);
    if (at == std::string::npos) {
      return {};
    }
    const auto start = at + key.size();
    return head.substr(start, head.find("\r\n", start) - start);
  }
  [[nodiscard]] std::string Str(std::string_view key) const {
    const auto* object = json.if_object();
    const auto* value = object != nullptr ? object->if_contains(key) : nullptr;
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }
  [[nodiscard]] std::string Field() const { return ErrorText("field"); }
  [[nodiscard]] std::string ErrorText(std::string_view key) const {
    const auto* object = json.if_object();
    const auto* error = object != nullptr ? object->if_contains("error") : nullptr;
    const auto* value = error != nullptr ? error->as_object().if_contains(key) : nullptr;
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
  }
};

std::string Describe(const Reply& reply) {
  return std::to_string(reply.status) + " " + reply.body.substr(0, 300);
}

Reply Parse(const std::string& raw) {
  Reply reply;
  reply.status = StatusOf(raw);
  reply.head = raw.substr(0, raw.find("\r\n\r\n"));
  reply.body = BodyOf(raw);
  boost::system::error_code ec;
  reply.json = json::parse(reply.body, ec);
  if (ec) {
    reply.json = nullptr;
  }
  return reply;
}

class AttachmentHttpTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    world_ = std::make_unique<AttachmentWorld>(GetParam());
    reference_ = world_->NewCase();
    ASSERT_FALSE(reference_.empty());
    key_ = NewApiKey(world_->store(), world_->clock(), "desk");
    ASSERT_FALSE(key_.empty());
    api::AddAttachmentRoutes(
        router_, world_->ctx(),
        world_->store().ReadsMayBlock() ? http::Execution::kBlocking : http::Execution::kInline);
    server_ = TestServer::Start(router_, 2, 2, kMaxBody);
    ASSERT_TRUE(server_);
    port_ = server_->port();
  }

  void TearDown() override { StopAndExpectNoFailures(server_); }

  Reply Send(std::string_view method, std::string_view target, std::string_view content_type,
             std::string_view body, const std::optional<std::string>& authorization = std::nullopt,
             std::string_view extra_headers = {}) {
    std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
    request += "Host: test\r\n";
    const std::string auth = authorization.value_or("Bearer " + key_);
    if (!auth.empty()) {
      request += "Authorization: " + auth + "\r\n";
    }
    if (method == "POST") {
      request += "Content-Type: " + std::string(content_type) + "\r\n";
      request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += std::string(extra_headers);
    request += "Connection: close\r\n\r\n";
    request += body;
    return Parse(HttpRequest(port_, request));
  }

  Reply Upload(const std::vector<Part>& parts, std::string_view reference = {}) {
    return Send("POST", AttachmentsPath(reference),
                "multipart/form-data; boundary=" + std::string(kBoundary), MultipartBody(parts));
  }

  Reply Get(std::string_view target, const std::optional<std::string>& authorization = std::nullopt,
            std::string_view extra_headers = {}) {
    return Send("GET", target, {}, {}, authorization, extra_headers);
  }

  std::string AttachmentsPath(std::string_view reference = {}) const {
    return "/api/v1/cases/" + std::string(reference.empty() ? reference_ : reference) +
           "/attachments";
  }

  // Every staff route answers 401 with a challenge to `auth` (none, or a wrong key).
  void ExpectRefused(const std::string& auth, const std::string& url) {
    const auto upload =
        Send("POST", AttachmentsPath(), "multipart/form-data; boundary=" + std::string(kBoundary),
             MultipartBody({{"file", "a.png", std::string(kTinyPng)}}), auth);
    EXPECT_EQ(upload.status, 401) << auth;
    EXPECT_FALSE(upload.Header("WWW-Authenticate").empty()) << auth;
    EXPECT_EQ(Get(AttachmentsPath(), auth).status, 401) << auth;
    EXPECT_EQ(Get(url, auth).status, 401) << auth;
  }

  static constexpr std::size_t kMaxBody = usecase::kMaxAttachmentBytes + std::size_t{1024} * 1024;

  std::unique_ptr<AttachmentWorld> world_;
  std::string reference_;
  std::string key_;
  http::Router router_;
  std::unique_ptr<TestServer> server_;
  std::uint16_t port_ = 0;
};

TEST_P(AttachmentHttpTest, APngUploadDownloadsByteForByte) {
  const auto created = Upload({{"file", "pothole.jpg", std::string(kTinyPng)}});
  ASSERT_EQ(created.status, 201) << Describe(created);
  EXPECT_EQ(created.Str("media_type"), "image/png");  // judged by content, not by name
  EXPECT_EQ(created.Str("filename"), "pothole.png");
  EXPECT_EQ(created.Str("case_reference"), reference_);
  EXPECT_EQ(created.Str("sha256"), usecase::Sha256Hex(kTinyPng));
  EXPECT_FALSE(created.json.at("public").as_bool());
  EXPECT_TRUE(created.json.at("media_url").is_null());
  EXPECT_EQ(created.Str("actor"), "apikey:desk");
  const std::string url = created.Str("url");
  EXPECT_EQ(created.Header("Location"), url);

  const auto listed = Get(AttachmentsPath());
  ASSERT_EQ(listed.status, 200) << Describe(listed);
  ASSERT_EQ(listed.json.at("attachments").as_array().size(), 1U);

  const auto download = Get(url);
  ASSERT_EQ(download.status, 200) << Describe(download);
  EXPECT_EQ(download.body, kTinyPng);
  EXPECT_EQ(download.Header("Content-Type"), "image/png");
  EXPECT_EQ(download.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(download.Header("Content-Disposition"),
            "attachment; filename=\"pothole.png\"; filename*=UTF-8''pothole.png");
}

TEST_P(AttachmentHttpTest, APublicJpegIsServedAsMediaWithoutAKey) {
  const std::string jpeg = TinyJpeg();
  const auto created = Upload({{"public", std::nullopt, "true"}, {"file", "IMG_0042.JPG", jpeg}});
  ASSERT_EQ(created.status, 201) << Describe(created);
  EXPECT_EQ(created.Str("media_type"), "image/jpeg");
  const std::string media_url = created.Str("media_url");
  EXPECT_EQ(media_url, "/media/" + usecase::Sha256Hex(jpeg) + ".jpg");

  const auto media = Get(media_url, "");
  ASSERT_EQ(media.status, 200) << Describe(media);
  EXPECT_EQ(media.body, jpeg);
  EXPECT_EQ(media.Header("Content-Type"), "image/jpeg");
  EXPECT_EQ(media.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(media.Header("Cache-Control").find("immutable"), std::string::npos);

  const auto again = Get(media_url, "", "If-None-Match: " + media.Header("ETag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(Get("/media/" + usecase::Sha256Hex(jpeg) + ".png", "").status, 404);
}

TEST_P(AttachmentHttpTest, APrivateFileIsNotMedia) {
  const auto created = Upload({{"file", "a.png", std::string(kTinyPng)}});
  ASSERT_EQ(created.status, 201) << Describe(created);
  EXPECT_EQ(Get("/media/" + created.Str("sha256") + ".png", "").status, 404);
  EXPECT_EQ(Get("/media/..%2F..%2Fetc%2Fpasswd.png", "").status, 404);
}

TEST_P(AttachmentHttpTest, AnExecutableNamedJpgIsRefusedNamingFile) {
  const auto refused = Upload({{"file", "photo.jpg", std::string(kElfExecutable)}});
  ASSERT_EQ(refused.status, 422) << Describe(refused);
  EXPECT_EQ(refused.Field(), "file");
  EXPECT_EQ(Get(AttachmentsPath()).json.at("attachments").as_array().size(), 0U);
}

TEST_P(AttachmentHttpTest, AFileOverTheLimitIs413) {
  std::string big(kTinyPng);
  big.resize(usecase::kMaxAttachmentBytes + 1, '\x5A');
  const auto refused = Upload({{"file", "big.png", big}});
  EXPECT_EQ(refused.status, 413) << Describe(refused);
  // A body over the server's limit is refused from its Content-Length alone.
  const std::string head = "POST " + AttachmentsPath() +
                           " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + key_ +
                           "\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                           "Content-Length: " +
                           std::to_string(kMaxBody + 1) + "\r\n\r\n";
  EXPECT_EQ(Parse(HttpRequest(port_, head)).status, 413);
}

TEST_P(AttachmentHttpTest, MalformedMultipartIs400) {
  const std::string type = "multipart/form-data; boundary=" + std::string(kBoundary);
  const std::string valid = MultipartBody({{"file", "a.png", std::string(kTinyPng)}});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {type, valid.substr(0, valid.size() - 12)},               // cut before the end
      {type, "garbage without any boundary"},                   // no boundary in the body
      {"multipart/form-data", valid},                           // no boundary parameter
      {"multipart/form-data; boundary=\"unterminated", valid},  // broken parameter
      {"application/json", R"({"file":"x"})"},                  // not multipart at all
      {type, "--" + std::string(kBoundary) + "\r\nX: y\r\n\r\nz\r\n--" + std::string(kBoundary) +
                 "--"},  // no Content-Disposition
  };
  for (const auto& [content_type, body] : cases) {
    const auto reply = Send("POST", AttachmentsPath(), content_type, body);
    EXPECT_EQ(reply.status, 400) << content_type << ": " << Describe(reply);
    EXPECT_EQ(reply.ErrorText("code"), "malformed") << Describe(reply);
  }
}

TEST_P(AttachmentHttpTest, WrongFieldsAre422NamingTheField) {
  const auto no_file = Upload({{"public", std::nullopt, "true"}});
  EXPECT_EQ(no_file.status, 422);
  EXPECT_EQ(no_file.Field(), "file");
  const auto two_files =
      Upload({{"file", "a.png", std::string(kTinyPng)}, {"file", "b.png", std::string(kTinyPng)}});
  EXPECT_EQ(two_files.status, 422);
  EXPECT_EQ(two_files.Field(), "file");
  const auto bad_public =
      Upload({{"file", "a.png", std::string(kTinyPng)}, {"public", std::nullopt, "maybe"}});
  EXPECT_EQ(bad_public.status, 422);
  EXPECT_EQ(bad_public.Field(), "public");
  const auto unknown =
      Upload({{"file", "a.png", std::string(kTinyPng)}, {"colour", std::nullopt, "red"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.Field(), "colour");
  const auto empty = Upload({{"file", "a.png", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.Field(), "file");
}

TEST_P(AttachmentHttpTest, StaffRoutesNeedAKey) {
  const auto created = Upload({{"file", "a.png", std::string(kTinyPng)}});
  ASSERT_EQ(created.status, 201);
  ExpectRefused("", created.Str("url"));
  ExpectRefused("Bearer wrong-key", created.Str("url"));
}

TEST_P(AttachmentHttpTest, UnknownCasesAndAttachmentsAre404) {
  EXPECT_EQ(Upload({{"file", "a.png", std::string(kTinyPng)}}, "BCC-26-999999").status, 404);
  EXPECT_EQ(Get(AttachmentsPath("BCC-26-999999")).status, 404);
  EXPECT_EQ(Get(AttachmentsPath("%FF%FE")).status, 404);
  EXPECT_EQ(Get(AttachmentsPath() + "/1").status, 404);
  EXPECT_EQ(Get(AttachmentsPath() + "/not-a-number").status, 404);
  EXPECT_EQ(Get(AttachmentsPath() + "/99999999999999999999999").status, 404);
  const std::string other = world_->NewCase();
  const auto created = Upload({{"file", "a.png", std::string(kTinyPng)}}, other);
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(Get(AttachmentsPath() + "/" + std::to_string(created.json.at("id").as_int64())).status,
            404);  // another case's attachment
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentHttpTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
