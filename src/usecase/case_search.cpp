#include "frontdoor/usecase/case_search.hpp"

#include <algorithm>
#include <unordered_map>

#include "frontdoor/core/case_status.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"

namespace frontdoor::usecase {
namespace {

// Refresh reads back this far before the newest change it has seen: another node's clock may
// be a little behind, and a transaction stamps updated_at before it commits.
constexpr std::chrono::seconds kRefreshMargin(30);
// Cases read per read transaction when refreshing (CaseSearchRows::ForIndex takes 1,000).
constexpr std::size_t kRefreshBatch = 500;
constexpr std::size_t kMaxQueryChars = 300;
constexpr std::size_t kMaxFilterValues = 20;
constexpr std::size_t kMaxOffset = 10'000;

search::IndexOptions CaseIndexOptions() {
  search::IndexOptions options;
  options.keep_text = false;  // a million descriptions stay in the database
  // An officer's search is filtered to their departments, often to one status too.
  options.tiered_tag_prefixes = {"department:", "status:"};
  return options;
}

std::string JoinNonEmpty(std::initializer_list<const std::optional<std::string>*> parts,
                         std::string_view separator) {
  std::string out;
  for (const auto* part : parts) {
    if (*part && !(*part)->empty()) {
      out += out.empty() ? "" : separator;
      out += **part;
    }
  }
  return out;
}

// The description and every update the customer was shown. Internal notes stay out: they are
// where staff write about the person (a restricted customer's name, their manner), and a
// free-text search across every department would make them a way to find people by it.
std::string BodyOf(const store::CaseSearchRow& row) {
  std::string body = row.description;
  for (const std::string& update : row.public_updates) {
    body.append("\n").append(update);
  }
  // status_notes is the latest public update, normally among them already.
  if (row.status_notes && std::find(row.public_updates.begin(), row.public_updates.end(),
                                    *row.status_notes) == row.public_updates.end()) {
    body.append("\n").append(*row.status_notes);
  }
  return body;
}

search::Document ToDocument(const store::CaseSearchRow& row) {
  search::Document document;
  document.id = row.id;
  document.fields = {row.service_name, row.customer_name,
                     JoinNonEmpty({&row.address, &row.postcode}, ", "), BodyOf(row)};
  document.tags = {"status:" + row.status, "service:" + row.service_code};
  if (row.team_code) {
    document.tags.push_back("team:" + *row.team_code);
  }
  if (row.department_code) {
    document.tags.push_back("department:" + *row.department_code);
  }
  return document;
}

// What the caller may see, as a filter group; nullopt for everything. The access policy
// decides (core/access.hpp): a caller who may read a case of a department that is none of
// theirs reads every department's; otherwise only their own departments' cases.
std::optional<std::vector<std::string>> Scope(const access::Principal& caller) {
  static const std::optional<std::string> kNobodysDepartment = std::string("\x1f");
  if (access::Allows(caller, access::Action::kReadCase, kNobodysDepartment)) {
    return std::nullopt;
  }
  std::vector<std::string> tags;
  for (const std::string& department : caller.departments) {
    tags.push_back("department:" + department);
  }
  return tags;
}

bool InScope(const store::CaseSearchRow& row, const access::Principal& caller) {
  return access::Allows(caller, access::Action::kReadCase, row.department_code);
}

bool Matches(const std::vector<std::string>& wanted, const std::optional<std::string>& value) {
  return wanted.empty() ||
         (value && std::find(wanted.begin(), wanted.end(), *value) != wanted.end());
}

Result<std::string> CheckQuery(const std::string& q) {
  std::string text = Trim(q);
  if (text.empty() || !IsValidUtf8(text) || CountCodePoints(text) > kMaxQueryChars) {
    return Error::Invalid("q", "Enter 1 to 300 characters to search for");
  }
  return text;
}

Result<void> CheckSearch(const CaseSearch& search) {
  std::vector<FieldError> errors;
  for (const std::string& status : search.statuses) {
    if (!ParseCaseStatus(status)) {
      errors.push_back({"status", "Not a case status: " + status});
      break;
    }
  }
  for (const auto& [values, field] :
       {std::pair{&search.statuses, "status"}, std::pair{&search.services, "service"},
        std::pair{&search.teams, "team"}, std::pair{&search.departments, "department"}}) {
    if (values->size() > kMaxFilterValues) {
      errors.push_back({field, "Give at most 20 values"});
    }
  }
  if (search.limit == 0 || search.limit > kMaxCaseSearchLimit) {
    errors.push_back({"limit", "Must be 1 to 50"});
  }
  if (search.offset > kMaxOffset) {
    errors.push_back({"offset", "Must be at most 10000"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return {};
}

Result<CaseSearchResult> ByReference(store::Store& store, const std::string& reference,
                                     const CaseSearch& search, const access::Principal& caller) {
  auto found = store::ReadValue<std::optional<store::CaseSearchRow>>(store, [&](store::ReadTx& tx) {
    return store::CaseSearchRows(tx).FindByReference(reference);
  });
  if (!found) {
    return found.error();
  }
  CaseSearchResult result;
  result.by_reference = true;
  const auto& row = *found;
  if (row && InScope(*row, caller) && Matches(search.statuses, row->status) &&
      Matches(search.services, row->service_code) && Matches(search.teams, row->team_code) &&
      Matches(search.departments, row->department_code)) {
    result.total = 1;
    if (search.offset == 0) {
      result.hits.push_back({*row, 1.0});
    }
  }
  return result;
}

}  // namespace

CaseSearchIndex::CaseSearchIndex() : index_(CaseIndexOptions()) {}

void CaseSearchIndex::Put(const store::CaseSearchRow& row) {
  index_.Put(ToDocument(row));
  std::lock_guard lock(mutex_);
  watermark_ = std::max(watermark_, row.updated_at);
}

Instant CaseSearchIndex::watermark() const {
  std::lock_guard lock(mutex_);
  return watermark_;
}

std::vector<std::int64_t> CaseSearchIndex::NotPutAt(
    std::vector<std::pair<std::int64_t, Instant>> stamps, Instant since) {
  // By id, latest stamp first, so that the first of each id counts.
  std::sort(stamps.begin(), stamps.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
  std::vector<std::int64_t> ids;
  std::lock_guard lock(mutex_);
  std::erase_if(put_at_, [since](const auto& entry) { return entry.second < since; });
  for (std::size_t i = 0; i < stamps.size(); ++i) {
    const auto& [id, stamp] = stamps[i];
    if (i > 0 && stamps[i - 1].first == id) {
      continue;
    }
    const auto put = put_at_.find(id);
    if (put == put_at_.end() || put->second != stamp || stamp >= watermark_) {
      ids.push_back(id);
    }
  }
  return ids;
}

void CaseSearchIndex::PutRefreshed(const store::CaseSearchRow& row) {
  Put(row);
  std::lock_guard lock(mutex_);
  put_at_[row.id] = row.updated_at;
}

namespace {

// Puts every page `read(tx, after_id)` gives, in keyset order, until a short page. One short
// read transaction per page: a long one would hold back WAL checkpoints (SQLite) and vacuum
// (PostgreSQL) for the whole load.
template <class ReadPage>
Result<std::size_t> PutPages(store::Store& store, CaseSearchIndex& index, const ReadPage& read) {
  std::size_t count = 0;
  std::int64_t after = 0;
  for (;;) {
    auto page = store::ReadValue<std::vector<store::CaseSearchRow>>(
        store, [&read, after](store::ReadTx& tx) { return read(tx, after); });
    if (!page) {
      return page.error();
    }
    for (const auto& row : *page) {
      index.Put(row);
      after = row.id;
    }
    count += page->size();
    if (page->size() < static_cast<std::size_t>(kCaseIndexPage)) {
      return count;
    }
  }
}

}  // namespace

Result<std::size_t> LoadCaseIndex(store::Store& store, CaseSearchIndex& index) {
  auto count = PutPages(store, index, [](store::ReadTx& tx, std::int64_t after) {
    return store::CaseSearchRows(tx).Page(after, kCaseIndexPage);
  });
  if (count) {
    index.MarkLoaded();
  }
  return count;
}

Result<std::size_t> RefreshCaseIndex(store::Store& store, CaseSearchIndex& index) {
  const Instant since = index.watermark() - kRefreshMargin;
  // First the stamps alone, from two indexes; then only the cases not put at those stamps, in
  // short read transactions. Reading every case of the margin again cost creates 5-8% of the
  // server's CPU at 2,000 a second.
  auto stamps = store::ReadValue<std::vector<std::pair<std::int64_t, Instant>>>(
      store, [since](store::ReadTx& tx) { return store::CaseSearchRows(tx).StampsSince(since); });
  if (!stamps) {
    return stamps.error();
  }
  const std::vector<std::int64_t> ids = index.NotPutAt(std::move(*stamps), since);
  std::size_t count = 0;
  for (std::size_t start = 0; start < ids.size(); start += kRefreshBatch) {
    const auto first = ids.begin() + static_cast<std::ptrdiff_t>(start);
    std::vector<std::int64_t> batch(
        first, first + static_cast<std::ptrdiff_t>(std::min(kRefreshBatch, ids.size() - start)));
    auto rows = store::ReadValue<std::vector<store::CaseSearchRow>>(
        store, [&batch](store::ReadTx& tx) { return store::CaseSearchRows(tx).ForIndex(batch); });
    if (!rows) {
      return rows.error();
    }
    for (const auto& row : *rows) {
      index.PutRefreshed(row);
    }
    count += rows->size();
  }
  return count;
}

Result<CaseSearchResult> SearchCases(store::Store& store, const CaseSearchIndex& index,
                                     const CaseSearch& search, const access::Principal& caller) {
  auto text = CheckQuery(search.q);
  if (!text) {
    return text.error();
  }
  if (auto checked = CheckSearch(search); !checked) {
    return checked.error();
  }
  // A reference goes straight to the unique index, loaded or not: a caller reading one out
  // wants that case, not the cases that share its digits.
  if (auto reference = ParseReference(*text)) {
    return ByReference(store, FormatReference(*reference), search, caller);
  }
  if (!index.loaded()) {
    return Error(ErrorCode::kUnavailable, "Case search is still loading");
  }
  search::Query query;
  query.text = *text;
  query.offset = search.offset;
  query.limit = search.limit;
  query.snippets = false;
  if (auto scope = Scope(caller)) {
    if (scope->empty()) {
      return CaseSearchResult{};
    }
    query.filters.push_back(std::move(*scope));
  }
  for (const auto& [values, prefix] :
       {std::pair{&search.statuses, "status:"}, std::pair{&search.services, "service:"},
        std::pair{&search.teams, "team:"}, std::pair{&search.departments, "department:"}}) {
    if (!values->empty()) {
      std::vector<std::string> group;
      for (const std::string& value : *values) {
        group.push_back(prefix + value);
      }
      query.filters.push_back(std::move(group));
    }
  }
  const search::Results found = index.index().Search(query);
  std::vector<std::int64_t> ids;
  for (const search::Hit& hit : found.hits) {
    ids.push_back(hit.id);
  }
  auto rows = store::ReadValue<std::vector<store::CaseSearchRow>>(
      store, [&ids](store::ReadTx& tx) { return store::CaseSearchRows(tx).ByIds(ids); });
  if (!rows) {
    return rows.error();
  }
  std::unordered_map<std::int64_t, store::CaseSearchRow*> by_id;
  for (auto& row : *rows) {
    by_id[row.id] = &row;
  }
  CaseSearchResult result;
  result.total = found.total;
  result.total_is_exact = found.total_is_exact;
  for (const search::Hit& hit : found.hits) {
    // The index may lag a write by a refresh: the row read now decides what is shown.
    const auto it = by_id.find(hit.id);
    if (it != by_id.end() && InScope(*it->second, caller)) {
      result.hits.push_back({std::move(*it->second), hit.score});
    }
  }
  return result;
}

}  // namespace frontdoor::usecase
