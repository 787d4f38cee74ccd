#include "frontdoor/core/name_match.hpp"

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

TEST(NormaliseNameTest, FoldsTheWaysPeopleWriteNames) {
  EXPECT_EQ(NormaliseName("  Seán  O'Neill "), "sean oneill");
  EXPECT_EQ(NormaliseName("Mr. Pádraig MacAllister-Ó Briain"), "padraig mcallister o briain");
  EXPECT_EQ(NormaliseName("DR ÉILÍS ní  Dhuibhir"), "eilis ni dhuibhir");
  EXPECT_EQ(NormaliseName("Mackenzie"), "mckenzie");
  EXPECT_EQ(NormaliseName("Mack"), "mack");  // too short to be Mac + name
  EXPECT_EQ(NormaliseName(""), "");
}

TEST(JaroWinklerTest, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("martha", "martha"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("a", ""), 0.0);
}

TEST(NameSimilarityTest, SameNameWrittenDifferentlyIsAMatch) {
  EXPECT_DOUBLE_EQ(NameSimilarity("Seán O'Neill", "sean oneill"), 1.0);
  EXPECT_DOUBLE_EQ(NameSimilarity("Smith John", "John Smith"), 1.0);
  EXPECT_GT(NameSimilarity("Jon Smith", "John Smith"), 0.9);
  EXPECT_GT(NameSimilarity("John Smith", "John Paul Smith"), 0.85);
}

TEST(NameSimilarityTest, DifferentPeopleScoreLow) {
  EXPECT_LT(NameSimilarity("John Smith", "Mary Jones"), 0.7);
  EXPECT_LT(NameSimilarity("John Smith", "Mary Jones"), NameSimilarity("John Smith", "Jon Smyth"));
  EXPECT_LT(NameSimilarity("John Smith", "John Brown"), NameSimilarity("John Smith", "Jon Smyth"));
}

TEST(CandidateScoreTest, PostcodeBreaksTiesBetweenNames) {
  const std::optional<std::string> bt7 = "BT7 1NN";
  const double same_postcode = CandidateScore("John Smith", bt7, "John Smith", bt7);
  const double same_district =
      CandidateScore("John Smith", bt7, "John Smith", std::string("BT7 3AB"));
  const double elsewhere = CandidateScore("John Smith", bt7, "John Smith", std::string("BT15 2GS"));
  const double unknown = CandidateScore("John Smith", bt7, "John Smith", std::nullopt);
  EXPECT_GT(same_postcode, same_district);
  EXPECT_GT(same_district, unknown);
  EXPECT_GE(unknown, elsewhere);
  EXPECT_LE(same_postcode, 1.0);
  // "BT1" is not the outward code of "BT15".
  EXPECT_EQ(CandidateScore("A B", std::string("BT1 5GS"), "A B", std::string("BT15 2GS")),
            CandidateScore("A B", std::string("BT1 5GS"), "A B", std::string("BT9 5GS")));
}

}  // namespace
}  // namespace frontdoor
