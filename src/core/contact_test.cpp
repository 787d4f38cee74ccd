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

TEST(NormalisePhoneTest, KeepsDigitsAndALeadingPlus) {
  EXPECT_EQ(*NormalisePhone("028 9027 0230"), "02890270230");
  EXPECT_EQ(*NormalisePhone("+44 (28) 9027-0230"), "+442890270230");
  EXPECT_EQ(*NormalisePhone("07700.900123"), "07700900123");
}

TEST(NormalisePhoneTest, RejectsLettersTooFewOrTooManyDigits) {
  for (const char* bad :
       {"", "call me", "12345", "+", "0289027023O", "1+2345678", "12345678901234567"}) {
    auto phone = NormalisePhone(bad);
    ASSERT_FALSE(phone) << bad;
    EXPECT_EQ(phone.error().field_errors()[0].field, "phone");
  }
}

}  // namespace
}  // namespace frontdoor
