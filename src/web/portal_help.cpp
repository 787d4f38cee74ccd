// The citizen's help pages: search over the public articles, an article with "did this answer
// your question?", and the articles the start and service pages offer. Searches and views
// carry the help session (help_session.hpp) so the deflection figures can match them to a case
// raised later; the feedback form is the web module's ordinary CSRF-checked POST.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "help_session.hpp"
#include "portal.hpp"
#include "portal_services.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::size_t kPageSize = 10;
constexpr int kMaxPage = 100;  // the engine reads at most 10,000 results deep
constexpr std::size_t kStartPageArticles = 3;
constexpr int kServiceArticles = 5;
constexpr std::size_t kMaxCommentChars = 2000;

bool IsPublicArticle(const store::ArticleRecord& article) {
  return article.audience == "public" && article.state == "published";
}

int PageNumber(const http::Form& query) {
  const std::string_view text = query.First("page").value_or("1");
  int page = 1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return 1;
  }
  return std::clamp(page, 1, kMaxPage);
}

// "q=...&service=...&page=N", each value percent-encoded, for the pagination links.
std::string HelpHref(const std::string& q, const std::string& service, int page) {
  std::string href = "/help?q=" + http::PercentEncode(q);
  if (!service.empty()) {
    href += "&service=" + http::PercentEncode(service);
  }
  return href + "&page=" + std::to_string(page);
}

List HitList(const std::vector<usecase::ArticleHit>& hits) {
  List list;
  for (const auto& hit : hits) {
    // title_html and snippet_html come from the engine HTML-escaped, with only <mark> added.
    list.emplace_back(Object{{"hit_href", "/help/" + hit.entry.slug},
                             {"hit_title_html", hit.title_html},
                             {"hit_snippet_html", TextOrFalse(hit.snippet_html)},
                             {"hit_summary", TextOrFalse(hit.entry.summary)}});
  }
  return list;
}

}  // namespace

http::Response Portal::Help(const http::Request& request) const {
  PageContext page = site.Begin(request);
  if (knowledge == nullptr) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  const auto text = [&](std::string_view msgid) { return std::string(site.T(page.lang, msgid)); };
  const http::Form query = QueryFields(request);
  const std::string q(query.First("q").value_or(""));
  const std::string service(query.First("service").value_or(""));
  const int page_number = PageNumber(query);

  auto services = usecase::ListServices(cases.store, false);
  if (!services) {
    return FailurePage(site, page, services.error());
  }
  FieldView service_field{.id = "service", .name = "service", .label = text("Service")};
  service_field.items.push_back({.value = "", .text = text("All services"), .checked = false});
  for (const auto& record : *services) {
    if (OfferedOnWeb(record)) {
      service_field.items.push_back(
          {.value = record.code, .text = record.name, .checked = record.code == service});
    }
  }
  FieldView q_field{.id = "q", .name = "q", .label = text("Search help and advice")};
  q_field.hint = text("For example, recycling, bin collection day or noise");
  q_field.value = q;
  q_field.type = "search";

  Object data{{"searched", Data(false)}, {"error_summary", Data(false)}};
  unsigned status = 200;
  if (!q.empty()) {
    usecase::ArticleSearch search;
    search.q = q;
    search.audience = "public";
    if (!service.empty()) {
      search.service = service;
    }
    search.offset = static_cast<std::size_t>(page_number - 1) * kPageSize;
    search.limit = kPageSize;
    search.visitor = usecase::Visitor{"web", EnsureHelpSession(site, request, page), std::nullopt};
    auto result = usecase::SearchArticles(*knowledge, search);
    if (!result) {
      if (result.error().code() != ErrorCode::kInvalidInput) {
        return FailurePage(site, page, result.error());
      }
      q_field.error = text("Enter up to 300 characters to search for");
      data["error_summary"] = ErrorSummary({{"q", q_field.error}});
      status = 422;
    } else {
      data["searched"] = Data(true);
      // "Results: 3" reads the same in both languages, where "3 results" needs Irish number
      // agreement.
      data["results_heading"] =
          text("Help articles matching your search:") + " " + std::to_string(result->total);
      data["results"] = Data(HitList(result->hits));
      const bool has_next =
          search.offset + result->hits.size() < result->total && page_number < kMaxPage;
      Object pagination{
          {"pagination_previous",
           page_number > 1 ? Data(HelpHref(q, service, page_number - 1)) : Data(false)},
          {"pagination_next",
           has_next ? Data(HelpHref(q, service, page_number + 1)) : Data(false)}};
      data["pagination"] = page_number > 1 || has_next ? Data(pagination) : Data(false);
    }
  }
  data["q"] = ToData(q_field);
  data["service"] = ToData(service_field);
  return RenderPage(site, page, "portal_help", text("Help and advice"), Data(data), status,
                    status != 200);
}

namespace {

struct FeedbackForm {
  std::string answer;  // "yes", "no" or empty
  std::string comment;
  std::string error_field;
  std::string error;
};

}  // namespace

// The article page with its feedback form (what was sent and its error, or the thanks).
static http::Response ArticlePage(const Portal& portal, PageContext& page,
                                  const store::ArticleRecord& article, const FeedbackForm& sent,
                                  bool thanked) {
  const Site::Impl& site = portal.site;
  const auto text = [&](std::string_view msgid) { return std::string(site.T(page.lang, msgid)); };
  List related;
  for (const std::string& code : article.services) {
    auto service = usecase::GetService(portal.cases.store, code);
    if (service && OfferedOnWeb(*service) && !service->signpost) {
      related.emplace_back(
          Object{{"service_href", "/services/" + code}, {"service_name", service->name}});
    }
  }
  FieldView helpful{
      .id = "helpful", .name = "helpful", .label = text("Did this answer your question?")};
  helpful.items = {
      {.id = "helpful", .value = "yes", .text = text("Yes"), .checked = sent.answer == "yes"},
      {.id = "helpful-no", .value = "no", .text = text("No"), .checked = sent.answer == "no"}};
  FieldView comment{.id = "comment",
                    .name = "comment",
                    .label = text("How could we improve this page? (optional)")};
  comment.hint = text("Do not include personal details, like your name or address.");
  comment.value = sent.comment;
  comment.rows = 3;
  if (sent.error_field == "helpful") {
    helpful.error = sent.error;
  } else if (sent.error_field == "comment") {
    comment.error = sent.error;
  }
  const bool has_error = !sent.error.empty();
  const date::time_zone* zone = portal.knowledge->zone;
  Object data{
      {"article_title", article.title},
      {"article_summary", TextOrFalse(article.summary)},
      {"article_html", article.body_html},
      {"article_updated", DateWords(page.lang, charter::LocalDate(article.updated_at, zone))},
      {"has_related", Data(!related.empty())},
      {"related", Data(related)},
      {"action", "/help/" + article.slug},
      {"thanked", Data(thanked)},
      {"helpful", ToData(helpful)},
      {"comment", ToData(comment)},
      {"error_summary", has_error ? ErrorSummary({{sent.error_field, sent.error}}) : Data(false)},
      {"page_breadcrumbs",
       Object{{"crumbs",
               List{Object{{"crumb_href", "/"}, {"crumb_text", text("Home")}},
                    Object{{"crumb_href", "/help"}, {"crumb_text", text("Help and advice")}}}}}}};
  return RenderPage(site, page, "portal_help_article", article.title, Data(data),
                    has_error ? 422 : 200, has_error);
}

http::Response Portal::HelpArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  if (knowledge == nullptr) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto article = usecase::GetArticleBySlug(*knowledge, std::string(request.PathParam("slug")));
  if (!article || !IsPublicArticle(*article)) {
    // Staff-only and draft articles do not exist as far as the public can tell.
    return article || article.error().code() == ErrorCode::kNotFound
               ? ErrorPage(site, page, ErrorPageKind::kNotFound)
               : FailurePage(site, page, article.error());
  }
  const usecase::Visitor visitor{"web", EnsureHelpSession(site, request, page), std::nullopt};
  auto logged = usecase::RecordKnowledgeEvent(*knowledge, "view", visitor, article->id);
  const bool thanked = QueryFields(request).First("feedback") == "sent";
  http::Response response = ArticlePage(*this, page, *article, {}, thanked);
  if (!logged) {
    // The reader still gets the article; only the deflection figures miss one view.
    response.log_detail = "help view not logged: " + logged.error().message();
  }
  return response;
}

http::Response Portal::HelpFeedback(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto form = http::ParseForm(request.body);
  if (!form || !site.CheckCsrf(request, *form)) {
    return ErrorPage(site, page, ErrorPageKind::kForbidden);
  }
  if (knowledge == nullptr) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto article = usecase::GetArticleBySlug(*knowledge, std::string(request.PathParam("slug")));
  if (!article || !IsPublicArticle(*article)) {
    return article || article.error().code() == ErrorCode::kNotFound
               ? ErrorPage(site, page, ErrorPageKind::kNotFound)
               : FailurePage(site, page, article.error());
  }
  FeedbackForm sent{std::string(form->First("helpful").value_or("")),
                    std::string(form->First("comment").value_or("")), "", ""};
  if (sent.answer != "yes" && sent.answer != "no") {
    sent.error_field = "helpful";
    sent.error = std::string(site.T(page.lang, "Select yes if this answered your question"));
  } else if (!IsValidUtf8(sent.comment) || CountCodePoints(sent.comment) > kMaxCommentChars) {
    sent.error_field = "comment";
    sent.error = std::string(site.T(page.lang, "Your comment must be 2,000 characters or fewer"));
  }
  if (!sent.error.empty()) {
    return ArticlePage(*this, page, *article, sent, false);
  }
  const std::string session = EnsureHelpSession(site, request, page);
  // One answer per article per help session: a second (a double click, a reload, a retry)
  // is thanked like the first but not counted again.
  auto earlier = usecase::GetFeedback(*knowledge, article->id);
  if (!earlier) {
    return FailurePage(site, page, earlier.error());
  }
  const bool answered = std::any_of(
      earlier->recent.begin(), earlier->recent.end(),
      [&](const store::FeedbackRecord& record) { return record.session_key == session; });
  if (!answered) {
    usecase::FeedbackInput input;
    input.helpful = sent.answer == "yes";
    if (!sent.comment.empty()) {
      input.comment = sent.comment;
    }
    input.session_key = session;
    if (auto given = usecase::GiveFeedback(*knowledge, article->id, input); !given) {
      return FailurePage(site, page, given.error());
    }
  }
  return SeeOther(page, "/help/" + article->slug + "?feedback=sent#feedback");
}

Data Portal::HelpForQuery(const http::Request& request, PageContext& page,
                          const std::string& q) const {
  if (knowledge == nullptr) {
    return Data(false);
  }
  usecase::ArticleSearch search;
  search.q = q;
  search.audience = "public";
  search.limit = kStartPageArticles;
  search.visitor = usecase::Visitor{"web", EnsureHelpSession(site, request, page), std::nullopt};
  auto result = usecase::SearchArticles(*knowledge, search);
  // The start page is about services: a help search that fails leaves the help list out
  // rather than the page.
  if (!result || result->hits.empty()) {
    return Data(false);
  }
  return Object{{"help_results", Data(HitList(result->hits))},
                {"help_more_href", "/help?q=" + http::PercentEncode(q)},
                {"help_total", std::to_string(result->total)}};
}

Data Portal::ServiceArticles(const std::string& service_code) const {
  if (knowledge == nullptr) {
    return Data(false);
  }
  store::ArticleFilter filter;
  filter.state = "published";
  filter.audience = "public";
  filter.service_code = service_code;
  filter.limit = kServiceArticles;
  auto articles = usecase::ListArticles(*knowledge, filter);
  if (!articles || articles->empty()) {
    return Data(false);
  }
  List list;
  for (const auto& article : *articles) {
    list.emplace_back(Object{{"article_href", "/help/" + article.slug},
                             {"article_title", article.title},
                             {"article_summary", TextOrFalse(article.summary)}});
  }
  return Data(list);
}

void Portal::NoteCaseForDeflection(const http::Request& request, http::Response& response) const {
  if (knowledge == nullptr) {
    return;
  }
  auto session = HelpSessionKey(site, request);
  if (!session) {
    return;  // never searched or read help: nothing a case could be matched to
  }
  const usecase::Visitor visitor{"web", std::move(session), std::nullopt};
  if (auto logged = usecase::RecordKnowledgeEvent(*knowledge, "case", visitor, std::nullopt);
      !logged) {
    response.log_detail += "deflection case event not logged: " + logged.error().message();
  }
}

}  // namespace frontdoor::web
