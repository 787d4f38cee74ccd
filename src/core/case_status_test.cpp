#include "frontdoor/core/case_status.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

using S = CaseStatus;

constexpr std::array<CaseStatus, 7> kAll = {
    S::kNew,      S::kAcknowledged, S::kInProgress, S::kAwaitingCustomer,
    S::kResolved, S::kClosed,       S::kReopened};

// The lifecycle table of case_status.hpp, written out again so that the code is checked
// against the documentation: kAllowed[from][to], in kAll order
// (new, ack, in_progress, awaiting, resolved, closed, reopened).
constexpr std::array<std::array<bool, 7>, 7> kAllowed = {{
    {false, true, true, true, true, true, false},      // new
    {false, false, true, true, true, true, false},     // acknowledged
    {false, false, false, true, true, true, false},    // in_progress
    {false, false, true, false, true, true, false},    // awaiting_customer
    {false, false, false, false, false, true, true},   // resolved
    {false, false, false, false, false, false, true},  // closed
    {false, false, true, true, true, true, false},     // reopened
}};

void ExpectPairFollowsTable(std::size_t f, std::size_t t) {
  const std::string pair =
      std::string(CaseStatusName(kAll[f])) + " -> " + std::string(CaseStatusName(kAll[t]));
  EXPECT_EQ(CanTransition(kAll[f], kAll[t]), kAllowed[f][t]) << pair;
  const auto checked = CheckTransition(kAll[f], kAll[t]);
  EXPECT_EQ(static_cast<bool>(checked), kAllowed[f][t]) << pair;
  if (!checked) {
    EXPECT_EQ(checked.error().code(), ErrorCode::kConflict) << pair;
    EXPECT_FALSE(checked.error().message().empty()) << pair;
  }
}

TEST(CaseStatusTest, EveryPairFollowsTheLifecycleTable) {
  int pairs = 0;
  for (std::size_t f = 0; f < kAll.size(); ++f) {
    for (std::size_t t = 0; t < kAll.size(); ++t) {
      ExpectPairFollowsTable(f, t);
      ++pairs;
    }
  }
  EXPECT_EQ(pairs, 49);
}

TEST(CaseStatusTest, NoStatusMovesToItselfOrBackToNew) {
  for (const CaseStatus s : kAll) {
    EXPECT_FALSE(CanTransition(s, s)) << CaseStatusName(s);
    EXPECT_FALSE(CanTransition(s, S::kNew)) << CaseStatusName(s);
  }
}

TEST(CaseStatusTest, RefusalSaysWhatToDoInstead) {
  struct Case {
    CaseStatus from;
    CaseStatus to;
    const char* message;
  };
  const std::vector<Case> cases = {
      {S::kClosed, S::kInProgress, "A closed case cannot be put in progress; reopen it first"},
      {S::kResolved, S::kAwaitingCustomer,
       "A resolved case cannot be set to await the customer; reopen it first"},
      {S::kClosed, S::kClosed, "The case is already closed"},
      {S::kInProgress, S::kNew, "A case in progress cannot be set back to new"},
      {S::kInProgress, S::kReopened,
       "A case in progress cannot be reopened; only a resolved or closed case can"},
      {S::kReopened, S::kAcknowledged, "A reopened case cannot be acknowledged"},
  };
  for (const auto& c : cases) {
    const auto checked = CheckTransition(c.from, c.to);
    ASSERT_FALSE(checked) << c.message;
    EXPECT_EQ(checked.error().message(), c.message);
  }
}

TEST(CaseStatusTest, NamesRoundTrip) {
  for (const CaseStatus s : kAll) {
    const auto parsed = ParseCaseStatus(CaseStatusName(s));
    ASSERT_TRUE(parsed) << CaseStatusName(s);
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(CaseStatusName(S::kAwaitingCustomer), "awaiting_customer");
  EXPECT_EQ(CaseStatusName(S::kInProgress), "in_progress");
}

TEST(CaseStatusTest, UnknownNameIsInvalidInputOnStatus) {
  for (const char* text : {"", "open", "In_Progress", "in progress", "closed "}) {
    const auto parsed = ParseCaseStatus(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
    ASSERT_EQ(parsed.error().field_errors().size(), 1U);
    EXPECT_EQ(parsed.error().field_errors()[0].field, "status");
  }
}

TEST(CaseStatusTest, OpenMeansNotResolvedOrClosed) {
  for (const CaseStatus s : kAll) {
    const bool finished = s == S::kResolved || s == S::kClosed;
    EXPECT_EQ(IsOpen(s), !finished) << CaseStatusName(s);
    EXPECT_EQ(Open311Status(s), finished ? "closed" : "open") << CaseStatusName(s);
  }
}

TEST(CaseStatusTest, OnlyAwaitingTheCustomerPausesTheSla) {
  for (const CaseStatus s : kAll) {
    EXPECT_EQ(PausesSla(s), s == S::kAwaitingCustomer) << CaseStatusName(s);
  }
}

}  // namespace
}  // namespace frontdoor
