#include "frontdoor/core/service_form.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace frontdoor {
namespace {

using D = AttributeDatatype;
using testing::ElementsAreArray;

// A pothole form. Vector position differs from display order on purpose.
std::vector<Attribute> PotholeForm() {
  return {
      {"depth", D::kNumber, true, true, "How deep is it?", "centimetres", 1, {}},
      {"details", D::kText, true, false, "Anything else?", "", 7, {}},
      {"shape",
       D::kSingleValueList,
       true,
       false,
       "Shape of the hole",
       "",
       2,
       {{"circle", "Round"}, {"square", "Square"}}},
      {"notice", D::kString, false, false, "Do not stand in the road", "", 3, {}},
      {"seen_at", D::kDatetime, true, false, "When did you see it?", "", 4, {}},
      {"hazards",
       D::kMultiValueList,
       true,
       false,
       "Hazards",
       "",
       5,
       {{"glass", "Broken glass"}, {"oil", "Oil"}, {"needles", "Needles"}}},
      {"road_name", D::kString, true, false, "Road name", "", 6, {}},
  };
}

using Submitted = std::multimap<std::string, std::string>;

// The fields in error, in order; each must come with a message.
std::vector<std::string> FieldsOf(const Error& error) {
  std::vector<std::string> fields;
  for (const FieldError& e : error.field_errors()) {
    fields.push_back(e.field);
    EXPECT_FALSE(e.message.empty()) << e.field;
  }
  return fields;
}

std::string Repeat(std::string_view text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    out += text;
  }
  return out;
}

struct Accepted {
  const char* rule;
  Submitted submitted;
  Answers answers;
};

class AcceptedAnswersTest : public testing::TestWithParam<Accepted> {};

TEST_P(AcceptedAnswersTest, NormalisesWhatItStores) {
  const Accepted& c = GetParam();
  const auto answers = ValidateAnswers(PotholeForm(), c.submitted);
  ASSERT_TRUE(answers) << c.rule << ": " << answers.error().message();
  EXPECT_THAT(*answers, ElementsAreArray(c.answers)) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Table, AcceptedAnswersTest,
    testing::Values(
        Accepted{"only the required answer", {{"depth", "12"}}, {{"depth", "12"}}},
        Accepted{"everything, returned in display order",
                 {{"details", "Near the school"},
                  {"road_name", "Royal Avenue"},
                  {"hazards", "oil"},
                  {"seen_at", "2024-03-01T09:30:00+01:00"},
                  {"shape", "circle"},
                  {"depth", "12.5"}},
                 {{"depth", "12.5"},
                  {"shape", "circle"},
                  {"seen_at", "2024-03-01T09:30:00+01:00"},
                  {"hazards", "oil"},
                  {"road_name", "Royal Avenue"},
                  {"details", "Near the school"}}},
        Accepted{"FixMyStreet extras are dropped",
                 {{"depth", "3"},
                  {"fixmystreet_id", "1234"},
                  {"easting", "333000"},
                  {"northing", "\xFF not even UTF-8"},
                  {"closest_address", "1 Donegall Sq"}},
                 {{"depth", "3"}}},
        Accepted{"an informational attribute is ignored if sent",
                 {{"depth", "3"}, {"notice", "ok"}},
                 {{"depth", "3"}}},
        Accepted{"surrounding spaces trimmed; empty optional answers absent",
                 {{"depth", "  7 "}, {"shape", ""}, {"road_name", "   "}, {"details", "\r\n"}},
                 {{"depth", "7"}}},
        Accepted{"multivaluelist: keys once each, in the order of the values",
                 {{"depth", "1"},
                  {"hazards", "needles"},
                  {"hazards", "glass"},
                  {"hazards", "needles"},
                  {"hazards", ""}},
                 {{"depth", "1"}, {"hazards", "glass"}, {"hazards", "needles"}}},
        Accepted{"numbers: signs and decimals", {{"depth", "-0.5"}}, {{"depth", "-0.5"}}},
        Accepted{"numbers: leading plus, bare fraction", {{"depth", "+.5"}}, {{"depth", "+.5"}}},
        Accepted{"numbers: trailing point", {{"depth", "12."}}, {{"depth", "12."}}},
        Accepted{"datetime with Z and fraction",
                 {{"depth", "1"}, {"seen_at", "2024-02-29T23:59:59.250Z"}},
                 {{"depth", "1"}, {"seen_at", "2024-02-29T23:59:59.250Z"}}},
        Accepted{"datetime without seconds, negative offset",
                 {{"depth", "1"}, {"seen_at", "2024-03-01T09:30-05:00"}},
                 {{"depth", "1"}, {"seen_at", "2024-03-01T09:30-05:00"}}},
        Accepted{"text keeps inner line breaks, as LF",
                 {{"depth", "1"}, {"details", "line 1\r\nline 2\rline 3\n"}},
                 {{"depth", "1"}, {"details", "line 1\nline 2\nline 3"}}},
        Accepted{"a string's line breaks become spaces",
                 {{"depth", "1"}, {"road_name", "Royal\r\nAvenue"}},
                 {{"depth", "1"}, {"road_name", "Royal Avenue"}}},
        Accepted{"a string of 1,000 two-byte characters fits",
                 {{"depth", "1"}, {"road_name", Repeat("\xC3\xA9", 1000)}},
                 {{"depth", "1"}, {"road_name", Repeat("\xC3\xA9", 1000)}}},
        Accepted{"text of 10,000 characters fits",
                 {{"depth", "1"}, {"details", std::string(10000, 'x')}},
                 {{"depth", "1"}, {"details", std::string(10000, 'x')}}}));

struct Refused {
  const char* rule;
  Submitted submitted;
  std::vector<std::string> fields;  // every field in error, in display order
};

class RefusedAnswersTest : public testing::TestWithParam<Refused> {};

TEST_P(RefusedAnswersTest, NamesEveryWrongAttribute) {
  const Refused& c = GetParam();
  const auto answers = ValidateAnswers(PotholeForm(), c.submitted);
  ASSERT_FALSE(answers) << c.rule;
  EXPECT_EQ(answers.error().code(), ErrorCode::kInvalidInput) << c.rule;
  EXPECT_EQ(FieldsOf(answers.error()), c.fields) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Table, RefusedAnswersTest,
    testing::Values(
        Refused{"required answer missing", {}, {"attribute[depth]"}},
        Refused{"required answer only spaces", {{"depth", "  "}}, {"attribute[depth]"}},
        Refused{"number with a unit", {{"depth", "12cm"}}, {"attribute[depth]"}},
        Refused{"number with an exponent", {{"depth", "1e3"}}, {"attribute[depth]"}},
        Refused{"number: infinity", {{"depth", "inf"}}, {"attribute[depth]"}},
        Refused{"number: NaN", {{"depth", "nan"}}, {"attribute[depth]"}},
        Refused{"number: hexadecimal", {{"depth", "0x1A"}}, {"attribute[depth]"}},
        Refused{"number with a thousands separator", {{"depth", "1,000"}}, {"attribute[depth]"}},
        Refused{"number: a lone point", {{"depth", "."}}, {"attribute[depth]"}},
        Refused{"number: a lone sign", {{"depth", "-"}}, {"attribute[depth]"}},
        Refused{"number: decimal comma", {{"depth", "12,5"}}, {"attribute[depth]"}},
        Refused{"number: two values", {{"depth", "1"}, {"depth", "2"}}, {"attribute[depth]"}},
        Refused{"number longer than a string may be",
                {{"depth", std::string(1001, '9')}},
                {"attribute[depth]"}},
        Refused{
            "invalid UTF-8", {{"depth", "1"}, {"road_name", "caf\xE9"}}, {"attribute[road_name]"}},
        Refused{"string over 1,000 characters",
                {{"depth", "1"}, {"road_name", std::string(1001, 'a')}},
                {"attribute[road_name]"}},
        Refused{"text over 10,000 characters",
                {{"depth", "1"}, {"details", std::string(10001, 'a')}},
                {"attribute[details]"}},
        Refused{"unknown singlevaluelist key",
                {{"depth", "1"}, {"shape", "triangle"}},
                {"attribute[shape]"}},
        Refused{"singlevaluelist key in another case",
                {{"depth", "1"}, {"shape", "Circle"}},
                {"attribute[shape]"}},
        Refused{"singlevaluelist display name instead of key",
                {{"depth", "1"}, {"shape", "Round"}},
                {"attribute[shape]"}},
        Refused{"two singlevaluelist keys",
                {{"depth", "1"}, {"shape", "circle"}, {"shape", "square"}},
                {"attribute[shape]"}},
        Refused{"one unknown multivaluelist key",
                {{"depth", "1"}, {"hazards", "oil"}, {"hazards", "acid"}},
                {"attribute[hazards]"}},
        Refused{"datetime with a space for T",
                {{"depth", "1"}, {"seen_at", "2024-03-01 09:30:00Z"}},
                {"attribute[seen_at]"}},
        Refused{"datetime without a zone",
                {{"depth", "1"}, {"seen_at", "2024-03-01T09:30:00"}},
                {"attribute[seen_at]"}},
        Refused{"datetime offset without colon",
                {{"depth", "1"}, {"seen_at", "2024-03-01T09:30:00+0100"}},
                {"attribute[seen_at]"}},
        Refused{"datetime whose + became a space",
                {{"depth", "1"}, {"seen_at", "2024-03-01T09:30:00 01:00"}},
                {"attribute[seen_at]"}},
        Refused{"date only", {{"depth", "1"}, {"seen_at", "2024-03-01"}}, {"attribute[seen_at]"}},
        Refused{"30 February",
                {{"depth", "1"}, {"seen_at", "2024-02-30T09:30:00Z"}},
                {"attribute[seen_at]"}},
        Refused{"29 February 2023",
                {{"depth", "1"}, {"seen_at", "2023-02-29T09:30:00Z"}},
                {"attribute[seen_at]"}},
        Refused{"month 13",
                {{"depth", "1"}, {"seen_at", "2024-13-01T09:30:00Z"}},
                {"attribute[seen_at]"}},
        Refused{"hour 24",
                {{"depth", "1"}, {"seen_at", "2024-03-01T24:00:00Z"}},
                {"attribute[seen_at]"}},
        Refused{"offset hour 24",
                {{"depth", "1"}, {"seen_at", "2024-03-01T09:30:00+24:00"}},
                {"attribute[seen_at]"}},
        Refused{"empty fraction",
                {{"depth", "1"}, {"seen_at", "2024-03-01T09:30:00.Z"}},
                {"attribute[seen_at]"}},
        Refused{"lower-case t and z",
                {{"depth", "1"}, {"seen_at", "2024-03-01t09:30:00z"}},
                {"attribute[seen_at]"}},
        Refused{"every problem at once, in display order",
                {{"details", std::string(10001, 'a')},
                 {"shape", "triangle"},
                 {"seen_at", "yesterday"},
                 {"hazards", "acid"},
                 {"road_name", "\xC0\x80"},
                 {"fixmystreet_id", "99"}},
                {"attribute[depth]", "attribute[shape]", "attribute[seen_at]", "attribute[hazards]",
                 "attribute[road_name]", "attribute[details]"}}));

TEST(ServiceFormTest, MessagesTellThePersonWhatToDo) {
  const auto answers =
      ValidateAnswers(PotholeForm(), {{"shape", "triangle"}, {"seen_at", "2024-03-01 09:30:00"}});
  ASSERT_FALSE(answers);
  const Error error = answers.error();
  const auto& errors = error.field_errors();
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].message, "Answer \"How deep is it?\"");
  EXPECT_EQ(errors[1].message, "Choose one of the options for \"Shape of the hole\"");
  EXPECT_EQ(errors[2].message,
            "Enter a date and time like 2024-03-01T09:30:00Z or 2024-03-01T09:30:00+01:00");
}

TEST(ServiceFormTest, RequiredListsAndEmptyForms) {
  std::vector<Attribute> form = PotholeForm();
  form[5].required = true;  // hazards
  const auto missing = ValidateAnswers(form, {{"depth", "1"}, {"hazards", ""}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field_errors().at(0).field, "attribute[hazards]");
  form[3].required = true;  // an informational attribute is never required of the sender
  EXPECT_TRUE(ValidateAnswers(form, {{"depth", "1"}, {"hazards", "oil"}}));

  const auto empty = ValidateAnswers({}, {{"anything", "goes"}});
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(ServiceFormTest, DatatypeNamesRoundTrip) {
  for (const D d :
       {D::kString, D::kNumber, D::kDatetime, D::kText, D::kSingleValueList, D::kMultiValueList}) {
    const auto parsed = ParseAttributeDatatype(AttributeDatatypeName(d));
    ASSERT_TRUE(parsed) << AttributeDatatypeName(d);
    EXPECT_EQ(*parsed, d);
  }
  EXPECT_EQ(AttributeDatatypeName(D::kSingleValueList), "singlevaluelist");
  const auto bad = ParseAttributeDatatype("SingleValueList");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors().at(0).field, "datatype");
}

TEST(ServiceFormTest, ValidateFormAcceptsASoundForm) {
  EXPECT_TRUE(ValidateForm(PotholeForm()));
  EXPECT_TRUE(ValidateForm({}));
}

TEST(ServiceFormTest, ValidateFormNamesEveryWrongField) {
  struct Case {
    const char* rule;
    void (*spoil)(std::vector<Attribute>&);
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"empty code", [](auto& f) { f[0].code.clear(); }, {"attributes[0].code"}},
      {"upper-case code", [](auto& f) { f[0].code = "Depth"; }, {"attributes[0].code"}},
      {"code with a space", [](auto& f) { f[0].code = "hole depth"; }, {"attributes[0].code"}},
      {"code with brackets", [](auto& f) { f[0].code = "a[b]"; }, {"attributes[0].code"}},
      {"65-character code",
       [](auto& f) { f[0].code = std::string(65, 'a'); },
       {"attributes[0].code"}},
      {"duplicate code", [](auto& f) { f[4].code = "depth"; }, {"attributes[4].code"}},
      {"empty description",
       [](auto& f) { f[1].description.clear(); },
       {"attributes[1].description"}},
      {"order zero", [](auto& f) { f[1].order = 0; }, {"attributes[1].order"}},
      {"negative order", [](auto& f) { f[1].order = -2; }, {"attributes[1].order"}},
      {"duplicate order", [](auto& f) { f[6].order = 1; }, {"attributes[6].order"}},
      {"list without values", [](auto& f) { f[2].values.clear(); }, {"attributes[2].values"}},
      {"values on a number",
       [](auto& f) {
         f[0].values = {{"a", "A"}};
       },
       {"attributes[0].values"}},
      {"empty key", [](auto& f) { f[5].values[1].key.clear(); }, {"attributes[5].values[1].key"}},
      {"duplicate key",
       [](auto& f) { f[5].values[2].key = "glass"; },
       {"attributes[5].values[2].key"}},
      {"empty value name",
       [](auto& f) { f[2].values[0].name.clear(); },
       {"attributes[2].values[0].name"}},
      {"informational but required",
       [](auto& f) { f[3].required = true; },
       {"attributes[3].required"}},
      {"several at once",
       [](auto& f) {
         f[0].code.clear();
         f[2].values.clear();
         f[6].order = 7;
       },
       {"attributes[0].code", "attributes[2].values", "attributes[6].order"}},
  };
  for (const auto& c : cases) {
    std::vector<Attribute> form = PotholeForm();
    c.spoil(form);
    const auto checked = ValidateForm(form);
    ASSERT_FALSE(checked) << c.rule;
    EXPECT_EQ(checked.error().code(), ErrorCode::kInvalidInput) << c.rule;
    EXPECT_EQ(FieldsOf(checked.error()), c.fields) << c.rule;
  }
}

TEST(ServiceFormTest, SixtyFourCharacterCodeWithDigitsAndUnderscoresIsFine) {
  std::vector<Attribute> form = PotholeForm();
  form[0].code = std::string(62, 'a') + "_9";
  EXPECT_TRUE(ValidateForm(form));
}

}  // namespace
}  // namespace frontdoor
