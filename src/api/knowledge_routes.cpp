#include "frontdoor/api/knowledge_routes.hpp"

#include <array>
#include <charconv>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/http/error_response.hpp"

#include "json_input.hpp"
#include "knowledge_handlers.hpp"
#include "query.hpp"
#include "staff_auth.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;
using access::Action;
using http::Method;

struct KnowledgeRoute {
  Method method;
  std::string_view pattern;
  KnowledgeHandler handler;
  bool writes;
  Action action;
};

constexpr std::array kRoutes{
    KnowledgeRoute{Method::kGet, "/api/v1/articles", ListArticles, false, Action::kReadCatalogue},
    KnowledgeRoute{Method::kPost, "/api/v1/articles", PostArticle, true, Action::kManageKnowledge},
    KnowledgeRoute{Method::kGet, "/api/v1/articles/{id}", GetArticle, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kPut, "/api/v1/articles/{id}", PutArticle, true,
                   Action::kManageKnowledge},
    KnowledgeRoute{Method::kPost, "/api/v1/articles/{id}/publish", PublishArticle, true,
                   Action::kManageKnowledge},
    KnowledgeRoute{Method::kPost, "/api/v1/articles/{id}/withdraw", WithdrawArticle, true,
                   Action::kManageKnowledge},
    KnowledgeRoute{Method::kGet, "/api/v1/articles/{id}/versions", ListVersions, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/articles/{id}/versions/{version}", GetVersion, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/articles/{id}/feedback", GetArticleFeedback, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kPost, "/api/v1/articles/{id}/feedback", PostArticleFeedback, true,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/article-reviews", ListReviews, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/synonyms", ListSynonymsRoute, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kPost, "/api/v1/synonyms", PostSynonym, true, Action::kManageKnowledge},
    KnowledgeRoute{Method::kPut, "/api/v1/synonyms/{id}", PutSynonym, true,
                   Action::kManageKnowledge},
    KnowledgeRoute{Method::kDelete, "/api/v1/synonyms/{id}", DeleteSynonymRoute, true,
                   Action::kManageKnowledge},
    // On the worker pool: with `session` the search is logged, which waits for a commit.
    KnowledgeRoute{Method::kGet, "/api/v1/search/articles", SearchArticlesRoute, true,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/search/suggest", SuggestArticles, false,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kPost, "/api/v1/knowledge-events", PostKnowledgeEvent, true,
                   Action::kReadCatalogue},
    KnowledgeRoute{Method::kGet, "/api/v1/knowledge/deflection", GetDeflection, false,
                   Action::kReadCatalogue},
};

json::value OptionalText(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

// The body of POST /articles and PUT /articles/{id}.
Result<usecase::ArticleInput> ReadArticleInput(const std::string& body, bool is_update) {
  auto object = ParseJsonObject(body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::ArticleInput input;
  input.slug = fields.String("slug");
  input.title = fields.String("title", true).value_or("");
  input.summary = fields.String("summary").value_or("");
  input.body_markdown = fields.String("body_markdown", true).value_or("");
  input.keywords = fields.String("keywords").value_or("");
  input.audience = fields.String("audience").value_or("public");
  input.services = fields.StringList("services").value_or(std::vector<std::string>{});
  input.owner_team_code = fields.String("owner_team_code");
  input.owner_user_email = fields.String("owner_user_email");
  input.review_by = fields.String("review_by");
  if (is_update) {
    if (auto version = fields.Integer("expected_version")) {
      if (*version < 1 || *version > 1'000'000'000) {
        fields.AddError("expected_version", "Must be a version number");
      } else {
        input.expected_version = static_cast<int>(*version);
      }
    }
  }
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  return input;
}

Result<http::Response> Render(const usecase::KnowledgeContext& ctx, unsigned status,
                              const Result<store::ArticleRecord>& article) {
  if (!article) {
    return article.error();
  }
  auto response = http::Response::Json(status, json::serialize(RenderArticle(ctx, *article, true)));
  if (status == 201) {
    response.headers.emplace_back("Location", "/api/v1/articles/" + std::to_string(article->id));
  }
  return response;
}

json::object RenderVersion(const usecase::KnowledgeContext& ctx,
                           const store::ArticleVersionRecord& v, bool with_body) {
  json::object out{{"version", v.version},
                   {"title", v.title},
                   {"summary", v.summary},
                   {"keywords", v.keywords},
                   {"audience", v.audience},
                   {"state", v.state},
                   {"services", json::value_from(v.services)},
                   {"saved_by", v.saved_by},
                   {"saved_at", charter::FormatIso8601(v.saved_at, ctx.zone)}};
  if (with_body) {
    out["body_markdown"] = v.body_markdown;
    out["body_html"] = usecase::RenderMarkdown(v.body_markdown);
  }
  return out;
}

}  // namespace

json::object RenderArticle(const usecase::KnowledgeContext& ctx, const store::ArticleRecord& a,
                           bool with_body) {
  json::object out{{"id", a.id},
                   {"slug", a.slug},
                   {"title", a.title},
                   {"summary", a.summary},
                   {"keywords", a.keywords},
                   {"audience", a.audience},
                   {"state", a.state},
                   {"services", json::value_from(a.services)},
                   {"owner_team_code", OptionalText(a.owner_team_code)},
                   {"owner_user_email", OptionalText(a.owner_user_email)},
                   {"review_by", OptionalText(a.review_by)},
                   {"version", a.version},
                   {"created_at", charter::FormatIso8601(a.created_at, ctx.zone)},
                   {"updated_at", charter::FormatIso8601(a.updated_at, ctx.zone)},
                   {"published_at",
                    a.published_at ? json::value(charter::FormatIso8601(*a.published_at, ctx.zone))
                                   : json::value(nullptr)}};
  if (with_body) {
    out["body_markdown"] = a.body_markdown;
    out["body_html"] = a.body_html;
  }
  return out;
}

Result<http::Response> ListArticles(const usecase::KnowledgeContext& ctx, http::Request& request,
                                    const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  store::ArticleFilter filter;
  filter.state = query.One("state");
  filter.audience = query.One("audience");
  filter.service_code = query.One("service");
  filter.after_id = query.Integer("after").value_or(0);
  const int limit = query.Count("limit", 100, 1, 500);
  query.RejectUnknown();
  if (filter.state && *filter.state != "draft" && *filter.state != "published") {
    errors.push_back({"state", "Must be draft or published"});
  }
  if (filter.audience && *filter.audience != "public" && *filter.audience != "staff") {
    errors.push_back({"audience", "Must be public or staff"});
  }
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  filter.limit = limit;
  auto articles = usecase::ListArticles(ctx, filter);
  if (!articles) {
    return articles.error();
  }
  json::array items;
  for (const auto& article : *articles) {
    items.emplace_back(RenderArticle(ctx, article, false));
  }
  json::object body{{"articles", std::move(items)}};
  if (articles->size() == static_cast<std::size_t>(limit)) {
    body["next_after"] = articles->back().id;
  }
  return http::Response::Json(200, json::serialize(body));
}

Result<http::Response> PostArticle(const usecase::KnowledgeContext& ctx, http::Request& request,
                                   const access::Principal& caller) {
  auto input = ReadArticleInput(request.body, false);
  if (!input) {
    return input.error();
  }
  return Render(ctx, 201, usecase::CreateArticle(ctx, *input, caller.actor));
}

Result<http::Response> GetArticle(const usecase::KnowledgeContext& ctx, http::Request& request,
                                  const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  return Render(ctx, 200, usecase::GetArticle(ctx, *id));
}

Result<http::Response> PutArticle(const usecase::KnowledgeContext& ctx, http::Request& request,
                                  const access::Principal& caller) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto input = ReadArticleInput(request.body, true);
  if (!input) {
    return input.error();
  }
  return Render(ctx, 200, usecase::UpdateArticle(ctx, *id, *input, caller.actor));
}

Result<http::Response> PublishArticle(const usecase::KnowledgeContext& ctx, http::Request& request,
                                      const access::Principal& caller) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  return Render(ctx, 200, usecase::SetArticlePublished(ctx, *id, true, caller.actor));
}

Result<http::Response> WithdrawArticle(const usecase::KnowledgeContext& ctx, http::Request& request,
                                       const access::Principal& caller) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  return Render(ctx, 200, usecase::SetArticlePublished(ctx, *id, false, caller.actor));
}

Result<http::Response> ListVersions(const usecase::KnowledgeContext& ctx, http::Request& request,
                                    const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto versions = usecase::ListArticleVersions(ctx, *id);
  if (!versions) {
    return versions.error();
  }
  json::array items;
  for (const auto& version : *versions) {
    items.emplace_back(RenderVersion(ctx, version, false));
  }
  return http::Response::Json(200, json::serialize(json::object{{"versions", std::move(items)}}));
}

Result<http::Response> GetVersion(const usecase::KnowledgeContext& ctx, http::Request& request,
                                  const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto number = PathId(request, "version");
  if (!number || *number > 1'000'000'000) {
    return Error::NotFound("Version not found");
  }
  auto version = usecase::GetArticleVersion(ctx, *id, static_cast<int>(*number));
  if (!version) {
    return version.error();
  }
  return http::Response::Json(200, json::serialize(RenderVersion(ctx, *version, true)));
}

Result<http::Response> ListReviews(const usecase::KnowledgeContext& ctx, http::Request& request,
                                   const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto due = usecase::ArticlesDueForReview(ctx);
  if (!due) {
    return due.error();
  }
  json::array items;
  for (const auto& article : *due) {
    items.emplace_back(RenderArticle(ctx, article, false));
  }
  return http::Response::Json(200, json::serialize(json::object{{"articles", std::move(items)}}));
}

std::vector<StaffRouteAccess> KnowledgeRouteTable() {
  std::vector<StaffRouteAccess> table;
  for (const auto& route : kRoutes) {
    table.push_back({route.method, route.pattern, route.action});
  }
  return table;
}

void AddKnowledgeRoutes(http::Router& router, const usecase::KnowledgeContext& context,
                        http::Execution reads, const StaffAccessSettings& settings) {
  for (const auto& route : kRoutes) {
    router.Add(
        route.method, std::string(route.pattern),
        [&context, settings, handler = route.handler,
         action = route.action](http::Request& request) {
          return AnswerStaff(
              request, context.store, context.clock, settings, action,
              [&](const access::Principal& caller) { return handler(context, request, caller); });
        },
        route.writes ? http::Execution::kBlocking : reads);
  }
}

}  // namespace frontdoor::api
