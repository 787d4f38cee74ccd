#include "frontdoor/store/catalogue.hpp"

#include <boost/json.hpp>

#include "query.hpp"

namespace frontdoor::store {
namespace {

namespace json = boost::json;

// The form is stored as one JSON document so that replacing a service's form is one
// write and reading a service is one row.
std::string FormToJson(const std::vector<Attribute>& form) {
  json::array out;
  out.reserve(form.size());
  for (const Attribute& a : form) {
    json::array values;
    for (const AttributeValue& v : a.values) {
      values.push_back(json::object{{"key", v.key}, {"name", v.name}});
    }
    out.push_back(json::object{{"code", a.code},
                               {"datatype", AttributeDatatypeName(a.datatype)},
                               {"variable", a.variable},
                               {"required", a.required},
                               {"description", a.description},
                               {"datatype_description", a.datatype_description},
                               {"order", a.order},
                               {"values", std::move(values)}});
  }
  return json::serialize(out);
}

std::string StringField(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

// Only our own writes reach this column, so a damaged document is a bug, not input.
Result<std::vector<Attribute>> FormFromJson(std::string_view text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) {
    return Error::Internal("stored service form is not a JSON array");
  }
  std::vector<Attribute> form;
  for (const json::value& item : parsed.get_array()) {
    if (!item.is_object()) {
      return Error::Internal("stored service form has a non-object attribute");
    }
    const json::object& object = item.get_object();
    Attribute attribute;
    attribute.code = StringField(object, "code");
    auto datatype = ParseAttributeDatatype(StringField(object, "datatype"));
    if (!datatype) {
      return Error::Internal("stored service form has an unknown datatype");
    }
    attribute.datatype = *datatype;
    const auto* variable = object.if_contains("variable");
    attribute.variable = variable == nullptr || !variable->is_bool() || variable->get_bool();
    const auto* required = object.if_contains("required");
    attribute.required = required != nullptr && required->is_bool() && required->get_bool();
    attribute.description = StringField(object, "description");
    attribute.datatype_description = StringField(object, "datatype_description");
    const auto* order = object.if_contains("order");
    attribute.order =
        order != nullptr && order->is_int64() ? static_cast<int>(order->get_int64()) : 0;
    if (const auto* values = object.if_contains("values"); values && values->is_array()) {
      for (const json::value& v : values->get_array()) {
        if (v.is_object()) {
          attribute.values.push_back(
              {StringField(v.get_object(), "key"), StringField(v.get_object(), "name")});
        }
      }
    }
    form.push_back(std::move(attribute));
  }
  return form;
}

std::string JoinChannels(const std::vector<std::string>& channels) {
  std::string joined;
  for (const std::string& channel : channels) {
    joined += joined.empty() ? "" : ",";
    joined += channel;
  }
  return joined;
}

std::vector<std::string> SplitChannels(std::string_view text) {
  std::vector<std::string> channels;
  while (!text.empty()) {
    const auto comma = text.find(',');
    channels.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return channels;
}

DepartmentRecord ReadDepartment(const SqlRow& row) {
  return {row.Int(0), row.String(1), row.String(2)};
}

constexpr std::string_view kTeamSelect =
    "SELECT t.id, t.code, t.name, t.department_id, t.email, d.name FROM team t "
    "JOIN department d ON d.id = t.department_id ";

TeamRecord ReadTeam(const SqlRow& row) {
  TeamRecord team;
  team.id = row.Int(0);
  team.code = row.String(1);
  team.name = row.String(2);
  team.department_id = row.Int(3);
  team.email = row.OptionalString(4);
  team.department_name = row.String(5);
  return team;
}

constexpr std::string_view kServiceSelect =
    "SELECT s.id, s.code, s.name, s.description, s.keywords, s.group_name, s.department_id, "
    "s.default_team_id, s.case_type, s.channels, s.signpost, s.form, s.resolve_standard, "
    "s.service_notice, s.active, s.created_at, s.updated_at, d.name, t.name "
    "FROM service s LEFT JOIN department d ON d.id = s.department_id "
    "LEFT JOIN team t ON t.id = s.default_team_id ";

// Reading the form can fail, so rows are collected as results.
Result<ServiceRecord> ReadService(const SqlRow& row) {
  ServiceRecord service;
  service.id = row.Int(0);
  service.code = row.String(1);
  service.name = row.String(2);
  service.description = row.String(3);
  service.keywords = row.String(4);
  service.group = row.String(5);
  service.department_id = row.OptionalInt(6);
  service.default_team_id = row.OptionalInt(7);
  service.case_type = row.String(8);
  service.channels = SplitChannels(row.Text(9));
  service.signpost = row.OptionalString(10);
  auto form = FormFromJson(row.Text(11));
  if (!form) {
    return form.error();
  }
  service.form = std::move(*form);
  service.resolve_standard = row.OptionalString(12);
  service.service_notice = row.OptionalString(13);
  service.active = row.Int(14) != 0;
  service.created_at = FromUnixMicros(row.Int(15));
  service.updated_at = FromUnixMicros(row.Int(16));
  service.department_name = row.IsNull(17) ? std::string() : row.String(17);
  service.default_team_name = row.IsNull(18) ? std::string() : row.String(18);
  return service;
}

Result<std::vector<ServiceRecord>> QueryServices(SqlSession& session, std::string_view sql,
                                                 SqlParams params) {
  auto rows = QueryAll<Result<ServiceRecord>>(session, sql, params, ReadService);
  if (!rows) {
    return rows.error();
  }
  std::vector<ServiceRecord> services;
  services.reserve(rows->size());
  for (auto& row : *rows) {
    if (!row) {
      return row.error();
    }
    services.push_back(std::move(*row));
  }
  return services;
}

Result<ServiceRecord> QueryService(SqlSession& session, std::string_view sql, SqlParams params) {
  auto services = QueryServices(session, sql, params);
  if (!services) {
    return services.error();
  }
  if (services->empty()) {
    return Error::NotFound("Service not found");
  }
  return std::move(services->front());
}

}  // namespace

Result<DepartmentRecord> Catalogue::InsertDepartment(const std::string& code,
                                                     const std::string& name) {
  return QueryOne<DepartmentRecord>(
      session_, "INSERT INTO department (code, name) VALUES (?, ?) RETURNING id, code, name",
      {std::string_view{code}, std::string_view{name}}, ReadDepartment, "Department");
}

Result<DepartmentRecord> Catalogue::FindDepartment(const std::string& code) {
  return QueryOne<DepartmentRecord>(session_,
                                    "SELECT id, code, name FROM department WHERE code = ?",
                                    {std::string_view{code}}, ReadDepartment, "Department");
}

Result<std::vector<DepartmentRecord>> Catalogue::ListDepartments() {
  return QueryAll<DepartmentRecord>(session_, "SELECT id, code, name FROM department ORDER BY name",
                                    {}, ReadDepartment);
}

Result<TeamRecord> Catalogue::InsertTeam(const TeamRecord& team) {
  auto id = QueryInt(session_,
                     "INSERT INTO team (code, name, department_id, email) VALUES (?, ?, ?, ?) "
                     "RETURNING id",
                     {std::string_view{team.code}, std::string_view{team.name}, team.department_id,
                      OptionalText(team.email)});
  if (!id) {
    return id.error();
  }
  return FindTeamById(*id);
}

Result<TeamRecord> Catalogue::FindTeam(const std::string& code) {
  return QueryOne<TeamRecord>(session_, std::string(kTeamSelect) + "WHERE t.code = ?",
                              {std::string_view{code}}, ReadTeam, "Team");
}

Result<TeamRecord> Catalogue::FindTeamById(std::int64_t id) {
  return QueryOne<TeamRecord>(session_, std::string(kTeamSelect) + "WHERE t.id = ?", {id}, ReadTeam,
                              "Team");
}

Result<std::vector<TeamRecord>> Catalogue::ListTeams() {
  return QueryAll<TeamRecord>(session_, std::string(kTeamSelect) + "ORDER BY t.name", {}, ReadTeam);
}

Result<ServiceRecord> Catalogue::InsertService(const ServiceRecord& s) {
  const std::string form = FormToJson(s.form);
  const std::string channels = JoinChannels(s.channels);
  auto id = QueryInt(
      session_,
      "INSERT INTO service (code, name, description, keywords, group_name, department_id, "
      "default_team_id, case_type, channels, signpost, form, resolve_standard, service_notice, "
      "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {std::string_view{s.code}, std::string_view{s.name}, std::string_view{s.description},
       std::string_view{s.keywords}, std::string_view{s.group}, OptionalInt(s.department_id),
       OptionalInt(s.default_team_id), std::string_view{s.case_type}, std::string_view{channels},
       OptionalText(s.signpost), std::string_view{form}, OptionalText(s.resolve_standard),
       OptionalText(s.service_notice), std::int64_t{s.active ? 1 : 0}, ToUnixMicros(s.created_at),
       ToUnixMicros(s.updated_at)});
  if (!id) {
    return id.error();
  }
  return FindServiceById(*id);
}

Result<ServiceRecord> Catalogue::UpdateService(const ServiceRecord& s) {
  const std::string form = FormToJson(s.form);
  const std::string channels = JoinChannels(s.channels);
  auto changed = session_.Exec(
      "UPDATE service SET name = ?, description = ?, keywords = ?, group_name = ?, "
      "department_id = ?, default_team_id = ?, case_type = ?, channels = ?, signpost = ?, "
      "form = ?, resolve_standard = ?, service_notice = ?, active = ?, updated_at = ? "
      "WHERE id = ?",
      {std::string_view{s.name}, std::string_view{s.description}, std::string_view{s.keywords},
       std::string_view{s.group}, OptionalInt(s.department_id), OptionalInt(s.default_team_id),
       std::string_view{s.case_type}, std::string_view{channels}, OptionalText(s.signpost),
       std::string_view{form}, OptionalText(s.resolve_standard), OptionalText(s.service_notice),
       std::int64_t{s.active ? 1 : 0}, ToUnixMicros(s.updated_at), s.id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Service not found");
  }
  return FindServiceById(s.id);
}

Result<ServiceRecord> Catalogue::FindService(const std::string& code) {
  return QueryService(session_, std::string(kServiceSelect) + "WHERE s.code = ?",
                      {std::string_view{code}});
}

Result<ServiceRecord> Catalogue::FindServiceById(std::int64_t id) {
  return QueryService(session_, std::string(kServiceSelect) + "WHERE s.id = ?", {id});
}

Result<std::vector<ServiceRecord>> Catalogue::ListServices(bool include_inactive) {
  return QueryServices(session_,
                       std::string(kServiceSelect) +
                           (include_inactive ? "" : "WHERE s.active = 1 ") +
                           "ORDER BY s.group_name, s.name",
                       {});
}

Result<std::optional<Instant>> Catalogue::LastChange() {
  std::optional<Instant> last;
  auto done = session_.Query("SELECT max(updated_at) FROM service", {}, [&](const SqlRow& row) {
    if (!row.IsNull(0)) {
      last = FromUnixMicros(row.Int(0));
    }
  });
  if (!done) {
    return done.error();
  }
  return last;
}

Result<std::int64_t> Catalogue::Version() {
  return QueryInt(session_, "SELECT version FROM catalogue_version WHERE id = 1", {});
}

namespace {

RoutingRuleRecord ReadRule(const SqlRow& row) {
  return {row.Int(0), row.OptionalInt(1), row.OptionalString(2), row.Int(3)};
}

}  // namespace

Result<RoutingRuleRecord> Catalogue::SetRoutingRule(const RoutingRuleRecord& rule) {
  // NULLs never conflict in a UNIQUE constraint, so replace by hand.
  auto removed = session_.Exec(
      "DELETE FROM routing_rule WHERE service_id IS NOT DISTINCT FROM ? "
      "AND ward IS NOT DISTINCT FROM ?",
      {OptionalInt(rule.service_id), OptionalText(rule.ward)});
  if (!removed) {
    return removed.error();
  }
  return QueryOne<RoutingRuleRecord>(
      session_,
      "INSERT INTO routing_rule (service_id, ward, team_id) VALUES (?, ?, ?) "
      "RETURNING id, service_id, ward, team_id",
      {OptionalInt(rule.service_id), OptionalText(rule.ward), rule.team_id}, ReadRule,
      "Routing rule");
}

Result<std::vector<RoutingRuleRecord>> Catalogue::ListRoutingRules() {
  return QueryAll<RoutingRuleRecord>(
      session_, "SELECT id, service_id, ward, team_id FROM routing_rule ORDER BY id", {}, ReadRule);
}

Result<void> Catalogue::DeleteRoutingRule(std::int64_t id) {
  auto removed = session_.Exec("DELETE FROM routing_rule WHERE id = ?", {id});
  if (!removed) {
    return removed.error();
  }
  if (*removed == 0) {
    return Error::NotFound("There is no routing rule with that id");
  }
  return {};
}

Result<std::optional<std::int64_t>> Catalogue::RouteTeam(std::int64_t service_id,
                                                         const std::optional<std::string>& ward) {
  std::optional<std::int64_t> team;
  // Specificity: a rule naming the service beats one naming the ward, which beats neither.
  auto done = session_.Query(
      "SELECT team_id FROM routing_rule "
      "WHERE (service_id = ? OR service_id IS NULL) AND (ward = ? OR ward IS NULL) "
      "ORDER BY (CASE WHEN service_id IS NULL THEN 0 ELSE 2 END) + "
      "(CASE WHEN ward IS NULL THEN 0 ELSE 1 END) DESC LIMIT 1",
      {service_id, OptionalText(ward)}, [&](const SqlRow& row) { team = row.Int(0); });
  if (!done) {
    return done.error();
  }
  return team;
}

namespace {

std::string AreaToJson(const Area& area) {
  json::array rings;
  for (const Polygon& polygon : area.parts) {
    json::array ring;
    ring.reserve(polygon.ring.size());
    for (const GeoPoint p : polygon.ring) {
      ring.push_back(json::array{p.lat, p.lon});
    }
    rings.push_back(std::move(ring));
  }
  return json::serialize(rings);
}

Result<Area> AreaFromJson(std::string_view text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) {
    return Error::Internal("stored ward boundary is not a JSON array");
  }
  std::vector<std::vector<GeoPoint>> rings;
  for (const json::value& ring : parsed.get_array()) {
    if (!ring.is_array()) {
      return Error::Internal("stored ward boundary has a bad ring");
    }
    std::vector<GeoPoint>& points = rings.emplace_back();
    for (const json::value& point : ring.get_array()) {
      const json::array* pair = point.if_array();
      if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_number() ||
          !(*pair)[1].is_number()) {
        return Error::Internal("stored ward boundary has a bad point");
      }
      points.push_back({(*pair)[0].to_number<double>(), (*pair)[1].to_number<double>()});
    }
  }
  auto area = MakeArea(rings);
  if (!area) {
    return Error::Internal("stored ward boundary is not a valid area");
  }
  return area;
}

constexpr std::string_view kWardSelect = "SELECT id, code, name, area_name, boundary FROM ward ";

Result<std::vector<WardRecord>> QueryWards(SqlSession& session, std::string_view sql,
                                           SqlParams params) {
  std::vector<WardRecord> wards;
  Result<void> failed = Result<void>();
  auto done = session.Query(sql, params, [&](const SqlRow& row) {
    auto boundary = AreaFromJson(row.Text(4));
    if (!boundary) {
      failed = boundary.error();
      return;
    }
    wards.push_back(
        {row.Int(0), row.String(1), row.String(2), row.OptionalString(3), std::move(*boundary)});
  });
  if (!done) {
    return done.error();
  }
  if (!failed) {
    return failed.error();
  }
  return wards;
}

}  // namespace

Result<WardRecord> Catalogue::SetWard(const WardRecord& ward) {
  const std::string boundary = AreaToJson(ward.boundary);
  const BoundingBox box = Bounds(ward.boundary);
  auto id = QueryInt(
      session_,
      "INSERT INTO ward (code, name, area_name, boundary, min_lat, max_lat, min_lon, max_lon) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
      "area_name = excluded.area_name, boundary = excluded.boundary, min_lat = excluded.min_lat, "
      "max_lat = excluded.max_lat, min_lon = excluded.min_lon, max_lon = excluded.max_lon "
      "RETURNING id",
      {std::string_view{ward.code}, std::string_view{ward.name}, OptionalText(ward.area_name),
       std::string_view{boundary}, box.min_lat, box.max_lat, box.min_lon, box.max_lon});
  if (!id) {
    return id.error();
  }
  WardRecord stored = ward;
  stored.id = *id;
  return stored;
}

Result<std::vector<WardRecord>> Catalogue::ListWards() {
  return QueryWards(session_, std::string(kWardSelect) + "ORDER BY name", {});
}

Result<std::vector<WardRecord>> Catalogue::WardsAt(GeoPoint point) {
  auto candidates = QueryWards(session_,
                               std::string(kWardSelect) +
                                   "WHERE min_lat <= ? AND max_lat >= ? AND min_lon <= ? AND "
                                   "max_lon >= ? ORDER BY id",
                               {point.lat, point.lat, point.lon, point.lon});
  if (!candidates) {
    return candidates.error();
  }
  std::erase_if(*candidates, [&](const WardRecord& w) { return !Contains(w.boundary, point); });
  return candidates;
}

}  // namespace frontdoor::store
