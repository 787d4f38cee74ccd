#include "frontdoor/core/reference.hpp"

#include <algorithm>
#include <cassert>
#include <cstddef>

#include "frontdoor/core/text.hpp"

namespace frontdoor {
namespace {

constexpr std::size_t kMaxPrefixLength = 8;
constexpr std::size_t kMinSequenceDigits = 6;
constexpr std::size_t kMaxSequenceDigits = 18;  // always fits std::int64_t

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsWordChar(char c) {
  return IsDigit(c) || IsUpper(c) || (c >= 'a' && c <= 'z') || c == '_';
}

bool IsValidPrefix(std::string_view prefix) {
  if (prefix.empty() || prefix.size() > kMaxPrefixLength) {
    return false;
  }
  return std::ranges::all_of(ToUpperAscii(prefix), IsUpper);
}

struct Tail {
  int year = 0;
  std::int64_t sequence = 0;
  std::size_t end = 0;  // one past the last digit of the sequence
};

// Matches "-YY-NNNNNN..." at text[pos], taking every digit that follows. The sequence must be
// canonical (exactly six digits, or more without a leading zero), so that each reference has
// one spelling and "BCC-26-0001234" is not silently read as case 1234.
std::optional<Tail> MatchTail(std::string_view text, std::size_t pos) {
  if (text.size() - pos < 4 || text[pos] != '-' || !IsDigit(text[pos + 1]) ||
      !IsDigit(text[pos + 2]) || text[pos + 3] != '-') {
    return std::nullopt;
  }
  Tail tail;
  tail.year = (text[pos + 1] - '0') * 10 + (text[pos + 2] - '0');
  const std::size_t start = pos + 4;
  std::size_t end = start;
  while (end < text.size() && IsDigit(text[end])) {
    ++end;
  }
  const std::size_t digits = end - start;
  if (digits < kMinSequenceDigits || digits > kMaxSequenceDigits ||
      (digits > kMinSequenceDigits && text[start] == '0')) {
    return std::nullopt;
  }
  for (std::size_t i = start; i < end; ++i) {
    tail.sequence = tail.sequence * 10 + (text[i] - '0');
  }
  tail.end = end;
  return tail;
}

}  // namespace

std::string FormatReference(std::string_view prefix, int year, std::int64_t sequence) {
  assert(IsValidPrefix(prefix));
  assert(year >= 0);
  assert(sequence >= 0 && sequence <= 999'999'999'999'999'999);
  const int yy = year % 100;
  std::string digits = std::to_string(sequence);
  if (digits.size() < kMinSequenceDigits) {
    digits.insert(0, kMinSequenceDigits - digits.size(), '0');
  }
  std::string out = ToUpperAscii(prefix);
  out += '-';
  out += static_cast<char>('0' + yy / 10);
  out += static_cast<char>('0' + yy % 10);
  out += '-';
  out += digits;
  return out;
}

std::string FormatReference(const CaseReference& reference) {
  return FormatReference(reference.prefix, reference.year, reference.sequence);
}

Result<CaseReference> ParseReference(std::string_view text) {
  const std::string upper = ToUpperAscii(Trim(text));
  std::size_t letters = 0;
  while (letters < upper.size() && IsUpper(upper[letters])) {
    ++letters;
  }
  if (letters >= 1 && letters <= kMaxPrefixLength) {
    const auto tail = MatchTail(upper, letters);
    if (tail && tail->end == upper.size()) {
      return CaseReference{upper.substr(0, letters), tail->year, tail->sequence};
    }
  }
  return Error::Invalid("reference", "Enter a reference like BCC-26-000123");
}

std::optional<std::string> FindReferenceIn(std::string_view text, std::string_view prefix) {
  if (!IsValidPrefix(prefix)) {
    return std::nullopt;
  }
  // Upper-casing ASCII keeps every byte where it was, so positions carry over to `text`.
  const std::string upper = ToUpperAscii(text);
  const std::string wanted = ToUpperAscii(prefix);
  for (std::size_t at = upper.find(wanted); at != std::string::npos;
       at = upper.find(wanted, at + 1)) {
    if (at > 0 && IsWordChar(upper[at - 1])) {
      continue;
    }
    const auto tail = MatchTail(upper, at + wanted.size());
    if (!tail || (tail->end < upper.size() && IsWordChar(upper[tail->end]))) {
      continue;
    }
    return upper.substr(at, tail->end - at);
  }
  return std::nullopt;
}

}  // namespace frontdoor
