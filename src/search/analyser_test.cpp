#include "frontdoor/search/analyser.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor::search {
namespace {

std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& token : Analyse(text)) {
    out.push_back(token.term);
  }
  return out;
}

struct FoldCase {
  const char* rule;
  const char* input;
  const char* folded;
};

class FoldTest : public testing::TestWithParam<FoldCase> {};

TEST_P(FoldTest, FoldsToPlainLowerCase) {
  EXPECT_EQ(Fold(GetParam().input), GetParam().folded) << GetParam().rule;
}

INSTANTIATE_TEST_SUITE_P(
    Analyser, FoldTest,
    testing::Values(FoldCase{"Irish fadas", "Baile Átha Cliath", "baile atha cliath"},
                    FoldCase{"capital fada", "Béal Feirste ÓG", "beal feirste og"},
                    FoldCase{"apostrophe inside a word", "O'Neill's", "oneills"},
                    FoldCase{"typographic apostrophe", "council\u2019s", "councils"},
                    FoldCase{"quotes around words are breaks", "'bins'", "bins"},
                    FoldCase{"German sharp s and ligature", "Straße Æsir", "strasse aesir"},
                    FoldCase{"Latin Extended-A", "Łódź Čapek", "lodz capek"},
                    FoldCase{"decomposed accents", "Cafe\u0301", "cafe"},
                    FoldCase{"old Irish dotted consonants", "\u1E02\u1E03", "bb"},
                    FoldCase{"Cyrillic and Greek capitals", "МОСКВА ΑΘΗΝΑ", "москва αθηνα"},
                    FoldCase{"hyphens and punctuation split", "wheelie-bin, (refuse)!",
                             "wheelie bin refuse"},
                    FoldCase{"digits stay", "BCC-26-000123", "bcc 26 000123"},
                    FoldCase{"invalid UTF-8 breaks words",
                             "bin\xFF\xFE"
                             "day",
                             "bin day"},
                    FoldCase{"truncated sequence at the end", "bin\xC3", "bin"}));

TEST(AnalyserTest, StemsPluralsAndVerbForms) {
  EXPECT_EQ(Terms("bins"), Terms("bin"));
  EXPECT_EQ(Terms("collections"), Terms("collection"));
  EXPECT_EQ(Terms("recycling"), Terms("recycled"));
  EXPECT_EQ(Stem("recycling"), "recycl");
}

TEST(AnalyserTest, DropsStopWordsButCountsTheirPositions) {
  const auto tokens = Analyse("When is the bin collected");
  ASSERT_EQ(tokens.size(), 2U);
  EXPECT_EQ(tokens[0].term, "bin");
  EXPECT_EQ(tokens[0].position, 3U);
  EXPECT_EQ(tokens[1].position, 4U);
}

TEST(AnalyserTest, OffsetsPointAtTheOriginalBytes) {
  const std::string text = "Béal Feirste";
  const auto tokens = Analyse(text);
  ASSERT_EQ(tokens.size(), 2U);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Béal");
  EXPECT_EQ(tokens[0].surface, "beal");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "Feirste");
}

TEST(AnalyserTest, NumbersAreNotStemmed) {
  EXPECT_EQ(Terms("1990s"), std::vector<std::string>{"1990s"});
}

TEST(AnalyserTest, SkipsAbsurdlyLongWords) {
  EXPECT_TRUE(Analyse(std::string(500, 'a')).empty());
}

TEST(AnalyserTest, NeverFailsOnArbitraryBytes) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) {
    bytes.push_back(static_cast<char>((i * 7919) % 256));
  }
  for (const Token& token : Analyse(bytes)) {
    EXPECT_LE(token.begin, token.end);
    EXPECT_LE(token.end, bytes.size());
    EXPECT_FALSE(token.term.empty());
  }
}

}  // namespace
}  // namespace frontdoor::search
