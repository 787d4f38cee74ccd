#include "frontdoor/store/case_sla.hpp"

#include <algorithm>
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

// The rollup query groups by ids first and looks names up once per group: the key column
// the parts share, and how the outer query turns it into a code and a name.
struct RollupGroupSql {
  std::string_view rollup_key;  // over charter_rollup r
  std::string_view clock_key;   // over case_sla s JOIN service_case c
  std::string_view columns;     // over the grouped part p
  std::string_view joins;
};

RollupGroupSql RollupGroupFor(SlaGrouping grouping) {
  switch (grouping) {
    case SlaGrouping::kNone: return {"0", "0", "'', ''", ""};
    case SlaGrouping::kTeam:
      return {"r.team_id", "COALESCE(c.team_id, 0)", "COALESCE(t.code, ''), COALESCE(t.name, '')",
              "LEFT JOIN team t ON t.id = p.k "};
    case SlaGrouping::kService:
      return {"r.service_id", "c.service_id", "v.code, v.name", "JOIN service v ON v.id = p.k "};
    case SlaGrouping::kChannel: return {"r.channel", "c.channel", "p.k, p.k", ""};
  }
  return {"0", "0", "'', ''", ""};
}

constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

std::int64_t FloorDay(std::int64_t micros) {
  return micros / kMicrosPerDay - (micros % kMicrosPerDay < 0 ? 1 : 0);
}

SlaPerformanceRow ReadPerformanceRow(const SqlRow& row) {
  SlaPerformanceRow out;
  out.standard_code = row.String(0);
  out.group_code = row.String(1);
  out.group_name = row.String(2);
  out.total = row.Int(3);
  out.met = row.Int(4);
  out.missed = row.Int(5);
  out.breached = row.Int(6);
  return out;
}

}  // namespace

Result<std::int64_t> CaseSlas::Insert(const CaseSlaRecord& sla) {
  return QueryInt(
      session_,
      "INSERT INTO case_sla (case_id, standard_code, measure, unit, amount, started_at, due_at, "
      "at_risk_at, paused_since, paused_total, stopped_at, state, state_changed_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {sla.case_id, std::string_view{sla.standard_code}, std::string_view{sla.measure},
       std::string_view{sla.unit}, std::int64_t{sla.amount}, ToUnixMicros(sla.started_at),
       OptionalMicros(sla.due_at), OptionalMicros(sla.at_risk_at), OptionalMicros(sla.paused_since),
       std::int64_t{sla.paused_total.count()}, OptionalMicros(sla.stopped_at),
       std::string_view{sla.state}, ToUnixMicros(sla.state_changed_at)});
}

Result<void> CaseSlas::InsertAll(std::span<const CaseSlaRecord> clocks) {
  // One statement for a new case's clocks (two or three): each statement costs its own
  // bind, step and reset on the single writer.
  return InsertRows(
      session_,
      "INSERT INTO case_sla (case_id, standard_code, measure, unit, amount, "
      "started_at, due_at, at_risk_at, paused_since, paused_total, stopped_at, "
      "state, state_changed_at) VALUES ",
      13, clocks, [](const CaseSlaRecord& sla, std::vector<SqlParam>& params) {
        params.insert(
            params.end(),
            {sla.case_id, std::string_view{sla.standard_code}, std::string_view{sla.measure},
             std::string_view{sla.unit}, std::int64_t{sla.amount}, ToUnixMicros(sla.started_at),
             OptionalMicros(sla.due_at), OptionalMicros(sla.at_risk_at),
             OptionalMicros(sla.paused_since), std::int64_t{sla.paused_total.count()},
             OptionalMicros(sla.stopped_at), std::string_view{sla.state},
             ToUnixMicros(sla.state_changed_at)});
      });
}

Result<void> CaseSlas::Update(const CaseSlaRecord& sla) {
  return Done(session_.Exec(
      "UPDATE case_sla SET due_at = ?, at_risk_at = ?, paused_since = ?, paused_total = ?, "
      "stopped_at = ?, state = ?, state_changed_at = ? WHERE id = ?",
      {OptionalMicros(sla.due_at), OptionalMicros(sla.at_risk_at), OptionalMicros(sla.paused_since),
       std::int64_t{sla.paused_total.count()}, OptionalMicros(sla.stopped_at),
       std::string_view{sla.state}, ToUnixMicros(sla.state_changed_at), sla.id}));
}

Result<bool> CaseSlas::ChangeState(std::int64_t id, const std::string& from, const std::string& to,
                                   Instant at) {
  auto changed = session_.Exec(
      "UPDATE case_sla SET state = ?, state_changed_at = ? WHERE id = ? AND state = ?",
      {std::string_view{to}, ToUnixMicros(at), id, std::string_view{from}});
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
  // Whole UTC days inside [from, to) come from the rollup; the hours before the first and
  // after the last (a London midnight is 23:00 UTC in summer) from the clocks themselves.
  const std::int64_t from_us = ToUnixMicros(from);
  const std::int64_t to_us = ToUnixMicros(to);
  std::int64_t first_day = FloorDay(from_us);
  if (first_day * kMicrosPerDay < from_us) {
    ++first_day;
  }
  std::int64_t end_day = FloorDay(to_us);
  if (end_day <= first_day) {  // no whole day: every clock is read
    first_day = end_day = FloorDay(from_us) + 1;
  }
  const std::int64_t head_end = std::min(first_day * kMicrosPerDay, to_us);
  const std::int64_t tail_start = std::max(end_day * kMicrosPerDay, head_end);
  const RollupGroupSql group = RollupGroupFor(grouping);
  const std::string clock_part =
      std::string("SELECT s.standard_code AS standard_code, ") + std::string(group.clock_key) +
      " AS k, 1 AS total, CASE WHEN s.state = 'met' THEN 1 ELSE 0 END AS met, "
      "CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END AS missed, 0 AS breached "
      "FROM case_sla s JOIN service_case c ON c.id = s.case_id "
      "WHERE s.started_at >= ? AND s.started_at < ? ";
  std::string sql = "SELECT p.standard_code, ";
  sql += group.columns;
  sql +=
      ", sum(p.total), sum(p.met), sum(p.missed), sum(p.breached) FROM (SELECT r.standard_code "
      "AS standard_code, ";
  sql += group.rollup_key;
  // Summed in its own arm: the outer GROUP BY then sorts a few hundred rows, not a year of days.
  sql +=
      " AS k, sum(r.total) AS total, sum(r.met) AS met, sum(r.missed) AS missed, 0 AS breached "
      "FROM charter_rollup r WHERE r.day >= ? AND r.day < ? GROUP BY 1, 2 UNION ALL ";
  sql += clock_part;
  sql += "UNION ALL ";
  sql += clock_part;
  // Running clocks past their due instant: only the open ones, through their own index.
  sql += "UNION ALL SELECT s.standard_code, ";
  sql += group.clock_key;
  sql +=
      ", 0, 0, 0, 1 FROM case_sla s JOIN service_case c ON c.id = s.case_id "
      "WHERE s.stopped_at IS NULL AND s.started_at >= ? AND s.started_at < ? AND s.due_at < ?"
      ") p ";
  sql += group.joins;
  sql += "GROUP BY 1, 2, 3 HAVING sum(p.total) > 0 ORDER BY 1, 2";
  return QueryAll<SlaPerformanceRow>(
      session_, sql,
      {first_day, end_day, from_us, head_end, tail_start, to_us, from_us, to_us, ToUnixMicros(now)},
      ReadPerformanceRow);
}

Result<std::vector<SlaPerformanceRow>> CaseSlas::PerformanceFromClocks(Instant from, Instant to,
                                                                       Instant now,
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
  return QueryAll<SlaPerformanceRow>(
      session_, sql, {ToUnixMicros(now), ToUnixMicros(from), ToUnixMicros(to)}, ReadPerformanceRow);
}

}  // namespace frontdoor::store
