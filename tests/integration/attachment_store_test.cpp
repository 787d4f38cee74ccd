// The attachment repository's contract on SQLite and a real PostgreSQL: binary content
// round-trips byte for byte (NUL and every byte value included), a file is stored once
// however often it is attached, and only public attachments expose their file.
#include <atomic>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/store/attachments.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

std::string EveryByteValue() {
  std::string bytes;
  for (int round = 0; round < 4; ++round) {
    for (int b = 0; b < 256; ++b) {
      bytes += static_cast<char>(b);
    }
  }
  return bytes;
}

// A digest-shaped key: the repository trusts its caller for the real SHA-256.
std::string Digest(char c) {
  std::string digest(64, c);
  return digest;
}

// Every field of a record, so one comparison checks them all.
auto Fields(const store::AttachmentRecord& r) {
  return std::tuple(r.id, r.case_id, r.sha256, r.filename, r.media_type, r.size, r.is_public,
                    r.actor, ToUnixMicros(r.created_at));
}

class AttachmentStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    database_ = NewTestDatabase(GetParam());
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    ASSERT_TRUE(version) << version.error().message();
    ASSERT_GE(*version, 4);
    case_a_ = AddCase("BCC-26-000001");
    case_b_ = AddCase("BCC-26-000002");
  }

  std::int64_t AddCase(const std::string& reference) {
    auto id = store::WriteValue<std::int64_t>(*store_, [&](store::WriteTx& tx) {
      store::Catalogue catalogue(tx);
      auto service = catalogue.FindService("FLY");
      if (!service) {
        store::ServiceRecord fly;
        fly.code = "FLY";
        fly.name = "Fly-tipping";
        fly.case_type = "request";
        fly.channels = {"web"};
        fly.created_at = clock_.Now();
        fly.updated_at = clock_.Now();
        service = catalogue.InsertService(fly);
        if (!service) {
          return Result<std::int64_t>(service.error());
        }
      }
      store::CaseRecord record;
      record.reference = reference;
      record.service_id = service->id;
      record.channel = "web";
      record.description = "Mattress in the entry";
      record.source = "test";
      record.created_at = clock_.Now();
      record.updated_at = clock_.Now();
      return store::Cases(tx).Insert(record);
    });
    EXPECT_TRUE(id) << id.error().message();
    return id ? *id : 0;
  }

  Result<bool> Put(const std::string& sha256, std::string_view content,
                   const std::string& media_type = "image/png") {
    return store::WriteValue<bool>(*store_, [&](store::WriteTx& tx) {
      return store::Attachments(tx).PutBlob(sha256, media_type, content, clock_.Now());
    });
  }

  Result<store::AttachmentRecord> Attach(std::int64_t case_id, const std::string& sha256,
                                         bool is_public, std::int64_t size = 3) {
    store::AttachmentRecord record;
    record.case_id = case_id;
    record.sha256 = sha256;
    record.filename = "pothole.png";
    record.media_type = "image/png";
    record.size = size;
    record.is_public = is_public;
    record.actor = "staff:1";
    record.created_at = clock_.Now();
    return store::WriteValue<store::AttachmentRecord>(
        *store_, [&](store::WriteTx& tx) { return store::Attachments(tx).Insert(record); });
  }

  Result<store::BlobRecord> FindBlob(const std::string& sha256, bool public_only) {
    return store::ReadValue<store::BlobRecord>(*store_, [&](store::ReadTx& tx) {
      return public_only ? store::Attachments(tx).FindPublicBlob(sha256)
                         : store::Attachments(tx).FindBlob(sha256);
    });
  }

  Result<std::int64_t> CountBlobs() {
    return store::ReadValue<std::int64_t>(*store_, [](store::ReadTx& tx) {
      std::int64_t n = 0;
      auto done = tx.session().Query("SELECT count(*) FROM attachment_blob", {},
                                     [&](const store::SqlRow& row) { n = row.Int(0); });
      if (!done) {
        return Result<std::int64_t>(done.error());
      }
      return Result<std::int64_t>(n);
    });
  }

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01T00:00:00Z
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::int64_t case_a_ = 0;
  std::int64_t case_b_ = 0;
};

TEST_P(AttachmentStoreTest, EveryByteValueRoundTrips) {
  const std::string content = EveryByteValue();
  ASSERT_EQ(content.size(), 1024U);
  auto put = Put(Digest('a'), content);
  ASSERT_TRUE(put) << put.error().message();
  EXPECT_TRUE(*put);
  auto found = FindBlob(Digest('a'), false);
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found->content, content);
  EXPECT_EQ(found->media_type, "image/png");
  EXPECT_EQ(found->sha256, Digest('a'));
}

TEST_P(AttachmentStoreTest, NulBytesAndAnEmptyFileSurvive) {
  const std::string nuls("\0\0\x01\0PNG\0", 8);
  ASSERT_TRUE(Put(Digest('b'), nuls));
  ASSERT_TRUE(Put(Digest('c'), ""));
  auto with_nuls = FindBlob(Digest('b'), false);
  ASSERT_TRUE(with_nuls);
  EXPECT_EQ(with_nuls->content, nuls);
  auto empty = FindBlob(Digest('c'), false);
  ASSERT_TRUE(empty) << empty.error().message();
  EXPECT_EQ(empty->content, "");
}

TEST_P(AttachmentStoreTest, ALargeFileRoundTrips) {
  std::string content(3 * 1024 * 1024 + 7, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) {
    content[i] = static_cast<char>((i * 131 + i / 7) % 256);
  }
  ASSERT_TRUE(Put(Digest('d'), content));
  auto found = FindBlob(Digest('d'), false);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->content == content);  // not EXPECT_EQ: a failure would print 3 MiB
}

TEST_P(AttachmentStoreTest, TheSameFileIsStoredOnce) {
  auto first = Put(Digest('e'), "same bytes");
  ASSERT_TRUE(first);
  EXPECT_TRUE(*first);
  auto second = Put(Digest('e'), "same bytes");
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_FALSE(*second);
  ASSERT_TRUE(Attach(case_a_, Digest('e'), false));
  ASSERT_TRUE(Attach(case_b_, Digest('e'), false));
  auto count = CountBlobs();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 1);
}

TEST_P(AttachmentStoreTest, ConcurrentWritersOfTheSameFileAllSucceed) {
  constexpr int kWriters = 16;
  std::atomic<int> failures{0};
  std::atomic<int> stored{0};
  std::vector<std::thread> threads;
  threads.reserve(kWriters);
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&] {
      auto put = Put(Digest('f'), "a photo sent twice");
      if (!put) {
        failures.fetch_add(1);
      } else if (*put) {
        stored.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(stored.load(), 1);
}

TEST_P(AttachmentStoreTest, AnInsertedAttachmentComesBackWithEveryField) {
  ASSERT_TRUE(Put(Digest('g'), "one"));
  auto first = Attach(case_a_, Digest('g'), true);
  ASSERT_TRUE(first) << first.error().message();
  EXPECT_GT(first->id, 0);
  EXPECT_EQ(Fields(*first), std::tuple(first->id, case_a_, Digest('g'), "pothole.png", "image/png",
                                       3, true, "staff:1", ToUnixMicros(clock_.Now())));
}

TEST_P(AttachmentStoreTest, AttachmentsAreListedPerCaseOldestFirst) {
  ASSERT_TRUE(Put(Digest('g'), "one") && Put(Digest('h'), "two"));
  auto first = Attach(case_a_, Digest('g'), true);
  clock_.Advance(std::chrono::seconds(5));
  auto second = Attach(case_a_, Digest('h'), false);
  auto elsewhere = Attach(case_b_, Digest('h'), false);
  ASSERT_TRUE(first && second && elsewhere);
  auto listed = store::ReadValue<std::vector<store::AttachmentRecord>>(
      *store_, [&](store::ReadTx& tx) { return store::Attachments(tx).ListForCase(case_a_); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ(Fields((*listed)[0]), Fields(*first));
  EXPECT_EQ(Fields((*listed)[1]), Fields(*second));
}

TEST_P(AttachmentStoreTest, AnAttachmentIsFoundOnlyThroughItsOwnCase) {
  ASSERT_TRUE(Put(Digest('i'), "x"));
  auto attached = Attach(case_a_, Digest('i'), false);
  ASSERT_TRUE(attached);
  auto own = store::ReadValue<store::AttachmentRecord>(*store_, [&](store::ReadTx& tx) {
    return store::Attachments(tx).Find(case_a_, attached->id);
  });
  ASSERT_TRUE(own);
  auto other = store::ReadValue<store::AttachmentRecord>(*store_, [&](store::ReadTx& tx) {
    return store::Attachments(tx).Find(case_b_, attached->id);
  });
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
}

TEST_P(AttachmentStoreTest, OnlyPubliclyAttachedFilesArePublic) {
  ASSERT_TRUE(Put(Digest('j'), "private"));
  ASSERT_TRUE(Attach(case_a_, Digest('j'), false));
  auto hidden = FindBlob(Digest('j'), true);
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(Attach(case_b_, Digest('j'), true));
  auto shown = FindBlob(Digest('j'), true);
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->content, "private");
  auto missing = FindBlob(Digest('k'), true);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(AttachmentStoreTest, AnAttachmentNeedsItsFileAndItsCase) {
  auto no_blob = Attach(case_a_, Digest('l'), false);
  ASSERT_FALSE(no_blob);
  EXPECT_EQ(no_blob.error().code(), ErrorCode::kConflict);
  ASSERT_TRUE(Put(Digest('m'), "x"));
  auto no_case = Attach(987654, Digest('m'), false);
  ASSERT_FALSE(no_case);
  EXPECT_EQ(no_case.error().code(), ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
