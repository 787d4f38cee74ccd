#include "frontdoor/core/access.hpp"

#include <algorithm>

namespace frontdoor::access {
namespace {

// How far a role reaches for one action.
enum class Reach { kNone, kOwn, kAny };

// The rows of access.hpp for people below admin. No default: a new action fails the build
// (-Wswitch) until its row is decided here.
Reach StaffReach(Role role, Action action) {
  const bool is_officer = role == Role::kOfficer || role == Role::kManager;
  switch (action) {
    case Action::kReadCase:
    case Action::kRaiseCase:
    case Action::kReadCustomer:
    case Action::kChangeCustomer:
    case Action::kLogContact:
    case Action::kReadCatalogue: return Reach::kAny;
    // A contact centre agent takes notes on anyone's case while on the phone, but only the
    // department that owns a case moves it on or closes it.
    case Action::kNoteCase: return is_officer ? Reach::kOwn : Reach::kAny;
    case Action::kChangeCase: return Reach::kOwn;
    case Action::kAssignCase: return is_officer ? Reach::kOwn : Reach::kNone;
    // Restricted records (people at risk) and merges, which rewrite history, are for those
    // who answer for them.
    case Action::kReadRestrictedCustomer:
    case Action::kMergeCustomers: return role == Role::kManager ? Reach::kAny : Reach::kNone;
    // Managers own what their services tell the public, so they keep its articles true.
    case Action::kManageKnowledge: return role == Role::kManager ? Reach::kAny : Reach::kNone;
    case Action::kManageCatalogue:
    case Action::kManageCharter:
    case Action::kManageUsers: return Reach::kNone;
  }
  return Reach::kNone;
}

Reach ReachOf(Role role, Action action) {
  switch (role) {
    case Role::kAdmin: return Reach::kAny;
    // An integration acts for the council as a whole, but it is no person: it never opens
    // restricted records or manages who signs in.
    case Role::kStaffKey:
      return action == Action::kReadRestrictedCustomer || action == Action::kManageUsers
                 ? Reach::kNone
                 : Reach::kAny;
    case Role::kOpen311Key: return Reach::kNone;
    case Role::kAgent:
    case Role::kOfficer:
    case Role::kManager: return StaffReach(role, action);
  }
  return Reach::kNone;
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAgent: return "agent";
    case Role::kOfficer: return "officer";
    case Role::kManager: return "manager";
    case Role::kAdmin: return "admin";
    case Role::kStaffKey: return "staff_key";
    case Role::kOpen311Key: return "open311_key";
  }
  return "unknown";
}

std::optional<Role> ParseStaffRole(std::string_view name) {
  for (const Role role : {Role::kAgent, Role::kOfficer, Role::kManager, Role::kAdmin}) {
    if (RoleName(role) == name) {
      return role;
    }
  }
  return std::nullopt;
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kReadCase: return "read case";
    case Action::kRaiseCase: return "raise case";
    case Action::kNoteCase: return "note case";
    case Action::kChangeCase: return "change case";
    case Action::kAssignCase: return "assign case";
    case Action::kReadCustomer: return "read customer";
    case Action::kChangeCustomer: return "change customer";
    case Action::kReadRestrictedCustomer: return "read restricted customer";
    case Action::kMergeCustomers: return "merge customers";
    case Action::kLogContact: return "log contact";
    case Action::kReadCatalogue: return "read catalogue";
    case Action::kManageCatalogue: return "manage catalogue";
    case Action::kManageCharter: return "manage charter";
    case Action::kManageKnowledge: return "manage knowledge";
    case Action::kManageUsers: return "manage users";
  }
  return "unknown";
}

bool IsCaseScoped(Action action) {
  return action == Action::kNoteCase || action == Action::kChangeCase ||
         action == Action::kAssignCase;
}

bool Allows(const Principal& principal, Action action,
            const std::optional<std::string>& department) {
  switch (ReachOf(principal.role, action)) {
    case Reach::kNone: return false;
    case Reach::kAny: return true;
    case Reach::kOwn:
      return department.has_value() &&
             std::find(principal.departments.begin(), principal.departments.end(), *department) !=
                 principal.departments.end();
  }
  return false;
}

}  // namespace frontdoor::access
