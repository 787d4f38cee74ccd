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

// Escapes text[begin, end) and marks the words in [first, last) with a non-zero key.
std::string Render(std::string_view text, std::size_t begin, std::size_t end,
                   const std::vector<MarkedWord>& words, std::size_t first, std::size_t last) {
  std::string out;
  out.reserve(end - begin + 32);
  std::size_t at = begin;
  for (std::size_t i = first; i < last; ++i) {
    const MarkedWord& word = words[i];
    if (word.key == 0) {
      continue;
    }
    AppendEscaped(out, text.substr(at, word.begin - at));
    out += "<mark>";
    AppendEscaped(out, text.substr(word.begin, word.end - word.begin));
    out += "</mark>";
    at = word.end;
  }
  AppendEscaped(out, text.substr(at, end - at));
  return out;
}

std::vector<MarkedWord> Mark(const std::vector<Token>& tokens, const Matcher& match) {
  std::vector<MarkedWord> words;
  words.reserve(tokens.size());
  for (const Token& token : tokens) {
    words.push_back({token.begin, token.end, match(token)});
  }
  return words;
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
  return Highlight(text, Mark(tokens, match));
}

std::string Highlight(std::string_view text, const std::vector<MarkedWord>& words) {
  return Render(text, 0, text.size(), words, 0, words.size());
}

std::string Highlight(std::string_view text, const TermSet& terms) {
  return Highlight(text, Analyse(text), StemMatcher(terms));
}

std::string Snippet(std::string_view text, const TermSet& terms, std::size_t words) {
  return Snippet(text, Analyse(text), StemMatcher(terms), words);
}

std::string Snippet(std::string_view text, const std::vector<Token>& tokens, const Matcher& match,
                    std::size_t words) {
  return Snippet(text, Mark(tokens, match), words);
}

std::string Snippet(std::string_view text, const std::vector<MarkedWord>& words,
                    std::size_t window) {
  if (words.empty()) {
    return EscapeHtml(text.substr(0, std::min<std::size_t>(text.size(), 200)));
  }
  window = std::max<std::size_t>(window, 1);
  // Slide a window of `window` words; score it by distinct matched terms, then by matches.
  // Counts per key are kept as the window moves, so long texts cost one pass.
  std::size_t best_first = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  std::unordered_map<std::size_t, std::size_t> counts;
  std::size_t matches = 0;
  std::size_t last = 0;  // the window is [first, last)
  for (std::size_t first = 0; first < words.size(); ++first) {
    for (; last < words.size() && last < first + window; ++last) {
      if (words[last].key != 0) {
        ++counts[words[last].key];
        ++matches;
      }
    }
    // The best windows start at a match (or at the beginning).
    if (first == 0 || words[first].key != 0) {
      const std::pair score{counts.size(), matches};
      if (score > best_score) {
        best_score = score;
        best_first = first;
      }
    }
    if (words[first].key != 0) {
      if (--counts[words[first].key] == 0) {
        counts.erase(words[first].key);
      }
      --matches;
    }
  }
  // Start a few words before the first match, so it is read in context.
  const std::size_t first = best_first >= 3 && best_score.first > 0 ? best_first - 3 : best_first;
  last = std::min(words.size(), first + window);
  // Word offsets sit on code point boundaries, so a cut never splits a character.
  const std::size_t begin = first == 0 ? 0 : words[first].begin;
  const std::size_t end = last == words.size() ? text.size() : words[last - 1].end;
  std::string out;
  if (begin > 0) {
    out += kEllipsis;
  }
  out += Render(text, begin, end, words, first, last);
  if (end < text.size()) {
    out += kEllipsis;
  }
  return out;
}

}  // namespace frontdoor::search
