// Use cases for cases: raise one (from any channel, Open311 included), read, list, move
// through the lifecycle, assign, add internal notes and public updates, take a customer's
// comment, link, and suggest duplicates. Every change appends to the case's history in the
// same transaction. Thread-safe: the context only borrows thread-safe parts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/charter/standard.hpp"
#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/idempotency.hpp"
#include "frontdoor/usecase/mail_queue.hpp"

namespace frontdoor::usecase {

class CatalogueCache;  // catalogue_cache.hpp
class LiveCharter;     // live_charter.hpp

// What the case use cases need, borrowed for the life of the server.
struct CaseContext {
  store::Store& store;
  const Clock& clock;
  std::string reference_prefix;                     // e.g. "BCC"
  const charter::WorkingCalendar& calendar;         // counts due dates
  const std::vector<charter::Standard>& standards;  // looked up by a service's resolve_standard
  // Optional: when set, creates check and route against this in-memory catalogue (one row
  // read to see that it is current) instead of reading the catalogue each time.
  CatalogueCache* catalogue_cache = nullptr;
  // Optional: when set, a case created with `acknowledge` and a contact email queues the
  // "case_received" email in its own unit of work; `public_url` makes its track link.
  MailQueue* mail = nullptr;
  std::string public_url{};
  // Optional: when set, due dates and clocks are counted on its current snapshot instead of
  // `calendar` and `standards`, so charter changes apply without a restart (live_charter.hpp).
  LiveCharter* live_charter = nullptr;
};

// Who did something, as recorded in the history: "staff:<id>", "open311:<key name>",
// "customer:<id>", "system".
using Actor = std::string;

inline constexpr double kDuplicateRadiusMetres = 50;
inline constexpr std::size_t kMaxDescriptionCodePoints = 20000;

struct ContactDetails {
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
};

struct NewCase {
  std::string service_code;
  std::string channel = "web";
  std::string description;
  std::optional<std::string> priority;  // default "normal"
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<std::string> address;
  std::optional<std::string> address_id;
  std::optional<std::string> postcode;
  // Form answers by attribute code (repeat a code for a multivaluelist).
  std::multimap<std::string, std::string> attributes;
  ContactDetails contact;
  std::optional<std::string> media_url;
  Actor actor;
  // Email the customer an acknowledgement (portal and Open311 reports), in this language.
  bool acknowledge = false;
  std::string language = "en";
  // The digest of the API key an Open311 client sent, when the key was taken from memory
  // (CheckApiKeyFromMemory): the create's own read confirms it, and refuses it with
  // kUnauthenticated when it has been revoked or removed since.
  std::optional<std::string> api_key_digest;
};

struct DuplicateSuggestion {
  std::string reference;
  std::string status;
  double distance_metres = 0;
  Instant created_at;
  std::string description;
};

struct CreatedCase {
  store::CaseRecord record;
  Answers attributes;
  std::string service_notice;  // what the council will do and by when
  std::vector<DuplicateSuggestion> possible_duplicates;
};

// Validates everything together: "service_code" (unknown or inactive: kNotFound, since an
// Open311 client and a form both need to know), "channel", "priority", "lat"/"long" (both or
// neither, in range), "postcode", "email", "phone", "description" (valid UTF-8; text longer
// than kMaxDescriptionCodePoints is kept truncated, never refused), "attribute[code]" from
// the service's form. A signposted service cannot take cases (kInvalidInput on
// service_code, with the signpost text). Routes to a team, matches or creates the customer,
// counts the charter due date, writes the case, answers and "created" event durably. With
// `once`, its answer is stored under the client's Idempotency-Key in the same unit of work
// (kConflict when another request with the key committed first): see idempotency.hpp.
Result<CreatedCase> CreateCase(const CaseContext& ctx, const NewCase& input,
                               const IdempotentCreate<CreatedCase>* once = nullptr);

struct CaseDetail {
  store::CaseRecord record;
  Answers attributes;
  std::vector<store::CaseEventRecord> events;
  std::vector<store::CaseLinkRecord> links;
};

// kNotFound when no case has the reference (parsed tolerantly: case, spaces).
Result<CaseDetail> GetCase(const CaseContext& ctx, const std::string& reference);
// The case row alone: the cheap read for Open311 GET requests/{id}.
Result<store::CaseRecord> GetCaseRecord(const CaseContext& ctx, const std::string& reference);

struct CasePage {
  std::vector<store::CaseRecord> cases;
  std::optional<std::string> next_cursor;  // pass back as `cursor` for the next page
};
// `cursor` is opaque to callers; kInvalidInput on field "cursor" when it is not one of ours.
Result<CasePage> ListCases(const CaseContext& ctx, store::CaseFilter filter,
                           const std::optional<std::string>& cursor);

// Moves the case to `to` (kConflict when the lifecycle forbids it). A `public_note` is
// shown to the customer (status_notes, the update feed); without one the change is internal.
Result<store::CaseRecord> ChangeStatus(const CaseContext& ctx, const std::string& reference,
                                       CaseStatus to, const std::optional<std::string>& public_note,
                                       const Actor& actor);

struct Assignment {
  std::optional<std::string> team_code;     // nullopt: keep
  std::optional<std::int64_t> assignee_id;  // nullopt: keep; a staff user id
  bool clear_assignee = false;
  std::optional<std::string> priority;  // nullopt: keep
};
// The assignee must be able to work the case (see the access policy): an officer or manager
// of the case's department once any team move is applied, or an admin; else field
// "assignee_id". A refused assignment changes nothing.
Result<store::CaseRecord> AssignCase(const CaseContext& ctx, const std::string& reference,
                                     const Assignment& assignment, const Actor& actor);
// The staff users who may be assigned the case as it stands, by name; no password hashes.
Result<std::vector<store::StaffUserRecord>> PossibleAssignees(const CaseContext& ctx,
                                                              const std::string& reference);

// An internal note: never shown to the customer. Field "body" (1-20000 characters).
Result<store::CaseEventRecord> AddNote(const CaseContext& ctx, const std::string& reference,
                                       const std::string& body, const Actor& actor);

// A public update, optionally with a status change in the same step.
Result<store::CaseEventRecord> AddPublicUpdate(const CaseContext& ctx, const std::string& reference,
                                               const std::string& body,
                                               const std::optional<CaseStatus>& status,
                                               const Actor& actor);

struct CustomerComment {
  std::string reference;
  std::string external_id;  // the client's update id; a repeat returns the first event
  std::string body;
  bool wants_open = false;    // the customer says it is not fixed: reopens a resolved case
  std::optional<Instant> at;  // when the customer wrote it; defaults to now
  ContactDetails contact;
  Actor actor;
};
// Records a comment from the customer (Open311 POST servicerequestupdates). Idempotent on
// (case, external_id).
Result<store::CaseEventRecord> AddCustomerComment(const CaseContext& ctx,
                                                  const CustomerComment& comment);

// Links two cases; kind "duplicate_of" also closes the first case with a public note
// pointing to the other when it is open. kConflict when already linked or the same case.
Result<store::CaseLinkRecord> LinkCases(const CaseContext& ctx, const std::string& reference,
                                        const std::string& other_reference, const std::string& kind,
                                        const Actor& actor);

// Open cases of the same service within kDuplicateRadiusMetres of the point, nearest first.
Result<std::vector<DuplicateSuggestion>> SuggestDuplicates(const CaseContext& ctx,
                                                           const std::string& service_code,
                                                           GeoPoint point);

// Public events (updates and comments) with from <= at <= to, oldest first, at most `limit`:
// the Open311 servicerequestupdates feed.
Result<std::vector<store::CaseEventRecord>> ListPublicUpdates(const CaseContext& ctx, Instant from,
                                                              Instant to, int limit);

}  // namespace frontdoor::usecase
