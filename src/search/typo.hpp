// Typo tolerance over the index vocabulary (private to search). A symmetric deletion index:
// every term is stored under the strings it becomes with up to two characters deleted, and
// a query word finds its candidates by looking up its own deletions. Candidates are then
// checked with the real edit distance, so hash collisions cost time, never a wrong answer.
// Keys are 64-bit hashes in sorted arrays rather than a hash map of strings: about 12 bytes
// per deletion, so 20,000 terms cost a few megabytes. Not thread-safe on its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace frontdoor::search {

// Optimal string alignment distance (insertions, deletions, substitutions and swaps of two
// neighbours each count 1) between two UTF-8 strings, by code point. Returns limit + 1 as soon
// as the distance is known to exceed `limit`.
[[nodiscard]] int EditDistance(std::string_view a, std::string_view b, int limit);

// How many typos a word of `letters` code points may carry: none below 4, one from 4, two
// from 8.
[[nodiscard]] int TyposAllowed(std::size_t letters);

[[nodiscard]] std::size_t CountLetters(std::string_view utf8);

class DeletionIndex {
 public:
  // Registers `term` (its id in the caller's vocabulary). Terms of 3 to 7 letters get one
  // deletion, longer ones two: with TyposAllowed on the query word, two typos are only
  // looked for from 8 letters, and then a shorter term needs one deletion on its side.
  void Add(std::string_view term, std::uint32_t id);
  // Ids whose deletion strings meet those of `word` within `max_distance` deletions: a
  // superset of the terms within that edit distance when max_distance is at most
  // TyposAllowed(letters of `word`) (the caller checks each).
  [[nodiscard]] std::vector<std::uint32_t> Candidates(std::string_view word,
                                                      int max_distance) const;
  [[nodiscard]] std::size_t entries() const { return keys_.size() + recent_.size(); }

 private:
  void Merge();

  std::vector<std::uint64_t> keys_;  // sorted, parallel to ids_
  std::vector<std::uint32_t> ids_;
  // Additions since the last merge, kept sorted; merged into the arrays above when large, so
  // an update costs a small insertion rather than moving the whole table.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> recent_;
};

}  // namespace frontdoor::search
