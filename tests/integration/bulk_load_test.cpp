// The bulk loader writes the same rows as the repositories would, on both backends: cases
// read back field for field, events keep their order, ids continue for live writes, and text
// that means something to SQL or to PostgreSQL array syntax is stored as it was given.
#include <gtest/gtest.h>

#include "frontdoor/core/reference.hpp"
#include "frontdoor/store/bulk.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/customers.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

class BulkLoadTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
    auto service = store::WriteValue<store::ServiceRecord>(*store_, [&](store::WriteTx& tx) {
      store::ServiceRecord s;
      s.code = "fly-tipping";
      s.name = "Fly-tipping";
      s.case_type = "request";
      s.channels = {"web"};
      s.created_at = s.updated_at = clock_.Now();
      return store::Catalogue(tx).InsertService(s);
    });
    ASSERT_TRUE(service) << service.error().message();
    service_id_ = service->id;
  }

  store::BulkCase MakeCase(const std::string& reference, std::optional<std::int64_t> customer) {
    store::BulkCase c;
    c.record.reference = reference;
    c.record.service_id = service_id_;
    c.record.status = CaseStatus::kInProgress;
    c.record.channel = "phone";
    c.record.description = "Sofa \"dumped\" at {the} corner, NULL, back\\slash, it's here";
    c.record.address = "12 Ormeau Road, Belfast";
    c.record.postcode = "BT7 1EB";
    c.record.location = GeoPoint{54.5812345678, -5.9187654321};
    c.record.ward = "Ormeau";
    c.record.customer_id = customer;
    c.record.source = "staff:1";
    c.record.created_at = clock_.Now();
    c.record.updated_at = clock_.Now() + std::chrono::hours(2);
    c.record.due_at = clock_.Now() + std::chrono::hours(120);
    c.attributes = {{"waste_types", "furniture"}, {"waste_types", "bags"}, {"quantity", "van"}};
    for (int i = 0; i < 3; ++i) {
      store::CaseEventRecord e;
      e.at = clock_.Now() + std::chrono::minutes(i);
      e.kind = i == 0 ? "created" : "status";
      e.actor = "staff:1";
      e.is_public = i > 0;
      e.status = i == 0 ? "new" : "in_progress";
      e.body = "step " + std::to_string(i);
      e.data = R"({"service_code":"fly-tipping"})";
      c.events.push_back(e);
    }
    return c;
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::int64_t service_id_ = 0;
};

TEST_P(BulkLoadTest, LoadedCasesReadBackFieldForField) {
  store::CustomerRecord customer;
  customer.first_name = "Siobhan";
  customer.last_name = "O'Neill";
  customer.email = "siobhan@example.com";
  customer.created_at = customer.updated_at = clock_.Now();
  const std::vector<store::CustomerRecord> customers{customer, customer};
  std::int64_t first_customer = 0;
  store::BulkTotals totals;
  auto written = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    store::BulkLoader loader(tx);
    auto first = loader.InsertCustomers(customers);
    if (!first) {
      return first.error();
    }
    first_customer = *first;
    const std::vector<store::BulkCase> cases{MakeCase("BCC-25-000001", first_customer + 1),
                                             MakeCase("BCC-25-000002", std::nullopt)};
    auto done = loader.InsertCases(cases);
    if (!done) {
      return done.error();
    }
    totals = *done;
    return loader.RaiseSequence("BCC", 2025, 2);
  });
  ASSERT_TRUE(written) << written.error().message();
  EXPECT_EQ(totals.cases, 2);
  EXPECT_EQ(totals.events, 6);
  EXPECT_EQ(totals.attributes, 6);

  const store::BulkCase expected = MakeCase("BCC-25-000001", first_customer + 1);
  auto read = store_->Read([&](store::ReadTx& tx) -> Result<void> {
    store::Cases cases(tx);
    auto found = cases.FindByReference("BCC-25-000001");
    EXPECT_TRUE(found) << found.error().message();
    if (!found) {
      return {};
    }
    EXPECT_EQ(found->description, expected.record.description);
    EXPECT_EQ(found->status, CaseStatus::kInProgress);
    EXPECT_EQ(found->address, expected.record.address);
    EXPECT_EQ(found->ward, "Ormeau");
    EXPECT_EQ(found->customer_id, first_customer + 1);
    EXPECT_TRUE(found->location.has_value());
    if (found->location) {
      EXPECT_DOUBLE_EQ(found->location->lat, 54.5812345678);
      EXPECT_DOUBLE_EQ(found->location->lon, -5.9187654321);
    }
    EXPECT_EQ(found->created_at, expected.record.created_at);
    EXPECT_EQ(found->updated_at, expected.record.updated_at);
    EXPECT_EQ(found->due_at, expected.record.due_at);
    EXPECT_FALSE(found->closed_at.has_value());
    EXPECT_EQ(found->service_code, "fly-tipping");
    auto answers = cases.Attributes(found->id);
    EXPECT_TRUE(answers);
    EXPECT_EQ(*answers, expected.attributes);
    auto events = cases.Events(found->id);
    EXPECT_TRUE(events);
    EXPECT_EQ(events->size(), 3U);
    for (std::size_t i = 0; i < events->size(); ++i) {
      EXPECT_EQ((*events)[i].body, "step " + std::to_string(i)) << "events keep their order";
      EXPECT_EQ((*events)[i].is_public, i > 0);
    }
    auto other = cases.FindByReference("BCC-25-000002");
    EXPECT_TRUE(other);
    EXPECT_FALSE(other->customer_id.has_value());
    auto person = store::Customers(tx).FindById(first_customer);
    EXPECT_TRUE(person);
    EXPECT_EQ(person->last_name, "O'Neill");
    return {};
  });
  ASSERT_TRUE(read) << read.error().message();
}

TEST_P(BulkLoadTest, LiveWritesContinueAfterTheLoadedIdsAndReferences) {
  auto written = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    store::BulkLoader loader(tx);
    const std::vector<store::BulkCase> cases{MakeCase("BCC-25-000001", std::nullopt),
                                             MakeCase("BCC-25-000002", std::nullopt)};
    if (auto done = loader.InsertCases(cases); !done) {
      return done.error();
    }
    if (auto raised = loader.RaiseSequence("BCC", 2025, 2); !raised) {
      return raised.error();
    }
    // Never lowered: a live sequence that has gone further stays where it is.
    return loader.RaiseSequence("BCC", 2025, 1);
  });
  ASSERT_TRUE(written) << written.error().message();

  auto live =
      store::WriteValue<std::int64_t>(*store_, [&](store::WriteTx& tx) -> Result<std::int64_t> {
        store::Cases cases(tx);
        auto next = cases.NextSequence("BCC", 2025);
        if (!next) {
          return next.error();
        }
        EXPECT_EQ(*next, 3);
        store::CaseRecord record = MakeCase("BCC-25-000003", std::nullopt).record;
        auto id = cases.Insert(record);
        if (!id) {
          return id.error();
        }
        store::CaseEventRecord event;
        event.case_id = *id;
        event.at = clock_.Now();
        event.kind = "created";
        event.actor = "system";
        if (auto appended = cases.AppendEvent(event); !appended) {
          return appended.error();
        }
        return *id;
      });
  ASSERT_TRUE(live) << live.error().message();

  auto more = store::WriteValue<store::BulkTotals>(*store_, [&](store::WriteTx& tx) {
    const std::vector<store::BulkCase> cases{MakeCase("BCC-25-000004", std::nullopt)};
    return store::BulkLoader(tx).InsertCases(cases);
  });
  ASSERT_TRUE(more) << more.error().message();
  auto ids = store::ReadValue<std::pair<std::int64_t, std::int64_t>>(
      *store_, [](store::ReadTx& tx) -> Result<std::pair<std::int64_t, std::int64_t>> {
        store::Cases cases(tx);
        auto third = cases.FindByReference("BCC-25-000003");
        auto fourth = cases.FindByReference("BCC-25-000004");
        if (!third || !fourth) {
          return Error::NotFound("case");
        }
        return std::pair{third->id, fourth->id};
      });
  ASSERT_TRUE(ids) << ids.error().message();
  EXPECT_EQ(ids->first, 3);
  EXPECT_EQ(ids->second, 4);
}

TEST_P(BulkLoadTest, TakenReferenceIsAConflictAndWritesNothing) {
  auto first = store::WriteValue<store::BulkTotals>(*store_, [&](store::WriteTx& tx) {
    const std::vector<store::BulkCase> cases{MakeCase("BCC-25-000001", std::nullopt)};
    return store::BulkLoader(tx).InsertCases(cases);
  });
  ASSERT_TRUE(first);
  auto again = store::WriteValue<store::BulkTotals>(*store_, [&](store::WriteTx& tx) {
    const std::vector<store::BulkCase> cases{MakeCase("BCC-25-000002", std::nullopt),
                                             MakeCase("BCC-25-000001", std::nullopt)};
    return store::BulkLoader(tx).InsertCases(cases);
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  auto missing = store::ReadValue<store::CaseRecord>(
      *store_, [](store::ReadTx& tx) { return store::Cases(tx).FindByReference("BCC-25-000002"); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(BulkLoadTest, IndexesSetAsideForALargeLoadAreBuiltAgain) {
  const auto index_count = [&] {
    const std::string sql =
        GetParam() == Backend::kSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()";
    auto count =
        store::ReadValue<std::int64_t>(*store_, [&](store::ReadTx& tx) -> Result<std::int64_t> {
          std::int64_t n = 0;
          auto done =
              tx.session().Query(sql, {}, [&](const store::SqlRow& row) { n = row.Int(0); });
          if (!done) {
            return done.error();
          }
          return n;
        });
    EXPECT_TRUE(count);
    return count ? *count : -1;
  };
  const std::int64_t before = index_count();
  std::int64_t during = 0;
  auto written = store_->Write([&](store::WriteTx& tx) -> Result<void> {
    store::BulkLoader loader(tx);
    if (auto suspended = loader.SuspendIndexes(); !suspended) {
      return suspended;
    }
    auto listed = tx.session().Query(
        GetParam() == Backend::kSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()",
        {}, [&](const store::SqlRow& row) { during = row.Int(0); });
    if (!listed) {
      return listed;
    }
    std::vector<store::BulkCase> cases;
    for (int i = 1; i <= 1500; ++i) {
      cases.push_back(MakeCase(FormatReference("BCC", 2025, i), std::nullopt));
    }
    if (auto done = loader.InsertCases(cases); !done) {
      return done.error();
    }
    return loader.RestoreIndexes();
  });
  ASSERT_TRUE(written) << written.error().message();
  if (GetParam() == Backend::kSqlite) {
    EXPECT_LT(during, before) << "the case and customer indexes were set aside";
  } else {
    EXPECT_EQ(during, before) << "PostgreSQL keeps its indexes";
  }
  EXPECT_EQ(index_count(), before);
  auto found = store::ReadValue<store::CaseRecord>(
      *store_, [](store::ReadTx& tx) { return store::Cases(tx).FindByReference("BCC-25-001500"); });
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->ward, "Ormeau");
}

// A loaded customer has no contact points (the loader writes customers alone, for speed):
// the store still finds them by the email and phone on the customer row.
TEST_P(BulkLoadTest, LoadedCustomersAreFoundByTheirEmailAndPhone) {
  store::CustomerRecord customer;
  customer.first_name = "Siobhan";
  customer.last_name = "Kelly";
  customer.email = "siobhan.kelly@example.com";
  customer.phone = "+442890320202";
  customer.search_name = "siobhan kelly";
  customer.created_at = customer.updated_at = clock_.Now();
  store::CustomerRecord no_contact;
  no_contact.first_name = "Pat";
  no_contact.created_at = no_contact.updated_at = clock_.Now();
  auto first = store::WriteValue<std::int64_t>(*store_, [&](store::WriteTx& tx) {
    const std::vector<store::CustomerRecord> customers{customer, no_contact};
    return store::BulkLoader(tx).InsertCustomers(customers);
  });
  ASSERT_TRUE(first) << first.error().message();
  auto written = store_->Read([&](store::ReadTx& tx) -> Result<void> {
    store::Customers customers(tx);
    auto by_email = customers.FindByContact(customer.email, std::nullopt);
    auto by_phone = customers.FindByContact(std::nullopt, customer.phone);
    if (!by_email || !by_phone) {
      return Error::Internal("a read failed");
    }
    EXPECT_TRUE(*by_email && (*by_email)->id == *first);
    EXPECT_TRUE(*by_phone && (*by_phone)->id == *first);
    return {};
  });
  ASSERT_TRUE(written) << written.error().message();
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkLoadTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
