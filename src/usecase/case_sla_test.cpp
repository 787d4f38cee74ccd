#include "case_sla.hpp"

#include <gtest/gtest.h>

namespace frontdoor::usecase {
namespace {

using charter::Measure;
using charter::Standard;
using charter::TargetUnit;

Standard Make(const char* code, Measure measure, std::optional<std::string> channel,
              std::optional<std::string> case_type, std::optional<std::string> service) {
  return {code,
          code,
          measure,
          std::move(channel),
          std::move(case_type),
          std::move(service),
          {TargetUnit::kWorkingDays, 1},
          90};
}

std::vector<std::string> Codes(const std::vector<const Standard*>& chosen) {
  std::vector<std::string> codes;
  for (const Standard* standard : chosen) {
    codes.push_back(standard->code);
  }
  return codes;
}

const std::vector<Standard> kCharter = {
    Make("ACK", Measure::kAcknowledge, std::nullopt, std::nullopt, std::nullopt),
    Make("ACK-PHONE", Measure::kAcknowledge, "phone", std::nullopt, std::nullopt),
    Make("RESP", Measure::kResolve, std::nullopt, std::nullopt, std::nullopt),
    Make("CLEANSE", Measure::kResolve, std::nullopt, "request", std::nullopt),
    Make("FLY", Measure::kResolve, std::nullopt, "request", "FLY"),
    Make("S1", Measure::kComplaintStage1, std::nullopt, "complaint", std::nullopt),
    Make("S2", Measure::kComplaintStage2, std::nullopt, "complaint", std::nullopt),
    Make("CALLS", Measure::kAnswerCall, "phone", std::nullopt, std::nullopt),
    Make("VISITS", Measure::kSeeVisitor, std::nullopt, std::nullopt, std::nullopt),
};

TEST(ApplicableStandardsTest, MostSpecificInScopeWinsPerMeasure) {
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "web", "request", "BIN", std::nullopt)),
            (std::vector<std::string>{"ACK", "CLEANSE"}));
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "phone", "request", "FLY", std::nullopt)),
            (std::vector<std::string>{"ACK-PHONE", "FLY"}));
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "web", "enquiry", "INFO", std::nullopt)),
            (std::vector<std::string>{"ACK", "RESP"}));
}

TEST(ApplicableStandardsTest, ComplaintsStartStageOneNotStageTwo) {
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "email", "complaint", "COMPLAIN", std::nullopt)),
            (std::vector<std::string>{"ACK", "RESP", "S1"}));
}

TEST(ApplicableStandardsTest, TheServicesOwnStandardWinsForItsMeasure) {
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "web", "request", "FLY", std::string("RESP"))),
            (std::vector<std::string>{"ACK", "RESP"}));
  // A code that names nothing, or a call measure, changes nothing.
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "web", "request", "BIN", std::string("NONE"))),
            (std::vector<std::string>{"ACK", "CLEANSE"}));
  EXPECT_EQ(Codes(ApplicableStandards(kCharter, "web", "request", "BIN", std::string("CALLS"))),
            (std::vector<std::string>{"ACK", "CLEANSE"}));
}

TEST(ApplicableStandardsTest, CallsAndVisitsNeverStartWithACase) {
  EXPECT_TRUE(ApplicableStandards({kCharter[7], kCharter[8]}, "phone", "request", "FLY",
                                  std::string("CALLS"))
                  .empty());
}

TEST(ApplicableStandardsTest, EqualSpecificityFallsToTheFirstCode) {
  const std::vector<Standard> tied = {
      Make("B-ACK", Measure::kAcknowledge, "web", std::nullopt, std::nullopt),
      Make("A-ACK", Measure::kAcknowledge, std::nullopt, "request", std::nullopt)};
  EXPECT_EQ(Codes(ApplicableStandards(tied, "web", "request", "FLY", std::nullopt)),
            std::vector<std::string>{"A-ACK"});
}

}  // namespace
}  // namespace frontdoor::usecase
