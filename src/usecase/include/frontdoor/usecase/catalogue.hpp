// Use cases for the service catalogue: departments, teams, services and their forms, and
// routing rules. Each validates its input (field errors name the JSON field), then writes
// through the store. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/core/service_form.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

// Fields "code" (1-32 of A-Z a-z 0-9 _ -), "name" (1-200 characters). kConflict if taken.
Result<store::DepartmentRecord> CreateDepartment(store::Store& store, const std::string& code,
                                                 const std::string& name);

// Ordered by name.
Result<std::vector<store::DepartmentRecord>> ListDepartments(store::Store& store);

struct NewTeam {
  std::string code;
  std::string name;
  std::string department_code;
  std::optional<std::string> email;
};
// Fields "code", "name", "department_code" (must exist), "email". kConflict if taken.
Result<store::TeamRecord> CreateTeam(store::Store& store, const NewTeam& team);
// Ordered by name.
Result<std::vector<store::TeamRecord>> ListTeams(store::Store& store);

// Departments, teams and (when asked for) every service including inactive ones, read in
// one unit of work so that the ids in records shown by code all resolve.
struct CatalogueListing {
  std::vector<store::DepartmentRecord> departments;
  std::vector<store::TeamRecord> teams;
  std::vector<store::ServiceRecord> services;  // empty unless asked for
};
Result<CatalogueListing> ReadCatalogueListing(store::Store& store, bool with_services);

// A service as an administrator writes it, by codes rather than ids.
struct ServiceInput {
  std::string code;
  std::string name;
  std::string description;
  std::string keywords;
  std::string group;
  std::optional<std::string> department_code;
  std::optional<std::string> default_team_code;
  std::string case_type = "request";
  std::vector<std::string> channels;  // empty: every channel
  std::optional<std::string> signpost;
  std::vector<Attribute> form;
  std::optional<std::string> resolve_standard;
  std::optional<std::string> service_notice;
  bool active = true;
};

// Validates every field together ("code", "name", "description", "case_type",
// "channels[i]", "department_code", "default_team_code", "attributes[i]...") and stores
// the service. kConflict when the code is taken.
Result<store::ServiceRecord> CreateService(store::Store& store, const Clock& clock,
                                           const ServiceInput& input);
// Replaces the service with input.code (kNotFound when there is none); same validation.
Result<store::ServiceRecord> UpdateService(store::Store& store, const Clock& clock,
                                           const ServiceInput& input);

Result<store::ServiceRecord> GetService(store::Store& store, const std::string& code);
Result<std::vector<store::ServiceRecord>> ListServices(store::Store& store, bool include_inactive);

struct RoutingRuleInput {
  std::optional<std::string> service_code;  // nullopt: any service
  std::optional<std::string> ward;          // nullopt: anywhere
  std::string team_code;
};
Result<store::RoutingRuleRecord> SetRoutingRule(store::Store& store, const RoutingRuleInput& rule);
// Ordered by id, the order they were set in.
Result<std::vector<store::RoutingRuleRecord>> ListRoutingRules(store::Store& store);
// Removes the rule: cases raised afterwards go where the remaining rules (or the service's
// default team) send them; cases already routed stay where they are. kForbidden unless the
// caller may manage the catalogue; kNotFound when no rule has that id.
Result<void> DeleteRoutingRule(store::Store& store, const access::Principal& caller,
                               std::int64_t rule_id);

struct WardInput {
  std::string code;
  std::string name;
  std::optional<std::string> area_name;
  std::vector<std::vector<GeoPoint>> boundary;  // rings of lat/long points
};
// Fields "code", "name", "area_name", "boundary". Adds or replaces the ward with that code;
// new cases inside it are put in it (and routed by its rules).
Result<store::WardRecord> SetWard(store::Store& store, const WardInput& ward);
Result<std::vector<store::WardRecord>> ListWards(store::Store& store);

}  // namespace frontdoor::usecase
