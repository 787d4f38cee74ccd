// The difference between two texts line by line, as a reader compares two versions of an
// article: the lines both keep, the lines only the old one has, the lines only the new one
// has, in reading order. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace frontdoor {

enum class DiffKind { kSame, kRemoved, kAdded };

struct DiffLine {
  DiffKind kind = DiffKind::kSame;
  std::string text;  // without its line ending
};

// A shortest edit script (longest common subsequence of lines); within a changed stretch the
// removed lines come before the added ones. "\r\n" and "\n" both end a line, and a final line
// ending adds no empty line. The lines both texts start and end with are kept as they are;
// when what lies between is more than kMaxDiffLines lines on either side, it is shown as one
// removed and one added block, so a pair of huge texts cannot cost quadratic time and memory
// (the table is 2 bytes a cell: 8 MB at most).
[[nodiscard]] std::vector<DiffLine> DiffLines(std::string_view before, std::string_view after);

inline constexpr std::size_t kMaxDiffLines = 2000;

// The lines of a text, as DiffLines reads them: "\r\n" or "\n" ends a line, and a final line
// ending adds no empty line. The views point into `text`.
[[nodiscard]] std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace frontdoor
