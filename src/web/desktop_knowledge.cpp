// The knowledge base on the staff desktop: search over staff and public articles, an
// article's page, and the suggestions beside a contact's summary (a JSON answer for the
// page's script, and the same list rendered by the "Find articles" button without it). Every
// page needs the catalogue-read right. Staff searches are not self-service, so none is
// logged for deflection.
#include <algorithm>
#include <charconv>
#include <string>

#include <boost/json.hpp>

#include "frontdoor/charter/iso8601.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::size_t kPageSize = 20;
constexpr int kMaxPage = 100;
constexpr std::size_t kSuggestions = 5;
// Shorter text suggests little but noise.
constexpr std::size_t kMinSuggestChars = 3;

std::string AudienceText(const std::string& audience) {
  return audience == "staff" ? "Staff only" : "Public";
}

Object AudienceTag(const std::string& audience) {
  return Object{{"tag_text", AudienceText(audience)},
                {"tag_colour", audience == "staff" ? "purple" : "blue"}};
}

Object HitData(const usecase::ArticleHit& hit) {
  // title_html and snippet_html come from the engine HTML-escaped, with only <mark> added.
  return Object{{"hit_href", "/staff/knowledge/" + hit.entry.slug},
                {"hit_title", hit.entry.title},
                {"hit_title_html", hit.title_html},
                {"hit_snippet_html", TextOrFalse(hit.snippet_html)},
                {"hit_summary", TextOrFalse(hit.entry.summary)},
                {"hit_tag", AudienceTag(hit.entry.audience)}};
}

// Published articles of both audiences for `q`; the last word may be unfinished while typing.
Result<usecase::ArticleSearchResult> StaffSearch(const usecase::KnowledgeContext& knowledge,
                                                 const std::string& q, std::size_t offset,
                                                 std::size_t limit, bool prefix) {
  usecase::ArticleSearch search;
  search.q = q;
  search.offset = offset;
  search.limit = limit;
  search.prefix = prefix;
  return usecase::SearchArticles(knowledge, search);
}

int PageNumber(const http::Form& query) {
  const std::string_view text = query.First("page").value_or("1");
  int page = 1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  return ec == std::errc() && end == text.data() + text.size() ? std::clamp(page, 1, kMaxPage) : 1;
}

}  // namespace

http::Response Desktop::KnowledgeSearch(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCatalogue);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  const http::Form query = QueryFields(request);
  const std::string q(query.First("q").value_or(""));
  const int page_number = PageNumber(query);
  FieldView q_field{.id = "q", .name = "q", .label = "Search articles"};
  q_field.hint = "Staff guidance and the public help pages";
  q_field.type = "search";
  q_field.value = q;
  Object data{{"searched", Data(false)}, {"error_summary", Data(false)}};
  unsigned status = 200;
  if (!q.empty()) {
    const std::size_t offset = static_cast<std::size_t>(page_number - 1) * kPageSize;
    auto result = StaffSearch(*settings.knowledge, q, offset, kPageSize, false);
    if (!result) {
      if (result.error().code() != ErrorCode::kInvalidInput) {
        return FailurePage(site, page, result.error());
      }
      q_field.error = "Enter up to 300 characters to search for";
      data["error_summary"] = ErrorSummary({{"q", q_field.error}});
      status = 422;
    } else {
      List hits;
      for (const auto& hit : result->hits) {
        hits.emplace_back(HitData(hit));
      }
      const std::string base = "/staff/knowledge?q=" + http::PercentEncode(q) + "&page=";
      const bool has_next = offset + result->hits.size() < result->total && page_number < kMaxPage;
      Object pagination{
          {"pagination_previous",
           page_number > 1 ? Data(base + std::to_string(page_number - 1)) : Data(false)},
          {"pagination_next",
           has_next ? Data(base + std::to_string(page_number + 1)) : Data(false)}};
      data["searched"] = Data(true);
      data["total"] = std::to_string(result->total);
      data["hits"] = Data(hits);
      data["pagination"] = page_number > 1 || has_next ? Data(pagination) : Data(false);
    }
  }
  data["q"] = ToData(q_field);
  return Render(page, "staff_knowledge", "Knowledge base", std::move(data), status, status != 200);
}

http::Response Desktop::KnowledgeArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCatalogue);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  auto article =
      usecase::GetArticleBySlug(*settings.knowledge, std::string(request.PathParam("slug")));
  if (!article) {
    return FailurePage(site, page, article.error());
  }
  if (article->state != "published") {
    // Drafts are edited on /staff/admin/articles; agents quote only what is published.
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  List services;
  for (const std::string& code : article->services) {
    services.emplace_back(Object{{"service_code", code}});
  }
  const std::string updated =
      DateWords(Lang::kEn, charter::LocalDate(article->updated_at, settings.knowledge->zone));
  return Render(
      page, "staff_article", article->title,
      Object{{"article_title", article->title},
             {"article_summary", TextOrFalse(article->summary)},
             {"article_html", article->body_html},
             {"article_tag", AudienceTag(article->audience)},
             {"article_updated", updated},
             {"article_version", std::to_string(article->version)},
             {"article_public_href",
              article->audience == "public" ? Data("/help/" + article->slug) : Data(false)},
             {"has_services", Data(!services.empty())},
             {"services", Data(services)}});
}

Data Desktop::ContactSuggestions(const std::string& summary) const {
  if (settings.knowledge == nullptr || summary.size() < kMinSuggestChars) {
    return Data(false);
  }
  auto result = StaffSearch(*settings.knowledge, summary, 0, kSuggestions, true);
  if (!result) {
    return Data(false);  // suggestions are a help, never the reason a contact cannot be logged
  }
  List hits;
  for (const auto& hit : result->hits) {
    hits.emplace_back(HitData(hit));
  }
  return Object{{"suggestion_hits", Data(hits)},
                {"suggestion_status",
                 result->hits.empty() ? std::string("No articles match the summary")
                                      : std::to_string(result->hits.size()) +
                                            (result->hits.size() == 1 ? " article suggested"
                                                                      : " articles suggested")}};
}

http::Response Desktop::SuggestionsJson(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCatalogue);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  const std::string q(QueryFields(request).First("q").value_or(""));
  boost::json::array items;
  if (q.size() >= kMinSuggestChars) {
    auto result = StaffSearch(*settings.knowledge, q, 0, kSuggestions, true);
    if (!result && result.error().code() != ErrorCode::kInvalidInput) {
      return FailurePage(site, page, result.error());
    }
    if (result) {
      for (const auto& hit : result->hits) {
        // Plain text only: the script builds the list with textContent, never as HTML.
        items.emplace_back(boost::json::object{{"href", "/staff/knowledge/" + hit.entry.slug},
                                               {"title", hit.entry.title},
                                               {"summary", hit.entry.summary},
                                               {"audience", AudienceText(hit.entry.audience)}});
      }
    }
  }
  http::Response response = http::Response::Json(
      200, boost::json::serialize(boost::json::object{{"results", std::move(items)}}));
  AddSecurityHeaders(response);
  return response;
}

}  // namespace frontdoor::web
