#include "frontdoor/core/access.hpp"

#include <array>
#include <cstddef>
#include <string>

#include <gtest/gtest.h>

namespace frontdoor::access {
namespace {

using A = Action;
using R = Role;

constexpr std::array kRoles{R::kAgent, R::kOfficer,  R::kManager,
                            R::kAdmin, R::kStaffKey, R::kOpen311Key};

// How far each role reaches, written out again from the table in access.hpp so that the code
// is checked against the documentation. '-' refused, 'o' own department, 'a' any.
struct Row {
  Action action;
  std::array<char, 6> reach;  // agent officer manager admin staff_key open311_key
};

constexpr std::array kMatrix{
    Row{A::kReadCase, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kRaiseCase, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kNoteCase, {'a', 'o', 'o', 'a', 'a', '-'}},
    Row{A::kChangeCase, {'o', 'o', 'o', 'a', 'a', '-'}},
    Row{A::kAssignCase, {'-', 'o', 'o', 'a', 'a', '-'}},
    Row{A::kReadCustomer, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kChangeCustomer, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kReadRestrictedCustomer, {'-', '-', 'a', 'a', '-', '-'}},
    Row{A::kMergeCustomers, {'-', '-', 'a', 'a', 'a', '-'}},
    Row{A::kLogContact, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kReadCatalogue, {'a', 'a', 'a', 'a', 'a', '-'}},
    Row{A::kManageCatalogue, {'-', '-', '-', 'a', 'a', '-'}},
    Row{A::kManageCharter, {'-', '-', '-', 'a', 'a', '-'}},
    Row{A::kManageKnowledge, {'-', '-', 'a', 'a', 'a', '-'}},
    Row{A::kManageUsers, {'-', '-', '-', 'a', '-', '-'}},
};

Principal Of(Role role) {
  return Principal{"staff:1", role, {"CNS"}, std::nullopt};
}

TEST(AccessTest, EveryRoleAndActionFollowsTheDocumentedMatrix) {
  for (const Row& row : kMatrix) {
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
      const Principal who = Of(kRoles[i]);
      const std::string what =
          std::string(RoleName(kRoles[i])) + " / " + std::string(ActionName(row.action));
      const char reach = row.reach.at(i);
      EXPECT_EQ(Allows(who, row.action, std::string("CNS")), reach != '-') << what << " own";
      EXPECT_EQ(Allows(who, row.action, std::string("PE")), reach == 'a') << what << " other";
      EXPECT_EQ(Allows(who, row.action, std::nullopt), reach == 'a') << what << " none";
    }
  }
}

TEST(AccessTest, TheMatrixCoversEveryAction) {
  EXPECT_EQ(kMatrix.size(), static_cast<std::size_t>(A::kManageUsers) + 1);
  for (std::size_t i = 0; i < kMatrix.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(kMatrix.at(i).action), i);
  }
}

TEST(AccessTest, AnAgentCannotCloseAnotherDepartmentsCaseButMayNoteIt) {
  const Principal agent{"staff:7", R::kAgent, {"FR"}, std::nullopt};
  EXPECT_FALSE(Allows(agent, A::kChangeCase, std::string("CNS")));
  EXPECT_TRUE(Allows(agent, A::kNoteCase, std::string("CNS")));
  EXPECT_TRUE(Allows(agent, A::kChangeCase, std::string("FR")));
}

TEST(AccessTest, AnOfficerActsInEachOfTheirDepartmentsOnly) {
  const Principal officer{"staff:2", R::kOfficer, {"CNS", "RF"}, std::nullopt};
  EXPECT_TRUE(Allows(officer, A::kAssignCase, std::string("CNS")));
  EXPECT_TRUE(Allows(officer, A::kAssignCase, std::string("RF")));
  EXPECT_FALSE(Allows(officer, A::kAssignCase, std::string("PE")));
  // Department codes are compared exactly: a case of "cns" is not a case of "CNS".
  EXPECT_FALSE(Allows(officer, A::kAssignCase, std::string("cns")));
}

TEST(AccessTest, AStaffMemberWithoutADepartmentHasNoOwnCases) {
  const Principal officer{"staff:3", R::kOfficer, {}, std::nullopt};
  EXPECT_FALSE(Allows(officer, A::kChangeCase, std::string("CNS")));
  EXPECT_FALSE(Allows(officer, A::kChangeCase, std::nullopt));
  EXPECT_TRUE(Allows(officer, A::kReadCase));
}

TEST(AccessTest, StaffRolesParseByTheirStoredNamesOnly) {
  EXPECT_EQ(ParseStaffRole("agent"), R::kAgent);
  EXPECT_EQ(ParseStaffRole("officer"), R::kOfficer);
  EXPECT_EQ(ParseStaffRole("manager"), R::kManager);
  EXPECT_EQ(ParseStaffRole("admin"), R::kAdmin);
  EXPECT_EQ(ParseStaffRole("Admin"), std::nullopt);
  EXPECT_EQ(ParseStaffRole("staff_key"), std::nullopt);
  EXPECT_EQ(ParseStaffRole(""), std::nullopt);
}

TEST(AccessTest, OnlyCaseActionsAreDecidedPerCase) {
  EXPECT_TRUE(IsCaseScoped(A::kNoteCase));
  EXPECT_TRUE(IsCaseScoped(A::kChangeCase));
  EXPECT_TRUE(IsCaseScoped(A::kAssignCase));
  EXPECT_FALSE(IsCaseScoped(A::kReadCase));
  EXPECT_FALSE(IsCaseScoped(A::kManageUsers));
}

}  // namespace
}  // namespace frontdoor::access
