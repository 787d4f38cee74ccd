// Staff search over cases and customers. Cases go into a second search::Index (no stored
// text: a page of hits is read back from the store, which also re-checks what the caller may
// see). Fields: title = service name; keywords = customer name (never a restricted
// customer's); summary = address and postcode; body = description and latest public update.
// Tags status:, service:, team:, department:. References are not indexed: a query that
// parses as one is looked up directly.
//
// The index is loaded at start in keyset pages while the server already answers (case
// search is kUnavailable until then) and refreshed on every node from service_case.updated_at
// and customer.updated_at (app/case_search_refresher.hpp). Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/search/index.hpp"
#include "frontdoor/store/case_search.hpp"
#include "frontdoor/store/customers.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/customers.hpp"

namespace frontdoor::usecase {

class CaseSearchIndex {
 public:
  CaseSearchIndex();
  void Put(const store::CaseSearchRow& row);
  [[nodiscard]] const search::Index& index() const { return index_; }
  [[nodiscard]] bool loaded() const { return loaded_.load(); }
  void MarkLoaded() { loaded_.store(true); }
  // The newest change put so far.
  [[nodiscard]] Instant watermark() const;

  // A refresh's bookkeeping. It reads back a margin behind the watermark for changes committed
  // late, which under write load is tens of thousands of cases already put; only these are put
  // again. Of `stamps` (case id and change stamp, a case possibly twice: its latest counts),
  // the ids not put by PutRefreshed at that stamp, and those at the watermark, which another
  // change in the same clock tick may share. Forgets the stamps of changes before `since`.
  [[nodiscard]] std::vector<std::int64_t> NotPutAt(
      std::vector<std::pair<std::int64_t, Instant>> stamps, Instant since);
  // Put, remembering the row's change stamp (its updated_at) for NotPutAt.
  void PutRefreshed(const store::CaseSearchRow& row);

 private:
  search::Index index_;
  std::atomic<bool> loaded_{false};
  mutable std::mutex mutex_;
  Instant watermark_;
  std::unordered_map<std::int64_t, Instant> put_at_;  // by PutRefreshed, since the margin
};

inline constexpr int kCaseIndexPage = 10'000;
inline constexpr std::size_t kMaxCaseSearchLimit = 50;

// Reads every case in keyset pages of kCaseIndexPage into the index, then marks it loaded.
// Safe to run while searches and refreshes go on. Returns the number of cases read.
Result<std::size_t> LoadCaseIndex(store::Store& store, CaseSearchIndex& index);
// Puts the cases changed (or whose customer changed) since the watermark less a margin.
// Returns the number put.
Result<std::size_t> RefreshCaseIndex(store::Store& store, CaseSearchIndex& index);

struct CaseSearch {
  std::string q;
  std::vector<std::string> statuses;  // any of; CaseStatus names
  std::vector<std::string> services;  // service codes, any of
  std::vector<std::string> teams;     // team codes, any of
  std::vector<std::string> departments;
  std::size_t offset = 0;
  std::size_t limit = 20;
};

struct CaseSearchHit {
  store::CaseSearchRow row;
  double score = 0;
};

struct CaseSearchResult {
  std::vector<CaseSearchHit> hits;
  std::size_t total = 0;
  bool total_is_exact = true;
  bool by_reference = false;  // the query was a case reference, looked up directly
};

// Ranked cases the caller may read, as the access policy says (core/access.hpp: today every
// staff role reads any department's cases, as on the case page). kInvalidInput naming
// "q" (empty or over 300 characters), "status", "limit"...; kUnavailable while the index is
// still loading.
Result<CaseSearchResult> SearchCases(store::Store& store, const CaseSearchIndex& index,
                                     const CaseSearch& search, const access::Principal& caller);

// Customers for free text: an email, a phone number, a postcode, a case reference, or a name
// (fuzzy: core/name_match.hpp). Restricted customers only for callers who may open them.
// kInvalidInput on "q" when empty or too long.
Result<std::vector<Candidate>> SearchCustomersByText(store::Store& store, const std::string& q,
                                                     const access::Principal& caller,
                                                     int limit = 20);

}  // namespace frontdoor::usecase
