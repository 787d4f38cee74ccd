#include "frontdoor/core/contact.hpp"

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

TEST(NormaliseEmailTest, TrimsAndLowerCases) {
  auto email = NormaliseEmail("  Ann.Other@Example.ORG ");
  ASSERT_TRUE(email);
  EXPECT_EQ(*email, "ann.other@example.org");
}

TEST(NormaliseEmailTest, RejectsWhatIsNotAnAddress) {
  for (const char* bad : {"", "no-at-sign", "@example.org", "a@", "a@b", "a@@b.org", "a b@c.org",
                          "a@b.org,c@d.org", "a@.org", "a@org."}) {
    auto email = NormaliseEmail(bad, "contact.email");
    ASSERT_FALSE(email) << bad;
    EXPECT_EQ(email.error().field_errors()[0].field, "contact.email");
  }
  EXPECT_FALSE(NormaliseEmail(std::string(250, 'a') + "@b.org"));
}

TEST(NormalisePhoneTest, UkNumbersBecomeE164) {
  EXPECT_EQ(*NormalisePhone("028 9027 0230"), "+442890270230");
  EXPECT_EQ(*NormalisePhone("07700.900123"), "+447700900123");
  EXPECT_EQ(*NormalisePhone("+44 (0)28 9027-0230"), "+442890270230");
  EXPECT_EQ(*NormalisePhone("+44 28 9027 0230"), "+442890270230");
  EXPECT_EQ(*NormalisePhone("0044 28 9027 0230"), "+442890270230");
  EXPECT_EQ(*NormalisePhone(" 0300 200 7899 "), "+443002007899");
}

TEST(NormalisePhoneTest, InternationalNumbersKeepTheirCountryCode) {
  EXPECT_EQ(*NormalisePhone("+353 1 234 5678"), "+35312345678");
  EXPECT_EQ(*NormalisePhone("00353 1 234 5678"), "+35312345678");
}

TEST(NormalisePhoneTest, RejectsWhatCannotBeDialled) {
  for (const char* bad : {"", "call me", "12345", "+", "0289027023O", "1+2345678",
                          "2890270230",            // no 0 or +: national or foreign?
                          "028 9027",              // too short for the UK
                          "028 9027 0230 1234",    // too long for the UK
                          "+1234567890123456"}) {  // 16 digits
    auto phone = NormalisePhone(bad);
    ASSERT_FALSE(phone) << bad;
    EXPECT_EQ(phone.error().field_errors()[0].field, "phone");
  }
}

}  // namespace
}  // namespace frontdoor
