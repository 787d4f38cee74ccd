// Highlighted text for search results: HTML-escaped, with the words that matched the query
// wrapped in <mark>. Pure functions; thread-safe. The output is safe to place in HTML
// element content (& < > " ' are escaped), whatever the text holds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace frontdoor::search {

// Stemmed terms (as search::Token::term) to mark.
using TermSet = std::unordered_set<std::string>;

// `text` escaped, every word whose term is in `terms` marked.
[[nodiscard]] std::string Highlight(std::string_view text, const TermSet& terms);

// The window of about `words` words of `text` holding the most distinct marked terms,
// escaped and marked, with "…" where text was cut. Without a match, the opening words.
[[nodiscard]] std::string Snippet(std::string_view text, const TermSet& terms,
                                  std::size_t words = 30);

// `text` with & < > " ' escaped for HTML.
[[nodiscard]] std::string EscapeHtml(std::string_view text);

}  // namespace frontdoor::search
