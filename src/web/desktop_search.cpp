// GET /staff/search?q=: one box over cases and customers. Cases come ranked from the case
// search index (usecase/case_search.hpp), cut to what the signed-in member of staff may see;
// customers from the customer matching, restricted ones only for those who may open them.
// Server-rendered, so it works without JavaScript.
#include <string>

#include "frontdoor/usecase/case_search.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {
namespace {

constexpr std::size_t kCaseHits = 20;
constexpr int kCustomerHits = 10;

Data CaseRow(const usecase::CaseSearchHit& hit) {
  const auto& row = hit.row;
  std::string place = row.address.value_or("");
  if (row.postcode) {
    place += (place.empty() ? "" : ", ") + *row.postcode;
  }
  return Object{{"case_reference", row.reference},
                {"case_service", row.service_name},
                {"case_status", row.status},
                {"case_customer", row.customer_name},
                {"case_place", place}};
}

Data CustomerRow(const usecase::Candidate& candidate) {
  const auto& customer = candidate.customer;
  return Object{{"customer_id", std::to_string(customer.id)},
                {"customer_name", CustomerDisplayName(customer)},
                {"customer_email", customer.email.value_or("")},
                {"customer_postcode", customer.postcode.value_or("")}};
}

}  // namespace

http::Response Desktop::Search(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto gate = Gate(request, page, access::Action::kReadCase);
  if (auto* response = std::get_if<http::Response>(&gate)) {
    return std::move(*response);
  }
  const access::Principal& who = std::get<access::Principal>(gate);
  const http::Form query = QueryFields(request);
  const std::string q(query.First("q").value_or(""));
  const bool searched = query.Present("q").has_value();
  std::vector<ErrorLink> errors;
  List case_rows;
  List customer_rows;
  bool loading = false;
  if (searched) {
    usecase::CaseSearch search;
    search.q = q;
    search.limit = kCaseHits;
    Result<usecase::CaseSearchResult> found =
        settings.case_index == nullptr
            ? Result<usecase::CaseSearchResult>(
                  Error(ErrorCode::kUnavailable, "Case search is not running"))
            : usecase::SearchCases(cases.store, *settings.case_index, search, who);
    if (found) {
      for (const auto& hit : found->hits) {
        case_rows.push_back(CaseRow(hit));
      }
    } else if (found.error().code() == ErrorCode::kInvalidInput) {
      errors.push_back({"q", std::string(site.T(page.lang, "Enter 1 to 300 characters"))});
    } else if (found.error().code() == ErrorCode::kUnavailable) {
      loading = true;  // customers still answer; cases in a minute
    } else {
      return FailurePage(site, page, found.error());
    }
    if (errors.empty() && access::Allows(who, access::Action::kReadCustomer)) {
      auto customers = usecase::SearchCustomersByText(cases.store, q, who, kCustomerHits);
      if (!customers && customers.error().code() != ErrorCode::kInvalidInput) {
        return FailurePage(site, page, customers.error());
      }
      for (const auto& candidate : customers ? *customers : std::vector<usecase::Candidate>{}) {
        customer_rows.push_back(CustomerRow(candidate));
      }
    }
  }
  FieldView field{.id = "q", .name = "q", .label = "Search cases and customers"};
  field.label = std::string(site.T(page.lang, field.label));
  field.hint = std::string(
      site.T(page.lang, "A case reference, a name, an address, a postcode or what happened"));
  field.value = q;
  field.type = "search";
  if (!errors.empty()) {
    field.error = errors.front().message;
  }
  const bool show = searched && errors.empty();
  return Render(page, "staff_search", "Search",
                Object{{"q", ToData(field)},
                       {"searched", Data(show)},
                       {"loading", Data(show && loading)},
                       {"cases", Data(case_rows)},
                       {"has_cases", Data(!case_rows.empty())},
                       {"customers", Data(customer_rows)},
                       {"has_customers", Data(!customer_rows.empty())},
                       {"error_summary", errors.empty() ? Data(false) : ErrorSummary(errors)}},
                errors.empty() ? 200 : 422, !errors.empty());
}

}  // namespace frontdoor::web
