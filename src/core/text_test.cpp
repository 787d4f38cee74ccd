#include "frontdoor/core/text.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

using namespace std::string_view_literals;

struct Utf8Case {
  const char* rule;
  std::string_view bytes;
  bool is_valid;
};

class IsValidUtf8Test : public testing::TestWithParam<Utf8Case> {};

TEST_P(IsValidUtf8Test, AcceptsOnlyWellFormedUtf8) {
  const Utf8Case& c = GetParam();
  EXPECT_EQ(IsValidUtf8(c.bytes), c.is_valid) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Rfc3629, IsValidUtf8Test,
    testing::Values(Utf8Case{"empty is valid", ""sv, true},
                    Utf8Case{"ASCII", "Bin not collected"sv, true},
                    Utf8Case{"NUL is a code point", "a\0b"sv, true},
                    Utf8Case{"two bytes: e acute", "caf\xC3\xA9"sv, true},
                    Utf8Case{"three bytes: euro sign", "\xE2\x82\xAC"sv, true},
                    Utf8Case{"four bytes: emoji", "\xF0\x9F\x97\x91"sv, true},
                    Utf8Case{"Irish fada", "F\xC3\xA1ilte"sv, true},
                    Utf8Case{"largest code point U+10FFFF", "\xF4\x8F\xBF\xBF"sv, true},
                    Utf8Case{"last before surrogates U+D7FF", "\xED\x9F\xBF"sv, true},
                    Utf8Case{"first after surrogates U+E000", "\xEE\x80\x80"sv, true},
                    Utf8Case{"smallest three-byte U+0800", "\xE0\xA0\x80"sv, true},
                    Utf8Case{"smallest four-byte U+10000", "\xF0\x90\x80\x80"sv, true},
                    Utf8Case{"overlong NUL C0 80", "\xC0\x80"sv, false},
                    Utf8Case{"overlong slash C1 81", "\xC1\x81"sv, false},
                    Utf8Case{"overlong three-byte E0 80 80", "\xE0\x80\x80"sv, false},
                    Utf8Case{"overlong three-byte E0 9F BF", "\xE0\x9F\xBF"sv, false},
                    Utf8Case{"overlong four-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF"sv, false},
                    Utf8Case{"high surrogate ED A0 80", "\xED\xA0\x80"sv, false},
                    Utf8Case{"low surrogate ED BF BF", "\xED\xBF\xBF"sv, false},
                    Utf8Case{"above U+10FFFF: F4 90 80 80", "\xF4\x90\x80\x80"sv, false},
                    Utf8Case{"F5 lead byte", "\xF5\x80\x80\x80"sv, false},
                    Utf8Case{"FF byte", "a\xFF"sv, false},
                    Utf8Case{"stray continuation byte", "a\x80z"sv, false},
                    Utf8Case{"truncated two-byte at end", "caf\xC3"sv, false},
                    Utf8Case{"truncated three-byte at end", "\xE2\x82"sv, false},
                    Utf8Case{"truncated four-byte at end", "\xF0\x9F\x97"sv, false},
                    Utf8Case{"truncated sequence before ASCII", "\xE2\x82z"sv, false},
                    Utf8Case{"Latin-1 e acute alone", "caf\xE9"sv, false}));

TEST(TextTest, CountCodePointsCountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0U);
  EXPECT_EQ(CountCodePoints("abc"), 3U);
  EXPECT_EQ(CountCodePoints("caf\xC3\xA9"), 4U);
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x97\x91\xE2\x82\xAC"), 2U);
}

TEST(TextTest, TrimRemovesOnlySurroundingAsciiWhitespace) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"   ", ""},
      {" \t\r\n\v\fa b\r\n", "a b"},
      {"no change", "no change"},
      {"\xC2\xA0nbsp kept\xC2\xA0", "\xC2\xA0nbsp kept\xC2\xA0"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Trim(c.in), c.out) << c.in;
  }
}

TEST(TextTest, CaseFoldingTouchesOnlyAsciiLetters) {
  EXPECT_EQ(ToLowerAscii("BCC-26-000123 \xC3\x89"), "bcc-26-000123 \xC3\x89");
  EXPECT_EQ(ToUpperAscii("bt1 5gs \xC3\xA9"), "BT1 5GS \xC3\xA9");
  EXPECT_EQ(ToLowerAscii(""), "");
}

struct TruncateCase {
  const char* rule;
  std::string_view in;
  std::size_t max_bytes;
  std::string_view out;
};

class TruncateUtf8Test : public testing::TestWithParam<TruncateCase> {};

TEST_P(TruncateUtf8Test, NeverCutsInsideACodePoint) {
  const TruncateCase& c = GetParam();
  const std::string out = TruncateUtf8(c.in, c.max_bytes);
  EXPECT_EQ(out, c.out) << c.rule;
  EXPECT_LE(out.size(), c.max_bytes) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TruncateUtf8Test,
    testing::Values(TruncateCase{"short text unchanged", "abc", 10, "abc"},
                    TruncateCase{"exact length unchanged", "abc", 3, "abc"},
                    TruncateCase{"ASCII cut anywhere", "abcdef", 4, "abcd"},
                    TruncateCase{"zero bytes", "abc", 0, ""},
                    TruncateCase{"cut inside e acute drops it", "caf\xC3\xA9", 4, "caf"},
                    TruncateCase{"cut after e acute keeps it", "caf\xC3\xA9!", 5, "caf\xC3\xA9"},
                    TruncateCase{"cut inside euro after 1 byte", "a\xE2\x82\xAC", 2, "a"},
                    TruncateCase{"cut inside euro after 2 bytes", "a\xE2\x82\xAC", 3, "a"},
                    TruncateCase{"cut inside emoji after 3 bytes", "\xF0\x9F\x97\x91z", 3, ""},
                    TruncateCase{"whole emoji fits", "\xF0\x9F\x97\x91z", 4, "\xF0\x9F\x97\x91"}));

TEST(TextTest, TruncatedValidUtf8StaysValid) {
  const std::string text = "F\xC3\xA1ilte \xE2\x82\xAC \xF0\x9F\x97\x91 ok";
  for (std::size_t n = 0; n <= text.size() + 1; ++n) {
    EXPECT_TRUE(IsValidUtf8(TruncateUtf8(text, n))) << n;
  }
}

}  // namespace
}  // namespace frontdoor
