#include "frontdoor/notify/templates.hpp"

#include <gtest/gtest.h>

namespace frontdoor::notify {
namespace {

struct PersonaliseCase {
  const char* rule;
  const char* text;
  Personalisation values;
  const char* expected;
};

class PersonaliseTest : public ::testing::TestWithParam<PersonaliseCase> {};

TEST_P(PersonaliseTest, FillsPlaceholders) {
  const PersonaliseCase& c = GetParam();
  auto out = Personalise(c.text, c.values);
  ASSERT_TRUE(out) << c.rule << ": " << out.error().message();
  EXPECT_EQ(*out, c.expected) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Notify, PersonaliseTest,
    testing::Values(
        PersonaliseCase{"no placeholder is the text itself", "Hello", {}, "Hello"},
        PersonaliseCase{"one placeholder", "Code ((code)).", {{"code", "123456"}}, "Code 123456."},
        PersonaliseCase{"the same placeholder twice", "((a)) and ((a))", {{"a", "x"}}, "x and x"},
        PersonaliseCase{"a value is plain text, never scanned again",
                        "Hi ((name))",
                        {{"name", "((code))"}, {"code", "secret"}},
                        "Hi ((code))"},
        PersonaliseCase{
            "brackets that are not a name stay", "((not a name)) ((", {}, "((not a name)) (("},
        PersonaliseCase{"unused values are ignored", "x", {{"extra", "y"}}, "x"},
        PersonaliseCase{
            "UTF-8 passes through", "Dia duit ((ainm))", {{"ainm", "Seán"}}, "Dia duit Seán"}));

TEST(PersonaliseErrorTest, MissingPlaceholderIsAnErrorNamingIt) {
  auto out = Personalise("((reference)) by ((due)) ((due))", {{"reference", "BCC-26-000001"}});
  ASSERT_FALSE(out);
  const Error error = out.error();
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(error.field_errors().size(), 1U);
  EXPECT_EQ(error.field_errors()[0].field, "due");
  EXPECT_EQ(error.field_errors()[0].message, "Missing personalisation: due");
}

TEST(RenderTemplateTest, SignInCodeInEnglishAndIrish) {
  const Personalisation values{{"code", "042137"}, {"minutes", "10"}, {"council", "BCC"}};
  auto en = RenderTemplate("sign_in_code", "en", values);
  ASSERT_TRUE(en) << en.error().message();
  EXPECT_EQ(en->subject, "Your sign-in code");
  EXPECT_NE(en->text_body.find("Your sign-in code is 042137."), std::string::npos);
  auto ga = RenderTemplate("sign_in_code", "ga", values);
  ASSERT_TRUE(ga) << ga.error().message();
  EXPECT_NE(ga->text_body.find("Is é 042137"), std::string::npos);
}

TEST(RenderTemplateTest, CaseReceivedNeedsItsPlaceholders) {
  auto out = RenderTemplate("case_received", "en", {{"council", "BCC"}});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(out.error().field_errors()[0].field, "reference");
}

TEST(RenderTemplateTest, UnknownTemplateOrLanguageIsNotFound) {
  EXPECT_EQ(RenderTemplate("nope", "en", {}).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RenderTemplate("sign_in_code", "fr", {}).error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace frontdoor::notify
