// Highlighted text for search results: HTML-escaped, with the words that matched the query
// wrapped in <mark>. Pure functions; thread-safe. The output is safe to place in HTML
// element content (& < > " ' are escaped), whatever the text holds.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "frontdoor/search/analyser.hpp"

namespace frontdoor::search {

// Stemmed terms (as search::Token::term) to mark.
using TermSet = std::unordered_set<std::string>;

// Which term a token matched: 0 for none, otherwise a number that is the same for every
// token of one term (windows are ranked by distinct terms).
using Matcher = std::function<std::size_t(const Token& token)>;

// `text` escaped, every word whose term is in `terms` marked.
[[nodiscard]] std::string Highlight(std::string_view text, const TermSet& terms);

// The window of about `words` words of `text` holding the most distinct marked terms,
// escaped and marked, with "…" where text was cut. Without a match, the opening words.
[[nodiscard]] std::string Snippet(std::string_view text, const TermSet& terms,
                                  std::size_t words = 30);

// The same over tokens the caller made from `text` (Analyse or AnalyseWords) and its own
// matcher, which saves stemming every word of a long text.
[[nodiscard]] std::string Highlight(std::string_view text, const std::vector<Token>& tokens,
                                    const Matcher& match);
[[nodiscard]] std::string Snippet(std::string_view text, const std::vector<Token>& tokens,
                                  const Matcher& match, std::size_t words = 30);

// A word of a text: its byte offsets and what it matched (0 for nothing, otherwise a number
// the same for every word of one term), for callers that know the words already.
struct MarkedWord {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t key = 0;
};
[[nodiscard]] std::string Highlight(std::string_view text, const std::vector<MarkedWord>& words);
[[nodiscard]] std::string Snippet(std::string_view text, const std::vector<MarkedWord>& words,
                                  std::size_t window = 30);

// `text` with & < > " ' escaped for HTML.
[[nodiscard]] std::string EscapeHtml(std::string_view text);

}  // namespace frontdoor::search
