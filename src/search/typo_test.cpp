#include "typo.hpp"

#include <algorithm>
#include <random>
#include <string>

#include <gtest/gtest.h>

namespace frontdoor::search {
namespace {

TEST(EditDistanceTest, CountsEachKindOfTypoOnce) {
  EXPECT_EQ(EditDistance("recycl", "recycl", 2), 0);
  EXPECT_EQ(EditDistance("recyl", "recycl", 2), 1);    // deletion
  EXPECT_EQ(EditDistance("recyccl", "recycl", 2), 1);  // insertion
  EXPECT_EQ(EditDistance("recxcl", "recycl", 2), 1);   // substitution
  EXPECT_EQ(EditDistance("ercycl", "recycl", 2), 1);   // swap of neighbours
  EXPECT_EQ(EditDistance("recykle", "recycled", 2), 2);
  EXPECT_EQ(EditDistance("beal", "béal", 2), 1);  // by code point, not byte
}

TEST(EditDistanceTest, StopsAtTheLimit) {
  EXPECT_EQ(EditDistance("abcdef", "uvwxyz", 2), 3);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 1), 2);
}

TEST(TyposAllowedTest, OneFromFourLettersTwoFromEight) {
  EXPECT_EQ(TyposAllowed(3), 0);
  EXPECT_EQ(TyposAllowed(4), 1);
  EXPECT_EQ(TyposAllowed(7), 1);
  EXPECT_EQ(TyposAllowed(8), 2);
}

// Property: for random words and random edits, every vocabulary term within the distance is
// among the candidates (no false negatives); the caller filters the rest.
TEST(DeletionIndexTest, CandidatesIncludeEveryTermWithinTheDistance) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> letter('a', 'h');
  std::vector<std::string> vocabulary;
  DeletionIndex index;
  for (std::uint32_t id = 0; id < 400; ++id) {
    std::string word;
    const int length = 5 + static_cast<int>(id % 6);
    for (int k = 0; k < length; ++k) {
      word.push_back(static_cast<char>(letter(random)));
    }
    vocabulary.push_back(word);
    index.Add(word, id);
  }
  for (int trial = 0; trial < 300; ++trial) {
    const std::string& base = vocabulary[static_cast<std::size_t>(trial) % vocabulary.size()];
    std::string query = base;
    const auto at = static_cast<std::size_t>(trial) % query.size();
    query[at] = static_cast<char>(letter(random));
    if (trial % 3 == 0) {
      query.erase(0, 1);
    }
    const int allowed = TyposAllowed(CountLetters(query));
    const auto candidates = index.Candidates(query, allowed);
    for (std::uint32_t id = 0; id < vocabulary.size(); ++id) {
      if (EditDistance(query, vocabulary[id], allowed) <= allowed) {
        EXPECT_TRUE(std::binary_search(candidates.begin(), candidates.end(), id))
            << query << " should find " << vocabulary[id];
      }
    }
  }
}

// A word of 8 letters may carry two typos; its correction may be shorter (one deletion
// stored for words under 8 letters suffices) or as long (two stored from 8).
TEST(DeletionIndexTest, TwoTyposReachShorterAndEqualWords) {
  DeletionIndex index;
  index.Add("recycle", 1);    // 7 letters
  index.Add("recycling", 2);  // 9 letters
  index.Add("regulate", 3);   // 8 letters
  const auto found = index.Candidates("recyclng", 2);
  EXPECT_TRUE(std::binary_search(found.begin(), found.end(), 1U));
  EXPECT_TRUE(std::binary_search(found.begin(), found.end(), 2U));
  const auto swapped = index.Candidates("rgeulaet", 2);  // two swaps
  EXPECT_TRUE(std::binary_search(swapped.begin(), swapped.end(), 3U));
  const auto short_word = index.Candidates("bin", 1);
  EXPECT_TRUE(short_word.empty());
}

TEST(DeletionIndexTest, FindsTermsAddedAfterAMerge) {
  DeletionIndex index;
  for (std::uint32_t id = 0; id < 1000; ++id) {
    index.Add("term" + std::to_string(id), id);
  }
  const auto candidates = index.Candidates("term999x", 1);
  EXPECT_TRUE(std::binary_search(candidates.begin(), candidates.end(), 999U));
}

}  // namespace
}  // namespace frontdoor::search
