#include "frontdoor/search/snippet.hpp"

#include <algorithm>
#include <unordered_map>

namespace frontdoor::search {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

void AppendEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

// Escapes text[begin, end) and marks the tokens in [first, last) with a non-zero key.
std::string Render(std::string_view text, std::size_t begin, std::size_t end,
                   const std::vector<Token>& tokens, const std::vector<std::size_t>& keys,
                   std::size_t first, std::size_t last) {
  std::string out;
  out.reserve(end - begin + 32);
  std::size_t at = begin;
  for (std::size_t i = first; i < last; ++i) {
    if (keys[i] == 0) {
      continue;
    }
    const Token& token = tokens[i];
    AppendEscaped(out, text.substr(at, token.begin - at));
    out += "<mark>";
    AppendEscaped(out, text.substr(token.begin, token.end - token.begin));
    out += "</mark>";
    at = token.end;
  }
  AppendEscaped(out, text.substr(at, end - at));
  return out;
}

std::vector<std::size_t> Keys(const std::vector<Token>& tokens, const Matcher& match) {
  std::vector<std::size_t> keys;
  keys.reserve(tokens.size());
  for (const Token& token : tokens) {
    keys.push_back(match(token));
  }
  return keys;
}

Matcher StemMatcher(const TermSet& terms) {
  return [&terms](const Token& token) -> std::size_t {
    return terms.contains(token.term) ? std::hash<std::string>()(token.term) | 1U : 0;
  };
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(out, text);
  return out;
}

std::string Highlight(std::string_view text, const std::vector<Token>& tokens,
                      const Matcher& match) {
  return Render(text, 0, text.size(), tokens, Keys(tokens, match), 0, tokens.size());
}

std::string Highlight(std::string_view text, const TermSet& terms) {
  return Highlight(text, Analyse(text), StemMatcher(terms));
}

std::string Snippet(std::string_view text, const TermSet& terms, std::size_t words) {
  return Snippet(text, Analyse(text), StemMatcher(terms), words);
}

std::string Snippet(std::string_view text, const std::vector<Token>& tokens, const Matcher& match,
                    std::size_t words) {
  if (tokens.empty()) {
    return EscapeHtml(text.substr(0, std::min<std::size_t>(text.size(), 200)));
  }
  const auto keys = Keys(tokens, match);
  words = std::max<std::size_t>(words, 1);
  // Slide a window of `words` tokens; score it by distinct matched terms, then by matches.
  // Counts per key are kept as the window moves, so long texts cost one pass.
  std::size_t best_first = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  std::unordered_map<std::size_t, std::size_t> counts;
  std::size_t matches = 0;
  std::size_t last = 0;  // the window is [first, last)
  for (std::size_t first = 0; first < tokens.size(); ++first) {
    for (; last < tokens.size() && last < first + words; ++last) {
      if (keys[last] != 0) {
        ++counts[keys[last]];
        ++matches;
      }
    }
    // The best windows start at a match (or at the beginning).
    if (first == 0 || keys[first] != 0) {
      const std::pair score{counts.size(), matches};
      if (score > best_score) {
        best_score = score;
        best_first = first;
      }
    }
    if (keys[first] != 0) {
      if (--counts[keys[first]] == 0) {
        counts.erase(keys[first]);
      }
      --matches;
    }
  }
  // Start a few words before the first match, so it is read in context.
  const std::size_t first = best_first >= 3 && best_score.first > 0 ? best_first - 3 : best_first;
  last = std::min(tokens.size(), first + words);
  // Token offsets sit on code point boundaries, so a cut never splits a character.
  const std::size_t begin = first == 0 ? 0 : tokens[first].begin;
  const std::size_t end = last == tokens.size() ? text.size() : tokens[last - 1].end;
  std::string out;
  if (begin > 0) {
    out += kEllipsis;
  }
  out += Render(text, begin, end, tokens, keys, first, last);
  if (end < text.size()) {
    out += kEllipsis;
  }
  return out;
}

}  // namespace frontdoor::search
