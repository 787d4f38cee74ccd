#include "frontdoor/notify/message.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace frontdoor::notify {
namespace {

OutgoingMail Mail() {
  OutgoingMail mail;
  mail.from = "noreply@council.example";
  mail.from_name = "Belfast City Council";
  mail.to = "citizen@example.com";
  mail.subject = "Your sign-in code";
  mail.text_body = "Your code is 123456.\n";
  mail.message_id = "abc123@council.example";
  mail.date = FromUnixMicros(1'796'112'000'000'000);  // Tue 1 Dec 2026 08:00:00 UTC
  return mail;
}

std::string Header(const std::string& message, const std::string& name) {
  const auto at = message.find("\r\n" + name + ": ");
  if (at == std::string::npos) {
    return message.starts_with(name + ": ")
               ? message.substr(name.size() + 2, message.find("\r\n") - name.size() - 2)
               : "";
  }
  const auto start = at + name.size() + 4;
  return message.substr(start, message.find("\r\n", start) - start);
}

TEST(MessageTest, HasTheHeadersRfc5322AndMimeAsk) {
  auto built = BuildMessage(Mail());
  ASSERT_TRUE(built) << built.error().message();
  EXPECT_EQ(Header(*built, "Date"), "Tue, 01 Dec 2026 08:00:00 +0000");
  EXPECT_EQ(Header(*built, "From"), "Belfast City Council <noreply@council.example>");
  EXPECT_EQ(Header(*built, "To"), "<citizen@example.com>");
  EXPECT_EQ(Header(*built, "Subject"), "Your sign-in code");
  EXPECT_EQ(Header(*built, "Message-ID"), "<abc123@council.example>");
  EXPECT_EQ(Header(*built, "MIME-Version"), "1.0");
  EXPECT_EQ(Header(*built, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(Header(*built, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_NE(built->find("\r\n\r\nYour code is 123456.\r\n"), std::string::npos);
  // Every line ends CRLF: no bare LF.
  for (std::size_t i = 0; i < built->size(); ++i) {
    if ((*built)[i] == '\n') {
      ASSERT_GT(i, 0U);
      EXPECT_EQ((*built)[i - 1], '\r');
    }
  }
}

TEST(MessageTest, LineBreaksInAnyHeaderValueAreRefusedNamingTheField) {
  const std::vector<std::pair<std::string, std::string OutgoingMail::*>> fields{
      {"from", &OutgoingMail::from},
      {"from_name", &OutgoingMail::from_name},
      {"to", &OutgoingMail::to},
      {"subject", &OutgoingMail::subject},
      {"message_id", &OutgoingMail::message_id}};
  for (const auto& [name, member] : fields) {
    for (const std::string& evil :
         {std::string("\r\nBcc: victim@example.com"), std::string("\nX: y"), std::string("\r"),
          std::string("a\0b", 3)}) {
      OutgoingMail mail = Mail();
      mail.*member += evil;
      auto built = BuildMessage(mail);
      ASSERT_FALSE(built) << name;
      EXPECT_EQ(built.error().code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(built.error().field_errors()[0].field, name);
    }
  }
}

TEST(MessageTest, AddressesMustBePlainAddrSpecs) {
  for (const std::string bad :
       {"", "no-at", "a@b@c", "Name <a@b.c>", "a@b.c, other@d.e", "é@b.c", "a @b.c"}) {
    OutgoingMail mail = Mail();
    mail.to = bad;
    auto built = BuildMessage(mail);
    ASSERT_FALSE(built) << bad;
    EXPECT_EQ(built.error().field_errors()[0].field, "to");
  }
}

TEST(MessageTest, NonAsciiSubjectIsEncodedWordsThatDecodeBack) {
  OutgoingMail mail = Mail();
  mail.subject = "Fuaireamar do thuairisc – tá sé go léir ceart go leor, a Sheáin Uí Bhriain";
  auto built = BuildMessage(mail);
  ASSERT_TRUE(built);
  const std::string subject = EncodeHeaderWords(mail.subject);
  EXPECT_NE(built->find("Subject: " + subject + "\r\n"), std::string::npos);
  std::string decoded;
  std::size_t at = 0;
  while ((at = subject.find("=?UTF-8?B?", at)) != std::string::npos) {
    const auto start = at + 10;
    const auto end = subject.find("?=", start);
    ASSERT_NE(end, std::string::npos);
    const std::string b64 = subject.substr(start, end - start);
    EXPECT_LE(end + 2 - at, 75U);  // RFC 2047: an encoded word is at most 75 characters
    std::string bin(b64.size(), '\0');
    std::size_t len = 0;
    ASSERT_EQ(
        sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.data(),
                          b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
        0);
    bin.resize(len);
    decoded += bin;
    at = end;
  }
  EXPECT_EQ(decoded, mail.subject);
}

TEST(MessageTest, QuotedPrintableKeepsLinesShortAndEscapesWhatItMust) {
  EXPECT_EQ(QuotedPrintable("a=b"), "a=3Db");
  EXPECT_EQ(QuotedPrintable("Seán"), "Se=C3=A1n");
  EXPECT_EQ(QuotedPrintable("trailing \nnext"), "trailing=20\r\nnext");
  EXPECT_EQ(QuotedPrintable(".\n.x"), "=2E\r\n=2Ex");
  EXPECT_EQ(QuotedPrintable("a\r\nb\rc"), "a\r\nb\r\nc");
  const std::string long_line(200, 'x');
  const std::string encoded = QuotedPrintable(long_line);
  std::size_t start = 0;
  std::string joined;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) {
      end = encoded.size();
    }
    std::string line = encoded.substr(start, end - start);
    EXPECT_LE(line.size(), 76U);
    if (line.ends_with("=")) {
      line.pop_back();
    }
    joined += line;
    start = end + 2;
  }
  EXPECT_EQ(joined, long_line);
}

TEST(MessageTest, HtmlAlternativeIsMultipart) {
  OutgoingMail mail = Mail();
  mail.html_body = "<p>Your code is <b>123456</b></p>";
  auto built = BuildMessage(mail);
  ASSERT_TRUE(built);
  EXPECT_NE(built->find("multipart/alternative"), std::string::npos);
  EXPECT_NE(built->find("text/html; charset=utf-8"), std::string::npos);
  EXPECT_NE(built->find("--=_frontdoor_alternative--"), std::string::npos);
}

TEST(MessageTest, MessageIdsAreUniqueAtTheSendersDomain) {
  EXPECT_EQ(DomainOf("noreply@council.example"), "council.example");
  const Instant now = FromUnixMicros(1'795'000'000'000'000);
  const std::string a = NewMessageId("council.example", now);
  EXPECT_NE(a, NewMessageId("council.example", now));
  EXPECT_TRUE(a.ends_with("@council.example"));
}

// The outbox's unique index on message_id then grows at its end, as the case's own indexes
// do, instead of dirtying a random page inside every create's commit.
TEST(MessageTest, MessageIdsSortInTheOrderTheyWereMade) {
  const Instant first = FromUnixMicros(1'795'000'000'000'000);
  for (const auto later : {std::chrono::microseconds(1), std::chrono::microseconds(86'400'000'000),
                           std::chrono::microseconds(1'000'000'000'000'000)}) {
    EXPECT_LT(NewMessageId("council.example", first),
              NewMessageId("council.example", first + later));
  }
}

}  // namespace
}  // namespace frontdoor::notify
