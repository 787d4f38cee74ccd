// Customer search and the single customer view: details, contact points and the timeline of
// their cases, case events and contacts, newest first. Restricted customers open only for
// those the access policy lets read them.
#include <charconv>
#include <string>
#include <vector>

#include "frontdoor/usecase/customers.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr int kTimelinePage = 50;

Data Row(std::string key, const std::string& value) {
  return Object{{"row_key", std::move(key)},
                {"row_lines", Data(List{Data(value)})},
                {"row_tag", Data(false)}};
}

usecase::Viewer ViewerOf(const access::Principal& who) {
  return {who.actor, access::Allows(who, access::Action::kReadRestrictedCustomer)};
}

// The summary list at the top of the customer page: how to reach them and what they need.
List CustomerDetails(const Desktop& desk, const PageContext& page,
                     const usecase::CustomerView& view) {
  const store::CustomerRecord& customer = view.customer;
  List details;
  details.push_back(Row(desk.T(page, "Customer number"), std::to_string(customer.id)));
  if (customer.address) {
    details.push_back(Row(desk.T(page, "Address"), *customer.address));
  }
  if (customer.postcode) {
    details.push_back(Row(desk.T(page, "Postcode"), *customer.postcode));
  }
  for (const auto& point : view.contact_points) {
    details.push_back(Row(desk.T(page, point.kind == "email" ? "Email" : "Phone"), point.value));
  }
  details.push_back(
      Row(desk.T(page, "Language"), desk.T(page, customer.language == "ga" ? "Irish" : "English")));
  if (customer.preferred_channel) {
    details.push_back(Row(desk.T(page, "Prefers"), *customer.preferred_channel));
  }
  if (!customer.accessibility.empty()) {
    std::string needs;
    for (const auto& need : customer.accessibility) {
      needs += (needs.empty() ? "" : ", ") + need;
    }
    details.push_back(Row(desk.T(page, "Accessibility needs"), needs));
  }
  return details;
}

List TimelineEntries(const PageContext& page, const usecase::TimelinePage& timeline) {
  List entries;
  for (const auto& entry : timeline.entries) {
    entries.emplace_back(Object{{"entry_when", DateTimeWords(page.lang, entry.at)},
                                {"entry_kind", entry.kind},
                                {"entry_title", entry.title},
                                {"entry_detail", TextOrFalse(entry.detail)},
                                {"entry_channel", TextOrFalse(entry.channel)},
                                {"entry_reference", TextOrFalse(entry.case_reference)},
                                {"entry_internal", Data(!entry.is_public)}});
  }
  return entries;
}

// Cursor paging runs one way, so "back" is to the newest entries rather than one page up.
Data TimelinePaging(const Desktop& desk, const PageContext& page, const std::string& path,
                    const std::optional<std::string>& after,
                    const usecase::TimelinePage& timeline) {
  Data paging(false);
  if (after || timeline.next_cursor) {
    paging = Object{
        {"pagination_previous", after ? Data(path) : Data(false)},
        {"pagination_previous_title", desk.T(page, "Newest")},
        {"pagination_next",
         timeline.next_cursor ? Data(path + "?after=" + http::PercentEncode(*timeline.next_cursor))
                              : Data(false)},
        {"pagination_next_title", desk.T(page, "Older")}};
  }
  return paging;
}

}  // namespace

std::string CustomerDisplayName(const store::CustomerRecord& customer) {
  if (customer.kind == "organisation" && customer.organisation_name) {
    return *customer.organisation_name;
  }
  std::string name = customer.first_name.value_or("");
  if (customer.last_name) {
    name += (name.empty() ? "" : " ") + *customer.last_name;
  }
  return name.empty() ? "Customer " + std::to_string(customer.id) : name;
}

http::Response Desktop::CustomerSearch(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kReadCustomer);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const http::Form& query = std::get<Admitted>(admitted).form;
  usecase::CustomerQuery search;
  const auto take = [&](std::string_view name, std::optional<std::string>& into) {
    if (const auto sent = query.Present(name)) {
      into = std::string(*sent);
    }
  };
  take("name", search.name);
  take("email", search.email);
  take("phone", search.phone);
  take("postcode", search.postcode);
  take("reference", search.reference);
  const bool searched =
      search.name || search.email || search.phone || search.postcode || search.reference;
  std::vector<ErrorLink> errors;
  List results;
  if (searched) {
    auto found = usecase::SearchCustomers(cases.store, search);
    if (!found) {
      const Error error = found.error();
      if (error.code() != ErrorCode::kInvalidInput) {
        return FailurePage(site, page, error);
      }
      for (const auto& field : error.field_errors()) {
        errors.push_back({field.field, field.message});
      }
    } else {
      for (const auto& customer : *found) {
        results.emplace_back(Object{{"customer_id", std::to_string(customer.id)},
                                    {"customer_name", CustomerDisplayName(customer)},
                                    {"customer_email", customer.email.value_or("")},
                                    {"customer_phone", customer.phone.value_or("")},
                                    {"customer_postcode", customer.postcode.value_or("")}});
      }
    }
  }
  const auto input = [&](const std::string& id, std::string label) {
    FieldView field{.id = id, .name = id, .label = std::move(label)};
    field.value = std::string(query.First(id).value_or(""));
    for (const auto& error : errors) {
      if (error.id == id) {
        field.error = error.message;
      }
    }
    return ToData(field);
  };
  return Render(page, "staff_customers", "Find a customer",
                Object{{"name", input("name", T(page, "Name"))},
                       {"email", input("email", T(page, "Email address"))},
                       {"phone", input("phone", T(page, "Phone number"))},
                       {"postcode", input("postcode", T(page, "Postcode"))},
                       {"reference", input("reference", T(page, "Case reference"))},
                       {"searched", Data(searched && errors.empty())},
                       {"results", Data(results)},
                       {"has_results", Data(!results.empty())},
                       {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
                errors.empty() ? 200 : 422, !errors.empty());
}

http::Response Desktop::CustomerPage(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCustomer);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  const access::Principal& who = std::get<access::Principal>(gate);
  const auto id = PathId(request);
  if (!id) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto view = usecase::GetCustomer(cases.store, *id, ViewerOf(who));
  if (!view) {
    if (view.error().code() == ErrorCode::kForbidden) {
      return Refused(page, T(page, "This customer's record is restricted. Ask a manager."));
    }
    return FailurePage(site, page, view.error());
  }
  const store::CustomerRecord& customer = view->customer;
  if (customer.id != *id) {
    // Merged into another: show the surviving record under its own address.
    return SeeOther(page, "/staff/customers/" + std::to_string(customer.id));
  }
  const std::string path = "/staff/customers/" + std::to_string(customer.id);
  const http::Form query = QueryFields(request);
  std::optional<std::string> after;
  if (auto sent = query.Present("after")) {
    after = std::string(*sent);
  }
  auto timeline = usecase::CustomerTimeline(cases.store, customer.id, after, kTimelinePage, true,
                                            ViewerOf(who));
  if (!timeline && timeline.error().code() == ErrorCode::kInvalidInput) {
    // A cursor that was tampered with or outlived a change of format: start from the newest.
    return SeeOther(page, path);
  }
  if (!timeline) {
    return FailurePage(site, page, timeline.error());
  }
  const List entries = TimelineEntries(page, *timeline);
  return Render(page, "staff_customer", CustomerDisplayName(customer),
                Object{{"customer_name", CustomerDisplayName(customer)},
                       {"customer_restricted", Data(customer.restricted)},
                       {"details", Object{{"rows", Data(CustomerDetails(*this, page, *view))}}},
                       {"entries", Data(entries)},
                       {"has_entries", Data(!entries.empty())},
                       {"pagination", TimelinePaging(*this, page, path, after, *timeline)}});
}

}  // namespace frontdoor::web
