// Administration of the knowledge base's articles: the filtered list, adding and editing one
// with a preview of the sanitised HTML, publishing and withdrawing, and the version history
// with a line diff of two versions. Every change goes through the knowledge use cases, the
// ones the staff API calls, so a page and the API cannot disagree on a rule.
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/line_diff.hpp"
#include "frontdoor/usecase/knowledge.hpp"
#include "frontdoor/usecase/knowledge_admin.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kArticles = "/staff/admin/articles";

std::string Sent(const http::Form& form, std::string_view name) {
  return std::string(form.First(name).value_or(""));
}

template <class Int>
std::optional<Int> NumberIn(std::string_view text) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0) {
    return std::nullopt;
  }
  return value;
}

std::string ArticleHref(std::int64_t id) {
  return std::string(kArticles) + "/" + std::to_string(id);
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
  input.expected_version = NumberIn<int>(Sent(form, "version"));
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

// Every field of a version, one per line, then its text: what a diff compares.
std::string Comparable(const Desktop& desktop, const PageContext& page,
                       const store::ArticleVersionRecord& v) {
  std::string services;
  for (const std::string& code : v.services) {
    services += (services.empty() ? "" : ", ") + code;
  }
  return desktop.T(page, "Title") + ": " + v.title + "\n" + desktop.T(page, "Summary") + ": " +
         v.summary + "\n" + desktop.T(page, "Keywords") + ": " + v.keywords + "\n" +
         desktop.T(page, "Audience") + ": " + v.audience + "\n" + desktop.T(page, "Services") +
         ": " + services + "\n" + desktop.T(page, "State") + ": " + v.state + "\n\n" +
         v.body_markdown;
}

FieldView Select(const std::string& id, std::string label, const std::string& chosen,
                 const std::vector<std::pair<std::string, std::string>>& choices) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  for (const auto& [value, text] : choices) {
    field.items.push_back({.value = value, .text = text, .checked = chosen == value});
  }
  return field;
}

// The article of the route's {id}, or the page to send instead (404 for an id that cannot be
// one or that no article has).
std::variant<store::ArticleRecord, http::Response> ArticleOf(const Desktop& desktop,
                                                             const http::Request& request,
                                                             const PageContext& page) {
  const auto id = NumberIn<std::int64_t>(request.PathParam("id"));
  if (!id) {
    return ErrorPage(desktop.site, page, ErrorPageKind::kNotFound);
  }
  auto article = usecase::GetArticle(*desktop.settings.knowledge, *id);
  if (!article) {
    return FailurePage(desktop.site, page, article.error());
  }
  return std::move(*article);
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
      {"state", ToData(Select("state", T(page, "State"), Sent(query, "state"),
                              {{"", T(page, "Any state")},
                               {"draft", T(page, "Draft")},
                               {"published", T(page, "Published")},
                               {"withdrawn", T(page, "Withdrawn")}}))},
      {"audience", ToData(Select("audience", T(page, "Audience"), Sent(query, "audience"),
                                 {{"", T(page, "Both")},
                                  {"public", T(page, "Public")},
                                  {"staff", T(page, "Staff only")}}))},
      {"service", ToData(Select("service", T(page, "Service"), Sent(query, "service"), services))},
      {"owner", ToData(Select("owner", T(page, "Owner"), Sent(query, "owner"), owners))},
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
  FieldView owner = Select("owner", T(page, "Owner"), Sent(form, "owner"),
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
  const auto id = NumberIn<std::int64_t>(request.PathParam("id"));
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

http::Response Desktop::ArticleVersions(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  auto found = ArticleOf(*this, request, page);
  if (auto* response = std::get_if<http::Response>(&found)) {
    return std::move(*response);
  }
  const auto* article = &std::get<store::ArticleRecord>(found);
  const std::int64_t id = article->id;
  auto versions = usecase::ListArticleVersions(*settings.knowledge, id);
  if (!versions) {
    return FailurePage(site, page, versions.error());
  }
  List rows;
  std::vector<std::pair<std::string, std::string>> numbers;
  for (const auto& v : *versions) {
    rows.emplace_back(
        Object{{"version_href", ArticleHref(id) + "/versions/" + std::to_string(v.version)},
               {"version_number", std::to_string(v.version)},
               {"version_title", v.title},
               {"version_state", v.state},
               {"version_saved_by", v.saved_by},
               {"version_saved_at", DateTimeWords(page.lang, v.saved_at)}});
    numbers.emplace_back(std::to_string(v.version), std::to_string(v.version));
  }
  // Compare the two versions asked for; by default the latest with the one before it.
  const std::string latest = std::to_string(article->version);
  const std::string before = std::to_string(std::max(1, article->version - 1));
  const auto from = NumberIn<int>(query.First("from").value_or(before));
  const auto to = NumberIn<int>(query.First("to").value_or(latest));
  Object data{{"article_title", article->title},
              {"article_href", ArticleHref(id)},
              {"versions_action", ArticleHref(id) + "/versions"},
              {"versions", Data(rows)},
              {"diff", Data(false)},
              {"error_summary", Data(false)}};
  FieldView from_field =
      Select("from", T(page, "Compare version"), from ? std::to_string(*from) : before, numbers);
  FieldView to_field =
      Select("to", T(page, "with version"), to ? std::to_string(*to) : latest, numbers);
  unsigned status = 200;
  const auto find = [&](std::optional<int> number) -> const store::ArticleVersionRecord* {
    for (const auto& v : *versions) {
      if (number && v.version == *number) {
        return &v;
      }
    }
    return nullptr;
  };
  const auto* old_version = find(from);
  const auto* new_version = find(to);
  if (old_version == nullptr || new_version == nullptr) {
    std::vector<ErrorLink> errors;
    if (old_version == nullptr) {
      from_field.error = T(page, "Choose a version from the list");
      errors.push_back({"from", from_field.error});
    }
    if (new_version == nullptr) {
      to_field.error = T(page, "Choose a version from the list");
      errors.push_back({"to", to_field.error});
    }
    data["error_summary"] = ErrorSummary(errors);
    status = 422;
  } else {
    List lines;
    for (const DiffLine& line :
         DiffLines(Comparable(*this, page, *old_version), Comparable(*this, page, *new_version))) {
      lines.emplace_back(Object{{"line_text", line.text},
                                {"line_added", Data(line.kind == DiffKind::kAdded)},
                                {"line_removed", Data(line.kind == DiffKind::kRemoved)}});
    }
    data["diff"] = Object{{"diff_from", std::to_string(old_version->version)},
                          {"diff_to", std::to_string(new_version->version)},
                          {"diff_lines", Data(lines)}};
  }
  data["from"] = ToData(from_field);
  data["to"] = ToData(to_field);
  return Render(page, "staff_article_versions", "Version history", std::move(data), status,
                status != 200);
}

http::Response Desktop::ArticleVersion(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto id = NumberIn<std::int64_t>(request.PathParam("id"));
  const auto number = NumberIn<int>(request.PathParam("version"));
  if (!id || !number) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto version = usecase::GetArticleVersion(*settings.knowledge, *id, *number);
  if (!version) {
    return FailurePage(site, page, version.error());
  }
  std::string services;
  for (const std::string& code : version->services) {
    services += (services.empty() ? "" : ", ") + code;
  }
  List rows;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {T(page, "Summary"), version->summary},
           {T(page, "Keywords"), version->keywords},
           {T(page, "Audience"), version->audience},
           {T(page, "Services"), services},
           {T(page, "State"), version->state},
           {T(page, "Saved by"), version->saved_by},
           {T(page, "Saved"), DateTimeWords(page.lang, version->saved_at)}}) {
    List lines;
    lines.emplace_back(value);
    rows.emplace_back(Object{{"row_key", key}, {"row_lines", Data(lines)}});
  }
  return Render(page, "staff_article_version", "Article version",
                Object{{"article_href", ArticleHref(*id)},
                       {"versions_href", ArticleHref(*id) + "/versions"},
                       {"version_number", std::to_string(version->version)},
                       {"version_title", version->title},
                       {"version_rows", Data(rows)},
                       {"version_html", usecase::RenderMarkdown(version->body_markdown)}});
}

}  // namespace frontdoor::web
