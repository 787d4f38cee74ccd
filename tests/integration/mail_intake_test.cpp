// Email-to-case against real databases (SQLite and PostgreSQL): new messages raise cases on
// the triage service, replies thread onto their case (by reference or by the messages they
// answer) and reopen it when recently resolved, attachments are kept or noted, every message
// is logged as a contact, the same Message-ID is taken in once, and machines are ignored.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/mail/intake.hpp"
#include "frontdoor/store/customers.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/customers.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using mail::IntakeOutcome;

std::string MailDir() {
  return std::string(FRONTDOOR_TEST_DATA_DIR) + "/mail";
}

std::string Corpus(const std::string& name) {
  std::ifstream file(MailDir() + "/" + name, std::ios::binary);
  EXPECT_TRUE(file) << name;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// 2 March 2026, 10:00 UTC: references are BCC-26-...
constexpr std::int64_t kMarch2026 = 1'772'445'600'000'000;

class MailIntakeTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    ctx_ = std::make_unique<usecase::CaseContext>(
        usecase::CaseContext{*store_, clock_, "BCC", calendar_, standards_});
    usecase::ServiceInput triage;
    triage.code = "general-enquiry";
    triage.name = "General enquiry";
    triage.case_type = "enquiry";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, triage));
  }

  mail::IntakeResult Take(const std::string& raw) {
    auto taken = mail::TakeInEmail(*ctx_, options_, raw);
    EXPECT_TRUE(taken) << (taken ? "" : taken.error().message());
    return taken ? std::move(*taken) : mail::IntakeResult{};
  }

  mail::IntakeResult TakeFile(const std::string& name) { return Take(Corpus(name)); }

  usecase::CaseDetail Case(const std::string& reference) {
    auto detail = usecase::GetCase(*ctx_, reference);
    EXPECT_TRUE(detail) << reference;
    return detail ? std::move(*detail) : usecase::CaseDetail{};
  }

  std::size_t CaseCount() {
    auto page = usecase::ListCases(*ctx_, store::CaseFilter{}, std::nullopt);
    EXPECT_TRUE(page);
    return page ? page->cases.size() : 0;
  }

  std::vector<store::InteractionRecord> Interactions(const std::string& reference) {
    auto found = store::ReadValue<std::vector<store::InteractionRecord>>(
        *store_, [&](store::ReadTx& tx) -> Result<std::vector<store::InteractionRecord>> {
          auto record = store::Cases(tx).FindByReference(reference);
          if (!record) {
            return record.error();
          }
          return store::Interactions(tx).ForCase(record->id);
        });
    EXPECT_TRUE(found);
    return found ? std::move(*found) : std::vector<store::InteractionRecord>{};
  }

  static std::vector<store::CaseEventRecord> EventsOfKind(const usecase::CaseDetail& detail,
                                                          const std::string& kind) {
    std::vector<store::CaseEventRecord> out;
    std::copy_if(detail.events.begin(), detail.events.end(), std::back_inserter(out),
                 [&](const auto& e) { return e.kind == kind; });
    return out;
  }

  void Resolve(const std::string& reference) {
    ASSERT_TRUE(usecase::ChangeStatus(*ctx_, reference, CaseStatus::kResolved, "Done", "staff:1"));
  }

  ManualClock clock_{FromUnixMicros(kMarch2026)};
  charter::WorkingCalendar calendar_ =
      charter::WorkingCalendar::Create(
          "test",
          charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), {})
          .value();
  std::vector<charter::Standard> standards_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<usecase::CaseContext> ctx_;
  mail::IntakeOptions options_;
};

TEST_P(MailIntakeTest, NewMessageRaisesACaseOnTheTriageServiceForTheSender) {
  const auto result = TakeFile("gmail_new_report.eml");
  EXPECT_EQ(result.outcome, IntakeOutcome::kCaseRaised);
  EXPECT_EQ(result.reference, "BCC-26-000001");
  EXPECT_EQ(result.message_id, "CAJx3Kf0q9Y2h+7T4nTz1xQ@mail.gmail.example");

  const auto detail = Case(result.reference);
  EXPECT_EQ(detail.record.service_code, "general-enquiry");
  EXPECT_EQ(detail.record.channel, "email");
  EXPECT_EQ(detail.record.source, "email:Sean.ONeill.BT6@gmail.example");
  EXPECT_TRUE(detail.record.description.starts_with(
      "Subject: Bin not emptied \xE2\x80\x93 Ravenhill Road\n\nHi,\n\nThe black bin"))
      << detail.record.description;
  ASSERT_TRUE(detail.record.customer_id);

  auto customer = usecase::GetCustomer(*store_, *detail.record.customer_id, {"staff:1", true});
  ASSERT_TRUE(customer);
  EXPECT_EQ(customer->customer.email, "sean.oneill.bt6@gmail.example");
  EXPECT_EQ(customer->customer.first_name, "Se\xC3\xA1n");
  EXPECT_EQ(customer->customer.last_name, "O'Neill");

  const auto contacts = Interactions(result.reference);
  ASSERT_EQ(contacts.size(), 1U);
  EXPECT_EQ(contacts[0].channel, "email");
  EXPECT_EQ(contacts[0].direction, "inbound");
  EXPECT_EQ(contacts[0].outcome, "case_raised");
  EXPECT_EQ(contacts[0].customer_id, detail.record.customer_id);
  EXPECT_EQ(contacts[0].summary, "Email: Bin not emptied \xE2\x80\x93 Ravenhill Road");
}

TEST_P(MailIntakeTest, SameMessageIdTwiceIsStoredOnce) {
  const auto first = TakeFile("gmail_new_report.eml");
  const auto again = TakeFile("duplicate_redelivery.eml");
  EXPECT_EQ(again.outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(again.reference, first.reference);
  const auto third = TakeFile("gmail_new_report.eml");
  EXPECT_EQ(third.outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(CaseCount(), 1U);
  EXPECT_EQ(Interactions(first.reference).size(), 1U);
}

TEST_P(MailIntakeTest, WithoutMessageIdTheSameBytesAreStillStoredOnce) {
  EXPECT_EQ(TakeFile("no_message_id.eml").outcome, IntakeOutcome::kCaseRaised);
  EXPECT_EQ(TakeFile("no_message_id.eml").outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(CaseCount(), 1U);
}

TEST_P(MailIntakeTest, ReplyWithTheReferenceInItsSubjectBecomesACommentWithoutTheQuote) {
  const auto first = TakeFile("gmail_new_report.eml");
  ASSERT_EQ(first.reference, "BCC-26-000001");
  const auto reply = TakeFile("reply_outlook_quoted.eml");
  EXPECT_EQ(reply.outcome, IntakeOutcome::kCommented);
  EXPECT_EQ(reply.reference, "BCC-26-000001");
  EXPECT_FALSE(reply.reopened);
  EXPECT_EQ(CaseCount(), 1U);

  const auto comments = EventsOfKind(Case(first.reference), "customer_comment");
  ASSERT_EQ(comments.size(), 1U);
  EXPECT_EQ(comments[0].body, "It was not emptied - the bin is still full this morning.\n\nSean");
  EXPECT_EQ(comments[0].external_id, "email:reply-outlook-1@example.com");
  EXPECT_FALSE(comments[0].is_public);

  const auto contacts = Interactions(first.reference);
  ASSERT_EQ(contacts.size(), 2U);
  EXPECT_EQ(contacts[1].outcome, "information_given");

  EXPECT_EQ(TakeFile("reply_outlook_quoted.eml").outcome, IntakeOutcome::kDuplicate);
  EXPECT_EQ(EventsOfKind(Case(first.reference), "customer_comment").size(), 1U);
}

TEST_P(MailIntakeTest, ReplyThreadsByInReplyToAndKeepsItsPhoto) {
  const auto first = TakeFile("gmail_new_report.eml");
  clock_.Advance(std::chrono::hours(17));
  const auto reply = TakeFile("reply_gmail_thread.eml");
  EXPECT_EQ(reply.outcome, IntakeOutcome::kCommented);
  EXPECT_EQ(reply.reference, first.reference);
  const auto comments = EventsOfKind(Case(first.reference), "customer_comment");
  ASSERT_EQ(comments.size(), 1U);
  EXPECT_EQ(comments[0].body, "Here is another photo from today.");
  auto files = usecase::ListAttachments(*ctx_, first.reference);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 1U);
  EXPECT_EQ((*files)[0].filename, "IMG_2041.png");
  EXPECT_EQ((*files)[0].media_type, "image/png");
  EXPECT_FALSE((*files)[0].is_public);
}

TEST_P(MailIntakeTest, ReplyToARecentlyResolvedCaseReopensIt) {
  const auto first = TakeFile("gmail_new_report.eml");
  Resolve(first.reference);
  clock_.Advance(std::chrono::days(9));
  const auto reply = TakeFile("reply_outlook_quoted.eml");
  EXPECT_EQ(reply.outcome, IntakeOutcome::kCommented);
  EXPECT_TRUE(reply.reopened);
  EXPECT_EQ(Case(first.reference).record.status, CaseStatus::kReopened);
}

TEST_P(MailIntakeTest, ReplyLongAfterResolutionRaisesANewCaseLinkedToTheOld) {
  const auto first = TakeFile("gmail_new_report.eml");
  Resolve(first.reference);
  clock_.Advance(std::chrono::days(29));
  const auto reply = TakeFile("reply_outlook_quoted.eml");
  EXPECT_EQ(reply.outcome, IntakeOutcome::kCaseRaised);
  EXPECT_EQ(reply.reference, "BCC-26-000002");
  EXPECT_EQ(Case(first.reference).record.status, CaseStatus::kResolved);
  const auto detail = Case(reply.reference);
  EXPECT_TRUE(detail.record.description.starts_with("Follow-up to BCC-26-000001"))
      << detail.record.description;
  ASSERT_EQ(detail.links.size(), 1U);
  EXPECT_EQ(detail.links[0].kind, "related");
  EXPECT_EQ(detail.links[0].other_reference, first.reference);
}

TEST_P(MailIntakeTest, AutoRepliesAndBouncesNeverRaiseCasesOrComments) {
  const auto first = TakeFile("gmail_new_report.eml");
  const auto events_before = Case(first.reference).events.size();
  // The out-of-office reply carries the case's reference in its subject.
  for (const char* name : {"auto_reply_outlook.eml", "auto_reply_vacation.eml",
                           "newsletter_bulk.eml", "bounce_dsn.eml", "bounce_postmaster.eml"}) {
    const auto result = TakeFile(name);
    EXPECT_EQ(result.outcome, IntakeOutcome::kIgnored) << name;
    EXPECT_TRUE(result.reference.empty()) << name;
    EXPECT_FALSE(result.detail.empty()) << name;
  }
  EXPECT_EQ(CaseCount(), 1U);
  EXPECT_EQ(Case(first.reference).events.size(), events_before);
  EXPECT_EQ(Interactions(first.reference).size(), 1U);
}

TEST_P(MailIntakeTest, AttachmentsTheCaseCannotTakeAreNamedInANote) {
  const auto result = TakeFile("base64_attachment.eml");
  EXPECT_EQ(result.outcome, IntakeOutcome::kCaseRaised);
  ASSERT_EQ(result.not_kept.size(), 1U);
  EXPECT_EQ(result.not_kept[0], "notes.docx");
  auto files = usecase::ListAttachments(*ctx_, result.reference);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 1U);
  EXPECT_EQ((*files)[0].media_type, "image/png");
  const auto notes = EventsOfKind(Case(result.reference), "note");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_NE(notes[0].body->find("notes.docx"), std::string::npos) << *notes[0].body;
}

TEST_P(MailIntakeTest, AttachmentOverTheFileLimitIsNotedAndTheCaseStillRaised) {
  std::string png(std::size_t{11} * 1024 * 1024, '\0');
  const std::string signature = "\x89PNG\r\n\x1A\n";
  std::copy(signature.begin(), signature.end(), png.begin());
  std::string raw =
      "From: Big Photo <big@example.net>\nSubject: Huge photo\nMessage-ID: <huge-1@example.net>\n"
      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
      "Content-Type: text/plain\n\nThe photo is attached.\n--b\nContent-Type: image/png\n"
      "Content-Disposition: attachment; filename=huge.png\n"
      "Content-Transfer-Encoding: base64\n\n";
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < png.size(); i += 3) {
    const auto b = [&](std::size_t k) {
      return k < png.size() ? static_cast<unsigned char>(png[k]) : 0U;
    };
    const unsigned triple = (b(i) << 16U) | (b(i + 1) << 8U) | b(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) {
      raw += kAlphabet[(triple >> static_cast<unsigned>(shift)) & 0x3FU];
    }
    if (i % 57 == 54) {
      raw += '\n';
    }
  }
  raw += "\n--b--\n";
  const auto result = Take(raw);
  EXPECT_EQ(result.outcome, IntakeOutcome::kCaseRaised);
  ASSERT_EQ(result.not_kept.size(), 1U);
  EXPECT_EQ(result.not_kept[0], "huge.png");
  auto files = usecase::ListAttachments(*ctx_, result.reference);
  ASSERT_TRUE(files);
  EXPECT_TRUE(files->empty());
  const auto notes = EventsOfKind(Case(result.reference), "note");
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_NE(notes[0].body->find("huge.png (11.0 MB)"), std::string::npos) << *notes[0].body;
}

TEST_P(MailIntakeTest, MessageOverTheSizeLimitIsRefusedWithNothingStored) {
  std::string raw = "From: a@example.net\nSubject: big\n\n";
  raw.append(mail::kMaxMessageBytes, 'x');
  auto taken = mail::TakeInEmail(*ctx_, options_, raw);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(CaseCount(), 0U);
}

TEST_P(MailIntakeTest, MissingTriageServiceIsAClearRetryableErrorAndReleasesTheMessage) {
  options_.triage_service = "EMAIL-TRIAGE";
  auto taken = mail::TakeInEmail(*ctx_, options_, Corpus("gmail_new_report.eml"));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(taken.error().message().find("'EMAIL-TRIAGE' does not exist"), std::string::npos)
      << taken.error().message();
  EXPECT_EQ(CaseCount(), 0U);
  // Once the configuration is fixed, the MTA's retry goes through.
  options_.triage_service = "general-enquiry";
  EXPECT_EQ(TakeFile("gmail_new_report.eml").outcome, IntakeOutcome::kCaseRaised);
}

TEST_P(MailIntakeTest, ForwardedMailRaisesACaseWithTheForwardedTextAndFiles) {
  const auto result = TakeFile("forwarded_as_attachment.eml");
  EXPECT_EQ(result.outcome, IntakeOutcome::kCaseRaised);
  const auto detail = Case(result.reference);
  EXPECT_NE(detail.record.description.find("From: Tom Hughes <tom.hughes@example.com>"),
            std::string::npos);
  auto files = usecase::ListAttachments(*ctx_, result.reference);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 1U);
  EXPECT_EQ((*files)[0].filename, "car.png");
}

TEST_P(MailIntakeTest, EveryMessageOfTheCorpusIsTakenInOrIgnoredNeverRefused) {
  int raised = 0;
  int ignored = 0;
  for (const auto& entry : std::filesystem::directory_iterator(MailDir())) {
    if (entry.path().extension() != ".eml") {
      continue;
    }
    auto taken = mail::TakeInEmail(*ctx_, options_, Corpus(entry.path().filename().string()));
    ASSERT_TRUE(taken) << entry.path() << ": " << taken.error().message();
    raised += taken->outcome == IntakeOutcome::kCaseRaised ? 1 : 0;
    ignored += taken->outcome == IntakeOutcome::kIgnored ? 1 : 0;
  }
  EXPECT_EQ(ignored, 5);
  EXPECT_GE(raised, 10);
}

TEST_P(MailIntakeTest, ConcurrentDeliveriesOfOneMessageRaiseOneCase) {
  const std::string raw = Corpus("gmail_new_report.eml");
  constexpr int kDeliveries = 6;
  std::vector<Result<mail::IntakeResult>> results(kDeliveries, Error::Internal("not run"));
  std::vector<std::thread> threads;
  for (int i = 0; i < kDeliveries; ++i) {
    threads.emplace_back(
        [&, i] { results[static_cast<std::size_t>(i)] = mail::TakeInEmail(*ctx_, options_, raw); });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int raised = 0;
  for (const auto& result : results) {
    if (result) {
      raised += result->outcome == IntakeOutcome::kCaseRaised ? 1 : 0;
      EXPECT_NE(result->outcome, IntakeOutcome::kCommented);
    } else {
      // Still being taken in by another delivery: the MTA retries later.
      EXPECT_EQ(result.error().code(), ErrorCode::kUnavailable) << result.error().message();
    }
  }
  EXPECT_EQ(raised, 1);
  EXPECT_EQ(CaseCount(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, MailIntakeTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
