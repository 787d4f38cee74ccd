#include "frontdoor/core/line_diff.hpp"

#include <algorithm>
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

// The changed stretch a[head, a_end) against b[head, b_end), line by line.
void Middle(std::vector<DiffLine>& out, const std::vector<std::string_view>& a,
            const std::vector<std::string_view>& b, std::size_t head, std::size_t a_end,
            std::size_t b_end) {
  const std::size_t rows = a_end - head;
  const std::size_t cols = b_end - head;
  // lcs[i][j]: the longest common subsequence of the stretch's a[i..] and b[j..]. Filled from
  // the end so the walk below goes forwards, which puts removals before additions. At most
  // kMaxDiffLines, so 16 bits hold it.
  const std::size_t width = cols + 1;
  std::vector<std::uint16_t> lcs((rows + 1) * width, 0);
  for (std::size_t i = rows; i-- > 0;) {
    for (std::size_t j = cols; j-- > 0;) {
      lcs[i * width + j] = a[head + i] == b[head + j]
                               ? static_cast<std::uint16_t>(lcs[(i + 1) * width + j + 1] + 1)
                               : std::max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < rows && j < cols) {
    if (a[head + i] == b[head + j]) {
      out.push_back({DiffKind::kSame, std::string(a[head + i])});
      ++i;
      ++j;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      out.push_back({DiffKind::kRemoved, std::string(a[head + i])});
      ++i;
    } else {
      out.push_back({DiffKind::kAdded, std::string(b[head + j])});
      ++j;
    }
  }
  Append(out, DiffKind::kRemoved, a, head + i, a_end);
  Append(out, DiffKind::kAdded, b, head + j, b_end);
}

}  // namespace

std::vector<DiffLine> DiffLines(std::string_view before, std::string_view after) {
  const auto a = SplitLines(before);
  const auto b = SplitLines(after);
  // Most revisions change a few lines in one place: what both start and end with needs no
  // table.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    ++head;
  }
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  std::vector<DiffLine> out;
  Append(out, DiffKind::kSame, a, 0, head);
  const std::size_t a_end = a.size() - tail;
  const std::size_t b_end = b.size() - tail;
  if (a_end - head > kMaxDiffLines || b_end - head > kMaxDiffLines) {
    Append(out, DiffKind::kRemoved, a, head, a_end);
    Append(out, DiffKind::kAdded, b, head, b_end);
  } else {
    Middle(out, a, b, head, a_end, b_end);
  }
  Append(out, DiffKind::kSame, a, a_end, a.size());
  return out;
}

}  // namespace frontdoor
