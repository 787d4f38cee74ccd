// `frontdoor backup` and `frontdoor restore` (issue #8): a backup taken while the real server
// keeps writing is one consistent copy. Restored into a new database, it holds every case
// acknowledged before the backup began, nothing the source never had, every case with its
// history, passes SQLite's integrity check, and serves again, new cases taking fresh
// references. Neither command ever overwrites. SQLite (online backup API) and PostgreSQL
// (pg_dump and pg_restore into a new database).
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "frontdoor/store/postgres/postgres_store.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

#include "pg_server.hpp"
#include "process.hpp"
#include "serve_process.hpp"
#include "test_store.hpp"

namespace frontdoor::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Acknowledged {
  std::string token;
  std::string reference;
  Clock::time_point at;
};

struct Snapshot {
  std::map<std::string, std::string> description_by_reference;
  std::int64_t without_history = -1;
  std::vector<std::string> integrity;  // SQLite only
};

std::unique_ptr<store::Store> OpenUrl(const std::string& url, const frontdoor::Clock& clock) {
  if (url.starts_with("sqlite:")) {
    return store::sqlite::OpenSqliteStore({.path = url.substr(7)}, clock).value();
  }
  return store::postgres::OpenPostgresStore({.url = url}, clock).value();
}

Snapshot Read(const std::string& url) {
  const SystemClock clock;
  auto store = OpenUrl(url, clock);
  Snapshot snapshot;
  auto read = store->Read([&](store::ReadTx& tx) -> Result<void> {
    auto cases = tx.session().Query(
        "SELECT reference, description FROM service_case", {}, [&](const store::SqlRow& row) {
          snapshot.description_by_reference[row.String(0)] = row.String(1);
        });
    if (!cases) {
      return cases;
    }
    auto history = tx.session().Query(
        "SELECT count(*) FROM service_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e "
        "WHERE e.case_id = c.id AND e.kind = 'created')",
        {}, [&](const store::SqlRow& row) { snapshot.without_history = row.Int(0); });
    if (!history || tx.dialect() != store::Dialect::kSqlite) {
      return history;
    }
    return tx.session().Query("PRAGMA integrity_check", {}, [&](const store::SqlRow& row) {
      snapshot.integrity.push_back(row.String(0));
    });
  });
  EXPECT_TRUE(read) << read.error().message();
  return snapshot;
}

class BackupTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    directory_ = MakeTempDir();
    if (GetParam() == Backend::kSqlite) {
      url_ = "sqlite:" + directory_ + "/frontdoor.db";
      restored_url_ = "sqlite:" + directory_ + "/restored/frontdoor.db";
    } else {
      // Whole databases, since pg_dump copies a database: the source and the empty target.
      const char* admin = std::getenv("FRONTDOOR_TEST_PG");  // NOLINT(concurrency-mt-unsafe)
      ASSERT_NE(admin, nullptr) << "run under scripts/with-postgres";
      url_ = NewPostgresDatabase(admin);
      restored_url_ = NewPostgresDatabase(admin);
    }
    backup_ = directory_ + "/frontdoor.backup";
    ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"migrate", "--db", url_}).exit_code, 0);
    key_ = CreateApiKeyWithCli(FRONTDOOR_BINARY, url_, "desk", "staff");
    ASSERT_FALSE(key_.empty());
    server_ = std::make_unique<ServeProcess>(FRONTDOOR_BINARY, url_);
    ASSERT_TRUE(server_->Start());
    ASSERT_TRUE(CreateFlyTippingService(server_->port(), key_));
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }

  HttpReply Create(std::uint16_t port, const std::string& token) const {
    return Call(
        port, "POST", "/api/v1/cases", "Authorization: Bearer " + key_ + "\r\n", "application/json",
        R"({"service_code": "FLY", "channel": "phone", "description": ")" + token + R"("})");
  }

  static std::string ReferenceIn(const HttpReply& reply) {
    boost::system::error_code ec;
    const auto value = boost::json::parse(reply.body, ec);
    const auto* reference =
        !ec && value.is_object() ? value.as_object().if_contains("reference") : nullptr;
    return reference && reference->is_string() ? std::string(reference->as_string()) : "";
  }

  std::string directory_;
  std::string url_;
  std::string restored_url_;
  std::string backup_;
  std::string key_;
  std::unique_ptr<ServeProcess> server_;
};

TEST_P(BackupTest, BackupUnderWritesRestoresEveryCaseAcknowledgedBeforeIt) {
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 0; !stop.load(); ++n) {
        const std::string token = "backup-w" + std::to_string(w) + "-n" + std::to_string(n);
        const auto reply = Create(server_->port(), token);
        const auto reference = ReferenceIn(reply);
        ASSERT_EQ(reply.status, 201) << reply.body;
        const std::scoped_lock lock(mutex);
        acknowledged.push_back({token, reference, Clock::now()});
      }
    });
  }
  std::this_thread::sleep_for(milliseconds(800));
  const auto backup_began = Clock::now();
  const auto backup = RunToEnd(FRONTDOOR_BINARY, {"backup", "--db", url_, "--to", backup_});
  std::this_thread::sleep_for(milliseconds(300));
  stop.store(true);
  for (auto& writer : writers) {
    writer.join();
  }
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  EXPECT_EQ(server_->Stop(), 0);

  const auto restore =
      RunToEnd(FRONTDOOR_BINARY, {"restore", "--from", backup_, "--db", restored_url_});
  ASSERT_EQ(restore.exit_code, 0) << restore.out;

  const Snapshot source = Read(url_);
  const Snapshot restored = Read(restored_url_);
  int before_backup = 0;
  for (const auto& ack : acknowledged) {
    if (ack.at < backup_began) {
      ++before_backup;
      const auto found = restored.description_by_reference.find(ack.reference);
      ASSERT_NE(found, restored.description_by_reference.end()) << ack.reference << " is missing";
      EXPECT_EQ(found->second, ack.token);
    }
  }
  // A snapshot of the source: nothing it never had, nothing changed.
  for (const auto& [reference, description] : restored.description_by_reference) {
    const auto found = source.description_by_reference.find(reference);
    ASSERT_NE(found, source.description_by_reference.end()) << reference << " came from nowhere";
    EXPECT_EQ(found->second, description);
  }
  EXPECT_EQ(restored.without_history, 0);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(restored.integrity, std::vector<std::string>{"ok"});
  }
  EXPECT_GT(before_backup, 0);
  std::cout << "[ backup   ] " << acknowledged.size() << " cases written, " << before_backup
            << " before the backup began; the copy holds "
            << restored.description_by_reference.size() << " of the source's "
            << source.description_by_reference.size() << "\n";

  // The copy is a working Frontdoor database: it serves, and its reference sequence goes on.
  ServeProcess again(FRONTDOOR_BINARY, restored_url_);
  ASSERT_TRUE(again.Start());
  const auto one = acknowledged.front().reference;
  EXPECT_EQ(
      Call(again.port(), "GET", "/api/v1/cases/" + one, "Authorization: Bearer " + key_ + "\r\n")
          .status,
      200);
  const auto fresh = Create(again.port(), "after-restore");
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  EXPECT_FALSE(restored.description_by_reference.contains(ReferenceIn(fresh)));
  EXPECT_EQ(again.Stop(), 0);
}

TEST_P(BackupTest, NeitherCommandOverwritesAnything) {
  EXPECT_EQ(server_->Stop(), 0);
  ASSERT_EQ(RunToEnd(FRONTDOOR_BINARY, {"backup", "--db", url_, "--to", backup_}).exit_code, 0);
  const auto size = std::filesystem::file_size(backup_);
  // EX_CANTCREAT: the file is there already.
  EXPECT_EQ(RunToEnd(FRONTDOOR_BINARY, {"backup", "--db", url_, "--to", backup_}).exit_code, 73);
  EXPECT_EQ(std::filesystem::file_size(backup_), size);
  // Restoring over the live database is refused: it is not new (SQLite) or not empty.
  EXPECT_EQ(RunToEnd(FRONTDOOR_BINARY, {"restore", "--from", backup_, "--db", url_}).exit_code, 73);
  ASSERT_EQ(
      RunToEnd(FRONTDOOR_BINARY, {"restore", "--from", backup_, "--db", restored_url_}).exit_code,
      0);
  EXPECT_EQ(
      RunToEnd(FRONTDOOR_BINARY, {"restore", "--from", backup_, "--db", restored_url_}).exit_code,
      73);
  // A file that is not a backup restores nothing.
  const std::string junk = directory_ + "/junk.backup";
  {
    std::ofstream out(junk);
    out << "not a database";
  }
  const std::string target = GetParam() == Backend::kSqlite
                                 ? "sqlite:" + directory_ + "/from-junk.db"
                                 : NewPostgresDatabase(std::getenv("FRONTDOOR_TEST_PG"));
  EXPECT_NE(RunToEnd(FRONTDOOR_BINARY, {"restore", "--from", junk, "--db", target}).exit_code, 0);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_FALSE(std::filesystem::exists(directory_ + "/from-junk.db"));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
