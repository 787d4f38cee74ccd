// The catalogue's list reads, so that handlers ask a use case rather than a repository, and
// the removal of a routing rule.
#include <utility>

#include "frontdoor/usecase/catalogue.hpp"

namespace frontdoor::usecase {

Result<std::vector<store::DepartmentRecord>> ListDepartments(store::Store& store) {
  return store::ReadValue<std::vector<store::DepartmentRecord>>(
      store, [](store::ReadTx& tx) { return store::Catalogue(tx).ListDepartments(); });
}

Result<std::vector<store::TeamRecord>> ListTeams(store::Store& store) {
  return store::ReadValue<std::vector<store::TeamRecord>>(
      store, [](store::ReadTx& tx) { return store::Catalogue(tx).ListTeams(); });
}

Result<std::vector<store::RoutingRuleRecord>> ListRoutingRules(store::Store& store) {
  return store::ReadValue<std::vector<store::RoutingRuleRecord>>(
      store, [](store::ReadTx& tx) { return store::Catalogue(tx).ListRoutingRules(); });
}

Result<CatalogueListing> ReadCatalogueListing(store::Store& store, bool with_services) {
  return store::ReadValue<CatalogueListing>(store,
                                            [&](store::ReadTx& tx) -> Result<CatalogueListing> {
                                              store::Catalogue catalogue(tx);
                                              CatalogueListing listing;
                                              auto departments = catalogue.ListDepartments();
                                              if (!departments) {
                                                return departments.error();
                                              }
                                              listing.departments = std::move(*departments);
                                              auto teams = catalogue.ListTeams();
                                              if (!teams) {
                                                return teams.error();
                                              }
                                              listing.teams = std::move(*teams);
                                              if (with_services) {
                                                auto services = catalogue.ListServices(true);
                                                if (!services) {
                                                  return services.error();
                                                }
                                                listing.services = std::move(*services);
                                              }
                                              return listing;
                                            });
}

Result<void> DeleteRoutingRule(store::Store& store, const access::Principal& caller,
                               std::int64_t rule_id) {
  // The route table checks this too; the desktop and any future caller get the same answer.
  if (!access::Allows(caller, access::Action::kManageCatalogue)) {
    return Error(ErrorCode::kForbidden, "Only an administrator may change routing");
  }
  return store.Write(
      [&](store::WriteTx& tx) { return store::Catalogue(tx).DeleteRoutingRule(rule_id); });
}

}  // namespace frontdoor::usecase
