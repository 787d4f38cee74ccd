// Staff search over cases and customers on SQLite and PostgreSQL: the index loaded from the
// store, references looked up directly, names with typos, addresses, postcodes, filters,
// restricted customers kept out, what the read policy allows, refresh after a change,
// and the two HTTP routes (including 503 while the index loads).
#include "frontdoor/usecase/case_search.hpp"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/api/search_routes.hpp"
#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/http/server.hpp"
#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/customers.hpp"

#include "case_fixture.hpp"
#include "raw_client.hpp"
#include "test_server.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

access::Principal Agent() {
  return {"staff:1", access::Role::kAgent, {"CNS"}, std::nullopt};
}
access::Principal Officer(std::string department) {
  return {"staff:2", access::Role::kOfficer, {std::move(department)}, std::nullopt};
}
access::Principal Manager() {
  return {"staff:3", access::Role::kManager, {"CNS"}, std::nullopt};
}

class CaseSearchTest : public CaseStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(CaseStoreTest::SetUp());
    ASSERT_NO_FATAL_FAILURE(AddTwoDepartments(*store_, clock_));
    usecase::CustomerInput hidden;
    hidden.first_name = "Grainne";
    hidden.last_name = "Kelly";
    hidden.email = "grainne@example.org";
    hidden.restricted = true;
    ASSERT_TRUE(usecase::CreateCustomer(*store_, clock_, hidden));
    bin_ = Raise("BIN", "Black bin not emptied on Tuesday", "12 Castle Street", "BT1 1AA",
                 {"Siobhan", "O'Neill", "siobhan@example.org", std::nullopt});
    licence_ = Raise("LIC", "Question about a street trading licence", "4 Donegall Road",
                     "BT12 5AB", {"Patrick", "Murphy", "patrick@example.org", std::nullopt});
    restricted_ = Raise("BIN", "Recycling box stolen from the garden", "7 Lisburn Road", "BT9 6AA",
                        {std::nullopt, std::nullopt, "grainne@example.org", std::nullopt});
    auto loaded = usecase::LoadCaseIndex(*store_, index_);
    ASSERT_TRUE(loaded) << loaded.error().message();
    EXPECT_EQ(*loaded, 3U);
  }

  std::string Raise(const std::string& service, const std::string& description,
                    const std::string& address, const std::string& postcode,
                    usecase::ContactDetails contact) {
    usecase::NewCase input;
    input.service_code = service;
    input.channel = "phone";
    input.description = description;
    input.address = address;
    input.postcode = postcode;
    input.contact = std::move(contact);
    input.actor = "system";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : "";
  }

  std::vector<std::string> Find(usecase::CaseSearch search,
                                const access::Principal& caller = Agent()) {
    auto found = usecase::SearchCases(*store_, index_, search, caller);
    EXPECT_TRUE(found) << found.error().message();
    std::vector<std::string> references;
    if (found) {
      for (const auto& hit : found->hits) {
        references.push_back(hit.row.reference);
      }
    }
    return references;
  }
  std::vector<std::string> Find(const std::string& q, const access::Principal& caller = Agent()) {
    usecase::CaseSearch search;
    search.q = q;
    return Find(search, caller);
  }

  usecase::CaseSearchIndex index_;
  std::string bin_;
  std::string licence_;
  std::string restricted_;
};

using References = std::vector<std::string>;

TEST_P(CaseSearchTest, AReferenceIsLookedUpDirectlyAsTyped) {
  std::string typed = bin_;
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  usecase::CaseSearch search;
  search.q = "  " + typed + " ";
  auto found = usecase::SearchCases(*store_, index_, search, Agent());
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->by_reference);
  EXPECT_EQ(found->total, 1U);
  ASSERT_EQ(found->hits.size(), 1U);
  EXPECT_EQ(found->hits[0].row.reference, bin_);
  EXPECT_EQ(found->hits[0].row.customer_name, "Siobhan O'Neill");
}

TEST_P(CaseSearchTest, ANameWithATypoFindsTheCustomersCase) {
  EXPECT_EQ(Find("Siobhan O'Neil"), References{bin_});
  EXPECT_EQ(Find("patrik murphy"), References{licence_});
}

TEST_P(CaseSearchTest, AddressesAndPostcodesFindTheirCases) {
  EXPECT_EQ(Find("castle street").front(), bin_);
  EXPECT_EQ(Find("BT1 1AA"), References{bin_});
  EXPECT_EQ(Find("bt12 5ab"), References{licence_});
  EXPECT_EQ(Find("Donegall Rd 4").front(), licence_);
}

TEST_P(CaseSearchTest, FiltersByStatusServiceTeamAndDepartment) {
  usecase::CaseSearch search;
  search.q = "street";
  EXPECT_EQ(Find(search).size(), 2U);
  search.services = {"LIC"};
  EXPECT_EQ(Find(search), References{licence_});
  search.services = {};
  search.teams = {"bins"};
  EXPECT_EQ(Find(search), References{bin_});
  search.teams = {};
  search.departments = {"PE"};
  EXPECT_EQ(Find(search), References{licence_});
  search.departments = {};
  search.statuses = {"closed"};
  EXPECT_TRUE(Find(search).empty());
  search.statuses = {"new", "closed"};
  EXPECT_EQ(Find(search).size(), 2U);
}

TEST_P(CaseSearchTest, ARestrictedCustomersNameIsNeverIndexed) {
  EXPECT_TRUE(Find("Grainne Kelly").empty());
  EXPECT_TRUE(Find("Grainne Kelly", Manager()).empty());
  const auto found = Find("recycling box");
  ASSERT_EQ(found, References{restricted_});
  usecase::CaseSearch by_reference;
  by_reference.q = restricted_;
  auto direct = usecase::SearchCases(*store_, index_, by_reference, Agent());
  ASSERT_TRUE(direct);
  ASSERT_EQ(direct->hits.size(), 1U);
  EXPECT_TRUE(direct->hits[0].row.customer_restricted);
  EXPECT_EQ(direct->hits[0].row.customer_name, "");
}

// Search shows what the case page would open: the access policy lets every staff role read
// any department's cases, so an officer finds other departments' cases too.
TEST_P(CaseSearchTest, SearchFollowsTheReadPolicyAcrossDepartments) {
  EXPECT_EQ(Find("licence", Officer("PE")), References{licence_});
  EXPECT_EQ(Find("bin", Officer("PE")).size(), 2U);
  EXPECT_EQ(Find(bin_, Officer("PE")), References{bin_});
  EXPECT_EQ(Find("bin", Officer("CNS")).size(), 2U);
  EXPECT_EQ(Find("bin", Agent()).size(), 2U);
  access::Principal nowhere = Officer("PE");
  nowhere.departments.clear();
  EXPECT_EQ(Find("licence", nowhere), References{licence_});
}

TEST_P(CaseSearchTest, BadInputNamesItsField) {
  usecase::CaseSearch search;
  auto empty = usecase::SearchCases(*store_, index_, search, Agent());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field_errors().front().field, "q");
  search.q = "bin";
  search.statuses = {"lost"};
  auto status = usecase::SearchCases(*store_, index_, search, Agent());
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().field_errors().front().field, "status");
  search.statuses = {};
  search.q = std::string(301, 'a');
  EXPECT_FALSE(usecase::SearchCases(*store_, index_, search, Agent()));
  search.q = std::string("\xff\xfe", 2);
  EXPECT_FALSE(usecase::SearchCases(*store_, index_, search, Agent()));
}

TEST_P(CaseSearchTest, UntilLoadedOnlyReferencesAnswer) {
  usecase::CaseSearchIndex fresh;
  usecase::CaseSearch search;
  search.q = "bin";
  auto text = usecase::SearchCases(*store_, fresh, search, Agent());
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), ErrorCode::kUnavailable);
  search.q = bin_;
  auto reference = usecase::SearchCases(*store_, fresh, search, Agent());
  ASSERT_TRUE(reference);
  EXPECT_EQ(reference->hits.size(), 1U);
}

TEST_P(CaseSearchTest, RefreshPicksUpNewCasesAndRenamedCustomers) {
  clock_.Advance(std::chrono::minutes(5));
  const std::string fresh = Raise("BIN", "Overflowing litter bin", "1 Malone Road", "BT9 5AA",
                                  {"Ciaran", "Devlin", "ciaran@example.org", std::nullopt});
  EXPECT_TRUE(Find("Devlin").empty());
  auto refreshed = usecase::RefreshCaseIndex(*store_, index_);
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_GE(*refreshed, 1U);
  EXPECT_EQ(Find("Devlin"), References{fresh});
}

// A refresh reads back kRefreshMargin (30 s) for changes committed late; under write load
// that is tens of thousands of cases, which it must not put into the index again unchanged.
TEST_P(CaseSearchTest, ARefreshPutsAgainOnlyCasesChangedSinceItPutThem) {
  clock_.Advance(std::chrono::seconds(1));
  const std::string first = Raise("BIN", "Bin lid broken", "2 Malone Road", "BT9 5AA", {});
  clock_.Advance(std::chrono::seconds(1));
  const std::string second =
      Raise("BIN", "Bin left on the pavement", "3 Malone Road", "BT9 5AA", {});
  auto refreshed = usecase::RefreshCaseIndex(*store_, index_);
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_GE(*refreshed, 2U);
  clock_.Advance(std::chrono::seconds(1));
  refreshed = usecase::RefreshCaseIndex(*store_, index_);
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  // The newest change may be put again: another change in the same clock tick bears its stamp.
  EXPECT_LE(*refreshed, 1U) << "cases already put, unchanged, are not put again";
  ASSERT_TRUE(usecase::AddPublicUpdate(*ctx_, first, "The lid was replaced on Friday", std::nullopt,
                                       "staff:1"));
  refreshed = usecase::RefreshCaseIndex(*store_, index_);
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  EXPECT_GE(*refreshed, 1U);
  EXPECT_EQ(Find("replaced"), References{first});
  EXPECT_EQ(Find("pavement"), References{second});
}

// A change stamped before the newest change the index has seen, but committed after the last
// refresh (a slow transaction, another node's clock a little behind), is still found.
TEST_P(CaseSearchTest, ARefreshFindsAChangeStampedBeforeItsWatermark) {
  const Instant start = clock_.Now();
  clock_.Advance(std::chrono::seconds(10));
  Raise("BIN", "Bin lid broken", "2 Malone Road", "BT9 5AA", {});
  ASSERT_TRUE(usecase::RefreshCaseIndex(*store_, index_));
  ASSERT_TRUE(usecase::RefreshCaseIndex(*store_, index_));
  clock_.Set(start + std::chrono::seconds(5));
  ASSERT_TRUE(usecase::AddPublicUpdate(*ctx_, licence_, "Your licence application is approved",
                                       std::nullopt, "staff:1"));
  ASSERT_TRUE(usecase::RefreshCaseIndex(*store_, index_));
  EXPECT_EQ(Find("approved"), References{licence_});
}

TEST_P(CaseSearchTest, EveryPublicUpdateFindsTheCaseButInternalNotesDoNot) {
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(usecase::AddPublicUpdate(*ctx_, bin_, "The crew will come back with a caged lorry",
                                       std::nullopt, "staff:1"));
  ASSERT_TRUE(usecase::AddNote(*ctx_, bin_, "Customer was abusive on the phone", "staff:1"));
  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE(usecase::AddPublicUpdate(*ctx_, bin_, "Emptied on Thursday morning", std::nullopt,
                                       "staff:1"));
  EXPECT_TRUE(Find("caged lorry").empty()) << "not before the refresh";
  auto refreshed = usecase::RefreshCaseIndex(*store_, index_);
  ASSERT_TRUE(refreshed) << refreshed.error().message();
  // The earlier update, no longer the latest (status_notes), still finds the case.
  EXPECT_EQ(Find("caged lorry"), References{bin_});
  EXPECT_EQ(Find("Thursday morning"), References{bin_});
  EXPECT_TRUE(Find("abusive").empty()) << "internal notes are not indexed";
  // A fresh load (another node starting) reads the same history.
  usecase::CaseSearchIndex reloaded;
  ASSERT_TRUE(usecase::LoadCaseIndex(*store_, reloaded));
  usecase::CaseSearch search;
  search.q = "caged";
  auto found = usecase::SearchCases(*store_, reloaded, search, Agent());
  ASSERT_TRUE(found);
  ASSERT_EQ(found->hits.size(), 1U);
  EXPECT_EQ(found->hits.front().row.reference, bin_);
  search.q = "abusive";
  found = usecase::SearchCases(*store_, reloaded, search, Agent());
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->hits.empty());
}

TEST_P(CaseSearchTest, CustomersByNameEmailPostcodeAndReference) {
  auto by_name = usecase::SearchCustomersByText(*store_, "Siobhan O'Neil", Agent());
  ASSERT_TRUE(by_name) << by_name.error().message();
  ASSERT_FALSE(by_name->empty());
  EXPECT_EQ(by_name->front().customer.email, "siobhan@example.org");
  auto by_email = usecase::SearchCustomersByText(*store_, "PATRICK@example.org", Agent());
  ASSERT_TRUE(by_email);
  ASSERT_EQ(by_email->size(), 1U);
  auto by_reference = usecase::SearchCustomersByText(*store_, licence_, Agent());
  ASSERT_TRUE(by_reference);
  ASSERT_EQ(by_reference->size(), 1U);
  EXPECT_EQ(by_reference->front().customer.last_name, "Murphy");
  auto empty = usecase::SearchCustomersByText(*store_, " ", Agent());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field_errors().front().field, "q");
}

TEST_P(CaseSearchTest, RestrictedCustomersOnlyForThoseWhoMayOpenThem) {
  auto agent = usecase::SearchCustomersByText(*store_, "Grainne Kelly", Agent());
  ASSERT_TRUE(agent) << agent.error().message();
  EXPECT_TRUE(agent->empty());
  auto manager = usecase::SearchCustomersByText(*store_, "Grainne Kelly", Manager());
  ASSERT_TRUE(manager);
  ASSERT_EQ(manager->size(), 1U);
  EXPECT_TRUE(manager->front().customer.restricted);
}

// The routes over a real socket, authenticated by a staff API key.
class SearchRoutesTest : public CaseSearchTest {
 protected:
  void SetUp() override {
    CaseSearchTest::SetUp();
    key_ = NewApiKey(*store_, clock_, "crm");
    ASSERT_FALSE(key_.empty());
    context_ = std::make_unique<api::SearchContext>(api::SearchContext{*store_, clock_, index_});
    unloaded_context_ =
        std::make_unique<api::SearchContext>(api::SearchContext{*store_, clock_, unloaded_});
    const http::Execution reads = Reads();
    api::AddSearchRoutes(router_, *context_, reads);
    api::AddSearchRoutes(unloaded_router_, *unloaded_context_, reads);
    loaded_server_ = TestServer::Start(router_);
    ASSERT_TRUE(loaded_server_);
    unloaded_server_ = TestServer::Start(unloaded_router_);
    ASSERT_TRUE(unloaded_server_);
  }

  void TearDown() override {
    StopAndExpectNoFailures(loaded_server_);
    // The server without an index reports each 503 it answers as a failure: expected here.
    unloaded_server_.reset();
  }

  std::string Get(const std::string& target, bool loaded = true) {
    const auto port = (loaded ? loaded_server_ : unloaded_server_)->port();
    return HttpRequest(port, "GET " + target + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " +
                                 key_ + "\r\nConnection: close\r\n\r\n");
  }

  std::string key_;
  usecase::CaseSearchIndex unloaded_;
  std::unique_ptr<api::SearchContext> context_;
  std::unique_ptr<api::SearchContext> unloaded_context_;
  http::Router router_;
  http::Router unloaded_router_;
  std::unique_ptr<TestServer> loaded_server_;
  std::unique_ptr<TestServer> unloaded_server_;
};

TEST_P(SearchRoutesTest, CasesAnswerJsonWithTheHits) {
  const std::string raw = Get("/api/v1/search/cases?q=castle+street&limit=5");
  EXPECT_EQ(StatusOf(raw), 200) << raw;
  EXPECT_NE(BodyOf(raw).find("\"reference\":\"" + bin_ + "\""), std::string::npos) << raw;
  EXPECT_NE(BodyOf(raw).find("\"customer_name\":\"Siobhan O'Neill\""), std::string::npos);
  const std::string filtered = Get("/api/v1/search/cases?q=street&service=LIC&status=new");
  EXPECT_EQ(StatusOf(filtered), 200);
  EXPECT_EQ(BodyOf(filtered).find(bin_), std::string::npos);
  EXPECT_NE(BodyOf(filtered).find(licence_), std::string::npos);
}

TEST_P(SearchRoutesTest, BadParametersAreNamed) {
  const std::string missing = Get("/api/v1/search/cases");
  EXPECT_EQ(StatusOf(missing), 422);
  EXPECT_NE(BodyOf(missing).find("\"q\""), std::string::npos) << missing;
  EXPECT_EQ(StatusOf(Get("/api/v1/search/cases?q=bin&limit=500")), 422);
  EXPECT_EQ(StatusOf(Get("/api/v1/search/cases?q=bin&colour=red")), 422);
  EXPECT_EQ(StatusOf(Get("/api/v1/search/cases?q=bin&status=lost")), 422);
  EXPECT_EQ(StatusOf(Get("/api/v1/search/cases?q=%FF%FE")), 422);
  EXPECT_EQ(StatusOf(Get("/api/v1/search/customers?q=")), 422);
}

TEST_P(SearchRoutesTest, CaseSearchIsUnavailableUntilLoaded) {
  const std::string raw = Get("/api/v1/search/cases?q=bin", false);
  EXPECT_EQ(StatusOf(raw), 503);
  EXPECT_NE(raw.find("Retry-After"), std::string::npos) << raw;
  EXPECT_EQ(StatusOf(Get("/api/v1/search/cases?q=" + bin_, false)), 200);
}

TEST_P(SearchRoutesTest, CustomersAnswerJsonWithoutRestrictedOnesForAKey) {
  const std::string raw = Get("/api/v1/search/customers?q=Siobhan+O%27Neil");
  EXPECT_EQ(StatusOf(raw), 200) << raw;
  EXPECT_NE(BodyOf(raw).find("siobhan@example.org"), std::string::npos);
  const std::string hidden = Get("/api/v1/search/customers?q=Grainne+Kelly");
  EXPECT_EQ(StatusOf(hidden), 200);
  EXPECT_EQ(BodyOf(hidden).find("grainne"), std::string::npos) << hidden;
}

TEST_P(SearchRoutesTest, NoKeyNoSearch) {
  const auto port = loaded_server_->port();
  EXPECT_EQ(StatusOf(HttpRequest(port,
                                 "GET /api/v1/search/cases?q=bin HTTP/1.1\r\nHost: "
                                 "test\r\nConnection: close\r\n\r\n")),
            401);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseSearchTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });
INSTANTIATE_TEST_SUITE_P(Backends, SearchRoutesTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
