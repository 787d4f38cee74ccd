// What the live charter costs: taking the snapshot on every create (one atomic load of a
// shared pointer and its release), the periodic version check when nothing changed (one row
// read on SQLite), and a rebuild after a change (the stored charter read and the default
// calendar's tables built again). CPU time is the figure to read on a shared machine.
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include <benchmark/benchmark.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"
#include "frontdoor/usecase/charter.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::usecase {
namespace {

using std::chrono::hours;

CalendarSpec Council(int closes) {
  return {"council", "Council", "Europe/London",
          charter::WeeklyHours::MondayToFriday(hours(9), hours(closes)), true};
}

struct Database {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<LiveCharter> live;
  SystemClock clock;

  Database() {
    dir = std::filesystem::temp_directory_path() /
          ("fd-live-charter-bench-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir);
    auto opened = store::sqlite::OpenSqliteStore({.path = (dir / "bench.db").string()}, clock);
    if (!opened || !(*opened)->Migrate()) {
      throw std::runtime_error("cannot open the benchmark database");
    }
    store = std::move(*opened);
    if (!CreateCalendar(*store, clock, Council(17)) ||
        !AddRuleHolidays(*store, "council", 2020, 2030)) {
      throw std::runtime_error("cannot store the calendar");
    }
    auto opened_live = LiveCharter::Open(*store, LoadCharterSnapshot);
    if (!opened_live) {
      throw std::runtime_error("cannot load the charter");
    }
    live = std::move(*opened_live);
  }
  ~Database() {
    live.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
};

Database& Shared() {
  static Database database;
  return database;
}

void BM_TakeTheSnapshot(benchmark::State& state) {
  LiveCharter& live = *Shared().live;
  for (auto _ : state) {
    auto snapshot = live.Current();
    benchmark::DoNotOptimize(snapshot.get());
  }
}
BENCHMARK(BM_TakeTheSnapshot)->ThreadRange(1, 4);

void BM_CheckAnUnchangedVersion(benchmark::State& state) {
  LiveCharter& live = *Shared().live;
  for (auto _ : state) {
    auto refreshed = live.Refresh();
    if (!refreshed || *refreshed) {
      state.SkipWithError("the version moved");
    }
  }
}
BENCHMARK(BM_CheckAnUnchangedVersion);

void BM_RebuildAfterAChange(benchmark::State& state) {
  Database& db = Shared();
  int closes = 17;
  for (auto _ : state) {
    state.PauseTiming();
    closes = closes == 17 ? 16 : 17;
    if (!UpdateCalendar(*db.store, db.clock, Council(closes))) {
      state.SkipWithError("cannot change the calendar");
    }
    state.ResumeTiming();
    auto refreshed = db.live->Refresh();
    if (!refreshed || !*refreshed) {
      state.SkipWithError("not rebuilt");
    }
  }
}
BENCHMARK(BM_RebuildAfterAChange)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace frontdoor::usecase
