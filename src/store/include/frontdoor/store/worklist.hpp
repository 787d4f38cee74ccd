// The staff desktop's worklist: open cases ordered by their charter due date, with how their
// SLA clocks stand (at risk, breached), filtered by team, status, service and due state, a
// page at a time. One indexed read; borrows a transaction's session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

enum class DueState { kAny, kOnTrack, kAtRisk, kBreached };

struct WorklistFilter {
  std::optional<std::string> team_code;
  std::optional<std::string> service_code;
  std::vector<CaseStatus> statuses;  // empty: every open status (not resolved or closed)
  DueState due = DueState::kAny;
  int page = 1;  // from 1
  int page_size = 50;
};

struct WorklistRow {
  std::string reference;
  std::string status;
  std::string priority;
  std::string service_code;
  std::string service_name;
  std::string team_name;  // empty when unrouted
  std::optional<std::string> address;
  std::optional<Instant> due_at;  // the case's charter due instant
  Instant created_at;
  bool is_at_risk = false;   // a running clock has turned at risk
  bool is_breached = false;  // a clock has passed its due instant
};

struct WorklistPage {
  std::vector<WorklistRow> rows;
  std::int64_t total = 0;  // rows matching the filter, over every page
};

// Cases with no due date come last; ties by id. kNotFound never: an empty page is a page.
Result<WorklistPage> ReadWorklist(ReadTx& tx, const WorklistFilter& filter);

}  // namespace frontdoor::store
