// Administration of the knowledge base's articles: the filtered list, adding and editing one
// with a preview of the sanitised HTML, publishing and withdrawing (the version history is in
// desktop_admin_article_versions.cpp). Every change goes through the knowledge use cases, the
// ones the staff API calls, so a page and the API cannot disagree on a rule.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/knowledge_admin.hpp"

#include "desktop.hpp"
#include "desktop_articles.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

std::string Sent(const http::Form& form, std::string_view name) {
  return std::string(form.First(name).value_or(""));
}

// "Draft", "Published", "Withdrawn" as a GOV.UK tag.
Object StageTag(const Desktop& desktop, const PageContext& page, const std::string& stage) {
  const bool published = stage == "published";
  const std::string text = published ? "Published" : (stage == "withdrawn" ? "Withdrawn" : "Draft");
  return Object{{"tag_text", desktop.T(page, text)},
                {"tag_colour", published ? "green" : (stage == "withdrawn" ? "orange" : "grey")}};
}

std::string OwnerValue(const store::ArticleRecord& article) {
  if (article.owner_team_code) {
    return "team:" + *article.owner_team_code;
  }
  return article.owner_user_email ? "user:" + *article.owner_user_email : "";
}

std::string OwnerText(const store::ArticleRecord& article) {
  return article.owner_team_code ? *article.owner_team_code : article.owner_user_email.value_or("");
}

http::Form FormOf(const store::ArticleRecord& a) {
  std::vector<http::FormField> fields{{"title", a.title},
                                      {"slug", a.slug},
                                      {"summary", a.summary},
                                      {"body_markdown", a.body_markdown},
                                      {"keywords", a.keywords},
                                      {"audience", a.audience},
                                      {"owner", OwnerValue(a)},
                                      {"review_by", a.review_by.value_or("")},
                                      {"version", std::to_string(a.version)}};
  for (const std::string& code : a.services) {
    fields.push_back({"services", code});
  }
  return http::Form(std::move(fields));
}

// The article the form describes. An owner that is neither a team nor a member of staff is a
// field error here; the use case checks the rest.
usecase::ArticleInput InputFrom(const http::Form& form, std::vector<FieldError>& errors) {
  usecase::ArticleInput input;
  if (const auto slug = form.Present("slug")) {
    input.slug = std::string(*slug);
  }
  input.title = Sent(form, "title");
  input.summary = Sent(form, "summary");
  input.body_markdown = Sent(form, "body_markdown");
  input.keywords = Sent(form, "keywords");
  input.audience = Sent(form, "audience");
  input.services = form.List("services");
  const std::string owner = Sent(form, "owner");
  if (owner.starts_with("team:")) {
    input.owner_team_code = owner.substr(5);
  } else if (owner.starts_with("user:")) {
    input.owner_user_email = owner.substr(5);
  } else if (!owner.empty()) {
    errors.push_back({"owner", "Choose an owner from the list"});
  }
  if (const auto review_by = form.Present("review_by")) {
    input.review_by = std::string(*review_by);
  }
  input.expected_version = PositiveNumber<int>(Sent(form, "version"));
  return input;
}

// The use case's field names as the ids of the boxes that show them.
std::string FieldId(const std::string& field) {
  if (field.starts_with("services")) {
    return "services";
  }
  if (field.starts_with("owner")) {
    return "owner";
  }
  return field;
}

// Teams, then members of staff, as "team:<code>" and "user:<email>" after `first`.
std::vector<std::pair<std::string, std::string>> OwnerChoices(
    const Desktop& desktop, const PageContext& page, const usecase::ArticleChoices& choices,
    const std::string& first) {
  std::vector<std::pair<std::string, std::string>> owners{{"", first}};
  for (const auto& team : choices.teams) {
    owners.emplace_back("team:" + team.code, desktop.T(page, "Team") + ": " + team.name);
  }
  for (const auto& user : choices.staff) {
    owners.emplace_back("user:" + user.email, user.name + " (" + user.email + ")");
  }
  return owners;
}

}  // namespace

http::Response Desktop::Articles(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge, "Article saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  usecase::ArticleAdminFilter filter;
  const auto chosen = [&query](std::string_view name) -> std::optional<std::string> {
    if (const auto value = query.Present(name)) {
      return std::string(*value);
    }
    return std::nullopt;
  };
  filter.stage = chosen("state");
  filter.audience = chosen("audience");
  filter.service = chosen("service");
  filter.owner = chosen("owner");
  filter.overdue_only = query.Present("overdue").has_value();
  auto found = usecase::FindArticlesForAdmin(*settings.knowledge, filter);
  if (!found) {
    return FailurePage(site, page, found.error());
  }
  auto choices = usecase::LoadArticleChoices(*settings.knowledge);
  if (!choices) {
    return FailurePage(site, page, choices.error());
  }
  List rows;
  for (const auto& article : found->articles) {
    const bool overdue = usecase::IsOverdueForReview(article, found->today);
    rows.emplace_back(
        Object{{"article_href", ArticleHref(article.id)},
               {"article_title", article.title},
               {"article_stage", StageTag(*this, page, usecase::ArticleStage(article))},
               {"article_audience", T(page, article.audience == "staff" ? "Staff only" : "Public")},
               {"article_owner", OwnerText(article)},
               {"article_review_by", article.review_by.value_or("")},
               {"article_overdue", Data(overdue)},
               {"article_version", std::to_string(article.version)}});
  }
  std::vector<std::pair<std::string, std::string>> services{{"", T(page, "Every service")}};
  for (const auto& service : choices->services) {
    services.emplace_back(service.code, service.name + " (" + service.code + ")");
  }
  const auto owners = OwnerChoices(*this, page, *choices, T(page, "Any owner"));
  FieldView overdue{.id = "overdue", .name = "overdue", .label = T(page, "Review")};
  overdue.items.push_back({.id = "overdue",
                           .value = "yes",
                           .text = T(page, "Only articles overdue for review"),
                           .checked = filter.overdue_only});
  Object data{
      {"articles", Data(rows)},
      {"count", std::to_string(rows.size())},
      {"truncated", Data(found->truncated)},
      {"today", found->today},
      {"state", ToData(ChoiceSelect("state", T(page, "State"), Sent(query, "state"),
                                    {{"", T(page, "Any state")},
                                     {"draft", T(page, "Draft")},
                                     {"published", T(page, "Published")},
                                     {"withdrawn", T(page, "Withdrawn")}}))},
      {"audience", ToData(ChoiceSelect("audience", T(page, "Audience"), Sent(query, "audience"),
                                       {{"", T(page, "Both")},
                                        {"public", T(page, "Public")},
                                        {"staff", T(page, "Staff only")}}))},
      {"service",
       ToData(ChoiceSelect("service", T(page, "Service"), Sent(query, "service"), services))},
      {"owner", ToData(ChoiceSelect("owner", T(page, "Owner"), Sent(query, "owner"), owners))},
      {"overdue", ToData(overdue)}};
  return Render(page, "staff_articles", "Articles", std::move(data));
}

http::Response Desktop::ArticlePage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                    PageContext& page, const store::ArticleRecord* article,
                                    bool preview, unsigned status) const {
  auto choices = usecase::LoadArticleChoices(*settings.knowledge);
  if (!choices) {
    return FailurePage(site, page, choices.error());
  }
  const auto text = [&](const std::string& id, std::string_view label, std::string_view hint) {
    FieldView field{.id = id, .name = id, .label = T(page, label)};
    field.value = Sent(form, id);
    field.error = ErrorOf(errors, id);
    if (!hint.empty()) {
      field.hint = T(page, hint);
    }
    return field;
  };
  FieldView summary = text("summary", "Summary", "One or two sentences shown under the title");
  summary.rows = 3;
  FieldView body = text("body_markdown", "Text (Markdown)",
                        "Headings with #, lists with -, links as [text](https://...)");
  body.rows = 15;
  FieldView slug = text("slug", "Address (slug, optional)",
                        "Lower-case letters, digits and hyphens; made from the title if empty");
  FieldView review_by =
      text("review_by", "Review by (optional)", "As YYYY-MM-DD, for example 2027-03-31");
  review_by.width_class = "govuk-input--width-10";
  FieldView audience{.id = "audience", .name = "audience", .label = T(page, "Audience")};
  audience.error = ErrorOf(errors, "audience");
  for (const auto& [value, label] :
       {std::pair{"public", "Public: on the help pages"}, std::pair{"staff", "Staff only"}}) {
    audience.items.push_back({.id = std::string("audience") + (value[0] == 'p' ? "" : "-staff"),
                              .value = value,
                              .text = T(page, label),
                              .checked = Sent(form, "audience") == value});
  }
  FieldView services{.id = "services", .name = "services", .label = T(page, "Services")};
  services.error = ErrorOf(errors, "services");
  const std::vector<std::string> linked = form.List("services");
  for (const auto& service : choices->services) {
    services.items.push_back(
        {.id = services.items.empty() ? std::string("services") : "services-" + service.code,
         .value = service.code,
         .text = service.name + " (" + service.code + ")",
         .checked = std::find(linked.begin(), linked.end(), service.code) != linked.end()});
  }
  FieldView owner = ChoiceSelect("owner", T(page, "Owner"), Sent(form, "owner"),
                                 OwnerChoices(*this, page, *choices, T(page, "No owner")));
  owner.error = ErrorOf(errors, "owner");
  Object data{{"editing", Data(article != nullptr)},
              {"action", article ? ArticleHref(article->id) : std::string(kArticles)},
              {"version", Sent(form, "version")},
              {"title", ToData(text("title", "Title", ""))},
              {"slug", ToData(slug)},
              {"summary", ToData(summary)},
              {"body_markdown", ToData(body)},
              {"keywords", ToData(text("keywords", "Keywords (optional)",
                                       "Other words people use, separated by commas"))},
              {"audience", ToData(audience)},
              {"services", ToData(services)},
              {"owner", ToData(owner)},
              {"review_by", ToData(review_by)},
              // The same renderer the API stores: cmark-gfm without raw HTML or unsafe links.
              {"preview_html",
               preview ? Data(usecase::RenderMarkdown(Sent(form, "body_markdown"))) : Data(false)},
              {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}};
  std::string title = "Add an article";
  if (article != nullptr) {
    title = "Edit an article";
    const std::string stage = usecase::ArticleStage(*article);
    auto feedback = usecase::GetFeedback(*settings.knowledge, article->id);
    if (!feedback) {
      return FailurePage(site, page, feedback.error());
    }
    data["article_title"] = article->title;
    data["article_stage"] = StageTag(*this, page, stage);
    data["article_version"] = std::to_string(article->version);
    data["is_published"] = Data(stage == "published");
    data["versions_href"] = ArticleHref(article->id) + "/versions";
    data["publish_action"] = ArticleHref(article->id) + "/publish";
    data["withdraw_action"] = ArticleHref(article->id) + "/withdraw";
    data["staff_href"] = "/staff/knowledge/" + article->slug;
    data["public_href"] =
        article->audience == "public" ? Data("/help/" + article->slug) : Data(false);
    data["helpful"] = std::to_string(feedback->counts.helpful);
    data["not_helpful"] = std::to_string(feedback->counts.not_helpful);
  }
  return Render(page, "staff_article_edit", title, std::move(data), status, !errors.empty());
}

http::Response Desktop::NewArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return ArticlePage(http::Form(std::vector<http::FormField>{{"audience", "public"}}), {}, page,
                     nullptr, false, 200);
}

http::Response Desktop::EditArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge, "Article saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  auto article = ArticleOf(*this, request, page);
  if (auto* response = std::get_if<http::Response>(&article)) {
    return std::move(*response);
  }
  const auto& found = std::get<store::ArticleRecord>(article);
  return ArticlePage(FormOf(found), {}, page, &found, false, 200);
}

http::Response Desktop::SaveArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const Admitted& who = std::get<Admitted>(admitted);
  const http::Form& form = who.form;
  std::optional<store::ArticleRecord> existing;
  if (!request.PathParam("id").empty()) {
    auto found = ArticleOf(*this, request, page);
    if (auto* response = std::get_if<http::Response>(&found)) {
      return std::move(*response);
    }
    existing = std::move(std::get<store::ArticleRecord>(found));
  }
  const store::ArticleRecord* article = existing ? &*existing : nullptr;
  if (Sent(form, "intent") == "preview") {
    return ArticlePage(form, {}, page, article, true, 200);
  }
  std::vector<FieldError> invalid;
  const usecase::ArticleInput input = InputFrom(form, invalid);
  Result<store::ArticleRecord> saved = Error::Invalid(invalid);
  if (invalid.empty()) {
    saved = article ? usecase::UpdateArticle(*settings.knowledge, article->id, input, who.who.actor)
                    : usecase::CreateArticle(*settings.knowledge, input, who.who.actor);
  }
  if (saved) {
    return SeeOther(page, ArticleHref(saved->id) + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kConflict) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links = Links(error, "title");
  for (ErrorLink& link : links) {
    link.id = FieldId(link.id);
    link.message = T(page, link.message);
  }
  return ArticlePage(form, links, page, article, false,
                     error.code() == ErrorCode::kConflict ? 409 : 422);
}

http::Response Desktop::PublishArticle(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto id = PositiveNumber<std::int64_t>(request.PathParam("id"));
  const std::string_view change = request.PathParam("change");
  if (!id || (change != "publish" && change != "withdraw")) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto saved = usecase::SetArticlePublished(*settings.knowledge, *id, change == "publish",
                                            std::get<Admitted>(admitted).who.actor);
  if (!saved) {
    return FailurePage(site, page, saved.error());
  }
  return SeeOther(page, ArticleHref(*id) + "?done=1");
}

}  // namespace frontdoor::web
