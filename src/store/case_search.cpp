#include "frontdoor/store/case_search.hpp"

#include <algorithm>
#include <string>

namespace frontdoor::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.reference, c.status, s.code, s.name, t.code, coalesce(td.code, sd.code), "
    "c.description, c.status_notes, c.address, c.postcode, c.customer_id, cu.restricted, "
    "cu.first_name, cu.last_name, cu.organisation_name, c.created_at, c.updated_at, "
    "cu.updated_at "
    "FROM service_case c JOIN service s ON s.id = c.service_id "
    "LEFT JOIN team t ON t.id = c.team_id "
    "LEFT JOIN department td ON td.id = t.department_id "
    "LEFT JOIN department sd ON sd.id = s.department_id "
    "LEFT JOIN customer cu ON cu.id = c.customer_id ";

std::string Join(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (a && b) {
    return *a + " " + *b;
  }
  return a ? *a : b.value_or("");
}

CaseSearchRow ReadRow(const SqlRow& row) {
  CaseSearchRow r;
  r.id = row.Int(0);
  r.reference = row.String(1);
  r.status = row.String(2);
  r.service_code = row.String(3);
  r.service_name = row.String(4);
  r.team_code = row.OptionalString(5);
  r.department_code = row.OptionalString(6);
  r.description = row.String(7);
  r.status_notes = row.OptionalString(8);
  r.address = row.OptionalString(9);
  r.postcode = row.OptionalString(10);
  r.customer_id = row.OptionalInt(11);
  r.customer_restricted = !row.IsNull(12) && row.Int(12) != 0;
  // A restricted customer's name is not even read: nothing can leak what is never held.
  if (r.customer_id && !r.customer_restricted) {
    r.customer_name = Join(row.OptionalString(13), row.OptionalString(14));
    if (auto organisation = row.OptionalString(15)) {
      r.customer_name =
          r.customer_name.empty() ? *organisation : r.customer_name + " " + *organisation;
    }
  }
  r.created_at = FromUnixMicros(row.Int(16));
  r.updated_at = FromUnixMicros(row.Int(17));
  if (!row.IsNull(18)) {
    r.updated_at = std::max(r.updated_at, FromUnixMicros(row.Int(18)));
  }
  return r;
}

// Ids per query when reading public updates: well under SQLite's and PostgreSQL's limits on
// parameters, and small enough for the planner to probe case_event_case once per id.
constexpr std::size_t kUpdateBatch = 500;

// Fills each row's public_updates with the bodies of its case's public events. `rows` is in
// id order (Page reads in keyset order, ForIndex sorts).
Result<void> AttachPublicUpdates(SqlSession& session, std::vector<CaseSearchRow>& rows) {
  for (std::size_t start = 0; start < rows.size(); start += kUpdateBatch) {
    const std::size_t end = std::min(rows.size(), start + kUpdateBatch);
    std::string sql =
        "SELECT case_id, body FROM case_event WHERE is_public = 1 AND body IS NOT NULL "
        "AND case_id IN (";
    std::vector<SqlParam> params;
    for (std::size_t i = start; i < end; ++i) {
      sql += i == start ? "?" : ", ?";
      params.emplace_back(rows[i].id);
    }
    sql += ") ORDER BY case_id, id";
    std::size_t at = start;
    auto done = session.Query(sql, params, [&](const SqlRow& row) {
      const std::int64_t case_id = row.Int(0);
      while (at < end && rows[at].id < case_id) {
        ++at;
      }
      if (at < end && rows[at].id == case_id) {
        rows[at].public_updates.push_back(row.String(1));
      }
    });
    if (!done) {
      return done.error();
    }
  }
  return {};
}

}  // namespace

Result<std::vector<CaseSearchRow>> CaseSearchRows::Page(std::int64_t after_id, int limit) {
  std::vector<CaseSearchRow> rows;
  std::string sql(kSelect);
  sql += "WHERE c.id > ? ORDER BY c.id LIMIT ?";
  auto done = session_.Query(sql, {after_id, std::int64_t{limit}},
                             [&rows](const SqlRow& row) { rows.push_back(ReadRow(row)); });
  if (!done) {
    return done.error();
  }
  if (auto updates = AttachPublicUpdates(session_, rows); !updates) {
    return updates.error();
  }
  return rows;
}

Result<std::vector<std::pair<std::int64_t, Instant>>> CaseSearchRows::StampsSince(Instant since) {
  std::vector<std::pair<std::int64_t, Instant>> stamps;
  const std::int64_t micros = ToUnixMicros(since);
  auto done = session_.Query(
      // Two index probes (service_case_updated; customer_updated then service_case_customer),
      // each holding every column read, rather than one OR the planners would answer with a scan.
      "SELECT id, updated_at FROM service_case WHERE updated_at >= ? "
      "UNION ALL SELECT sc.id, cc.updated_at FROM customer cc "
      "JOIN service_case sc ON sc.customer_id = cc.id WHERE cc.updated_at >= ?",
      {micros, micros}, [&stamps](const SqlRow& row) {
        stamps.emplace_back(row.Int(0), FromUnixMicros(row.Int(1)));
      });
  if (!done) {
    return done.error();
  }
  return stamps;
}

Result<std::vector<CaseSearchRow>> CaseSearchRows::ForIndex(const std::vector<std::int64_t>& ids) {
  auto rows = ByIds(ids);
  if (!rows) {
    return rows;
  }
  std::sort(rows->begin(), rows->end(),
            [](const CaseSearchRow& a, const CaseSearchRow& b) { return a.id < b.id; });
  if (auto updates = AttachPublicUpdates(session_, *rows); !updates) {
    return updates.error();
  }
  return rows;
}

Result<std::vector<CaseSearchRow>> CaseSearchRows::ByIds(const std::vector<std::int64_t>& ids) {
  std::vector<CaseSearchRow> rows;
  if (ids.empty()) {
    return rows;
  }
  std::string sql(kSelect);
  sql += "WHERE c.id IN (";
  std::vector<SqlParam> params;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.push_back(ids[i]);
  }
  sql += ")";
  auto done =
      session_.Query(sql, params, [&rows](const SqlRow& row) { rows.push_back(ReadRow(row)); });
  if (!done) {
    return done.error();
  }
  return rows;
}

Result<std::optional<CaseSearchRow>> CaseSearchRows::FindByReference(const std::string& reference) {
  std::optional<CaseSearchRow> found;
  std::string sql(kSelect);
  sql += "WHERE c.reference = ?";
  auto done = session_.Query(sql, {std::string_view{reference}},
                             [&found](const SqlRow& row) { found = ReadRow(row); });
  if (!done) {
    return done.error();
  }
  return found;
}

}  // namespace frontdoor::store
