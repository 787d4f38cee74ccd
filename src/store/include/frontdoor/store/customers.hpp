// Repositories for the single customer view: customers (people and organisations) with
// their contact points and preferences, every interaction on every channel, the timeline
// that merges them with the customer's cases, and merges of duplicate records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct CustomerRecord {
  std::int64_t id = 0;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;  // the primary one, lower case
  std::optional<std::string> phone;  // the primary one, E.164
  Instant created_at;
  Instant updated_at;
  std::string kind = "person";  // person, organisation
  std::optional<std::string> organisation_name;
  std::optional<std::string> title;
  std::optional<std::string> search_name;  // NormaliseName of the display name
  std::optional<std::string> address;
  std::optional<std::string> postcode;
  std::string language = "en";  // en, ga
  std::optional<std::string> preferred_channel;
  std::vector<std::string> accessibility;
  std::optional<std::string> interpreter_language;
  bool consent_contact = false;
  bool consent_research = false;
  bool restricted = false;
  std::optional<std::int64_t> merged_into;
};

struct ContactPointRecord {
  std::int64_t id = 0;
  std::int64_t customer_id = 0;
  std::string kind;  // email, phone
  std::string value;
  Instant created_at;
};

struct InteractionRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> customer_id;
  std::optional<std::int64_t> case_id;
  std::string channel;
  std::string direction;  // inbound, outbound
  Instant started_at;
  std::optional<Instant> ended_at;
  std::optional<std::int64_t> agent_id;
  std::string outcome;
  std::optional<std::int64_t> service_id;
  std::string summary;
  std::vector<std::int64_t> articles;
  std::string actor;
  Instant created_at;
  std::string case_reference;  // read only
};

// One line of a customer's timeline.
struct TimelineEntry {
  Instant at;
  std::string kind;     // case, case_event, interaction
  std::int64_t id = 0;  // of the case, event or interaction
  std::string case_reference;
  std::string title;    // e.g. the service name, the event kind, the channel
  std::string detail;   // description, note text or summary (may be empty)
  std::string channel;  // for cases and interactions
  bool is_public = true;
};

struct TimelinePosition {
  Instant at;
  int kind_rank = 0;
  std::int64_t id = 0;
};

struct CustomerSearch {
  std::optional<std::string> search_name;  // NormaliseName; matched by word prefix
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> postcode;
  std::optional<std::string> reference;
  int limit = 50;
};

struct MergeRecord {
  std::int64_t id = 0;
  std::int64_t from_customer_id = 0;
  std::int64_t into_customer_id = 0;
  Instant merged_at;
  std::string actor;
  std::vector<std::int64_t> cases;
  std::vector<std::int64_t> interactions;
  std::vector<std::int64_t> contact_points;
  std::optional<Instant> undone_at;
};

class Customers {
 public:
  explicit Customers(ReadTx& tx) : session_(tx.session()) {}
  Result<std::int64_t> Insert(const CustomerRecord& customer);
  // Writes every field but id and created_at.
  Result<void> Update(const CustomerRecord& customer);
  Result<CustomerRecord> FindById(std::int64_t id);  // kNotFound
  // The oldest customer not merged away whose email (or else phone), primary or not, is
  // that one; nullopt when none.
  Result<std::optional<CustomerRecord>> FindByContact(const std::optional<std::string>& email,
                                                      const std::optional<std::string>& phone);
  // Fills the customer's empty fields from `from`; never overwrites.
  Result<void> FillBlanks(std::int64_t id, const CustomerRecord& from, Instant now);

  // Idempotent.
  Result<void> AddContactPoint(std::int64_t customer_id, const std::string& kind,
                               const std::string& value, Instant now);
  Result<std::vector<ContactPointRecord>> ContactPoints(std::int64_t customer_id);

  // Customers not merged away matching every given criterion, at most search.limit.
  Result<std::vector<CustomerRecord>> Search(const CustomerSearch& search);
  // Candidates for a fuzzy match: customers not merged away with a name word starting with
  // one of `word_prefixes` (lower case), or living at `postcode`. Unranked.
  Result<std::vector<CustomerRecord>> Candidates(const std::vector<std::string>& word_prefixes,
                                                 const std::optional<std::string>& postcode,
                                                 int limit);

  // Newest first, strictly before `before` when given.
  Result<std::vector<TimelineEntry>> Timeline(std::int64_t customer_id,
                                              const std::optional<TimelinePosition>& before,
                                              bool include_internal, int limit);

  // Merging: moves rows and returns their ids; MoveBack undoes exactly those.
  Result<std::vector<std::int64_t>> MoveCases(std::int64_t from, std::int64_t to);
  Result<std::vector<std::int64_t>> MoveInteractions(std::int64_t from, std::int64_t to);
  Result<std::vector<std::int64_t>> MoveContactPoints(std::int64_t from, std::int64_t to);
  Result<void> MoveBack(const MergeRecord& merge);

  Result<std::int64_t> InsertMerge(const MergeRecord& merge);
  Result<MergeRecord> FindMerge(std::int64_t id);  // kNotFound
  Result<void> MarkMergeUndone(std::int64_t id, Instant at, const std::string& actor);

 private:
  SqlSession& session_;
};

class Interactions {
 public:
  explicit Interactions(ReadTx& tx) : session_(tx.session()) {}
  Result<std::int64_t> Insert(const InteractionRecord& interaction);
  Result<InteractionRecord> FindById(std::int64_t id);  // kNotFound
  Result<std::vector<InteractionRecord>> ForCase(std::int64_t case_id);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
