#include <algorithm>
#include <string>

#include "frontdoor/http/form.hpp"

#include "portal.hpp"
#include "portal_services.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

Data SummaryRow(std::string key, std::vector<std::string> lines, Data tag = Data(false)) {
  List line_list;
  for (std::string& line : lines) {
    line_list.emplace_back(std::move(line));
  }
  return Object{{"row_key", std::move(key)}, {"row_lines", Data(line_list)}, {"row_tag", tag}};
}

}  // namespace

http::Response Portal::Track(const http::Request& request) const {
  const PageContext page = site.Begin(request);
  const auto T = [&](std::string_view msgid) { return std::string(site.T(page.lang, msgid)); };
  std::optional<std::string> reference;
  if (auto query = http::ParseForm(request.query); query) {
    if (const auto sent = query->First("reference")) {
      reference = std::string(*sent);
    }
  }
  FieldView field{.id = "reference", .name = "reference", .label = T("Reference number")};
  field.hint =
      T("This is on your confirmation page and in emails from us, for example BCC-26-000123");
  field.width_class = "govuk-input--width-20";
  field.spellcheck_off = true;
  field.value = reference.value_or("");
  const auto form_page = [&](const std::string& error) {
    field.error = error;
    Object data{
        {"reference", ToData(field)},
        {"case", Data(false)},
        {"error_summary", error.empty() ? Data(false) : ErrorSummary({{"reference", error}})}};
    return RenderPage(site, page, "portal_track", T("Track a request"), Data(data),
                      error.empty() ? 200 : 422, !error.empty());
  };
  if (!reference) {
    return form_page("");
  }
  const auto first = reference->find_first_not_of(" \t");
  if (first == std::string::npos) {
    return form_page(T("Enter your reference number"));
  }
  auto detail = usecase::GetCase(cases, *reference);
  if (!detail) {
    const ErrorCode code = detail.error().code();
    if (code == ErrorCode::kNotFound || code == ErrorCode::kInvalidInput) {
      return form_page(T("We cannot find a request with that reference. Check it and try again"));
    }
    return FailurePage(site, page, detail.error());
  }
  const store::CaseRecord& record = detail->record;
  const StatusWords status = CitizenStatus(record.status);
  List rows;
  rows.push_back(SummaryRow(T("Reference"), {record.reference}));
  rows.push_back(
      SummaryRow(T("Status"), {},
                 Object{{"tag_text", T(status.text)}, {"tag_colour", std::string(status.colour)}}));
  rows.push_back(SummaryRow(T("Reported"), {DateTimeWords(page.lang, record.created_at)}));
  if (record.closed_at) {
    rows.push_back(SummaryRow(T("Closed"), {DateTimeWords(page.lang, *record.closed_at)}));
  } else if (record.due_at) {
    rows.push_back(SummaryRow(T("We aim to deal with it"), {DueWords(page.lang, *record.due_at)}));
  }
  std::vector<std::string> where;
  if (record.address) {
    where.push_back(*record.address);
  }
  if (record.postcode) {
    where.push_back(*record.postcode);
  }
  if (!where.empty()) {
    rows.push_back(SummaryRow(T("Location"), where));
  }
  List updates;
  // Newest first; only what the council said publicly, never internal notes.
  for (auto it = detail->events.rbegin(); it != detail->events.rend(); ++it) {
    const store::CaseEventRecord& event = *it;
    if (!event.is_public || event.kind == "customer_comment") {
      continue;
    }
    Data status_text = Data(false);
    if (event.status) {
      if (const auto parsed = ParseCaseStatus(*event.status)) {
        status_text = Data(T(CitizenStatus(*parsed).text));
      }
    }
    updates.emplace_back(Object{{"update_when", DateTimeWords(page.lang, event.at)},
                                {"update_status", status_text},
                                {"update_body", event.body ? Data(*event.body) : Data(false)}});
  }
  Object data{{"case", Object{{"case_reference", record.reference},
                              {"case_service", record.service_name},
                              {"summary", Object{{"rows", Data(rows)}}},
                              {"updates", Data(updates)}}},
              {"error_summary", Data(false)}};
  return RenderPage(site, page, "portal_track", record.reference + " – " + record.service_name,
                    Data(data));
}

}  // namespace frontdoor::web
