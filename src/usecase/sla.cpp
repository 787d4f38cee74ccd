#include "frontdoor/usecase/sla.hpp"

#include <map>
#include <utility>

#include <boost/json.hpp>

#include "frontdoor/charter/iso8601.hpp"

#include "charter_dates.hpp"

namespace frontdoor::usecase {
namespace {

using charter::Date;

// An internal note: staff see why the case turned amber or red; the customer does not.
Result<void> RecordChange(store::WriteTx& tx, const CaseContext& ctx,
                          const store::CaseSlaRecord& sla, const std::string& state, Instant now) {
  const std::string due =
      sla.due_at ? charter::FormatIso8601(*sla.due_at, ctx.calendar.zone()) : std::string();
  store::CaseEventRecord event;
  event.case_id = sla.case_id;
  event.at = now;
  event.kind = "note";
  event.actor = "system";
  event.is_public = false;
  event.body = "Charter standard " + sla.standard_code +
               (state == "breached" ? " breached: it was due " : " at risk: it is due ") + due;
  event.data = boost::json::serialize(boost::json::object{
      {"sla", {{"standard", sla.standard_code}, {"state", state}, {"due_at", due}}}});
  auto appended = store::Cases(tx).AppendEvent(event);
  if (!appended) {
    return appended.error();
  }
  return {};
}

// Moves each clock to `state` unless another writer did first; returns how many it moved.
Result<int> Mark(store::WriteTx& tx, const CaseContext& ctx,
                 const std::vector<store::CaseSlaRecord>& clocks, const std::string& state,
                 Instant now) {
  store::CaseSlas slas(tx);
  int marked = 0;
  for (const auto& sla : clocks) {
    auto changed = slas.ChangeState(sla.id, sla.state, state, now);
    if (!changed) {
      return changed.error();
    }
    if (*changed) {
      if (auto recorded = RecordChange(tx, ctx, sla, state, now); !recorded) {
        return recorded.error();
      }
      ++marked;
    }
  }
  return marked;
}

Instant LocalMidnight(const date::time_zone* zone, Date day) {
  if (zone == nullptr) {
    return day;
  }
  const date::local_days local{day.time_since_epoch()};
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      zone->to_sys(local, date::choose::earliest));
}

struct Period {
  Instant from;
  Instant to;
  std::optional<std::string> month;
};

std::vector<Period> Periods(const date::time_zone* zone, const PerformanceQuery& query,
                            bool by_month) {
  if (!by_month) {
    return {{LocalMidnight(zone, query.from), LocalMidnight(zone, query.to + std::chrono::days(1)),
             std::nullopt}};
  }
  std::vector<Period> periods;
  const std::chrono::year_month_day first(query.from);
  for (auto month = first.year() / first.month(); Date(month / 1) <= query.to;
       month += std::chrono::months(1)) {
    const Date start = std::max(Date(month / 1), query.from);
    const Date end = std::min(Date(month / std::chrono::last), query.to);
    periods.push_back({LocalMidnight(zone, start), LocalMidnight(zone, end + std::chrono::days(1)),
                       FormatDate(Date(month / 1)).substr(0, 7)});
  }
  return periods;
}

Result<store::SlaGrouping> CheckQuery(const PerformanceQuery& query) {
  if (query.to < query.from) {
    return Error::Invalid("to", "The period must end on or after its start");
  }
  if ((query.to - query.from).count() > kMaxPerformanceDays) {
    return Error::Invalid("to", "Ask for at most five years at a time");
  }
  store::SlaGrouping grouping = store::SlaGrouping::kNone;
  for (const PerformanceGroup group : query.group_by) {
    store::SlaGrouping wanted = store::SlaGrouping::kNone;
    switch (group) {
      case PerformanceGroup::kTeam: wanted = store::SlaGrouping::kTeam; break;
      case PerformanceGroup::kService: wanted = store::SlaGrouping::kService; break;
      case PerformanceGroup::kChannel: wanted = store::SlaGrouping::kChannel; break;
      case PerformanceGroup::kMonth: continue;
    }
    if (grouping != store::SlaGrouping::kNone && grouping != wanted) {
      return Error::Invalid("group_by",
                            "Group by at most one of team, service and channel (and month)");
    }
    grouping = wanted;
  }
  return grouping;
}

PerformanceRow ToRow(const store::SlaPerformanceRow& stored, const Period& period,
                     store::SlaGrouping grouping,
                     const std::map<std::string, charter::Standard>& standards) {
  PerformanceRow row;
  row.standard_code = stored.standard_code;
  row.month = period.month;
  if (grouping != store::SlaGrouping::kNone) {
    row.group_code = stored.group_code;
    row.group_name = stored.group_name;
  }
  row.total = stored.total;
  row.met = stored.met;
  row.missed = stored.missed;
  row.breached = stored.breached;
  row.open = stored.total - stored.met - stored.missed - stored.breached;
  const std::int64_t decided = row.met + row.missed + row.breached;
  if (decided > 0) {
    row.compliance_percent = 100.0 * static_cast<double>(row.met) / static_cast<double>(decided);
  }
  if (const auto found = standards.find(stored.standard_code); found != standards.end()) {
    row.standard_name = found->second.name;
    row.threshold_percent = found->second.threshold_percent;
    if (row.compliance_percent) {
      row.meets_threshold = *row.compliance_percent >= found->second.threshold_percent;
    }
  }
  return row;
}

}  // namespace

Result<SlaSweep> SweepSlaClocks(const CaseContext& ctx, int limit) {
  const Instant now = ctx.clock.Now();
  return store::WriteValue<SlaSweep>(ctx.store, [&](store::WriteTx& tx) -> Result<SlaSweep> {
    store::CaseSlas slas(tx);
    SlaSweep sweep;
    auto past_due = slas.PastDue(now, limit);
    if (!past_due) {
      return past_due.error();
    }
    auto breached = Mark(tx, ctx, *past_due, "breached", now);
    if (!breached) {
      return breached.error();
    }
    sweep.breached = *breached;
    auto past_risk = slas.PastAtRisk(now, limit);
    if (!past_risk) {
      return past_risk.error();
    }
    auto at_risk = Mark(tx, ctx, *past_risk, "at_risk", now);
    if (!at_risk) {
      return at_risk.error();
    }
    sweep.at_risk = *at_risk;
    return sweep;
  });
}

Result<std::vector<store::CaseSlaRecord>> CaseSlaClocks(const CaseContext& ctx,
                                                        const std::string& reference) {
  auto record = GetCaseRecord(ctx, reference);
  if (!record) {
    return record.error();
  }
  return store::ReadValue<std::vector<store::CaseSlaRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::CaseSlas(tx).ForCase(record->id); });
}

Result<std::vector<PerformanceRow>> CharterPerformance(
    store::Store& store, const date::time_zone* zone, Instant now, const PerformanceQuery& query,
    const std::vector<charter::Standard>& standards) {
  auto grouping = CheckQuery(query);
  if (!grouping) {
    return grouping.error();
  }
  std::map<std::string, charter::Standard> by_code;
  for (const auto& standard : standards) {
    by_code.emplace(standard.code, standard);
  }
  bool by_month = false;
  for (const PerformanceGroup group : query.group_by) {
    by_month = by_month || group == PerformanceGroup::kMonth;
  }
  const auto periods = Periods(zone, query, by_month);
  return store::ReadValue<std::vector<PerformanceRow>>(
      store, [&](store::ReadTx& tx) -> Result<std::vector<PerformanceRow>> {
        std::vector<PerformanceRow> rows;
        store::CaseSlas slas(tx);
        for (const Period& period : periods) {
          auto stored = slas.Performance(period.from, period.to, now, *grouping);
          if (!stored) {
            return stored.error();
          }
          for (const auto& row : *stored) {
            rows.push_back(ToRow(row, period, *grouping, by_code));
          }
        }
        return rows;
      });
}

}  // namespace frontdoor::usecase
