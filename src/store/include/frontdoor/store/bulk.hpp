// Bulk loading of case history (the demo seed, imports): many customers, cases, answers and
// events written through one unit of work, fast enough for a million cases in under a minute
// on SQLite. Ids are assigned here, in order, so that a caller can refer to the customers it
// has just loaded and so that each case's events keep their order. Not thread-safe: it
// borrows the session of one WriteTx.
//
// Contract with live traffic: on PostgreSQL each call locks the tables it fills against other
// writers (readers go on) until the unit of work commits, and moves the identity sequences
// past the ids it used; on SQLite the single writer already serialises every write.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/store/case_sla.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

// An SLA clock of a loaded case, as the case use cases would have left it.
struct BulkSlaClock {
  CaseSlaRecord sla;  // id and case_id are assigned
  std::vector<SlaPauseRecord> pauses;
};

// One case with everything recorded about it.
struct BulkCase {
  CaseRecord record;                    // id is ignored and assigned; joined fields unused
  Answers attributes;                   // stored with positions 0, 1, ... in this order
  std::vector<CaseEventRecord> events;  // id and case_id are assigned; kept in this order
  std::vector<BulkSlaClock> clocks;
};

struct BulkTotals {
  std::int64_t cases = 0;
  std::int64_t events = 0;
  std::int64_t attributes = 0;
  std::int64_t clocks = 0;
};

class BulkLoader {
 public:
  explicit BulkLoader(WriteTx& tx) : session_(tx.session()) {}

  // Inserts the customers (their id fields are ignored) with consecutive ids and returns the
  // first one: customers[i] gets first + i.
  Result<std::int64_t> InsertCustomers(std::span<const CustomerRecord> customers);

  // Inserts the cases with consecutive ids, then their answers, events and SLA clocks, and
  // adds the clocks to the charter rollup (counted here rather than by the per-row trigger).
  // kConflict when a reference is taken; any error leaves the unit of work to roll back.
  Result<BulkTotals> InsertCases(std::span<const BulkCase> cases);

  // How many cases are stored.
  Result<std::int64_t> CaseCount();

  // For a load that will at least double the tables, on SQLite: drops the secondary
  // indexes of the tables the loader fills (those the migrations create), to be built again by
  // RestoreIndexes with one sort each instead of one B-tree descent per row. Call both in the
  // same unit of work as the load, so that a failure rolls the drop back too. PostgreSQL: does
  // nothing.
  Result<void> SuspendIndexes();
  Result<void> RestoreIndexes();

  // The last number of the (prefix, year) reference sequence, 0 when it has not started.
  Result<std::int64_t> SequenceValue(const std::string& prefix, int year);
  // Raises the (prefix, year) sequence to `last_value` unless it is already higher, so that
  // cases created afterwards continue after the loaded ones.
  Result<void> RaiseSequence(const std::string& prefix, int year, std::int64_t last_value);

 private:
  [[nodiscard]] std::size_t RowsPerStatement() const;
  // The clocks of `cases`, whose first got the id `first_case`; returns how many.
  Result<std::int64_t> InsertClocks(std::span<const BulkCase> cases, std::int64_t first_case);

  SqlSession& session_;
  std::vector<std::string> suspended_;  // CREATE INDEX statements to run again
};

}  // namespace frontdoor::store
