// The case and catalogue use cases against real databases: what a case records, how it is
// routed, numbered, matched to a customer and moved through its lifecycle, on SQLite and on
// PostgreSQL.
#include "frontdoor/usecase/cases.hpp"

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/core/access.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"

#include "case_fixture.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using usecase::CaseContext;
using usecase::NewCase;

// 2026-03-02T10:00:00Z, a Monday in GMT.

class CasesTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    standards_ = {StreetCleansingStandard()};
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    ASSERT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE-N", "Cleansing North", "CNS", {}}));
    ASSERT_TRUE(usecase::CreateTeam(*store_, {"CLEANSE-S", "Cleansing South", "CNS", {}}));
    usecase::ServiceInput fly;
    fly.code = "FLY";
    fly.name = "Fly-tipping";
    fly.department_code = "CNS";
    fly.default_team_code = "CLEANSE-S";
    fly.resolve_standard = "SVC-CLEANSE";
    fly.form = {
        {"quantity",
         AttributeDatatype::kSingleValueList,
         true,
         true,
         "How much?",
         "",
         1,
         {{"bag", "A bag or two"}, {"van", "A van load"}}},
        {"waste",
         AttributeDatatype::kMultiValueList,
         true,
         false,
         "What kind?",
         "",
         2,
         {{"household", "Household"}, {"garden", "Garden"}, {"tyres", "Tyres"}}},
    };
    auto created = usecase::CreateService(*store_, clock_, fly);
    ASSERT_TRUE(created) << created.error().message();
    usecase::ServiceInput lights;
    lights.code = "LIGHT";
    lights.name = "Street light not working";
    lights.signpost = "Street lights are looked after by DfI Roads: call 0300 200 7899";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, lights));
  }

  static NewCase FlyTip(double lat = 54.6, double lon = -5.93) {
    NewCase input;
    input.service_code = "FLY";
    input.description = "Mattress dumped\r\nby the entry";
    input.lat = lat;
    input.lon = lon;
    input.attributes = {{"quantity", "van"}, {"waste", "tyres"}, {"waste", "household"}};
    input.contact.email = "Resident@Example.org";
    input.contact.first_name = "Ann";
    input.actor = "open311:test";
    return input;
  }

  std::string Create(const NewCase& input) {
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }
};

TEST_P(CasesTest, ACreatedCaseRecordsEverythingItWasGiven) {
  auto created = usecase::CreateCase(*ctx_, FlyTip());
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->record.reference, "BCC-26-000001");
  EXPECT_EQ(created->record.team_name, "Cleansing South");
  // Monday 10:00 + 5 working days closes on the following Monday at 17:00 GMT.
  ASSERT_TRUE(created->record.due_at);
  EXPECT_EQ(ToUnixMicros(*created->record.due_at), kMondayMorning + (7 * 24 + 7) * 3600'000'000LL);
  EXPECT_NE(created->service_notice.find("Monday 9 March 2026"), std::string::npos)
      << created->service_notice;

  auto detail = usecase::GetCase(*ctx_, "bcc-26-000001");
  ASSERT_TRUE(detail) << detail.error().message();
  const store::CaseRecord& c = detail->record;
  EXPECT_EQ(c.status, CaseStatus::kNew);
  EXPECT_EQ(c.description, "Mattress dumped\nby the entry");
  EXPECT_EQ(c.service_code, "FLY");
  EXPECT_EQ(c.team_name, "Cleansing South");  // the service's default team
  EXPECT_EQ(c.department_name, "City and Neighbourhood Services");
  ASSERT_TRUE(c.location);
  EXPECT_DOUBLE_EQ(c.location->lat, 54.6);
  EXPECT_EQ(c.channel, "web");
  EXPECT_EQ(c.source, "open311:test");
  EXPECT_TRUE(c.customer_id);
  const Answers expected = {{"quantity", "van"}, {"waste", "household"}, {"waste", "tyres"}};
  EXPECT_EQ(detail->attributes, expected);
  ASSERT_EQ(detail->events.size(), 2U);
  EXPECT_EQ(detail->events[0].kind, "created");
  EXPECT_EQ(detail->events[1].kind, "routed");
  EXPECT_FALSE(detail->events[0].is_public);
}

TEST_P(CasesTest, ReferencesCountUpAndTheSameCustomerIsFoundAgain) {
  auto first = usecase::CreateCase(*ctx_, FlyTip());
  auto input = FlyTip(54.7, -5.9);
  input.contact.email = "resident@example.ORG ";
  auto second = usecase::CreateCase(*ctx_, input);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(second->record.reference, "BCC-26-000002");
  EXPECT_EQ(first->record.customer_id, second->record.customer_id);
}

TEST_P(CasesTest, RoutingRulesBeatTheDefaultTeam) {
  ASSERT_TRUE(usecase::SetRoutingRule(*store_, {"FLY", std::nullopt, "CLEANSE-N"}));
  auto created = usecase::CreateCase(*ctx_, FlyTip());
  ASSERT_TRUE(created);
  auto record = usecase::GetCaseRecord(*ctx_, created->record.reference);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->team_name, "Cleansing North");
}

// Removing a rule sends the next case back to the service's default team; the case it
// routed stays where it went. Only those who manage the catalogue may remove one.
TEST_P(CasesTest, ARemovedRoutingRuleNoLongerRoutesNewCases) {
  auto rule = usecase::SetRoutingRule(*store_, {"FLY", std::nullopt, "CLEANSE-N"});
  ASSERT_TRUE(rule) << rule.error().message();
  auto routed = usecase::CreateCase(*ctx_, FlyTip());
  ASSERT_TRUE(routed);
  EXPECT_EQ(routed->record.team_name, "Cleansing North");

  const access::Principal officer{"staff:2", access::Role::kOfficer, {"CNS"}, std::nullopt};
  auto refused = usecase::DeleteRoutingRule(*store_, officer, rule->id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kForbidden);
  auto rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->size(), 1U) << "a refused removal removes nothing";

  const access::Principal admin{"staff:1", access::Role::kAdmin, {}, std::nullopt};
  ASSERT_TRUE(usecase::DeleteRoutingRule(*store_, admin, rule->id));
  rules = usecase::ListRoutingRules(*store_);
  ASSERT_TRUE(rules);
  EXPECT_TRUE(rules->empty());
  auto after = usecase::CreateCase(*ctx_, FlyTip());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->record.team_name, "Cleansing South");
  auto earlier = usecase::GetCaseRecord(*ctx_, routed->record.reference);
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->team_name, "Cleansing North");

  auto again = usecase::DeleteRoutingRule(*store_, admin, rule->id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kNotFound);
}

TEST_P(CasesTest, ACaseInsideAWardIsPutInItAndRoutedByItsRule) {
  auto ward = usecase::SetWard(
      *store_, {"N08000301",
                "Botanic",
                std::string("Botanic"),
                {{{54.59, -5.94}, {54.59, -5.92}, {54.60, -5.92}, {54.60, -5.94}}}});
  ASSERT_TRUE(ward) << ward.error().message();
  ASSERT_TRUE(usecase::SetRoutingRule(*store_, {std::nullopt, "Botanic", "CLEANSE-N"}));
  auto inside = usecase::CreateCase(*ctx_, FlyTip(54.595, -5.93));
  auto outside = usecase::CreateCase(*ctx_, FlyTip(54.65, -5.93));
  ASSERT_TRUE(inside && outside);
  auto in = usecase::GetCaseRecord(*ctx_, inside->record.reference);
  auto out = usecase::GetCaseRecord(*ctx_, outside->record.reference);
  ASSERT_TRUE(in && out);
  EXPECT_EQ(in->ward, "Botanic");
  EXPECT_EQ(in->team_name, "Cleansing North");
  EXPECT_FALSE(out->ward);
  EXPECT_EQ(out->team_name, "Cleansing South");

  auto bad = usecase::SetWard(*store_, {"X", "Nowhere", std::nullopt, {{{1, 1}, {2, 2}}}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors()[0].field, "boundary");
}

// A server keeps the catalogue in memory; a change made through another store (another
// node, the CLI) must reach its next create: new rules, wards, teams and retired services.
TEST_P(CasesTest, TheCatalogueCacheSeesChangesMadeElsewhere) {
  usecase::CatalogueCache cache;
  CaseContext cached{*store_, clock_, "BCC", calendar_, standards_, &cache};
  auto before = usecase::CreateCase(cached, FlyTip(54.595, -5.93));
  ASSERT_TRUE(before) << before.error().message();
  EXPECT_EQ(before->record.team_name, "Cleansing South");
  EXPECT_FALSE(before->record.ward);

  auto other = OpenTestStore(*database_, clock_);
  ASSERT_TRUE(usecase::CreateTeam(*other, {"CLEANSE-B", "Cleansing Botanic", "CNS", {}}));
  ASSERT_TRUE(usecase::SetWard(
      *other, {"N08000301",
               "Botanic",
               std::string("Botanic"),
               {{{54.59, -5.94}, {54.59, -5.92}, {54.60, -5.92}, {54.60, -5.94}}}}));
  ASSERT_TRUE(usecase::SetRoutingRule(*other, {std::nullopt, "Botanic", "CLEANSE-B"}));
  auto after = usecase::CreateCase(cached, FlyTip(54.595, -5.93));
  ASSERT_TRUE(after) << after.error().message();
  EXPECT_EQ(after->record.ward, "Botanic");
  EXPECT_EQ(after->record.team_name, "Cleansing Botanic");

  // The same answers as a create that reads the catalogue itself.
  auto uncached = usecase::CreateCase(*ctx_, FlyTip(54.595, -5.93));
  ASSERT_TRUE(uncached) << uncached.error().message();
  EXPECT_EQ(uncached->record.ward, after->record.ward);
  EXPECT_EQ(uncached->record.team_id, after->record.team_id);

  auto unknown = FlyTip();
  unknown.service_code = "NOPE";
  auto refused = usecase::CreateCase(cached, unknown);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kNotFound);
}

TEST_P(CasesTest, EveryWrongFieldIsReportedTogether) {
  auto input = FlyTip();
  input.lat = 91;
  input.contact.email = "not an email";
  input.attributes = {{"waste", "fridges"}};
  auto created = usecase::CreateCase(*ctx_, input);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().code(), ErrorCode::kInvalidInput);
  std::set<std::string> fields;
  const Error error = created.error();  // error() returns a copy
  for (const auto& f : error.field_errors()) {
    fields.insert(f.field);
  }
  EXPECT_EQ(fields,
            (std::set<std::string>{"lat", "email", "attribute[quantity]", "attribute[waste]"}));
}

TEST_P(CasesTest, UnknownServiceIsNotFoundAndASignpostSaysWhereToGo) {
  auto input = FlyTip();
  input.service_code = "NOPE";
  auto unknown = usecase::CreateCase(*ctx_, input);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);

  input.service_code = "LIGHT";
  input.attributes.clear();
  auto signposted = usecase::CreateCase(*ctx_, input);
  ASSERT_FALSE(signposted);
  EXPECT_EQ(signposted.error().field_errors()[0].field, "service_code");
  EXPECT_NE(signposted.error().message().find("DfI Roads"), std::string::npos);
}

TEST_P(CasesTest, AVeryLongDescriptionIsKeptTruncatedNotRefused) {
  auto input = FlyTip();
  input.description = std::string(30000, 'x');
  auto created = usecase::CreateCase(*ctx_, input);
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->record.description.size(), usecase::kMaxDescriptionCodePoints);
}

TEST_P(CasesTest, TheLifecycleIsEnforcedAndClosingIsDated) {
  const std::string ref = Create(FlyTip());
  auto refused = usecase::ChangeStatus(*ctx_, ref, CaseStatus::kReopened, std::nullopt, "staff:1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);

  clock_.Advance(std::chrono::hours(1));
  auto resolved = usecase::ChangeStatus(*ctx_, ref, CaseStatus::kResolved,
                                        std::string("Cleared this morning"), "staff:1");
  ASSERT_TRUE(resolved) << resolved.error().message();
  EXPECT_TRUE(resolved->closed_at);
  EXPECT_EQ(resolved->status_notes, "Cleared this morning");
  auto reopened = usecase::ChangeStatus(*ctx_, ref, CaseStatus::kReopened, std::nullopt, "staff:1");
  ASSERT_TRUE(reopened);
  EXPECT_FALSE(reopened->closed_at);
}

TEST_P(CasesTest, NotesStayInternalAndPublicUpdatesAreFed) {
  const std::string ref = Create(FlyTip());
  const Instant start = clock_.Now();
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(usecase::AddNote(*ctx_, ref, "Crew says access is tricky", "staff:1"));
  clock_.Advance(std::chrono::minutes(5));
  auto update = usecase::AddPublicUpdate(*ctx_, ref, "Collection booked for Friday",
                                         CaseStatus::kInProgress, "staff:1");
  ASSERT_TRUE(update) << update.error().message();
  EXPECT_EQ(update->status, "in_progress");
  EXPECT_EQ(update->case_reference, ref);

  auto feed = usecase::ListPublicUpdates(*ctx_, start, clock_.Now(), 100);
  ASSERT_TRUE(feed);
  ASSERT_EQ(feed->size(), 1U);
  EXPECT_EQ((*feed)[0].body, "Collection booked for Friday");
  EXPECT_EQ((*feed)[0].id, update->id);

  auto record = usecase::GetCaseRecord(*ctx_, ref);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, CaseStatus::kInProgress);
  EXPECT_EQ(record->status_notes, "Collection booked for Friday");
}

TEST_P(CasesTest, ACustomerCommentIsTakenOnceAndCanReopen) {
  const std::string ref = Create(FlyTip());
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, ref, CaseStatus::kResolved, std::nullopt, "staff:1"));
  usecase::CustomerComment comment;
  comment.reference = ref;
  comment.external_id = "fms-77";
  comment.body = "Still there";
  comment.wants_open = true;
  comment.actor = "open311:test";
  auto first = usecase::AddCustomerComment(*ctx_, comment);
  ASSERT_TRUE(first) << first.error().message();
  auto again = usecase::AddCustomerComment(*ctx_, comment);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->id, again->id);
  auto detail = usecase::GetCase(*ctx_, ref);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->record.status, CaseStatus::kReopened);
  int comments = 0;
  for (const auto& e : detail->events) {
    comments += e.kind == "customer_comment" ? 1 : 0;
  }
  EXPECT_EQ(comments, 1);
}

TEST_P(CasesTest, OpenCasesOfTheSameServiceWithin50MetresAreSuggested) {
  const std::string near = Create(FlyTip(54.6, -5.93));
  // About 111 m north: too far.
  Create(FlyTip(54.601, -5.93));
  const std::string closed = Create(FlyTip(54.6001, -5.93));
  ASSERT_TRUE(usecase::ChangeStatus(*ctx_, closed, CaseStatus::kClosed, std::nullopt, "staff:1"));

  auto created = usecase::CreateCase(*ctx_, FlyTip(54.6002, -5.9301));  // about 23 m away
  ASSERT_TRUE(created);
  ASSERT_EQ(created->possible_duplicates.size(), 1U);
  EXPECT_EQ(created->possible_duplicates[0].reference, near);
  EXPECT_LT(created->possible_duplicates[0].distance_metres, 50);
}

// The index behind the suggestions files cases by bands of a thousandth of a degree of
// latitude (migration 0019): a case just across a band's edge, north or south of the equator,
// is as near as one inside it.
TEST_P(CasesTest, NearbyCasesAcrossABandOfLatitudeAreSuggested) {
  for (const auto& [lat, lon] : {std::pair{54.6, -5.93}, std::pair{-33.86, 151.21}}) {
    const std::string south = Create(FlyTip(lat - 0.00002, lon));  // about 2 m
    const std::string north = Create(FlyTip(lat + 0.0002, lon));   // about 22 m
    Create(FlyTip(lat, lon + 0.01));                               // 600 m or more east: too far

    auto created = usecase::CreateCase(*ctx_, FlyTip(lat, lon));
    ASSERT_TRUE(created) << created.error().message();
    ASSERT_EQ(created->possible_duplicates.size(), 2U) << lat;
    EXPECT_EQ(created->possible_duplicates[0].reference, south);  // nearest first
    EXPECT_EQ(created->possible_duplicates[1].reference, north);
  }
}

TEST_P(CasesTest, LinkingAsDuplicateClosesTheCase) {
  const std::string original = Create(FlyTip());
  const std::string copy = Create(FlyTip());
  auto link = usecase::LinkCases(*ctx_, copy, original, "duplicate_of", "staff:1");
  ASSERT_TRUE(link) << link.error().message();
  auto detail = usecase::GetCase(*ctx_, copy);
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->record.status, CaseStatus::kClosed);
  ASSERT_EQ(detail->links.size(), 1U);
  EXPECT_EQ(detail->links[0].other_reference, original);
  auto other = usecase::GetCase(*ctx_, original);
  ASSERT_TRUE(other);
  ASSERT_EQ(other->links.size(), 1U);
  EXPECT_EQ(other->links[0].kind, "duplicated_by");

  auto twice = usecase::LinkCases(*ctx_, copy, original, "related", "staff:1");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
  auto self = usecase::LinkCases(*ctx_, copy, copy, "related", "staff:1");
  ASSERT_FALSE(self);
}

// AppendEvents writes a list longer than one statement may carry (nine parameters a row:
// 3,640 rows on SQLite, 7,281 on PostgreSQL) as several statements of one transaction.
TEST_P(CasesTest, EventsPastOneStatementsParameterLimitAreAllAppendedInOrder) {
  const auto record = usecase::GetCaseRecord(*ctx_, Create(FlyTip()));
  ASSERT_TRUE(record);
  const auto bodies = [&]() {
    std::vector<std::optional<std::string>> out;
    auto events = store::ReadValue<std::vector<store::CaseEventRecord>>(
        *store_, [&](store::ReadTx& tx) { return store::Cases(tx).Events(record->id); });
    for (const auto& event : events.value()) {
      out.push_back(event.body);
    }
    return out;
  };
  auto expected = bodies();
  std::vector<store::CaseEventRecord> events(8000);
  for (std::size_t i = 0; i < events.size(); ++i) {
    events[i].case_id = record->id;
    events[i].at = clock_.Now();
    events[i].kind = "note";
    events[i].actor = "staff:1";
    events[i].body = "note " + std::to_string(i);
    expected.push_back(events[i].body);
  }
  ASSERT_TRUE(
      store_->Write([&](store::WriteTx& tx) { return store::Cases(tx).AppendEvents(events); }));
  EXPECT_EQ(bodies(), expected);
}

TEST_P(CasesTest, PagesCoverEveryCaseOnce) {
  std::set<std::string> created;
  for (int i = 0; i < 25; ++i) {
    created.insert(Create(FlyTip()));
  }
  std::set<std::string> seen;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    store::CaseFilter filter;
    filter.limit = 10;
    auto page = usecase::ListCases(*ctx_, filter, cursor);
    ASSERT_TRUE(page) << page.error().message();
    for (const auto& c : page->cases) {
      EXPECT_TRUE(seen.insert(c.reference).second) << c.reference;
    }
    cursor = page->next_cursor;
    ++pages;
  } while (cursor && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, created);

  auto bad = usecase::ListCases(*ctx_, {}, std::string("garbage"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors()[0].field, "cursor");
}

TEST_P(CasesTest, AssignmentNeedsRealTeamsAndUsers) {
  const std::string ref = Create(FlyTip());
  usecase::Assignment assignment;
  assignment.team_code = "CLEANSE-N";
  assignment.priority = "high";
  auto assigned = usecase::AssignCase(*ctx_, ref, assignment, "staff:1");
  ASSERT_TRUE(assigned) << assigned.error().message();
  EXPECT_EQ(assigned->team_name, "Cleansing North");
  EXPECT_EQ(assigned->priority, "high");

  assignment = {};
  assignment.assignee_id = 999;
  auto nobody = usecase::AssignCase(*ctx_, ref, assignment, "staff:1");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().field_errors()[0].field, "assignee_id");
}

TEST_P(CasesTest, OnlySomeoneWhoCanWorkTheCaseIsAssignedIt) {
  ASSERT_TRUE(usecase::CreateDepartment(*store_, "EH", "Environmental Health"));
  ASSERT_TRUE(usecase::CreateTeam(*store_, {"NOISE", "Noise Team", "EH", {}}));
  const auto add = [&](const char* email, const char* role, std::optional<std::string> dept) {
    return usecase::AddStaffUser(*store_, clock_,
                                 {email, email, role, std::move(dept), "a long enough password"})
        .value()
        .id;
  };
  const auto cleansing_officer = add("c@example.org", "officer", "CNS");
  const auto noise_officer = add("n@example.org", "officer", "EH");
  const auto agent = add("a@example.org", "agent", std::nullopt);
  const auto admin = add("root@example.org", "admin", std::nullopt);
  const std::string ref = Create(FlyTip());

  const auto assign = [&](std::int64_t who, std::optional<std::string> team = std::nullopt) {
    usecase::Assignment assignment;
    assignment.assignee_id = who;
    assignment.team_code = std::move(team);
    return usecase::AssignCase(*ctx_, ref, assignment, "staff:1");
  };
  auto ok = assign(cleansing_officer);
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(ok->assignee_id, cleansing_officer);

  for (const auto who : {noise_officer, agent}) {
    const auto refused = assign(who);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field_errors().at(0).field, "assignee_id");
  }
  // Nothing changed by a refused assignment, not even a part of it.
  const auto moved_and_refused = assign(noise_officer, "CLEANSE-N");
  ASSERT_FALSE(moved_and_refused);
  auto unchanged = usecase::GetCase(*ctx_, ref);
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->record.assignee_id, cleansing_officer);
  EXPECT_EQ(unchanged->record.team_name, "Cleansing South");

  // Moving the case to the other department's team in the same step makes it theirs.
  auto moved = assign(noise_officer, "NOISE");
  ASSERT_TRUE(moved) << moved.error().message();
  EXPECT_EQ(moved->assignee_id, noise_officer);
  ASSERT_TRUE(assign(admin));
}

TEST_P(CasesTest, ServicesAreValidatedAsAWhole) {
  usecase::ServiceInput bad;
  bad.code = "bad code";
  bad.case_type = "moan";
  bad.channels = {"fax"};
  bad.department_code = "NOPE";
  auto created = usecase::CreateService(*store_, clock_, bad);
  ASSERT_FALSE(created);
  std::set<std::string> fields;
  const Error error = created.error();  // error() returns a copy
  for (const auto& f : error.field_errors()) {
    fields.insert(f.field);
  }
  EXPECT_EQ(fields,
            (std::set<std::string>{"code", "name", "case_type", "channels[0]", "department_code"}));
  usecase::ServiceInput again;
  again.code = "FLY";
  again.name = "Again";
  auto duplicate = usecase::CreateService(*store_, clock_, again);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), ErrorCode::kConflict);

  again.description = "Rubbish dumped on public land";
  clock_.Advance(std::chrono::hours(1));
  auto updated = usecase::UpdateService(*store_, clock_, again);
  ASSERT_TRUE(updated) << updated.error().message();
  EXPECT_EQ(updated->name, "Again");
  EXPECT_TRUE(updated->form.empty());
  EXPECT_GT(updated->updated_at, updated->created_at);
}

INSTANTIATE_TEST_SUITE_P(Backends, CasesTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
