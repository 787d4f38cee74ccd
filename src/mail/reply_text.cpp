// Cutting the quoted message off a reply. The shapes are those of the mail programs the
// public use: Gmail and Apple Mail ("On ..., ... wrote:", which Gmail wraps when long),
// Outlook desktop ("-----Original Message-----", or "From:/Sent:" after a rule), Outlook on
// the web (a rule of underscores, then "From:"), and '>' quoting everywhere.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/text.hpp"

#include "mail_text.hpp"

namespace frontdoor::mail {
namespace {

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string_view TrimView(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  return line;
}

bool IsQuoted(std::string_view line) {
  return TrimView(line).starts_with('>');
}

bool StartsWithWord(std::string_view line, std::string_view word) {
  return ToLowerAscii(line.substr(0, word.size())) == word;
}

// "On Tue, 3 Mar 2026 at 10:15, Belfast City Council <x@y> wrote:" on one line or two.
// Returns how many lines the header takes, or 0.
std::size_t WroteHeader(const std::vector<std::string_view>& lines, std::size_t i) {
  const std::string_view line = TrimView(lines[i]);
  if (!StartsWithWord(line, "on ") || line.size() > 400) {
    return 0;
  }
  if (line.ends_with("wrote:")) {
    return 1;
  }
  if (i + 1 < lines.size()) {
    const std::string_view next = TrimView(lines[i + 1]);
    if (next.ends_with("wrote:") && next.size() < 200) {
      return 2;
    }
  }
  return 0;
}

bool IsRule(std::string_view line) {
  line = TrimView(line);
  return line.size() >= 10 && line.find_first_not_of('_') == std::string_view::npos;
}

// "From: ..." followed within three lines by "Sent:" or "Date:": Outlook's header block.
bool OutlookHeaderBlock(const std::vector<std::string_view>& lines, std::size_t i) {
  if (!StartsWithWord(TrimView(lines[i]), "from:")) {
    return false;
  }
  for (std::size_t k = i + 1; k < lines.size() && k <= i + 3; ++k) {
    const std::string_view next = TrimView(lines[k]);
    if (StartsWithWord(next, "sent:") || StartsWithWord(next, "date:")) {
      return true;
    }
  }
  return false;
}

// The first line of the quoted message and how many header lines it has, or {npos, 0}.
std::pair<std::size_t, std::size_t> FindQuoteHeader(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = TrimView(lines[i]);
    if (const std::size_t n = WroteHeader(lines, i); n > 0) {
      return {i, n};
    }
    if (line.find("Original Message") != std::string_view::npos && line.starts_with("-----")) {
      return {i, 1};
    }
    if (IsRule(line) && i + 1 < lines.size() && StartsWithWord(TrimView(lines[i + 1]), "from:")) {
      return {i, 1};
    }
    if (OutlookHeaderBlock(lines, i)) {
      return {i, 1};
    }
  }
  return {std::string_view::npos, 0};
}

std::string Join(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to,
                 std::size_t skip_from, std::size_t skip_to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if ((i >= skip_from && i < skip_to) || IsQuoted(lines[i])) {
      continue;
    }
    out += lines[i];
    out += '\n';
  }
  return Trim(out);
}

}  // namespace

std::string StripQuotedReply(std::string_view text) {
  const auto lines = Lines(text);
  const auto [header, header_lines] = FindQuoteHeader(lines);
  std::string kept;
  if (header == std::string_view::npos) {
    kept = Join(lines, 0, lines.size(), 0, 0);
  } else {
    kept = Join(lines, 0, header, 0, 0);
    if (kept.empty()) {
      // Written below the quote: drop the header and the quoted lines, keep the answer.
      kept = Join(lines, 0, lines.size(), header, header + header_lines);
    }
  }
  if (kept.empty()) {
    return std::string(text);
  }
  return CleanText(kept);
}

}  // namespace frontdoor::mail
