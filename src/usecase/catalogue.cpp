#include "frontdoor/usecase/catalogue.hpp"

#include <algorithm>
#include <utility>

#include "frontdoor/core/area.hpp"
#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/contact.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/catalogue_cache.hpp"

namespace frontdoor::usecase {
namespace {

// A conflict or missing row reads better with the code the administrator typed.
Error Explain(const Error& error, const std::string& what, const std::string& code) {
  if (error.code() == ErrorCode::kConflict) {
    return {ErrorCode::kConflict, what + " '" + code + "' already exists"};
  }
  if (error.code() == ErrorCode::kNotFound) {
    return Error::NotFound(what + " '" + code + "' not found");
  }
  return error;
}

void CheckName(const std::string& name, const char* field, std::size_t max,
               std::vector<FieldError>& errors) {
  if (!IsValidUtf8(name)) {
    errors.push_back({field, "Enter text without invalid characters"});
  } else if (Trim(name).empty() || CountCodePoints(name) > max) {
    errors.push_back({field, "Enter 1 to " + std::to_string(max) + " characters"});
  }
}

void CheckCode(const std::string& code, const char* field, std::vector<FieldError>& errors) {
  if (auto checked = CheckServiceCode(code, field); !checked) {
    errors.push_back(checked.error().field_errors().front());
  }
}

void Append(std::vector<FieldError>& errors, const Error& error) {
  for (const FieldError& field : error.field_errors()) {
    errors.push_back(field);
  }
}

// Turns the codes an administrator writes into the ids the store keeps, checking each.
Result<store::ServiceRecord> ToRecord(store::ReadTx& tx, const ServiceInput& input) {
  std::vector<FieldError> errors;
  CheckCode(input.code, "code", errors);
  CheckName(input.name, "name", 200, errors);
  for (const auto& [text, field, max] :
       {std::tuple{&input.description, "description", std::size_t{4000}},
        std::tuple{&input.keywords, "keywords", std::size_t{1000}},
        std::tuple{&input.group, "group", std::size_t{200}}}) {
    if (!IsValidUtf8(*text) || CountCodePoints(*text) > max) {
      errors.push_back({field, "Enter at most " + std::to_string(max) + " characters"});
    }
  }
  if (auto type = ParseCaseType(input.case_type); !type) {
    Append(errors, type.error());
  }
  std::vector<std::string> channels = input.channels;
  if (channels.empty()) {
    for (const Channel channel : AllChannels()) {
      channels.emplace_back(ChannelName(channel));
    }
  }
  for (std::size_t i = 0; i < channels.size(); ++i) {
    if (!ParseChannel(channels[i])) {
      errors.push_back({"channels[" + std::to_string(i) + "]", "Choose a known channel"});
    }
  }
  if (input.signpost && (!IsValidUtf8(*input.signpost) || Trim(*input.signpost).empty())) {
    errors.push_back({"signpost", "Say where the customer should go instead"});
  }
  if (auto form = ValidateForm(input.form); !form) {
    Append(errors, form.error());
  }

  store::Catalogue catalogue(tx);
  store::ServiceRecord record;
  if (input.department_code) {
    auto department = catalogue.FindDepartment(*input.department_code);
    if (department) {
      record.department_id = department->id;
    } else if (department.error().code() == ErrorCode::kNotFound) {
      errors.push_back({"department_code", "No department has that code"});
    } else {
      return department.error();
    }
  }
  if (input.default_team_code) {
    auto team = catalogue.FindTeam(*input.default_team_code);
    if (team) {
      record.default_team_id = team->id;
    } else if (team.error().code() == ErrorCode::kNotFound) {
      errors.push_back({"default_team_code", "No team has that code"});
    } else {
      return team.error();
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  record.code = input.code;
  record.name = Trim(input.name);
  record.description = input.description;
  record.keywords = input.keywords;
  record.group = input.group;
  record.case_type = input.case_type;
  record.channels = std::move(channels);
  record.signpost = input.signpost;
  record.form = input.form;
  record.resolve_standard = input.resolve_standard;
  record.service_notice = input.service_notice;
  record.active = input.active;
  return record;
}

}  // namespace

Result<store::DepartmentRecord> CreateDepartment(store::Store& store, const std::string& code,
                                                 const std::string& name) {
  std::vector<FieldError> errors;
  CheckCode(code, "code", errors);
  CheckName(name, "name", 200, errors);
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto department = store::WriteValue<store::DepartmentRecord>(store, [&](store::WriteTx& tx) {
    return store::Catalogue(tx).InsertDepartment(code, Trim(name));
  });
  if (!department) {
    return Explain(department.error(), "Department", code);
  }
  return department;
}

Result<store::TeamRecord> CreateTeam(store::Store& store, const NewTeam& team) {
  std::vector<FieldError> errors;
  CheckCode(team.code, "code", errors);
  CheckName(team.name, "name", 200, errors);
  std::optional<std::string> email;
  if (team.email) {
    auto normalised = NormaliseEmail(*team.email);
    if (normalised) {
      email = *normalised;
    } else {
      Append(errors, normalised.error());
    }
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  auto created = store::WriteValue<store::TeamRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::TeamRecord> {
        store::Catalogue catalogue(tx);
        auto department = catalogue.FindDepartment(team.department_code);
        if (!department) {
          if (department.error().code() == ErrorCode::kNotFound) {
            return Error::Invalid("department_code", "No department has that code");
          }
          return department.error();
        }
        return catalogue.InsertTeam({0, team.code, Trim(team.name), department->id, email, {}});
      });
  if (!created) {
    return Explain(created.error(), "Team", team.code);
  }
  return created;
}

Result<store::ServiceRecord> CreateService(store::Store& store, const Clock& clock,
                                           const ServiceInput& input) {
  auto created = store::WriteValue<store::ServiceRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::ServiceRecord> {
        auto record = ToRecord(tx, input);
        if (!record) {
          return record.error();
        }
        record->created_at = record->updated_at = clock.Now();
        return store::Catalogue(tx).InsertService(*record);
      });
  if (!created) {
    return Explain(created.error(), "Service", input.code);
  }
  return created;
}

Result<store::ServiceRecord> UpdateService(store::Store& store, const Clock& clock,
                                           const ServiceInput& input) {
  auto updated = store::WriteValue<store::ServiceRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::ServiceRecord> {
        auto existing = store::Catalogue(tx).FindService(input.code);
        if (!existing) {
          return existing.error();
        }
        auto record = ToRecord(tx, input);
        if (!record) {
          return record.error();
        }
        record->id = existing->id;
        record->created_at = existing->created_at;
        record->updated_at = clock.Now();
        return store::Catalogue(tx).UpdateService(*record);
      });
  if (!updated) {
    return Explain(updated.error(), "Service", input.code);
  }
  return updated;
}

Result<store::ServiceRecord> GetService(store::Store& store, const std::string& code) {
  auto service = store::ReadValue<store::ServiceRecord>(
      store, [&](store::ReadTx& tx) { return store::Catalogue(tx).FindService(code); });
  if (!service) {
    return Explain(service.error(), "Service", code);
  }
  return service;
}

Result<std::vector<store::ServiceRecord>> ListServices(store::Store& store, bool include_inactive) {
  return store::ReadValue<std::vector<store::ServiceRecord>>(store, [&](store::ReadTx& tx) {
    return store::Catalogue(tx).ListServices(include_inactive);
  });
}

Result<store::RoutingRuleRecord> SetRoutingRule(store::Store& store, const RoutingRuleInput& rule) {
  if (rule.ward && (Trim(*rule.ward).empty() || !IsValidUtf8(*rule.ward))) {
    return Error::Invalid("ward", "Enter a ward name, or leave it out for anywhere");
  }
  return store::WriteValue<store::RoutingRuleRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::RoutingRuleRecord> {
        store::Catalogue catalogue(tx);
        store::RoutingRuleRecord record;
        std::vector<FieldError> errors;
        if (rule.service_code) {
          auto service = catalogue.FindService(*rule.service_code);
          if (service) {
            record.service_id = service->id;
          } else if (service.error().code() == ErrorCode::kNotFound) {
            errors.push_back({"service_code", "No service has that code"});
          } else {
            return service.error();
          }
        }
        auto team = catalogue.FindTeam(rule.team_code);
        if (team) {
          record.team_id = team->id;
        } else if (team.error().code() == ErrorCode::kNotFound) {
          errors.push_back({"team_code", "No team has that code"});
        } else {
          return team.error();
        }
        if (!errors.empty()) {
          return Error::Invalid(std::move(errors));
        }
        if (rule.ward) {
          record.ward = Trim(*rule.ward);
        }
        return catalogue.SetRoutingRule(record);
      });
}

Result<store::WardRecord> SetWard(store::Store& store, const WardInput& ward) {
  std::vector<FieldError> errors;
  CheckCode(ward.code, "code", errors);
  CheckName(ward.name, "name", 200, errors);
  if (ward.area_name) {
    CheckName(*ward.area_name, "area_name", 200, errors);
  }
  auto area = MakeArea(ward.boundary);
  if (!area) {
    Append(errors, area.error());
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  store::WardRecord record{0, ward.code, Trim(ward.name), ward.area_name, std::move(*area)};
  return store::WriteValue<store::WardRecord>(
      store, [&](store::WriteTx& tx) { return store::Catalogue(tx).SetWard(record); });
}

Result<std::vector<store::WardRecord>> ListWards(store::Store& store) {
  return store::ReadValue<std::vector<store::WardRecord>>(
      store, [](store::ReadTx& tx) { return store::Catalogue(tx).ListWards(); });
}

CatalogueSnapshot::CatalogueSnapshot(std::int64_t version,
                                     std::vector<store::ServiceRecord> services,
                                     std::vector<store::WardRecord> wards,
                                     std::vector<store::RoutingRuleRecord> rules,
                                     const std::vector<store::TeamRecord>& teams,
                                     std::vector<store::ApiKeyRecord> api_keys)
    : version_(version), wards_(std::move(wards)), rules_(std::move(rules)) {
  for (auto& key : api_keys) {
    std::string digest = key.key_digest;
    api_keys_.emplace(std::move(digest), std::move(key));
  }
  for (auto& service : services) {
    std::string code = service.code;
    services_.emplace(std::move(code), std::move(service));
  }
  std::sort(wards_.begin(), wards_.end(),
            [](const store::WardRecord& a, const store::WardRecord& b) { return a.id < b.id; });
  for (const auto& team : teams) {
    team_names_.emplace(team.id, team.name);
  }
}

const store::ServiceRecord* CatalogueSnapshot::Service(const std::string& code) const {
  const auto found = services_.find(code);
  return found == services_.end() ? nullptr : &found->second;
}

std::optional<std::string> CatalogueSnapshot::WardAt(GeoPoint point) const {
  for (const auto& ward : wards_) {
    if (Contains(ward.boundary, point)) {
      return ward.name;
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> CatalogueSnapshot::RouteTeam(
    std::int64_t service_id, const std::optional<std::string>& ward) const {
  const store::RoutingRuleRecord* best = nullptr;
  int best_score = -1;
  for (const auto& rule : rules_) {
    if ((rule.service_id && *rule.service_id != service_id) ||
        (rule.ward && (!ward || *rule.ward != *ward))) {
      continue;
    }
    const int score = (rule.service_id ? 2 : 0) + (rule.ward ? 1 : 0);
    if (score > best_score) {
      best = &rule;
      best_score = score;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return best->team_id;
}

const std::string* CatalogueSnapshot::TeamName(std::int64_t team_id) const {
  const auto found = team_names_.find(team_id);
  return found == team_names_.end() ? nullptr : &found->second;
}

const store::ApiKeyRecord* CatalogueSnapshot::ApiKey(std::string_view key_digest) const {
  const auto found = api_keys_.find(key_digest);
  return found == api_keys_.end() ? nullptr : &found->second;
}

std::shared_ptr<const CatalogueSnapshot> CatalogueCache::Held() {
  const std::scoped_lock lock(mutex_);
  return snapshot_;
}

Result<std::shared_ptr<const CatalogueSnapshot>> CatalogueCache::Current(store::ReadTx& tx) {
  store::Catalogue catalogue(tx);
  auto version = catalogue.Version();
  if (!version) {
    return version.error();
  }
  {
    const std::scoped_lock lock(mutex_);
    if (snapshot_ && snapshot_->version() == *version) {
      return snapshot_;
    }
  }
  // Read without the lock: two threads may both load a new version, and either result is right.
  auto services = catalogue.ListServices(true);
  if (!services) {
    return services.error();
  }
  auto wards = catalogue.ListWards();
  if (!wards) {
    return wards.error();
  }
  auto rules = catalogue.ListRoutingRules();
  if (!rules) {
    return rules.error();
  }
  auto teams = catalogue.ListTeams();
  if (!teams) {
    return teams.error();
  }
  auto keys = store::ApiKeys(tx).List();
  if (!keys) {
    return keys.error();
  }
  auto snapshot =
      std::make_shared<const CatalogueSnapshot>(*version, std::move(*services), std::move(*wards),
                                                std::move(*rules), *teams, std::move(*keys));
  const std::scoped_lock lock(mutex_);
  snapshot_ = snapshot;
  return snapshot;
}

}  // namespace frontdoor::usecase
