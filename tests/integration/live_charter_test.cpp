// Charter changes without a restart, on SQLite and PostgreSQL: a change of a calendar's hours
// or a closed day made through the use cases moves the due date of the next case at once,
// while open cases keep theirs; and a second node sharing the database (its own store and
// live charter) picks the change up at its next version check, whichever node or the CLI made
// it.
#include "frontdoor/usecase/live_charter.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using std::chrono::hours;

// One node: its own store (its own connections) and live charter over the shared database.
struct Node {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<usecase::LiveCharter> live;
  std::shared_ptr<const usecase::CharterSnapshot> first;
  std::unique_ptr<usecase::CaseContext> ctx;
};

class LiveCharterTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    database_ = NewTestDatabase(GetParam());
    auto setup = OpenTestStore(*database_, clock_);
    ASSERT_TRUE(setup->Migrate());
    ASSERT_TRUE(usecase::CreateDepartment(*setup, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*setup, {"cleansing", "Cleansing", "CNS", std::nullopt}));
    ASSERT_TRUE(usecase::CreateStandard(*setup, clock_, {SpillStandard(4), true}));
    usecase::ServiceInput spill;
    spill.code = "SPILL";
    spill.name = "Spill on the road";
    spill.department_code = "CNS";
    spill.default_team_code = "cleansing";
    spill.resolve_standard = "SPILL-FAST";
    ASSERT_TRUE(usecase::CreateService(*setup, clock_, spill));
    ASSERT_TRUE(usecase::CreateCalendar(*setup, clock_, Calendar("council", 9, 17)));
    ASSERT_TRUE(usecase::CreateCalendar(*setup, clock_, Calendar("contact-centre", 8, 20)));
  }

  // Spills cleared within `amount` working hours: few enough that one day's hours matter.
  static charter::Standard SpillStandard(int amount) {
    return {"SPILL-FAST",
            "Spills cleared quickly",
            charter::Measure::kResolve,
            std::nullopt,
            std::nullopt,
            std::nullopt,
            {charter::TargetUnit::kWorkingHours, amount},
            95};
  }

  static usecase::CalendarSpec Calendar(const std::string& code, int opens, int closes) {
    return {code, code, "Europe/London",
            charter::WeeklyHours::MondayToFriday(hours(opens), hours(closes)), false};
  }

  Node StartNode() {
    Node node;
    node.store = OpenTestStore(*database_, clock_);
    auto live = usecase::LiveCharter::Open(*node.store, usecase::LoadCharterSnapshot);
    EXPECT_TRUE(live) << live.error().message();
    if (!live) {
      return node;
    }
    node.live = std::move(*live);
    node.first = node.live->Current();
    node.ctx = std::make_unique<usecase::CaseContext>(usecase::CaseContext{
        *node.store, clock_, "BCC", node.first->calendar, node.first->standards});
    node.ctx->live_charter = node.live.get();
    return node;
  }

  // The reference and due date (ISO 8601, London) of a new spill case raised now on `node`.
  std::pair<std::string, std::string> RaiseSpill(const Node& node) {
    usecase::NewCase input;
    input.service_code = "SPILL";
    input.description = "Oil across the road";
    input.actor = "system";
    auto created = usecase::CreateCase(*node.ctx, input);
    EXPECT_TRUE(created) << created.error().message();
    if (!created || !created->record.due_at) {
      return {};
    }
    return {created->record.reference, Iso(*created->record.due_at)};
  }

  std::string StoredDue(const Node& node, const std::string& reference) {
    auto record = usecase::GetCaseRecord(*node.ctx, reference);
    EXPECT_TRUE(record) << record.error().message();
    return record && record->due_at ? Iso(*record->due_at) : std::string();
  }

  static std::string Iso(Instant at) {
    return charter::FormatIso8601(at, date::locate_zone("Europe/London"));
  }

  // Monday 2 March 2026, 10:00 in London (GMT).
  ManualClock clock_{FromUnixMicros(kMondayMorning)};
  std::unique_ptr<TestDatabase> database_;
};

TEST_P(LiveCharterTest, TheNextCaseIsDueOnTheNewHoursWithoutARestart) {
  Node node = StartNode();
  ASSERT_TRUE(node.live);
  const auto [first, first_due] = RaiseSpill(node);
  EXPECT_EQ(first_due, "2026-03-02T14:00:00+00:00");

  // The council now closes at noon: two hours on Monday, two on Tuesday morning.
  ASSERT_TRUE(usecase::UpdateCalendar(
      *node.store, clock_,
      [] {
        auto spec = Calendar("council", 9, 12);
        spec.is_default = true;
        return spec;
      }(),
      node.live.get()));
  const auto [second, second_due] = RaiseSpill(node);
  EXPECT_EQ(second_due, "2026-03-03T11:00:00+00:00");

  // And closes on Tuesday 3 March: Tuesday's two hours move to Wednesday.
  ASSERT_TRUE(usecase::AddClosedDay(*node.store, "council",
                                    charter::Date{std::chrono::March / 3 / 2026}, "Storm",
                                    node.live.get()));
  const auto [third, third_due] = RaiseSpill(node);
  EXPECT_EQ(third_due, "2026-03-04T11:00:00+00:00");

  // Cases already open keep the due dates they were given.
  EXPECT_EQ(StoredDue(node, first), "2026-03-02T14:00:00+00:00");
  EXPECT_EQ(StoredDue(node, second), "2026-03-03T11:00:00+00:00");
}

TEST_P(LiveCharterTest, AChangeToAnotherCalendarLeavesTheDefaultsDueDatesAlone) {
  Node node = StartNode();
  ASSERT_TRUE(node.live);
  const auto version = node.live->Current()->version;
  ASSERT_TRUE(usecase::UpdateCalendar(*node.store, clock_, Calendar("contact-centre", 7, 22),
                                      node.live.get()));
  EXPECT_GT(node.live->Current()->version, version) << "rebuilt all the same";
  EXPECT_EQ(RaiseSpill(node).second, "2026-03-02T14:00:00+00:00");
  auto stored = usecase::GetCalendar(*node.store, "contact-centre");
  ASSERT_TRUE(stored);
  ASSERT_FALSE(stored->hours.empty());
  EXPECT_EQ(stored->hours.front().opens_minute, 7 * 60);
}

TEST_P(LiveCharterTest, ASecondNodeSeesTheChangeAtItsNextVersionCheck) {
  Node one = StartNode();
  Node two = StartNode();
  ASSERT_TRUE(one.live);
  ASSERT_TRUE(two.live);
  auto unchanged = two.live->Refresh();
  ASSERT_TRUE(unchanged) << unchanged.error().message();
  EXPECT_FALSE(*unchanged);

  auto spec = Calendar("council", 9, 12);
  spec.is_default = true;
  ASSERT_TRUE(usecase::UpdateCalendar(*one.store, clock_, spec, one.live.get()));
  EXPECT_EQ(RaiseSpill(one).second, "2026-03-03T11:00:00+00:00");
  // Node two has not checked yet: it still counts on the snapshot it holds.
  EXPECT_EQ(RaiseSpill(two).second, "2026-03-02T14:00:00+00:00");
  auto refreshed = two.live->Refresh();
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(two.live->Current()->version, one.live->Current()->version);
  EXPECT_EQ(RaiseSpill(two).second, "2026-03-03T11:00:00+00:00");

  // A change made with no live charter at all (the CLI, say) reaches both by the version.
  ASSERT_TRUE(usecase::AddClosedDay(*one.store, "council",
                                    charter::Date{std::chrono::March / 3 / 2026}, "Storm"));
  for (Node* node : {&one, &two}) {
    EXPECT_EQ(RaiseSpill(*node).second, "2026-03-03T11:00:00+00:00") << "not checked yet";
    auto seen = node->live->Refresh();
    ASSERT_TRUE(seen) << seen.error().message();
    EXPECT_TRUE(*seen);
    EXPECT_EQ(RaiseSpill(*node).second, "2026-03-04T11:00:00+00:00");
  }
}

TEST_P(LiveCharterTest, AStandardChangedThroughTheUseCaseCountsForTheNextCase) {
  Node node = StartNode();
  ASSERT_TRUE(node.live);
  ASSERT_TRUE(
      usecase::UpdateStandard(*node.store, clock_, {SpillStandard(6), true}, node.live.get()));
  EXPECT_EQ(RaiseSpill(node).second, "2026-03-02T16:00:00+00:00");
}

INSTANTIATE_TEST_SUITE_P(Backends, LiveCharterTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
