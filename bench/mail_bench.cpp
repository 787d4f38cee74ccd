// Speed of the mail gateway: parsing messages of the test corpus (GMime, charsets, HTML to
// text), and taking new messages in end to end on SQLite (claim, case with customer match,
// completion, contact log: each a durable commit), which is what `frontdoor mailgate` does
// per message after starting up. Counters are messages per second.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/mail/intake.hpp"
#include "frontdoor/mail/message.hpp"
#include "frontdoor/store/sqlite/sqlite_store.hpp"
#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::mail {
namespace {

std::string Corpus(const std::string& name) {
  std::ifstream file(std::string(FRONTDOOR_TEST_DATA_DIR) + "/mail/" + name, std::ios::binary);
  if (!file) {
    throw std::runtime_error("missing corpus file " + name);
  }
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

void BM_ParseMessage(benchmark::State& state, const char* name) {
  const std::string raw = Corpus(name);
  for (auto _ : state) {
    auto message = ParseMessage(raw);
    benchmark::DoNotOptimize(message);
  }
  state.counters["msgs_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(raw.size()));
}
BENCHMARK_CAPTURE(BM_ParseMessage, gmail_alternative, "gmail_new_report.eml");
BENCHMARK_CAPTURE(BM_ParseMessage, outlook_related_latin1, "outlook_related_latin1.eml");
BENCHMARK_CAPTURE(BM_ParseMessage, html_only, "html_only.eml");
BENCHMARK_CAPTURE(BM_ParseMessage, forwarded_as_attachment, "forwarded_as_attachment.eml");

struct Gateway {
  std::filesystem::path dir;
  SystemClock clock;
  std::unique_ptr<store::Store> store;
  charter::WorkingCalendar calendar =
      charter::WorkingCalendar::Create(
          "bench",
          charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), {})
          .value();
  std::vector<charter::Standard> standards;
  std::unique_ptr<usecase::CaseContext> ctx;

  Gateway() {
    if (!usecase::InitialiseSecrets()) {
      throw std::runtime_error("libsodium");
    }
    dir = std::filesystem::temp_directory_path() /
          ("fd-mail-bench-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir);
    auto opened = store::sqlite::OpenSqliteStore({.path = (dir / "bench.db").string()}, clock);
    if (!opened || !(*opened)->Migrate()) {
      throw std::runtime_error("cannot open the benchmark database");
    }
    store = std::move(*opened);
    usecase::ServiceInput triage;
    triage.code = "general-enquiry";
    triage.name = "General enquiry";
    if (!usecase::CreateService(*store, clock, triage)) {
      throw std::runtime_error("cannot create the triage service");
    }
    ctx = std::make_unique<usecase::CaseContext>(
        usecase::CaseContext{*store, clock, "BCC", calendar, standards});
  }
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;
  ~Gateway() {
    store.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// Each iteration is a new message (its own Message-ID) from one of 100 senders, so customer
// matching finds people again as it would in a council's inbox.
void BM_TakeInNewMessage(benchmark::State& state) {
  Gateway gateway;
  const std::string raw = Corpus("gmail_new_report.eml");
  const std::string id_header = "Message-ID: <";
  const auto id_at = raw.find(id_header) + id_header.size();
  const std::string from_header = "<Sean.ONeill.BT6@";
  const auto from_at = raw.find(from_header) + 1;
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    // The later position first, so the earlier one still points where it did.
    std::string message = raw;
    const auto [later, earlier] = std::minmax(from_at, id_at, std::greater<>());
    const std::string sender = "x" + std::to_string(n % 100) + ".";
    const std::string id = "bench" + std::to_string(n) + ".";
    message.insert(later, later == id_at ? id : sender);
    message.insert(earlier, earlier == id_at ? id : sender);
    ++n;
    state.ResumeTiming();
    auto taken = TakeInEmail(*gateway.ctx, IntakeOptions{}, message);
    if (!taken || taken->outcome != IntakeOutcome::kCaseRaised) {
      state.SkipWithError("intake failed");
      break;
    }
  }
  state.counters["msgs_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TakeInNewMessage)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace frontdoor::mail
