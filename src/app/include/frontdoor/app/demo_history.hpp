// Synthetic case history for demos and load tests (`frontdoor seed --demo --cases N`): N
// cases over the two years before `now`, in time order, with the shape of a council's
// demand: seasons by service, bank-holiday and Christmas peaks for bin collections, busy
// Mondays and quiet weekends, office hours for the phone and evenings on the web, a channel
// mix of about 45% web, 35% phone, 12% email and 5% face to face, repeat customers, places
// around Belfast's wards, charter due dates, and a lifecycle per case cut at `now` (old cases
// closed or resolved, recent ones in every state). Deterministic: the same options, catalogue
// and calendar give the same history. A generator is used by one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/bulk.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::app {

struct DemoHistoryOptions {
  std::int64_t cases = 0;
  Instant now;                         // the history ends here
  std::uint64_t seed = 0x5EEDBCC2026;  // the same seed gives the same history
  std::string reference_prefix = "BCC";
  std::int64_t batch_cases = 20'000;  // cases per unit of work
};

// What the generator needs from the stored catalogue and staff.
struct DemoHistoryCatalogue {
  std::vector<store::ServiceRecord> services;  // signposts and inactive ones are skipped
  std::vector<std::int64_t> agent_ids;         // staff who key in calls and mail; none: "system"
  std::vector<std::int64_t> officer_ids;       // staff cases are assigned to; none: no assignment
  // Team ids by code: the cleansing area teams, for routing by ward.
  std::map<std::string, std::int64_t> team_ids;
  // Last reference number used per year, so that a second seed continues the sequences.
  std::map<int, std::int64_t> sequences;
};

// One unit of work: the customers first seen in it, then its cases. A case's customer_id
// holds the customer's index in the whole history (0 = the first customer of the first
// batch), not a database id: the loader maps indexes to the ids it is given.
struct DemoBatch {
  std::vector<store::CustomerRecord> new_customers;
  std::int64_t first_customer_index = 0;  // index of new_customers[0]
  std::vector<store::BulkCase> cases;
};

class DemoHistoryGenerator {
 public:
  // kInvalidInput on "cases" (negative) or "services" (no council service to use).
  static Result<DemoHistoryGenerator> Create(DemoHistoryOptions options,
                                             DemoHistoryCatalogue catalogue,
                                             const charter::WorkingCalendar& calendar,
                                             std::vector<charter::Standard> standards);
  DemoHistoryGenerator(DemoHistoryGenerator&&) noexcept;
  DemoHistoryGenerator& operator=(DemoHistoryGenerator&&) noexcept;
  ~DemoHistoryGenerator();

  // The next batch of at most options.batch_cases cases; false (and an empty batch) at the end.
  bool Next(DemoBatch& batch);

  // The last reference number used in each year so far.
  [[nodiscard]] const std::map<int, std::int64_t>& sequences() const;

  struct State;

 private:
  explicit DemoHistoryGenerator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

struct DemoHistoryTotals {
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t attributes = 0;
  std::int64_t customers = 0;
  double seconds = 0;
};

// Reads the catalogue and demo staff (seed the catalogue first), generates options.cases
// cases and writes them with the bulk loader, one unit of work per batch, while the next
// batch is generated. Prints progress to `out`. Each run adds cases: their references
// continue each year's sequence, and live cases created later continue after them.
Result<DemoHistoryTotals> SeedDemoHistory(store::Store& store,
                                          const charter::WorkingCalendar& calendar,
                                          const std::vector<charter::Standard>& standards,
                                          const DemoHistoryOptions& options, std::ostream& out);

// `frontdoor seed --demo --cases N`: SeedDemoHistory on the default calendar and charter
// (DefaultCalendar, DefaultCharter) with the history ending at clock.Now(), and a summary
// line (count, elapsed time) on `out`.
Result<DemoHistoryTotals> SeedDemoCases(store::Store& store, const Clock& clock,
                                        const std::string& reference_prefix, std::int64_t cases,
                                        std::ostream& out);

}  // namespace frontdoor::app
