// Repositories for cases: the case row, its form answers, links, the append-only event
// history, reference sequences and the customers cases are raised for.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/core/location.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/store/customers.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

// What a suggestion of a possible duplicate shows of an open case near a new one: read on
// every create, so only these columns.
struct NearbyCase {
  std::int64_t id = 0;
  std::string reference;
  CaseStatus status = CaseStatus::kNew;
  GeoPoint location;
  Instant created_at;
  std::string description;
};

struct CaseRecord {
  std::int64_t id = 0;
  std::string reference;
  std::int64_t service_id = 0;
  CaseStatus status = CaseStatus::kNew;
  std::string priority = "normal";  // a PriorityName
  std::string channel;              // a ChannelName
  std::string description;
  std::optional<std::string> address;
  std::optional<std::string> address_id;
  std::optional<std::string> postcode;
  std::optional<GeoPoint> location;
  std::optional<std::string> ward;
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> assignee_id;
  std::optional<std::string> status_notes;  // the latest public word on the case
  std::optional<std::string> media_url;
  std::string source;  // who raised it: "open311:<key name>", "staff:<id>", "portal", ...
  Instant created_at;
  Instant updated_at;
  std::optional<Instant> due_at;  // the charter's resolution due instant
  std::optional<Instant> closed_at;
  // Read only, joined for display.
  std::string service_code;
  std::string service_name;
  std::string team_name;        // empty when unassigned
  std::string department_name;  // of the service; Open311's agency_responsible
  // "/media/<sha256>.<ext>" of the case's first public image attachment, where anyone may
  // fetch it; photos are private unless staff make them public.
  std::optional<std::string> public_photo_path;
};

struct CaseEventRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  Instant at;
  // created, routed, assigned, status, note, public_update, customer_comment, linked,
  // attachment, priority
  std::string kind;
  std::string actor;  // as CaseRecord::source
  bool is_public = false;
  std::optional<std::string> status;  // the case's status after this event, when it changed
  std::optional<std::string> body;    // text of a note or update
  std::optional<std::string> data;    // JSON details
  std::optional<std::string> external_id;
  // Read only, joined.
  std::string case_reference;
};

struct CaseLinkRecord {
  std::int64_t case_id = 0;
  std::int64_t other_case_id = 0;
  std::string kind;  // duplicate_of, related
  Instant created_at;
  std::string other_reference;  // read only
};

enum class CaseOrder { kNewestFirst, kOldestFirst };

struct CaseFilter {
  std::vector<std::string> references;  // non-empty: only these (other filters still apply)
  std::vector<std::string> service_codes;
  std::vector<CaseStatus> statuses;
  std::optional<Instant> created_from;  // inclusive
  std::optional<Instant> created_to;    // inclusive
  std::optional<Instant> updated_from;  // inclusive
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> assignee_id;
  std::optional<std::int64_t> customer_id;
  CaseOrder order = CaseOrder::kNewestFirst;
  // Keyset pagination: only cases after this id in the chosen order.
  std::optional<std::int64_t> after_id;
  int limit = 100;
};

class Cases {
 public:
  explicit Cases(ReadTx& tx) : session_(tx.session()) {}

  // The next number of the (prefix, year) sequence, starting at 1.
  Result<std::int64_t> NextSequence(const std::string& prefix, int year);
  // Inserts the case and returns its id. kConflict on a duplicate reference.
  Result<std::int64_t> Insert(const CaseRecord& c);
  Result<void> InsertAttributes(std::int64_t case_id, const Answers& answers);
  Result<Answers> Attributes(std::int64_t case_id);

  Result<CaseRecord> FindByReference(const std::string& reference);  // kNotFound
  Result<CaseRecord> FindById(std::int64_t id);                      // kNotFound
  Result<std::vector<CaseRecord>> List(const CaseFilter& filter);
  // Open cases of the service whose location lies in the box, newest first, at most `limit`.
  Result<std::vector<NearbyCase>> OpenInBox(std::int64_t service_id, const BoundingBox& box,
                                            int limit);

  // Writes status, status_notes, updated_at and closed_at of the record (by id).
  Result<void> UpdateState(const CaseRecord& c);
  // Writes team_id, assignee_id, priority and updated_at of the record (by id).
  Result<void> UpdateAssignment(const CaseRecord& c);

  // Appends one event and returns its id. kConflict when (case, external_id) exists.
  Result<std::int64_t> AppendEvent(const CaseEventRecord& event);
  // Appends `events` in this order (ids ascending) with one statement. kConflict as above.
  Result<void> AppendEvents(std::span<const CaseEventRecord> events);
  Result<std::vector<CaseEventRecord>> Events(std::int64_t case_id);
  Result<std::optional<CaseEventRecord>> FindEventByExternalId(std::int64_t case_id,
                                                               const std::string& external_id);
  // Public events with from <= at <= to, oldest first, at most `limit`.
  Result<std::vector<CaseEventRecord>> PublicEvents(Instant from, Instant to, int limit);

  // kConflict when the pair is already linked.
  Result<void> InsertLink(const CaseLinkRecord& link);
  // Links from and to the case, seen from it.
  Result<std::vector<CaseLinkRecord>> Links(std::int64_t case_id);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
