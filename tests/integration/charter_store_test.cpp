// The charter repositories (calendars, closed days, closures, standards) behave the same on
// SQLite and on a real PostgreSQL server.
#include <gtest/gtest.h>

#include "frontdoor/store/charter.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using store::CalendarRecord;
using store::Calendars;
using store::ClosedDayRecord;
using store::ClosureRecord;
using store::OpeningHoursRecord;
using store::StandardRecord;
using store::Standards;

class CharterStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
    ASSERT_GE(*version, 3);
  }

  Result<CalendarRecord> AddCalendar(const std::string& code, bool is_default) {
    return store::WriteValue<CalendarRecord>(*store_, [&](store::WriteTx& tx) {
      CalendarRecord calendar;
      calendar.code = code;
      calendar.name = "Calendar " + code;
      calendar.zone = "Europe/London";
      calendar.is_default = is_default;
      calendar.created_at = clock_.Now();
      calendar.updated_at = clock_.Now();
      return Calendars(tx).Insert(calendar);
    });
  }

  template <class T, class F>
  Result<T> Read(F&& work) {
    return store::ReadValue<T>(*store_, std::forward<F>(work));
  }

  template <class F>
  Result<void> Write(F&& work) {
    return store_->Write(std::forward<F>(work));
  }

  static StandardRecord EmailAck() {
    StandardRecord standard;
    standard.code = "EMAIL-ACK";
    standard.name = "Acknowledge within 2 working days";
    standard.measure = "acknowledge";
    standard.channel = "email";
    standard.unit = "working_days";
    standard.amount = 2;
    standard.threshold_percent = 95.5;
    return standard;
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(CharterStoreTest, CalendarIsReadBackWithEveryField) {
  auto added = AddCalendar("council", true);
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_GT(added->id, 0);
  auto found =
      Read<CalendarRecord>([](store::ReadTx& tx) { return Calendars(tx).Find("council"); });
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->id, added->id);
  EXPECT_EQ(found->name, "Calendar council");
  EXPECT_EQ(found->zone, "Europe/London");
  EXPECT_TRUE(found->is_default);
  EXPECT_EQ(found->created_at, clock_.Now());
  EXPECT_EQ(found->updated_at, clock_.Now());
}

TEST_P(CharterStoreTest, UnknownCalendarIsNotFound) {
  auto found = Read<CalendarRecord>([](store::ReadTx& tx) { return Calendars(tx).Find("nope"); });
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().code(), ErrorCode::kNotFound);
}

TEST_P(CharterStoreTest, DuplicateCodeAndSecondDefaultAreConflicts) {
  ASSERT_TRUE(AddCalendar("council", true));
  auto same_code = AddCalendar("council", false);
  ASSERT_FALSE(same_code);
  EXPECT_EQ(same_code.error().code(), ErrorCode::kConflict);
  auto second_default = AddCalendar("contact-centre", true);
  ASSERT_FALSE(second_default);
  EXPECT_EQ(second_default.error().code(), ErrorCode::kConflict);
}

TEST_P(CharterStoreTest, DefaultMovesAfterClearing) {
  ASSERT_TRUE(AddCalendar("council", true));
  ASSERT_TRUE(Write([](store::WriteTx& tx) { return Calendars(tx).ClearDefault(); }));
  ASSERT_TRUE(AddCalendar("contact-centre", true));
  auto listed =
      Read<std::vector<CalendarRecord>>([](store::ReadTx& tx) { return Calendars(tx).List(); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].code, "contact-centre");  // by code
  EXPECT_TRUE((*listed)[0].is_default);
  EXPECT_FALSE((*listed)[1].is_default);
}

TEST_P(CharterStoreTest, UpdateWritesNameZoneAndDefault) {
  auto added = AddCalendar("council", false);
  ASSERT_TRUE(added);
  CalendarRecord changed = *added;
  changed.name = "Belfast City Council";
  changed.zone = "Europe/Dublin";
  changed.is_default = true;
  clock_.Advance(std::chrono::seconds(5));
  changed.updated_at = clock_.Now();
  auto updated = store::WriteValue<CalendarRecord>(
      *store_, [&](store::WriteTx& tx) { return Calendars(tx).Update(changed); });
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(updated->name, "Belfast City Council");
  EXPECT_EQ(updated->zone, "Europe/Dublin");
  EXPECT_TRUE(updated->is_default);
  EXPECT_EQ(updated->created_at, added->created_at);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  changed.id = 999'999;
  auto missing = store::WriteValue<CalendarRecord>(
      *store_, [&](store::WriteTx& tx) { return Calendars(tx).Update(changed); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(CharterStoreTest, HoursAreReplacedWhole) {
  auto calendar = AddCalendar("council", true);
  ASSERT_TRUE(calendar);
  const std::int64_t id = calendar->id;
  ASSERT_TRUE(Write([&](store::WriteTx& tx) {
    return Calendars(tx).SetHours(id, {{1, 540, 1020}, {2, 540, 1020}, {6, 540, 780}});
  }));
  ASSERT_TRUE(Write([&](store::WriteTx& tx) {
    return Calendars(tx).SetHours(id, {{3, 480, 1080}, {1, 480, 1080}});
  }));
  auto hours = Read<std::vector<OpeningHoursRecord>>(
      [&](store::ReadTx& tx) { return Calendars(tx).Hours(id); });
  ASSERT_TRUE(hours);
  ASSERT_EQ(hours->size(), 2U);
  EXPECT_EQ((*hours)[0].weekday, 1);
  EXPECT_EQ((*hours)[0].opens_minute, 480);
  EXPECT_EQ((*hours)[0].closes_minute, 1080);
  EXPECT_EQ((*hours)[1].weekday, 3);
}

TEST_P(CharterStoreTest, ImpossibleHoursAreRefusedByTheSchema) {
  auto calendar = AddCalendar("council", true);
  ASSERT_TRUE(calendar);
  const std::int64_t id = calendar->id;
  for (const OpeningHoursRecord& bad :
       {OpeningHoursRecord{8, 540, 1020}, OpeningHoursRecord{1, 1020, 540},
        OpeningHoursRecord{1, 540, 1500}}) {
    EXPECT_FALSE(Write([&](store::WriteTx& tx) { return Calendars(tx).SetHours(id, {bad}); }))
        << bad.weekday << " " << bad.opens_minute << "-" << bad.closes_minute;
  }
}

TEST_P(CharterStoreTest, ClosedDaysUpsertFilterAndDelete) {
  auto calendar = AddCalendar("council", true);
  ASSERT_TRUE(calendar);
  const std::int64_t id = calendar->id;
  ASSERT_TRUE(Write([&](store::WriteTx& tx) -> Result<void> {
    Calendars calendars(tx);
    for (const ClosedDayRecord& day :
         {ClosedDayRecord{"2026-12-25", "Christmas Day", "rule"},
          ClosedDayRecord{"2026-03-17", "St Patrick's Day", "rule"},
          ClosedDayRecord{"2027-01-01", "New Year's Day", "rule"},
          ClosedDayRecord{"2026-12-25", "Christmas Day (imported)", "imported"}}) {
      if (auto put = calendars.PutClosedDay(id, day); !put) {
        return put.error();
      }
    }
    return {};
  }));
  auto all = Read<std::vector<ClosedDayRecord>>(
      [&](store::ReadTx& tx) { return Calendars(tx).ClosedDays(id); });
  ASSERT_TRUE(all) << all.error().message();
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[0].day, "2026-03-17");
  EXPECT_EQ((*all)[1].day, "2026-12-25");
  EXPECT_EQ((*all)[1].name, "Christmas Day (imported)");
  EXPECT_EQ((*all)[1].source, "imported");
  auto in_2026 = Read<std::vector<ClosedDayRecord>>([&](store::ReadTx& tx) {
    return Calendars(tx).ClosedDays(id, std::string("2026-01-01"), std::string("2026-12-31"));
  });
  ASSERT_TRUE(in_2026);
  EXPECT_EQ(in_2026->size(), 2U);
  ASSERT_TRUE(
      Write([&](store::WriteTx& tx) { return Calendars(tx).DeleteClosedDay(id, "2026-03-17"); }));
  auto after = Read<std::vector<ClosedDayRecord>>(
      [&](store::ReadTx& tx) { return Calendars(tx).ClosedDays(id); });
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), 2U);
}

TEST_P(CharterStoreTest, ClosedDayWithABadSourceOrDateIsRefused) {
  auto calendar = AddCalendar("council", true);
  ASSERT_TRUE(calendar);
  const std::int64_t id = calendar->id;
  EXPECT_FALSE(Write([&](store::WriteTx& tx) {
    return Calendars(tx).PutClosedDay(id, {"2026-12-25", "Christmas", "whim"});
  }));
  EXPECT_FALSE(Write([&](store::WriteTx& tx) {
    return Calendars(tx).PutClosedDay(id, {"25/12/2026", "Christmas", "rule"});
  }));
}

TEST_P(CharterStoreTest, ClosuresRoundTripAndDeleteOnlyTheirOwn) {
  auto council = AddCalendar("council", true);
  auto other = AddCalendar("contact-centre", false);
  ASSERT_TRUE(council && other);
  ClosureRecord closure;
  closure.calendar_id = council->id;
  closure.from = FromUnixMicros(1'767'600'000'000'000);
  closure.to = FromUnixMicros(1'767'700'000'000'000);
  closure.reason = "Storm: offices closed";
  closure.created_at = clock_.Now();
  auto added = store::WriteValue<ClosureRecord>(
      *store_, [&](store::WriteTx& tx) { return Calendars(tx).InsertClosure(closure); });
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(added->from, closure.from);
  EXPECT_EQ(added->to, closure.to);
  EXPECT_EQ(added->reason, closure.reason);

  closure.to = closure.from;
  EXPECT_FALSE(store::WriteValue<ClosureRecord>(
      *store_, [&](store::WriteTx& tx) { return Calendars(tx).InsertClosure(closure); }));

  const std::int64_t closure_id = added->id;
  auto wrong_calendar =
      Write([&](store::WriteTx& tx) { return Calendars(tx).DeleteClosure(other->id, closure_id); });
  ASSERT_FALSE(wrong_calendar);
  EXPECT_EQ(wrong_calendar.error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(Write(
      [&](store::WriteTx& tx) { return Calendars(tx).DeleteClosure(council->id, closure_id); }));
  auto left = Read<std::vector<ClosureRecord>>(
      [&](store::ReadTx& tx) { return Calendars(tx).Closures(council->id); });
  ASSERT_TRUE(left);
  EXPECT_TRUE(left->empty());
}

TEST_P(CharterStoreTest, StandardIsReadBackWithEveryField) {
  StandardRecord standard = EmailAck();
  standard.created_at = clock_.Now();
  standard.updated_at = clock_.Now();
  auto added = store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(standard); });
  ASSERT_TRUE(added) << added.error().message();
  auto found =
      Read<StandardRecord>([](store::ReadTx& tx) { return Standards(tx).Find("EMAIL-ACK"); });
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->id, added->id);
  EXPECT_EQ(found->name, standard.name);
  EXPECT_EQ(found->measure, "acknowledge");
  EXPECT_EQ(found->channel, std::optional<std::string>("email"));
  EXPECT_FALSE(found->case_type.has_value());
  EXPECT_FALSE(found->service_code.has_value());
  EXPECT_EQ(found->unit, "working_days");
  EXPECT_EQ(found->amount, 2);
  EXPECT_DOUBLE_EQ(found->threshold_percent, 95.5);
  EXPECT_TRUE(found->active);
  EXPECT_EQ(found->created_at, clock_.Now());
}

TEST_P(CharterStoreTest, StandardUpdateAndInactiveAreHiddenFromTheActiveList) {
  StandardRecord standard = EmailAck();
  ASSERT_TRUE(store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(standard); }));
  StandardRecord second = EmailAck();
  second.code = "EMAIL-RESP";
  second.measure = "resolve";
  second.amount = 10;
  ASSERT_TRUE(store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(second); }));
  auto duplicate = store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(second); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kConflict);

  standard.active = false;
  standard.channel.reset();
  standard.service_code = "FLY-TIP";
  standard.amount = 3;
  auto updated = store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Update(standard); });
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_FALSE(updated->active);
  EXPECT_FALSE(updated->channel.has_value());
  EXPECT_EQ(updated->service_code, std::optional<std::string>("FLY-TIP"));
  EXPECT_EQ(updated->amount, 3);

  auto active = Read<std::vector<StandardRecord>>(
      [](store::ReadTx& tx) { return Standards(tx).List(false); });
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1U);
  EXPECT_EQ(active->front().code, "EMAIL-RESP");
  auto all =
      Read<std::vector<StandardRecord>>([](store::ReadTx& tx) { return Standards(tx).List(true); });
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 2U);

  standard.code = "NOPE";
  auto missing = store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Update(standard); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(CharterStoreTest, NegativeTargetIsRefusedByTheSchema) {
  StandardRecord standard = EmailAck();
  standard.amount = -1;
  EXPECT_FALSE(store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(standard); }));
  standard.amount = 1;
  standard.threshold_percent = 101;
  EXPECT_FALSE(store::WriteValue<StandardRecord>(
      *store_, [&](store::WriteTx& tx) { return Standards(tx).Insert(standard); }));
}

INSTANTIATE_TEST_SUITE_P(Backends, CharterStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
