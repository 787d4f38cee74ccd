#include "frontdoor/usecase/knowledge_admin.hpp"

#include <gtest/gtest.h>

namespace frontdoor::usecase {
namespace {

store::ArticleRecord Article(std::string state, bool was_published,
                             std::optional<std::string> review_by) {
  store::ArticleRecord article;
  article.state = std::move(state);
  if (was_published) {
    article.published_at = Instant{};
  }
  article.review_by = std::move(review_by);
  return article;
}

TEST(ArticleStageTest, AWithdrawnArticleIsADraftThatWasPublishedBefore) {
  EXPECT_EQ(ArticleStage(Article("draft", false, std::nullopt)), "draft");
  EXPECT_EQ(ArticleStage(Article("published", true, std::nullopt)), "published");
  EXPECT_EQ(ArticleStage(Article("draft", true, std::nullopt)), "withdrawn");
}

TEST(ArticleStageTest, OverdueForReviewFromTheReviewDateItself) {
  const std::string today = "2026-03-02";
  EXPECT_FALSE(IsOverdueForReview(Article("published", true, std::nullopt), today))
      << "no review date, never overdue";
  EXPECT_FALSE(IsOverdueForReview(Article("published", true, "2026-03-03"), today));
  EXPECT_TRUE(IsOverdueForReview(Article("published", true, "2026-03-02"), today))
      << "due today is due";
  EXPECT_TRUE(IsOverdueForReview(Article("draft", false, "2025-12-31"), today));
}

}  // namespace
}  // namespace frontdoor::usecase
