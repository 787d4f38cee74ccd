// The knowledge refresher's second thread writes the queued search events; on shutdown it
// writes what is still queued, so that stopping the server loses none.
#include "knowledge_refresher.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "test_store.hpp"

namespace frontdoor::app {
namespace {

class KnowledgeRefresherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = frontdoor::testing::NewTestDatabase(frontdoor::testing::Backend::kSqlite);
    store_ = frontdoor::testing::OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    ctx_ = std::make_unique<usecase::KnowledgeContext>(
        usecase::KnowledgeContext{*store_, clock_, index_, nullptr});
  }
  std::int64_t SearchEvents() {
    std::int64_t count = -1;
    EXPECT_TRUE(store_->Read([&](store::ReadTx& tx) {
      return tx.session().Query("SELECT count(*) FROM kb_event WHERE kind = 'search'", {},
                                [&](const store::SqlRow& row) { count = row.Int(0); });
    }));
    return count;
  }
  void QueueSearch() {
    index_.QueueEvent(store::KnowledgeEventRecord{"search", "web", "s1", std::nullopt, "bins",
                                                  std::nullopt, 1, clock_.Now()});
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<frontdoor::testing::TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  usecase::KnowledgeIndex index_;
  std::unique_ptr<usecase::KnowledgeContext> ctx_;
};

TEST_F(KnowledgeRefresherTest, StoppingWritesTheEventsStillQueued) {
  // Intervals far longer than the test: only the stop can write them.
  KnowledgeRefresher refresher(*ctx_, std::chrono::hours(1), std::chrono::hours(1));
  QueueSearch();
  QueueSearch();
  EXPECT_EQ(SearchEvents(), 0);
  refresher.Stop();
  EXPECT_EQ(SearchEvents(), 2);
  EXPECT_TRUE(index_.TakeQueuedEvents().empty());
}

}  // namespace
}  // namespace frontdoor::app
