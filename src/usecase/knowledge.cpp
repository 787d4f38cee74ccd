// Articles: validation, versions, publishing, review dates.
#include "frontdoor/usecase/knowledge.hpp"

#include <algorithm>
#include <charconv>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/search/analyser.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/catalogue.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxSummary = 600;
constexpr std::size_t kMaxBodyBytes = 200'000;
constexpr std::size_t kMaxKeywords = 500;
constexpr std::size_t kMaxSlug = 100;
constexpr std::size_t kMaxServices = 20;

bool IsSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlug || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  char previous = 0;
  for (const char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) {
      return false;
    }
    previous = c;
  }
  return true;
}

// "Bins & recycling: what goes where?" -> "bins-recycling-what-goes-where"; letters outside
// a-z (after folding fadas away) are dropped.
std::string SlugFrom(std::string_view title) {
  std::string slug;
  for (const char c : search::Fold(title)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (c == ' ' && !slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  if (slug.size() > 80) {
    slug.resize(80);
  }
  while (!slug.empty() && slug.back() == '-') {
    slug.pop_back();
  }
  return slug.empty() ? "article" : slug;
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  const auto number = [&text](std::size_t at, std::size_t length, auto& out) {
    const auto* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + length, out);
    return ec == std::errc() && end == first + length;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) {
    return false;
  }
  return date::year_month_day(date::year(y), date::month(m), date::day(d)).ok();
}

void CheckText(std::vector<FieldError>& errors, const char* field, const std::string& value,
               std::size_t max_chars, bool required) {
  if (!IsValidUtf8(value)) {
    errors.push_back({field, "Must be valid UTF-8"});
  } else if (required && Trim(value).empty()) {
    errors.push_back({field, "Enter a value"});
  } else if (CountCodePoints(value) > max_chars) {
    errors.push_back({field, "Must be at most " + std::to_string(max_chars) + " characters"});
  }
}

std::vector<FieldError> Validate(const ArticleInput& input) {
  std::vector<FieldError> errors;
  if (input.slug && !IsSlug(*input.slug)) {
    errors.push_back({"slug", "Use 1 to 100 of a-z, 0-9 and single hyphens between words"});
  }
  CheckText(errors, "title", input.title, kMaxTitle, true);
  CheckText(errors, "summary", input.summary, kMaxSummary, false);
  CheckText(errors, "keywords", input.keywords, kMaxKeywords, false);
  if (!IsValidUtf8(input.body_markdown)) {
    errors.push_back({"body_markdown", "Must be valid UTF-8"});
  } else if (Trim(input.body_markdown).empty()) {
    errors.push_back({"body_markdown", "Enter the article's text"});
  } else if (input.body_markdown.size() > kMaxBodyBytes) {
    errors.push_back({"body_markdown", "Must be at most 200,000 bytes"});
  }
  if (input.audience != "public" && input.audience != "staff") {
    errors.push_back({"audience", "Must be public or staff"});
  }
  if (input.services.size() > kMaxServices) {
    errors.push_back({"services", "At most 20 services"});
  }
  if (input.owner_team_code && input.owner_user_email) {
    errors.push_back({"owner", "Give an owning team or an owning user, not both"});
  }
  if (input.review_by && !IsDate(*input.review_by)) {
    errors.push_back({"review_by", "Must be a date as YYYY-MM-DD"});
  }
  return errors;
}

// Codes and emails to ids, as field errors: to the editor an unknown service is a field to
// fix, not a missing resource.
Result<void> ResolveReferences(store::ReadTx& tx, const ArticleInput& input,
                               store::ArticleRecord& article,
                               std::vector<std::int64_t>& service_ids) {
  std::vector<FieldError> errors;
  store::Catalogue catalogue(tx);
  article.services.clear();
  for (std::size_t i = 0; i < input.services.size(); ++i) {
    auto service = catalogue.FindService(input.services[i]);
    if (!service) {
      if (service.error().code() != ErrorCode::kNotFound) {
        return service.error();
      }
      errors.push_back({"services[" + std::to_string(i) + "]", "No service has this code"});
      continue;
    }
    if (std::find(service_ids.begin(), service_ids.end(), service->id) == service_ids.end()) {
      service_ids.push_back(service->id);
      article.services.push_back(service->code);
    }
  }
  article.owner_team_id.reset();
  article.owner_user_id.reset();
  if (input.owner_team_code) {
    auto team = catalogue.FindTeam(*input.owner_team_code);
    if (team) {
      article.owner_team_id = team->id;
    } else if (team.error().code() == ErrorCode::kNotFound) {
      errors.push_back({"owner_team_code", "No team has this code"});
    } else {
      return team.error();
    }
  }
  if (input.owner_user_email) {
    auto user = store::StaffUsers(tx).FindByEmail(ToLowerAscii(*input.owner_user_email));
    if (user) {
      article.owner_user_id = user->id;
    } else if (user.error().code() == ErrorCode::kNotFound) {
      errors.push_back({"owner_user_email", "No staff user has this email"});
    } else {
      return user.error();
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return {};
}

void ApplyInput(const ArticleInput& input, store::ArticleRecord& article) {
  article.slug = input.slug.value_or(article.slug.empty() ? SlugFrom(input.title) : article.slug);
  article.title = Trim(input.title);
  article.summary = Trim(input.summary);
  article.body_markdown = input.body_markdown;
  article.body_html = RenderMarkdown(input.body_markdown);
  article.keywords = Trim(input.keywords);
  article.audience = input.audience;
  article.review_by = input.review_by;
}

store::ArticleVersionRecord VersionOf(const store::ArticleRecord& a, const std::string& actor) {
  return {a.id,       a.version, a.title,    a.summary, a.body_markdown, a.keywords,
          a.audience, a.state,   a.services, actor,     a.updated_at};
}

Result<void> SlugTaken(const Error& error) {
  if (error.code() == ErrorCode::kConflict) {
    return Error::Invalid("slug", "Another article has this slug");
  }
  return error;
}

// Reads the article back inside the unit of work (owners' codes, services) for the index.
Result<store::ArticleRecord> Saved(store::KnowledgeBase& kb, std::int64_t id) {
  return kb.FindArticle(id);
}

}  // namespace

Result<store::ArticleRecord> CreateArticle(const KnowledgeContext& ctx, const ArticleInput& input,
                                           const std::string& actor) {
  if (auto errors = Validate(input); !errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto saved = store::WriteValue<store::ArticleRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::ArticleRecord> {
        store::ArticleRecord article;
        std::vector<std::int64_t> service_ids;
        if (auto resolved = ResolveReferences(tx, input, article, service_ids); !resolved) {
          return resolved.error();
        }
        ApplyInput(input, article);
        article.state = "draft";
        article.version = 1;
        article.created_at = article.updated_at = ctx.clock.Now();
        store::KnowledgeBase kb(tx);
        auto id = kb.InsertArticle(article);
        if (!id) {
          return SlugTaken(id.error()).error();
        }
        article.id = *id;
        if (auto linked = kb.SetServices(article.id, service_ids); !linked) {
          return linked.error();
        }
        if (auto versioned = kb.InsertVersion(VersionOf(article, actor)); !versioned) {
          return versioned.error();
        }
        return Saved(kb, article.id);
      });
  if (saved) {
    ctx.index.Put(*saved);
  }
  return saved;
}

Result<store::ArticleRecord> UpdateArticle(const KnowledgeContext& ctx, std::int64_t id,
                                           const ArticleInput& input, const std::string& actor) {
  if (auto errors = Validate(input); !errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto saved = store::WriteValue<store::ArticleRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::ArticleRecord> {
        store::KnowledgeBase kb(tx);
        auto article = kb.FindArticle(id);
        if (!article) {
          return article.error();
        }
        if (input.expected_version && *input.expected_version != article->version) {
          return Error(ErrorCode::kConflict,
                       "The article has been saved by someone else since "
                       "version " +
                           std::to_string(*input.expected_version));
        }
        std::vector<std::int64_t> service_ids;
        if (auto resolved = ResolveReferences(tx, input, *article, service_ids); !resolved) {
          return resolved.error();
        }
        ApplyInput(input, *article);
        article->version += 1;
        article->updated_at = ctx.clock.Now();
        if (auto updated = kb.UpdateArticle(*article); !updated) {
          return SlugTaken(updated.error()).error();
        }
        if (auto linked = kb.SetServices(article->id, service_ids); !linked) {
          return linked.error();
        }
        if (auto versioned = kb.InsertVersion(VersionOf(*article, actor)); !versioned) {
          return versioned.error();
        }
        return Saved(kb, article->id);
      });
  if (saved) {
    ctx.index.Put(*saved);
  }
  return saved;
}

Result<store::ArticleRecord> SetArticlePublished(const KnowledgeContext& ctx, std::int64_t id,
                                                 bool publish, const std::string& actor) {
  auto saved = store::WriteValue<store::ArticleRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::ArticleRecord> {
        store::KnowledgeBase kb(tx);
        auto article = kb.FindArticle(id);
        if (!article) {
          return article.error();
        }
        const std::string state = publish ? "published" : "draft";
        if (article->state == state) {
          return std::move(*article);  // nothing changes, so no new version
        }
        article->state = state;
        article->version += 1;
        article->updated_at = ctx.clock.Now();
        if (publish) {
          article->published_at = article->updated_at;
        }
        if (auto updated = kb.UpdateArticle(*article); !updated) {
          return updated.error();
        }
        if (auto versioned = kb.InsertVersion(VersionOf(*article, actor)); !versioned) {
          return versioned.error();
        }
        return std::move(*article);
      });
  if (saved) {
    ctx.index.Put(*saved);
  }
  return saved;
}

Result<store::ArticleRecord> GetArticle(const KnowledgeContext& ctx, std::int64_t id) {
  return store::ReadValue<store::ArticleRecord>(
      ctx.store, [&](store::ReadTx& tx) { return store::KnowledgeBase(tx).FindArticle(id); });
}

Result<store::ArticleRecord> GetArticleBySlug(const KnowledgeContext& ctx,
                                              const std::string& slug) {
  if (!IsSlug(slug)) {
    return Error::NotFound("Article not found");
  }
  return store::ReadValue<store::ArticleRecord>(ctx.store, [&](store::ReadTx& tx) {
    return store::KnowledgeBase(tx).FindArticleBySlug(slug);
  });
}

Result<std::vector<store::ArticleRecord>> ListArticles(const KnowledgeContext& ctx,
                                                       const store::ArticleFilter& filter) {
  return store::ReadValue<std::vector<store::ArticleRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::KnowledgeBase(tx).ListArticles(filter); });
}

Result<std::vector<store::ArticleVersionRecord>> ListArticleVersions(const KnowledgeContext& ctx,
                                                                     std::int64_t id) {
  return store::ReadValue<std::vector<store::ArticleVersionRecord>>(
      ctx.store, [&](store::ReadTx& tx) -> Result<std::vector<store::ArticleVersionRecord>> {
        store::KnowledgeBase kb(tx);
        if (auto article = kb.FindArticle(id); !article) {
          return article.error();
        }
        return kb.ListVersions(id);
      });
}

Result<store::ArticleVersionRecord> GetArticleVersion(const KnowledgeContext& ctx, std::int64_t id,
                                                      int version) {
  return store::ReadValue<store::ArticleVersionRecord>(ctx.store, [&](store::ReadTx& tx) {
    return store::KnowledgeBase(tx).FindVersion(id, version);
  });
}

Result<std::vector<store::ArticleRecord>> ArticlesDueForReview(const KnowledgeContext& ctx) {
  const std::string today = date::format("%F", charter::LocalDate(ctx.clock.Now(), ctx.zone));
  return store::ReadValue<std::vector<store::ArticleRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::KnowledgeBase(tx).ReviewDue(today); });
}

}  // namespace frontdoor::usecase
