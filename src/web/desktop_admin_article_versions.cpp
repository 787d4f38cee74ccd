// The version history of an article: every saved version, one of them as it was, and the
// difference between two as a line diff of their fields and Markdown (core/line_diff.hpp).
// Also the helpers the article pages share (desktop_articles.hpp).
#include <algorithm>
#include <string>
#include <vector>

#include "frontdoor/core/line_diff.hpp"
#include "frontdoor/usecase/knowledge.hpp"

#include "desktop.hpp"
#include "desktop_articles.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

std::string Codes(const std::vector<std::string>& codes) {
  std::string text;
  for (const std::string& code : codes) {
    text += (text.empty() ? "" : ", ") + code;
  }
  return text;
}

// Every field of a version, one per line, then its text: what a diff compares.
std::string Comparable(const Desktop& desktop, const PageContext& page,
                       const store::ArticleVersionRecord& v) {
  const std::string services = Codes(v.services);
  return desktop.T(page, "Title") + ": " + v.title + "\n" + desktop.T(page, "Summary") + ": " +
         v.summary + "\n" + desktop.T(page, "Keywords") + ": " + v.keywords + "\n" +
         desktop.T(page, "Audience") + ": " + v.audience + "\n" + desktop.T(page, "Services") +
         ": " + services + "\n" + desktop.T(page, "State") + ": " + v.state + "\n\n" +
         v.body_markdown;
}

}  // namespace

std::string ArticleHref(std::int64_t id) {
  return std::string(kArticles) + "/" + std::to_string(id);
}

FieldView ChoiceSelect(const std::string& id, std::string label, const std::string& chosen,
                       const std::vector<std::pair<std::string, std::string>>& choices) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  for (const auto& [value, text] : choices) {
    field.items.push_back({.value = value, .text = text, .checked = chosen == value});
  }
  return field;
}

std::variant<store::ArticleRecord, http::Response> ArticleOf(const Desktop& desktop,
                                                             const http::Request& request,
                                                             const PageContext& page) {
  const auto id = PositiveNumber<std::int64_t>(request.PathParam("id"));
  if (!id) {
    return ErrorPage(desktop.site, page, ErrorPageKind::kNotFound);
  }
  auto article = usecase::GetArticle(*desktop.settings.knowledge, *id);
  if (!article) {
    return FailurePage(desktop.site, page, article.error());
  }
  return std::move(*article);
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
  const auto from = PositiveNumber<int>(query.First("from").value_or(before));
  const auto to = PositiveNumber<int>(query.First("to").value_or(latest));
  Object data{{"article_title", article->title},
              {"article_href", ArticleHref(id)},
              {"versions_action", ArticleHref(id) + "/versions"},
              {"versions", Data(rows)},
              {"diff", Data(false)},
              {"error_summary", Data(false)}};
  FieldView from_field = ChoiceSelect("from", T(page, "Compare version"),
                                      from ? std::to_string(*from) : before, numbers);
  FieldView to_field =
      ChoiceSelect("to", T(page, "with version"), to ? std::to_string(*to) : latest, numbers);
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
  const auto id = PositiveNumber<std::int64_t>(request.PathParam("id"));
  const auto number = PositiveNumber<int>(request.PathParam("version"));
  if (!id || !number) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto version = usecase::GetArticleVersion(*settings.knowledge, *id, *number);
  if (!version) {
    return FailurePage(site, page, version.error());
  }
  List rows;
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {T(page, "Summary"), version->summary},
           {T(page, "Keywords"), version->keywords},
           {T(page, "Audience"), version->audience},
           {T(page, "Services"), Codes(version->services)},
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
