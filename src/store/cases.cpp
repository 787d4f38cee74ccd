#include "frontdoor/store/cases.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "frontdoor/core/media_type.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

// Bands of latitude of the index service_case_open_place: a thousandth of a degree, 111 m, so
// that the 50 m box of a duplicate check spans one or two; the `1000` in its expression.
constexpr double kPlaceBandsPerDegree = 1000;
constexpr std::int64_t kPlaceBandsPerQuery = 4;

constexpr std::string_view kCaseColumns =
    "SELECT c.id, c.reference, c.service_id, c.status, c.priority, c.channel, c.description, "
    "c.address, c.address_id, c.postcode, c.lat, c.lon, c.ward, c.customer_id, c.team_id, "
    "c.assignee_id, c.status_notes, c.media_url, c.source, c.created_at, c.updated_at, c.due_at, "
    "c.closed_at, s.code, s.name, t.name, d.name, ";
// The first public photo: one index probe per case.
constexpr std::string_view kFirstPublicPhoto =
    "(SELECT a.sha256 || ' ' || a.media_type FROM case_attachment a WHERE a.case_id = c.id "
    "AND a.is_public = 1 AND a.media_type LIKE 'image/%' ORDER BY a.id LIMIT 1) ";
constexpr std::string_view kCaseFrom =
    "FROM service_case c JOIN service s ON s.id = c.service_id "
    "LEFT JOIN team t ON t.id = c.team_id LEFT JOIN department d ON d.id = s.department_id ";

// Whether `statuses` names every open status and nothing else.
bool OpenStatusesOnly(const std::vector<CaseStatus>& statuses) {
  constexpr std::array kEvery{CaseStatus::kNew,        CaseStatus::kAcknowledged,
                              CaseStatus::kInProgress, CaseStatus::kAwaitingCustomer,
                              CaseStatus::kResolved,   CaseStatus::kClosed,
                              CaseStatus::kReopened};
  return std::ranges::all_of(kEvery, [&](CaseStatus status) {
    return (std::ranges::find(statuses, status) != statuses.end()) == IsOpen(status);
  });
}

// The SELECT ... FROM of a case read by ReadCase.
std::string CaseSelect() {
  std::string sql(kCaseColumns);
  sql += kFirstPublicPhoto;
  sql += kCaseFrom;
  return sql;
}

std::optional<Instant> OptionalInstant(const SqlRow& row, int column) {
  if (row.IsNull(column)) {
    return std::nullopt;
  }
  return FromUnixMicros(row.Int(column));
}

CaseRecord ReadCase(const SqlRow& row) {
  CaseRecord c;
  c.id = row.Int(0);
  c.reference = row.String(1);
  c.service_id = row.Int(2);
  // The CHECK constraint keeps unknown names out of the column.
  if (auto status = ParseCaseStatus(row.Text(3))) {
    c.status = *status;
  }
  c.priority = row.String(4);
  c.channel = row.String(5);
  c.description = row.String(6);
  c.address = row.OptionalString(7);
  c.address_id = row.OptionalString(8);
  c.postcode = row.OptionalString(9);
  if (!row.IsNull(10) && !row.IsNull(11)) {
    c.location = GeoPoint{row.Double(10), row.Double(11)};
  }
  c.ward = row.OptionalString(12);
  c.customer_id = row.OptionalInt(13);
  c.team_id = row.OptionalInt(14);
  c.assignee_id = row.OptionalInt(15);
  c.status_notes = row.OptionalString(16);
  c.media_url = row.OptionalString(17);
  c.source = row.String(18);
  c.created_at = FromUnixMicros(row.Int(19));
  c.updated_at = FromUnixMicros(row.Int(20));
  c.due_at = OptionalInstant(row, 21);
  c.closed_at = OptionalInstant(row, 22);
  c.service_code = row.String(23);
  c.service_name = row.String(24);
  c.team_name = row.IsNull(25) ? std::string() : row.String(25);
  c.department_name = row.IsNull(26) ? std::string() : row.String(26);
  if (!row.IsNull(27)) {
    const std::string_view photo = row.Text(27);  // "<sha256> <media type>"
    const auto space = photo.find(' ');
    const auto type = FindMediaType(photo.substr(space + 1));
    if (space != std::string_view::npos && type) {
      c.public_photo_path =
          "/media/" + std::string(photo.substr(0, space)) + "." + std::string(type->extension);
    }
  }
  return c;
}

SqlParam OptionalInstantParam(const std::optional<Instant>& at) {
  if (at) {
    return ToUnixMicros(*at);
  }
  return nullptr;
}

SqlParam OptionalDouble(const std::optional<GeoPoint>& point, bool lat) {
  if (point) {
    return lat ? point->lat : point->lon;
  }
  return nullptr;
}

constexpr std::string_view kEventSelect =
    "SELECT e.id, e.case_id, e.at, e.kind, e.actor, e.is_public, e.status, e.body, e.data, "
    "e.external_id, c.reference FROM case_event e JOIN service_case c ON c.id = e.case_id ";

CaseEventRecord ReadEvent(const SqlRow& row) {
  CaseEventRecord e;
  e.id = row.Int(0);
  e.case_id = row.Int(1);
  e.at = FromUnixMicros(row.Int(2));
  e.kind = row.String(3);
  e.actor = row.String(4);
  e.is_public = row.Int(5) != 0;
  e.status = row.OptionalString(6);
  e.body = row.OptionalString(7);
  e.data = row.OptionalString(8);
  e.external_id = row.OptionalString(9);
  e.case_reference = row.String(10);
  return e;
}

}  // namespace

Result<std::int64_t> Cases::NextSequence(const std::string& prefix, int year) {
  constexpr std::string_view kUpsert =
      "INSERT INTO reference_sequence (prefix, year, last_value) VALUES (?, ?, 1) "
      "ON CONFLICT (prefix, year) DO UPDATE SET last_value = reference_sequence.last_value + 1";
  const std::vector<SqlParam> key{std::string_view{prefix}, std::int64_t{year}};
  if (session_.dialect() == Dialect::kPostgres) {
    return QueryInt(session_, std::string(kUpsert) + " RETURNING last_value", key);
  }
  // SQLite's RETURNING costs a temporary table per execution (SqlSession::InsertReturningId);
  // the writer is alone, so the row read back is the one just written.
  if (auto upserted = session_.Exec(kUpsert, key); !upserted) {
    return upserted.error();
  }
  return QueryInt(session_,
                  "SELECT last_value FROM reference_sequence WHERE prefix = ? AND year = ?", key);
}

Result<std::int64_t> Cases::Insert(const CaseRecord& c) {
  const std::string status(CaseStatusName(c.status));
  return session_.InsertReturningId(
      "INSERT INTO service_case (reference, service_id, status, priority, channel, description, "
      "address, address_id, postcode, lat, lon, ward, customer_id, team_id, assignee_id, "
      "status_notes, media_url, source, created_at, updated_at, due_at, closed_at) VALUES "
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string_view{c.reference},     c.service_id,
       std::string_view{status},          std::string_view{c.priority},
       std::string_view{c.channel},       std::string_view{c.description},
       OptionalText(c.address),           OptionalText(c.address_id),
       OptionalText(c.postcode),          OptionalDouble(c.location, true),
       OptionalDouble(c.location, false), OptionalText(c.ward),
       OptionalInt(c.customer_id),        OptionalInt(c.team_id),
       OptionalInt(c.assignee_id),        OptionalText(c.status_notes),
       OptionalText(c.media_url),         std::string_view{c.source},
       ToUnixMicros(c.created_at),        ToUnixMicros(c.updated_at),
       OptionalInstantParam(c.due_at),    OptionalInstantParam(c.closed_at)});
}

Result<void> Cases::InsertAttributes(std::int64_t case_id, const Answers& answers) {
  std::int64_t position = 0;
  for (const auto& [code, value] : answers) {
    auto done = session_.Exec(
        "INSERT INTO case_attribute (case_id, position, code, value) VALUES (?, ?, ?, ?)",
        {case_id, position++, std::string_view{code}, std::string_view{value}});
    if (!done) {
      return done.error();
    }
  }
  return {};
}

Result<Answers> Cases::Attributes(std::int64_t case_id) {
  return QueryAll<std::pair<std::string, std::string>>(
      session_, "SELECT code, value FROM case_attribute WHERE case_id = ? ORDER BY position",
      {case_id}, [](const SqlRow& row) { return std::pair(row.String(0), row.String(1)); });
}

Result<CaseRecord> Cases::FindByReference(const std::string& reference) {
  return QueryOne<CaseRecord>(session_, CaseSelect() + "WHERE c.reference = ?",
                              {std::string_view{reference}}, ReadCase, "Case");
}

Result<CaseRecord> Cases::FindById(std::int64_t id) {
  return QueryOne<CaseRecord>(session_, CaseSelect() + "WHERE c.id = ?", {id}, ReadCase, "Case");
}

Result<std::vector<CaseRecord>> Cases::List(const CaseFilter& filter) {
  Where where;
  if (!filter.references.empty()) {
    where.In("c.reference", filter.references);
  }
  if (!filter.service_codes.empty()) {
    where.In("s.code", filter.service_codes);
  }
  std::vector<std::string> statuses;
  for (const CaseStatus status : filter.statuses) {
    statuses.emplace_back(CaseStatusName(status));
  }
  // A service's open cases (Open311 status=open) are read newest first from the index
  // service_case_open_newest (migration 0026), whose predicate is written here word for word;
  // "+" keeps SQLite from preferring (service_id, created_at) and sorting the whole window.
  const bool open_of_services = !filter.service_codes.empty() && OpenStatusesOnly(filter.statuses);
  if (open_of_services) {
    where.Add("c.status NOT IN ('resolved', 'closed')");
  } else if (!statuses.empty()) {
    where.In("c.status", statuses);
  }
  const char* created_at = open_of_services ? "+c.created_at" : "c.created_at";
  if (filter.created_from) {
    where.Compare(created_at, ">=", ToUnixMicros(*filter.created_from));
  }
  if (filter.created_to) {
    where.Compare(created_at, "<=", ToUnixMicros(*filter.created_to));
  }
  if (filter.updated_from) {
    where.Compare("c.updated_at", ">=", ToUnixMicros(*filter.updated_from));
  }
  if (filter.team_id) {
    where.Compare("c.team_id", "=", *filter.team_id);
  }
  if (filter.assignee_id) {
    where.Compare("c.assignee_id", "=", *filter.assignee_id);
  }
  if (filter.customer_id) {
    where.Compare("c.customer_id", "=", *filter.customer_id);
  }
  const bool newest_first = filter.order == CaseOrder::kNewestFirst;
  if (filter.after_id) {
    where.Compare("c.id", newest_first ? "<" : ">", *filter.after_id);
  }
  // Ids grow with creation time, so ordering by id is ordering by creation and pages by
  // id never skip or repeat a case.
  const std::string sql = CaseSelect() + where.sql() + " ORDER BY c.id " +
                          (newest_first ? "DESC" : "ASC") + " LIMIT " +
                          std::to_string(std::max(filter.limit, 0));
  std::vector<CaseRecord> cases;
  const auto& params = where.params();
  auto done =
      session_.Query(sql, params, [&](const SqlRow& row) { cases.push_back(ReadCase(row)); });
  if (!done) {
    return done.error();
  }
  return cases;
}

Result<std::vector<NearbyCase>> Cases::OpenInBox(std::int64_t service_id, const BoundingBox& box,
                                                 int limit) {
  // The index service_case_open_place (migration 0019) files open cases by service, band of
  // latitude (kPlaceBandsPerDegree), longitude and latitude, so that the box is read as a few
  // short ranges of longitude, one per band, however many cases share its latitude. Its
  // expression and its status test are repeated here word for word, or the planner cannot use
  // it. Bands are numbered as the database does: the same double truncated toward zero.
  const auto band = [](double lat) {
    return static_cast<std::int64_t>(std::trunc(lat * kPlaceBandsPerDegree));
  };
  const std::int64_t first_band = band(box.min_lat);
  const std::int64_t last_band = band(box.max_lat);
  // The cases are picked inside the index, which holds every column the choice needs, and
  // only the chosen ones are read: a busy spot may hold hundreds of open cases.
  // SQLite is told which index to use: service_case_open_newest (migration 0026) also files
  // a service's open cases, by id, and answers the ORDER BY without a sort, so the planner
  // took it and read every open case of the service, newest first, to find the few in the
  // box (five times the CPU per create once a service had 16,000 open cases).
  std::string sql =
      "SELECT c.id, c.reference, c.status, c.lat, c.lon, c.created_at, c.description "
      "FROM service_case c WHERE c.id IN (SELECT i.id FROM service_case i ";
  if (session_.dialect() == Dialect::kSqlite) {
    sql += "INDEXED BY service_case_open_place ";
  }
  sql +=
      "WHERE i.service_id = ? AND i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ? "
      "AND i.status NOT IN ('resolved', 'closed') ";
  std::vector<SqlParam> params{service_id, box.min_lat, box.max_lat, box.min_lon, box.max_lon};
  // A box taller than the placeholders (only near a pole) reads the service's open cases.
  if (last_band - first_band < kPlaceBandsPerQuery) {
    sql += session_.dialect() == Dialect::kPostgres ? "AND trunc(i.lat * 1000) IN ("
                                                    : "AND CAST(i.lat * 1000 AS INTEGER) IN (";
    for (std::int64_t i = 0; i < kPlaceBandsPerQuery; ++i) {
      sql += i == 0 ? "?" : ", ?";
      params.emplace_back(std::min(first_band + i, last_band));  // padded with the last band
    }
    sql += ") ";
  }
  sql += "ORDER BY i.id DESC LIMIT ?) ORDER BY c.id DESC";
  params.emplace_back(std::int64_t{std::max(limit, 0)});
  return QueryAll<NearbyCase>(session_, sql, params, [](const SqlRow& row) {
    NearbyCase c;
    c.id = row.Int(0);
    c.reference = row.String(1);
    if (auto status = ParseCaseStatus(row.Text(2))) {
      c.status = *status;
    }
    c.location = GeoPoint{row.Double(3), row.Double(4)};
    c.created_at = FromUnixMicros(row.Int(5));
    c.description = row.String(6);
    return c;
  });
}

Result<void> Cases::UpdateState(const CaseRecord& c) {
  const std::string status(CaseStatusName(c.status));
  auto changed = session_.Exec(
      "UPDATE service_case SET status = ?, status_notes = ?, updated_at = ?, closed_at = ? "
      "WHERE id = ?",
      {std::string_view{status}, OptionalText(c.status_notes), ToUnixMicros(c.updated_at),
       OptionalInstantParam(c.closed_at), c.id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Case not found");
  }
  return {};
}

Result<void> Cases::UpdateAssignment(const CaseRecord& c) {
  auto changed = session_.Exec(
      "UPDATE service_case SET team_id = ?, assignee_id = ?, priority = ?, updated_at = ? "
      "WHERE id = ?",
      {OptionalInt(c.team_id), OptionalInt(c.assignee_id), std::string_view{c.priority},
       ToUnixMicros(c.updated_at), c.id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Case not found");
  }
  return {};
}

Result<std::int64_t> Cases::AppendEvent(const CaseEventRecord& e) {
  return session_.InsertReturningId(
      "INSERT INTO case_event (case_id, at, kind, actor, is_public, status, body, data, "
      "external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.case_id, ToUnixMicros(e.at), std::string_view{e.kind}, std::string_view{e.actor},
       std::int64_t{e.is_public ? 1 : 0}, OptionalText(e.status), OptionalText(e.body),
       OptionalText(e.data), OptionalText(e.external_id)});
}

Result<void> Cases::AppendEvents(std::span<const CaseEventRecord> events) {
  return InsertRows(session_,
                    "INSERT INTO case_event (case_id, at, kind, actor, is_public, status, body, "
                    "data, external_id) VALUES ",
                    9, events, [](const CaseEventRecord& e, std::vector<SqlParam>& params) {
                      params.insert(params.end(),
                                    {e.case_id, ToUnixMicros(e.at), std::string_view{e.kind},
                                     std::string_view{e.actor}, std::int64_t{e.is_public ? 1 : 0},
                                     OptionalText(e.status), OptionalText(e.body),
                                     OptionalText(e.data), OptionalText(e.external_id)});
                    });
}

Result<std::vector<CaseEventRecord>> Cases::Events(std::int64_t case_id) {
  return QueryAll<CaseEventRecord>(session_,
                                   std::string(kEventSelect) + "WHERE e.case_id = ? ORDER BY e.id",
                                   {case_id}, ReadEvent);
}

Result<std::optional<CaseEventRecord>> Cases::FindEventByExternalId(
    std::int64_t case_id, const std::string& external_id) {
  auto events = QueryAll<CaseEventRecord>(
      session_, std::string(kEventSelect) + "WHERE e.case_id = ? AND e.external_id = ?",
      {case_id, std::string_view{external_id}}, ReadEvent);
  if (!events) {
    return events.error();
  }
  if (events->empty()) {
    return std::optional<CaseEventRecord>();
  }
  return std::optional<CaseEventRecord>(std::move(events->front()));
}

Result<std::vector<CaseEventRecord>> Cases::PublicEvents(Instant from, Instant to, int limit) {
  return QueryAll<CaseEventRecord>(
      session_,
      std::string(kEventSelect) +
          "WHERE e.is_public = 1 AND e.at >= ? AND e.at <= ? ORDER BY e.at, e.id LIMIT " +
          std::to_string(std::max(limit, 0)),
      {ToUnixMicros(from), ToUnixMicros(to)}, ReadEvent);
}

Result<void> Cases::InsertLink(const CaseLinkRecord& link) {
  auto done = session_.Exec(
      "INSERT INTO case_link (case_id, other_case_id, kind, created_at) VALUES (?, ?, ?, ?)",
      {link.case_id, link.other_case_id, std::string_view{link.kind},
       ToUnixMicros(link.created_at)});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<std::vector<CaseLinkRecord>> Cases::Links(std::int64_t case_id) {
  // A link is stored once, from the case that was linked; seen from the other side,
  // "duplicate_of" reads as "duplicated_by".
  return QueryAll<CaseLinkRecord>(
      session_,
      "SELECT l.case_id, l.other_case_id, l.kind, l.created_at, o.reference FROM case_link l "
      "JOIN service_case o ON o.id = l.other_case_id WHERE l.case_id = ? "
      "UNION ALL "
      "SELECT l.other_case_id, l.case_id, CASE l.kind WHEN 'duplicate_of' THEN 'duplicated_by' "
      "ELSE l.kind END, l.created_at, o.reference FROM case_link l "
      "JOIN service_case o ON o.id = l.case_id WHERE l.other_case_id = ? ORDER BY 4",
      {case_id, case_id}, [](const SqlRow& row) {
        return CaseLinkRecord{row.Int(0), row.Int(1), row.String(2), FromUnixMicros(row.Int(3)),
                              row.String(4)};
      });
}

}  // namespace frontdoor::store
