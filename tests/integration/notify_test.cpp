// Outgoing email and citizen sign-in against real databases (SQLite and PostgreSQL) and a
// real SMTP server (tests/support/smtp_sink.py, Debian's aiosmtpd): the outbox claim with
// several nodes, retries while the SMTP server is down and delivery once it is up, sign-in
// codes and sessions, "my requests", and replies threading onto the case.
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

#include "frontdoor/notify/delivery.hpp"
#include "frontdoor/notify/outbox_queue.hpp"
#include "frontdoor/notify/smtp.hpp"
#include "frontdoor/store/inbound_mail.hpp"
#include "frontdoor/store/outbox.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/citizen_auth.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "process.hpp"
#include "test_store.hpp"

#ifndef FRONTDOOR_SOURCE_DIR
#define FRONTDOOR_SOURCE_DIR "."
#endif

namespace frontdoor::testing {
namespace {

using std::chrono::minutes;

std::uint16_t FreePort() {
  // Bound and released: nothing listens there until the sink is started on it.
  auto sink =
      RunToEnd("/usr/bin/python3", {"-c",
                                    "import socket\ns=socket.socket()\ns.bind(('127.0.0.1',0))\n"
                                    "print(s.getsockname()[1])"});
  return static_cast<std::uint16_t>(std::stoi(sink.out));
}

// The SMTP sink on `port`, keeping messages in `folder`, until destroyed.
class SmtpSink {
 public:
  SmtpSink(const std::string& folder, std::uint16_t port) : folder_(folder) {
    process_ = Spawn("/usr/bin/python3",
                     {std::string(FRONTDOOR_SOURCE_DIR) + "/tests/support/smtp_sink.py", folder,
                      "--port", std::to_string(port)});
    std::string line;
    char c = 0;
    while (::read(process_.stdout_fd, &c, 1) == 1 && c != '\n') {
      line += c;
    }
    ready_ = line == std::to_string(port);
  }
  ~SmtpSink() {
    ::kill(process_.pid, SIGTERM);
    WaitExit(process_.pid, std::chrono::seconds(10));
    ::close(process_.stdout_fd);
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] std::vector<std::string> Messages() const {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder_)) {
      if (entry.path().extension() == ".eml") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      out.push_back(text.str());
    }
    return out;
  }

 private:
  std::string folder_;
  Process process_;
  bool ready_ = false;
};

class NotifyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    ctx_ = std::make_unique<usecase::CaseContext>(
        usecase::CaseContext{*store_, clock_, "BCC", calendar_, standards_});
    usecase::ServiceInput bins;
    bins.code = "MISSED-BIN";
    bins.name = "Missed bin";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, bins));
  }

  std::string RaiseCase(const std::string& email) {
    usecase::NewCase input;
    input.service_code = "MISSED-BIN";
    input.description = "Black bin not emptied";
    input.address = "1 Castle Street";
    input.contact.email = email;
    input.actor = "portal";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }

  std::vector<store::OutboundMessageRecord> Outbox(const std::string& to) {
    auto listed = store::ReadValue<std::vector<store::OutboundMessageRecord>>(
        *store_, [&](store::ReadTx& tx) { return store::Outbox(tx).ListTo(to, 100); });
    EXPECT_TRUE(listed);
    return listed ? *listed : std::vector<store::OutboundMessageRecord>{};
  }

  // The code in the newest email to `to` (from its text, as a person reads it).
  std::string CodeSentTo(const std::string& to) {
    const auto messages = Outbox(to);
    if (messages.empty()) {
      return "";
    }
    // The first run of six digits, in either language.
    const std::string& body = messages.front().text_body;
    for (std::size_t i = 0; i + 6 <= body.size(); ++i) {
      const std::string run = body.substr(i, 6);
      if (run.find_first_not_of("0123456789") == std::string::npos) {
        return run;
      }
    }
    return "";
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};
  charter::WorkingCalendar calendar_ =
      charter::WorkingCalendar::Create(
          "test",
          charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), {})
          .value();
  std::vector<charter::Standard> standards_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<usecase::CaseContext> ctx_;
  notify::OutboxQueue queue_{clock_, {"noreply@council.example", "Belfast City Council"}};
};

TEST_P(NotifyTest, CitizenSignsInWithTheEmailedCodeAndSeesTheirRequestsNewestFirst) {
  const std::string first = RaiseCase("pat@example.com");
  clock_.Advance(minutes(1));
  const std::string second = RaiseCase("Pat@Example.com");
  RaiseCase("someone-else@example.com");
  auto asked =
      usecase::RequestSignInCode(*store_, clock_, queue_, {" PAT@example.com ", "192.0.2.1", "en"});
  ASSERT_TRUE(asked) << asked.error().message();
  const auto messages = Outbox("pat@example.com");
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].status, "queued");
  EXPECT_EQ(messages[0].template_code, "sign_in_code");
  const std::string code = CodeSentTo("pat@example.com");
  ASSERT_EQ(code.size(), 6U);
  auto signed_in = usecase::VerifySignInCode(*store_, clock_,
                                             {"pat@example.com", code, "192.0.2.1", std::nullopt});
  ASSERT_TRUE(signed_in) << signed_in.error().message();
  auto session = usecase::ResumeCitizenSession(*store_, clock_, signed_in->token);
  ASSERT_TRUE(session);
  auto mine = usecase::ListMyRequests(*store_, session->email, 1, 1);
  ASSERT_TRUE(mine) << mine.error().message();
  ASSERT_EQ(mine->cases.size(), 1U);
  EXPECT_EQ(mine->cases[0].reference, second);
  EXPECT_EQ(mine->cases[0].service_name, "Missed bin");
  EXPECT_TRUE(mine->has_next);
  auto next = usecase::ListMyRequests(*store_, session->email, 2, 1);
  ASSERT_TRUE(next);
  ASSERT_EQ(next->cases.size(), 1U);
  EXPECT_EQ(next->cases[0].reference, first);
  EXPECT_FALSE(next->has_next);
}

TEST_P(NotifyTest, WrongGuessesAreCountedInTheDatabase) {
  ASSERT_TRUE(
      usecase::RequestSignInCode(*store_, clock_, queue_, {"pat@example.com", "192.0.2.1", "ga"}));
  const std::string code = CodeSentTo("pat@example.com");
  EXPECT_EQ(Outbox("pat@example.com").front().language, "ga");
  const std::string wrong = code == "111111" ? "222222" : "111111";
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(usecase::VerifySignInCode(*store_, clock_,
                                           {"pat@example.com", wrong, "192.0.2.1", std::nullopt}));
  }
  auto late = usecase::VerifySignInCode(*store_, clock_,
                                        {"pat@example.com", code, "192.0.2.1", std::nullopt});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code(), ErrorCode::kUnauthenticated);
}

TEST_P(NotifyTest, RetriesWhileTheSmtpServerIsDownAndDeliversOnceItIsUp) {
  const std::uint16_t port = FreePort();
  notify::SmtpTransport smtp({"smtp://127.0.0.1:" + std::to_string(port), "", "", 10});
  const notify::DeliverySettings from{"noreply@council.example", "Belfast City Council"};
  ASSERT_TRUE(
      usecase::RequestSignInCode(*store_, clock_, queue_, {"pat@example.com", "192.0.2.1", "ga"}));
  auto down = notify::DeliverDue(*store_, clock_, smtp, from);
  ASSERT_TRUE(down) << down.error().message();
  EXPECT_EQ(down->retrying, 1);
  auto queued = Outbox("pat@example.com").front();
  EXPECT_EQ(queued.status, "queued");
  EXPECT_EQ(queued.attempts, 1);
  ASSERT_TRUE(queued.last_error);
  EXPECT_NE(queued.last_error->find("onnect"), std::string::npos) << *queued.last_error;
  EXPECT_EQ(queued.next_attempt_at, clock_.Now() + minutes(1));

  const std::string folder = database_->directory + "/mail";
  SmtpSink sink(folder, port);
  ASSERT_TRUE(sink.ready());
  auto early = notify::DeliverDue(*store_, clock_, smtp, from);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->sent, 0) << "not due before its back-off";
  clock_.Advance(minutes(1));
  auto up = notify::DeliverDue(*store_, clock_, smtp, from);
  ASSERT_TRUE(up) << up.error().message();
  EXPECT_EQ(up->sent, 1);
  const auto sent = Outbox("pat@example.com").front();
  EXPECT_EQ(sent.status, "sent");
  EXPECT_EQ(sent.attempts, 2);
  const auto received = sink.Messages();
  ASSERT_EQ(received.size(), 1U);
  const std::string& message = received[0];
  EXPECT_NE(message.find("X-Sink-Rcpt: pat@example.com"), std::string::npos);
  EXPECT_NE(message.find("Message-ID: <" + sent.message_id + ">"), std::string::npos);
  EXPECT_NE(message.find("Subject: =?UTF-8?B?"), std::string::npos);  // Irish: encoded words
  EXPECT_NE(message.find(CodeSentTo("pat@example.com")), std::string::npos);
}

TEST_P(NotifyTest, AReplyToOurMessageThreadsOntoItsCase) {
  const std::string reference = RaiseCase("pat@example.com");
  auto record = usecase::GetCaseRecord(*ctx_, reference);
  ASSERT_TRUE(record);
  usecase::TemplatedMail mail{"pat@example.com",
                              "case_received",
                              "en",
                              {{"reference", reference},
                               {"service", "Missed bin"},
                               {"due", "by 5pm on Friday"},
                               {"track_url", "http://127.0.0.1/track?reference=" + reference}},
                              record->id};
  ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) { return queue_.Queue(tx, mail); }));
  const std::string ours = Outbox("pat@example.com").front().message_id;
  auto found = store::ReadValue<std::optional<std::int64_t>>(*store_, [&](store::ReadTx& tx) {
    return store::InboundMessages(tx).FindCase({"unknown@elsewhere", ours});
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, record->id);
}

TEST_P(NotifyTest, TwoNodesNeverClaimTheSameMessage) {
  for (const char* to : {"a@example.com", "b@example.com"}) {
    usecase::TemplatedMail mail{
        to, "sign_in_code", "en", {{"code", "1"}, {"minutes", "10"}}, std::nullopt};
    ASSERT_TRUE(store_->Write([&](store::WriteTx& tx) { return queue_.Queue(tx, mail); }));
  }
  const Instant now = clock_.Now();
  if (GetParam() == Backend::kSqlite) {
    // One writer: claims run one after the other, and the second sees the first's.
    for (int node = 0; node < 2; ++node) {
      auto claimed = store::WriteValue<std::vector<store::OutboundMessageRecord>>(
          *store_,
          [&](store::WriteTx& tx) { return store::Outbox(tx).Claim(now, now + minutes(5), 1); });
      ASSERT_TRUE(claimed);
      ASSERT_EQ(claimed->size(), 1U);
    }
    return;
  }
  // PostgreSQL: node A holds its claim open while node B claims; B must skip A's row, not
  // wait for it (which would time out here) nor take it.
  std::promise<void> a_claimed;
  std::promise<void> b_done;
  auto b_finished = b_done.get_future().share();
  std::int64_t a_id = 0;
  std::thread node_a([&] {
    auto claimed = store::WriteValue<std::vector<store::OutboundMessageRecord>>(
        *store_, [&](store::WriteTx& tx) -> Result<std::vector<store::OutboundMessageRecord>> {
          auto rows = store::Outbox(tx).Claim(now, now + minutes(5), 1);
          if (rows && !rows->empty()) {
            a_id = rows->front().id;
          }
          a_claimed.set_value();
          b_finished.wait_for(std::chrono::seconds(5));
          return rows;
        });
    EXPECT_TRUE(claimed);
  });
  a_claimed.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  auto claimed = store::WriteValue<std::vector<store::OutboundMessageRecord>>(
      *store_,
      [&](store::WriteTx& tx) { return store::Outbox(tx).Claim(now, now + minutes(5), 1); });
  const auto waited = std::chrono::steady_clock::now() - started;
  b_done.set_value();
  node_a.join();
  ASSERT_TRUE(claimed) << claimed.error().message();
  ASSERT_EQ(claimed->size(), 1U);
  EXPECT_NE(claimed->front().id, a_id);
  EXPECT_LT(waited, std::chrono::seconds(4)) << "B waited for A's lock";
}

TEST_P(NotifyTest, AReportWithAnEmailIsAcknowledgedInItsOwnUnitOfWork) {
  ctx_->mail = &queue_;
  ctx_->public_url = "https://report.example";
  usecase::NewCase input;
  input.service_code = "MISSED-BIN";
  input.description = "Black bin not emptied";
  input.address = "1 Castle Street";
  input.contact.email = "pat@example.com";
  input.actor = "portal";
  input.acknowledge = true;
  auto created = usecase::CreateCase(*ctx_, input);
  ASSERT_TRUE(created) << created.error().message();
  const auto messages = Outbox("pat@example.com");
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_EQ(messages[0].template_code, "case_received");
  EXPECT_EQ(messages[0].case_id, created->record.id);
  EXPECT_EQ(messages[0].subject, "We have received your report " + created->record.reference);
  EXPECT_NE(messages[0].text_body.find("https://report.example/track?reference=" +
                                       created->record.reference),
            std::string::npos);
  // Raised by staff (no acknowledge), or without an email: nothing is sent.
  input.acknowledge = false;
  ASSERT_TRUE(usecase::CreateCase(*ctx_, input));
  EXPECT_EQ(Outbox("pat@example.com").size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
