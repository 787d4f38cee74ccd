// Routes for case attachments. Staff and integrations (API key or staff session, as the rest
// of the staff API: staff_access.hpp), adding one being a change to the case:
//   POST /api/v1/cases/{reference}/attachments       multipart/form-data: part "file", and
//                                                    optionally "public" (true/false)
//   GET  /api/v1/cases/{reference}/attachments       the list, as JSON
//   GET  /api/v1/cases/{reference}/attachments/{id}  the file itself, as a download
// Anyone:
//   GET  /media/{sha256}.{ext}                       a file attached publicly (Open311
//                                                    media_url points here)
// Files are served with the media type judged from their content, never the client's, and
// with X-Content-Type-Options: nosniff. Handlers are safe to run on any thread.
#pragma once

#include <vector>

#include "frontdoor/api/staff_access.hpp"
#include "frontdoor/http/router.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

// Registers the routes above. `context` must outlive the router. Reads run where `reads`
// says (see http::Execution); uploads always run on the worker pool. The server's body
// limit must leave room for usecase::kMaxAttachmentBytes plus the multipart framing.
void AddAttachmentRoutes(http::Router& router, const usecase::CaseContext& context,
                         http::Execution reads, const StaffAccessSettings& settings = {});

// The three staff routes above with the action each asks of the access policy.
[[nodiscard]] std::vector<StaffRouteAccess> AttachmentRouteTable();

}  // namespace frontdoor::api
