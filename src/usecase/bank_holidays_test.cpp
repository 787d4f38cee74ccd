#include "frontdoor/usecase/bank_holidays.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace frontdoor::usecase {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

charter::Date D(int y, unsigned m, unsigned d) {
  return charter::Date{year(y) / month(m) / day(d)};
}

std::string SampleFile() {
  const char* root = std::getenv("FRONTDOOR_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/data/bank-holidays.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FieldOf(const Result<std::vector<ImportedHoliday>>& parsed) {
  if (parsed || parsed.error().field_errors().empty()) {
    return "";
  }
  return parsed.error().field_errors().front().field;
}

TEST(ParseBankHolidaysTest, ReadsTheNorthernIrelandDivisionOfTheGovUkFile) {
  const auto parsed = ParseBankHolidays(SampleFile(), "northern-ireland");
  ASSERT_TRUE(parsed) << parsed.error().message();
  ASSERT_EQ(parsed->size(), 33U);
  EXPECT_EQ(parsed->front().date, D(2020, 1, 1));
  EXPECT_EQ(parsed->front().title, "New Year\u2019s Day");
  const auto funeral = std::find_if(parsed->begin(), parsed->end(),
                                    [](const auto& h) { return h.date == D(2022, 9, 19); });
  ASSERT_NE(funeral, parsed->end());
  EXPECT_EQ(funeral->title, "Bank Holiday for the State Funeral of Queen Elizabeth II");
}

TEST(ParseBankHolidaysTest, OtherDivisionsAreSeparate) {
  const auto parsed = ParseBankHolidays(SampleFile(), "scotland");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->size(), 2U);
  EXPECT_EQ(parsed->back().title, "St Andrew\u2019s Day");
}

TEST(ParseBankHolidaysTest, SortsAndKeepsADateListedTwiceOnce) {
  const auto parsed = ParseBankHolidays(R"({"northern-ireland": {"events": [
      {"title": "Second", "date": "2024-12-26"},
      {"title": "First", "date": "2024-12-25"},
      {"title": "Again", "date": "2024-12-26"}]}})",
                                        "northern-ireland");
  ASSERT_TRUE(parsed) << parsed.error().message();
  ASSERT_EQ(parsed->size(), 2U);
  EXPECT_EQ(parsed->at(0).title, "First");
  EXPECT_EQ(parsed->at(1).title, "Second");
}

TEST(ParseBankHolidaysTest, NotJsonIsMalformed) {
  for (const char* text : {"", "{", "[1,2", "{\"northern-ireland\": }", "\xff\xfe"}) {
    const auto parsed = ParseBankHolidays(text, "northern-ireland");
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed) << text;
  }
}

TEST(ParseBankHolidaysTest, InvalidUtf8InATitleIsMalformed) {
  const auto parsed = ParseBankHolidays(
      "{\"northern-ireland\": {\"events\": [{\"title\": \"Bad \xc3\x28\", \"date\": "
      "\"2024-12-25\"}]}}",
      "northern-ireland");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
}

TEST(ParseBankHolidaysTest, DeepNestingIsRefusedNotACrash) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const auto parsed = ParseBankHolidays(deep, "northern-ireland");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code(), ErrorCode::kMalformed);
}

TEST(ParseBankHolidaysTest, TooLargeIsMalformed) {
  const std::string big(kMaxBankHolidaysBytes + 1, ' ');
  EXPECT_EQ(ParseBankHolidays(big, "northern-ireland").error().code(), ErrorCode::kMalformed);
}

struct BadFile {
  const char* json;
  const char* field;
  const char* why;
};

class BadFileTest : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadFileTest, NamesTheField) {
  const BadFile& bad = GetParam();
  const auto parsed = ParseBankHolidays(bad.json, "northern-ireland");
  ASSERT_FALSE(parsed) << bad.why;
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput) << bad.why;
  EXPECT_EQ(FieldOf(parsed), bad.field) << bad.why;
}

INSTANTIATE_TEST_SUITE_P(
    Files, BadFileTest,
    ::testing::Values(
        BadFile{"[]", "division", "the top level is not an object"},
        BadFile{R"({"scotland": {"events": []}})", "division", "the division is missing"},
        BadFile{R"({"northern-ireland": []})", "division", "the division is not an object"},
        BadFile{R"({"northern-ireland": {"division": "northern-ireland"}})", "events", "no events"},
        BadFile{R"({"northern-ireland": {"events": {}}})", "events", "events not a list"},
        BadFile{R"({"northern-ireland": {"events": [1]}})", "events[0]", "event not an object"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X"}]}})", "events[0].date",
                "no date"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": 20240101}]}})",
                "events[0].date", "date not a string"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": "2023-02-29"}]}})",
                "events[0].date", "not a real date"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": "25/12/2024"}]}})",
                "events[0].date", "not ISO"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": "2024-12-25T00:00"}]}})",
                "events[0].date", "a date-time"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": "1969-12-25"}]}})",
                "events[0].date", "before the calendar's years"},
        BadFile{R"({"northern-ireland": {"events": [{"title": "X", "date": "2024-12-25"},
                   {"title": "  ", "date": "2024-12-26"}]}})",
                "events[1].title", "blank title"},
        BadFile{R"({"northern-ireland": {"events": [{"title": null, "date": "2024-12-25"}]}})",
                "events[0].title", "null title"}));

}  // namespace
}  // namespace frontdoor::usecase
