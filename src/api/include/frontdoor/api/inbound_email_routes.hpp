// POST /api/v1/inbound/email: the mail gateway over HTTP, for a relay that posts the mail it
// receives (an inbound-mail service, or an MTA that cannot pipe to `frontdoor mailgate`).
// The body is the raw RFC 5322 message, sent with Content-Type: message/rfc822, and the
// relay authenticates with the shared secret `inbound_email_secret` as
// `Authorization: Bearer <secret>`. The answer says what became of the message
// (mail::TakeInEmail): 201 with the new case, 200 for a comment, a duplicate or an ignored
// auto-reply; 503 (retry) while the database is down or no secret is configured.
// Handlers are safe to run on any thread.
#pragma once

#include <string>

#include "frontdoor/http/router.hpp"
#include "frontdoor/mail/intake.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::api {

struct InboundEmailSettings {
  std::string secret;  // empty: the route answers 503 to everyone
  mail::IntakeOptions intake;
};

// Registers the route. `context` must outlive the router. It runs on the worker pool (it
// writes). The server's body limit caps the message below mail::kMaxMessageBytes when lower.
void AddInboundEmailRoutes(http::Router& router, const usecase::CaseContext& context,
                           InboundEmailSettings settings);

}  // namespace frontdoor::api
