// What the staff search index over cases needs of each case, in one row: the case, its
// service, team and department codes, and its customer's name. Read in keyset pages at start
// and by change time afterwards (usecase/case_search.hpp). Not thread-safe (a transaction's).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct CaseSearchRow {
  std::int64_t id = 0;
  std::string reference;
  std::string status;  // a CaseStatus name
  std::string service_code;
  std::string service_name;
  std::optional<std::string> team_code;
  std::optional<std::string> department_code;  // the team's, else the service's
  std::string description;
  std::optional<std::string> status_notes;
  // Every update the customer was shown (public events with text), oldest first. Read by
  // Page and ForIndex only, for the index; internal notes are never read.
  std::vector<std::string> public_updates;
  std::optional<std::string> address;
  std::optional<std::string> postcode;
  std::optional<std::int64_t> customer_id;
  bool customer_restricted = false;
  std::string customer_name;  // display name; empty for a restricted customer, never read
  Instant created_at;
  Instant updated_at;  // the later of the case's and its customer's
};

class CaseSearchRows {
 public:
  explicit CaseSearchRows(ReadTx& tx) : session_(tx.session()) {}
  // Cases with id above `after_id`, by id, at most `limit`.
  Result<std::vector<CaseSearchRow>> Page(std::int64_t after_id, int limit);
  // Each case updated at or after `since`, or whose customer was, with that updated_at; a case
  // whose customer also changed comes twice. The later of a case's stamps is its row's
  // updated_at. Read from the two indexes alone, without the rows.
  Result<std::vector<std::pair<std::int64_t, Instant>>> StampsSince(Instant since);
  // These cases by id, with their public updates, as Page reads them. At most 1,000 ids.
  Result<std::vector<CaseSearchRow>> ForIndex(const std::vector<std::int64_t>& ids);
  // These cases (in no particular order; missing ids left out). At most 1,000 ids.
  Result<std::vector<CaseSearchRow>> ByIds(const std::vector<std::int64_t>& ids);
  // The case with this exact reference, if any.
  Result<std::optional<CaseSearchRow>> FindByReference(const std::string& reference);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
