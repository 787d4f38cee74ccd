#include "frontdoor/core/reference.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

TEST(ReferenceTest, FormatPadsTheSequenceToSixDigits) {
  struct Case {
    std::string_view prefix;
    int year;
    std::int64_t sequence;
    std::string_view text;
  };
  const std::vector<Case> cases = {
      {"BCC", 26, 123, "BCC-26-000123"},
      {"BCC", 2026, 123, "BCC-26-000123"},  // a calendar year keeps its last two digits
      {"bcc", 26, 1, "BCC-26-000001"},      // prefix written upper case
      {"CS", 2005, 0, "CS-05-000000"},
      {"B", 0, 999999, "B-00-999999"},
      {"ABCDEFGH", 99, 1000000, "ABCDEFGH-99-1000000"},  // grows past six digits
      {"BCC", 26, 123456789012, "BCC-26-123456789012"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatReference(c.prefix, c.year, c.sequence), c.text) << c.text;
  }
  EXPECT_EQ(FormatReference(CaseReference{"BCC", 26, 42}), "BCC-26-000042");
}

TEST(ReferenceTest, ParseToleratesCaseAndSurroundingSpace) {
  struct Case {
    std::string_view text;
    std::string_view prefix;
    int year;
    std::int64_t sequence;
  };
  const std::vector<Case> cases = {
      {"BCC-26-000123", "BCC", 26, 123},
      {"  bcc-26-000123\t\r\n", "BCC", 26, 123},
      {"Bcc-05-1234567", "BCC", 5, 1234567},
      {"A-00-000000", "A", 0, 0},
      {"ABCDEFGH-99-999999999999999999", "ABCDEFGH", 99, 999999999999999999},
  };
  for (const auto& c : cases) {
    const auto parsed = ParseReference(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(parsed->prefix, c.prefix) << c.text;
    EXPECT_EQ(parsed->year, c.year) << c.text;
    EXPECT_EQ(parsed->sequence, c.sequence) << c.text;
  }
}

TEST(ReferenceTest, ParseRejectsAnythingElseOnFieldReference) {
  struct Case {
    std::string_view text;
    const char* rule;
  };
  const std::vector<Case> cases = {
      {"", "empty"},
      {"   ", "only spaces"},
      {"BCC-26-00123", "five-digit sequence"},
      {"BCC-26-0001234", "seven digits with a leading zero is not canonical"},
      {"BCC-2026-000123", "four-digit year"},
      {"BCC-6-000123", "one-digit year"},
      {"ABCDEFGHI-26-000123", "nine-letter prefix"},
      {"-26-000123", "no prefix"},
      {"BC1-26-000123", "digit in prefix"},
      {"BCC 26 000123", "spaces as separators"},
      {"BCC_26_000123", "underscores as separators"},
      {"BCC-26-000123x", "trailing letter"},
      {"BCC-26-000 123", "inner space"},
      {"BCC--26-000123", "doubled separator"},
      {"BCC-26-+00123", "sign in sequence"},
      {"BCC-26-1000000000000000000", "sequence beyond 18 digits"},
      {"\xC3\x89"
       "CC-26-000123",
       "non-ASCII letter"},
      {"BCC-26-000123 BCC-26-000124", "two references"},
  };
  for (const auto& c : cases) {
    const auto parsed = ParseReference(c.text);
    ASSERT_FALSE(parsed) << c.rule;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput) << c.rule;
    ASSERT_EQ(parsed.error().field_errors().size(), 1U) << c.rule;
    EXPECT_EQ(parsed.error().field_errors()[0].field, "reference") << c.rule;
  }
}

TEST(ReferenceTest, FormatAndParseRoundTrip) {
  for (const std::int64_t sequence : {std::int64_t{0}, std::int64_t{7}, std::int64_t{999999},
                                      std::int64_t{1000000}, std::int64_t{98765432109}}) {
    const std::string text = FormatReference("FD", 31, sequence);
    const auto parsed = ParseReference(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(FormatReference(*parsed), text);
  }
}

TEST(ReferenceTest, FindsTheReferenceInAnEmailSubject) {
  struct Case {
    std::string_view text;
    std::optional<std::string> found;
    const char* rule;
  };
  const std::vector<Case> cases = {
      {"Re: Your report BCC-26-000123 [ref]", "BCC-26-000123", "plain subject"},
      {"RE: FW: bcc-26-000123", "BCC-26-000123", "lower case, at the end"},
      {"BCC-26-000123: thanks", "BCC-26-000123", "at the start, colon after"},
      {"[BCC-26-1234567]", "BCC-26-1234567", "brackets, seven digits"},
      {"(ref BCC-26-000123)", "BCC-26-000123", "parentheses"},
      {"ref:BCC-26-000123.", "BCC-26-000123", "colon before, full stop after"},
      {"\xE2\x80\x9C"
       "BCC-26-000123"
       "\xE2\x80\x9D",
       "BCC-26-000123", "curly quotes"},
      {"BCC-26-000123 and BCC-26-000124", "BCC-26-000123", "the first of two"},
      {"XBCC-26-000123", std::nullopt, "letter before"},
      {"BCC-26-0001234", std::nullopt, "non-canonical seven digits"},
      {"BCC-26-000123a", std::nullopt, "letter after"},
      {"BCC-26-0001230", std::nullopt, "digit after makes it a different number"},
      {"1BCC-26-000123", std::nullopt, "digit before"},
      {"ref_BCC-26-000123", std::nullopt, "underscore before"},
      {"ABC-26-000123", std::nullopt, "another prefix"},
      {"BCC-26-00012", std::nullopt, "too short"},
      {"BCC 26 000123", std::nullopt, "spaces"},
      {"", std::nullopt, "empty"},
      {"No reference here", std::nullopt, "none"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FindReferenceIn(c.text, "BCC"), c.found) << c.rule;
  }
}

TEST(ReferenceTest, FindSkipsAFalseStartAndMatchesPrefixInAnyCase) {
  EXPECT_EQ(FindReferenceIn("XBCC-26-000001 BCC-26-000002", "BCC"), "BCC-26-000002");
  EXPECT_EQ(FindReferenceIn("BCC-26-12 then BCC-26-000003", "bcc"), "BCC-26-000003");
  EXPECT_EQ(FindReferenceIn("Report BCC-26-000123", ""), std::nullopt);
  EXPECT_EQ(FindReferenceIn("Report BCC-26-000123", "B-C"), std::nullopt);
}

}  // namespace
}  // namespace frontdoor
