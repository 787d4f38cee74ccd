#include "frontdoor/notify/delivery.hpp"

#include <filesystem>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/notify/outbox_queue.hpp"
#include "frontdoor/store/outbox.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::notify {
namespace {

using std::chrono::minutes;

// Refuses while `down`, else keeps what it was given.
class FakeTransport final : public Transport {
 public:
  Result<void> Send(const std::string& from, const std::string& to,
                    const std::string& message) override {
    if (permanent) {
      return Error(ErrorCode::kInvalidInput, "SMTP 550: no such user");
    }
    if (down) {
      return Error(ErrorCode::kUnavailable, "Couldn't connect to server");
    }
    sent.push_back({from, to, message});
    return {};
  }
  struct Sent {
    std::string from, to, message;
  };
  std::vector<Sent> sent;
  bool down = false;
  bool permanent = false;
};

class DeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    dir_ = std::filesystem::temp_directory_path() / ("fd-notify-" + usecase::RandomHex(6));
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::OpenSqliteStore({.path = (dir_ / "db").string()}, clock_);
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::int64_t QueueCode(const std::string& to = "citizen@example.com") {
    OutboxQueue queue(clock_, {"noreply@council.example", "Belfast City Council"});
    usecase::TemplatedMail mail{
        to, "sign_in_code", "en", {{"code", "123456"}, {"minutes", "10"}}, std::nullopt};
    EXPECT_TRUE(store_->Write([&](store::WriteTx& tx) { return queue.Queue(tx, mail); }));
    auto listed = store::ReadValue<std::vector<store::OutboundMessageRecord>>(
        *store_, [&](store::ReadTx& tx) { return store::Outbox(tx).ListTo(to, 1); });
    EXPECT_TRUE(listed && !listed->empty());
    return listed && !listed->empty() ? listed->front().id : 0;
  }

  store::OutboundMessageRecord Find(std::int64_t id) {
    auto found = store::ReadValue<store::OutboundMessageRecord>(
        *store_, [&](store::ReadTx& tx) { return store::Outbox(tx).Find(id); });
    EXPECT_TRUE(found);
    return found ? *found : store::OutboundMessageRecord{};
  }

  Result<DeliveryRound> Round() {
    return DeliverDue(*store_, clock_, transport_, {"noreply@council.example", "Council"});
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  FakeTransport transport_;
};

TEST_F(DeliveryTest, QueuedMessageIsSentOnceAndMarkedSent) {
  const auto id = QueueCode();
  auto round = Round();
  ASSERT_TRUE(round) << round.error().message();
  EXPECT_EQ(round->sent, 1);
  ASSERT_EQ(transport_.sent.size(), 1U);
  EXPECT_EQ(transport_.sent[0].to, "citizen@example.com");
  EXPECT_NE(transport_.sent[0].message.find("Your sign-in code is 123456."), std::string::npos);
  const auto stored = Find(id);
  EXPECT_EQ(stored.status, "sent");
  EXPECT_EQ(stored.attempts, 1);
  EXPECT_NE(transport_.sent[0].message.find("Message-ID: <" + stored.message_id + ">"),
            std::string::npos);
  // Nothing is due any more.
  ASSERT_TRUE(Round());
  EXPECT_EQ(transport_.sent.size(), 1U);
}

TEST_F(DeliveryTest, FailuresBackOffOneFiveThirtyMinutesTwoHoursThenFail) {
  const auto id = QueueCode();
  transport_.down = true;
  const std::vector<minutes> waits{minutes(1), minutes(5), minutes(30), minutes(120)};
  for (std::size_t i = 0; i < waits.size(); ++i) {
    auto round = Round();
    ASSERT_TRUE(round);
    EXPECT_EQ(round->retrying, 1) << "attempt " << i + 1;
    auto stored = Find(id);
    EXPECT_EQ(stored.status, "queued");
    EXPECT_EQ(stored.attempts, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(stored.last_error, "Couldn't connect to server");
    EXPECT_EQ(stored.next_attempt_at, clock_.Now() + waits[i]);
    // Not due a moment before its time.
    clock_.Advance(waits[i] - std::chrono::seconds(1));
    ASSERT_TRUE(Round());
    EXPECT_EQ(Find(id).attempts, static_cast<std::int64_t>(i + 1));
    clock_.Advance(std::chrono::seconds(1));
  }
  auto last = Round();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->failed, 1);
  EXPECT_EQ(Find(id).status, "failed");
  EXPECT_EQ(Find(id).attempts, 5);
}

TEST_F(DeliveryTest, RetryAfterTheServerComesBackDelivers) {
  const auto id = QueueCode();
  transport_.down = true;
  ASSERT_TRUE(Round());
  transport_.down = false;
  clock_.Advance(minutes(1));
  auto round = Round();
  ASSERT_TRUE(round);
  EXPECT_EQ(round->sent, 1);
  EXPECT_EQ(Find(id).status, "sent");
  EXPECT_EQ(Find(id).attempts, 2);
}

TEST_F(DeliveryTest, PermanentRefusalFailsAtOnce) {
  const auto id = QueueCode();
  transport_.permanent = true;
  auto round = Round();
  ASSERT_TRUE(round);
  EXPECT_EQ(round->failed, 1);
  EXPECT_EQ(Find(id).status, "failed");
  EXPECT_EQ(Find(id).last_error, "SMTP 550: no such user");
}

TEST_F(DeliveryTest, AClaimThatLapsesIsClaimedAgain) {
  const auto id = QueueCode();
  // A node claims it and dies before recording anything.
  auto claimed = store::WriteValue<std::vector<store::OutboundMessageRecord>>(
      *store_, [&](store::WriteTx& tx) {
        return store::Outbox(tx).Claim(clock_.Now(), clock_.Now() + minutes(5), 10);
      });
  ASSERT_TRUE(claimed);
  ASSERT_EQ(claimed->size(), 1U);
  ASSERT_TRUE(Round());
  EXPECT_TRUE(transport_.sent.empty()) << "claimed by another node";
  clock_.Advance(minutes(5));
  ASSERT_TRUE(Round());
  EXPECT_EQ(transport_.sent.size(), 1U);
  EXPECT_EQ(Find(id).attempts, 2);
}

TEST_F(DeliveryTest, AMessageThatCannotBeBuiltIsRefusedWhenQueued) {
  OutboxQueue queue(clock_, {"noreply@council.example", "Council"});
  usecase::TemplatedMail mail{"victim@example.com\r\nBcc: other@example.com",
                              "sign_in_code",
                              "en",
                              {{"code", "1"}, {"minutes", "10"}},
                              std::nullopt};
  auto done = store_->Write([&](store::WriteTx& tx) { return queue.Queue(tx, mail); });
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().field_errors()[0].field, "to");
}

}  // namespace
}  // namespace frontdoor::notify
