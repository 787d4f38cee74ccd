#include "frontdoor/core/line_diff.hpp"

#include <cstdint>

namespace frontdoor {
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
  return lines;
}

namespace {

void Append(std::vector<DiffLine>& out, DiffKind kind, const std::vector<std::string_view>& lines,
            std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    out.push_back({kind, std::string(lines[i])});
  }
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view before, std::string_view after) {
  const auto a = SplitLines(before);
  const auto b = SplitLines(after);
  std::vector<DiffLine> out;
  if (a.size() > kMaxDiffLines || b.size() > kMaxDiffLines) {
    Append(out, DiffKind::kRemoved, a, 0, a.size());
    Append(out, DiffKind::kAdded, b, 0, b.size());
    return out;
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. Filled from the end so
  // the walk below can go forwards, which puts removals before additions in a changed stretch.
  const std::size_t width = b.size() + 1;
  std::vector<std::uint32_t> lcs((a.size() + 1) * width, 0);
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i * width + j] = a[i] == b[j]
                               ? lcs[(i + 1) * width + j + 1] + 1
                               : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      out.push_back({DiffKind::kSame, std::string(a[i])});
      ++i;
      ++j;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      out.push_back({DiffKind::kRemoved, std::string(a[i])});
      ++i;
    } else {
      out.push_back({DiffKind::kAdded, std::string(b[j])});
      ++j;
    }
  }
  Append(out, DiffKind::kRemoved, a, i, a.size());
  Append(out, DiffKind::kAdded, b, j, b.size());
  return out;
}

}  // namespace frontdoor
