// "Log a contact": a phone call or a visit on one screen. Find or create the customer, say
// how it went, and optionally raise a case, which the contact is then linked to. The steps
// are separate units of work (customer, case, contact), each durable on its own: a failure
// after the case is raised shows the case's reference rather than raising it twice.
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/usecase/catalogue.hpp"
#include "frontdoor/usecase/customers.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

using FieldErrors = std::vector<ErrorLink>;

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kOutcomes{{
    {"case_raised", "A case was raised"},
    {"information_given", "Information given"},
    {"resolved_first_contact", "Resolved there and then"},
    {"signposted", "Signposted to another organisation"},
    {"transferred", "Transferred"},
    {"abandoned", "The call dropped or the person left"},
}};

std::string Sent(const http::Form& form, std::string_view name) {
  return std::string(form.First(name).value_or(""));
}

std::string ErrorFor(const FieldErrors& errors, std::string_view id) {
  for (const auto& error : errors) {
    if (error.id == id) {
      return error.message;
    }
  }
  return "";
}

FieldView Input(std::string id, std::string label, const http::Form& form,
                const FieldErrors& errors) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  field.value = Sent(form, id);
  field.error = ErrorFor(errors, id);
  return field;
}

FieldView Choice(std::string id, std::string label, const http::Form& form,
                 const FieldErrors& errors,
                 const std::vector<std::pair<std::string, std::string>>& options) {
  FieldView field{.id = id, .name = id, .label = std::move(label)};
  field.error = ErrorFor(errors, id);
  const std::string chosen = Sent(form, id);
  for (const auto& [value, text] : options) {
    field.items.push_back({.value = value, .text = text, .checked = value == chosen});
  }
  return field;
}

// Which of our fields a use case's field error belongs to.
std::string ContactFieldId(std::string_view step, std::string_view field) {
  if (step == "customer") {
    if (field == "email" || field == "phone" || field == "postcode") {
      return std::string(field);
    }
    return "last_name";
  }
  if (step == "case") {
    if (field == "service_code") {
      return "service";
    }
    if (field == "description" || field == "address" || field == "postcode") {
      return field == "description" ? "description" : "address";
    }
    return "service";
  }
  if (field == "outcome" || field == "channel" || field == "summary") {
    return std::string(field);
  }
  return "summary";
}

void AddErrors(FieldErrors& out, std::string_view step, const Error& error) {
  for (const auto& field : error.field_errors()) {
    out.push_back({ContactFieldId(step, field.field), field.message});
  }
  if (error.field_errors().empty()) {
    out.push_back({ContactFieldId(step, ""), error.message()});
  }
}

}  // namespace

struct ContactScreen {
  const Desktop& desktop;
  PageContext& page;
  Data suggestions = Data(false);  // the "Find articles" button's list

  http::Response Render(const http::Form& form, const FieldErrors& sent_errors,
                        unsigned status) const {
    const auto t = [&](std::string_view text) { return desktop.T(page, text); };
    FieldErrors errors = sent_errors;
    for (auto& error : errors) {
      error.message = t(error.message);
    }
    auto services = usecase::ListServices(desktop.cases.store, false);
    if (!services) {
      return FailurePage(desktop.site, page, services.error());
    }
    std::vector<std::pair<std::string, std::string>> service_options{{"", "Choose a service"}};
    for (const auto& service : *services) {
      if (!service.signpost) {
        service_options.emplace_back(service.code, service.name);
      }
    }
    std::vector<std::pair<std::string, std::string>> outcomes;
    for (const auto& [value, text] : kOutcomes) {
      outcomes.emplace_back(value, text);
    }
    FieldView summary = Input("summary", "What the contact was about", form, errors);
    summary.rows = 4;
    FieldView description = Input("description", "Describe the problem for the case", form, errors);
    description.rows = 4;
    FieldView email = Input("email", "Email address", form, errors);
    email.type = "email";
    email.spellcheck_off = true;
    FieldView phone = Input("phone", "Phone number", form, errors);
    phone.type = "tel";
    const bool raise = form.Present("raise_case").has_value();
    return desktop.Render(
        page, "staff_contact", "Log a contact",
        Object{{"channel", ToData(Choice("channel", "How did they contact us?", form, errors,
                                         {{"phone", "Phone"}, {"face_to_face", "Face to face"}}))},
               {"customer_id",
                ToData(Input("customer_id", "Customer number, if you found them already", form,
                             errors))},
               {"first_name", ToData(Input("first_name", "First name", form, errors))},
               {"last_name", ToData(Input("last_name", "Last name", form, errors))},
               {"email", ToData(email)},
               {"phone", ToData(phone)},
               {"outcome", ToData(Choice("outcome", "Outcome", form, errors, outcomes))},
               {"summary", ToData(summary)},
               {"raise_checked", Data(raise)},
               {"service", ToData(Choice("service", "Service", form, errors, service_options))},
               {"description", ToData(description)},
               {"address", ToData(Input("address", "Address or location", form, errors))},
               {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)},
               {"has_knowledge", Data(desktop.settings.knowledge != nullptr)},
               {"suggestions", suggestions},
               {"page_script", desktop.settings.knowledge != nullptr
                                   ? Data(desktop.site.assets.Path("suggest.js"))
                                   : Data(false)}},
        status, !errors.empty());
  }
};

namespace {

// The customer the form names: by number, else an exact email or phone match, else a new one;
// nullopt when the form gives nothing to go on (an anonymous caller).
Result<std::optional<std::int64_t>> ContactCustomer(const Desktop& desktop, const http::Form& form,
                                                    const usecase::Viewer& viewer) {
  const std::string id = Sent(form, "customer_id");
  if (!id.empty()) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size() || value <= 0) {
      return Error::Invalid("customer_id", "Enter the customer number as digits");
    }
    auto found = usecase::GetCustomer(desktop.cases.store, value, viewer);
    if (!found) {
      return found.error().code() == ErrorCode::kNotFound
                 ? Error::Invalid("customer_id", "There is no customer with that number")
                 : found.error();
    }
    return std::optional<std::int64_t>(found->customer.id);
  }
  usecase::CustomerInput input;
  const auto optional = [&](std::string_view name) -> std::optional<std::string> {
    std::string value = Sent(form, name);
    return value.empty() ? std::nullopt : std::optional(std::move(value));
  };
  input.first_name = optional("first_name");
  input.last_name = optional("last_name");
  input.email = optional("email");
  input.phone = optional("phone");
  if (!input.first_name && !input.last_name && !input.email && !input.phone) {
    return std::optional<std::int64_t>();
  }
  if (input.email || input.phone) {
    usecase::CustomerQuery query;
    query.email = input.email;
    query.phone = input.phone;
    auto candidates = usecase::FindCandidates(desktop.cases.store, query);
    if (candidates && !candidates->empty() && candidates->front().score >= 1.0) {
      return std::optional<std::int64_t>(candidates->front().customer.id);
    }
  }
  auto created = usecase::CreateCustomer(desktop.cases.store, desktop.cases.clock, input);
  if (!created) {
    return created.error();
  }
  return std::optional<std::int64_t>(created->id);
}

}  // namespace

http::Response Desktop::ContactPage(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kLogContact, "Contact logged");
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  return ContactScreen{*this, page}.Render(http::Form(), {}, 200);
}

http::Response Desktop::LogContact(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kLogContact);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto& [who, form] = std::get<Admitted>(admitted);
  if (form.Present("find_articles")) {
    // Without JavaScript the agent asks for suggestions with a button: the page comes back
    // with everything typed and nothing logged yet.
    return ContactScreen{*this, page, ContactSuggestions(Sent(form, "summary"))}.Render(form, {},
                                                                                        200);
  }
  const usecase::Viewer viewer{who.actor,
                               access::Allows(who, access::Action::kReadRestrictedCustomer)};
  const ContactScreen screen{*this, page};
  FieldErrors errors;
  const std::string channel = Sent(form, "channel");
  if (channel != "phone" && channel != "face_to_face") {
    errors.push_back({"channel", "Choose phone or face to face"});
  }
  const bool raise = form.Present("raise_case").has_value();
  if (raise && Sent(form, "service").empty()) {
    errors.push_back({"service", "Choose the service the case is for"});
  }
  if (!errors.empty()) {
    return screen.Render(form, errors, 422);
  }
  auto customer = ContactCustomer(*this, form, viewer);
  if (!customer) {
    if (customer.error().code() != ErrorCode::kInvalidInput) {
      return FailurePage(site, page, customer.error());
    }
    AddErrors(errors, "customer", customer.error());
    return screen.Render(form, errors, 422);
  }
  std::optional<std::string> reference;
  if (raise) {
    usecase::NewCase input;
    input.service_code = Sent(form, "service");
    input.channel = channel;
    input.description = Sent(form, "description");
    if (const std::string address = Sent(form, "address"); !address.empty()) {
      input.address = address;
    }
    if (!*customer) {
      input.contact.first_name = Sent(form, "first_name");
      input.contact.last_name = Sent(form, "last_name");
    }
    input.actor = who.actor;
    auto created = usecase::CreateCase(cases, input);
    if (!created) {
      const ErrorCode code = created.error().code();
      if (code != ErrorCode::kInvalidInput && code != ErrorCode::kNotFound) {
        return FailurePage(site, page, created.error());
      }
      AddErrors(errors, "case", created.error());
      return screen.Render(form, errors, 422);
    }
    reference = created->record.reference;
  }
  usecase::InteractionInput contact;
  contact.customer_id = *customer;
  contact.case_reference = reference;
  contact.channel = channel;
  contact.outcome = raise ? std::string("case_raised") : Sent(form, "outcome");
  contact.summary = Sent(form, "summary");
  if (raise && contact.summary.empty()) {
    contact.summary = "Case raised";
  }
  if (page.user) {
    contact.agent_id = page.user->id;
  }
  if (const std::string service = Sent(form, "service"); !service.empty()) {
    contact.service_code = service;
  }
  auto logged = usecase::LogInteraction(cases.store, cases.clock, contact, viewer);
  if (!logged) {
    if (logged.error().code() != ErrorCode::kInvalidInput || reference) {
      // With a case raised, the contact's failure must not hide the case: go to it.
      return reference ? SeeOther(page, "/staff/cases/" + *reference)
                       : FailurePage(site, page, logged.error());
    }
    AddErrors(errors, "contact", logged.error());
    return screen.Render(form, errors, 422);
  }
  return SeeOther(page, reference ? "/staff/cases/" + *reference + "?done=raised"
                                  : std::string("/staff/contacts/new?done=1"));
}

}  // namespace frontdoor::web
