#include "frontdoor/search/index.hpp"

#include <gtest/gtest.h>

namespace frontdoor::search {
namespace {

Document Doc(std::int64_t id, std::string title, std::string body,
             std::vector<std::string> tags = {"audience:public"}, std::string keywords = {},
             std::string summary = {}) {
  Document document;
  document.id = id;
  document.fields = {std::move(title), std::move(keywords), std::move(summary), std::move(body)};
  document.tags = std::move(tags);
  return document;
}

std::vector<std::int64_t> Ids(const Results& results) {
  std::vector<std::int64_t> ids;
  for (const Hit& hit : results.hits) {
    ids.push_back(hit.id);
  }
  return ids;
}

std::vector<std::int64_t> Find(const Index& index, std::string text, bool prefix = false) {
  Query query;
  query.text = std::move(text);
  query.prefix_last = prefix;
  return Ids(index.Search(query));
}

class IndexTest : public testing::Test {
 protected:
  void SetUp() override {
    index_.Put(Doc(1, "Recycling collections", "What goes in your blue recycling bin."));
    index_.Put(Doc(2, "Bulky waste collection", "Book a collection of furniture and large items."));
    index_.Put(Doc(3, "Missed bin collection", "Report a wheelie bin that was not emptied."));
    index_.Put(Doc(4, "Noise complaints", "Loud music, parties and alarms at night."));
    index_.Put(
        Doc(5, "Dog fouling", "Report dog fouling on a street or in a park.", {"audience:staff"}));
  }
  Index index_;
};

TEST_F(IndexTest, TitleMatchesOutrankBodyMatches) {
  const auto ids = Find(index_, "recycling");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids.front(), 1);
}

TEST_F(IndexTest, PluralsMatchSingulars) {
  EXPECT_EQ(Find(index_, "noises").front(), 4);
}

TEST_F(IndexTest, AMisspeltWordFindsTheRightOne) {
  EXPECT_EQ(Find(index_, "recyling").front(), 1);
  EXPECT_EQ(Find(index_, "complants").front(), 4);
}

// Issue 7: corrections are looked for among whole words, then stemmed. On stems, "recyling"
// (stem "recyl") was two edits from "regul" and found building regulations.
TEST(IndexTypoTest, Issue7CorrectionsCompareWholeWordsNotStems) {
  Index index;
  index.Put(Doc(1, "Building regulations approval", "Regulations for extensions."));
  index.Put(Doc(2, "Building control", "Apply for regulation approval."));
  EXPECT_TRUE(Find(index, "recyling").empty());
  EXPECT_EQ(Find(index, "regulaton"), (std::vector<std::int64_t>{1, 2}));
  index.Put(Doc(3, "Recycling centres", "Opening hours."));
  EXPECT_EQ(Find(index, "recyling"), std::vector<std::int64_t>{3});
  EXPECT_EQ(Find(index, "recyclng"), std::vector<std::int64_t>{3});
}

// Distance 1 from 4 letters and 2 from 8 counts the letters the user typed, not the stem's.
TEST(IndexTypoTest, AllowedTyposCountTheTypedWord) {
  Index index;
  index.Put(Doc(1, "Collections", "Weekly."));
  // "colectons" has 9 letters: two typos allowed, though its stem "colecton" has 8.
  EXPECT_EQ(Find(index, "colectons"), std::vector<std::int64_t>{1});
  // "colectins" -> "collections" is three edits: too many.
  EXPECT_TRUE(Find(index, "colectis").empty());
  // A 7-letter word gets one typo only, though its correction is longer.
  index.Put(Doc(2, "Licence", "Dogs."));
  EXPECT_EQ(Find(index, "licnce"), std::vector<std::int64_t>{2});
  EXPECT_TRUE(Find(index, "lcnce").empty());
}

TEST_F(IndexTest, ShortWordsAreNotCorrected) {
  EXPECT_TRUE(Find(index_, "dig").empty());
}

TEST_F(IndexTest, ExactMatchesOutrankCorrections) {
  index_.Put(Doc(6, "Fouling", "Fouling fines."));
  index_.Put(Doc(7, "Fowling", "Fowling is hunting birds."));
  index_.Put(Doc(8, "Fowling", "Fowling again."));
  index_.Put(Doc(9, "Fowling", "Fowling and more."));
  index_.Put(Doc(10, "Fowling", "Fowling, five."));
  index_.Put(Doc(11, "Fowling", "Fowling, six."));
  const auto ids = Find(index_, "fouling");
  ASSERT_GE(ids.size(), 2U);
  EXPECT_TRUE(ids.front() == 6 || ids.front() == 5);
}

TEST_F(IndexTest, TheLastWordMayBeUnfinished) {
  EXPECT_TRUE(Find(index_, "bulky wa").size() >= 1);
  EXPECT_EQ(Find(index_, "furnit", true).front(), 2);
  EXPECT_TRUE(Find(index_, "furnit", false).empty() || Find(index_, "furnit", false).front() == 2);
}

TEST_F(IndexTest, SynonymsMatchEitherWay) {
  index_.SetSynonyms({{"bin", "wheelie bin", "refuse"}, {"rubbish", "waste"}});
  EXPECT_EQ(Find(index_, "refuse").front(), 3);
  EXPECT_EQ(Find(index_, "bulky rubbish").front(), 2);
}

TEST_F(IndexTest, MultiWordSynonymsNeedEveryWord) {
  index_.Put(Doc(6, "Garden waste", "Brown bin for grass cuttings."));
  index_.SetSynonyms({{"brown bin", "garden waste"}});
  EXPECT_EQ(Find(index_, "brown bin").front(), 6);
  index_.SetSynonyms({{"grass cuttings", "lawn clippings"}});
  EXPECT_EQ(Find(index_, "lawn clippings").front(), 6);
}

TEST_F(IndexTest, FiltersByTags) {
  Query query;
  query.text = "dog fouling";
  query.filters = {{"audience:public"}};
  EXPECT_TRUE(index_.Search(query).hits.empty());
  query.filters = {{"audience:public", "audience:staff"}};
  EXPECT_EQ(Ids(index_.Search(query)), std::vector<std::int64_t>{5});
  query.filters = {{"service:unknown"}};
  EXPECT_TRUE(index_.Search(query).hits.empty());
}

TEST_F(IndexTest, UpdatesInPlace) {
  index_.Put(Doc(4, "Pest control", "Rats, mice and wasps."));
  EXPECT_TRUE(Find(index_, "noise").empty());
  EXPECT_EQ(Find(index_, "wasps").front(), 4);
  EXPECT_EQ(index_.size(), 5U);
}

TEST_F(IndexTest, RemovesDocuments) {
  EXPECT_TRUE(index_.Remove(4));
  EXPECT_FALSE(index_.Remove(4));
  EXPECT_TRUE(Find(index_, "noise").empty());
  EXPECT_FALSE(index_.Contains(4));
  index_.Put(Doc(40, "Noise at night", "Parties."));
  EXPECT_EQ(Find(index_, "noise").front(), 40);
}

TEST_F(IndexTest, HighlightsTitleAndSnippet) {
  Query query;
  query.text = "wheelie bins";
  const auto results = index_.Search(query);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits.front().id, 3);
  EXPECT_EQ(results.hits.front().title_html, "Missed <mark>bin</mark> collection");
  EXPECT_NE(results.hits.front().snippet_html.find("<mark>wheelie</mark> <mark>bin</mark>"),
            std::string::npos);
}

TEST_F(IndexTest, PagesThroughResults) {
  Query query;
  query.text = "collection";
  query.limit = 1;
  const auto first = index_.Search(query);
  EXPECT_EQ(first.total, 3U);
  ASSERT_EQ(first.hits.size(), 1U);
  query.offset = 1;
  query.limit = 10;
  const auto rest = index_.Search(query);
  EXPECT_EQ(rest.hits.size(), 2U);
  query.offset = 100;
  EXPECT_TRUE(index_.Search(query).hits.empty());
}

TEST_F(IndexTest, EmptyAndStopWordQueriesFindNothing) {
  EXPECT_TRUE(Find(index_, "").empty());
  EXPECT_TRUE(Find(index_, "the and of").empty());
  EXPECT_TRUE(Find(index_, "!!! ???").empty());
}

TEST_F(IndexTest, IrishPlaceNamesMatchWithOrWithoutFadas) {
  index_.Put(Doc(20, "Baile Átha Cliath", "Dublin, in Irish."));
  index_.Put(Doc(21, "Béal Feirste", "Belfast, in Irish."));
  EXPECT_EQ(Find(index_, "baile atha cliath").front(), 20);
  EXPECT_EQ(Find(index_, "BEAL FEIRSTE").front(), 21);
  EXPECT_EQ(Find(index_, "Béal").front(), 21);
}

TEST(IndexStatsTest, CountsTermsAndPostings) {
  Index index;
  index.Put(Doc(1, "bin", "bin bin"));
  index.Put(Doc(2, "bin day", ""));
  const auto stats = index.Stats();
  EXPECT_EQ(stats.documents, 2U);
  EXPECT_EQ(stats.terms, 2U);
  EXPECT_EQ(stats.postings, 3U);
  EXPECT_GT(stats.approximate_bytes, 0U);
}

}  // namespace
}  // namespace frontdoor::search
