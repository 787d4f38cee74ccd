// The administration pages' reads of the knowledge base: the filtered list and the article
// form's choices.
#include "frontdoor/usecase/knowledge_admin.hpp"

#include <date/date.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/store/accounts.hpp"

namespace frontdoor::usecase {
namespace {

// Store pages as large as the list may be, so a filter the database cannot apply (owner,
// withdrawn, overdue) rarely needs a second page.
constexpr int kStorePage = 500;

bool Keeps(const ArticleAdminFilter& filter, const store::ArticleRecord& article,
           const std::string& today) {
  if (filter.stage && ArticleStage(article) != *filter.stage) {
    return false;
  }
  if (filter.owner) {
    const std::string owner = article.owner_team_code    ? "team:" + *article.owner_team_code
                              : article.owner_user_email ? "user:" + *article.owner_user_email
                                                         : std::string();
    if (owner != *filter.owner) {
      return false;
    }
  }
  return !filter.overdue_only || IsOverdueForReview(article, today);
}

}  // namespace

std::string ArticleStage(const store::ArticleRecord& article) {
  if (article.state == "published") {
    return "published";
  }
  // Withdrawing keeps published_at: the article was public once, so readers may look for it.
  return article.published_at ? "withdrawn" : "draft";
}

bool IsOverdueForReview(const store::ArticleRecord& article, const std::string& today) {
  // Both are YYYY-MM-DD, so text order is date order.
  return article.review_by && *article.review_by <= today;
}

Result<ArticleAdminList> FindArticlesForAdmin(const KnowledgeContext& ctx,
                                              const ArticleAdminFilter& filter) {
  ArticleAdminList list;
  list.today = date::format("%F", charter::LocalDate(ctx.clock.Now(), ctx.zone));
  store::ArticleFilter query;
  if (filter.stage) {
    query.state = *filter.stage == "published" ? "published" : "draft";
  }
  query.audience = filter.audience;
  query.service_code = filter.service;
  query.limit = kStorePage;
  auto read = ctx.store.Read([&](store::ReadTx& tx) -> Result<void> {
    store::KnowledgeBase kb(tx);
    for (;;) {
      auto page = kb.ListArticles(query);
      if (!page) {
        return page.error();
      }
      for (auto& article : *page) {
        if (!Keeps(filter, article, list.today)) {
          continue;
        }
        if (list.articles.size() == kMaxAdminArticles) {
          list.truncated = true;
          return {};
        }
        list.articles.push_back(std::move(article));
      }
      if (page->size() < static_cast<std::size_t>(kStorePage)) {
        return {};
      }
      query.after_id = page->back().id;
    }
  });
  if (!read) {
    return read.error();
  }
  return list;
}

Result<ArticleChoices> LoadArticleChoices(const KnowledgeContext& ctx) {
  return store::ReadValue<ArticleChoices>(
      ctx.store, [](store::ReadTx& tx) -> Result<ArticleChoices> {
        store::Catalogue catalogue(tx);
        auto services = catalogue.ListServices(true);
        if (!services) {
          return services.error();
        }
        auto teams = catalogue.ListTeams();
        if (!teams) {
          return teams.error();
        }
        auto users = store::StaffUsers(tx).List();
        if (!users) {
          return users.error();
        }
        ArticleChoices choices{std::move(*services), std::move(*teams), {}};
        for (const auto& user : *users) {
          choices.staff.push_back({user.email, user.name});
        }
        return choices;
      });
}

}  // namespace frontdoor::usecase
