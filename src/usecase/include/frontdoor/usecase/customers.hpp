// Use cases for the single customer view: customers and their preferences, matching an
// intake to an existing customer, ranked candidates for agents, merging duplicates (and
// undoing it), logging contacts on any channel, and the customer's timeline.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/customers.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/idempotency.hpp"

namespace frontdoor::usecase {

// Who is looking: restricted customers open only for managers and administrators.
struct Viewer {
  std::string actor;  // as recorded in history, e.g. "staff:3", "apikey:crm"
  bool may_open_restricted = false;
};

struct CustomerInput {
  std::string kind = "person";  // person, organisation
  std::optional<std::string> title;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> organisation_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  std::optional<std::string> postcode;
  std::string language = "en";  // en, ga
  std::optional<std::string> preferred_channel;
  std::vector<std::string> accessibility;  // large_print, braille, bsl, isl, easy_read,
                                           // hearing_loop, interpreter
  std::optional<std::string> interpreter_language;
  bool consent_contact = false;
  bool consent_research = false;
  bool restricted = false;
};

// Validates every field together (kInvalidInput naming each): a person needs a first or last
// name, an organisation its name; email, phone (E.164) and postcode are normalised;
// language en or ga; channel and accessibility needs from their lists; interpreter_language
// required when "interpreter" is a need. With `once`, idempotent (idempotency.hpp).
Result<store::CustomerRecord> CreateCustomer(
    store::Store& store, const Clock& clock, const CustomerInput& input,
    const IdempotentCreate<store::CustomerRecord>* once = nullptr);
// Replaces the customer's details; kNotFound, kForbidden (restricted), kConflict (merged).
Result<store::CustomerRecord> UpdateCustomer(store::Store& store, const Clock& clock,
                                             std::int64_t id, const CustomerInput& input,
                                             const Viewer& viewer);

struct CustomerView {
  store::CustomerRecord customer;
  std::vector<store::ContactPointRecord> contact_points;
};
// kNotFound; kForbidden for a restricted customer the viewer may not open. A customer merged
// into another answers with the other (customer.id tells).
Result<CustomerView> GetCustomer(store::Store& store, std::int64_t id, const Viewer& viewer);

inline constexpr int kMaxCustomerSearchResults = 100;
inline constexpr int kMaxTimelinePage = 200;

struct CustomerQuery {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> postcode;
  std::optional<std::string> reference;
  int limit = 20;
};
// Customers matching every given criterion (name by word prefix, the others exactly after
// normalising). kInvalidInput when nothing is given or a value is malformed.
Result<std::vector<store::CustomerRecord>> SearchCustomers(store::Store& store,
                                                           const CustomerQuery& query);

struct Candidate {
  store::CustomerRecord customer;
  double score = 0;    // 0..1; 1 for an exact email or phone match
  std::string reason;  // "same email", "same phone", "similar name and same postcode"...
};
// Ranked candidates for the person an agent is talking to: exact email/phone matches first,
// then fuzzy name matches (with the postcode as a tie-breaker) scoring at least 0.75.
Result<std::vector<Candidate>> FindCandidates(store::Store& store, const CustomerQuery& query);

// Moves every case, interaction and contact point of `from` to `into` and marks `from` as
// merged into it, recording what moved. kConflict when either is already merged away or
// they are the same customer. Returns the merge's id.
Result<std::int64_t> MergeCustomers(store::Store& store, const Clock& clock, std::int64_t from,
                                    std::int64_t into, const Viewer& viewer);
// Moves exactly what the merge moved back and revives `from`. kConflict when undone already.
Result<void> UndoMerge(store::Store& store, const Clock& clock, std::int64_t merge_id,
                       const Viewer& viewer);

struct InteractionInput {
  std::optional<std::int64_t> customer_id;
  std::optional<std::string> case_reference;
  std::string channel;
  std::string direction = "inbound";
  std::optional<Instant> started_at;  // default now
  std::optional<Instant> ended_at;
  std::optional<std::int64_t> agent_id;
  std::string outcome;  // resolved_first_contact, case_raised, signposted, transferred,
                        // abandoned, information_given
  std::optional<std::string> service_code;
  std::string summary;
  std::vector<std::int64_t> articles;
};
// Records one contact; fields checked together. A case given without a customer takes the
// case's customer. With `once`, idempotent (idempotency.hpp).
Result<store::InteractionRecord> LogInteraction(
    store::Store& store, const Clock& clock, const InteractionInput& input, const Viewer& viewer,
    const IdempotentCreate<store::InteractionRecord>* once = nullptr);

struct TimelinePage {
  std::vector<store::TimelineEntry> entries;
  std::optional<std::string> next_cursor;
};
// Newest first: the customer's cases, their events (internal notes only when
// `include_internal`) and interactions. kInvalidInput on "cursor", "limit".
Result<TimelinePage> CustomerTimeline(store::Store& store, std::int64_t customer_id,
                                      const std::optional<std::string>& cursor, int limit,
                                      bool include_internal, const Viewer& viewer);

}  // namespace frontdoor::usecase
