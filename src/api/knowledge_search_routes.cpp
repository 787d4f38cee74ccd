// Search, suggestions, synonyms, feedback, the self-service event log and deflection.
#include "frontdoor/charter/iso8601.hpp"

#include "json_input.hpp"
#include "knowledge_handlers.hpp"
#include "query.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

constexpr int kDefaultSuggestions = 5;

json::object RenderHit(const usecase::ArticleHit& hit) {
  return json::object{{"id", hit.id},
                      {"slug", hit.entry.slug},
                      {"title", hit.entry.title},
                      {"summary", hit.entry.summary},
                      {"audience", hit.entry.audience},
                      {"state", hit.entry.state},
                      {"services", json::value_from(hit.entry.services)},
                      {"score", hit.score},
                      {"title_html", hit.title_html},
                      {"snippet_html", hit.snippet_html}};
}

json::object RenderSynonym(const store::SynonymRecord& synonym) {
  return json::object{{"id", synonym.id}, {"phrases", json::value_from(synonym.phrases)}};
}

Result<std::vector<std::string>> ReadPhrases(const std::string& body) {
  auto object = ParseJsonObject(body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  auto phrases = fields.StringList("phrases", true);
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  return std::move(*phrases);
}

Result<http::Response> Hits(const usecase::ArticleSearchResult& result) {
  json::array items;
  for (const auto& hit : result.hits) {
    items.emplace_back(RenderHit(hit));
  }
  return http::Response::Json(
      200, json::serialize(json::object{{"total", result.total}, {"results", std::move(items)}}));
}

}  // namespace

Result<http::Response> SearchArticlesRoute(const usecase::KnowledgeContext& ctx,
                                           http::Request& request,
                                           const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  usecase::ArticleSearch search;
  search.q = query.One("q").value_or("");
  search.audience = query.One("audience");
  search.service = query.One("service");
  search.include_drafts = query.Boolean("drafts").value_or(false);
  search.prefix = query.Boolean("prefix").value_or(false);
  search.offset = static_cast<std::size_t>(query.Count("offset", 0, 0, 10'000));
  search.limit = static_cast<std::size_t>(query.Count("limit", 10, 0, 50));
  // An integrator's own portal may log its visitors' searches for the deflection figures.
  if (auto session = query.One("session")) {
    search.visitor = usecase::Visitor{"web", std::move(session), std::nullopt};
  }
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto result = usecase::SearchArticles(ctx, search);
  if (!result) {
    return result.error();
  }
  return Hits(*result);
}

// Suggestions for what an agent is typing in a contact's summary: published articles for
// either audience, the last word completed as a prefix, no snippets logged anywhere.
Result<http::Response> SuggestArticles(const usecase::KnowledgeContext& ctx, http::Request& request,
                                       const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  usecase::ArticleSearch search;
  search.q = query.One("q").value_or("");
  search.service = query.One("service");
  search.limit = static_cast<std::size_t>(query.Count("limit", kDefaultSuggestions, 0, 50));
  query.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  search.prefix = true;
  auto result = usecase::SearchArticles(ctx, search);
  if (!result) {
    return result.error();
  }
  return Hits(*result);
}

Result<http::Response> ListSynonymsRoute(const usecase::KnowledgeContext& ctx,
                                         http::Request& /*request*/,
                                         const access::Principal& /*caller*/) {
  auto synonyms = usecase::ListSynonyms(ctx);
  if (!synonyms) {
    return synonyms.error();
  }
  json::array items;
  for (const auto& synonym : *synonyms) {
    items.emplace_back(RenderSynonym(synonym));
  }
  return http::Response::Json(200, json::serialize(json::object{{"synonyms", std::move(items)}}));
}

Result<http::Response> PostSynonym(const usecase::KnowledgeContext& ctx, http::Request& request,
                                   const access::Principal& /*caller*/) {
  auto phrases = ReadPhrases(request.body);
  if (!phrases) {
    return phrases.error();
  }
  auto synonym = usecase::CreateSynonym(ctx, *phrases);
  if (!synonym) {
    return synonym.error();
  }
  auto response = http::Response::Json(201, json::serialize(RenderSynonym(*synonym)));
  response.headers.emplace_back("Location", "/api/v1/synonyms/" + std::to_string(synonym->id));
  return response;
}

Result<http::Response> PutSynonym(const usecase::KnowledgeContext& ctx, http::Request& request,
                                  const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto phrases = ReadPhrases(request.body);
  if (!phrases) {
    return phrases.error();
  }
  auto synonym = usecase::UpdateSynonym(ctx, *id, *phrases);
  if (!synonym) {
    return synonym.error();
  }
  return http::Response::Json(200, json::serialize(RenderSynonym(*synonym)));
}

Result<http::Response> DeleteSynonymRoute(const usecase::KnowledgeContext& ctx,
                                          http::Request& request,
                                          const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  if (auto deleted = usecase::DeleteSynonym(ctx, *id); !deleted) {
    return deleted.error();
  }
  http::Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Result<http::Response> GetArticleFeedback(const usecase::KnowledgeContext& ctx,
                                          http::Request& request,
                                          const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto feedback = usecase::GetFeedback(ctx, *id);
  if (!feedback) {
    return feedback.error();
  }
  json::array recent;
  for (const auto& item : feedback->recent) {
    recent.emplace_back(
        json::object{{"helpful", item.helpful},
                     {"comment", item.comment ? json::value(*item.comment) : json::value(nullptr)},
                     {"created_at", charter::FormatIso8601(item.created_at, ctx.zone)}});
  }
  return http::Response::Json(
      200, json::serialize(json::object{{"helpful", feedback->counts.helpful},
                                        {"not_helpful", feedback->counts.not_helpful},
                                        {"recent", std::move(recent)}}));
}

Result<http::Response> PostArticleFeedback(const usecase::KnowledgeContext& ctx,
                                           http::Request& request,
                                           const access::Principal& /*caller*/) {
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  usecase::FeedbackInput input;
  input.helpful = fields.Boolean("helpful", true).value_or(false);
  input.comment = fields.String("comment");
  input.session_key = fields.String("session");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto feedback = usecase::GiveFeedback(ctx, *id, input);
  if (!feedback) {
    return feedback.error();
  }
  return http::Response::Json(201, json::serialize(json::object{{"id", feedback->id}}));
}

Result<http::Response> PostKnowledgeEvent(const usecase::KnowledgeContext& ctx,
                                          http::Request& request,
                                          const access::Principal& /*caller*/) {
  auto object = ParseJsonObject(request.body);
  if (!object) {
    return object.error();
  }
  std::vector<FieldError> errors;
  FieldReader fields(*object, errors);
  const auto kind = fields.String("kind", true).value_or("");
  usecase::Visitor visitor;
  visitor.channel = fields.String("channel").value_or("web");
  visitor.session_key = fields.String("session");
  visitor.customer_id = fields.Integer("customer_id");
  const auto article_id = fields.Integer("article_id");
  fields.RejectUnknown();
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  if (auto recorded = usecase::RecordKnowledgeEvent(ctx, kind, visitor, article_id); !recorded) {
    return recorded.error();
  }
  http::Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Result<http::Response> GetDeflection(const usecase::KnowledgeContext& ctx, http::Request& request,
                                     const access::Principal& /*caller*/) {
  std::vector<FieldError> errors;
  QueryReader query(request.query, errors);
  const auto from = query.Time("from");
  const auto to = query.Time("to");
  query.RejectUnknown();
  if (!from) {
    errors.push_back({"from", "Enter the start as an ISO 8601 date and time"});
  }
  if (!to) {
    errors.push_back({"to", "Enter the end as an ISO 8601 date and time"});
  }
  if (auto valid = ToResult(std::move(errors)); !valid) {
    return valid.error();
  }
  auto figures = usecase::MeasureDeflection(ctx, *from, *to);
  if (!figures) {
    return figures.error();
  }
  const auto rate = [](std::int64_t deflected, std::int64_t total) {
    return total == 0 ? json::value(nullptr)
                      : json::value(static_cast<double>(deflected) / static_cast<double>(total));
  };
  return http::Response::Json(
      200, json::serialize(json::object{
               {"from", charter::FormatIso8601(figures->from, ctx.zone)},
               {"to", charter::FormatIso8601(figures->to, ctx.zone)},
               {"window_hours", 24},
               {"searches", figures->searches},
               {"searches_deflected", figures->searches_deflected},
               {"search_deflection_rate", rate(figures->searches_deflected, figures->searches)},
               {"views", figures->views},
               {"views_deflected", figures->views_deflected},
               {"view_deflection_rate", rate(figures->views_deflected, figures->views)}}));
}

}  // namespace frontdoor::api
