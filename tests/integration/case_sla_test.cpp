// SLA clocks on cases against real databases: started with the case for the standards that
// apply, paused while awaiting the customer, stopped as met or missed, swept to at risk and
// breached with a note in the history, and counted by the performance report.
#include "frontdoor/store/case_sla.hpp"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/sla.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using charter::Measure;
using charter::TargetUnit;
using std::chrono::hours;
using usecase::CaseContext;
using usecase::NewCase;
using usecase::PerformanceGroup;

Instant At(const char* iso) {
  return charter::ParseIso8601(iso).value();
}

std::string Iso(const std::optional<Instant>& at) {
  return at ? charter::FormatIso8601(*at, nullptr) : std::string("none");
}

charter::Date D(int y, unsigned m, unsigned d) {
  return charter::Date{std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)};
}

class CaseSlaTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(store_->Migrate());
    ctx_ =
        std::make_unique<CaseContext>(CaseContext{*store_, clock_, "BCC", calendar_, standards_});
    ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE-N", "Cleansing North", "CNS", {}}));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"HUB", "Customer Hub", "CNS", {}}));
    usecase::ServiceInput fly;
    fly.code = "FLY";
    fly.name = "Fly-tipping";
    fly.department_code = "CNS";
    fly.default_team_code = "CLEANSE-N";
    fly.resolve_standard = "SVC-CLEANSE";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, fly));
    usecase::ServiceInput complaint;
    complaint.code = "COMPLAINT";
    complaint.name = "Make a complaint";
    complaint.department_code = "CNS";
    complaint.default_team_code = "HUB";
    complaint.case_type = "complaint";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, complaint));
  }

  std::string Raise(const char* service = "FLY", const char* channel = "web") {
    NewCase input;
    input.service_code = service;
    input.channel = channel;
    input.description = "Mattress dumped by the entry";
    input.actor = "staff:1";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }

  std::vector<store::CaseSlaRecord> Clocks(const std::string& reference) {
    auto clocks = usecase::CaseSlaClocks(*ctx_, reference);
    EXPECT_TRUE(clocks) << clocks.error().message();
    return clocks ? *clocks : std::vector<store::CaseSlaRecord>{};
  }

  store::CaseSlaRecord Clock(const std::string& reference, const std::string& standard) {
    for (auto& sla : Clocks(reference)) {
      if (sla.standard_code == standard) {
        return sla;
      }
    }
    ADD_FAILURE() << reference << " has no clock for " << standard;
    return {};
  }

  void Move(const std::string& reference, CaseStatus to) {
    auto moved = usecase::ChangeStatus(*ctx_, reference, to, std::nullopt, "staff:1");
    ASSERT_TRUE(moved) << moved.error().message();
  }

  // Monday 2 March 2026, 10:00 GMT.
  ManualClock clock_{At("2026-03-02T10:00:00Z")};
  charter::WorkingCalendar calendar_ =
      charter::WorkingCalendar::Create(
          "test", charter::WeeklyHours::MondayToFriday(hours(9), hours(17)), {})
          .value();
  std::vector<charter::Standard> standards_ = {
      {"COMPLAINT-S1",
       "Stage 1 complaints",
       Measure::kComplaintStage1,
       std::nullopt,
       "complaint",
       std::nullopt,
       {TargetUnit::kWorkingDays, 5},
       90},
      {"EMAIL-ACK",
       "Acknowledge",
       Measure::kAcknowledge,
       std::nullopt,
       std::nullopt,
       std::nullopt,
       {TargetUnit::kWorkingDays, 2},
       95},
      {"EMAIL-RESP",
       "Full response",
       Measure::kResolve,
       std::nullopt,
       std::nullopt,
       std::nullopt,
       {TargetUnit::kWorkingDays, 10},
       90},
      {"PHONE-ANS",
       "Answer calls",
       Measure::kAnswerCall,
       "phone",
       std::nullopt,
       std::nullopt,
       {TargetUnit::kSeconds, 20},
       80},
      {"SVC-CLEANSE",
       "Street cleansing",
       Measure::kResolve,
       std::nullopt,
       "request",
       std::nullopt,
       {TargetUnit::kWorkingDays, 5},
       90},
  };
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<CaseContext> ctx_;
};

TEST_P(CaseSlaTest, NewCaseStartsAClockPerMeasureWithTheServiceStandardWinning) {
  const auto reference = Raise();
  auto clocks = Clocks(reference);
  ASSERT_EQ(clocks.size(), 2U);  // acknowledge and resolve; calls are not cases
  const auto ack = Clock(reference, "EMAIL-ACK");
  EXPECT_EQ(ack.state, "on_track");
  EXPECT_EQ(ack.measure, "acknowledge");
  EXPECT_EQ(Iso(ack.due_at), "2026-03-04T17:00:00+00:00");
  // 23 hours of target time; at risk once more than 75% (17 h 15 min) is used.
  EXPECT_EQ(Iso(ack.at_risk_at), "2026-03-04T11:15:00+00:00");
  const auto resolve = Clock(reference, "SVC-CLEANSE");
  EXPECT_EQ(Iso(resolve.due_at), "2026-03-09T17:00:00+00:00");
  EXPECT_EQ(resolve.started_at, clock_.Now());
}

TEST_P(CaseSlaTest, ComplaintsStartTheirStageOneClock) {
  const auto reference = Raise("COMPLAINT", "email");
  std::vector<std::string> codes;
  for (const auto& sla : Clocks(reference)) {
    codes.push_back(sla.standard_code);
  }
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"COMPLAINT-S1", "EMAIL-ACK", "EMAIL-RESP"}));
}

TEST_P(CaseSlaTest, AcknowledgingAndResolvingStopTheirClocksAsMet) {
  const auto reference = Raise();
  clock_.Advance(hours(2));
  Move(reference, CaseStatus::kAcknowledged);
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "met");
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").stopped_at, clock_.Now());
  EXPECT_EQ(Clock(reference, "SVC-CLEANSE").state, "on_track");
  clock_.Advance(hours(24));
  Move(reference, CaseStatus::kResolved);
  EXPECT_EQ(Clock(reference, "SVC-CLEANSE").state, "met");
  // Reopening does not restart a promise already kept.
  clock_.Advance(hours(24));
  Move(reference, CaseStatus::kReopened);
  EXPECT_EQ(Clock(reference, "SVC-CLEANSE").state, "met");
}

TEST_P(CaseSlaTest, AwaitingTheCustomerPausesAndResumingMovesTheDueDate) {
  const auto reference = Raise();
  Move(reference, CaseStatus::kInProgress);
  clock_.Set(At("2026-03-03T10:00:00Z"));  // Tuesday
  Move(reference, CaseStatus::kAwaitingCustomer);
  auto paused = Clock(reference, "SVC-CLEANSE");
  EXPECT_EQ(paused.state, "paused");
  EXPECT_FALSE(paused.due_at.has_value());
  EXPECT_FALSE(paused.at_risk_at.has_value());
  EXPECT_EQ(paused.paused_since, clock_.Now());
  clock_.Set(At("2026-03-04T10:00:00Z"));  // Wednesday: one working day paused
  Move(reference, CaseStatus::kInProgress);
  auto resumed = Clock(reference, "SVC-CLEANSE");
  EXPECT_EQ(resumed.state, "on_track");
  EXPECT_EQ(Iso(resumed.due_at), "2026-03-10T17:00:00+00:00");
  EXPECT_FALSE(resumed.paused_since.has_value());
  EXPECT_EQ(resumed.paused_total, hours(24));
}

TEST_P(CaseSlaTest, ResolvingWhilePausedStopsAndEndsThePause) {
  const auto reference = Raise();
  Move(reference, CaseStatus::kAwaitingCustomer);  // also acknowledges it
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "met");
  clock_.Advance(hours(30));
  Move(reference, CaseStatus::kResolved);
  const auto resolve = Clock(reference, "SVC-CLEANSE");
  EXPECT_EQ(resolve.state, "met");
  EXPECT_EQ(resolve.paused_total, hours(30));
  EXPECT_FALSE(resolve.paused_since.has_value());
}

// Loading history in bulk replays a case's events instead of living them: it must end
// with the clocks the live path wrote, through a pause, a resume, an acknowledgement and a
// resolution.
TEST_P(CaseSlaTest, ReplayingTheEventsGivesTheClocksTheLivePathWrote) {
  const auto reference = Raise();
  Move(reference, CaseStatus::kInProgress);
  clock_.Set(At("2026-03-03T10:00:00Z"));
  Move(reference, CaseStatus::kAwaitingCustomer);
  clock_.Set(At("2026-03-04T15:30:00Z"));
  Move(reference, CaseStatus::kInProgress);
  clock_.Set(At("2026-03-06T11:00:00Z"));
  Move(reference, CaseStatus::kResolved);
  struct History {
    store::CaseRecord record;
    std::vector<store::CaseEventRecord> events;
  };
  auto history = store::ReadValue<History>(*store_, [&](store::ReadTx& tx) -> Result<History> {
    store::Cases cases(tx);
    auto record = cases.FindByReference(reference);
    if (!record) {
      return record.error();
    }
    auto events = cases.Events(record->id);
    if (!events) {
      return events.error();
    }
    return History{std::move(*record), std::move(*events)};
  });
  ASSERT_TRUE(history) << history.error().message();
  auto replayed = usecase::ReplaySlaClocks(standards_, calendar_, history->record, "request",
                                           "SVC-CLEANSE", history->events, clock_.Now());
  ASSERT_TRUE(replayed) << replayed.error().message();
  const auto live = Clocks(reference);
  ASSERT_EQ(replayed->size(), live.size());
  for (const auto& clock : *replayed) {
    const auto written = Clock(reference, clock.sla.standard_code);
    EXPECT_EQ(clock.sla.state, written.state) << clock.sla.standard_code;
    EXPECT_EQ(Iso(clock.sla.due_at), Iso(written.due_at)) << clock.sla.standard_code;
    EXPECT_EQ(Iso(clock.sla.stopped_at), Iso(written.stopped_at)) << clock.sla.standard_code;
    EXPECT_EQ(clock.sla.paused_total, written.paused_total) << clock.sla.standard_code;
    EXPECT_EQ(Iso(clock.sla.paused_since), Iso(written.paused_since)) << clock.sla.standard_code;
  }
  EXPECT_EQ(Clock(reference, "SVC-CLEANSE").paused_total, hours(29) + std::chrono::minutes(30));
}

TEST_P(CaseSlaTest, SweepMarksAtRiskThenBreachedOnceWithANote) {
  const auto reference = Raise();
  clock_.Set(At("2026-03-04T11:00:00Z"));
  auto early = usecase::SweepSlaClocks(*ctx_);
  ASSERT_TRUE(early) << early.error().message();
  EXPECT_EQ(early->at_risk + early->breached, 0);

  clock_.Set(At("2026-03-04T12:00:00Z"));
  auto amber = usecase::SweepSlaClocks(*ctx_);
  ASSERT_TRUE(amber) << amber.error().message();
  EXPECT_EQ(amber->at_risk, 1);
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "at_risk");
  auto again = usecase::SweepSlaClocks(*ctx_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at_risk + again->breached, 0);

  clock_.Set(At("2026-03-05T10:00:00Z"));
  auto red = usecase::SweepSlaClocks(*ctx_);
  ASSERT_TRUE(red);
  EXPECT_EQ(red->breached, 1);
  EXPECT_EQ(red->at_risk, 0);  // SVC-CLEANSE turns amber on Friday 13:15
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "breached");

  auto detail = usecase::GetCase(*ctx_, reference);
  ASSERT_TRUE(detail);
  int notes = 0;
  for (const auto& event : detail->events) {
    if (event.actor == "system" && event.kind == "note") {
      ++notes;
      EXPECT_FALSE(event.is_public);
      EXPECT_NE(event.body->find("EMAIL-ACK"), std::string::npos);
    }
  }
  EXPECT_EQ(notes, 2);

  // Acknowledged late: the breached clock stops as missed.
  Move(reference, CaseStatus::kAcknowledged);
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "missed");
}

TEST_P(CaseSlaTest, ClosingAsADuplicateStopsTheClocks) {
  const auto first = Raise();
  const auto second = Raise();
  clock_.Advance(hours(1));
  auto linked = usecase::LinkCases(*ctx_, second, first, "duplicate_of", "staff:1");
  ASSERT_TRUE(linked) << linked.error().message();
  EXPECT_EQ(Clock(second, "SVC-CLEANSE").state, "met");
  EXPECT_EQ(Clock(first, "SVC-CLEANSE").state, "on_track");
}

TEST_P(CaseSlaTest, PublicUpdateAcknowledgesTheCustomer) {
  const auto reference = Raise();
  clock_.Advance(hours(1));
  auto update =
      usecase::AddPublicUpdate(*ctx_, reference, "We will visit tomorrow", std::nullopt, "staff:1");
  ASSERT_TRUE(update) << update.error().message();
  EXPECT_EQ(Clock(reference, "EMAIL-ACK").state, "met");
  EXPECT_EQ(Clock(reference, "SVC-CLEANSE").state, "on_track");
}

TEST_P(CaseSlaTest, PerformanceCountsMetMissedBreachedAndOpen) {
  const auto on_time = Raise("FLY", "web");
  const auto late = Raise("FLY", "phone");
  Raise("FLY", "web");  // never acknowledged
  clock_.Advance(hours(1));
  Move(on_time, CaseStatus::kAcknowledged);
  clock_.Set(At("2026-03-05T10:00:00Z"));  // Thursday, past Wednesday's close
  Move(late, CaseStatus::kAcknowledged);

  usecase::PerformanceQuery query{D(2026, 3, 1), D(2026, 3, 31), {}};
  auto rows =
      usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), query, standards_);
  ASSERT_TRUE(rows) << rows.error().message();
  ASSERT_EQ(rows->size(), 2U);
  const auto& ack = rows->at(0);
  EXPECT_EQ(ack.standard_code, "EMAIL-ACK");
  EXPECT_EQ(ack.total, 3);
  EXPECT_EQ(ack.met, 1);
  EXPECT_EQ(ack.missed, 1);
  EXPECT_EQ(ack.breached, 1);
  EXPECT_EQ(ack.open, 0);
  ASSERT_TRUE(ack.compliance_percent);
  EXPECT_NEAR(*ack.compliance_percent, 100.0 / 3, 1e-9);
  EXPECT_EQ(ack.meets_threshold, std::optional<bool>(false));
  EXPECT_EQ(ack.standard_name, "Acknowledge");
  const auto& resolve = rows->at(1);
  EXPECT_EQ(resolve.standard_code, "SVC-CLEANSE");
  EXPECT_EQ(resolve.open, 3);
  EXPECT_FALSE(resolve.compliance_percent);

  query.group_by = {PerformanceGroup::kChannel, PerformanceGroup::kMonth};
  query.from = D(2026, 2, 1);
  rows = usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), query, standards_);
  ASSERT_TRUE(rows) << rows.error().message();
  ASSERT_EQ(rows->size(), 4U);  // February has none; March: 2 standards x 2 channels
  EXPECT_EQ(rows->at(0).month, std::optional<std::string>("2026-03"));
  EXPECT_EQ(rows->at(0).group_code, std::optional<std::string>("phone"));
  EXPECT_EQ(rows->at(0).missed, 1);
  EXPECT_EQ(rows->at(1).group_code, std::optional<std::string>("web"));
  EXPECT_EQ(rows->at(1).total, 2);

  query.group_by = {PerformanceGroup::kTeam};
  rows = usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), query, standards_);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ(rows->at(0).group_code, std::optional<std::string>("CLEANSE-N"));
  EXPECT_EQ(rows->at(0).group_name, std::optional<std::string>("Cleansing North"));

  query.group_by = {PerformanceGroup::kService};
  query.from = D(2026, 3, 3);  // after every case started
  rows = usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), query, standards_);
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
}

// The charter rollup's rows are shared by every case of a day, standard, team and service:
// on PostgreSQL concurrent writers lock them, so creates and status moves of the same kind of
// case at once must neither deadlock nor fail, and the counts must add up afterwards.
TEST_P(CaseSlaTest, ConcurrentWritersOfTheSameRollupRowsAllCommit) {
  constexpr int kThreads = 8;
  constexpr int kCasesEach = 12;
  std::atomic<int> failures{0};
  std::mutex first_failure_mutex;
  std::string first_failure;
  const auto fail = [&](const Error& error) {
    failures.fetch_add(1);
    const std::scoped_lock lock(first_failure_mutex);
    if (first_failure.empty()) {
      first_failure = std::string(ErrorCodeName(error.code())) + ": " + error.message();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCasesEach; ++i) {
        NewCase input;
        // Alternate services in opposite orders across threads, to cross the rollup rows.
        input.service_code = (i + t) % 2 == 0 ? "FLY" : "COMPLAINT";
        input.channel = t % 2 == 0 ? "web" : "phone";
        input.description = "Reported at once with many others";
        input.actor = "staff:1";
        auto created = usecase::CreateCase(*ctx_, input);
        if (!created) {
          fail(created.error());
          continue;
        }
        const auto& reference = created->record.reference;
        for (const CaseStatus to : {CaseStatus::kAcknowledged, CaseStatus::kResolved}) {
          if (auto moved = usecase::ChangeStatus(*ctx_, reference, to, std::nullopt, "staff:1");
              !moved) {
            fail(moved.error());
          }
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0) << first_failure;

  usecase::PerformanceQuery query{D(2026, 3, 1), D(2026, 3, 31), {}};
  auto rows =
      usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), query, standards_);
  ASSERT_TRUE(rows) << rows.error().message();
  int acknowledged = 0;
  for (const auto& row : *rows) {
    if (row.standard_code == "EMAIL-ACK") {
      acknowledged = static_cast<int>(row.total);
      EXPECT_EQ(row.met, row.total);
    }
  }
  EXPECT_EQ(acknowledged, kThreads * kCasesEach);
}

// The store counts the clocks it starts in the charter rollup itself (migration 0024): clocks
// of several cases that share a rollup row in one call count once each, and a met or missed
// clock counts as such from the start.
TEST_P(CaseSlaTest, ClocksStartedTogetherCountOnceEachInTheRollup) {
  const auto first = usecase::GetCaseRecord(*ctx_, Raise());
  const auto second = usecase::GetCaseRecord(*ctx_, Raise());
  ASSERT_TRUE(first && second);
  std::vector<store::CaseSlaRecord> clocks(3);
  for (std::size_t i = 0; i < clocks.size(); ++i) {
    clocks[i].case_id = i == 0 ? first->id : second->id;
    clocks[i].standard_code = i < 2 ? "TEST-SHARED" : "TEST-MET";
    clocks[i].measure = "acknowledge";
    clocks[i].unit = "working_days";
    clocks[i].amount = 1;
    clocks[i].started_at = clock_.Now();
    clocks[i].state = i < 2 ? "on_track" : "met";
    clocks[i].stopped_at = i < 2 ? std::nullopt : std::optional<Instant>(clock_.Now());
    clocks[i].state_changed_at = clock_.Now();
  }
  ASSERT_TRUE(
      store_->Write([&](store::WriteTx& tx) { return store::CaseSlas(tx).InsertAll(clocks); }));
  std::vector<std::string> rows;
  ASSERT_TRUE(store_->Read([&](store::ReadTx& tx) {
    return tx.session().Query(
        "SELECT standard_code, total, met, missed FROM charter_rollup "
        "WHERE standard_code LIKE 'TEST-%' ORDER BY standard_code",
        {}, [&](const store::SqlRow& row) {
          rows.push_back(row.String(0) + " " + std::to_string(row.Int(1)) + " " +
                         std::to_string(row.Int(2)) + " " + std::to_string(row.Int(3)));
        });
  }));
  EXPECT_EQ(rows, (std::vector<std::string>{"TEST-MET 1 1 0", "TEST-SHARED 2 0 0"}));
}

TEST_P(CaseSlaTest, PerformanceQueryMistakesNameTheField) {
  usecase::PerformanceQuery backwards{D(2026, 3, 31), D(2026, 3, 1), {}};
  auto rows =
      usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), backwards, standards_);
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().field_errors().front().field, "to");
  usecase::PerformanceQuery too_long{D(2000, 1, 1), D(2026, 3, 1), {}};
  EXPECT_EQ(
      usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), too_long, standards_)
          .error()
          .field_errors()
          .front()
          .field,
      "to");
  usecase::PerformanceQuery two_ways{
      D(2026, 3, 1), D(2026, 3, 31), {PerformanceGroup::kTeam, PerformanceGroup::kService}};
  EXPECT_EQ(
      usecase::CharterPerformance(*store_, calendar_.zone(), clock_.Now(), two_ways, standards_)
          .error()
          .field_errors()
          .front()
          .field,
      "group_by");
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseSlaTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
