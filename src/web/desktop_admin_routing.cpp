// Removing a routing rule from the admin service page. Without JavaScript a removal must
// not happen on one click, so the "Remove" button opens a page that names the rule and asks
// to confirm; the confirmation posts (with the CSRF token) to the same address.
#include <algorithm>
#include <string>

#include "frontdoor/usecase/catalogue.hpp"

#include "desktop.hpp"
#include "portal.hpp"
#include "render.hpp"

namespace frontdoor::web {

http::Response Desktop::RemoveRoutingRule(const http::Request& request) const {
  PageContext page = site.Begin(request);
  auto admitted = Admit(request, page, access::Action::kManageCatalogue);
  if (auto* response = std::get_if<http::Response>(&admitted)) {
    return std::move(*response);
  }
  const auto id = PathId(request);
  if (!id) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  auto service = usecase::GetService(cases.store, std::string(request.PathParam("code")));
  auto rules = usecase::ListRoutingRules(cases.store);
  if (!service || !rules) {
    return FailurePage(site, page, !service ? service.error() : rules.error());
  }
  // The rule must be one of this service's: the page names the service it came from.
  const auto rule = std::find_if(rules->begin(), rules->end(), [&](const auto& r) {
    return r.id == *id && r.service_id == service->id;
  });
  if (rule == rules->end()) {
    return ErrorPage(site, page, ErrorPageKind::kNotFound);
  }
  const std::string service_url = "/staff/admin/services/" + service->code;
  if (request.method == http::Method::kPost) {
    const auto& who = std::get<Admitted>(admitted).who;
    if (auto removed = usecase::DeleteRoutingRule(cases.store, who, rule->id); !removed) {
      return FailurePage(site, page, removed.error());
    }
    return SeeOther(page, service_url + "?done=1");
  }
  auto teams = usecase::ListTeams(cases.store);
  if (!teams) {
    return FailurePage(site, page, teams.error());
  }
  std::string team;
  for (const auto& t : *teams) {
    if (t.id == rule->team_id) {
      team = t.name;
    }
  }
  return Render(
      page, "staff_routing_remove", "Remove this routing rule?",
      Object{{"service_code", service->code},
             {"service_name", service->name},
             {"service_url", service_url},
             {"remove_url", service_url + "/routing/" + std::to_string(rule->id) + "/remove"},
             {"rule_ward", rule->ward.value_or(T(page, "Anywhere"))},
             {"rule_team", team}});
}

}  // namespace frontdoor::web
