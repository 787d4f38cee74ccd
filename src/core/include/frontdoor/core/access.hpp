// Who may do what: the roles of staff and of API keys, the actions they ask for, and the
// one policy that decides, scoped to departments. Pure and stateless (no store, no HTTP),
// so the staff API and the staff desktop ask the same function. Thread-safe.
//
// The matrix ("any": every department; "own": only cases whose department is one of the
// principal's; "-": refused). A case's department is that of its team, or of its service
// while it has no team; a case with neither is "own" to nobody.
//
//   action                    agent  officer  manager  admin  staff key  open311 key
//   read case                 any    any      any      any    any        -
//   raise case                any    any      any      any    any        -
//   note case (internal)      any    own      own      any    any        -
//   change case (status,      own    own      own      any    any        -
//     public update, link,
//     attachment)
//   assign case               -      own      own      any    any        -
//   read customer             any    any      any      any    any        -
//   change customer           any    any      any      any    any        -
//   read restricted customer  -      -        any      any    -          -
//   merge customers           -      -        any      any    any        -
//   log contact               any    any      any      any    any        -
//   read catalogue            any    any      any      any    any        -
//   manage catalogue          -      -        -        any    any        -
//   manage charter            -      -        -        any    any        -
//   manage knowledge          -      -        any      any    any        -
//   manage users              -      -        -        any    -          -
//
// An Open311 key reaches only the Open311 routes, which do not ask this policy.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdoor::access {

enum class Role { kAgent, kOfficer, kManager, kAdmin, kStaffKey, kOpen311Key };

enum class Action {
  kReadCase,
  kRaiseCase,
  kNoteCase,
  kChangeCase,
  kAssignCase,
  kReadCustomer,
  kChangeCustomer,
  kReadRestrictedCustomer,
  kMergeCustomers,
  kLogContact,
  kReadCatalogue,
  kManageCatalogue,
  kManageCharter,
  kManageKnowledge,  // articles and synonyms
  kManageUsers,
};

// Who is asking. `departments` are department codes; they matter for "own" actions only.
struct Principal {
  std::string actor;  // as recorded in case history: "staff:<id>", "apikey:<name>"
  Role role = Role::kAgent;
  std::vector<std::string> departments;
  std::optional<std::string> name;  // a person's name, for display
};

// Stable lower-case names ("agent", ..., "staff_key", "open311_key").
[[nodiscard]] std::string_view RoleName(Role role);
// A staff user's role by its stored name: agent, officer, manager or admin only.
[[nodiscard]] std::optional<Role> ParseStaffRole(std::string_view name);
[[nodiscard]] std::string_view ActionName(Action action);

// Whether the principal may do `action`. `department` is the department code of the case
// acted on; nullopt for actions that concern no case, or a case without a department.
[[nodiscard]] bool Allows(const Principal& principal, Action action,
                          const std::optional<std::string>& department = std::nullopt);

// Whether the action is decided per case (it needs the case's department).
[[nodiscard]] bool IsCaseScoped(Action action);

}  // namespace frontdoor::access
