#include "frontdoor/app/demo_catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "frontdoor/store/catalogue.hpp"

namespace frontdoor::app {
namespace {

struct DemoDepartment {
  const char* code;
  const char* name;
};

// Belfast's departments with most customer contact (DOMAIN.md (h)).
constexpr std::array<DemoDepartment, 5> kDepartments{{
    {"CNS", "City and Neighbourhood Services"},
    {"PE", "Place and Economy"},
    {"RF", "Resources and Fleet"},
    {"LCS", "Legal and Civic Services"},
    {"FR", "Finance and Resources"},
}};

struct DemoTeam {
  const char* code;
  const char* name;
  const char* department;
  const char* email;
};

constexpr std::array<DemoTeam, 19> kTeams{{
    {"cleansing-north", "Street Cleansing North", "CNS", "cleansing.north@frontdoor.example"},
    {"cleansing-south", "Street Cleansing South", "CNS", "cleansing.south@frontdoor.example"},
    {"cleansing-east", "Street Cleansing East", "CNS", "cleansing.east@frontdoor.example"},
    {"cleansing-west", "Street Cleansing West", "CNS", "cleansing.west@frontdoor.example"},
    {"waste-collections", "Waste Collections", "RF", "waste@frontdoor.example"},
    {"bulky-waste", "Bulky Waste", "RF", "bulky@frontdoor.example"},
    {"dog-wardens", "Dog Wardens", "CNS", "dogwardens@frontdoor.example"},
    {"eh-noise", "Environmental Health: Noise", "CNS", "noise@frontdoor.example"},
    {"eh-pest", "Environmental Health: Pest Control", "CNS", "pests@frontdoor.example"},
    {"eh-food", "Environmental Health: Food Safety", "CNS", "food@frontdoor.example"},
    {"enforcement", "Environmental Enforcement", "CNS", "enforcement@frontdoor.example"},
    {"parks", "Parks and Open Spaces", "CNS", "parks@frontdoor.example"},
    {"cemeteries", "Bereavement Services", "CNS", "cemeteries@frontdoor.example"},
    {"building-control", "Building Control", "PE", "buildingcontrol@frontdoor.example"},
    {"licensing", "Licensing", "PE", "licensing@frontdoor.example"},
    {"car-parks", "Off-street Car Parks", "PE", "carparks@frontdoor.example"},
    {"registration", "Registration Services", "LCS", "registration@frontdoor.example"},
    {"customer-hub", "Customer Hub", "FR", "hub@frontdoor.example"},
    {"complaints", "Complaints and Customer Focus", "FR", "complaints@frontdoor.example"},
}};

constexpr std::array<std::string_view, 7> kCleansingServices{
    "fly-tipping",     "graffiti",    "fly-posting", "litter-bin",
    "street-cleaning", "drug-litter", "dog-fouling"};

// Runs a create; a code already taken (kConflict) means an earlier seed made it.
template <class Created>
Result<bool> CreateUnlessPresent(Created created) {
  if (created) {
    return true;
  }
  if (created.error().code() == ErrorCode::kConflict) {
    return false;
  }
  return created.error();
}

std::string WardCode(std::string_view name) {
  std::string code;
  for (const char c : name) {
    if (c == ' ') {
      code += '-';
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return code;
}

using RuleKey = std::tuple<std::string, std::string, std::string>;  // service, ward, team

// The (service code, ward, team code) of every routing rule, so that a second seed writes
// nothing it already has (each write waits for a durable commit).
Result<std::set<RuleKey>> ExistingRules(store::Store& store) {
  return store::ReadValue<std::set<RuleKey>>(
      store, [](store::ReadTx& tx) -> Result<std::set<RuleKey>> {
        store::Catalogue catalogue(tx);
        auto services = catalogue.ListServices(true);
        if (!services) {
          return services.error();
        }
        auto teams = catalogue.ListTeams();
        if (!teams) {
          return teams.error();
        }
        auto rules = catalogue.ListRoutingRules();
        if (!rules) {
          return rules.error();
        }
        std::map<std::int64_t, std::string> service_codes;
        for (const auto& s : *services) {
          service_codes[s.id] = s.code;
        }
        std::map<std::int64_t, std::string> team_codes;
        for (const auto& t : *teams) {
          team_codes[t.id] = t.code;
        }
        std::set<RuleKey> keys;
        for (const auto& r : *rules) {
          if (r.service_id && r.ward) {
            keys.emplace(service_codes[*r.service_id], *r.ward, team_codes[r.team_id]);
          }
        }
        return keys;
      });
}

}  // namespace

std::span<const std::string_view> CleansingServiceCodes() {
  return kCleansingServices;
}

Result<DemoCatalogueTotals> SeedDemoCatalogue(store::Store& store, const Clock& clock) {
  DemoCatalogueTotals totals;
  for (const DemoDepartment& d : kDepartments) {
    auto made = CreateUnlessPresent(usecase::CreateDepartment(store, d.code, d.name));
    if (!made) {
      return made.error();
    }
    totals.departments += *made ? 1 : 0;
  }
  for (const DemoTeam& t : kTeams) {
    const usecase::NewTeam team{t.code, t.name, t.department, std::string(t.email)};
    auto made = CreateUnlessPresent(usecase::CreateTeam(store, team));
    if (!made) {
      return made.error();
    }
    totals.teams += *made ? 1 : 0;
  }
  for (const DemoService& s : DemoServices()) {
    auto made = CreateUnlessPresent(usecase::CreateService(store, clock, s.input));
    if (!made) {
      return made.error();
    }
    totals.services += *made ? 1 : 0;
  }
  auto wards = usecase::ListWards(store);
  if (!wards) {
    return wards.error();
  }
  for (std::size_t i = 0; i < BelfastWards().size(); ++i) {
    const std::string code = WardCode(BelfastWards()[i].name);
    const bool present = std::any_of(wards->begin(), wards->end(),
                                     [&](const store::WardRecord& w) { return w.code == code; });
    if (present) {
      continue;
    }
    const usecase::WardInput ward{code,
                                  std::string(BelfastWards()[i].name),
                                  std::string(BelfastWards()[i].dea),
                                  {DemoWardBoundary(i)}};
    if (auto set = usecase::SetWard(store, ward); !set) {
      return set.error();
    }
    ++totals.wards;
  }
  auto existing = ExistingRules(store);
  if (!existing) {
    return existing.error();
  }
  // Street cleansing is organised in four areas; a report goes to the area's crew.
  for (const std::string_view code : kCleansingServices) {
    for (const DemoWard& ward : BelfastWards()) {
      const usecase::RoutingRuleInput rule{std::string(code), std::string(ward.name),
                                           "cleansing-" + std::string(ward.cleansing_area)};
      if (existing->contains({*rule.service_code, *rule.ward, rule.team_code})) {
        continue;
      }
      if (auto set = usecase::SetRoutingRule(store, rule); !set) {
        return set.error();
      }
      ++totals.routing_rules;
    }
  }
  return totals;
}

}  // namespace frontdoor::app
