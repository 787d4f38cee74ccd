// `seed --demo --cases N`: reads what the generator needs, then runs it on its own thread
// while this one writes the previous batch, so that on two cores generating and writing
// overlap. A million cases must load in under a minute on SQLite (issue 3).
#include <array>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iomanip>
#include <mutex>
#include <thread>

#include "frontdoor/app/charter_command.hpp"
#include "frontdoor/app/demo_history.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/bulk.hpp"

namespace frontdoor::app {
namespace {

// The demo staff SeedDemo creates (wiring.cpp).
constexpr std::array<const char*, 2> kAgents{"agent@frontdoor.example",
                                             "manager@frontdoor.example"};
constexpr std::array<const char*, 2> kOfficers{"officer@frontdoor.example",
                                               "manager@frontdoor.example"};

Result<void> ReadCatalogue(store::Store& store, DemoHistoryCatalogue& catalogue) {
  return store.Read([&](store::ReadTx& tx) -> Result<void> {
    store::Catalogue repository(tx);
    auto services = repository.ListServices(false);
    if (!services) {
      return services.error();
    }
    catalogue.services = std::move(*services);
    auto teams = repository.ListTeams();
    if (!teams) {
      return teams.error();
    }
    for (const auto& team : *teams) {
      catalogue.team_ids[team.code] = team.id;
    }
    store::StaffUsers staff(tx);
    const auto collect = [&](const auto& emails, std::vector<std::int64_t>& ids) -> Result<void> {
      for (const char* email : emails) {
        auto user = staff.FindByEmail(email);
        if (user) {
          ids.push_back(user->id);
        } else if (user.error().code() != ErrorCode::kNotFound) {
          return user.error();
        }
      }
      return {};
    };
    if (auto found = collect(kAgents, catalogue.agent_ids); !found) {
      return found;
    }
    return collect(kOfficers, catalogue.officer_ids);
  });
}

Result<void> ReadSequences(store::Store& store, const DemoHistoryOptions& options,
                           DemoHistoryCatalogue& catalogue) {
  const auto last_year =
      static_cast<int>(date::year_month_day(date::floor<date::days>(options.now)).year());
  return store.Write([&](store::WriteTx& tx) -> Result<void> {
    store::BulkLoader loader(tx);
    for (int year = last_year - 2; year <= last_year; ++year) {
      auto value = loader.SequenceValue(options.reference_prefix, year);
      if (!value) {
        return value.error();
      }
      catalogue.sequences[year] = *value;
    }
    return {};
  });
}

// Batches handed from the generating thread to the writing one; at most two wait.
class BatchQueue {
 public:
  void Push(DemoBatch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return batches_.size() < 2 || stopped_; });
    batches_.push_back(std::move(batch));
    changed_.notify_all();
  }
  // False once the producer has finished and everything was taken.
  bool Pop(DemoBatch& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !batches_.empty() || finished_; });
    if (batches_.empty()) {
      return false;
    }
    batch = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return true;
  }
  void Finish() {
    const std::lock_guard lock(mutex_);
    finished_ = true;
    changed_.notify_all();
  }
  // The writer gave up: the producer stops at its next batch.
  void Stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }
  bool stopped() {
    const std::lock_guard lock(mutex_);
    return stopped_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<DemoBatch> batches_;
  bool finished_ = false;
  bool stopped_ = false;
};

Result<store::BulkTotals> WriteBatch(store::BulkLoader& loader, DemoBatch& batch,
                                     std::vector<std::int64_t>& customer_ids) {
  if (!batch.new_customers.empty()) {
    auto first = loader.InsertCustomers(batch.new_customers);
    if (!first) {
      return first.error();
    }
    customer_ids.resize(static_cast<std::size_t>(batch.first_customer_index));
    for (std::size_t i = 0; i < batch.new_customers.size(); ++i) {
      customer_ids.push_back(*first + static_cast<std::int64_t>(i));
    }
  }
  for (store::BulkCase& c : batch.cases) {
    if (c.record.customer_id) {
      c.record.customer_id = customer_ids.at(static_cast<std::size_t>(*c.record.customer_id));
    }
  }
  return loader.InsertCases(batch.cases);
}

// Indexes pay to suspend when the load is large and at least doubles the cases.
constexpr std::int64_t kSuspendIndexesFrom = 50'000;

}  // namespace

Result<DemoHistoryTotals> SeedDemoHistory(store::Store& store,
                                          const charter::WorkingCalendar& calendar,
                                          const std::vector<charter::Standard>& standards,
                                          const DemoHistoryOptions& options, std::ostream& out) {
  const auto started = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  DemoHistoryCatalogue catalogue;
  if (auto read = ReadCatalogue(store, catalogue); !read) {
    return read.error();
  }
  if (auto read = ReadSequences(store, options, catalogue); !read) {
    return read.error();
  }
  auto generator = DemoHistoryGenerator::Create(options, std::move(catalogue), calendar, standards);
  if (!generator) {
    return generator.error();
  }
  out << "Generating " << options.cases << " cases over the two years before now\n" << std::flush;

  BatchQueue queue;
  std::thread producer([&] {
    DemoBatch batch;
    while (!queue.stopped() && generator->Next(batch)) {
      queue.Push(std::move(batch));
      batch = DemoBatch{};
    }
    queue.Finish();
  });

  // One unit of work for the whole history: all of it or none of it, and the indexes can be
  // set aside and rebuilt without a window where a failure leaves them missing.
  DemoHistoryTotals totals;
  auto written = store.Write([&](store::WriteTx& tx) -> Result<void> {
    store::BulkLoader loader(tx);
    auto existing = loader.CaseCount();
    if (!existing) {
      return existing.error();
    }
    const bool suspend = options.cases >= kSuspendIndexesFrom && options.cases >= *existing;
    if (suspend) {
      if (auto suspended = loader.SuspendIndexes(); !suspended) {
        return suspended;
      }
    }
    std::vector<std::int64_t> customer_ids;
    std::int64_t reported = 0;
    DemoBatch batch;
    while (queue.Pop(batch)) {
      totals.customers += static_cast<std::int64_t>(batch.new_customers.size());
      auto done = WriteBatch(loader, batch, customer_ids);
      if (!done) {
        return done.error();
      }
      totals.cases += done->cases;
      totals.events += done->events;
      totals.attributes += done->attributes;
      if (totals.cases - reported >= 100'000 || totals.cases == options.cases) {
        reported = totals.cases;
        out << "  " << totals.cases << " cases, " << totals.events << " events ("
            << static_cast<int>(seconds()) << " s)\n"
            << std::flush;
      }
    }
    if (suspend) {
      out << "  building indexes (" << static_cast<int>(seconds()) << " s)\n" << std::flush;
      if (auto restored = loader.RestoreIndexes(); !restored) {
        return restored;
      }
    }
    // Live cases continue each year's numbering after the seeded ones. The generator has
    // finished: Pop said so.
    for (const auto& [year, last] : generator->sequences()) {
      if (auto raised = loader.RaiseSequence(options.reference_prefix, year, last); !raised) {
        return raised;
      }
    }
    return {};
  });
  queue.Stop();  // the producer may wait to hand over a batch nobody will take
  producer.join();
  if (!written) {
    return written.error();
  }
  totals.seconds = seconds();
  return totals;
}

Result<DemoHistoryTotals> SeedDemoCases(store::Store& store, const Clock& clock,
                                        const std::string& reference_prefix, std::int64_t cases,
                                        std::ostream& out) {
  auto calendar = DefaultCalendar();
  if (!calendar) {
    return calendar.error();
  }
  DemoHistoryOptions options;
  options.cases = cases;
  options.now = clock.Now();
  options.reference_prefix = reference_prefix;
  auto totals = SeedDemoHistory(store, *calendar, DefaultCharter(), options, out);
  if (!totals) {
    return totals.error();
  }
  out << "Seeded " << totals->cases << " cases (" << totals->events << " events, "
      << totals->attributes << " answers, " << totals->customers << " new customers) in "
      << std::fixed << std::setprecision(1) << totals->seconds << " s\n";
  return totals;
}

}  // namespace frontdoor::app
