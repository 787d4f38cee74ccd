// The live charter's snapshot swap: readers keep the snapshot they took, a refresh replaces
// it only when the stored version moved, a failed refresh keeps the old one, and concurrent
// readers never see a calendar of one snapshot with the standards of another.
#include "frontdoor/usecase/live_charter.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/usecase/charter.hpp"

#include "case_fixture.hpp"

namespace frontdoor::usecase {
namespace {

using std::chrono::hours;

charter::WorkingCalendar Calendar(const std::string& code, int opens, int closes) {
  return charter::WorkingCalendar::Create(
             code, charter::WeeklyHours::MondayToFriday(hours(opens), hours(closes)), {})
      .value();
}

charter::Standard Resolve(const std::string& code, int days) {
  return {code,
          code,
          charter::Measure::kResolve,
          std::nullopt,
          std::nullopt,
          std::nullopt,
          {charter::TargetUnit::kWorkingDays, days},
          90};
}

CharterSnapshot Snapshot(const std::string& code, int opens, int closes) {
  return {Calendar(code, opens, closes), {Resolve(code, 5)}, true, 0};
}

// 10:00 on Monday 5 January 2026 in London (GMT).
const Instant kMonday = FromUnixMicros(1'767'607'200'000'000);

class LiveCharterTest : public testing::SqliteStoreTest {
 protected:
  void SetUp() override {
    testing::SqliteStoreTest::SetUp();
    ASSERT_TRUE(CreateCalendar(*store_, clock_, Council(9, 17)));
  }

  static CalendarSpec Council(int opens, int closes) {
    return {"council", "Council", "Europe/London",
            charter::WeeklyHours::MondayToFriday(hours(opens), hours(closes)), true};
  }

  // Working hours 2 from Monday 10:00: when the calendar's day ends matters.
  static Instant TwoHoursFromMonday(const CharterSnapshot& snapshot) {
    return snapshot.calendar.AddWorkingHours(kMonday, hours(2)).value();
  }

  std::unique_ptr<LiveCharter> Open(CharterLoader load = LoadCharterSnapshot) {
    auto live = LiveCharter::Open(*store_, std::move(load));
    EXPECT_TRUE(live) << live.error().message();
    return live ? std::move(*live) : nullptr;
  }
};

TEST_F(LiveCharterTest, AReaderKeepsTheSnapshotItTookAfterAReplace) {
  auto live = Open();
  ASSERT_TRUE(live);
  const auto before = live->Current();
  live->Replace(Snapshot("other", 8, 18));
  EXPECT_EQ(before->calendar.code(), "council");
  EXPECT_EQ(live->Current()->calendar.code(), "other");
  EXPECT_NE(before.get(), live->Current().get());
}

TEST_F(LiveCharterTest, RefreshChangesNothingWhileTheVersionStands) {
  auto live = Open();
  ASSERT_TRUE(live);
  const auto before = live->Current();
  auto refreshed = live->Refresh();
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_FALSE(*refreshed);
  EXPECT_EQ(before.get(), live->Current().get());
}

TEST_F(LiveCharterTest, RefreshPicksUpAChangeStoredWithoutIt) {
  auto live = Open();
  ASSERT_TRUE(live);
  // Received 10:00 with 2 working hours: due at noon under any of these hours.
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(2));
  auto spec = Council(9, 11);  // now closes at 11:00: one hour on Monday, one on Tuesday
  ASSERT_TRUE(UpdateCalendar(*store_, clock_, spec));
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(2)) << "not refreshed yet";
  auto refreshed = live->Refresh();
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(24));  // Tuesday 10:00
}

TEST_F(LiveCharterTest, AChangeThroughTheUseCaseRefreshesAtOnce) {
  auto live = Open();
  ASSERT_TRUE(live);
  const auto version = live->Current()->version;
  ASSERT_TRUE(UpdateCalendar(*store_, clock_, Council(9, 11), live.get()));
  EXPECT_GT(live->Current()->version, version);
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(24));
  ASSERT_TRUE(AddClosedDay(*store_, "council", charter::Date{std::chrono::January / 6 / 2026},
                           "Storm", live.get()));
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(48));  // Wednesday 10:00
}

TEST_F(LiveCharterTest, AFailedRefreshKeepsTheSnapshotAndTriesAgainNextTime) {
  bool failing = false;
  auto live = Open([&failing](store::Store& store) -> Result<CharterSnapshot> {
    if (failing) {
      return Error(ErrorCode::kUnavailable, "database down");
    }
    return LoadCharterSnapshot(store);
  });
  ASSERT_TRUE(live);
  const auto before = live->Current();
  ASSERT_TRUE(UpdateCalendar(*store_, clock_, Council(9, 11)));
  failing = true;
  auto refreshed = live->Refresh();
  ASSERT_FALSE(refreshed);
  EXPECT_EQ(refreshed.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(before.get(), live->Current().get());
  failing = false;
  refreshed = live->Refresh();
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(TwoHoursFromMonday(*live->Current()), kMonday + hours(24));
}

TEST_F(LiveCharterTest, ConcurrentReadersNeverSeeHalfASnapshot) {
  auto live = Open();
  ASSERT_TRUE(live);
  const CharterSnapshot first = Snapshot("first", 9, 17);
  const CharterSnapshot second = Snapshot("second", 8, 20);
  live->Replace(first);
  std::atomic<bool> done = false;
  std::atomic<int> mismatches = 0;
  std::atomic<std::int64_t> reads = 0;
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!done.load()) {
        const auto snapshot = live->Current();
        if (snapshot->standards.size() != 1 ||
            snapshot->standards[0].code != snapshot->calendar.code()) {
          ++mismatches;
        }
        ++reads;
      }
    });
  }
  for (int swap = 0; swap < 2000; ++swap) {
    live->Replace(swap % 2 == 0 ? second : first);
  }
  done = true;
  for (auto& reader : readers) {
    reader.join();
  }
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GT(reads.load(), 0);
}

TEST_F(LiveCharterTest, CharterInUseTakesTheLiveSnapshotOrElseTheContextsOwn) {
  const charter::WorkingCalendar own = Calendar("own", 9, 17);
  const std::vector<charter::Standard> own_standards{Resolve("OWN", 1)};
  CaseContext ctx{*store_, clock_, "BCC", own, own_standards};
  EXPECT_EQ(CharterInUse(ctx).calendar().code(), "own");
  EXPECT_EQ(CharterInUse(ctx).standards().at(0).code, "OWN");

  auto live = Open();
  ASSERT_TRUE(live);
  live->Replace(Snapshot("first", 9, 17));
  ctx.live_charter = live.get();
  const CharterInUse in_use(ctx);
  live->Replace(Snapshot("second", 9, 17));
  // The one taken keeps its snapshot whole; the next takes the new one.
  EXPECT_EQ(in_use.calendar().code(), "first");
  EXPECT_EQ(in_use.standards().at(0).code, "first");
  EXPECT_EQ(CharterInUse(ctx).calendar().code(), "second");
}

}  // namespace
}  // namespace frontdoor::usecase
