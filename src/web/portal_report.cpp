#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "frontdoor/core/media_type.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/http/multipart.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "portal.hpp"
#include "portal_services.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::string_view kPortalActor = "portal";

// The fields of the report form other than the service's own questions, in page order: the
// error summary lists errors in this order, as the fields appear.
constexpr std::array<std::string_view, 10> kFixedFields{
    "description", "address",    "postcode",  "lat",   "long",
    "photo",       "first_name", "last_name", "email", "phone"};

// What the browser sent: the text fields and, when there is one, the photo.
struct Submission {
  http::Form form;
  std::string photo_name;
  std::string_view photo;  // a view into the request body
};

Result<Submission> ReadSubmission(const http::Request& request) {
  const std::string content_type(request.Header("content-type").value_or(""));
  Submission submission;
  if (http::IsMultipartFormData(content_type)) {
    auto parts = http::ParseMultipart(content_type, request.body);
    if (!parts) {
      return parts.error();
    }
    auto form = http::TextFields(*parts);
    if (!form) {
      return form.error();
    }
    submission.form = std::move(*form);
    if (const auto* photo = http::FindPart(*parts, "photo"); photo && photo->filename) {
      submission.photo_name = *photo->filename;
      submission.photo = photo->body;
    }
    return submission;
  }
  auto form = http::ParseForm(request.body);
  if (!form) {
    return form.error();
  }
  submission.form = std::move(*form);
  return submission;
}

std::optional<std::string> Present(const http::Form& form, std::string_view name) {
  const auto value = form.Present(name);
  if (!value) {
    return std::nullopt;
  }
  std::string text(*value);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return std::nullopt;
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<double> Coordinate(const std::string& text) {
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// The page state of one rendering of the form: field errors by field name.
using FieldErrors = std::map<std::string, std::string>;

class ReportForm {
 public:
  ReportForm(const Site::Impl& site, Lang lang, const store::ServiceRecord& service,
             Data articles = Data(false))
      : site_(site), lang_(lang), service_(service), articles_(std::move(articles)) {}

  std::string T(std::string_view msgid) const { return std::string(site_.T(lang_, msgid)); }

  // The page for the service: its form (with what was sent and the errors) or, for a
  // signposted service, who to contact instead.
  http::Response Render(const PageContext& page, const http::Form& sent, const FieldErrors& errors,
                        unsigned status) const {
    Object data{{"service_name", service_.name},
                {"service_group", service_.group},
                {"service_description", TextOrFalse(service_.description)},
                {"signpost", service_.signpost ? Data(*service_.signpost) : Data(false)},
                {"error_summary", ErrorSummary(Links(errors))},
                {"page_back_link", Object{{"back_href", "/"}}},
                {"has_articles", Data(articles_.is_list())},
                {"articles", articles_}};
    if (!service_.signpost) {
      data["form"] = Data(FormData(sent, errors));
    } else {
      data["form"] = Data(false);
    }
    return RenderPage(site_, page, "portal_service", service_.name, Data(data), status,
                      !errors.empty());
  }

  // The id each error links to, in the order the fields appear on the page.
  std::vector<ErrorLink> Links(const FieldErrors& errors) const {
    std::vector<ErrorLink> links;
    FieldErrors left = errors;
    for (const Attribute& attribute : Questions()) {
      const auto it = left.find(AttributeName(attribute.code));
      if (it != left.end()) {
        const std::string id = AttributeId(attribute.code);
        links.push_back(
            {attribute.datatype == AttributeDatatype::kDatetime ? id + "-day" : id, it->second});
        left.erase(it);
      }
    }
    for (const std::string_view field : kFixedFields) {
      const auto it = left.find(std::string(field));
      if (it != left.end()) {
        links.push_back({std::string(field), it->second});
        left.erase(it);
      }
    }
    // A field the use case named that has no input of its own links to the description.
    for (const auto& [field, message] : left) {
      links.push_back({"description", message});
    }
    return links;
  }

  std::vector<Attribute> Questions() const {
    std::vector<Attribute> questions = service_.form;
    std::sort(questions.begin(), questions.end(),
              [](const Attribute& a, const Attribute& b) { return a.order < b.order; });
    return questions;
  }

 private:
  static std::string ErrorFor(const FieldErrors& errors, const std::string& field) {
    const auto it = errors.find(field);
    return it == errors.end() ? std::string() : it->second;
  }

  Data Field(const http::Form& sent, const FieldErrors& errors, FieldView field) const {
    field.id = field.name;
    field.value = std::string(sent.First(field.name).value_or(""));
    field.error = ErrorFor(errors, field.name);
    return ToData(field);
  }

  Object FormData(const http::Form& sent, const FieldErrors& errors) const {
    List questions;
    for (const Attribute& attribute : Questions()) {
      questions.push_back(QuestionData(
          attribute, sent, ErrorFor(errors, AttributeName(attribute.code)), site_, lang_));
    }
    const std::string optional = " " + T("(optional)");
    FieldView description{.name = "description", .label = T("Describe the problem")};
    description.hint = T(
        "Say what it is and anything that will help us find it. Do not include personal details.");
    description.rows = 5;
    FieldView address{.name = "address", .label = T("Address or place") + optional};
    address.hint = T("For example, outside 12 Castle Street, or the park gates on Falls Road");
    address.autocomplete = "street-address";
    FieldView postcode{.name = "postcode", .label = T("Postcode") + optional};
    postcode.autocomplete = "postal-code";
    postcode.width_class = "govuk-input--width-10";
    postcode.spellcheck_off = true;
    FieldView lat{.name = "lat", .label = T("Latitude") + optional};
    lat.hint = T("For example, 54.5973");
    lat.inputmode = "decimal";
    lat.width_class = "govuk-input--width-10";
    FieldView lon{.name = "long", .label = T("Longitude") + optional};
    lon.hint = T("For example, -5.9301");
    lon.inputmode = "decimal";
    lon.width_class = "govuk-input--width-10";
    FieldView photo{.name = "photo", .label = T("Upload a photo") + optional};
    photo.hint = T("A JPG, PNG, GIF, WebP or HEIC image, smaller than 10MB");
    photo.accept = "image/*";
    FieldView first_name{.name = "first_name", .label = T("First name") + optional};
    first_name.autocomplete = "given-name";
    first_name.spellcheck_off = true;
    FieldView last_name{.name = "last_name", .label = T("Last name") + optional};
    last_name.autocomplete = "family-name";
    last_name.spellcheck_off = true;
    FieldView email{.name = "email", .label = T("Email address") + optional};
    email.type = "email";
    email.autocomplete = "email";
    email.spellcheck_off = true;
    email.hint = T("We will send updates about your request to this address");
    FieldView phone{.name = "phone", .label = T("Phone number") + optional};
    phone.type = "tel";
    phone.autocomplete = "tel";
    phone.width_class = "govuk-input--width-20";
    Object form{{"action", "/services/" + service_.code},
                {"questions", Data(questions)},
                {"description", Field(sent, errors, description)},
                {"address", Field(sent, errors, address)},
                {"postcode", Field(sent, errors, postcode)},
                {"lat", Field(sent, errors, lat)},
                {"long", Field(sent, errors, lon)},
                {"location_open", Data(errors.contains("lat") || errors.contains("long") ||
                                       sent.Present("lat").has_value())},
                {"photo", Field(sent, errors, photo)},
                {"first_name", Field(sent, errors, first_name)},
                {"last_name", Field(sent, errors, last_name)},
                {"email", Field(sent, errors, email)},
                {"phone", Field(sent, errors, phone)}};
    return form;
  }

  const Site::Impl& site_;
  Lang lang_;
  const store::ServiceRecord& service_;
  Data articles_;
};

// Checks that need no database, all together, so the citizen sees every problem at once.
FieldErrors CheckLocally(const ReportForm& report, const Submission& submission,
                         usecase::NewCase& input) {
  FieldErrors errors;
  const http::Form& form = submission.form;
  if (auto description = Present(form, "description")) {
    input.description = std::move(*description);
  } else {
    errors["description"] = report.T("Describe the problem");
  }
  input.address = Present(form, "address");
  input.postcode = Present(form, "postcode");
  const auto lat_text = Present(form, "lat");
  const auto long_text = Present(form, "long");
  if (lat_text || long_text) {
    input.lat = lat_text ? Coordinate(*lat_text) : std::nullopt;
    input.lon = long_text ? Coordinate(*long_text) : std::nullopt;
    if (!input.lat) {
      errors["lat"] = report.T("Enter the latitude as a number, like 54.5973");
    }
    if (!input.lon) {
      errors["long"] = report.T("Enter the longitude as a number, like -5.9301");
    }
  } else if (!input.address && !input.postcode) {
    errors["address"] =
        report.T("Enter the address or postcode of the problem, or a place near it");
  }
  if (!submission.photo.empty()) {
    const auto type = SniffMediaType(submission.photo);
    if (submission.photo.size() > usecase::kMaxAttachmentBytes) {
      errors["photo"] = report.T("The photo must be smaller than 10MB");
    } else if (!type || !type->name.starts_with("image/")) {
      errors["photo"] = report.T("The photo must be a JPG, PNG, GIF, WebP or HEIC image");
    }
  }
  input.contact.first_name = Present(form, "first_name");
  input.contact.last_name = Present(form, "last_name");
  input.contact.email = Present(form, "email");
  input.contact.phone = Present(form, "phone");
  return errors;
}

// The service's questions checked as the use case will check them, with messages for a
// person filling in a form rather than for an API client.
void CheckAnswers(const ReportForm& report, const store::ServiceRecord& service,
                  const std::multimap<std::string, std::string>& answers, FieldErrors& errors) {
  const auto checked = ValidateAnswers(service.form, answers);
  if (checked) {
    return;
  }
  // error() returns a copy: keep it alive while its field errors are read.
  const Error failure = checked.error();
  for (const FieldError& error : failure.field_errors()) {
    if (errors.contains(error.field)) {
      continue;
    }
    const auto attribute =
        std::find_if(service.form.begin(), service.form.end(),
                     [&](const auto& a) { return AttributeName(a.code) == error.field; });
    std::string message = std::string(report.T(error.message));
    if (attribute != service.form.end()) {
      const bool answered = answers.contains(attribute->code);
      switch (attribute->datatype) {
        case AttributeDatatype::kSingleValueList:
        case AttributeDatatype::kMultiValueList:
          message = report.T(answered ? "Select one of the options" : "Select an answer");
          break;
        case AttributeDatatype::kNumber:
          message = report.T(answered ? "Enter a number, like 12 or 2.5" : "Enter a number");
          break;
        case AttributeDatatype::kDatetime:
          message =
              report.T("Enter a real date, like 27 3 2026, and a time like 14:30 if you know it");
          break;
        case AttributeDatatype::kString:
        case AttributeDatatype::kText:
          message = report.T(answered ? error.message : "Enter an answer");
          break;
      }
      // Several questions may need the same fix: the question says which one is meant.
      message = attribute->description + " " + message;
    }
    errors[error.field] = message;
  }
}

}  // namespace

http::Response Portal::ServicePage(const http::Request& request) const {
  const PageContext page = site.Begin(request);
  auto service = usecase::GetService(cases.store, std::string(request.PathParam("code")));
  if (!service || !OfferedOnWeb(*service)) {
    return service ? ErrorPage(site, page, ErrorPageKind::kNotFound)
                   : FailurePage(site, page, service.error());
  }
  return ReportForm(site, page.lang, *service, ServiceArticles(service->code))
      .Render(page, http::Form{}, {}, 200);
}

http::Response Portal::SubmitReport(const http::Request& request) const {
  const PageContext page = site.Begin(request);
  auto submission = ReadSubmission(request);
  if (!submission || !site.CheckCsrf(request, submission->form)) {
    return ErrorPage(site, page, ErrorPageKind::kForbidden);
  }
  auto service = usecase::GetService(cases.store, std::string(request.PathParam("code")));
  if (!service || !OfferedOnWeb(*service)) {
    return service ? ErrorPage(site, page, ErrorPageKind::kNotFound)
                   : FailurePage(site, page, service.error());
  }
  const ReportForm report(site, page.lang, *service);
  if (service->signpost) {
    return report.Render(page, submission->form, {}, 200);
  }
  usecase::NewCase input;
  input.service_code = service->code;
  input.channel = "web";
  input.actor = std::string(kPortalActor);
  input.acknowledge = true;
  input.language = std::string(LangCode(page.lang));
  FieldErrors errors = CheckLocally(report, *submission, input);
  SubmittedAnswers answers = ReadAnswers(service->form, submission->form, site, page.lang);
  errors.merge(answers.errors);
  CheckAnswers(report, *service, answers.answers, errors);
  if (!errors.empty()) {
    return report.Render(page, submission->form, errors, 422);
  }
  input.attributes = std::move(answers.answers);
  // Signed in, the report is the citizen's: matched to their customer record by the address
  // they proved they own, unless they typed another one for this report.
  if (!input.contact.email) {
    input.contact.email = SignedInCitizenEmail(site, cases, request);
  }
  auto created = usecase::CreateCase(cases, input);
  if (!created) {
    if (created.error().code() != ErrorCode::kInvalidInput) {
      return FailurePage(site, page, created.error());
    }
    const Error failure = created.error();
    for (const FieldError& error : failure.field_errors()) {
      errors.emplace(error.field, std::string(site.T(page.lang, error.message)));
    }
    return report.Render(page, submission->form, errors, 422);
  }
  const std::string& reference = created->record.reference;
  http::Response response = SeeOther(page, "/requests/" + reference + "/confirmation");
  NoteCaseForDeflection(request, response);
  if (!submission->photo.empty()) {
    // Checked above, so this fails only if the database does; the report itself is safe
    // and the citizen is told it was sent, as it was.
    auto attached = usecase::AddAttachment(cases, reference, submission->photo_name,
                                           submission->photo, false, input.actor);
    if (!attached) {
      response.log_detail =
          "portal photo for " + reference + " not stored: " + attached.error().message();
    }
  }
  return response;
}

http::Response Portal::Confirmation(const http::Request& request) const {
  const PageContext page = site.Begin(request);
  const std::string reference(request.PathParam("reference"));
  auto record = usecase::GetCaseRecord(cases, reference);
  if (!record) {
    return FailurePage(site, page, record.error());
  }
  Object data{{"reference", record->reference},
              {"service_name", record->service_name},
              {"due", record->due_at ? Data(DueWords(page.lang, *record->due_at)) : Data(false)},
              {"track_href", "/track?reference=" + record->reference}};
  return RenderPage(site, page, "portal_confirmation",
                    std::string(site.T(page.lang, "Report sent")), Data(data));
}

}  // namespace frontdoor::web
