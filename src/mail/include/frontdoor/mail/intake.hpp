// Email-to-case: what the mail gateway does with one message, whether an MTA pipes it to
// `frontdoor mailgate` or a relay posts it to /api/v1/inbound/email. A reply about a case
// (its reference in the subject, or In-Reply-To/References naming a message already taken in
// for it) becomes the customer's comment on that case, reopening it when it was resolved or
// closed recently; anything else raises a new case on the triage service. Auto-replies and
// bounces are ignored, so two auto-responders can never loop through us; the same
// Message-ID is taken in once.
//
// This use case lives in the mail module rather than usecase/ because every rule in it is
// about email (threading headers, loops, quoted text); it composes the case, attachment and
// customer use cases and one small repository, and holds no SQL and no HTTP.
// Thread-safe: the context only borrows thread-safe parts.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/mail/message.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::mail {

struct IntakeOptions {
  // The service new cases from email are raised on, for the triage team to route (the
  // demo catalogue's general enquiry by default). It must exist, be active and take cases.
  std::string triage_service = "general-enquiry";
  // A reply within this time of a case's resolution (or closure) reopens it; a later one
  // raises a new case linked to it as related.
  std::chrono::days reopen_window{28};
};

enum class IntakeOutcome {
  kCaseRaised,  // a new case
  kCommented,   // the customer's comment on an existing case
  kDuplicate,   // the Message-ID was taken in before: nothing done again
  kIgnored,     // an auto-reply or a bounce
};

// "case_raised", "commented", "duplicate", "ignored".
[[nodiscard]] std::string_view IntakeOutcomeName(IntakeOutcome outcome);

struct IntakeResult {
  IntakeOutcome outcome = IntakeOutcome::kIgnored;
  std::string reference;  // the case raised or commented on; empty when ignored
  std::string message_id;
  bool reopened = false;
  std::string detail;  // why it was ignored, or a sentence on what happened
  // Attachments the case could not take (too large, a type not accepted), by name.
  std::vector<std::string> not_kept;
};

// Parses `raw` (mail::ParseMessage) and takes it in. Errors: kPayloadTooLarge and kMalformed
// from parsing; kUnavailable when the database is unreachable, when another process is taking
// in the same Message-ID right now, or when the triage service does not exist or cannot take
// cases (a configuration fault: the message is worth retrying once it is fixed);
// kInvalidInput when the case use cases refuse what the message carries.
Result<IntakeResult> TakeInEmail(const usecase::CaseContext& ctx, const IntakeOptions& options,
                                 std::string_view raw);

// The same for a message already parsed.
Result<IntakeResult> TakeInMessage(const usecase::CaseContext& ctx, const IntakeOptions& options,
                                   const Message& message);

}  // namespace frontdoor::mail
