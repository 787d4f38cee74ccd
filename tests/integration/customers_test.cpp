// The single customer view against real databases: matching, candidates, merging and
// undoing it, contacts on every channel and the timeline, on SQLite and PostgreSQL.
#include "frontdoor/usecase/customers.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "case_fixture.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using usecase::CustomerInput;
using usecase::Viewer;

class CustomersTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    usecase::ServiceInput bins;
    bins.code = "MISSED-BIN";
    bins.name = "Missed bin";
    ASSERT_TRUE(usecase::CreateService(*store_, clock_, bins));
  }

  std::int64_t Person(const char* first, const char* last, const char* email,
                      const char* postcode = nullptr) {
    CustomerInput input;
    input.first_name = first;
    input.last_name = last;
    if (email != nullptr) {
      input.email = email;
    }
    if (postcode != nullptr) {
      input.postcode = postcode;
    }
    auto created = usecase::CreateCustomer(*store_, clock_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->id : 0;
  }

  std::string RaiseCase(const char* email) {
    usecase::NewCase input;
    input.service_code = "MISSED-BIN";
    input.description = "Black bin not emptied";
    input.contact.email = email;
    input.actor = "staff:1";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }

  Viewer agent_{"staff:2", false};
  Viewer manager_{"staff:3", true};
};

TEST_P(CustomersTest, DetailsAreNormalisedAndEveryWrongFieldReported) {
  CustomerInput input;
  input.first_name = "Seán";
  input.last_name = "O'Neill";
  input.email = " Sean@Example.ORG";
  input.phone = "028 9027 0230";
  input.postcode = "bt71nn";
  input.language = "ga";
  input.accessibility = {"large_print", "interpreter"};
  input.interpreter_language = "Polish";
  auto created = usecase::CreateCustomer(*store_, clock_, input);
  ASSERT_TRUE(created) << created.error().message();
  EXPECT_EQ(created->email, "sean@example.org");
  EXPECT_EQ(created->phone, "+442890270230");
  EXPECT_EQ(created->postcode, "BT7 1NN");
  EXPECT_EQ(created->search_name, "sean oneill");
  EXPECT_EQ(created->accessibility, (std::vector<std::string>{"large_print", "interpreter"}));

  CustomerInput bad;
  bad.email = "nope";
  bad.phone = "12";
  bad.language = "fr";
  bad.accessibility = {"telepathy", "interpreter"};
  auto refused = usecase::CreateCustomer(*store_, clock_, bad);
  ASSERT_FALSE(refused);
  const Error error = refused.error();
  std::set<std::string> fields;
  for (const auto& f : error.field_errors()) {
    fields.insert(f.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"email", "phone", "last_name", "language",
                                           "accessibility[0]", "interpreter_language"}));
}

TEST_P(CustomersTest, CasesFromAnyChannelFindTheCustomerByAnyOfTheirAddresses) {
  const std::int64_t id = Person("Ann", "Other", "ann@example.org");
  const std::string ref = RaiseCase("ANN@example.org");
  auto record = usecase::GetCaseRecord(*ctx_, ref);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->customer_id, id);
}

TEST_P(CustomersTest, CandidatesAreRankedExactFirstThenByNameAndPostcode) {
  const std::int64_t exact = Person("Mary", "Jones", "mary@example.org");
  const std::int64_t same_postcode = Person("Jon", "Smyth", nullptr, "BT7 1NN");
  const std::int64_t elsewhere = Person("John", "Smith", nullptr, "BT15 2GS");
  Person("Peter", "Parker", nullptr, "BT7 1NN");
  usecase::CustomerQuery query;
  query.name = "John Smith";
  query.postcode = "bt7 1nn";
  query.email = "mary@example.org";
  auto candidates = usecase::FindCandidates(*store_, query);
  ASSERT_TRUE(candidates) << candidates.error().message();
  ASSERT_EQ(candidates->size(), 3U);
  EXPECT_EQ((*candidates)[0].customer.id, exact);
  EXPECT_EQ((*candidates)[0].reason, "same email");
  EXPECT_EQ((*candidates)[1].customer.id, same_postcode);
  EXPECT_EQ((*candidates)[2].customer.id, elsewhere);
}

TEST_P(CustomersTest, MergingMovesEverythingAndUndoingMovesItBack) {
  const std::int64_t keep = Person("Ann", "Other", "ann@example.org");
  const std::int64_t dupe = Person("Anne", "Other", "anne.other@work.example");
  const std::string ref = RaiseCase("anne.other@work.example");
  usecase::InteractionInput call;
  call.customer_id = dupe;
  call.channel = "phone";
  call.outcome = "information_given";
  call.summary = "Asked about collection days";
  ASSERT_TRUE(usecase::LogInteraction(*store_, clock_, call, agent_));

  auto merge = usecase::MergeCustomers(*store_, clock_, dupe, keep, manager_);
  ASSERT_TRUE(merge) << merge.error().message();
  auto record = usecase::GetCaseRecord(*ctx_, ref);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->customer_id, keep);
  // The duplicate's email now finds the kept customer.
  const std::string again = RaiseCase("anne.other@work.example");
  EXPECT_EQ(usecase::GetCaseRecord(*ctx_, again)->customer_id, keep);
  auto merged_view = usecase::GetCustomer(*store_, dupe, agent_);
  ASSERT_TRUE(merged_view);
  EXPECT_EQ(merged_view->customer.id, keep);
  auto timeline = usecase::CustomerTimeline(*store_, keep, std::nullopt, 50, false, agent_);
  ASSERT_TRUE(timeline);
  int interactions = 0;
  for (const auto& entry : timeline->entries) {
    interactions += entry.kind == "interaction" ? 1 : 0;
  }
  EXPECT_EQ(interactions, 1);

  auto undone = usecase::UndoMerge(*store_, clock_, *merge, manager_);
  ASSERT_TRUE(undone) << undone.error().message();
  EXPECT_EQ(usecase::GetCaseRecord(*ctx_, ref)->customer_id, dupe);
  // A case raised after the merge stays where it was raised.
  EXPECT_EQ(usecase::GetCaseRecord(*ctx_, again)->customer_id, keep);
  auto revived = usecase::GetCustomer(*store_, dupe, agent_);
  ASSERT_TRUE(revived);
  EXPECT_EQ(revived->customer.id, dupe);
  auto twice = usecase::UndoMerge(*store_, clock_, *merge, manager_);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
}

TEST_P(CustomersTest, RestrictedRecordsOpenOnlyForManagers) {
  CustomerInput input;
  input.last_name = "Protected";
  input.restricted = true;
  auto created = usecase::CreateCustomer(*store_, clock_, input);
  ASSERT_TRUE(created);
  auto refused = usecase::GetCustomer(*store_, created->id, agent_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kForbidden);
  EXPECT_TRUE(usecase::GetCustomer(*store_, created->id, manager_));
}

TEST_P(CustomersTest, TheTimelinePagesNewestFirstAndHidesInternalNotes) {
  const std::int64_t id = Person("Ann", "Other", "ann@example.org");
  const std::string ref = RaiseCase("ann@example.org");
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(std::chrono::minutes(1));
    usecase::InteractionInput call;
    call.case_reference = ref;
    call.channel = "phone";
    call.outcome = "information_given";
    call.summary = "Chased progress " + std::to_string(i);
    auto logged = usecase::LogInteraction(*store_, clock_, call, agent_);
    ASSERT_TRUE(logged) << logged.error().message();
    EXPECT_EQ(logged->customer_id, id);  // taken from the case
  }
  clock_.Advance(std::chrono::minutes(1));
  ASSERT_TRUE(usecase::AddNote(*ctx_, ref, "Customer is known to the team", "staff:1"));

  std::vector<std::string> kinds;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = usecase::CustomerTimeline(*store_, id, cursor, 2, false, agent_);
    ASSERT_TRUE(page) << page.error().message();
    for (const auto& entry : page->entries) {
      kinds.push_back(entry.kind);
    }
    cursor = page->next_cursor;
  } while (cursor && ++pages < 10);
  // The case itself (its created event is the case line) and five calls; no note.
  EXPECT_EQ(kinds.size(), 6U);  // the case and five calls
  EXPECT_EQ(kinds.back(), "case");
  auto with_notes = usecase::CustomerTimeline(*store_, id, std::nullopt, 50, true, agent_);
  ASSERT_TRUE(with_notes);
  EXPECT_EQ(with_notes->entries.front().title, "note");
}

TEST_P(CustomersTest, SearchFindsByEachCriterion) {
  const std::int64_t id = Person("Pádraig", "MacAllister", "p@example.org", "BT9 5GS");
  const std::string ref = RaiseCase("p@example.org");
  for (const auto& query :
       {usecase::CustomerQuery{std::string("padraig mcall"), {}, {}, {}, {}, 20},
        usecase::CustomerQuery{{}, std::string("P@Example.org"), {}, {}, {}, 20},
        usecase::CustomerQuery{{}, {}, {}, std::string("bt95gs"), {}, 20},
        usecase::CustomerQuery{{}, {}, {}, {}, ref, 20}}) {
    auto found = usecase::SearchCustomers(*store_, query);
    ASSERT_TRUE(found) << found.error().message();
    ASSERT_EQ(found->size(), 1U);
    EXPECT_EQ(found->front().id, id);
  }
  auto nothing = usecase::SearchCustomers(*store_, {});
  ASSERT_FALSE(nothing);
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomersTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
