// What the suites that raise cases share: a migrated store on the backend under test with
// the case context the use cases and routes take (Monday 2 March 2026 10:00 UTC, 9:00-17:00
// weekdays, no charter standards, references BCC-...), and the catalogue and people those
// suites set up again and again.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/cases.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {

inline constexpr std::int64_t kMondayMorning = 1'772'445'600'000'000;  // 2026-03-02T10:00:00Z
inline constexpr std::string_view kStaffPassword = "a long demo password";

// 9:00 to 17:00, Monday to Friday, no holidays.
charter::WorkingCalendar NineToFive();

// SVC-CLEANSE, "Street cleansing": resolve within 5 working days, 90% of the time.
charter::Standard StreetCleansingStandard();

// Fixture base: SetUp opens the store and the case context; a suite that needs more calls
// CaseStoreTest::SetUp() first from its own.
class CaseStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  // How routes should run their reads on this backend.
  [[nodiscard]] http::Execution Reads() const;

  ManualClock clock_{FromUnixMicros(kMondayMorning)};
  charter::WorkingCalendar calendar_ = NineToFive();
  std::vector<charter::Standard> standards_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<usecase::CaseContext> ctx_;
};

// Fixture base for use-case unit tests: secrets initialised and a migrated SQLite store in a
// temporary directory, on a clock at 2026-01-01T00:00:00Z.
class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override;

  ManualClock clock_{FromUnixMicros(1'767'225'600'000'000)};
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
};

// Two departments, each with a team and a service: CNS (team "bins", service BIN "Missed
// bin") and PE (team "licensing", service LIC "Licence enquiry").
void AddTwoDepartments(store::Store& store, const Clock& clock);

// A new API key of that scope ("staff" or "open311"); its secret.
std::string NewApiKey(store::Store& store, const Clock& clock, const std::string& name,
                      const std::string& scope = "staff");

// A staff user "<role>@council.example" with that role, in the department (nullopt: none),
// whose password is kStaffPassword; its display name is `name`, or "Pat <role>".
void AddStaffMember(store::Store& store, const Clock& clock, const std::string& role,
                    const std::optional<std::string>& department,
                    const std::optional<std::string>& name = std::nullopt);

}  // namespace frontdoor::testing
