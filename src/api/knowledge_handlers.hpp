// Handlers of the knowledge routes (knowledge_routes.cpp registers them) and the JSON shape
// of their records.
#pragma once

#include <boost/json.hpp>

#include "frontdoor/core/access.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::api {

using KnowledgeHandler = Result<http::Response> (*)(const usecase::KnowledgeContext& ctx,
                                                    http::Request& request,
                                                    const access::Principal& caller);

boost::json::object RenderArticle(const usecase::KnowledgeContext& ctx,
                                  const store::ArticleRecord& article, bool with_body);

// knowledge_routes.cpp: articles.
Result<http::Response> ListArticles(const usecase::KnowledgeContext&, http::Request&,
                                    const access::Principal&);
Result<http::Response> PostArticle(const usecase::KnowledgeContext&, http::Request&,
                                   const access::Principal&);
Result<http::Response> GetArticle(const usecase::KnowledgeContext&, http::Request&,
                                  const access::Principal&);
Result<http::Response> PutArticle(const usecase::KnowledgeContext&, http::Request&,
                                  const access::Principal&);
Result<http::Response> PublishArticle(const usecase::KnowledgeContext&, http::Request&,
                                      const access::Principal&);
Result<http::Response> WithdrawArticle(const usecase::KnowledgeContext&, http::Request&,
                                       const access::Principal&);
Result<http::Response> ListVersions(const usecase::KnowledgeContext&, http::Request&,
                                    const access::Principal&);
Result<http::Response> GetVersion(const usecase::KnowledgeContext&, http::Request&,
                                  const access::Principal&);
Result<http::Response> ListReviews(const usecase::KnowledgeContext&, http::Request&,
                                   const access::Principal&);

// knowledge_search_routes.cpp: search, synonyms, feedback, events, deflection.
Result<http::Response> SearchArticlesRoute(const usecase::KnowledgeContext&, http::Request&,
                                           const access::Principal&);
Result<http::Response> SuggestArticles(const usecase::KnowledgeContext&, http::Request&,
                                       const access::Principal&);
Result<http::Response> ListSynonymsRoute(const usecase::KnowledgeContext&, http::Request&,
                                         const access::Principal&);
Result<http::Response> PostSynonym(const usecase::KnowledgeContext&, http::Request&,
                                   const access::Principal&);
Result<http::Response> PutSynonym(const usecase::KnowledgeContext&, http::Request&,
                                  const access::Principal&);
Result<http::Response> DeleteSynonymRoute(const usecase::KnowledgeContext&, http::Request&,
                                          const access::Principal&);
Result<http::Response> GetArticleFeedback(const usecase::KnowledgeContext&, http::Request&,
                                          const access::Principal&);
Result<http::Response> PostArticleFeedback(const usecase::KnowledgeContext&, http::Request&,
                                           const access::Principal&);
Result<http::Response> PostKnowledgeEvent(const usecase::KnowledgeContext&, http::Request&,
                                          const access::Principal&);
Result<http::Response> GetDeflection(const usecase::KnowledgeContext&, http::Request&,
                                     const access::Principal&);

}  // namespace frontdoor::api
