#include "frontdoor/search/snippet.hpp"

#include <algorithm>
#include <vector>

#include "frontdoor/search/analyser.hpp"

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

// Escapes text[begin, end) and marks the tokens in [first, last) that match.
std::string Render(std::string_view text, std::size_t begin, std::size_t end,
                   const std::vector<Token>& tokens, std::size_t first, std::size_t last,
                   const TermSet& terms) {
  std::string out;
  out.reserve(end - begin + 32);
  std::size_t at = begin;
  for (std::size_t i = first; i < last; ++i) {
    const Token& token = tokens[i];
    if (!terms.contains(token.term)) {
      continue;
    }
    AppendEscaped(out, text.substr(at, token.begin - at));
    out += "<mark>";
    AppendEscaped(out, text.substr(token.begin, token.end - token.begin));
    out += "</mark>";
    at = token.end;
  }
  AppendEscaped(out, text.substr(at, end - at));
  return out;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendEscaped(out, text);
  return out;
}

std::string Highlight(std::string_view text, const TermSet& terms) {
  const auto tokens = Analyse(text);
  return Render(text, 0, text.size(), tokens, 0, tokens.size(), terms);
}

std::string Snippet(std::string_view text, const TermSet& terms, std::size_t words) {
  const auto tokens = Analyse(text);
  if (tokens.empty()) {
    return EscapeHtml(text.substr(0, std::min<std::size_t>(text.size(), 200)));
  }
  words = std::max<std::size_t>(words, 1);
  // Slide a window of `words` tokens; score it by distinct matched terms, then by matches.
  std::size_t best_first = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  for (std::size_t first = 0; first < tokens.size(); ++first) {
    if (first > 0 && !terms.contains(tokens[first].term)) {
      continue;  // the best windows start at a match (or at the beginning)
    }
    const std::size_t last = std::min(tokens.size(), first + words);
    TermSet seen;
    std::size_t matches = 0;
    for (std::size_t i = first; i < last; ++i) {
      if (terms.contains(tokens[i].term)) {
        seen.insert(tokens[i].term);
        ++matches;
      }
    }
    const std::pair score{seen.size(), matches};
    if (score > best_score) {
      best_score = score;
      best_first = first;
    }
  }
  // Start a few words before the first match, so it is read in context.
  const std::size_t first = best_first >= 3 && best_score.first > 0 ? best_first - 3 : best_first;
  const std::size_t last = std::min(tokens.size(), first + words);
  // Token offsets sit on code point boundaries, so a cut never splits a character.
  const std::size_t begin = first == 0 ? 0 : tokens[first].begin;
  const std::size_t end = last == tokens.size() ? text.size() : tokens[last - 1].end;
  std::string out;
  if (begin > 0) {
    out += kEllipsis;
  }
  out += Render(text, begin, end, tokens, first, last, terms);
  if (end < text.size()) {
    out += kEllipsis;
  }
  return out;
}

}  // namespace frontdoor::search
