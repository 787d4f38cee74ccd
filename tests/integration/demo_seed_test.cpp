// The demo seed: the catalogue it creates, and the case history `seed --demo --cases N`
// writes. The generator is checked in memory for determinism and the shape of demand; the
// seeded database is checked on SQLite and PostgreSQL for what the rest of the product relies
// on (statuses, channels, references and their sequences, events, dates, places, answers).
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/app/demo_catalogue.hpp"
#include "frontdoor/app/demo_history.hpp"
#include "frontdoor/app/wiring.hpp"
#include "frontdoor/core/area.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/store/case_sla.hpp"
#include "frontdoor/usecase/cases.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

// Monday 15 June 2026, 10:30 in Belfast (09:30 UTC).
const Instant kNow = FromUnixMicros(1'781'515'800'000'000);

charter::WorkingCalendar Calendar() {
  auto calendar = app::DefaultCalendar();
  EXPECT_TRUE(calendar);
  return *calendar;
}

// The demo catalogue as stored records, without a database: ids in list order.
app::DemoHistoryCatalogue MemoryCatalogue() {
  app::DemoHistoryCatalogue catalogue;
  std::int64_t id = 0;
  for (const auto& s : app::DemoServices()) {
    store::ServiceRecord r;
    r.id = ++id;
    r.code = s.input.code;
    r.case_type = s.input.case_type;
    r.channels = {"web", "phone", "email", "face_to_face", "webchat", "social", "letter"};
    r.signpost = s.input.signpost;
    r.form = s.input.form;
    r.resolve_standard = s.input.resolve_standard;
    r.default_team_id = 1;
    catalogue.services.push_back(r);
  }
  catalogue.agent_ids = {1, 2};
  catalogue.officer_ids = {3};
  catalogue.team_ids = {{"cleansing-north", 11},
                        {"cleansing-south", 12},
                        {"cleansing-east", 13},
                        {"cleansing-west", 14}};
  return catalogue;
}

std::vector<store::BulkCase> Generate(std::int64_t cases, std::uint64_t seed = 7) {
  app::DemoHistoryOptions options;
  options.cases = cases;
  options.now = kNow;
  options.seed = seed;
  options.batch_cases = 997;  // batches must not change the history
  auto generator = app::DemoHistoryGenerator::Create(options, MemoryCatalogue(), Calendar(),
                                                     app::DefaultCharter());
  EXPECT_TRUE(generator) << generator.error().message();
  std::vector<store::BulkCase> all;
  app::DemoBatch batch;
  while (generator->Next(batch)) {
    EXPECT_LE(batch.cases.size(), 997U);
    for (auto& c : batch.cases) {
      all.push_back(std::move(c));
    }
  }
  return all;
}

date::year_month_day LondonDay(Instant at) {
  const date::zoned_time local{date::locate_zone("Europe/London"), at};
  return date::year_month_day{date::floor<date::days>(local.get_local_time())};
}

int LondonHour(Instant at) {
  const date::zoned_time local{date::locate_zone("Europe/London"), at};
  const auto t = local.get_local_time();
  return static_cast<int>(date::floor<std::chrono::hours>(t - date::floor<date::days>(t)).count());
}

TEST(DemoHistoryGeneratorTest, SameSeedGivesTheSameHistory) {
  const auto a = Generate(3000);
  const auto b = Generate(3000);
  ASSERT_EQ(a.size(), 3000U);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].record.reference, b[i].record.reference);
    EXPECT_EQ(a[i].record.created_at, b[i].record.created_at);
    EXPECT_EQ(a[i].record.service_id, b[i].record.service_id);
    EXPECT_EQ(a[i].record.status, b[i].record.status);
    EXPECT_EQ(a[i].record.description, b[i].record.description);
    EXPECT_EQ(a[i].attributes, b[i].attributes);
    EXPECT_EQ(a[i].events.size(), b[i].events.size());
  }
  const auto other = Generate(3000, 8);
  int same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    same += a[i].record.created_at == other[i].record.created_at ? 1 : 0;
  }
  EXPECT_LT(same, 10) << "another seed gives another history";
}

TEST(DemoHistoryGeneratorTest, DemandHasSeasonsWeekdaysAndOfficeHours) {
  const auto cases = Generate(30'000);
  std::map<std::int64_t, std::string> codes;
  for (const auto& s : MemoryCatalogue().services) {
    codes[s.id] = s.code;
  }
  std::map<std::string, int> summer;  // May to July
  std::map<std::string, int> winter;  // November to January, but the Christmas weeks
  int christmas_bins = 0;             // 27 Dec to 6 Jan: 11 days
  int november_bins = 0;              // 30 days
  std::array<int, 7> by_weekday{};
  int phone_out_of_hours = 0;
  int web = 0;
  int web_evening = 0;
  for (const auto& c : cases) {
    const auto day = LondonDay(c.record.created_at);
    const unsigned m = static_cast<unsigned>(day.month());
    const unsigned d = static_cast<unsigned>(day.day());
    const std::string& code = codes[c.record.service_id];
    const bool christmas = (m == 12 && d >= 27) || (m == 1 && d <= 6);
    if (m >= 5 && m <= 7) {
      ++summer[code];
    } else if ((m >= 11 || m == 1) && !christmas) {
      ++winter[code];
    }
    if (code == "missed-bin") {
      christmas_bins += christmas ? 1 : 0;
      november_bins += m == 11 ? 1 : 0;
    }
    ++by_weekday.at(date::weekday{date::sys_days(day)}.c_encoding());
    const int hour = LondonHour(c.record.created_at);
    if (c.record.channel == "phone" && (hour < 8 || hour >= 17)) {
      ++phone_out_of_hours;
    }
    if (c.record.channel == "web") {
      ++web;
      web_evening += hour >= 18 && hour < 23 ? 1 : 0;
    }
  }
  // Fly-tipping and bulky waste peak in spring and summer; dog fouling in winter.
  EXPECT_GT(summer["fly-tipping"], 1.4 * winter["fly-tipping"]);
  EXPECT_GT(summer["bulky-waste"], 1.4 * winter["bulky-waste"]);
  EXPECT_GT(winter["dog-fouling"], 1.3 * summer["dog-fouling"]);
  // Missed bins per day around Christmas well above November's.
  EXPECT_GT(christmas_bins / 11.0, 1.5 * november_bins / 30.0);
  // Monday busiest, the weekend quiet (c_encoding: Sunday 0, Monday 1, Saturday 6).
  EXPECT_GT(by_weekday[1], by_weekday[3]);
  EXPECT_GT(by_weekday[3], 2 * by_weekday[6]);
  EXPECT_GT(by_weekday[3], 2 * by_weekday[0]);
  EXPECT_EQ(phone_out_of_hours, 0) << "the phone lines open 08:00-17:00";
  EXPECT_GT(web_evening, web / 5) << "the web is busy in the evening";
}

TEST(DemoHistoryGeneratorTest, NoCasesGivesNoBatch) {
  EXPECT_TRUE(Generate(0).empty());
  app::DemoHistoryOptions options;
  options.cases = -1;
  options.now = kNow;
  auto refused = app::DemoHistoryGenerator::Create(options, MemoryCatalogue(), Calendar(),
                                                   app::DefaultCharter());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field_errors().at(0).field, "cases");
}

TEST(DemoCatalogueTest, EveryWardPointIsInsideItsOwnBoundaryOnly) {
  const auto wards = app::BelfastWards();
  ASSERT_EQ(wards.size(), 60U);
  std::vector<Area> areas;
  for (std::size_t i = 0; i < wards.size(); ++i) {
    auto area = MakeArea({app::DemoWardBoundary(i)}, "boundary");
    ASSERT_TRUE(area) << wards[i].name;
    areas.push_back(*area);
  }
  for (std::size_t i = 0; i < wards.size(); ++i) {
    const GeoPoint centre{wards[i].lat, wards[i].lon};
    for (std::size_t j = 0; j < wards.size(); ++j) {
      EXPECT_EQ(Contains(areas[j], centre), i == j) << wards[i].name << " in " << wards[j].name;
    }
    EXPECT_EQ(app::NearestWard(centre.lat, centre.lon).name, wards[i].name);
  }
}

class DemoSeedTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
    std::ostringstream out;
    auto seeded = app::SeedDemo(*store_, clock_, out);
    ASSERT_TRUE(seeded) << seeded.error().message();
  }

  Result<app::DemoHistoryTotals> SeedCases(std::int64_t n) {
    std::ostringstream out;
    return app::SeedDemoCases(*store_, clock_, "BCC", n, out);
  }

  // Runs a query whose rows are (text, integer).
  std::map<std::string, std::int64_t> Counts(const std::string& sql) {
    std::map<std::string, std::int64_t> counts;
    auto done = store_->Read([&](store::ReadTx& tx) {
      return tx.session().Query(
          sql, {}, [&](const store::SqlRow& row) { counts[row.String(0)] = row.Int(1); });
    });
    EXPECT_TRUE(done) << done.error().message();
    return counts;
  }

  std::int64_t Number(const std::string& sql) {
    std::int64_t value = -1;
    auto done = store_->Read([&](store::ReadTx& tx) {
      return tx.session().Query(sql, {}, [&](const store::SqlRow& row) { value = row.Int(0); });
    });
    EXPECT_TRUE(done) << done.error().message();
    return value;
  }

  ManualClock clock_{kNow};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

TEST_P(DemoSeedTest, CatalogueIsSeededOnceWithSignpostsWardsAndRouting) {
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service WHERE signpost IS NULL"), 35);
  EXPECT_GE(Number("SELECT COUNT(*) FROM service WHERE signpost IS NOT NULL"), 6);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service WHERE signpost IS NOT NULL AND active = 0"), 0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service WHERE code = 'street-light' AND "
                   "signpost LIKE '%DfI Roads%0300 200 7899%'"),
            1);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM ward"), 60);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM routing_rule"), 7 * 60);
  std::ostringstream out;
  auto again = app::SeedDemo(*store_, clock_, out);
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_NE(out.str().find("added 0 departments, 0 teams, 0 services, 0 wards, 0 routing rules"),
            std::string::npos)
      << out.str();
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service"), 43);
}

TEST_P(DemoSeedTest, HistoryHasTheShapeTheProductReliesOn) {
  auto totals = SeedCases(3000);
  ASSERT_TRUE(totals) << totals.error().message();
  EXPECT_EQ(totals->cases, 3000);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case"), 3000);

  // Every status, and old cases mostly finished.
  const auto statuses = Counts("SELECT status, COUNT(*) FROM service_case GROUP BY status");
  for (const char* status : {"new", "acknowledged", "in_progress", "awaiting_customer", "resolved",
                             "closed", "reopened"}) {
    EXPECT_GT(statuses.contains(status) ? statuses.at(status) : 0, 0)
        << status << " (" << statuses.size() << " statuses)";
  }
  const std::string ninety_days_ago =
      std::to_string(ToUnixMicros(kNow - std::chrono::hours(24 * 90)));
  const auto old =
      Number("SELECT COUNT(*) FROM service_case WHERE created_at < " + ninety_days_ago);
  const auto old_open = Number("SELECT COUNT(*) FROM service_case WHERE created_at < " +
                               ninety_days_ago + " AND status NOT IN ('resolved', 'closed')");
  EXPECT_LT(old_open * 100, old * 2) << "at most 2% of cases older than 90 days still open";

  // Channel mix within a few points of the targets.
  const auto channels = Counts("SELECT channel, COUNT(*) FROM service_case GROUP BY channel");
  const auto share = [&](const char* c) {
    return channels.contains(c) ? static_cast<double>(channels.at(c)) / 30.0 : 0.0;
  };
  EXPECT_NEAR(share("web"), 45, 4);
  EXPECT_NEAR(share("phone"), 35, 4);
  EXPECT_NEAR(share("email"), 12, 3);
  EXPECT_NEAR(share("face_to_face"), 5, 2);

  // Dates within the two years before now; places within the city.
  const auto two_years_ago = ToUnixMicros(kNow - std::chrono::hours(24 * 730));
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case WHERE created_at < " +
                   std::to_string(two_years_ago) + " OR created_at > " +
                   std::to_string(ToUnixMicros(kNow))),
            0);
  EXPECT_EQ(
      Number("SELECT COUNT(*) FROM case_event WHERE at > " + std::to_string(ToUnixMicros(kNow))),
      0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case WHERE lat IS NOT NULL AND (lat < 54.55 OR "
                   "lat > 54.65 OR lon < -6.02 OR lon > -5.85)"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM service_case WHERE lat IS NOT NULL AND ward IS NOT NULL"),
            1500);

  // Every case has its created event first, and due dates follow creation.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case c WHERE NOT EXISTS (SELECT 1 FROM "
                   "case_event e WHERE e.case_id = c.id AND e.kind = 'created' AND e.id = (SELECT "
                   "MIN(f.id) FROM case_event f WHERE f.case_id = c.id))"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case WHERE due_at IS NOT NULL AND due_at <= "
                   "created_at"),
            0);
  EXPECT_GT(Number("SELECT COUNT(DISTINCT customer_id) FROM service_case"), 300);
  EXPECT_GT(Number("SELECT COUNT(*) FROM (SELECT customer_id FROM service_case WHERE customer_id "
                   "IS NOT NULL GROUP BY customer_id HAVING COUNT(*) > 1) repeat_customers"),
            50)
      << "customers come back";
}

TEST_P(DemoSeedTest, ReferencesFollowTheSequencesAndLiveCasesContinueThem) {
  ASSERT_TRUE(SeedCases(2000));
  const auto per_year = Counts(
      "SELECT substr(reference, 5, 2), COUNT(*) FROM service_case GROUP BY substr(reference, 5, "
      "2)");
  const auto sequences =
      Counts("SELECT CAST(year AS TEXT), last_value FROM reference_sequence WHERE prefix = 'BCC'");
  ASSERT_EQ(per_year.size(), 3U) << "2024, 2025 and 2026";
  for (const auto& [yy, count] : per_year) {
    const std::string year = "20" + yy;
    ASSERT_TRUE(sequences.contains(year)) << year;
    EXPECT_EQ(sequences.at(year), count) << "references of " << year << " run 1.." << count;
  }
  // Numbered in time order within each year.
  std::vector<std::pair<std::int64_t, std::string>> ordered;
  auto read = store_->Read([&](store::ReadTx& tx) {
    return tx.session().Query(
        "SELECT created_at, reference FROM service_case ORDER BY created_at, id", {},
        [&](const store::SqlRow& row) { ordered.emplace_back(row.Int(0), row.String(1)); });
  });
  ASSERT_TRUE(read);
  std::map<int, std::int64_t> last;
  for (const auto& [at, reference] : ordered) {
    auto parsed = ParseReference(reference);
    ASSERT_TRUE(parsed) << reference;
    EXPECT_GT(parsed->sequence, last[parsed->year]) << reference;
    last[parsed->year] = parsed->sequence;
  }

  auto calendar = app::DefaultCalendar();
  ASSERT_TRUE(calendar);
  const auto standards = app::DefaultCharter();
  const usecase::CaseContext ctx{*store_, clock_, "BCC", *calendar, standards};
  usecase::NewCase input;
  input.service_code = "litter-bin";
  input.description = "Bin overflowing at the bus stop";
  input.lat = 54.58;
  input.lon = -5.92;
  input.actor = "staff:1";
  auto created = usecase::CreateCase(ctx, input);
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->record.reference, FormatReference("BCC", 2026, sequences.at("2026") + 1));

  // A second seed adds more cases, numbered after everything so far.
  auto more = SeedCases(300);
  ASSERT_TRUE(more) << more.error().message();
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case"), 2301);
  EXPECT_EQ(Number("SELECT COUNT(DISTINCT reference) FROM service_case"), 2301);
}

TEST_P(DemoSeedTest, EventsFollowTheLifecycleAndAnswersFitTheForms) {
  ASSERT_TRUE(SeedCases(1500));
  std::map<std::int64_t, std::vector<std::string>> statuses;
  std::map<std::int64_t, std::string> current;
  auto read = store_->Read([&](store::ReadTx& tx) -> Result<void> {
    auto events = tx.session().Query(
        "SELECT case_id, status FROM case_event WHERE status IS NOT NULL ORDER BY case_id, id", {},
        [&](const store::SqlRow& row) { statuses[row.Int(0)].push_back(row.String(1)); });
    if (!events) {
      return events;
    }
    return tx.session().Query(
        "SELECT id, status FROM service_case", {},
        [&](const store::SqlRow& row) { current[row.Int(0)] = row.String(1); });
  });
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_EQ(current.size(), 1500U);
  for (const auto& [id, path] : statuses) {
    ASSERT_FALSE(path.empty());
    EXPECT_EQ(path.front(), "new");
    for (std::size_t i = 1; i < path.size(); ++i) {
      auto from = ParseCaseStatus(path[i - 1]);
      auto to = ParseCaseStatus(path[i]);
      ASSERT_TRUE(from && to);
      // A customer comment and its status event both record the reopening.
      if (*from == *to && *to == CaseStatus::kReopened) {
        continue;
      }
      EXPECT_TRUE(CanTransition(*from, *to))
          << "case " << id << ": " << path[i - 1] << " -> " << path[i];
    }
    EXPECT_EQ(path.back(), current[id]) << "the case shows its last status, case " << id;
  }

  // Every stored answer is one the service's form accepts, as it would have been stored.
  std::map<std::string, std::vector<Attribute>> forms;
  std::map<std::int64_t, std::string> service_of;
  std::map<std::int64_t, Answers> answers;
  auto loaded = store_->Read([&](store::ReadTx& tx) -> Result<void> {
    auto services = store::Catalogue(tx).ListServices(true);
    if (!services) {
      return services.error();
    }
    for (const auto& s : *services) {
      forms[s.code] = s.form;
    }
    auto cases = tx.session().Query(
        "SELECT c.id, s.code FROM service_case c JOIN service s ON s.id = c.service_id", {},
        [&](const store::SqlRow& row) { service_of[row.Int(0)] = row.String(1); });
    if (!cases) {
      return cases;
    }
    return tx.session().Query(
        "SELECT case_id, code, value FROM case_attribute ORDER BY case_id, position", {},
        [&](const store::SqlRow& row) {
          answers[row.Int(0)].emplace_back(row.String(1), row.String(2));
        });
  });
  ASSERT_TRUE(loaded) << loaded.error().message();
  int checked = 0;
  for (const auto& [id, code] : service_of) {
    const Answers stored = answers.contains(id) ? answers.at(id) : Answers{};
    std::multimap<std::string, std::string> submitted(stored.begin(), stored.end());
    auto valid = ValidateAnswers(forms[code], submitted);
    ASSERT_TRUE(valid) << code << ": " << valid.error().message();
    EXPECT_EQ(*valid, stored) << code;
    checked += stored.empty() ? 0 : 1;
  }
  EXPECT_GT(checked, 500);
}

TEST_P(DemoSeedTest, SeededCasesHaveTheClocksTheLivePathStarts) {
  auto totals = SeedCases(3000);
  ASSERT_TRUE(totals) << totals.error().message();
  // Every case has the clocks of its service and channel, no case more than one per standard.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM service_case c WHERE NOT EXISTS "
                   "(SELECT 1 FROM case_sla s WHERE s.case_id = c.id)"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM case_sla"), 2 * 3000);
  // Each one starts with its case, and a case's resolution clock is due when the case is.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla s JOIN service_case c ON c.id = s.case_id "
                   "WHERE s.started_at <> c.created_at"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla s JOIN service_case c ON c.id = s.case_id "
                   "JOIN service v ON v.id = c.service_id WHERE s.standard_code = "
                   "v.resolve_standard AND s.paused_total = 0 AND s.due_at <> c.due_at"),
            0);
  // Finished cases have every clock stopped, met when on time and missed when late.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla s JOIN service_case c ON c.id = s.case_id "
                   "WHERE c.status IN ('resolved', 'closed') AND s.stopped_at IS NULL"),
            0);
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla WHERE stopped_at IS NOT NULL AND NOT "
                   "((state = 'met' AND stopped_at <= due_at) OR "
                   "(state = 'missed' AND stopped_at > due_at))"),
            0);
  EXPECT_GT(Number("SELECT COUNT(*) FROM case_sla WHERE state = 'missed'"), 0);
  // Running clocks were swept: none is on track past its due instant.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla WHERE stopped_at IS NULL AND paused_since IS "
                   "NULL AND due_at < " +
                   std::to_string(ToUnixMicros(kNow)) + " AND state <> 'breached'"),
            0);
  // Paused clocks belong to cases awaiting the customer, with the pause recorded.
  EXPECT_EQ(Number("SELECT COUNT(*) FROM case_sla s JOIN service_case c ON c.id = s.case_id "
                   "WHERE s.paused_since IS NOT NULL AND (c.status <> 'awaiting_customer' OR "
                   "NOT EXISTS (SELECT 1 FROM case_sla_pause p WHERE p.sla_id = s.id AND "
                   "p.to_at IS NULL))"),
            0);

  // A live case of the same service and channel starts the same standards.
  const std::int64_t sample = Number(
      "SELECT MIN(c.id) FROM service_case c JOIN service v ON v.id = c.service_id "
      "WHERE v.code = 'fly-tipping' AND c.channel = 'web'");
  ASSERT_GT(sample, 0);
  auto calendar = app::DefaultCalendar();
  ASSERT_TRUE(calendar);
  const auto standards = app::DefaultCharter();
  const usecase::CaseContext ctx{*store_, clock_, "BCC", *calendar, standards};
  usecase::NewCase input;
  input.service_code = "fly-tipping";
  input.channel = "web";
  input.description = "Mattress dumped in the entry";
  input.attributes = {{"waste_types", "bags"}, {"quantity", "van"}};
  input.actor = "portal";
  auto created = usecase::CreateCase(ctx, input);
  ASSERT_TRUE(created) << created.error().message();
  const auto codes = [&](std::int64_t id) {
    return Counts("SELECT standard_code, COUNT(*) FROM case_sla WHERE case_id = " +
                  std::to_string(id) + " GROUP BY standard_code");
  };
  EXPECT_EQ(codes(sample), codes(created->record.id));
}

TEST_P(DemoSeedTest, PerformanceFromTheRollupEqualsTheClocks) {
  auto totals = SeedCases(3000);
  ASSERT_TRUE(totals) << totals.error().message();
  // Live changes after the load go through the triggers: a case moved to another team, a
  // clock stopped, a new case.
  auto changed = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    auto& session = tx.session();
    if (auto moved = session.Exec(
            "UPDATE service_case SET team_id = (SELECT MAX(id) FROM team) WHERE id IN (SELECT "
            "case_id FROM case_sla WHERE stopped_at IS NOT NULL ORDER BY id LIMIT 40)");
        !moved) {
      return moved.error();
    }
    if (auto moved = session.Exec(
            "UPDATE service_case SET team_id = NULL WHERE id IN (SELECT case_id FROM case_sla "
            "WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 10)");
        !moved) {
      return moved.error();
    }
    auto stopped = session.Exec(
        "UPDATE case_sla SET state = 'met', stopped_at = started_at WHERE id IN (SELECT id "
        "FROM case_sla WHERE stopped_at IS NULL ORDER BY id LIMIT 25)");
    if (!stopped) {
      return stopped.error();
    }
    return {};
  });
  ASSERT_TRUE(changed) << changed.error().message();

  const auto compare = [&](Instant from, Instant to, store::SlaGrouping grouping) {
    auto done = store_->Read([&](store::ReadTx& tx) -> Result<void> {
      store::CaseSlas slas(tx);
      auto fast = slas.Performance(from, to, kNow, grouping);
      if (!fast) {
        return fast.error();
      }
      auto slow = slas.PerformanceFromClocks(from, to, kNow, grouping);
      if (!slow) {
        return slow.error();
      }
      EXPECT_FALSE(slow->empty());
      EXPECT_EQ(fast->size(), slow->size());
      for (std::size_t i = 0; i < std::min(fast->size(), slow->size()); ++i) {
        const auto& a = (*fast)[i];
        const auto& b = (*slow)[i];
        EXPECT_EQ(std::tie(a.standard_code, a.group_code, a.group_name, a.total, a.met, a.missed,
                           a.breached),
                  std::tie(b.standard_code, b.group_code, b.group_name, b.total, b.met, b.missed,
                           b.breached))
            << "row " << i << " from " << ToUnixMicros(from) << " to " << ToUnixMicros(to);
      }
      return {};
    });
    ASSERT_TRUE(done) << done.error().message();
  };
  using std::chrono::hours;
  using std::chrono::minutes;
  const Instant start = kNow - hours(24 * 800);
  const std::vector<std::pair<Instant, Instant>> periods{
      {start, kNow + hours(1)},                                               // everything
      {kNow - hours(24 * 365) - hours(1), kNow - hours(24 * 30) - hours(1)},  // BST midnights
      {kNow - hours(24 * 200) + minutes(17), kNow - hours(24 * 199)},         // less than a day
      {kNow - hours(24 * 7), kNow},                                           // the last week
  };
  for (const auto& [from, to] : periods) {
    for (const auto grouping : {store::SlaGrouping::kNone, store::SlaGrouping::kTeam,
                                store::SlaGrouping::kService, store::SlaGrouping::kChannel}) {
      compare(from, to, grouping);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoSeedTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
