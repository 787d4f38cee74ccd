// Speed of matching a contact to an existing customer by email or telephone number, which
// every intake (Open311, web, email, agent) does before raising a case. Goal: p99 under 1 ms
// with 1,000,000 customers on SQLite. The database is built once per run in a temporary
// directory (a minute or so), then each iteration looks one customer up.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/store/customers.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"

namespace frontdoor::store {
namespace {

constexpr int kCustomers = 1'000'000;
constexpr int kBatch = 20'000;

std::string Email(int i) {
  return "resident" + std::to_string(i) + "@example.org";
}

std::string Phone(int i) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%08d", i);
  return std::string("+44289") + digits;
}

struct Database {
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  SystemClock clock;

  Database() {
    dir = std::filesystem::temp_directory_path() /
          ("fd-customer-bench-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir);
    auto opened = sqlite::OpenSqliteStore({.path = (dir / "bench.db").string()}, clock);
    if (!opened || !(*opened)->Migrate()) {
      throw std::runtime_error("cannot open the benchmark database");
    }
    store = std::move(*opened);
    const Instant now = clock.Now();
    for (int start = 0; start < kCustomers; start += kBatch) {
      auto written = store->Write([&](WriteTx& tx) -> Result<void> {
        Customers customers(tx);
        for (int i = start; i < std::min(start + kBatch, kCustomers); ++i) {
          CustomerRecord c;
          c.last_name = "Resident " + std::to_string(i);
          c.email = Email(i);
          c.phone = Phone(i);
          c.created_at = c.updated_at = now;
          if (auto id = customers.Insert(c); !id) {
            return id.error();
          }
        }
        return {};
      });
      if (!written) {
        throw std::runtime_error(written.error().message());
      }
    }
  }
  ~Database() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Database& Shared() {
  static Database database;
  return database;
}

// Times each lookup on its own and reports the median and 99th percentile as counters.
template <class Lookup>
void MeasureLookups(benchmark::State& state, Lookup lookup) {
  Database& db = Shared();
  std::mt19937 random(42);
  std::uniform_int_distribution<int> pick(0, kCustomers - 1);
  std::vector<double> micros;
  micros.reserve(1 << 16);
  for (auto _ : state) {
    const int i = pick(random);
    const auto start = std::chrono::steady_clock::now();
    auto found = ReadValue<std::optional<CustomerRecord>>(
        *db.store, [&](ReadTx& tx) { return lookup(Customers(tx), i); });
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!found || !*found) {
      state.SkipWithError("a seeded customer was not found");
      return;
    }
    micros.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
  }
  std::sort(micros.begin(), micros.end());
  if (!micros.empty()) {
    state.counters["p50_us"] = micros[micros.size() / 2];
    state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  }
}

void BM_MatchCustomerByEmail(benchmark::State& state) {
  MeasureLookups(state, [](Customers customers, int i) {
    return customers.FindByContact(Email(i), std::nullopt);
  });
}
BENCHMARK(BM_MatchCustomerByEmail)->Iterations(20000);

void BM_MatchCustomerByPhone(benchmark::State& state) {
  MeasureLookups(state, [](Customers customers, int i) {
    return customers.FindByContact(std::nullopt, Phone(i));
  });
}
BENCHMARK(BM_MatchCustomerByPhone)->Iterations(20000);

}  // namespace
}  // namespace frontdoor::store
