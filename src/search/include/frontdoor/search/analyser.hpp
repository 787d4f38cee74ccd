// Text analysis for search: the one place that decides what a "term" is, so that documents
// and queries are cut the same way. Pure (no I/O); an Analyser is immutable after
// construction and may be shared by threads (the Snowball stemmer it uses is per thread).
//
// Steps, in order: UTF-8 decoding (invalid bytes are word breaks), Unicode lower-casing of
// Latin, Greek and Cyrillic letters, folding of diacritics and ligatures (Irish fadas: "Átha"
// and "atha" are one word; "Straße" is "strasse"), apostrophes inside words dropped
// ("O'Neill" is "oneill", "council's" is "councils"), splitting on everything that is not a
// letter or digit, stop words dropped (positions kept), English Snowball stemming of words
// without digits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frontdoor::search {

struct Token {
  std::string term;            // stemmed, folded: what the index stores
  std::string surface;         // folded but not stemmed: what prefix matching compares
  std::uint32_t position = 0;  // word number in the text, stop words counted
  std::size_t begin = 0;       // byte offsets of the word in the original text
  std::size_t end = 0;
};

// Lower-cased and folded `text` (no splitting, no stemming): "Béal Feirste" -> "beal feirste".
[[nodiscard]] std::string Fold(std::string_view text);

// The English Snowball stem of a folded word ("recycling" -> "recycl").
[[nodiscard]] std::string Stem(std::string_view folded_word);

// Whether a folded word is an English stop word ("the", "and", ...).
[[nodiscard]] bool IsStopWord(std::string_view folded_word);

// The tokens of `text`, stop words left out. Offsets point into `text`. Words longer than
// kMaxWordBytes once folded are skipped (no real word is; hostile input may be).
[[nodiscard]] std::vector<Token> Analyse(std::string_view text);

inline constexpr std::size_t kMaxWordBytes = 64;

// Like Analyse but without stemming (each token's term is empty): cheaper, for callers that
// look surfaces up themselves (highlighting against an index's vocabulary).
[[nodiscard]] std::vector<Token> AnalyseWords(std::string_view text);

}  // namespace frontdoor::search
