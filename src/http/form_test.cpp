#include "frontdoor/http/form.hpp"

#include <string>

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

Form MustParse(std::string_view text) {
  auto form = ParseForm(text);
  EXPECT_TRUE(form) << text << ": " << (form ? "" : form.error().message());
  return form ? *form : Form();
}

TEST(FormTest, DecodesPairsInTheOrderSent) {
  const auto form = MustParse("b=2&a=1&b=3");
  ASSERT_EQ(form.fields().size(), 3U);
  EXPECT_EQ(form.fields()[0].name, "b");
  EXPECT_EQ(form.fields()[1].value, "1");
  EXPECT_EQ(form.fields()[2].value, "3");
}

TEST(FormTest, PlusIsASpaceAndPercentEscapesAreBytes) {
  const auto form = MustParse("description=Deep+hole%0D%0Anear%20the%2Bschool&name=Caf%C3%A9");
  EXPECT_EQ(form.First("description"), "Deep hole\r\nnear the+school");
  EXPECT_EQ(form.First("name"), "Caf\xC3\xA9");
}

TEST(FormTest, NamesAreDecodedToo) {
  const auto form = MustParse("attribute%5Bdepth%5D=12&attribute[shape][]=round");
  EXPECT_EQ(form.First("attribute[depth]"), "12");
  EXPECT_EQ(form.First("attribute[shape][]"), "round");
}

TEST(FormTest, EmptyPairsAreSkippedAndAPairWithoutEqualsHasAnEmptyValue) {
  const auto form = MustParse("&&a=1&&flag&b=&");
  ASSERT_EQ(form.fields().size(), 3U);
  EXPECT_EQ(form.First("flag"), "");
  EXPECT_EQ(form.First("b"), "");
  EXPECT_FALSE(form.First("c"));
}

TEST(FormTest, ValueMayHoldEqualsSigns) {
  EXPECT_EQ(MustParse("q=a=b==c").First("q"), "a=b==c");
}

TEST(FormTest, EmptyTextIsAnEmptyForm) {
  EXPECT_TRUE(MustParse("").fields().empty());
}

TEST(FormTest, PresentTreatsAnEmptyValueAsAbsent) {
  const auto form = MustParse("status=&status=open&x=");
  EXPECT_EQ(form.First("status"), "");
  EXPECT_EQ(form.Present("status"), "open");
  EXPECT_FALSE(form.Present("x"));
}

TEST(FormTest, AllKeepsEveryRepeat) {
  const auto form = MustParse("media_url=a&x=1&media_url=&media_url=b");
  const auto all = form.All("media_url");
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0], "a");
  EXPECT_EQ(all[1], "");
  EXPECT_EQ(all[2], "b");
}

TEST(FormTest, ListAcceptsCommasRepeatsAndBothTogether) {
  const auto form = MustParse("service_code=POT,+LIT&service_code=GRA&service_code=,,&x=1");
  EXPECT_EQ(form.List("service_code"), (std::vector<std::string>{"POT", "LIT", "GRA"}));
  EXPECT_TRUE(form.List("status").empty());
}

struct BadForm {
  std::string text;
  ErrorCode code;
  std::string named;  // what the error must mention
  std::string rule;
};

class BadFormTest : public ::testing::TestWithParam<BadForm> {};

TEST_P(BadFormTest, IsRefusedNamingTheParameter) {
  const auto& bad = GetParam();
  const auto form = ParseForm(bad.text);
  ASSERT_FALSE(form) << bad.rule;
  const Error error = form.error();  // error() returns a copy: keep it alive
  EXPECT_EQ(error.code(), bad.code) << bad.rule;
  std::string said = error.message();
  for (const auto& field : error.field_errors()) {
    said += " " + field.field;
  }
  EXPECT_NE(said.find(bad.named), std::string::npos) << bad.rule << ": " << said;
}

INSTANTIATE_TEST_SUITE_P(
    Hostile, BadFormTest,
    ::testing::Values(
        BadForm{"lat=1&long=%G1", ErrorCode::kMalformed, "long", "non-hex escape"},
        BadForm{"a=1&desc=abc%4", ErrorCode::kMalformed, "desc", "truncated escape"},
        BadForm{"a=1&desc=%", ErrorCode::kMalformed, "desc", "bare percent"},
        BadForm{"a=1&%ZZ=1", ErrorCode::kMalformed, "parameter 2", "escape in a name"},
        BadForm{"description=%C3%28", ErrorCode::kInvalidInput, "description",
                "invalid UTF-8 continuation"},
        BadForm{"first_name=%ED%A0%80", ErrorCode::kInvalidInput, "first_name",
                "UTF-16 surrogate encoded as UTF-8"},
        BadForm{"email=%C0%80", ErrorCode::kInvalidInput, "email", "overlong NUL"},
        BadForm{"x=1&%FF=2", ErrorCode::kInvalidInput, "parameter 2", "invalid UTF-8 name"}));

TEST(FormTest, TooManyPairsAreRefused) {
  std::string text;
  for (int i = 0; i < 11; ++i) {
    text += "a=1&";
  }
  const auto form = ParseForm(text, 10);
  ASSERT_FALSE(form);
  EXPECT_EQ(form.error().code(), ErrorCode::kMalformed);
  EXPECT_NE(form.error().message().find("10"), std::string::npos);
  EXPECT_TRUE(ParseForm(text, 11));
}

TEST(FormTest, AHugeNameIsNotEchoedInFull) {
  const std::string name(100000, 'n');
  const auto form = ParseForm(name + "=%FF");
  ASSERT_FALSE(form);
  ASSERT_EQ(form.error().field_errors().size(), 1U);
  EXPECT_LT(form.error().field_errors()[0].field.size(), 100U);
}

TEST(FormTest, RecognisesTheFormContentType) {
  EXPECT_TRUE(IsFormContentType("application/x-www-form-urlencoded"));
  EXPECT_TRUE(IsFormContentType("Application/X-WWW-Form-URLEncoded; charset=utf-8"));
  EXPECT_FALSE(IsFormContentType("multipart/form-data; boundary=x"));
  EXPECT_FALSE(IsFormContentType("application/json"));
}

TEST(FormTest, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("BCC-26-000123"), "BCC-26-000123");
  EXPECT_EQ(PercentEncode("a b&c=d/e?f#g"), "a%20b%26c%3Dd%2Fe%3Ff%23g");
  EXPECT_EQ(PercentEncode("Baile \xC3\x81tha"), "Baile%20%C3%81tha");
  EXPECT_EQ(PercentEncode(""), "");
}

TEST(FormTest, PercentEncodedValuesParseBackUnchanged) {
  for (const std::string value : {"x&page=9", "  spaced  +plus ", "caf\xC3\xA9", "%41", "=;,"}) {
    auto parsed = ParseForm("q=" + PercentEncode(value));
    ASSERT_TRUE(parsed) << value;
    EXPECT_EQ(parsed->First("q"), value);
    EXPECT_EQ(parsed->fields().size(), 1U);
  }
}

}  // namespace
}  // namespace frontdoor::http
