// Speed of the charter engine: a due date is computed for every new case and every SLA
// reading, so a 10-working-day due date must take under a microsecond.
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/holidays.hpp"
#include "frontdoor/charter/iso8601.hpp"

namespace frontdoor::charter {
namespace {

const WorkingCalendar& Council() {
  static const WorkingCalendar calendar = [] {
    auto made = WorkingCalendar::Create(
        "council", "Europe/London",
        WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)),
        HolidayDates(NorthernIrelandHolidays(2020, 2035)));
    if (!made) {
      throw std::logic_error(made.error().message());
    }
    return *made;
  }();
  return calendar;
}

// 1,024 receipt instants spread over 2025-2027 at odd minutes, so the searches do not all hit
// the same cache lines.
std::vector<Instant> Receipts() {
  std::vector<Instant> receipts;
  receipts.reserve(1024);
  const Instant first = *ParseIso8601("2025-01-01T00:00:00Z");
  for (int i = 0; i < 1024; ++i) {
    receipts.push_back(first + std::chrono::minutes(1543 * i));
  }
  return receipts;
}

void BM_AddTenWorkingDays(benchmark::State& state) {
  const auto& calendar = Council();
  const auto receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto due = calendar.AddWorkingDays(receipts[i++ & 1023], 10);
    benchmark::DoNotOptimize(due);
  }
}
BENCHMARK(BM_AddTenWorkingDays);

void BM_AddWorkingHours(benchmark::State& state) {
  const auto& calendar = Council();
  const auto receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto due = calendar.AddWorkingHours(receipts[i++ & 1023], std::chrono::hours(20));
    benchmark::DoNotOptimize(due);
  }
}
BENCHMARK(BM_AddWorkingHours);

void BM_CreateCalendar(benchmark::State& state) {
  const auto closed = HolidayDates(NorthernIrelandHolidays(2020, 2035));
  for (auto _ : state) {
    auto made = WorkingCalendar::Create(
        "council", "Europe/London",
        WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), closed);
    benchmark::DoNotOptimize(made);
  }
}
BENCHMARK(BM_CreateCalendar)->Unit(benchmark::kMillisecond);

void BM_ParseIso8601(benchmark::State& state) {
  const std::string text = "2026-07-14T17:00:00.123456+01:00";
  for (auto _ : state) {
    auto parsed = ParseIso8601(text, "received");
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_ParseIso8601);

void BM_FormatIso8601(benchmark::State& state) {
  const auto* zone = Council().zone();
  const auto receipts = Receipts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto text = FormatIso8601(receipts[i++ & 1023], zone);
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_FormatIso8601);

}  // namespace
}  // namespace frontdoor::charter
