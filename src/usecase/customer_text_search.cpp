// Staff search over customers from one box: what the text looks like decides how it is
// matched, then the existing exact and fuzzy customer matching does the work.
#include <algorithm>

#include "frontdoor/core/contact.hpp"
#include "frontdoor/core/location.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/case_search.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::size_t kMaxQueryChars = 200;
constexpr std::size_t kPhoneDigits = 7;

bool LooksLikePhone(std::string_view text) {
  const auto digits =
      std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  return static_cast<std::size_t>(digits) >= kPhoneDigits &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' ||
                  c == ')';
         });
}

Result<std::vector<Candidate>> Exact(store::Store& store, const CustomerQuery& query,
                                     const char* reason) {
  auto found = SearchCustomers(store, query);
  if (!found) {
    return found.error();
  }
  std::vector<Candidate> out;
  for (auto& customer : *found) {
    out.push_back({std::move(customer), 1.0, reason});
  }
  return out;
}

Result<std::vector<Candidate>> Match(store::Store& store, const std::string& text, int limit) {
  CustomerQuery query;
  query.limit = limit;
  if (text.find('@') != std::string::npos) {
    query.email = text;
    return FindCandidates(store, query);
  }
  if (ParseReference(text)) {
    query.reference = text;
    return Exact(store, query, "case reference");
  }
  if (NormalisePostcode(text)) {
    query.postcode = text;
    return Exact(store, query, "same postcode");
  }
  if (LooksLikePhone(text)) {
    query.phone = text;
    return FindCandidates(store, query);
  }
  query.name = text;
  return FindCandidates(store, query);
}

}  // namespace

Result<std::vector<Candidate>> SearchCustomersByText(store::Store& store, const std::string& q,
                                                     const access::Principal& caller, int limit) {
  const std::string text = Trim(q);
  if (text.empty() || !IsValidUtf8(text) || CountCodePoints(text) > kMaxQueryChars) {
    return Error::Invalid("q", "Enter 1 to 200 characters to search for");
  }
  if (limit < 1 || limit > kMaxCustomerSearchResults) {
    return Error::Invalid("limit", "Must be 1 to 100");
  }
  auto found = Match(store, text, limit);
  if (!found) {
    // The caller typed one box: whatever field the matching named, it is that box.
    if (found.error().code() == ErrorCode::kInvalidInput) {
      return Error::Invalid("q", found.error().field_errors().empty()
                                     ? found.error().message()
                                     : found.error().field_errors().front().message);
    }
    return found.error();
  }
  const bool may_open_restricted = access::Allows(caller, access::Action::kReadRestrictedCustomer);
  std::vector<Candidate> out;
  for (auto& candidate : *found) {
    if ((!candidate.customer.restricted || may_open_restricted) &&
        out.size() < static_cast<std::size_t>(limit)) {
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

}  // namespace frontdoor::usecase
