#include "frontdoor/core/case_status.hpp"

#include <string>
#include <utility>

namespace frontdoor {
namespace {

// "A closed case", used to start a refusal.
std::string_view AsSubject(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew: return "A new case";
    case CaseStatus::kAcknowledged: return "An acknowledged case";
    case CaseStatus::kInProgress: return "A case in progress";
    case CaseStatus::kAwaitingCustomer: return "A case awaiting the customer";
    case CaseStatus::kResolved: return "A resolved case";
    case CaseStatus::kClosed: return "A closed case";
    case CaseStatus::kReopened: return "A reopened case";
  }
  return "A case";
}

// "put in progress", completing "... cannot be ".
std::string_view AsChange(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew: return "set back to new";
    case CaseStatus::kAcknowledged: return "acknowledged";
    case CaseStatus::kInProgress: return "put in progress";
    case CaseStatus::kAwaitingCustomer: return "set to await the customer";
    case CaseStatus::kResolved: return "resolved";
    case CaseStatus::kClosed: return "closed";
    case CaseStatus::kReopened: return "reopened";
  }
  return "changed";
}

// "already closed", completing "The case is ".
std::string_view AsState(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew: return "new";
    case CaseStatus::kAcknowledged: return "acknowledged";
    case CaseStatus::kInProgress: return "in progress";
    case CaseStatus::kAwaitingCustomer: return "awaiting the customer";
    case CaseStatus::kResolved: return "resolved";
    case CaseStatus::kClosed: return "closed";
    case CaseStatus::kReopened: return "reopened";
  }
  return "unchanged";
}

}  // namespace

std::string_view CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew: return "new";
    case CaseStatus::kAcknowledged: return "acknowledged";
    case CaseStatus::kInProgress: return "in_progress";
    case CaseStatus::kAwaitingCustomer: return "awaiting_customer";
    case CaseStatus::kResolved: return "resolved";
    case CaseStatus::kClosed: return "closed";
    case CaseStatus::kReopened: return "reopened";
  }
  return "unknown";
}

Result<CaseStatus> ParseCaseStatus(std::string_view text) {
  for (const CaseStatus status :
       {CaseStatus::kNew, CaseStatus::kAcknowledged, CaseStatus::kInProgress,
        CaseStatus::kAwaitingCustomer, CaseStatus::kResolved, CaseStatus::kClosed,
        CaseStatus::kReopened}) {
    if (text == CaseStatusName(status)) {
      return status;
    }
  }
  return Error::Invalid("status",
                        "Choose a status: new, acknowledged, in_progress, awaiting_customer, "
                        "resolved, closed or reopened");
}

// The lifecycle table in case_status.hpp, one row per `from`. No default, so a new status
// fails the build (-Wswitch) until its row is written.
bool CanTransition(CaseStatus from, CaseStatus to) {
  using S = CaseStatus;
  switch (from) {
    case S::kNew:
      return to == S::kAcknowledged || to == S::kInProgress || to == S::kAwaitingCustomer ||
             to == S::kResolved || to == S::kClosed;
    case S::kAcknowledged:
    case S::kReopened:
      return to == S::kInProgress || to == S::kAwaitingCustomer || to == S::kResolved ||
             to == S::kClosed;
    case S::kInProgress:
      return to == S::kAwaitingCustomer || to == S::kResolved || to == S::kClosed;
    case S::kAwaitingCustomer:
      return to == S::kInProgress || to == S::kResolved || to == S::kClosed;
    case S::kResolved: return to == S::kClosed || to == S::kReopened;
    case S::kClosed: return to == S::kReopened;
  }
  return false;
}

Result<void> CheckTransition(CaseStatus from, CaseStatus to) {
  if (CanTransition(from, to)) {
    return {};
  }
  if (from == to) {
    return Error(ErrorCode::kConflict, "The case is already " + std::string(AsState(to)));
  }
  std::string message = std::string(AsSubject(from)) + " cannot be " + std::string(AsChange(to));
  if (to == CaseStatus::kReopened) {
    message += "; only a resolved or closed case can";
  } else if (!IsOpen(from) && CanTransition(CaseStatus::kReopened, to)) {
    message += "; reopen it first";
  }
  return Error(ErrorCode::kConflict, std::move(message));
}

bool IsOpen(CaseStatus status) {
  return status != CaseStatus::kResolved && status != CaseStatus::kClosed;
}

bool PausesSla(CaseStatus status) {
  return status == CaseStatus::kAwaitingCustomer;
}

std::string_view Open311Status(CaseStatus status) {
  return IsOpen(status) ? "open" : "closed";
}

}  // namespace frontdoor
