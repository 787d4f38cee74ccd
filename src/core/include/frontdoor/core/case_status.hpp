// The lifecycle of a case: its statuses, their stable names, which transitions are allowed,
// and how a status shows in Open311. Pure and stateless, so thread-safe.
//
// Allowed transitions (from row to column; no status moves to itself, nothing returns to new):
//
//   from \ to          ack  in_progress  awaiting  resolved  closed  reopened
//   new                 x       x           x         x        x
//   acknowledged                x           x         x        x
//   in_progress                             x         x        x
//   awaiting_customer           x                     x        x
//   resolved                                                   x        x
//   closed                                                              x
//   reopened                    x           x         x        x
//
// new -> closed covers a duplicate or a signposted contact. A resolved or closed case must be
// reopened before any further work.
#pragma once

#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

enum class CaseStatus {
  kNew,
  kAcknowledged,
  kInProgress,
  kAwaitingCustomer,
  kResolved,
  kClosed,
  kReopened,
};

// Stable lower-case names, stored in the database and shown in APIs: "new", "acknowledged",
// "in_progress", "awaiting_customer", "resolved", "closed", "reopened".
[[nodiscard]] std::string_view CaseStatusName(CaseStatus status);

// The status named `text`, exactly as CaseStatusName writes it (case-sensitive). kInvalidInput
// on field "status" otherwise.
[[nodiscard]] Result<CaseStatus> ParseCaseStatus(std::string_view text);

// True when the table above allows `from` -> `to`.
[[nodiscard]] bool CanTransition(CaseStatus from, CaseStatus to);

// Success when CanTransition(from, to); otherwise kConflict with a sentence for a person,
// e.g. "A closed case cannot be put in progress; reopen it first".
[[nodiscard]] Result<void> CheckTransition(CaseStatus from, CaseStatus to);

// True unless the case is resolved or closed (a reopened case is open again).
[[nodiscard]] bool IsOpen(CaseStatus status);

// True while the charter SLA clock stops: only when awaiting the customer.
[[nodiscard]] bool PausesSla(CaseStatus status);

// The Open311 GeoReport v2 status: "open" when IsOpen, otherwise "closed".
[[nodiscard]] std::string_view Open311Status(CaseStatus status);

}  // namespace frontdoor
