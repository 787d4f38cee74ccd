// Property-style tests: random documents and random update sequences, checked against a
// plain model (a map of what each document says), so in-place updates cannot leave stale
// postings behind or lose documents.
#include <map>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "frontdoor/search/analyser.hpp"
#include "frontdoor/search/index.hpp"

namespace frontdoor::search {
namespace {

const std::vector<std::string> kWords = {
    "bin",    "recycling", "garden",   "noise",   "pest",    "rats",      "dog",    "park",
    "grave",  "birth",     "death",    "wedding", "leisure", "pool",      "hall",   "licence",
    "street", "cleaning",  "graffiti", "litter",  "bulky",   "furniture", "fridge", "glass"};

std::string RandomText(std::mt19937& random, int words) {
  std::uniform_int_distribution<std::size_t> pick(0, kWords.size() - 1);
  std::string text;
  for (int i = 0; i < words; ++i) {
    text += kWords[pick(random)] + " ";
  }
  return text;
}

std::set<std::int64_t> Matching(const std::map<std::int64_t, std::string>& model,
                                const std::string& word) {
  std::set<std::int64_t> ids;
  const std::string term = Stem(Fold(word));
  for (const auto& [id, text] : model) {
    for (const Token& token : Analyse(text)) {
      if (token.term == term) {
        ids.insert(id);
        break;
      }
    }
  }
  return ids;
}

TEST(IndexPropertyTest, RandomUpdatesAgreeWithAPlainModel) {
  std::mt19937 random(42);
  Index index;
  std::map<std::int64_t, std::string> model;
  std::uniform_int_distribution<std::int64_t> id_of(1, 60);
  std::uniform_int_distribution<int> action(0, 9);
  for (int step = 0; step < 2000; ++step) {
    const std::int64_t id = id_of(random);
    if (action(random) < 2) {
      EXPECT_EQ(index.Remove(id), model.erase(id) == 1);
    } else {
      const std::string text = RandomText(random, 1 + static_cast<int>(id % 7));
      Document document;
      document.id = id;
      document.fields[static_cast<std::size_t>(Field::kBody)] = text;
      index.Put(document);
      model[id] = text;
    }
    if (step % 100 != 99) {
      continue;
    }
    ASSERT_EQ(index.size(), model.size());
    for (const std::string& word : kWords) {
      Query query;
      query.text = word;
      query.limit = 1000;
      query.snippets = false;
      std::set<std::int64_t> found;
      for (const Hit& hit : index.Search(query).hits) {
        found.insert(hit.id);
        EXPECT_GT(hit.score, 0);
      }
      // Corrections may add documents with a similar word, never lose an exact one.
      for (const std::int64_t expected : Matching(model, word)) {
        EXPECT_TRUE(found.contains(expected)) << word << " lost document " << expected;
      }
    }
  }
}

TEST(IndexPropertyTest, ScoresAreOrderedAndDeterministic) {
  std::mt19937 random(3);
  Index index;
  for (std::int64_t id = 1; id <= 300; ++id) {
    Document document;
    document.id = id;
    document.fields[0] = RandomText(random, 3);
    document.fields[3] = RandomText(random, 40);
    index.Put(document);
  }
  Query query;
  query.text = "garden bin recycling";
  query.limit = 300;
  const auto first = index.Search(query);
  const auto second = index.Search(query);
  ASSERT_EQ(first.hits.size(), second.hits.size());
  for (std::size_t i = 0; i < first.hits.size(); ++i) {
    EXPECT_EQ(first.hits[i].id, second.hits[i].id);
    if (i > 0) {
      EXPECT_GE(first.hits[i - 1].score, first.hits[i].score);
    }
  }
}

TEST(IndexPropertyTest, HostileQueriesNeverFail) {
  Index index;
  Document document;
  document.id = 1;
  document.fields[0] = "Bin collection";
  index.Put(document);
  std::mt19937 random(9);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int trial = 0; trial < 200; ++trial) {
    std::string text;
    for (int i = 0; i < 300; ++i) {
      text.push_back(static_cast<char>(byte(random)));
    }
    Query query;
    query.text = text;
    query.prefix_last = trial % 2 == 0;
    const auto results = index.Search(query);
    for (const Hit& hit : results.hits) {
      EXPECT_EQ(hit.id, 1);
    }
  }
}

}  // namespace
}  // namespace frontdoor::search
