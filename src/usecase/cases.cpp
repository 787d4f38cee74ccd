#include "frontdoor/usecase/cases.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include <boost/json.hpp>
#include <date/date.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/access.hpp"
#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/contact.hpp"
#include "frontdoor/core/name_match.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/staff_auth.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"

#include "case_sla.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::size_t kMaxNoteCodePoints = 20000;
constexpr std::size_t kMaxAddressCodePoints = 500;
constexpr int kDuplicateCandidates = 50;

void Append(std::vector<FieldError>& errors, const Error& error) {
  for (const FieldError& field : error.field_errors()) {
    errors.push_back(field);
  }
}

// Optional free text: trimmed, empty counts as absent, too long or broken UTF-8 an error.
std::optional<std::string> OptionalField(const std::optional<std::string>& value, const char* field,
                                         std::size_t max, std::vector<FieldError>& errors) {
  if (!value) {
    return std::nullopt;
  }
  if (!IsValidUtf8(*value)) {
    errors.push_back({field, "Enter text without invalid characters"});
    return std::nullopt;
  }
  std::string trimmed = Trim(*value);
  if (CountCodePoints(trimmed) > max) {
    errors.push_back({field, "Enter at most " + std::to_string(max) + " characters"});
    return std::nullopt;
  }
  if (trimmed.empty()) {
    return std::nullopt;
  }
  return trimmed;
}

// Line breaks as LF, and text past the limit cut at a code point: long reports from Open311
// clients are kept, not refused, because a refusal makes them retry forever.
std::string NormaliseDescription(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      out += text[i];
    }
  }
  out = Trim(out);
  if (CountCodePoints(out) > kMaxDescriptionCodePoints) {
    std::size_t bytes = 0;
    std::size_t points = 0;
    while (bytes < out.size() && points < kMaxDescriptionCodePoints) {
      ++bytes;
      while (bytes < out.size() && (static_cast<unsigned char>(out[bytes]) & 0xC0) == 0x80) {
        ++bytes;
      }
      ++points;
    }
    out.resize(bytes);
  }
  return out;
}

Result<std::string> CheckText(std::string_view text, const char* field, std::size_t max) {
  if (!IsValidUtf8(text)) {
    return Error::Invalid(field, "Enter text without invalid characters");
  }
  std::string trimmed = Trim(text);
  if (trimmed.empty() || CountCodePoints(trimmed) > max) {
    return Error::Invalid(field, "Enter 1 to " + std::to_string(max) + " characters");
  }
  return trimmed;
}

// The canonical form of a reference typed by a person; nullopt when it cannot be one, which
// callers report as not found: to a caller, a malformed reference names no case.
std::optional<std::string> Canonical(const std::string& reference) {
  auto parsed = ParseReference(reference);
  if (!parsed) {
    return std::nullopt;
  }
  return FormatReference(*parsed);
}

Error CaseNotFound(const std::string& reference) {
  return Error::NotFound("No case has the reference '" + TruncateUtf8(reference, 40) + "'");
}

Result<store::CaseRecord> FindCase(store::ReadTx& tx, const std::string& reference) {
  const auto canonical = Canonical(reference);
  if (!canonical) {
    return CaseNotFound(reference);
  }
  auto found = store::Cases(tx).FindByReference(*canonical);
  if (!found && found.error().code() == ErrorCode::kNotFound) {
    return CaseNotFound(reference);
  }
  return found;
}

std::string Json(const boost::json::object& object) {
  return boost::json::serialize(object);
}

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};

// "Friday 4 December 2026", as the customer reads a promise.
std::string HumanDate(Instant at, const date::time_zone* zone) {
  const charter::Date day = charter::LocalDate(at, zone);
  const date::year_month_day ymd(day);
  const date::weekday weekday(day);
  return std::string(kWeekdays[weekday.c_encoding()]) + " " +
         std::to_string(static_cast<unsigned>(ymd.day())) + " " +
         kMonths[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

// The "case_received" email (capability 8: sent on receipt), queued with the case so that it
// exists if and only if the case does. Irish gets the date in figures: the Irish day and
// month names live with the web pages' text.
Result<void> QueueAcknowledgement(store::WriteTx& tx, const CaseContext& ctx,
                                  const store::CaseRecord& record, const std::string& email,
                                  const std::string& language) {
  const bool irish = language == "ga";
  std::string due = irish ? "a luaithe is féidir" : "as soon as we can";
  if (record.due_at) {
    const date::year_month_day ymd(charter::LocalDate(*record.due_at, ctx.calendar.zone()));
    due = irish ? "faoi " + std::to_string(static_cast<unsigned>(ymd.day())) + "/" +
                      std::to_string(static_cast<unsigned>(ymd.month())) + "/" +
                      std::to_string(static_cast<int>(ymd.year()))
                : "by " + HumanDate(*record.due_at, ctx.calendar.zone());
  }
  TemplatedMail mail;
  mail.to = email;
  mail.template_code = "case_received";
  mail.language = irish ? "ga" : "en";
  mail.personalisation = {{"reference", record.reference},
                          {"service", record.service_name},
                          {"due", due},
                          {"track_url", ctx.public_url + "/track?reference=" + record.reference}};
  mail.case_id = record.id;
  return ctx.mail->Queue(tx, mail);
}

const charter::Standard* FindStandard(const std::vector<charter::Standard>& standards,
                                      const std::optional<std::string>& code) {
  if (!code) {
    return nullptr;
  }
  const auto it = std::find_if(standards.begin(), standards.end(),
                               [&](const charter::Standard& s) { return s.code == *code; });
  return it == standards.end() ? nullptr : &*it;
}

Result<std::vector<DuplicateSuggestion>> NearbyOpenCases(store::ReadTx& tx, std::int64_t service_id,
                                                         GeoPoint point) {
  auto candidates = store::Cases(tx).OpenInBox(
      service_id, AroundPoint(point, kDuplicateRadiusMetres), kDuplicateCandidates);
  if (!candidates) {
    return candidates.error();
  }
  std::vector<DuplicateSuggestion> nearby;
  for (const store::NearbyCase& c : *candidates) {
    const double distance = DistanceMetres(point, c.location);
    if (distance <= kDuplicateRadiusMetres) {
      nearby.push_back({c.reference, std::string(CaseStatusName(c.status)), distance, c.created_at,
                        TruncateUtf8(c.description, 200)});
    }
  }
  std::sort(nearby.begin(), nearby.end(),
            [](const auto& a, const auto& b) { return a.distance_metres < b.distance_metres; });
  return nearby;
}

// The parts of a new case that need no database, checked together.
struct CheckedInput {
  std::string channel;
  std::string priority;
  std::optional<GeoPoint> location;
  std::optional<std::string> address;
  std::optional<std::string> address_id;
  std::optional<std::string> postcode;
  std::string description;
  store::CustomerRecord contact;
  bool has_contact = false;
  // The contact's name as customer search matches it, made here rather than on the single
  // writer that a new customer is inserted on.
  std::string contact_search_name;
  std::optional<std::string> media_url;
};

// The contact fields of a new case, normalised; what is wrong goes to `errors`.
store::CustomerRecord CheckContact(const NewCase& input, std::vector<FieldError>& errors) {
  store::CustomerRecord contact;
  contact.first_name = OptionalField(input.contact.first_name, "first_name", 100, errors);
  contact.last_name = OptionalField(input.contact.last_name, "last_name", 100, errors);
  if (auto email = OptionalField(input.contact.email, "email", 254, errors); email) {
    if (auto normalised = NormaliseEmail(*email); normalised) {
      contact.email = *normalised;
    } else {
      Append(errors, normalised.error());
    }
  }
  if (auto phone = OptionalField(input.contact.phone, "phone", 40, errors); phone) {
    if (auto normalised = NormalisePhone(*phone); normalised) {
      contact.phone = *normalised;
    } else {
      Append(errors, normalised.error());
    }
  }
  return contact;
}

Result<CheckedInput> CheckNewCase(const NewCase& input) {
  std::vector<FieldError> errors;
  CheckedInput out;
  if (auto channel = ParseChannel(input.channel); channel) {
    out.channel = ChannelName(*channel);
  } else {
    Append(errors, channel.error());
  }
  out.priority = "normal";
  if (input.priority) {
    if (auto priority = ParsePriority(*input.priority); priority) {
      out.priority = PriorityName(*priority);
    } else {
      Append(errors, priority.error());
    }
  }
  if (input.lat.has_value() != input.lon.has_value()) {
    errors.push_back({input.lat ? "long" : "lat", "Give both lat and long, or neither"});
  } else if (input.lat) {
    if (auto point = MakeGeoPoint(*input.lat, *input.lon); point) {
      out.location = *point;
    } else {
      Append(errors, point.error());
    }
  }
  out.address = OptionalField(input.address, "address", kMaxAddressCodePoints, errors);
  out.address_id = OptionalField(input.address_id, "address_id", 100, errors);
  if (auto postcode = OptionalField(input.postcode, "postcode", 20, errors); postcode) {
    if (auto normalised = NormalisePostcode(*postcode); normalised) {
      out.postcode = *normalised;
    } else {
      Append(errors, normalised.error());
    }
  }
  if (!IsValidUtf8(input.description)) {
    errors.push_back({"description", "Enter a description without invalid characters"});
  } else {
    out.description = NormaliseDescription(input.description);
  }
  out.contact = CheckContact(input, errors);
  out.has_contact =
      out.contact.email || out.contact.phone || out.contact.first_name || out.contact.last_name;
  out.contact_search_name = NormaliseName(
      Trim(out.contact.first_name.value_or("") + " " + out.contact.last_name.value_or("")));
  out.media_url = OptionalField(input.media_url, "media_url", 2000, errors);
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return out;
}

// Matches the customer by email, then phone; a name alone makes a new record.
Result<std::optional<std::int64_t>> MatchCustomer(store::WriteTx& tx,
                                                  const store::CustomerRecord& contact,
                                                  const std::string& search_name, Instant now) {
  store::Customers customers(tx);
  if (contact.email || contact.phone) {
    auto found = customers.FindByContact(contact.email, contact.phone);
    if (!found) {
      return found.error();
    }
    if (*found) {
      if (auto filled = customers.FillBlanks((*found)->id, contact, now); !filled) {
        return filled.error();
      }
      return std::optional<std::int64_t>((*found)->id);
    }
  }
  store::CustomerRecord record = contact;
  record.created_at = record.updated_at = now;
  if (!search_name.empty()) {
    record.search_name = search_name;
  }
  auto id = customers.Insert(record);
  if (!id) {
    return id.error();
  }
  return std::optional<std::int64_t>(*id);
}

Result<std::int64_t> AppendEvent(store::WriteTx& tx, const store::CaseRecord& c, std::string kind,
                                 const Actor& actor, bool is_public,
                                 std::optional<std::string> status = std::nullopt,
                                 std::optional<std::string> body = std::nullopt,
                                 std::optional<std::string> data = std::nullopt) {
  store::CaseEventRecord event;
  event.case_id = c.id;
  event.at = c.updated_at;
  event.kind = std::move(kind);
  event.actor = actor;
  event.is_public = is_public;
  event.status = std::move(status);
  event.body = std::move(body);
  event.data = std::move(data);
  return store::Cases(tx).AppendEvent(event);
}

// Applies a lifecycle move to the record (not yet written): status, closed_at.
Result<void> Move(store::CaseRecord& c, CaseStatus to, Instant now) {
  if (auto allowed = CheckTransition(c.status, to); !allowed) {
    return allowed.error();
  }
  c.status = to;
  c.closed_at = IsOpen(to) ? std::nullopt : std::optional<Instant>(now);
  return {};
}

Result<store::CaseEventRecord> EventById(store::ReadTx& tx, std::int64_t case_id,
                                         std::int64_t event_id) {
  auto events = store::Cases(tx).Events(case_id);
  if (!events) {
    return events.error();
  }
  for (auto& event : *events) {
    if (event.id == event_id) {
      return std::move(event);
    }
  }
  return Error::Internal("event just written is missing");
}

// The service by code, from the snapshot when there is one. kNotFound names the code.
Result<store::ServiceRecord> FindServiceFor(store::ReadTx& tx, const CatalogueSnapshot* snapshot,
                                            const std::string& code) {
  if (snapshot != nullptr) {
    if (const store::ServiceRecord* found = snapshot->Service(code)) {
      return *found;
    }
  } else {
    auto found = store::Catalogue(tx).FindService(code);
    if (found || found.error().code() != ErrorCode::kNotFound) {
      return found;
    }
  }
  return Error::NotFound("No service has the code '" + TruncateUtf8(code, 40) + "'");
}

Result<std::optional<std::string>> WardFor(store::ReadTx& tx, const CatalogueSnapshot* snapshot,
                                           GeoPoint point) {
  if (snapshot != nullptr) {
    return snapshot->WardAt(point);
  }
  auto wards = store::Catalogue(tx).WardsAt(point);
  if (!wards) {
    return wards.error();
  }
  if (wards->empty()) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(wards->front().name);
}

// Team and team name by the routing rules, else the service's default team. A snapshot taken
// before this unit of work answers as the catalogue stood then, as the reads before it do.
Result<void> RouteCase(store::WriteTx& tx, const CatalogueSnapshot* snapshot,
                       const store::ServiceRecord& service, store::CaseRecord& record) {
  if (snapshot != nullptr) {
    const auto team = snapshot->RouteTeam(service.id, record.ward);
    record.team_id = team ? team : service.default_team_id;
    if (record.team_id) {
      if (const std::string* name = snapshot->TeamName(*record.team_id)) {
        record.team_name = *name;
        return {};
      }
    } else {
      return {};
    }
  } else {
    auto team = store::Catalogue(tx).RouteTeam(service.id, record.ward);
    if (!team) {
      return team.error();
    }
    record.team_id = *team ? *team : service.default_team_id;
  }
  if (record.team_id) {
    auto routed = store::Catalogue(tx).FindTeamById(*record.team_id);
    if (!routed) {
      return routed.error();
    }
    record.team_name = routed->name;
  }
  return {};
}

// What CreateCase reads before its unit of work, off the single writer.
struct CreateReads {
  std::shared_ptr<const CatalogueSnapshot> snapshot;
  std::optional<store::ServiceRecord> service;
  std::optional<std::string> ward;
  std::vector<DuplicateSuggestion> duplicates;
};

// Whether the key with that digest may still create cases, as `tx` sees the keys.
Result<void> ConfirmApiKey(store::ReadTx& tx, const CatalogueSnapshot* snapshot,
                           const std::string& digest) {
  std::optional<store::ApiKeyRecord> key;
  if (snapshot != nullptr) {
    if (const auto* held = snapshot->ApiKey(digest); held != nullptr) {
      key = *held;
    }
  } else if (auto found = store::ApiKeys(tx).FindByDigest(digest); found) {
    key = std::move(*found);
  } else if (found.error().code() != ErrorCode::kNotFound) {
    return found.error();
  }
  if (!key || key->revoked_at) {
    return Error(ErrorCode::kUnauthenticated, "api_key is not recognised");
  }
  return {};
}

Result<CreateReads> ReadForCreate(const CaseContext& ctx, const NewCase& input,
                                  const std::optional<GeoPoint>& location) {
  const std::string& service_code = input.service_code;
  CreateReads out;
  auto read = ctx.store.Read([&](store::ReadTx& tx) -> Result<void> {
    if (ctx.catalogue_cache != nullptr) {
      auto current = ctx.catalogue_cache->Current(tx);
      if (!current) {
        return current.error();
      }
      out.snapshot = std::move(*current);
    }
    if (input.api_key_digest) {
      if (auto confirmed = ConfirmApiKey(tx, out.snapshot.get(), *input.api_key_digest);
          !confirmed) {
        return confirmed;
      }
    }
    auto found = FindServiceFor(tx, out.snapshot.get(), service_code);
    if (!found) {
      return found.error();
    }
    if (!found->active) {
      return Error::NotFound("The service '" + found->code + "' no longer takes reports");
    }
    out.service = std::move(*found);
    if (location) {
      auto at = WardFor(tx, out.snapshot.get(), *location);
      if (!at) {
        return at.error();
      }
      out.ward = std::move(*at);
      auto nearby = NearbyOpenCases(tx, out.service->id, *location);
      if (!nearby) {
        return nearby.error();
      }
      out.duplicates = std::move(*nearby);
    }
    return {};
  });
  if (!read) {
    return read.error();
  }
  return out;
}

store::CaseRecord NewCaseRecord(const CheckedInput& checked, const CreateReads& reads,
                                const Actor& actor, Instant now) {
  const store::ServiceRecord& service = *reads.service;
  store::CaseRecord record;
  record.service_id = service.id;
  record.status = CaseStatus::kNew;
  record.priority = checked.priority;
  record.channel = checked.channel;
  record.description = checked.description;
  record.address = checked.address;
  record.address_id = checked.address_id;
  record.postcode = checked.postcode;
  record.location = checked.location;
  record.ward = reads.ward;
  record.media_url = checked.media_url;
  record.source = actor;
  record.created_at = record.updated_at = now;
  record.service_code = service.code;
  record.service_name = service.name;
  record.department_name = service.department_name;
  return record;
}

// Sets record.due_at from the service's resolution standard and returns the service notice
// that tells the customer that date.
std::string DueNotice(const CharterInUse& in_use, const store::ServiceRecord& service, Instant now,
                      store::CaseRecord& record) {
  std::string notice = service.service_notice.value_or("");
  if (const charter::Standard* standard =
          FindStandard(in_use.standards(), service.resolve_standard)) {
    if (auto due = charter::DueAt(in_use.calendar(), now, standard->target); due) {
      record.due_at = *due;
      notice += (notice.empty() ? "" : " ") + std::string("We aim to deal with this by ") +
                HumanDate(*due, in_use.calendar().zone()) + ".";
    }
  }
  return notice;
}

// "created", then "routed" when a team took the case: one statement for both.
std::vector<store::CaseEventRecord> CreationEvents(
    const store::CaseRecord& record, const Actor& actor,
    const std::vector<DuplicateSuggestion>& duplicates) {
  boost::json::object created{{"service_code", record.service_code}, {"channel", record.channel}};
  if (record.due_at) {
    created["due_at"] = charter::FormatIso8601(*record.due_at, nullptr);
  }
  if (!duplicates.empty()) {
    boost::json::array refs;
    for (const auto& d : duplicates) {
      refs.emplace_back(d.reference);
    }
    created["possible_duplicates"] = std::move(refs);
  }
  std::vector<store::CaseEventRecord> events(record.team_id ? 2 : 1);
  for (store::CaseEventRecord& event : events) {
    event.case_id = record.id;
    event.at = record.updated_at;
    event.is_public = false;
  }
  events[0].kind = "created";
  events[0].actor = actor;
  events[0].status = "new";
  events[0].data = Json(created);
  if (record.team_id) {
    events[1].kind = "routed";
    events[1].actor = "system";
    events[1].data = Json({{"team_id", *record.team_id}});
  }
  return events;
}

// The unit of work of CreateCase: numbers, routes and stores the case with its customer,
// answers, clocks and events, and queues the acknowledgement. Fills in `record`.
Result<void> WriteNewCase(store::WriteTx& tx, const CaseContext& ctx, const NewCase& input,
                          const CheckedInput& checked, const CreateReads& reads,
                          const Answers& answers, std::vector<store::CaseSlaRecord>& clocks,
                          store::CaseRecord& record) {
  store::Cases cases(tx);
  const int year =
      static_cast<int>(date::year_month_day(date::floor<date::days>(record.created_at)).year());
  auto sequence = cases.NextSequence(ctx.reference_prefix, year);
  if (!sequence) {
    return sequence.error();
  }
  record.reference = FormatReference(ctx.reference_prefix, year, *sequence);
  if (auto routed = RouteCase(tx, reads.snapshot.get(), *reads.service, record); !routed) {
    return routed.error();
  }
  if (checked.has_contact) {
    auto customer =
        MatchCustomer(tx, checked.contact, checked.contact_search_name, record.created_at);
    if (!customer) {
      return customer.error();
    }
    record.customer_id = *customer;
  }
  auto id = cases.Insert(record);
  if (!id) {
    return id.error();
  }
  record.id = *id;
  if (auto saved = cases.InsertAttributes(record.id, answers); !saved) {
    return saved.error();
  }
  if (auto started = StartSlaClocks(tx, record.id, clocks); !started) {
    return started.error();
  }
  if (auto events = cases.AppendEvents(CreationEvents(record, input.actor, reads.duplicates));
      !events) {
    return events.error();
  }
  if (ctx.mail != nullptr && input.acknowledge && checked.contact.email) {
    return QueueAcknowledgement(tx, ctx, record, *checked.contact.email, input.language);
  }
  return {};
}

}  // namespace

Result<CreatedCase> CreateCase(const CaseContext& ctx, const NewCase& input,
                               const IdempotentCreate<CreatedCase>* once) {
  auto checked = CheckNewCase(input);
  const Instant now = ctx.clock.Now();
  auto reads = ReadForCreate(ctx, input, checked ? checked->location : std::optional<GeoPoint>());
  if (!reads) {
    return reads.error();
  }
  const store::ServiceRecord& service = *reads->service;
  std::vector<FieldError> errors;
  if (!checked) {
    errors = checked.error().field_errors();
  }
  if (service.signpost) {
    errors.insert(errors.begin(), {"service_code", *service.signpost});
  }
  Answers answers;
  if (auto valid = ValidateAnswers(service.form, input.attributes); valid) {
    answers = std::move(*valid);
  } else {
    Append(errors, valid.error());
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }

  store::CaseRecord record = NewCaseRecord(*checked, *reads, input.actor, now);
  // One snapshot for the due date and the clocks, so that a charter change cannot split them.
  const CharterInUse in_use(ctx);
  const std::string notice = DueNotice(in_use, service, now, record);
  auto clocks = NewSlaClocks(in_use, record, service.case_type, service.resolve_standard);
  if (!clocks) {
    return clocks.error();
  }
  std::optional<CreatedCase> made;
  auto written = ctx.store.Write([&](store::WriteTx& tx) -> Result<void> {
    if (auto done = WriteNewCase(tx, ctx, input, *checked, *reads, answers, *clocks, record);
        !done) {
      return done;
    }
    // Last, so that the stored answer shows the case as written; in this unit of work, so
    // that the key and the case commit together.
    made.emplace(CreatedCase{record, answers, notice, reads->duplicates});
    return StoreResponse(tx, once, *made, now);
  });
  if (!written) {
    return written.error();
  }
  return std::move(*made);
}

Result<CaseDetail> GetCase(const CaseContext& ctx, const std::string& reference) {
  return store::ReadValue<CaseDetail>(ctx.store, [&](store::ReadTx& tx) -> Result<CaseDetail> {
    auto record = FindCase(tx, reference);
    if (!record) {
      return record.error();
    }
    store::Cases cases(tx);
    auto attributes = cases.Attributes(record->id);
    if (!attributes) {
      return attributes.error();
    }
    auto events = cases.Events(record->id);
    if (!events) {
      return events.error();
    }
    auto links = cases.Links(record->id);
    if (!links) {
      return links.error();
    }
    return CaseDetail{std::move(*record), std::move(*attributes), std::move(*events),
                      std::move(*links)};
  });
}

Result<store::CaseRecord> GetCaseRecord(const CaseContext& ctx, const std::string& reference) {
  return store::ReadValue<store::CaseRecord>(
      ctx.store, [&](store::ReadTx& tx) { return FindCase(tx, reference); });
}

namespace {

constexpr std::string_view kCursorPrefix = "c1.";

std::string EncodeCursor(std::int64_t id) {
  return std::string(kCursorPrefix) + std::to_string(id);
}

Result<std::int64_t> DecodeCursor(std::string_view cursor) {
  std::int64_t id = 0;
  if (cursor.starts_with(kCursorPrefix)) {
    const std::string_view digits = cursor.substr(kCursorPrefix.size());
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec == std::errc() && end == digits.data() + digits.size() && id > 0) {
      return id;
    }
  }
  return Error::Invalid("cursor", "Use the cursor given with the previous page");
}

}  // namespace

Result<CasePage> ListCases(const CaseContext& ctx, store::CaseFilter filter,
                           const std::optional<std::string>& cursor) {
  if (cursor) {
    auto after = DecodeCursor(*cursor);
    if (!after) {
      return after.error();
    }
    filter.after_id = *after;
  }
  if (filter.limit < 1 || filter.limit > 1000) {
    return Error::Invalid("limit", "Ask for 1 to 1000 cases");
  }
  const int wanted = filter.limit;
  ++filter.limit;  // one more tells whether there is a next page
  auto cases = store::ReadValue<std::vector<store::CaseRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::Cases(tx).List(filter); });
  if (!cases) {
    return cases.error();
  }
  CasePage page;
  if (static_cast<int>(cases->size()) > wanted) {
    cases->resize(static_cast<std::size_t>(wanted));
    page.next_cursor = EncodeCursor(cases->back().id);
  }
  page.cases = std::move(*cases);
  return page;
}

Result<store::CaseRecord> ChangeStatus(const CaseContext& ctx, const std::string& reference,
                                       CaseStatus to, const std::optional<std::string>& public_note,
                                       const Actor& actor) {
  std::optional<std::string> note;
  if (public_note) {
    auto checked = CheckText(*public_note, "public_note", kMaxNoteCodePoints);
    if (!checked) {
      return checked.error();
    }
    note = std::move(*checked);
  }
  return store::WriteValue<store::CaseRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseRecord> {
        auto record = FindCase(tx, reference);
        if (!record) {
          return record.error();
        }
        const Instant now = ctx.clock.Now();
        const CaseStatus from = record->status;
        if (auto moved = Move(*record, to, now); !moved) {
          return moved.error();
        }
        record->updated_at = now;
        if (note) {
          record->status_notes = note;
        }
        if (auto saved = store::Cases(tx).UpdateState(*record); !saved) {
          return saved.error();
        }
        if (auto clocks = UpdateSlaClocks(tx, ctx, *record, from, note.has_value()); !clocks) {
          return clocks.error();
        }
        // A status is a fact the customer may see; only a note's presence is optional.
        if (auto event = AppendEvent(tx, *record, "status", actor, true,
                                     std::string(CaseStatusName(to)), note);
            !event) {
          return event.error();
        }
        return std::move(*record);
      });
}

namespace {

// A case goes only to someone the access policy lets work it (change its status, answer the
// customer): an officer or manager of its department, or an admin. An agent, or an officer of
// another department, could not act on it, and it would sit unseen on nobody's worklist.
bool MayWork(const store::StaffUserRecord& user, const std::optional<std::string>& department) {
  const auto role = access::ParseStaffRole(user.role);
  if (!role) {
    return false;
  }
  access::Principal principal;
  principal.role = *role;
  if (user.department) {
    principal.departments.push_back(*user.department);
  }
  return access::Allows(principal, access::Action::kChangeCase, department);
}

Result<void> CheckMayWork(store::WriteTx& tx, const std::string& reference,
                          const store::StaffUserRecord& user) {
  auto department = store::CaseDepartment(tx, reference);
  if (!department) {
    return department.error();
  }
  if (MayWork(user, *department)) {
    return {};
  }
  return Error::Invalid("assignee_id", user.name + " cannot work cases of " +
                                           department->value_or("no department") +
                                           ": choose someone in its department, or move it to "
                                           "their team first");
}

// AssignCase's steps: each sets its part of `record`, notes it in the event's `data`, and
// adds a field error for a code or id that names nothing, so that one answer lists all.
Result<void> MoveToTeam(store::WriteTx& tx, const std::string& team_code, store::CaseRecord& record,
                        boost::json::object& data, std::vector<FieldError>& errors) {
  auto team = store::Catalogue(tx).FindTeam(team_code);
  if (team) {
    record.team_id = team->id;
    record.team_name = team->name;
    data["team"] = team->code;
  } else if (team.error().code() == ErrorCode::kNotFound) {
    errors.push_back({"team", "No team has that code"});
  } else {
    return team.error();
  }
  return {};
}

// The new assignee, whose right to work the case the caller checks once the team moved.
Result<std::optional<store::StaffUserRecord>> ChangeAssignee(store::WriteTx& tx,
                                                             const Assignment& assignment,
                                                             store::CaseRecord& record,
                                                             boost::json::object& data,
                                                             std::vector<FieldError>& errors) {
  if (assignment.clear_assignee) {
    record.assignee_id.reset();
    data["assignee_id"] = nullptr;
    return std::optional<store::StaffUserRecord>();
  }
  if (!assignment.assignee_id) {
    return std::optional<store::StaffUserRecord>();
  }
  auto user = store::StaffUsers(tx).FindById(*assignment.assignee_id);
  if (user) {
    record.assignee_id = user->id;
    data["assignee_id"] = user->id;
    return std::optional<store::StaffUserRecord>(std::move(*user));
  }
  if (user.error().code() == ErrorCode::kNotFound) {
    errors.push_back({"assignee_id", "No staff user has that id"});
    return std::optional<store::StaffUserRecord>();
  }
  return user.error();
}

// Every change the assignment asks for, made to `record` and noted in `data`; the new
// assignee, if any. Field errors for all unknown codes and ids together.
Result<std::optional<store::StaffUserRecord>> ApplyAssignment(
    store::WriteTx& tx, const Assignment& assignment, const std::optional<std::string>& priority,
    store::CaseRecord& record, boost::json::object& data) {
  std::vector<FieldError> errors;
  if (assignment.team_code) {
    if (auto moved = MoveToTeam(tx, *assignment.team_code, record, data, errors); !moved) {
      return moved.error();
    }
  }
  auto assignee = ChangeAssignee(tx, assignment, record, data, errors);
  if (!assignee) {
    return assignee.error();
  }
  if (priority) {
    record.priority = *priority;
    data["priority"] = *priority;
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  if (data.empty()) {
    return Error::Invalid("team", "Say what to change: team, assignee_id or priority");
  }
  return assignee;
}

}  // namespace

Result<std::vector<store::StaffUserRecord>> PossibleAssignees(const CaseContext& ctx,
                                                              const std::string& reference) {
  return store::ReadValue<std::vector<store::StaffUserRecord>>(
      ctx.store, [&](store::ReadTx& tx) -> Result<std::vector<store::StaffUserRecord>> {
        auto department = store::CaseDepartment(tx, reference);
        if (!department) {
          return department.error();
        }
        auto users = store::StaffUsers(tx).List();
        if (!users) {
          return users.error();
        }
        std::erase_if(*users, [&](const store::StaffUserRecord& user) {
          return !MayWork(user, *department);
        });
        std::sort(users->begin(), users->end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (auto& user : *users) {
          user.password_hash.clear();  // never leaves the store layer's callers by accident
        }
        return std::move(*users);
      });
}

Result<store::CaseRecord> AssignCase(const CaseContext& ctx, const std::string& reference,
                                     const Assignment& assignment, const Actor& actor) {
  std::optional<std::string> priority;
  if (assignment.priority) {
    auto parsed = ParsePriority(*assignment.priority);
    if (!parsed) {
      return parsed.error();
    }
    priority = std::string(PriorityName(*parsed));
  }
  return store::WriteValue<store::CaseRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseRecord> {
        auto record = FindCase(tx, reference);
        if (!record) {
          return record.error();
        }
        boost::json::object data;
        auto assignee = ApplyAssignment(tx, assignment, priority, *record, data);
        if (!assignee) {
          return assignee.error();
        }
        record->updated_at = ctx.clock.Now();
        if (auto saved = store::Cases(tx).UpdateAssignment(*record); !saved) {
          return saved.error();
        }
        if (*assignee) {
          // Checked after the team moved (in this transaction), so one step can hand a case
          // to another department's team and one of its officers.
          if (auto may = CheckMayWork(tx, reference, **assignee); !may) {
            return may.error();
          }
        }
        if (auto event = AppendEvent(tx, *record, "assigned", actor, false, std::nullopt,
                                     std::nullopt, Json(data));
            !event) {
          return event.error();
        }
        return std::move(*record);
      });
}

Result<store::CaseEventRecord> AddNote(const CaseContext& ctx, const std::string& reference,
                                       const std::string& body, const Actor& actor) {
  auto text = CheckText(body, "body", kMaxNoteCodePoints);
  if (!text) {
    return text.error();
  }
  return store::WriteValue<store::CaseEventRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseEventRecord> {
        auto record = FindCase(tx, reference);
        if (!record) {
          return record.error();
        }
        // An internal note changes nothing the customer sees, so updated_at stays.
        record->updated_at = ctx.clock.Now();
        auto id = AppendEvent(tx, *record, "note", actor, false, std::nullopt, *text);
        if (!id) {
          return id.error();
        }
        return EventById(tx, record->id, *id);
      });
}

Result<store::CaseEventRecord> AddPublicUpdate(const CaseContext& ctx, const std::string& reference,
                                               const std::string& body,
                                               const std::optional<CaseStatus>& status,
                                               const Actor& actor) {
  auto text = CheckText(body, "body", kMaxNoteCodePoints);
  if (!text) {
    return text.error();
  }
  return store::WriteValue<store::CaseEventRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseEventRecord> {
        auto record = FindCase(tx, reference);
        if (!record) {
          return record.error();
        }
        const Instant now = ctx.clock.Now();
        const CaseStatus from = record->status;
        std::optional<std::string> new_status;
        if (status && *status != record->status) {
          if (auto moved = Move(*record, *status, now); !moved) {
            return moved.error();
          }
          new_status = std::string(CaseStatusName(*status));
        }
        record->updated_at = now;
        record->status_notes = *text;
        if (auto saved = store::Cases(tx).UpdateState(*record); !saved) {
          return saved.error();
        }
        if (auto clocks = UpdateSlaClocks(tx, ctx, *record, from, true); !clocks) {
          return clocks.error();
        }
        auto id = AppendEvent(tx, *record, "public_update", actor, true, new_status, *text);
        if (!id) {
          return id.error();
        }
        return EventById(tx, record->id, *id);
      });
}

namespace {

// The comment's text, or every field the client must fix.
Result<std::string> CheckCustomerComment(const CustomerComment& comment) {
  std::vector<FieldError> errors;
  auto text = CheckText(comment.body, "description", kMaxNoteCodePoints);
  if (!text) {
    Append(errors, text.error());
  }
  if (comment.external_id.empty() || comment.external_id.size() > 100 ||
      !IsValidUtf8(comment.external_id)) {
    errors.push_back({"update_id", "Give the update an id of 1 to 100 characters"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return text;
}

// The customer_comment event of `comment` on `record`.
store::CaseEventRecord CommentEvent(const store::CaseRecord& record, const CustomerComment& comment,
                                    const std::string& text,
                                    const std::optional<std::string>& new_status) {
  boost::json::object data;
  if (comment.at) {
    data["written_at"] = charter::FormatIso8601(*comment.at, nullptr);
  }
  store::CaseEventRecord event;
  event.case_id = record.id;
  event.at = record.updated_at;
  event.kind = "customer_comment";
  event.actor = comment.actor;
  // The customer's own words are not fed back to the client that sent them as if
  // they were the council's update.
  event.is_public = false;
  event.status = new_status;
  event.body = text;
  event.data = Json(data);
  event.external_id = comment.external_id;
  return event;
}

// Writes a new comment: the case reopened when the customer asks and it is closed, the
// comment, and the reopening's public status event after it.
Result<store::CaseEventRecord> WriteCustomerComment(store::WriteTx& tx, const CaseContext& ctx,
                                                    store::CaseRecord& record,
                                                    const CustomerComment& comment,
                                                    const std::string& text) {
  const Instant now = ctx.clock.Now();
  record.updated_at = now;
  std::optional<std::string> new_status;
  if (comment.wants_open && !IsOpen(record.status)) {
    if (auto moved = Move(record, CaseStatus::kReopened, now); !moved) {
      return moved.error();
    }
    new_status = "reopened";
  }
  store::Cases cases(tx);
  if (auto saved = cases.UpdateState(record); !saved) {
    return saved.error();
  }
  auto id = cases.AppendEvent(CommentEvent(record, comment, text, new_status));
  if (!id) {
    return id.error();
  }
  if (new_status) {
    if (auto reopened = AppendEvent(tx, record, "status", comment.actor, true, new_status,
                                    std::string("Reopened at the customer's request"));
        !reopened) {
      return reopened.error();
    }
  }
  return EventById(tx, record.id, *id);
}

}  // namespace

Result<store::CaseEventRecord> AddCustomerComment(const CaseContext& ctx,
                                                  const CustomerComment& comment) {
  auto text = CheckCustomerComment(comment);
  if (!text) {
    return text.error();
  }
  return store::WriteValue<store::CaseEventRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseEventRecord> {
        auto record = FindCase(tx, comment.reference);
        if (!record) {
          return record.error();
        }
        auto seen = store::Cases(tx).FindEventByExternalId(record->id, comment.external_id);
        if (!seen) {
          return seen.error();
        }
        if (*seen) {
          return std::move(**seen);  // a retried post: the first one stands
        }
        return WriteCustomerComment(tx, ctx, *record, comment, *text);
      });
}

namespace {

// The case a link points at: to the person linking, an unknown one is a field to fix.
Result<store::CaseRecord> FindLinkedCase(store::WriteTx& tx, const std::string& other_reference) {
  auto other = FindCase(tx, other_reference);
  if (!other && other.error().code() == ErrorCode::kNotFound) {
    return Error::Invalid("other_reference", other.error().message());
  }
  return other;
}

// Stores the link and its "linked" event on the linking case.
Result<void> WriteLink(store::WriteTx& tx, store::CaseRecord& record,
                       const store::CaseLinkRecord& link, const Actor& actor) {
  if (auto inserted = store::Cases(tx).InsertLink(link); !inserted) {
    if (inserted.error().code() == ErrorCode::kConflict) {
      return Error(ErrorCode::kConflict,
                   record.reference + " is already linked to " + link.other_reference);
    }
    return inserted.error();
  }
  record.updated_at = link.created_at;
  if (auto event =
          AppendEvent(tx, record, "linked", actor, false, std::nullopt, std::nullopt,
                      Json({{"other_reference", link.other_reference}, {"kind", link.kind}}));
      !event) {
    return event.error();
  }
  return {};
}

// Closes an open duplicate, telling the customer which case it will be dealt with under.
Result<void> CloseAsDuplicate(store::WriteTx& tx, const CaseContext& ctx, store::CaseRecord& record,
                              const std::string& other_reference, const Actor& actor, Instant now) {
  const std::string note =
      "This has already been reported as " + other_reference + "; we will deal with it there.";
  const CaseStatus from = record.status;
  if (auto moved = Move(record, CaseStatus::kClosed, now); !moved) {
    return moved.error();
  }
  record.status_notes = note;
  if (auto saved = store::Cases(tx).UpdateState(record); !saved) {
    return saved.error();
  }
  if (auto clocks = UpdateSlaClocks(tx, ctx, record, from, true); !clocks) {
    return clocks.error();
  }
  if (auto event = AppendEvent(tx, record, "status", actor, true, "closed", note); !event) {
    return event.error();
  }
  return {};
}

}  // namespace

Result<store::CaseLinkRecord> LinkCases(const CaseContext& ctx, const std::string& reference,
                                        const std::string& other_reference, const std::string& kind,
                                        const Actor& actor) {
  if (kind != "duplicate_of" && kind != "related") {
    return Error::Invalid("kind", "The kind must be one of: duplicate_of, related");
  }
  return store::WriteValue<store::CaseLinkRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::CaseLinkRecord> {
        auto record = FindCase(tx, reference);
        if (!record) {
          return record.error();
        }
        auto other = FindLinkedCase(tx, other_reference);
        if (!other) {
          return other.error();
        }
        if (other->id == record->id) {
          return Error(ErrorCode::kConflict, "A case cannot be linked to itself");
        }
        const Instant now = ctx.clock.Now();
        store::CaseLinkRecord link{record->id, other->id, kind, now, other->reference};
        if (auto written = WriteLink(tx, *record, link, actor); !written) {
          return written.error();
        }
        if (kind == "duplicate_of" && IsOpen(record->status)) {
          if (auto closed = CloseAsDuplicate(tx, ctx, *record, other->reference, actor, now);
              !closed) {
            return closed.error();
          }
        }
        return link;
      });
}

Result<std::vector<DuplicateSuggestion>> SuggestDuplicates(const CaseContext& ctx,
                                                           const std::string& service_code,
                                                           GeoPoint point) {
  return store::ReadValue<std::vector<DuplicateSuggestion>>(
      ctx.store, [&](store::ReadTx& tx) -> Result<std::vector<DuplicateSuggestion>> {
        auto service = store::Catalogue(tx).FindService(service_code);
        if (!service) {
          if (service.error().code() == ErrorCode::kNotFound) {
            return Error::Invalid("service_code", "No service has that code");
          }
          return service.error();
        }
        return NearbyOpenCases(tx, service->id, point);
      });
}

Result<std::vector<store::CaseEventRecord>> ListPublicUpdates(const CaseContext& ctx, Instant from,
                                                              Instant to, int limit) {
  if (to < from) {
    return Error::Invalid("end_date", "The end date must not be before the start date");
  }
  if (limit < 1) {
    return Error::Invalid("limit", "Ask for at least one update");
  }
  return store::ReadValue<std::vector<store::CaseEventRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::Cases(tx).PublicEvents(from, to, limit); });
}

}  // namespace frontdoor::usecase
