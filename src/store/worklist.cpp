#include "frontdoor/store/worklist.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kAtRisk =
    "EXISTS (SELECT 1 FROM case_sla a WHERE a.case_id = c.id AND a.state = 'at_risk')";
constexpr std::string_view kBreached =
    "EXISTS (SELECT 1 FROM case_sla b WHERE b.case_id = c.id AND b.state IN ('breached', "
    "'missed'))";

Where Conditions(const WorklistFilter& filter, std::vector<std::string>& statuses) {
  Where where;
  if (filter.team_code) {
    where.Compare("t.code", "=", std::string_view{*filter.team_code});
  }
  if (filter.service_code) {
    where.Compare("s.code", "=", std::string_view{*filter.service_code});
  }
  if (filter.statuses.empty()) {
    where.Add("c.status NOT IN ('resolved', 'closed')");
  } else {
    for (const CaseStatus status : filter.statuses) {
      statuses.emplace_back(CaseStatusName(status));
    }
    where.In("c.status", statuses);
  }
  switch (filter.due) {
    case DueState::kAny: break;
    case DueState::kOnTrack:
      where.Add("NOT " + std::string(kAtRisk) + " AND NOT " + std::string(kBreached));
      break;
    case DueState::kAtRisk: where.Add(std::string(kAtRisk)); break;
    case DueState::kBreached: where.Add(std::string(kBreached)); break;
  }
  return where;
}

WorklistRow ReadRow(const SqlRow& row) {
  WorklistRow out;
  out.reference = row.String(0);
  out.status = row.String(1);
  out.priority = row.String(2);
  out.service_code = row.String(3);
  out.service_name = row.String(4);
  out.team_name = row.OptionalString(5).value_or("");
  out.address = row.OptionalString(6);
  if (!row.IsNull(7)) {
    out.due_at = FromUnixMicros(row.Int(7));
  }
  out.created_at = FromUnixMicros(row.Int(8));
  out.is_at_risk = row.Int(9) != 0;
  out.is_breached = row.Int(10) != 0;
  return out;
}

}  // namespace

Result<WorklistPage> ReadWorklist(ReadTx& tx, const WorklistFilter& filter) {
  std::vector<std::string> statuses;
  const Where where = Conditions(filter, statuses);
  const std::string from =
      " FROM service_case c JOIN service s ON s.id = c.service_id "
      "LEFT JOIN team t ON t.id = c.team_id " +
      where.sql();
  WorklistPage page;
  auto total = QueryInt(tx.session(), "SELECT count(*)" + from, where.params());
  if (!total) {
    return total.error();
  }
  page.total = *total;
  std::vector<SqlParam> params = where.params();
  const int size = std::max(1, filter.page_size);
  params.emplace_back(std::int64_t{size});
  params.emplace_back(std::int64_t{(std::max(1, filter.page) - 1)} * size);
  auto rows = QueryAll<WorklistRow>(
      tx.session(),
      "SELECT c.reference, c.status, c.priority, s.code, s.name, t.name, c.address, c.due_at, "
      "c.created_at, CASE WHEN " +
          std::string(kAtRisk) + " THEN 1 ELSE 0 END, CASE WHEN " + std::string(kBreached) +
          " THEN 1 ELSE 0 END" + from +
          " ORDER BY CASE WHEN c.due_at IS NULL THEN 1 ELSE 0 END, c.due_at, c.id LIMIT ? OFFSET ?",
      params, ReadRow);
  if (!rows) {
    return rows.error();
  }
  page.rows = std::move(*rows);
  return page;
}

}  // namespace frontdoor::store
