// What the knowledge base's administration pages need beyond the article use cases: the list
// of articles filtered as an editor filters it (state including "withdrawn", owner, overdue
// for review), and the choices the article form offers (services, teams, staff). Reads only;
// every write goes through knowledge.hpp, so the pages and the staff API share one set of
// rules. Thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/knowledge.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::usecase {

// "published"; "withdrawn" for a draft that was published before; "draft" otherwise.
[[nodiscard]] std::string ArticleStage(const store::ArticleRecord& article);

struct ArticleAdminFilter {
  std::optional<std::string> stage;     // draft | published | withdrawn (ArticleStage)
  std::optional<std::string> audience;  // public | staff
  std::optional<std::string> service;   // a service code
  std::optional<std::string> owner;     // "team:<code>" or "user:<email>"
  bool overdue_only = false;            // review date today or earlier (Europe/London)
};

struct ArticleAdminList {
  std::vector<store::ArticleRecord> articles;  // by id
  bool truncated = false;                      // more matched than kMaxAdminArticles
  std::string today;                           // YYYY-MM-DD in Europe/London
};

inline constexpr std::size_t kMaxAdminArticles = 500;

// The articles that match every filter given, at most kMaxAdminArticles.
Result<ArticleAdminList> FindArticlesForAdmin(const KnowledgeContext& ctx,
                                              const ArticleAdminFilter& filter);

// Whether the article's review date is today or earlier (`today` as YYYY-MM-DD).
[[nodiscard]] bool IsOverdueForReview(const store::ArticleRecord& article,
                                      const std::string& today);

// A member of staff who may own an article (no password hash leaves the use case).
struct StaffChoice {
  std::string email;
  std::string name;
};
struct ArticleChoices {
  std::vector<store::ServiceRecord> services;  // active and inactive
  std::vector<store::TeamRecord> teams;
  std::vector<StaffChoice> staff;
};
Result<ArticleChoices> LoadArticleChoices(const KnowledgeContext& ctx);

}  // namespace frontdoor::usecase
