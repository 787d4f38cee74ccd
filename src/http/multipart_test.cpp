#include "frontdoor/http/multipart.hpp"

#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

// What a browser sends for a form with a text field and a file input.
std::string BrowserBody() {
  return std::string(
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"public\"\r\n"
      "\r\n"
      "true\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"pot hole.png\"\r\n"
      "Content-Type: image/png\r\n"
      "\r\n"
      "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\r\n"
      "--XyZ--\r\n"sv);
}

std::vector<MultipartPart> MustParse(std::string_view type, std::string_view body) {
  auto parts = ParseMultipart(type, body);
  EXPECT_TRUE(parts) << (parts ? "" : parts.error().message());
  return parts ? *parts : std::vector<MultipartPart>();
}

std::string MalformedMessage(std::string_view type, std::string_view body,
                             const MultipartLimits& limits = {}) {
  auto parts = ParseMultipart(type, body, limits);
  if (parts) {
    ADD_FAILURE() << "accepted: " << body;
    return "";
  }
  EXPECT_EQ(parts.error().code(), ErrorCode::kMalformed);
  return parts.error().message();
}

TEST(MultipartTest, SplitsFieldsAndFilesWithoutCopyingTheBytes) {
  const std::string body = BrowserBody();
  const auto parts = MustParse(kType, body);
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_EQ(parts[0].name, "public");
  EXPECT_FALSE(parts[0].filename);
  EXPECT_EQ(parts[0].body, "true");
  EXPECT_EQ(parts[1].name, "file");
  EXPECT_EQ(parts[1].filename, "pot hole.png");
  EXPECT_EQ(parts[1].content_type, "image/png");
  EXPECT_EQ(parts[1].body, "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"sv);  // CRLF and NUL inside survive
  EXPECT_GE(parts[1].body.data(), body.data());
  EXPECT_LE(parts[1].body.data() + parts[1].body.size(), body.data() + body.size());
}

TEST(MultipartTest, BoundaryMayBeQuotedAndParametersInAnyCase) {
  const std::string body =
      "--a b:c=d\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b:c=d--";
  const auto parts = MustParse(R"(Multipart/Form-Data; charset=utf-8; BOUNDARY="a b:c=d")", body);
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].name, "x");
  EXPECT_EQ(parts[0].body, "1");
}

TEST(MultipartTest, UnquotedBoundaryWithEqualsSignsAsSomeClientsSend) {
  const std::string body =
      "--==abc==\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--==abc==--\r\n";
  const auto parts = MustParse("multipart/form-data;boundary===abc==", body);
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].body, "v");
}

TEST(MultipartTest, PreambleEpilogueAndTransportPaddingAreIgnored) {
  const std::string body =
      "This is a preamble.\r\n--XyZ  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
      "v\r\n--XyZ-- trailing words\r\nepilogue";
  const auto parts = MustParse(kType, body);
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].body, "v");
}

TEST(MultipartTest, FixMyStreetPhotosBesideOrdinaryFields) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\nPOT\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nDeep\r\nhole\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"photo1\"; filename=\"1.jpeg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE0\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"photo2\"; filename=\"2.jpeg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE1\r\n--B--\r\n";
  const auto parts = MustParse("multipart/form-data; boundary=B", body);
  ASSERT_EQ(parts.size(), 4U);
  ASSERT_NE(FindPart(parts, "photo2"), nullptr);
  EXPECT_EQ(FindPart(parts, "photo2")->body, "\xFF\xD8\xFF\xE1");
  EXPECT_EQ(FindPart(parts, "photo3"), nullptr);
  const auto fields = TextFields(parts);
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->fields().size(), 2U);  // the photos are not form fields
  EXPECT_EQ(fields->First("description"), "Deep\r\nhole");
}

TEST(MultipartTest, ExtendedFilenameWinsAndIsDecoded) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Failte.png\"; "
      "filename*=UTF-8''F%C3%A1ilte%20Ula.png\r\n\r\nx\r\n--XyZ--";
  const auto parts = MustParse(kType, body);
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].filename, "F\xC3\xA1ilte Ula.png");
  const std::string latin =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename*=iso-8859-1'en'caf%E9.txt\r\n\r\nx\r\n--XyZ--";
  const auto latin_parts = MustParse(kType, latin);
  ASSERT_EQ(latin_parts.size(), 1U);
  EXPECT_EQ(latin_parts[0].filename, "caf\xC3\xA9.txt");
}

TEST(MultipartTest, QuotedValuesKeepEscapedQuotesAndSemicolons) {
  const std::string body =
      "--XyZ\r\ncontent-disposition: FORM-DATA; name=\"a\\\"b;c\"; filename=\"x;y.pdf\"\r\n"
      "Content-Transfer-Encoding: binary\r\nX-Unknown: ignored\r\n\r\n%PDF-\r\n--XyZ--";
  const auto parts = MustParse(kType, body);
  ASSERT_EQ(parts.size(), 1U);
  EXPECT_EQ(parts[0].name, "a\"b;c");
  EXPECT_EQ(parts[0].filename, "x;y.pdf");
}

TEST(MultipartTest, EmptyValuesAndEmptyFilesAreParts) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n\r\n--XyZ--";
  const auto parts = MustParse(kType, body);
  ASSERT_EQ(parts.size(), 2U);
  EXPECT_EQ(parts[0].body, "");
  EXPECT_EQ(parts[1].filename, "");
  EXPECT_EQ(parts[1].body, "");
}

struct BadCase {
  const char* rule;
  std::string_view content_type;
  std::string_view body;
  std::string_view message_part;
};

class MultipartMalformedTest : public testing::TestWithParam<BadCase> {};

TEST_P(MultipartMalformedTest, IsRefusedWithAClearMessage) {
  const BadCase& c = GetParam();
  const auto message = MalformedMessage(c.content_type, c.body);
  EXPECT_NE(message.find(c.message_part), std::string::npos) << c.rule << ": " << message;
}

constexpr std::string_view kOk = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n";

INSTANTIATE_TEST_SUITE_P(
    Rfc7578, MultipartMalformedTest,
    testing::Values(
        BadCase{"not multipart", "application/json", "{}", "must be multipart/form-data"},
        BadCase{"other multipart", "multipart/mixed; boundary=XyZ", "--XyZ--",
                "must be multipart/form-data"},
        BadCase{"no boundary", "multipart/form-data", "--XyZ--", "no boundary"},
        BadCase{"empty boundary", "multipart/form-data; boundary=\"\"", "----", "boundary must"},
        BadCase{"boundary too long",
                "multipart/form-data; boundary="
                "12345678901234567890123456789012345678901234567890123456789012345678901",
                "--", "boundary must"},
        BadCase{"boundary with a forbidden character", "multipart/form-data; boundary=\"a@b\"",
                "--a@b--", "boundary must"},
        BadCase{"boundary given twice", "multipart/form-data; boundary=a; boundary=b", "--a--",
                "repeats the parameter boundary"},
        BadCase{"unterminated quote", "multipart/form-data; boundary=\"XyZ", "--XyZ--",
                "closing quote"},
        BadCase{"parameter without '='", "multipart/form-data; boundary", "--XyZ--",
                "not name=value"},
        BadCase{"garbage after the type", "multipart/form-data x; boundary=XyZ", "--XyZ--",
                "must be multipart/form-data"},
        BadCase{"boundary absent from the body", kType, "--Other\r\n\r\n--Other--",
                "does not contain the boundary"},
        BadCase{"empty body", kType, "", "does not contain the boundary"},
        BadCase{"no parts", kType, "--XyZ--\r\n", "no parts"},
        BadCase{"no closing boundary", kType, kOk, "ends before its closing boundary"},
        BadCase{"cut after the opening boundary", kType, "--XyZ", "ends before"},
        BadCase{"cut after the opening line", kType, "--XyZ\r\n", "ends before"},
        BadCase{"text after a boundary", kType, "--XyZabc\r\n\r\n--XyZ--", "unexpected text"},
        BadCase{"LF line ends", kType,
                "--XyZ\nContent-Disposition: form-data; name=a\n\nv\n--XyZ--", "unexpected text"},
        BadCase{"no Content-Disposition", kType,
                "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--", "no Content-Disposition"},
        BadCase{"no headers at all", kType, "--XyZ\r\n\r\nv\r\n--XyZ--", "no Content-Disposition"},
        BadCase{"disposition not form-data", kType,
                "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--XyZ--",
                "must be form-data"},
        BadCase{"disposition without name", kType,
                "--XyZ\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--XyZ--",
                "has no name"},
        BadCase{"disposition with an empty name", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--",
                "has no name"},
        BadCase{"two dispositions", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
                "Content-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--",
                "two Content-Disposition"},
        BadCase{"two filenames", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=a; filename=x; filename=y\r\n\r\n"
                "v\r\n--XyZ--",
                "repeats the parameter filename"},
        BadCase{"header without colon", kType,
                "--XyZ\r\nContent-Disposition form-data\r\n\r\nv\r\n--XyZ--", "not name: value"},
        BadCase{"folded header", kType,
                "--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n--XyZ--",
                "folded"},
        BadCase{"headers never end", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=a\r\nv\r\n--XyZ--", "no empty line"},
        BadCase{"base64 transfer encoding", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--XyZ--",
                "Content-Transfer-Encoding"},
        BadCase{"name not UTF-8", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=\"\xFF\"\r\n\r\nv\r\n--XyZ--",
                "not valid UTF-8"},
        BadCase{"bad filename* charset", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=f; filename*=koi8-r''x\r\n\r\n"
                "v\r\n--XyZ--",
                "UTF-8 or ISO-8859-1"},
        BadCase{"bad filename* escape", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=f; filename*=UTF-8''%ZZ\r\n\r\n"
                "v\r\n--XyZ--",
                "percent-encoding"},
        BadCase{"filename* without quotes", kType,
                "--XyZ\r\nContent-Disposition: form-data; name=f; filename*=x.png\r\n\r\n"
                "v\r\n--XyZ--",
                "UTF-8''name"}));

TEST(MultipartTest, TooManyPartsIsRefused) {
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body += "--XyZ\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n";
  }
  body += "--XyZ--";
  MultipartLimits limits;
  limits.max_parts = 3;
  EXPECT_NE(MalformedMessage(kType, body, limits).find("more than 3 parts"), std::string::npos);
  limits.max_parts = 4;
  EXPECT_TRUE(ParseMultipart(kType, body, limits));
}

TEST(MultipartTest, OversizedPartHeadersAreRefused) {
  MultipartLimits limits;
  limits.max_header_bytes = 64;
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"" +
                           std::string(100, 'n') + "\"\r\n\r\nv\r\n--XyZ--";
  EXPECT_NE(MalformedMessage(kType, body, limits).find("longer than 64 bytes"), std::string::npos);
}

TEST(MultipartTest, TextFieldsMustBeUtf8) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n\xC3\x28\r\n--XyZ--";
  const auto parts = MustParse(kType, body);
  const auto fields = TextFields(parts);
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(fields.error().field_errors().at(0).field, "description");
}

// Found by fuzzing (tests/fuzz/regressions/multipart): the error quoted a name of any length.
TEST(MultipartTest, TextFieldsErrorQuotesALongNameCutShort) {
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"" +
                           std::string(1000, 'n') + "\"\r\n\r\n\xC3\x28\r\n--XyZ--";
  const auto fields = TextFields(MustParse(kType, body));
  ASSERT_FALSE(fields);
  EXPECT_EQ(fields.error().field_errors().at(0).field, std::string(64, 'n') + "...");
}

// Parsing hostile input either succeeds with views inside the input or fails as malformed.
void ExpectSafeOutcome(std::string_view content_type, std::string_view body) {
  const auto parts = ParseMultipart(content_type, body);
  if (!parts) {
    EXPECT_EQ(parts.error().code(), ErrorCode::kMalformed);
    return;
  }
  for (const auto& part : *parts) {
    EXPECT_GE(part.body.data(), body.data());
    EXPECT_LE(part.body.data() + part.body.size(), body.data() + body.size());
  }
}

// Every prefix of a valid body is either still valid (the cut fell in the epilogue) or
// refused as malformed; nothing crashes.
TEST(MultipartTest, EveryTruncationIsMalformedNeverACrash) {
  const std::string full = BrowserBody();
  const std::size_t complete = full.find("--XyZ--") + 7;
  for (std::size_t length = 0; length < full.size(); ++length) {
    const std::string cut = full.substr(0, length);
    const bool is_accepted = static_cast<bool>(ParseMultipart(kType, cut));
    EXPECT_EQ(is_accepted, length >= complete) << "cut at " << length;
    ExpectSafeOutcome(kType, cut);
  }
}

class Mutator {
 public:
  // Either any byte, or one of the characters the syntax is made of.
  char Next(bool any_byte) {
    if (any_byte) {
      return static_cast<char>(byte_(random_));
    }
    return kSyntax[random_() % kSyntax.size()];
  }
  std::size_t Below(std::size_t bound) { return random_() % bound; }

 private:
  static constexpr std::string_view kSyntax = "-XyZ\r\n\":;= \\";
  std::mt19937 random_{20260101};  // fixed seed: the same inputs on every run
  std::uniform_int_distribution<int> byte_{0, 255};
};

TEST(MultipartTest, RandomMutationsOfAValidBodyNeverCrash) {
  Mutator mutator;
  const std::string valid = BrowserBody();
  for (int round = 0; round < 3000; ++round) {
    std::string body = valid;
    for (int e = 0; e <= round % 8; ++e) {
      body[mutator.Below(body.size())] = mutator.Next(round % 2 == 0);
    }
    ExpectSafeOutcome(kType, body);
  }
}

TEST(MultipartTest, RandomGarbageNeverCrashes) {
  Mutator mutator;
  const std::string valid = BrowserBody();
  for (int round = 0; round < 500; ++round) {
    std::string garbage(mutator.Below(300), '\0');
    for (auto& c : garbage) {
      c = mutator.Next(round % 2 == 0);
    }
    ExpectSafeOutcome(kType, garbage);
    ExpectSafeOutcome("multipart/form-data; " + garbage, valid);
  }
}

}  // namespace
}  // namespace frontdoor::http
