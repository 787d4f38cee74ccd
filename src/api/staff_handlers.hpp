// The handlers behind the staff API routes (staff_api.cpp registers them). Each parses its
// input strictly, calls one use case and renders JSON; an Error return becomes the JSON
// error body through http::ToErrorResponse. Authentication has already happened.
#pragma once

#include <boost/json.hpp>
#include <date/tz.h>

#include "frontdoor/core/access.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

struct StaffContext {
  const usecase::CaseContext& cases;
  const date::time_zone* zone;  // how instants are shown: Europe/London
};

using StaffHandler = Result<http::Response> (*)(const StaffContext& staff, http::Request& request,
                                                const access::Principal& caller);

// A JSON response with `status`.
http::Response JsonResponse(unsigned status, const boost::json::object& body);

// Catalogue (staff_catalogue.cpp).
Result<http::Response> ListDepartments(const StaffContext& staff, http::Request& request,
                                       const access::Principal& caller);
Result<http::Response> PostDepartment(const StaffContext& staff, http::Request& request,
                                      const access::Principal& caller);
Result<http::Response> ListTeams(const StaffContext& staff, http::Request& request,
                                 const access::Principal& caller);
Result<http::Response> PostTeam(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller);
Result<http::Response> ListServices(const StaffContext& staff, http::Request& request,
                                    const access::Principal& caller);
Result<http::Response> PostService(const StaffContext& staff, http::Request& request,
                                   const access::Principal& caller);
Result<http::Response> GetService(const StaffContext& staff, http::Request& request,
                                  const access::Principal& caller);
Result<http::Response> PutService(const StaffContext& staff, http::Request& request,
                                  const access::Principal& caller);
Result<http::Response> ListRoutingRules(const StaffContext& staff, http::Request& request,
                                        const access::Principal& caller);
Result<http::Response> PostRoutingRule(const StaffContext& staff, http::Request& request,
                                       const access::Principal& caller);
Result<http::Response> DeleteRoutingRule(const StaffContext& staff, http::Request& request,
                                         const access::Principal& caller);

// Cases (staff_cases.cpp).
Result<http::Response> ListCases(const StaffContext& staff, http::Request& request,
                                 const access::Principal& caller);
Result<http::Response> PostCase(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller);
Result<http::Response> GetCase(const StaffContext& staff, http::Request& request,
                               const access::Principal& caller);
Result<http::Response> PostTransition(const StaffContext& staff, http::Request& request,
                                      const access::Principal& caller);
Result<http::Response> PostAssignment(const StaffContext& staff, http::Request& request,
                                      const access::Principal& caller);
Result<http::Response> PostNote(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller);
Result<http::Response> PostUpdate(const StaffContext& staff, http::Request& request,
                                  const access::Principal& caller);
Result<http::Response> PostLink(const StaffContext& staff, http::Request& request,
                                const access::Principal& caller);
Result<http::Response> GetDuplicates(const StaffContext& staff, http::Request& request,
                                     const access::Principal& caller);

// Customers and contacts (staff_customers.cpp).
Result<http::Response> SearchCustomers(const StaffContext&, http::Request&,
                                       const access::Principal&);
Result<http::Response> CustomerCandidates(const StaffContext&, http::Request&,
                                          const access::Principal&);
Result<http::Response> PostCustomer(const StaffContext&, http::Request&, const access::Principal&);
Result<http::Response> GetCustomer(const StaffContext&, http::Request&, const access::Principal&);
Result<http::Response> PutCustomer(const StaffContext&, http::Request&, const access::Principal&);
Result<http::Response> GetCustomerTimeline(const StaffContext&, http::Request&,
                                           const access::Principal&);
Result<http::Response> PostCustomerMerge(const StaffContext&, http::Request&,
                                         const access::Principal&);
Result<http::Response> PostMergeUndo(const StaffContext&, http::Request&, const access::Principal&);
Result<http::Response> PostInteraction(const StaffContext&, http::Request&,
                                       const access::Principal&);

}  // namespace frontdoor::api
