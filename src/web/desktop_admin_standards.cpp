// Administration of the charter's standards: the list, adding one and editing one, through
// the charter use cases (the same checks as every other writer of standards).
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kStandards = "/staff/admin/standards";

std::string Sent(const http::Form& form, std::string_view name) {
  return std::string(form.First(name).value_or(""));
}

std::string Percent(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.ends_with('.')) {
    text.pop_back();
  }
  return text;
}

http::Form FormOf(const usecase::StandardEntry& entry) {
  const charter::Standard& s = entry.standard;
  std::vector<http::FormField> fields{{"code", s.code},
                                      {"name", s.name},
                                      {"measure", charter::MeasureName(s.measure)},
                                      {"channel", s.channel.value_or("")},
                                      {"case_type", s.case_type.value_or("")},
                                      {"service_code", s.service_code.value_or("")},
                                      {"unit", charter::TargetUnitName(s.target.unit)},
                                      {"target", std::to_string(s.target.amount)},
                                      {"threshold_percent", Percent(s.threshold_percent)}};
  if (entry.active) {
    fields.push_back({"active", "yes"});
  }
  return http::Form(std::move(fields));
}

// The standard the form describes, with a field error for each box that is not a number or
// not one of its choices; the use case checks the rest.
usecase::StandardEntry EntryFrom(const http::Form& form, std::string code,
                                 std::vector<FieldError>& errors) {
  usecase::StandardEntry entry{charter::Standard{.code = std::move(code),
                                                 .name = Sent(form, "name"),
                                                 .measure = charter::Measure::kResolve,
                                                 .channel = std::nullopt,
                                                 .case_type = std::nullopt,
                                                 .service_code = std::nullopt,
                                                 .target = {charter::TargetUnit::kWorkingDays, 0},
                                                 .threshold_percent = 0},
                               form.Present("active").has_value()};
  charter::Standard& s = entry.standard;
  if (auto measure = charter::ParseMeasure(Sent(form, "measure"))) {
    s.measure = *measure;
  } else {
    errors.push_back({"measure", "Choose what the standard measures"});
  }
  if (auto unit = charter::ParseTargetUnit(Sent(form, "unit"))) {
    s.target.unit = *unit;
  } else {
    errors.push_back({"unit", "Choose working days, working hours or minutes"});
  }
  const std::string target = Sent(form, "target");
  const auto [target_end, target_ec] =
      std::from_chars(target.data(), target.data() + target.size(), s.target.amount);
  if (target.empty() || target_ec != std::errc() || target_end != target.data() + target.size()) {
    errors.push_back({"target", "Enter the target as a whole number, like 10"});
  }
  const std::string threshold = Sent(form, "threshold_percent");
  const auto [end, ec] =
      std::from_chars(threshold.data(), threshold.data() + threshold.size(), s.threshold_percent);
  if (threshold.empty() || ec != std::errc() || end != threshold.data() + threshold.size()) {
    errors.push_back({"threshold_percent", "Enter a percentage, like 95"});
  }
  if (const auto channel = form.Present("channel")) {
    s.channel = std::string(*channel);
  }
  if (const auto case_type = form.Present("case_type")) {
    s.case_type = std::string(*case_type);
  }
  if (const auto service = form.Present("service_code")) {
    s.service_code = std::string(*service);
  }
  return entry;
}

}  // namespace

http::Response Desktop::StandardsPage(const http::Form& form, const std::vector<ErrorLink>& errors,
                                      PageContext& page, bool editing) const {
  auto standards = usecase::ListStandards(cases.store, true);
  if (!standards) {
    return FailurePage(site, page, standards.error());
  }
  List rows;
  for (const auto& entry : *standards) {
    const charter::Standard& s = entry.standard;
    rows.emplace_back(
        Object{{"standard_code", s.code},
               {"standard_name", s.name},
               {"standard_measure", charter::MeasureName(s.measure)},
               {"standard_scope", s.channel.value_or("") + " " + s.case_type.value_or("") + " " +
                                      s.service_code.value_or("")},
               {"standard_target",
                std::to_string(s.target.amount) + " " + charter::TargetUnitName(s.target.unit)},
               {"standard_threshold", Percent(s.threshold_percent) + "%"},
               {"standard_active", Data(entry.active)}});
  }
  const auto select = [&](std::string id, std::string_view label, std::string_view none,
                          const std::vector<std::string>& choices) {
    FieldView field{.id = id, .name = id, .label = T(page, label)};
    field.error = ErrorOf(errors, id);
    if (!none.empty()) {
      field.items.push_back({.value = "", .text = T(page, none)});
    }
    for (const auto& choice : choices) {
      field.items.push_back(
          {.value = choice, .text = choice, .checked = form.First(id).value_or("") == choice});
    }
    return ToData(field);
  };
  std::vector<std::string> measures;
  for (const charter::Measure m : {charter::Measure::kAcknowledge, charter::Measure::kFirstResponse,
                                   charter::Measure::kResolve, charter::Measure::kComplaintStage1,
                                   charter::Measure::kComplaintStage2,
                                   charter::Measure::kAnswerCall, charter::Measure::kSeeVisitor}) {
    measures.emplace_back(charter::MeasureName(m));
  }
  std::vector<std::string> channels;
  for (const Channel channel : AllChannels()) {
    channels.emplace_back(ChannelName(channel));
  }
  std::vector<std::string> case_types;
  for (const CaseType type :
       {CaseType::kRequest, CaseType::kEnquiry, CaseType::kComplaint, CaseType::kCompliment}) {
    case_types.emplace_back(CaseTypeName(type));
  }
  const std::vector<std::string> units{"working_days", "working_hours", "minutes"};
  const auto input = [&](std::string id, std::string_view label, std::string width) {
    Data field = Input(form, errors, id, T(page, label));
    if (!width.empty()) {
      field.set("width_class", width);
    }
    return field;
  };
  FieldView active{.id = "active", .name = "active", .label = T(page, "Status")};
  active.items.push_back({.id = "active",
                          .value = "yes",
                          .text = T(page, "Active: deadlines are counted against it"),
                          .checked = form.Present("active").has_value()});
  const std::string code = Sent(form, "code");
  Object data{
      {"standards", Data(rows)},
      {"editing", Data(editing)},
      {"standard_code", code},
      {"action", editing ? std::string(kStandards) + "/" + code : std::string(kStandards)},
      {"code", input("code", "Code", "govuk-input--width-10")},
      {"name", input("name", "Name", "")},
      {"measure", select("measure", "Measure", "", measures)},
      {"channel", select("channel", "Channel", "Every channel", channels)},
      {"case_type", select("case_type", "Case type", "Every case type", case_types)},
      {"service_code", input("service_code", "Service code (optional)", "govuk-input--width-10")},
      {"target", input("target", "Target", "govuk-input--width-4")},
      {"unit", select("unit", "Unit", "", units)},
      {"threshold_percent",
       input("threshold_percent", "Share that must meet the target (%)", "govuk-input--width-4")},
      {"active", ToData(active)},
      {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}};
  const bool failed = !errors.empty();
  return Render(page, "staff_standards", editing ? "Edit a standard" : "Charter standards",
                std::move(data), failed ? 422 : 200, failed);
}

http::Response Desktop::Standards(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter, "Standard saved");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return StandardsPage(
      http::Form(std::vector<http::FormField>{{"active", "yes"}, {"threshold_percent", "95"}}), {},
      page, false);
}

http::Response Desktop::EditStandard(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  auto standards = usecase::ListStandards(cases.store, true);
  if (!standards) {
    return FailurePage(site, page, standards.error());
  }
  for (const auto& entry : *standards) {
    if (entry.standard.code == request.PathParam("code")) {
      return StandardsPage(FormOf(entry), {}, page, true);
    }
  }
  return ErrorPage(site, page, ErrorPageKind::kNotFound);
}

http::Response Desktop::SaveStandard(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCharter);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& form = std::get<Admitted>(admitted).form;
  const std::string path_code(request.PathParam("code"));
  const bool editing = !path_code.empty();
  std::vector<FieldError> invalid;
  const auto entry = EntryFrom(form, editing ? path_code : Sent(form, "code"), invalid);
  Result<usecase::StandardEntry> saved = Error::Invalid(invalid);
  if (invalid.empty()) {
    saved = editing ? usecase::UpdateStandard(cases.store, cases.clock, entry, cases.live_charter)
                    : usecase::CreateStandard(cases.store, cases.clock, entry, cases.live_charter);
  }
  if (saved) {
    return SeeOther(page, std::string(kStandards) + "?done=1");
  }
  const Error error = saved.error();
  if (error.code() == ErrorCode::kNotFound && editing) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  if (error.code() != ErrorCode::kInvalidInput && error.code() != ErrorCode::kConflict) {
    return FailurePage(site, page, error);
  }
  std::vector<ErrorLink> links = Links(error, "code");
  for (ErrorLink& link : links) {
    link.message = T(page, link.message);
  }
  if (editing) {
    std::vector<http::FormField> fields = form.fields();
    fields.insert(fields.begin(), {"code", path_code});
    return StandardsPage(http::Form(std::move(fields)), links, page, true);
  }
  return StandardsPage(form, links, page, false);
}

}  // namespace frontdoor::web
