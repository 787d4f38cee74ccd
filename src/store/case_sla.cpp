#include "frontdoor/store/case_sla.hpp"

#include <string_view>

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kColumns =
    "id, case_id, standard_code, measure, unit, amount, started_at, due_at, at_risk_at, "
    "paused_since, paused_total, stopped_at, state, state_changed_at";

std::optional<Instant> OptionalInstant(const SqlRow& row, int column) {
  if (row.IsNull(column)) {
    return std::nullopt;
  }
  return FromUnixMicros(row.Int(column));
}

SqlParam OptionalMicros(const std::optional<Instant>& at) {
  if (at) {
    return ToUnixMicros(*at);
  }
  return nullptr;
}

CaseSlaRecord ReadSla(const SqlRow& row) {
  CaseSlaRecord sla;
  sla.id = row.Int(0);
  sla.case_id = row.Int(1);
  sla.standard_code = row.String(2);
  sla.measure = row.String(3);
  sla.unit = row.String(4);
  sla.amount = static_cast<int>(row.Int(5));
  sla.started_at = FromUnixMicros(row.Int(6));
  sla.due_at = OptionalInstant(row, 7);
  sla.at_risk_at = OptionalInstant(row, 8);
  sla.paused_since = OptionalInstant(row, 9);
  sla.paused_total = std::chrono::microseconds(row.Int(10));
  sla.stopped_at = OptionalInstant(row, 11);
  sla.state = row.String(12);
  sla.state_changed_at = FromUnixMicros(row.Int(13));
  return sla;
}

std::string Select(std::string_view where) {
  std::string sql = "SELECT ";
  sql += kColumns;
  sql += " FROM case_sla ";
  sql += where;
  return sql;
}

Result<void> Done(const Result<std::int64_t>& changed) {
  if (!changed) {
    return changed.error();
  }
  return {};
}

// The group columns of the performance query, by grouping.
struct GroupSql {
  std::string_view columns;
  std::string_view joins;
};

GroupSql GroupFor(SlaGrouping grouping) {
  switch (grouping) {
    case SlaGrouping::kNone: return {"'', ''", ""};
    case SlaGrouping::kTeam:
      return {"COALESCE(t.code, ''), COALESCE(t.name, '')",
              "JOIN service_case c ON c.id = s.case_id LEFT JOIN team t ON t.id = c.team_id "};
    case SlaGrouping::kService:
      return {"v.code, v.name",
              "JOIN service_case c ON c.id = s.case_id JOIN service v ON v.id = c.service_id "};
    case SlaGrouping::kChannel:
      return {"c.channel, c.channel", "JOIN service_case c ON c.id = s.case_id "};
  }
  return {"'', ''", ""};
}

}  // namespace

Result<std::int64_t> CaseSlas::Insert(const CaseSlaRecord& sla) {
  return QueryInt(
      session_,
      "INSERT INTO case_sla (case_id, standard_code, measure, unit, amount, started_at, due_at, "
      "at_risk_at, paused_since, paused_total, stopped_at, state, state_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {sla.case_id, std::string_view(sla.standard_code), std::string_view(sla.measure),
       std::string_view(sla.unit), std::int64_t{sla.amount}, ToUnixMicros(sla.started_at),
       OptionalMicros(sla.due_at), OptionalMicros(sla.at_risk_at), OptionalMicros(sla.paused_since),
       std::int64_t{sla.paused_total.count()}, OptionalMicros(sla.stopped_at),
       std::string_view(sla.state), ToUnixMicros(sla.state_changed_at)});
}

Result<void> CaseSlas::Update(const CaseSlaRecord& sla) {
  return Done(session_.Exec(
      "UPDATE case_sla SET due_at = ?, at_risk_at = ?, paused_since = ?, paused_total = ?, "
      "stopped_at = ?, state = ?, state_changed_at = ? WHERE id = ?",
      {OptionalMicros(sla.due_at), OptionalMicros(sla.at_risk_at), OptionalMicros(sla.paused_since),
       std::int64_t{sla.paused_total.count()}, OptionalMicros(sla.stopped_at),
       std::string_view(sla.state), ToUnixMicros(sla.state_changed_at), sla.id}));
}

Result<bool> CaseSlas::ChangeState(std::int64_t id, const std::string& from, const std::string& to,
                                   Instant at) {
  auto changed = session_.Exec(
      "UPDATE case_sla SET state = ?, state_changed_at = ? WHERE id = ? AND state = ?",
      {std::string_view(to), ToUnixMicros(at), id, std::string_view(from)});
  if (!changed) {
    return changed.error();
  }
  return *changed == 1;
}

Result<std::vector<CaseSlaRecord>> CaseSlas::ForCase(std::int64_t case_id) {
  return QueryAll<CaseSlaRecord>(session_, Select("WHERE case_id = ? ORDER BY id"), {case_id},
                                 ReadSla);
}

Result<void> CaseSlas::StartPause(std::int64_t sla_id, Instant from) {
  return Done(session_.Exec("INSERT INTO case_sla_pause (sla_id, from_at) VALUES (?, ?)",
                            {sla_id, ToUnixMicros(from)}));
}

Result<void> CaseSlas::EndPause(std::int64_t sla_id, Instant to) {
  return Done(
      session_.Exec("UPDATE case_sla_pause SET to_at = ? WHERE sla_id = ? AND to_at IS NULL",
                    {ToUnixMicros(to), sla_id}));
}

Result<std::vector<SlaPauseRecord>> CaseSlas::Pauses(std::int64_t sla_id) {
  return QueryAll<SlaPauseRecord>(
      session_, "SELECT from_at, to_at FROM case_sla_pause WHERE sla_id = ? ORDER BY from_at",
      {sla_id}, [](const SqlRow& row) {
        return SlaPauseRecord{FromUnixMicros(row.Int(0)), OptionalInstant(row, 1)};
      });
}

Result<std::vector<CaseSlaRecord>> CaseSlas::PastDue(Instant now, int limit) {
  return QueryAll<CaseSlaRecord>(
      session_,
      Select("WHERE stopped_at IS NULL AND paused_since IS NULL AND due_at < ? "
             "AND state IN ('on_track', 'at_risk') ORDER BY due_at, id LIMIT ?"),
      {ToUnixMicros(now), std::int64_t{limit}}, ReadSla);
}

Result<std::vector<CaseSlaRecord>> CaseSlas::PastAtRisk(Instant now, int limit) {
  return QueryAll<CaseSlaRecord>(
      session_,
      Select("WHERE stopped_at IS NULL AND paused_since IS NULL AND at_risk_at < ? "
             "AND state = 'on_track' ORDER BY at_risk_at, id LIMIT ?"),
      {ToUnixMicros(now), std::int64_t{limit}}, ReadSla);
}

Result<std::vector<SlaPerformanceRow>> CaseSlas::Performance(Instant from, Instant to, Instant now,
                                                             SlaGrouping grouping) {
  const GroupSql group = GroupFor(grouping);
  std::string sql = "SELECT s.standard_code, ";
  sql += group.columns;
  sql +=
      ", count(*), "
      "sum(CASE WHEN s.state = 'met' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END), "
      "sum(CASE WHEN s.stopped_at IS NULL AND s.due_at < ? THEN 1 ELSE 0 END) "
      "FROM case_sla s ";
  sql += group.joins;
  sql += "WHERE s.started_at >= ? AND s.started_at < ? GROUP BY 1, 2, 3 ORDER BY 1, 2";
  return QueryAll<SlaPerformanceRow>(session_, sql,
                                     {ToUnixMicros(now), ToUnixMicros(from), ToUnixMicros(to)},
                                     [](const SqlRow& row) {
                                       SlaPerformanceRow out;
                                       out.standard_code = row.String(0);
                                       out.group_code = row.String(1);
                                       out.group_name = row.String(2);
                                       out.total = row.Int(3);
                                       out.met = row.Int(4);
                                       out.missed = row.Int(5);
                                       out.breached = row.Int(6);
                                       return out;
                                     });
}

}  // namespace frontdoor::store
