#include "frontdoor/search/snippet.hpp"

#include <gtest/gtest.h>

#include "frontdoor/search/analyser.hpp"

namespace frontdoor::search {
namespace {

TermSet Terms(std::initializer_list<const char*> words) {
  TermSet out;
  for (const char* word : words) {
    out.insert(Stem(Fold(word)));
  }
  return out;
}

TEST(HighlightTest, MarksMatchedWordsAsWritten) {
  EXPECT_EQ(Highlight("Recycling your bins", Terms({"recycle", "bin"})),
            "<mark>Recycling</mark> your <mark>bins</mark>");
}

TEST(HighlightTest, EscapesEverythingElse) {
  EXPECT_EQ(Highlight("<script>bin</script> & \"x\" 'y'", Terms({"bin"})),
            "&lt;script&gt;<mark>bin</mark>&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;");
}

TEST(HighlightTest, MarksIrishWordsWithTheirFadas) {
  EXPECT_EQ(Highlight("Baile Átha Cliath", Terms({"atha"})), "Baile <mark>Átha</mark> Cliath");
}

TEST(SnippetTest, ShowsTheWindowWithTheMostMatchesWithEllipses) {
  std::string text;
  for (int i = 0; i < 60; ++i) {
    text += "filler ";
  }
  text += "Your brown bin is collected every fortnight.";
  for (int i = 0; i < 60; ++i) {
    text += " more";
  }
  const std::string snippet = Snippet(text, Terms({"brown", "bin"}), 12);
  EXPECT_EQ(snippet.rfind("\u2026", 0), 0U) << snippet;
  EXPECT_NE(snippet.find("<mark>brown</mark> <mark>bin</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("\u2026", 4), std::string::npos) << snippet;
}

TEST(SnippetTest, OpensTheTextWhenNothingMatches) {
  EXPECT_EQ(Snippet("Opening hours of the centre", Terms({"pest"}), 30),
            "Opening hours of the centre");
}

}  // namespace
}  // namespace frontdoor::search
