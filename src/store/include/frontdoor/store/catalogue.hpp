// Repositories for the service catalogue: departments, teams, services (with their Open311
// forms) and routing rules. Plain records in, plain records out; validation is the use
// case's job, constraints here only guard integrity (unique codes, existing references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/area.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct DepartmentRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
};

struct TeamRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::int64_t department_id = 0;
  std::optional<std::string> email;
  std::string department_name;  // read only
};

struct ServiceRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
  std::string keywords;  // comma-separated, as Open311 shows them
  std::string group;
  std::optional<std::int64_t> department_id;
  std::optional<std::int64_t> default_team_id;
  std::string case_type;                // a CaseTypeName
  std::vector<std::string> channels;    // ChannelNames
  std::optional<std::string> signpost;  // set: another body's service; what to tell people
  std::vector<Attribute> form;
  std::optional<std::string> resolve_standard;  // charter standard code for the due date
  std::optional<std::string> service_notice;
  bool active = true;
  Instant created_at;
  Instant updated_at;
  // Read only, joined for display.
  std::string department_name;
  std::string default_team_name;
};

struct RoutingRuleRecord {
  std::int64_t id = 0;
  std::optional<std::int64_t> service_id;  // nullopt: any service
  std::optional<std::string> ward;         // nullopt: anywhere
  std::int64_t team_id = 0;
};

struct WardRecord {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<std::string> area_name;  // e.g. the District Electoral Area
  Area boundary;
};

class Catalogue {
 public:
  explicit Catalogue(ReadTx& tx) : session_(tx.session()) {}

  // kConflict when the code is taken.
  Result<DepartmentRecord> InsertDepartment(const std::string& code, const std::string& name);
  Result<DepartmentRecord> FindDepartment(const std::string& code);  // kNotFound
  Result<std::vector<DepartmentRecord>> ListDepartments();

  // kConflict when the code is taken.
  Result<TeamRecord> InsertTeam(const TeamRecord& team);
  Result<TeamRecord> FindTeam(const std::string& code);  // kNotFound
  Result<TeamRecord> FindTeamById(std::int64_t id);      // kNotFound
  Result<std::vector<TeamRecord>> ListTeams();

  // kConflict when the code is taken. Returns the stored record (with its id).
  Result<ServiceRecord> InsertService(const ServiceRecord& service);
  // Replaces every field but id, code and created_at; kNotFound when the id is unknown.
  Result<ServiceRecord> UpdateService(const ServiceRecord& service);
  Result<ServiceRecord> FindService(const std::string& code);  // kNotFound
  Result<ServiceRecord> FindServiceById(std::int64_t id);      // kNotFound
  // Ordered by group, then name.
  Result<std::vector<ServiceRecord>> ListServices(bool include_inactive);
  // The latest updated_at of any service; nullopt for an empty catalogue.
  Result<std::optional<Instant>> LastChange();
  // A number that changes with every change to departments, teams, services, routing rules
  // or wards, by any node (migration 0018).
  Result<std::int64_t> Version();

  // Adds or replaces the rule for (service, ward).
  Result<RoutingRuleRecord> SetRoutingRule(const RoutingRuleRecord& rule);
  Result<std::vector<RoutingRuleRecord>> ListRoutingRules();
  Result<void> DeleteRoutingRule(std::int64_t id);  // kNotFound
  // The team of the most specific rule matching: service and ward, then service, then ward,
  // then the catch-all; nullopt when none matches.
  Result<std::optional<std::int64_t>> RouteTeam(std::int64_t service_id,
                                                const std::optional<std::string>& ward);

  // Adds the ward or replaces the one with the same code.
  Result<WardRecord> SetWard(const WardRecord& ward);
  // Ordered by name.
  Result<std::vector<WardRecord>> ListWards();
  // The wards whose boundary holds the point (normally one).
  Result<std::vector<WardRecord>> WardsAt(GeoPoint point);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
