// The real `frontdoor mailgate` binary, fed a message on standard input as an MTA's pipe
// transport does, on SQLite and PostgreSQL: the exit statuses an MTA acts on (0 stored or
// ignored, 65 bounce, 75 retry later) and what it stored.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "process.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

std::string Corpus(const std::string& name) {
  std::ifstream file(std::string(FRONTDOOR_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  EXPECT_TRUE(file) << name;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

class MailgateProcessTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    usecase::ServiceInput triage;
    triage.code = "general-enquiry";
    triage.name = "General enquiry";
    triage.case_type = "enquiry";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, triage));
  }

  Completed Mailgate(const std::string& input, const std::string& db = "") {
    return RunWithInput(FRONTDOOR_BINARY, {"mailgate", "--db", db.empty() ? database_->url : db},
                        input);
  }

  std::vector<store::CaseRecord> Cases() {
    const usecase::CaseContext ctx{*store_, clock_, "BCC", calendar_, standards_};
    auto page = usecase::ListCases(ctx, store::CaseFilter{}, std::nullopt);
    EXPECT_TRUE(page);
    return page ? page->cases : std::vector<store::CaseRecord>{};
  }

  SystemClock clock_;
  charter::WorkingCalendar calendar_ =
      charter::WorkingCalendar::Create(
          "test",
          charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), {})
          .value();
  std::vector<charter::Standard> standards_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(MailgateProcessTest, StoresANewMessageOnceAndSaysSoOnStandardError) {
  const auto first = Mailgate(Corpus("gmail_new_report.eml"));
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("mailgate: case_raised <CAJx3Kf0q9Y2h+7T4nTz1xQ@mail.gmail.example> "
                           "case BCC-"),
            std::string::npos)
      << first.err;
  EXPECT_TRUE(first.out.empty());

  const auto again = Mailgate(Corpus("duplicate_redelivery.eml"));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("mailgate: duplicate"), std::string::npos) << again.err;

  const auto cases = Cases();
  ASSERT_EQ(cases.size(), 1U);
  EXPECT_EQ(cases[0].channel, "email");
  EXPECT_EQ(cases[0].service_code, "general-enquiry");
}

TEST_P(MailgateProcessTest, ARepliesThreadsOntoItsCase) {
  ASSERT_EQ(Mailgate(Corpus("gmail_new_report.eml")).exit_code, 0);
  const auto reply = Mailgate(Corpus("reply_gmail_thread.eml"));
  EXPECT_EQ(reply.exit_code, 0) << reply.err;
  EXPECT_NE(reply.err.find("mailgate: commented"), std::string::npos) << reply.err;
  EXPECT_EQ(Cases().size(), 1U);
}

TEST_P(MailgateProcessTest, AutoRepliesAndBouncesExitZeroAndStoreNothing) {
  for (const char* name : {"auto_reply_outlook.eml", "bounce_dsn.eml"}) {
    const auto result = Mailgate(Corpus(name));
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
    EXPECT_NE(result.err.find("mailgate: ignored"), std::string::npos) << result.err;
  }
  EXPECT_TRUE(Cases().empty());
}

TEST_P(MailgateProcessTest, NotAnEmailIsADataErrorSoTheMtaBouncesIt) {
  for (const std::string& input :
       {std::string(), std::string("just some words\n"), std::string("\x89PNG\r\n\x1A\n", 8)}) {
    const auto result = Mailgate(input);
    EXPECT_EQ(result.exit_code, 65) << result.err;
    EXPECT_NE(result.err.find("mailgate: "), std::string::npos);
  }
  std::string huge = "From: a@example.net\nSubject: big\n\n";
  huge.append(std::size_t{26} * 1024 * 1024, 'x');
  const auto too_large = Mailgate(huge);
  EXPECT_EQ(too_large.exit_code, 65) << too_large.err;
  EXPECT_TRUE(Cases().empty());
}

TEST_P(MailgateProcessTest, MissingTriageServiceIsATemporaryFailure) {
  const auto result = RunWithInput(FRONTDOOR_BINARY, {"mailgate", "--db", database_->url},
                                   Corpus("gmail_new_report.eml"),
                                   {{"FRONTDOOR_EMAIL_TRIAGE_SERVICE", "EMAIL-TRIAGE"}});
  EXPECT_EQ(result.exit_code, 75) << result.err;
  EXPECT_NE(result.err.find("'EMAIL-TRIAGE' does not exist"), std::string::npos) << result.err;
  // The MTA's retry, once the service exists, goes through.
  EXPECT_EQ(Mailgate(Corpus("gmail_new_report.eml")).exit_code, 0);
}

TEST_P(MailgateProcessTest, UnreachableDatabaseIsATemporaryFailure) {
  // Nothing listens on port 1; a directory cannot be opened as an SQLite file.
  const std::string down = GetParam() == Backend::kPostgres
                               ? "postgresql://frontdoor@127.0.0.1:1/frontdoor?connect_timeout=2"
                               : "sqlite:" + database_->directory;
  const auto result = Mailgate(Corpus("gmail_new_report.eml"), down);
  EXPECT_EQ(result.exit_code, 75) << result.err;
}

TEST_P(MailgateProcessTest, BadConfigurationIsATemporaryFailure) {
  const auto result =
      RunWithInput(FRONTDOOR_BINARY, {"mailgate", "--db", database_->url},
                   Corpus("gmail_new_report.eml"), {{"FRONTDOOR_REFERENCE_PREFIX", "bad prefix"}});
  EXPECT_EQ(result.exit_code, 75) << result.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, MailgateProcessTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
