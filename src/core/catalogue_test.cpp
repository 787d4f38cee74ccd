#include "frontdoor/core/catalogue.hpp"

#include <string>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

TEST(CaseTypeTest, NamesRoundTrip) {
  for (const CaseType type :
       {CaseType::kRequest, CaseType::kEnquiry, CaseType::kComplaint, CaseType::kCompliment}) {
    auto parsed = ParseCaseType(CaseTypeName(type));
    ASSERT_TRUE(parsed) << CaseTypeName(type);
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_EQ(CaseTypeName(CaseType::kComplaint), "complaint");
}

TEST(CaseTypeTest, UnknownNameIsAFieldError) {
  auto parsed = ParseCaseType("Request");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(parsed.error().field_errors().size(), 1U);
  EXPECT_EQ(parsed.error().field_errors()[0].field, "case_type");
}

TEST(ChannelTest, EveryChannelRoundTrips) {
  EXPECT_EQ(AllChannels().size(), 7U);
  for (const Channel channel : AllChannels()) {
    auto parsed = ParseChannel(ChannelName(channel));
    ASSERT_TRUE(parsed) << ChannelName(channel);
    EXPECT_EQ(*parsed, channel);
  }
  EXPECT_EQ(ChannelName(Channel::kFaceToFace), "face_to_face");
}

TEST(ChannelTest, RejectsOthers) {
  for (const char* bad : {"", "fax", "WEB", "face to face"}) {
    auto parsed = ParseChannel(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().field_errors()[0].field, "channel");
  }
}

TEST(PriorityTest, NamesRoundTripAndOthersFail) {
  for (const Priority p : {Priority::kLow, Priority::kNormal, Priority::kHigh, Priority::kUrgent}) {
    auto parsed = ParsePriority(PriorityName(p));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, p);
  }
  auto bad = ParsePriority("critical");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors()[0].field, "priority");
}

TEST(ServiceCodeTest, AcceptsOpen311StyleCodes) {
  const std::string longest(32, 'x');
  for (const std::string& good : {std::string("MISSED-BIN"), std::string("fly_tipping"),
                                  std::string("A"), std::string("SVC001"), longest}) {
    EXPECT_TRUE(CheckServiceCode(good)) << good;
  }
}

TEST(ServiceCodeTest, RejectsWhatWouldBreakAUrlOrAnXmlElement) {
  const std::string too_long(33, 'x');
  for (const std::string& bad :
       {std::string(), too_long, std::string("has space"), std::string("a/b"), std::string("a.b"),
        std::string("caf\xc3\xa9"), std::string("x<y")}) {
    auto checked = CheckServiceCode(bad, "service_code");
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().field_errors()[0].field, "service_code");
  }
}

}  // namespace
}  // namespace frontdoor
