// How the staff API knows who is calling, shared by every /api/v1 route that reads or
// changes council data: an API key (`Authorization: Bearer <key>`, integrations) or the
// staff desktop's session cookie, whose requests that change something must also carry the
// session's CSRF token in `X-CSRF-Token`. What each caller may do is core/access.hpp's policy.
#pragma once

#include <string_view>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/staff_auth.hpp"

namespace frontdoor::api {

struct StaffAccessSettings {
  bool https = false;  // the session cookie is then `__Host-fd_staff` and Secure
  usecase::SignInPolicy policy;
};

// One row of a route table: what the policy is asked for that method and pattern.
struct StaffRouteAccess {
  http::Method method;
  std::string_view pattern;
  access::Action action;
};

// Every route of the staff API and the attachment routes with the action each asks, from
// the tables that register them (for tests of each role against each route).
[[nodiscard]] std::vector<StaffRouteAccess> StaffRouteTable();

}  // namespace frontdoor::api
