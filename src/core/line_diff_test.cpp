#include "frontdoor/core/line_diff.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

// Each line of the result as "  text", "- text" or "+ text".
std::vector<std::string> Marked(std::string_view before, std::string_view after) {
  std::vector<std::string> out;
  for (const DiffLine& line : DiffLines(before, after)) {
    const char* mark =
        line.kind == DiffKind::kSame ? "  " : (line.kind == DiffKind::kRemoved ? "- " : "+ ");
    out.push_back(mark + line.text);
  }
  return out;
}

struct DiffCase {
  const char* rule;
  std::string before;
  std::string after;
  std::vector<std::string> expected;
};

class DiffLinesTest : public ::testing::TestWithParam<DiffCase> {};

TEST_P(DiffLinesTest, ShowsWhatWasKeptRemovedAndAdded) {
  const DiffCase& c = GetParam();
  EXPECT_EQ(Marked(c.before, c.after), c.expected) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Versions, DiffLinesTest,
    ::testing::Values(
        DiffCase{"equal texts are all kept", "a\nb\n", "a\nb\n", {"  a", "  b"}},
        DiffCase{"two empty texts have no lines", "", "", {}},
        DiffCase{"a line added in the middle", "a\nc", "a\nb\nc", {"  a", "+ b", "  c"}},
        DiffCase{"a line removed at the start", "a\nb\nc", "b\nc", {"- a", "  b", "  c"}},
        DiffCase{"a changed line is removed then added",
                 "Bins go out on Monday\nThanks",
                 "Bins go out on Tuesday\nThanks",
                 {"- Bins go out on Monday", "+ Bins go out on Tuesday", "  Thanks"}},
        DiffCase{"CRLF and LF line endings compare equal", "a\r\nb\r\n", "a\nb", {"  a", "  b"}},
        DiffCase{"a blank line is a line", "a\n\nb", "a\nb", {"  a", "- ", "  b"}},
        DiffCase{"everything new", "", "x\ny", {"+ x", "+ y"}},
        DiffCase{"the common lines are the longest run kept",
                 "a\nb\nc\nd",
                 "b\nx\nd",
                 {"- a", "  b", "- c", "+ x", "  d"}}));

TEST(DiffLinesTest, HugeTextsAreComparedAsTwoBlocks) {
  std::string before;
  std::string after;
  for (std::size_t i = 0; i <= kMaxDiffLines; ++i) {
    before += "line " + std::to_string(i) + "\n";
    after += "line " + std::to_string(i + 1) + "\n";
  }
  const auto diff = DiffLines(before, after);
  ASSERT_EQ(diff.size(), 2 * (kMaxDiffLines + 1));
  EXPECT_EQ(diff.front().kind, DiffKind::kRemoved);
  EXPECT_EQ(diff.back().kind, DiffKind::kAdded);
}

TEST(DiffLinesTest, ALongTextWithOneChangeIsComparedLineByLine) {
  std::string before;
  std::string after;
  for (std::size_t i = 0; i < 5 * kMaxDiffLines; ++i) {
    before += "line " + std::to_string(i) + "\n";
    after += (i == kMaxDiffLines ? "changed" : "line " + std::to_string(i)) + "\n";
  }
  const auto diff = DiffLines(before, after);
  ASSERT_EQ(diff.size(), 5 * kMaxDiffLines + 1);
  EXPECT_EQ(diff[kMaxDiffLines].kind, DiffKind::kRemoved);
  EXPECT_EQ(diff[kMaxDiffLines + 1].kind, DiffKind::kAdded);
  EXPECT_EQ(diff[kMaxDiffLines + 1].text, "changed");
  EXPECT_EQ(diff.back().kind, DiffKind::kSame);
}

}  // namespace
}  // namespace frontdoor
