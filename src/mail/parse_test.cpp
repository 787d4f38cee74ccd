// The parser against the corpus in tests/data/mail (messages shaped like those Gmail, Outlook,
// Apple Mail, Mutt, MTAs and auto-responders send) and against input built to hurt it.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/mail/message.hpp"

namespace frontdoor::mail {
namespace {

std::string Corpus(const std::string& name) {
  std::ifstream file(std::string(FRONTDOOR_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  EXPECT_TRUE(file) << name;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

Message Parse(const std::string& name) {
  auto parsed = ParseMessage(Corpus(name));
  EXPECT_TRUE(parsed) << name << ": " << (parsed ? "" : parsed.error().message());
  return parsed ? std::move(*parsed) : Message{};
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ParseMessageTest, GmailAlternativePrefersThePlainTextAndDecodesHeaders) {
  const Message m = Parse("gmail_new_report.eml");
  EXPECT_EQ(m.message_id, "CAJx3Kf0q9Y2h+7T4nTz1xQ@mail.gmail.example");
  EXPECT_TRUE(m.has_message_id);
  EXPECT_EQ(m.from_address, "Sean.ONeill.BT6@gmail.example");
  EXPECT_EQ(m.from_name, "Se\xC3\xA1n O'Neill");
  EXPECT_EQ(m.subject, "Bin not emptied \xE2\x80\x93 Ravenhill Road");
  ASSERT_EQ(m.to.size(), 1U);
  EXPECT_EQ(m.to[0], "customer.hub@belfastcity.example");
  ASSERT_TRUE(m.date);
  EXPECT_EQ(ToUnixMicros(*m.date), 1'772'556'062'000'000);
  EXPECT_TRUE(
      m.text.starts_with("Hi,\n\nThe black bin outside 14 Ravenhill Road wasn\xE2\x80\x99t"));
  EXPECT_TRUE(m.text.ends_with("Thanks,\nSe\xC3\xA1n"));
  EXPECT_FALSE(Contains(m.text, "<div")) << "the HTML alternative must not be used";
  EXPECT_FALSE(Contains(m.text, "\r"));
  EXPECT_EQ(m.new_text, m.text);
  EXPECT_TRUE(m.attachments.empty());
  EXPECT_EQ(m.automatic, AutomaticKind::kNone);
}

TEST(ParseMessageTest, OutlookLatin1LabelledTextIsReadAsWindows1252WithItsInlineImage) {
  const Message m = Parse("outlook_related_latin1.eml");
  EXPECT_EQ(m.from_name, "M\xC3\xA1ire Nic an tSaoir");
  EXPECT_TRUE(Contains(m.text, "It\xE2\x80\x99s been there since the weekend")) << m.text;
  EXPECT_TRUE(Contains(m.text, "M\xC3\xA1ire Nic an tSaoir\nHead of Operations"));
  ASSERT_EQ(m.attachments.size(), 1U);
  EXPECT_EQ(m.attachments[0].filename, "image001.png");
  EXPECT_EQ(m.attachments[0].media_type, "image/png");
  EXPECT_TRUE(m.attachments[0].content.starts_with("\x89PNG"));
}

TEST(ParseMessageTest, EightBitLatin1BodyAndHeaderBecomeUtf8) {
  const Message m = Parse("latin1_8bit.eml");
  EXPECT_EQ(m.from_name, "Ciar\xC3\xA1n \xC3\x93 Briain");
  EXPECT_TRUE(Contains(m.text, "at the caf\xC3\xA9 end")) << m.text;
  EXPECT_TRUE(IsValidUtf8(m.text));
}

TEST(ParseMessageTest, Windows1252QuotedPrintableKeepsCurlyQuotesEuroAndPound) {
  const Message m = Parse("windows1252_qp.eml");
  EXPECT_EQ(m.from_name, "McAlinden, Niamh");
  EXPECT_TRUE(Contains(m.text,
                       "I\xE2\x80\x99m writing about the \xE2\x80\x9Cpay and display"
                       "\xE2\x80\x9D machine"))
      << m.text;
  EXPECT_TRUE(Contains(m.text,
                       "\xE2\x82\xAC"
                       "2"))
      << m.text;
  EXPECT_TRUE(Contains(m.text,
                       "\xC2\xA3"
                       "3.20"))
      << m.text;
}

TEST(ParseMessageTest, HtmlOnlyMailBecomesReadableText) {
  const Message m = Parse("html_only.eml");
  EXPECT_EQ(m.text,
            "Overgrown hedges\n\n"
            "The hedges along Cliftonville Road are blocking the footpath & people with buggies "
            "have to walk on the road.\n\n"
            "Worst spots:\n\n"
            "- Outside no. 45\n"
            "- Beside the bus stop at Oldpark Avenue\n\n"
            "Photos are on our album <https://photos.residents.example/album/42>.");
}

TEST(ParseMessageTest, Base64AttachmentsKeepTheirRfc2231NamesAndBytes) {
  const Message m = Parse("base64_attachment.eml");
  EXPECT_EQ(m.text,
            "Offensive graffiti has appeared on the wall by the Stranmillis gate. Photo "
            "attached.");
  ASSERT_EQ(m.attachments.size(), 2U);
  EXPECT_EQ(m.attachments[0].filename, "wall photo \xE2\x80\x93 1.png");
  EXPECT_EQ(m.attachments[0].media_type, "image/png");
  EXPECT_TRUE(m.attachments[0].content.starts_with("\x89PNG\r\n\x1A\n"));
  EXPECT_EQ(m.attachments[1].filename, "notes.docx");
  EXPECT_EQ(m.attachments[1].content.size(), 2U + 1024U);
}

TEST(ParseMessageTest, MalformedMimeIsToleratedSoTheCustomerStillGetsACase) {
  const Message m = Parse("malformed_mime.eml");
  EXPECT_EQ(m.message_id, "broken-1@example.net");
  EXPECT_FALSE(m.date) << "an unreadable Date is left out, not invented";
  EXPECT_TRUE(IsValidUtf8(m.subject));
  EXPECT_TRUE(Contains(m.subject, "dog fouling")) << m.subject;
  EXPECT_TRUE(Contains(m.text,
                       "Dog fouling all along the Comber Greenway near the Holywood "
                       "Arches entrance. Caf\xC3\xA9 staff"))
      << m.text;
  EXPECT_TRUE(IsValidUtf8(m.text));
}

TEST(ParseMessageTest, AutoRepliesAreRecognised) {
  for (const char* name :
       {"auto_reply_outlook.eml", "auto_reply_vacation.eml", "newsletter_bulk.eml"}) {
    const Message m = Parse(name);
    EXPECT_EQ(m.automatic, AutomaticKind::kAutoReply) << name;
    EXPECT_FALSE(m.automatic_reason.empty()) << name;
  }
}

TEST(ParseMessageTest, BouncesAreRecognised) {
  const Message dsn = Parse("bounce_dsn.eml");
  EXPECT_EQ(dsn.automatic, AutomaticKind::kBounce);
  const Message ndr = Parse("bounce_postmaster.eml");
  EXPECT_EQ(ndr.automatic, AutomaticKind::kBounce);
  EXPECT_EQ(ndr.automatic_reason, "sent by postmaster@outlook.example");
}

TEST(ParseMessageTest, AnEnvelopeFromLineOfMailerDaemonIsABounce) {
  auto m = ParseMessage(
      "From MAILER-DAEMON Mon Mar  9 09:12:00 2026\nFrom: x@example.net\nSubject: s\n\nbody\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->automatic, AutomaticKind::kBounce);
  EXPECT_EQ(m->text, "body");
}

TEST(ParseMessageTest, AutoSubmittedNoIsAPerson) {
  auto m = ParseMessage("From: x@example.net\nAuto-Submitted: no\nSubject: s\n\nbody\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->automatic, AutomaticKind::kNone);
}

TEST(ParseMessageTest, InlineForwardIsKeptWhole) {
  const Message m = Parse("forwarded_inline_gmail.eml");
  EXPECT_TRUE(Contains(m.text, "---------- Forwarded message ---------\nFrom: Anne Kelly"));
  EXPECT_TRUE(Contains(m.text, "unloading at 3am again."));
}

TEST(ParseMessageTest, ForwardedAsAttachmentShowsTheInnerMessageAndItsFiles) {
  const Message m = Parse("forwarded_as_attachment.eml");
  EXPECT_TRUE(
      m.text.starts_with("Passing this on from a member of the public.\n\n"
                         "---------- Forwarded message ----------\n"
                         "From: Tom Hughes <tom.hughes@example.com>\n"))
      << m.text;
  EXPECT_TRUE(Contains(m.text, "Subject: Abandoned car\n"));
  EXPECT_TRUE(Contains(m.text, "three weeks. Caf\xC3\xA9 owners")) << m.text;
  ASSERT_EQ(m.attachments.size(), 1U);
  EXPECT_EQ(m.attachments[0].filename, "car.png");
}

TEST(ParseMessageTest, ReplyThreadingHeadersAndQuotedTextTrimmed) {
  const Message m = Parse("reply_outlook_quoted.eml");
  ASSERT_EQ(m.in_reply_to.size(), 1U);
  EXPECT_EQ(m.in_reply_to[0], "case-update-BCC-26-000001-2@belfastcity.example");
  ASSERT_EQ(m.references.size(), 2U);
  EXPECT_EQ(m.references[0], "case-ack-BCC-26-000001-1@belfastcity.example");
  EXPECT_TRUE(Contains(m.text, "-----Original Message-----"));
  EXPECT_EQ(m.new_text, "It was not emptied - the bin is still full this morning.\n\nSean");

  const Message gmail = Parse("reply_gmail_thread.eml");
  EXPECT_EQ(gmail.new_text, "Here is another photo from today.");
  EXPECT_EQ(gmail.subject, "Re: Bin not emptied \xE2\x80\x93 Ravenhill Road");
  ASSERT_EQ(gmail.attachments.size(), 1U);
}

TEST(ParseMessageTest, FormatFlowedIsJoined) {
  const Message m = Parse("apple_flowed.eml");
  EXPECT_EQ(m.text,
            "There is a deep pothole on the Shankill Road outside the leisure centre that has "
            "already burst two tyres.\n\nSent from my iPhone");
}

TEST(ParseMessageTest, WithoutMessageIdTheRawBytesNameTheMessage) {
  const std::string raw = Corpus("no_message_id.eml");
  auto first = ParseMessage(raw);
  auto again = ParseMessage(raw);
  ASSERT_TRUE(first);
  ASSERT_TRUE(again);
  EXPECT_FALSE(first->has_message_id);
  EXPECT_TRUE(first->message_id.starts_with("sha256-"));
  EXPECT_EQ(first->message_id.size(), 7U + 64U);
  EXPECT_EQ(first->message_id, again->message_id);
}

TEST(ParseMessageTest, DuplicateRedeliveryHasTheSameMessageId) {
  EXPECT_EQ(Parse("duplicate_redelivery.eml").message_id, Parse("gmail_new_report.eml").message_id);
}

// --- Hostile input ---

TEST(ParseMessageTest, OverTheSizeLimitIsTooLarge) {
  std::string raw = "From: a@example.net\nSubject: big\n\n";
  raw.append(kMaxMessageBytes, 'a');
  auto parsed = ParseMessage(raw);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kPayloadTooLarge);
}

TEST(ParseMessageTest, NotAnEmailIsMalformed) {
  for (const std::string& raw :
       {std::string(), std::string("hello world"), std::string("\n\n\n"),
        std::string(":no name\n\nx"), std::string("\x89PNG\r\n\x1A\n\0\0\0", 11)}) {
    auto parsed = ParseMessage(raw);
    ASSERT_FALSE(parsed) << raw;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed) << raw;
  }
}

TEST(ParseMessageTest, DeeplyNestedMultipartsAreRefusedBeforeGMimeRecursesIntoThem) {
  std::string raw = "From: a@example.net\nSubject: nest\nMIME-Version: 1.0\n";
  for (int i = 0; i < 20000; ++i) {
    raw += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
           std::to_string(i) + "\n";
  }
  raw += "\nleaf\n";
  auto parsed = ParseMessage(raw);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
}

TEST(ParseMessageTest, ManyPartsAreRefused) {
  std::string raw =
      "From: a@example.net\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
      "boundary=x\n\n";
  for (int i = 0; i < 150; ++i) {
    raw += "--x\n\npart " + std::to_string(i) + "\n";
  }
  raw += "--x--\n";
  auto parsed = ParseMessage(raw);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
}

TEST(ParseMessageTest, BinaryGarbageInHeadersAndBodyGivesValidUtf8) {
  std::string raw = "From: \xFF\xFE <a@example.net>\nSubject: \x01\x02\xC3(\n\n";
  for (int i = 0; i < 4096; ++i) {
    raw += static_cast<char>(i * 7 % 256);
  }
  auto parsed = ParseMessage(raw);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(IsValidUtf8(parsed->subject));
  EXPECT_TRUE(IsValidUtf8(parsed->from_name));
  EXPECT_TRUE(IsValidUtf8(parsed->text));
  EXPECT_EQ(parsed->text.find('\0'), std::string::npos);
}

TEST(ParseMessageTest, HugeAttachmentUnderTheMessageLimitIsKept) {
  std::string raw =
      "From: a@example.net\nSubject: photo\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=z\n\n--z\nContent-Type: text/plain\n\nSee "
      "attached\n--z\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: "
      "base64\nContent-Disposition: attachment; filename=big.bin\n\n";
  const std::string line = std::string(76, 'A') + "\n";
  for (std::size_t bytes = 0; bytes < std::size_t{15} * 1024 * 1024; bytes += 57) {
    raw += line;
  }
  raw += "--z--\n";
  auto parsed = ParseMessage(raw);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->attachments.size(), 1U);
  EXPECT_GT(parsed->attachments[0].content.size(), std::size_t{15} * 1024 * 1024 - 100);
  EXPECT_EQ(parsed->text, "See attached");
}

}  // namespace
}  // namespace frontdoor::mail
