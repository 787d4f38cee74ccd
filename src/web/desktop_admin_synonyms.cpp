// Administration of the search synonyms ("bin" ~ "wheelie bin" ~ "refuse"): the groups, adding
// and editing one (one phrase a line), deleting one after a confirmation. The use cases reload
// this node's index in the same call, so a search here sees the change at once; other nodes
// within their refresh.
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/core/line_diff.hpp"
#include "frontdoor/usecase/knowledge.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kSynonyms = "/staff/admin/synonyms";

std::optional<std::int64_t> IdIn(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

// One phrase a line. Trailing blank lines are dropped, but a blank line between phrases is
// kept, so the use case names it as an empty phrase instead of it vanishing unseen.
std::vector<std::string> PhrasesIn(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  std::vector<std::string> phrases;
  for (const std::string_view line : SplitLines(text)) {
    phrases.emplace_back(line);
  }
  return phrases;
}

std::string Lines(const std::vector<std::string>& phrases) {
  std::string text;
  for (const std::string& phrase : phrases) {
    text += (text.empty() ? "" : "\n") + phrase;
  }
  return text;
}

std::string Joined(const std::vector<std::string>& phrases) {
  std::string text;
  for (const std::string& phrase : phrases) {
    text += (text.empty() ? "" : " ~ ") + phrase;
  }
  return text;
}

// The start of the handlers of one group: Admit for managing knowledge, then the group of
// the route's {id}; or the page to send instead (404 for an id that cannot be one or that no
// group has).
std::variant<store::SynonymRecord, http::Response> AdmitToGroup(const Desktop& desktop,
                                                                const http::Request& request,
                                                                PageContext& page) {
  auto admitted = desktop.Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto id = IdIn(request.PathParam("id"));
  if (!id) {
    return ErrorPage(desktop.site, page, ErrorPageKind::kNotFound);
  }
  auto groups = usecase::ListSynonyms(*desktop.settings.knowledge);
  if (!groups) {
    return FailurePage(desktop.site, page, groups.error());
  }
  for (auto& group : *groups) {
    if (group.id == *id) {
      return std::move(group);
    }
  }
  return ErrorPage(desktop.site, page, ErrorPageKind::kNotFound);
}

}  // namespace

http::Response Desktop::SynonymsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                     PageContext& page, std::optional<std::int64_t> editing) const {
  auto groups = usecase::ListSynonyms(*settings.knowledge);
  if (!groups) {
    return FailurePage(site, page, groups.error());
  }
  List rows;
  for (const auto& group : *groups) {
    const std::string href = std::string(kSynonyms) + "/" + std::to_string(group.id);
    rows.emplace_back(Object{{"group_phrases", Joined(group.phrases)},
                             {"group_edit_href", href},
                             {"group_delete_href", href + "/delete"}});
  }
  FieldView phrases{.id = "phrases",
                    .name = "phrases",
                    .label = T(page, "Phrases that mean the same, one a line"),
                    .hint = T(page,
                              "2 to 20 phrases of up to 80 characters, like bin, wheelie "
                              "bin, refuse")};
  phrases.value = std::string(form.First("phrases").value_or(""));
  phrases.error = ErrorOf(errors, "phrases");
  phrases.rows = 6;
  const bool failed = !errors.empty();
  return Render(page, "staff_synonyms", editing ? "Edit a synonym group" : "Synonyms",
                Object{{"groups", Data(rows)},
                       {"has_groups", Data(!rows.empty())},
                       {"editing", Data(editing.has_value())},
                       {"action", editing ? std::string(kSynonyms) + "/" + std::to_string(*editing)
                                          : std::string(kSynonyms)},
                       {"phrases", ToData(phrases)},
                       {"error_summary", failed ? ErrorSummary(errors) : Data(false)}},
                failed ? 422 : 200, failed);
}

http::Response Desktop::Synonyms(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge, "Synonyms saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return SynonymsPage(http::Form(), {}, page, std::nullopt);
}

http::Response Desktop::EditSynonym(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto group = AdmitToGroup(*this, request, page);
  if (auto* response = std::get_if<http::Response>(&group)) {
    return std::move(*response);
  }
  const auto& found = std::get<store::SynonymRecord>(group);
  return SynonymsPage(http::Form(std::vector<http::FormField>{{"phrases", Lines(found.phrases)}}),
                      {}, page, found.id);
}

http::Response Desktop::SaveSynonym(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  std::optional<std::int64_t> editing;
  if (!request.PathParam("id").empty()) {
    editing = IdIn(request.PathParam("id"));
    if (!editing) {
      return ErrorPage(site, page, ErrorPageKind::kNotFound);
    }
  }
  const auto phrases = PhrasesIn(form.First("phrases").value_or(""));
  auto saved = editing ? usecase::UpdateSynonym(*settings.knowledge, *editing, phrases)
                       : usecase::CreateSynonym(*settings.knowledge, phrases);
  if (saved) {
    return SeeOther(page, std::string(kSynonyms) + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() != ErrorCode::kInvalidInput) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links;
  for (const FieldError& field : error.field_errors()) {
    std::string message = T(page, field.message);
    // "phrases[2]" is the third line of the one box.
    if (const auto open = field.field.find('['); open != std::string::npos) {
      std::size_t index = 0;
      std::from_chars(field.field.data() + open + 1, field.field.data() + field.field.size(),
                      index);
      message.insert(0, T(page, "Line") + " " + std::to_string(index + 1) + ": ");
    }
    links.push_back({"phrases", std::move(message)});
  }
  return SynonymsPage(form, links, page, editing);
}

http::Response Desktop::ConfirmDeleteSynonym(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto group = AdmitToGroup(*this, request, page);
  if (auto* response = std::get_if<http::Response>(&group)) {
    return std::move(*response);
  }
  const auto& found = std::get<store::SynonymRecord>(group);
  return Render(
      page, "staff_synonym_delete", "Delete a synonym group",
      Object{{"group_phrases", Joined(found.phrases)},
             {"action", std::string(kSynonyms) + "/" + std::to_string(found.id) + "/delete"}});
}

http::Response Desktop::DeleteSynonym(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageKnowledge);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto id = IdIn(request.PathParam("id"));
  if (!id) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  if (auto deleted = usecase::DeleteSynonym(*settings.knowledge, *id); !deleted) {
    return FailurePage(site, page, deleted.error());
  }
  return SeeOther(page, std::string(kSynonyms) + "?done=1");
}

}  // namespace frontdoor::web
