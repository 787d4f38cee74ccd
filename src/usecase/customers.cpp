#include "frontdoor/usecase/customers.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <sstream>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/contact.hpp"
#include "frontdoor/core/location.hpp"
#include "frontdoor/core/name_match.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::array<std::string_view, 7> kNeeds = {
    "large_print", "braille", "bsl", "isl", "easy_read", "hearing_loop", "interpreter"};
constexpr std::array<std::string_view, 6> kOutcomes = {
    "resolved_first_contact", "case_raised", "signposted", "transferred", "abandoned",
    "information_given"};
constexpr double kCandidateThreshold = 0.75;

void Append(std::vector<FieldError>& errors, const Error& error) {
  for (const FieldError& field : error.field_errors()) {
    errors.push_back(field);
  }
}

std::optional<std::string> Text(const std::optional<std::string>& value, const char* field,
                                std::size_t max, std::vector<FieldError>& errors) {
  if (!value) {
    return std::nullopt;
  }
  if (!IsValidUtf8(*value) || CountCodePoints(*value) > max) {
    errors.push_back({field, "Enter at most " + std::to_string(max) + " characters"});
    return std::nullopt;
  }
  std::string trimmed = Trim(*value);
  if (trimmed.empty()) {
    return std::nullopt;
  }
  return trimmed;
}

template <class Normalise>
std::optional<std::string> Normalised(const std::optional<std::string>& value, const char* field,
                                      Normalise normalise, std::vector<FieldError>& errors) {
  if (!value || Trim(*value).empty()) {
    return std::nullopt;
  }
  auto normalised = normalise(*value, field);
  if (!normalised) {
    Append(errors, normalised.error());
    return std::nullopt;
  }
  return *normalised;
}

std::string DisplayName(const store::CustomerRecord& c) {
  if (c.kind == "organisation" && c.organisation_name) {
    return *c.organisation_name;
  }
  return Trim(c.first_name.value_or("") + " " + c.last_name.value_or(""));
}

Result<store::CustomerRecord> ToRecord(const CustomerInput& input) {
  std::vector<FieldError> errors;
  store::CustomerRecord c;
  if (input.kind != "person" && input.kind != "organisation") {
    errors.push_back({"kind", "The kind must be person or organisation"});
  }
  c.kind = input.kind;
  c.title = Text(input.title, "title", 20, errors);
  c.first_name = Text(input.first_name, "first_name", 100, errors);
  c.last_name = Text(input.last_name, "last_name", 100, errors);
  c.organisation_name = Text(input.organisation_name, "organisation_name", 200, errors);
  c.address = Text(input.address, "address", 500, errors);
  c.email = Normalised(input.email, "email", NormaliseEmail, errors);
  c.phone = Normalised(input.phone, "phone", NormalisePhone, errors);
  c.postcode = Normalised(
      input.postcode, "postcode",
      [](std::string_view text, const char*) { return NormalisePostcode(text); }, errors);
  if (input.kind == "person" && !c.first_name && !c.last_name) {
    errors.push_back({"last_name", "Enter the customer's name"});
  }
  if (input.kind == "organisation" && !c.organisation_name) {
    errors.push_back({"organisation_name", "Enter the organisation's name"});
  }
  if (input.language != "en" && input.language != "ga") {
    errors.push_back({"language", "The language must be en (English) or ga (Irish)"});
  }
  c.language = input.language;
  if (input.preferred_channel) {
    if (auto channel = ParseChannel(*input.preferred_channel); !channel) {
      errors.push_back({"preferred_channel", channel.error().message()});
    }
    c.preferred_channel = input.preferred_channel;
  }
  for (std::size_t i = 0; i < input.accessibility.size(); ++i) {
    const std::string& need = input.accessibility[i];
    if (std::find(kNeeds.begin(), kNeeds.end(), need) == kNeeds.end()) {
      errors.push_back({"accessibility[" + std::to_string(i) + "]",
                        "Choose from large_print, braille, bsl, isl, easy_read, hearing_loop, "
                        "interpreter"});
    } else if (std::find(c.accessibility.begin(), c.accessibility.end(), need) ==
               c.accessibility.end()) {
      c.accessibility.push_back(need);
    }
  }
  c.interpreter_language = Text(input.interpreter_language, "interpreter_language", 50, errors);
  const bool interpreter = std::find(c.accessibility.begin(), c.accessibility.end(),
                                     "interpreter") != c.accessibility.end();
  if (interpreter && !c.interpreter_language) {
    errors.push_back({"interpreter_language", "Say which language the interpreter speaks"});
  }
  c.consent_contact = input.consent_contact;
  c.consent_research = input.consent_research;
  c.restricted = input.restricted;
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  const std::string name = NormaliseName(DisplayName(c));
  if (!name.empty()) {
    c.search_name = name;
  }
  return c;
}

Error CustomerNotFound(std::int64_t id) {
  return Error::NotFound("No customer has the id " + std::to_string(id));
}

// The customer, following merges, that the viewer may open.
Result<store::CustomerRecord> OpenCustomer(store::ReadTx& tx, std::int64_t id,
                                           const Viewer& viewer) {
  store::Customers customers(tx);
  auto customer = customers.FindById(id);
  for (int hops = 0; customer && customer->merged_into && hops < 10; ++hops) {
    customer = customers.FindById(*customer->merged_into);
  }
  if (!customer) {
    return customer.error().code() == ErrorCode::kNotFound ? CustomerNotFound(id)
                                                           : customer.error();
  }
  if (customer->restricted && !viewer.may_open_restricted) {
    return Error(ErrorCode::kForbidden, "This customer's record is restricted");
  }
  return customer;
}

constexpr std::string_view kCursorPrefix = "t1.";

std::string EncodeCursor(const store::TimelineEntry& entry) {
  const int rank = entry.kind == "case" ? 0 : entry.kind == "case_event" ? 1 : 2;
  return std::string(kCursorPrefix) + std::to_string(ToUnixMicros(entry.at)) + "." +
         std::to_string(rank) + "." + std::to_string(entry.id);
}

Result<store::TimelinePosition> DecodeCursor(std::string_view cursor) {
  const auto invalid = [] {
    return Error::Invalid("cursor", "Use the cursor given with the previous page");
  };
  if (!cursor.starts_with(kCursorPrefix)) {
    return invalid();
  }
  std::array<std::int64_t, 3> parts{};
  std::string_view rest = cursor.substr(kCursorPrefix.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto dot = rest.find('.');
    const std::string_view part = rest.substr(0, dot);
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), parts[i]);
    if (ec != std::errc() || end != part.data() + part.size() || part.empty()) {
      return invalid();
    }
    if ((dot == std::string_view::npos) != (i + 1 == parts.size())) {
      return invalid();
    }
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  }
  if (parts[1] < 0 || parts[1] > 2) {
    return invalid();
  }
  return store::TimelinePosition{FromUnixMicros(parts[0]), static_cast<int>(parts[1]), parts[2]};
}

}  // namespace

Result<store::CustomerRecord> CreateCustomer(store::Store& store, const Clock& clock,
                                             const CustomerInput& input,
                                             const IdempotentCreate<store::CustomerRecord>* once) {
  auto record = ToRecord(input);
  if (!record) {
    return record.error();
  }
  record->created_at = record->updated_at = clock.Now();
  return store::WriteValue<store::CustomerRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::CustomerRecord> {
        store::Customers customers(tx);
        auto id = customers.Insert(*record);
        if (!id) {
          return id.error();
        }
        auto created = customers.FindById(*id);
        if (!created) {
          return created.error();
        }
        if (auto stored = StoreResponse(tx, once, *created, record->created_at); !stored) {
          return stored.error();
        }
        return created;
      });
}

Result<store::CustomerRecord> UpdateCustomer(store::Store& store, const Clock& clock,
                                             std::int64_t id, const CustomerInput& input,
                                             const Viewer& viewer) {
  auto record = ToRecord(input);
  if (!record) {
    return record.error();
  }
  return store::WriteValue<store::CustomerRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::CustomerRecord> {
        store::Customers customers(tx);
        auto existing = customers.FindById(id);
        if (!existing) {
          return existing.error().code() == ErrorCode::kNotFound ? CustomerNotFound(id)
                                                                 : existing.error();
        }
        if (existing->merged_into) {
          return Error(ErrorCode::kConflict, "This customer was merged into customer " +
                                                 std::to_string(*existing->merged_into));
        }
        if (existing->restricted && !viewer.may_open_restricted) {
          return Error(ErrorCode::kForbidden, "This customer's record is restricted");
        }
        record->id = id;
        record->created_at = existing->created_at;
        record->updated_at = clock.Now();
        if (auto updated = customers.Update(*record); !updated) {
          return updated.error();
        }
        return customers.FindById(id);
      });
}

Result<CustomerView> GetCustomer(store::Store& store, std::int64_t id, const Viewer& viewer) {
  return store::ReadValue<CustomerView>(store, [&](store::ReadTx& tx) -> Result<CustomerView> {
    auto customer = OpenCustomer(tx, id, viewer);
    if (!customer) {
      return customer.error();
    }
    auto points = store::Customers(tx).ContactPoints(customer->id);
    if (!points) {
      return points.error();
    }
    return CustomerView{std::move(*customer), std::move(*points)};
  });
}

namespace {

// The query in normalised form; kInvalidInput naming what is malformed.
Result<store::CustomerSearch> ToSearch(const CustomerQuery& query) {
  std::vector<FieldError> errors;
  store::CustomerSearch search;
  if (query.name && !Trim(*query.name).empty()) {
    if (!IsValidUtf8(*query.name) || query.name->size() > 200) {
      errors.push_back({"name", "Enter a name of at most 200 characters"});
    } else if (const std::string name = NormaliseName(*query.name); !name.empty()) {
      search.search_name = name;
    }
  }
  search.email = Normalised(query.email, "email", NormaliseEmail, errors);
  search.phone = Normalised(query.phone, "phone", NormalisePhone, errors);
  search.postcode = Normalised(
      query.postcode, "postcode",
      [](std::string_view text, const char*) { return NormalisePostcode(text); }, errors);
  if (query.reference && !Trim(*query.reference).empty()) {
    if (auto reference = ParseReference(*query.reference); reference) {
      search.reference = FormatReference(*reference);
    } else {
      Append(errors, reference.error());
    }
  }
  if (query.limit < 1 || query.limit > kMaxCustomerSearchResults) {
    errors.push_back({"limit", "Ask for 1 to 100 customers"});
  }
  search.limit = query.limit;
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  if (!search.search_name && !search.email && !search.phone && !search.postcode &&
      !search.reference) {
    return Error::Invalid("name", "Search by name, email, phone, postcode or case reference");
  }
  return search;
}

bool IsRanked(const std::vector<Candidate>& ranked, std::int64_t id) {
  return std::any_of(ranked.begin(), ranked.end(),
                     [&](const Candidate& c) { return c.customer.id == id; });
}

// Customers with the searched email or phone, each once, in the order found: an exact
// match of a contact point is the strongest evidence of the same person.
Result<void> AddExactMatches(store::Customers& customers, const store::CustomerSearch& search,
                             std::vector<Candidate>& ranked) {
  for (const auto& [value, reason] :
       {std::pair{&search.email, "same email"}, std::pair{&search.phone, "same phone"}}) {
    if (!*value) {
      continue;
    }
    store::CustomerSearch exact;
    (value == &search.email ? exact.email : exact.phone) = **value;
    exact.limit = 10;
    auto found = customers.Search(exact);
    if (!found) {
      return found.error();
    }
    for (auto& customer : *found) {
      if (!IsRanked(ranked, customer.id)) {
        ranked.push_back({std::move(customer), 1.0, reason});
      }
    }
  }
  return {};
}

// Customers whose name (and postcode, when given) scores at least kCandidateThreshold,
// best first, after the exact matches and without repeating them.
Result<void> AddFuzzyMatches(store::Customers& customers, const store::CustomerSearch& search,
                             std::vector<Candidate>& ranked) {
  std::vector<std::string> prefixes;
  std::istringstream words(*search.search_name);
  for (std::string word; words >> word;) {
    prefixes.push_back(word.substr(0, 2));
  }
  auto found = customers.Candidates(prefixes, search.postcode, 500);
  if (!found) {
    return found.error();
  }
  std::vector<Candidate> fuzzy;
  for (auto& customer : *found) {
    if (IsRanked(ranked, customer.id)) {
      continue;
    }
    const double score = CandidateScore(*search.search_name, search.postcode,
                                        customer.search_name.value_or(""), customer.postcode);
    if (score >= kCandidateThreshold) {
      const bool same_postcode = search.postcode && customer.postcode == search.postcode;
      fuzzy.push_back({std::move(customer), score,
                       same_postcode ? "similar name and same postcode" : "similar name"});
    }
  }
  std::sort(fuzzy.begin(), fuzzy.end(),
            [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  for (auto& candidate : fuzzy) {
    ranked.push_back(std::move(candidate));
  }
  return {};
}

// One side of a merge: it must exist, not be merged away already, and be open to the viewer.
Result<store::CustomerRecord> Mergeable(store::Customers& customers, std::int64_t id,
                                        const Viewer& viewer) {
  auto found = customers.FindById(id);
  if (!found) {
    return found.error().code() == ErrorCode::kNotFound ? CustomerNotFound(id) : found.error();
  }
  if (found->merged_into) {
    return Error(ErrorCode::kConflict, "Customer " + std::to_string(id) +
                                           " was already merged into customer " +
                                           std::to_string(*found->merged_into));
  }
  if (found->restricted && !viewer.may_open_restricted) {
    return Error(ErrorCode::kForbidden, "This customer's record is restricted");
  }
  return found;
}

// Moves the cases, interactions and contact points of merge.from_customer_id to
// merge.into_customer_id and records their ids in `merge`, so that UndoMerge moves back
// exactly those.
Result<void> MoveToSurvivor(store::Customers& customers, store::MergeRecord& merge) {
  const std::int64_t from = merge.from_customer_id;
  const std::int64_t into = merge.into_customer_id;
  auto cases = customers.MoveCases(from, into);
  if (!cases) {
    return cases.error();
  }
  merge.cases = std::move(*cases);
  auto interactions = customers.MoveInteractions(from, into);
  if (!interactions) {
    return interactions.error();
  }
  merge.interactions = std::move(*interactions);
  auto points = customers.MoveContactPoints(from, into);
  if (!points) {
    return points.error();
  }
  merge.contact_points = std::move(*points);
  return {};
}

}  // namespace

Result<std::vector<store::CustomerRecord>> SearchCustomers(store::Store& store,
                                                           const CustomerQuery& query) {
  auto search = ToSearch(query);
  if (!search) {
    return search.error();
  }
  return store::ReadValue<std::vector<store::CustomerRecord>>(
      store, [&](store::ReadTx& tx) { return store::Customers(tx).Search(*search); });
}

Result<std::vector<Candidate>> FindCandidates(store::Store& store, const CustomerQuery& query) {
  auto search = ToSearch(query);
  if (!search) {
    return search.error();
  }
  return store::ReadValue<std::vector<Candidate>>(
      store, [&](store::ReadTx& tx) -> Result<std::vector<Candidate>> {
        store::Customers customers(tx);
        std::vector<Candidate> ranked;
        if (auto exact = AddExactMatches(customers, *search, ranked); !exact) {
          return exact.error();
        }
        if (search->search_name) {
          if (auto fuzzy = AddFuzzyMatches(customers, *search, ranked); !fuzzy) {
            return fuzzy.error();
          }
        }
        if (ranked.size() > static_cast<std::size_t>(search->limit)) {
          ranked.resize(static_cast<std::size_t>(search->limit));
        }
        return ranked;
      });
}

Result<std::int64_t> MergeCustomers(store::Store& store, const Clock& clock, std::int64_t from,
                                    std::int64_t into, const Viewer& viewer) {
  if (from == into) {
    return Error(ErrorCode::kConflict, "A customer cannot be merged into itself");
  }
  return store::WriteValue<std::int64_t>(store, [&](store::WriteTx& tx) -> Result<std::int64_t> {
    store::Customers customers(tx);
    auto merged = Mergeable(customers, from, viewer);
    if (!merged) {
      return merged.error();
    }
    if (auto survivor = Mergeable(customers, into, viewer); !survivor) {
      return survivor.error();
    }
    const Instant now = clock.Now();
    store::MergeRecord merge;
    merge.from_customer_id = from;
    merge.into_customer_id = into;
    merge.merged_at = now;
    merge.actor = viewer.actor;
    if (auto moved = MoveToSurvivor(customers, merge); !moved) {
      return moved.error();
    }
    merged->merged_into = into;
    merged->updated_at = now;
    if (auto saved = customers.Update(*merged); !saved) {
      return saved.error();
    }
    if (auto filled = customers.FillBlanks(into, *merged, now); !filled) {
      return filled.error();
    }
    return customers.InsertMerge(merge);
  });
}

Result<void> UndoMerge(store::Store& store, const Clock& clock, std::int64_t merge_id,
                       const Viewer& viewer) {
  return store.Write([&](store::WriteTx& tx) -> Result<void> {
    store::Customers customers(tx);
    auto merge = customers.FindMerge(merge_id);
    if (!merge) {
      return merge.error();
    }
    if (merge->undone_at) {
      return Error(ErrorCode::kConflict, "That merge has already been undone");
    }
    auto from = customers.FindById(merge->from_customer_id);
    if (!from) {
      return from.error();
    }
    if (from->restricted && !viewer.may_open_restricted) {
      return Error(ErrorCode::kForbidden, "This customer's record is restricted");
    }
    const Instant now = clock.Now();
    if (auto moved = customers.MoveBack(*merge); !moved) {
      return moved.error();
    }
    from->merged_into.reset();
    from->updated_at = now;
    if (auto saved = customers.Update(*from); !saved) {
      return saved.error();
    }
    return customers.MarkMergeUndone(merge_id, now, viewer.actor);
  });
}

namespace {

// Step 1 of LogInteraction: the checks that need no data, every field at once.
std::vector<FieldError> CheckInteraction(const InteractionInput& input, Instant started) {
  std::vector<FieldError> errors;
  if (auto channel = ParseChannel(input.channel); !channel) {
    Append(errors, channel.error());
  }
  if (input.direction != "inbound" && input.direction != "outbound") {
    errors.push_back({"direction", "The direction must be inbound or outbound"});
  }
  if (std::find(kOutcomes.begin(), kOutcomes.end(), input.outcome) == kOutcomes.end()) {
    errors.push_back({"outcome",
                      "The outcome must be one of: resolved_first_contact, case_raised, "
                      "signposted, transferred, abandoned, information_given"});
  }
  if (!IsValidUtf8(input.summary) || CountCodePoints(input.summary) > 10000) {
    errors.push_back({"summary", "Enter a summary of at most 10000 characters"});
  }
  if (input.ended_at && *input.ended_at < started) {
    errors.push_back({"ended_at", "The end must not be before the start"});
  }
  return errors;
}

// A record the input names by a field: the record, or nullopt (with the field noted in
// `missing`) when there is none, so every unknown one is reported at once. Any other failure
// (the database) is returned as it is.
template <class Record>
Result<std::optional<Record>> Named(Result<Record> found, FieldError if_unknown,
                                    std::vector<FieldError>& missing) {
  if (found) {
    return std::optional<Record>(std::move(*found));
  }
  if (found.error().code() != ErrorCode::kNotFound) {
    return found.error();
  }
  missing.push_back(std::move(if_unknown));
  return std::optional<Record>();
}

// The case a contact was about; a malformed reference names no case either.
Result<store::CaseRecord> FindCase(store::WriteTx& tx, const std::string& reference) {
  auto parsed = ParseReference(reference);
  if (!parsed) {
    return Error::NotFound("No case has that reference");
  }
  auto found = store::Cases(tx).FindByReference(FormatReference(*parsed));
  if (!found && found.error().code() == ErrorCode::kInvalidInput) {
    return Error::NotFound("No case has that reference");
  }
  return found;
}

// Steps 2 to 4: the case the contact was about (which names its customer), the customer
// (given, it wins over the case's; a restricted one needs the right) and the service, with
// every unknown one reported at once in that order.
Result<void> LinkRecords(store::WriteTx& tx, const InteractionInput& input, const Viewer& viewer,
                         store::InteractionRecord& record) {
  std::vector<FieldError> missing;
  if (input.case_reference) {
    auto found = Named(FindCase(tx, *input.case_reference),
                       {"case_reference", "No case has that reference"}, missing);
    if (!found) {
      return found.error();
    }
    if (*found) {
      record.case_id = (*found)->id;
      record.customer_id = (*found)->customer_id;
    }
  }
  if (input.customer_id) {
    auto found = Named(OpenCustomer(tx, *input.customer_id, viewer),
                       {"customer_id", "No customer has that id"}, missing);
    if (!found) {
      return found.error();
    }
    if (*found) {
      record.customer_id = (*found)->id;
    }
  }
  if (input.service_code) {
    auto found = Named(store::Catalogue(tx).FindService(*input.service_code),
                       {"service_code", "No service has that code"}, missing);
    if (!found) {
      return found.error();
    }
    if (*found) {
      record.service_id = (*found)->id;
    }
  }
  if (!missing.empty()) {
    return Error::Invalid(std::move(missing));
  }
  return {};
}

// Step 5: the row as stored, read back with what the database filled in, and the answer
// kept for a retry with the same idempotency key, in the same transaction.
Result<store::InteractionRecord> InsertInteraction(
    store::WriteTx& tx, const store::InteractionRecord& record, Instant now,
    const IdempotentCreate<store::InteractionRecord>* once) {
  store::Interactions interactions(tx);
  auto id = interactions.Insert(record);
  if (!id) {
    return id.error();
  }
  auto logged = interactions.FindById(*id);
  if (!logged) {
    return logged.error();
  }
  if (auto stored = StoreResponse(tx, once, *logged, now); !stored) {
    return stored.error();
  }
  return logged;
}

}  // namespace

Result<store::InteractionRecord> LogInteraction(
    store::Store& store, const Clock& clock, const InteractionInput& input, const Viewer& viewer,
    const IdempotentCreate<store::InteractionRecord>* once) {
  const Instant now = clock.Now();
  const Instant started = input.started_at.value_or(now);
  if (auto errors = CheckInteraction(input, started); !errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return store::WriteValue<store::InteractionRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::InteractionRecord> {
        store::InteractionRecord record;
        if (auto linked = LinkRecords(tx, input, viewer, record); !linked) {
          return linked.error();
        }
        record.channel = input.channel;
        record.direction = input.direction;
        record.started_at = started;
        record.ended_at = input.ended_at;
        record.agent_id = input.agent_id;
        record.outcome = input.outcome;
        record.summary = Trim(input.summary);
        record.articles = input.articles;
        record.actor = viewer.actor;
        record.created_at = now;
        return InsertInteraction(tx, record, now, once);
      });
}

Result<TimelinePage> CustomerTimeline(store::Store& store, std::int64_t customer_id,
                                      const std::optional<std::string>& cursor, int limit,
                                      bool include_internal, const Viewer& viewer) {
  std::optional<store::TimelinePosition> before;
  if (cursor) {
    auto position = DecodeCursor(*cursor);
    if (!position) {
      return position.error();
    }
    before = *position;
  }
  if (limit < 1 || limit > kMaxTimelinePage) {
    return Error::Invalid("limit", "Ask for 1 to 200 entries");
  }
  return store::ReadValue<TimelinePage>(store, [&](store::ReadTx& tx) -> Result<TimelinePage> {
    auto customer = OpenCustomer(tx, customer_id, viewer);
    if (!customer) {
      return customer.error();
    }
    auto entries = store::Customers(tx).Timeline(customer->id, before, include_internal, limit + 1);
    if (!entries) {
      return entries.error();
    }
    TimelinePage page;
    if (entries->size() > static_cast<std::size_t>(limit)) {
      entries->resize(static_cast<std::size_t>(limit));
      page.next_cursor = EncodeCursor(entries->back());
    }
    page.entries = std::move(*entries);
    return page;
  });
}

}  // namespace frontdoor::usecase
