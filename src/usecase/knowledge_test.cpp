#include "frontdoor/usecase/knowledge.hpp"

#include <gtest/gtest.h>

#include "frontdoor/core/text.hpp"

namespace frontdoor::usecase {
namespace {

TEST(MarkdownTest, RendersGithubFlavour) {
  const std::string html = RenderMarkdown(
      "# Bins\n\n| Bin | Day |\n| --- | --- |\n| Blue | Monday |\n\n~~old~~ "
      "www.belfastcity.gov.uk");
  EXPECT_NE(html.find("<h1>Bins</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<del>old</del>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"http://www.belfastcity.gov.uk\">"), std::string::npos) << html;
}

TEST(MarkdownTest, DropsRawHtmlAndDangerousLinks) {
  const std::string html = RenderMarkdown(
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))"
      "\n\n[data](data:text/html;base64,PHNjcmlwdD4=)\n\ntext <iframe src=x></iframe>");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("<iframe"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("data:text"), std::string::npos) << html;
}

TEST(MarkdownTest, PlainTextForTheIndex) {
  const std::string text = MarkdownText("## Brown bin\n\n* **Grass** cuttings\n* [Leaves](/x)");
  EXPECT_NE(text.find("Brown bin"), std::string::npos);
  EXPECT_NE(text.find("Grass cuttings"), std::string::npos);
  EXPECT_EQ(text.find("**"), std::string::npos);
  EXPECT_EQ(text.find("(/x)"), std::string::npos);
}

// Found by tests/fuzz/markdown_fuzz.cpp: invalid UTF-8 was copied through, and the plain-text
// renderer wrote U+FFFF as the lone byte 0xFF.
TEST(MarkdownTest, OutputIsValidUtf8WhateverTheInput) {
  for (const std::string input : {"bad \xC3\x28 and \xFF bytes", "a\xEF\xBF\xBF b\xEF\xBF\xBE"}) {
    EXPECT_TRUE(IsValidUtf8(RenderMarkdown(input))) << input;
    EXPECT_TRUE(IsValidUtf8(MarkdownText(input))) << input;
  }
  EXPECT_EQ(MarkdownText("a\xEF\xBF\xBF"), "a\xEF\xBF\xBD\n");
}

}  // namespace
}  // namespace frontdoor::usecase
