#include "frontdoor/mail/intake.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <glib.h>

#include "frontdoor/core/contact.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/store/inbound_mail.hpp"
#include "frontdoor/usecase/attachments.hpp"
#include "frontdoor/usecase/customers.hpp"

namespace frontdoor::mail {
namespace {

// A claim older than this belongs to a process that died mid-way: a redelivery may take the
// message over. Far longer than taking in a 25 MiB message takes.
constexpr std::chrono::minutes kStaleClaim{10};
// CustomerComment::external_id holds at most 100 characters.
constexpr std::size_t kMaxExternalId = 100;
constexpr std::size_t kMaxNameBytes = 100;
constexpr std::size_t kMaxSummaryBytes = 300;
constexpr std::size_t kMaxTextBytes = usecase::kMaxDescriptionCodePoints;
constexpr std::string_view kNoText = "(The email had no text.)";

struct GFree {
  void operator()(gchar* p) const { g_free(p); }
};

std::string Sha256Hex(std::string_view text) {
  std::unique_ptr<gchar, GFree> hex(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(text.data()), text.size()));
  return hex ? std::string(hex.get()) : std::string();
}

// The comment's idempotency key: the Message-ID, hashed when it is too long to store whole.
std::string ExternalId(const std::string& message_id) {
  std::string id = "email:" + message_id;
  if (id.size() <= kMaxExternalId && IsValidUtf8(id)) {
    return id;
  }
  return "email:sha256-" + Sha256Hex(message_id);
}

usecase::Actor ActorFor(const Message& message) {
  return message.from_address.empty() ? "email" : "email:" + message.from_address;
}

std::string StripQuotes(std::string text) {
  text = Trim(text);
  while (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
         text.back() == text.front()) {
    text = Trim(text.substr(1, text.size() - 2));
  }
  return text;
}

// The person behind the From header: "Seán O'Neill" (first, last), "O'Neill, Seán" (as
// Outlook shows directory names), a single word (a first name). An address used as a name
// says nothing.
usecase::ContactDetails ContactFor(const Message& message) {
  usecase::ContactDetails contact;
  if (auto email = NormaliseEmail(message.from_address); email) {
    contact.email = *email;
  }
  const std::string name = StripQuotes(message.from_name);
  if (name.empty() || name.find('@') != std::string::npos) {
    return contact;
  }
  std::string first;
  std::string last;
  if (const auto comma = name.find(','); comma != std::string::npos) {
    last = Trim(name.substr(0, comma));
    first = Trim(name.substr(comma + 1));
  } else if (const auto space = name.rfind(' '); space != std::string::npos) {
    first = Trim(name.substr(0, space));
    last = Trim(name.substr(space + 1));
  } else {
    first = name;
  }
  if (!first.empty()) {
    contact.first_name = TruncateUtf8(first, kMaxNameBytes);
  }
  if (!last.empty()) {
    contact.last_name = TruncateUtf8(last, kMaxNameBytes);
  }
  return contact;
}

std::string Description(const Message& message, const std::string& lead) {
  std::string text = lead;
  if (!message.subject.empty()) {
    text += "Subject: " + message.subject + "\n\n";
  }
  text += message.text.empty() ? std::string(kNoText) : message.text;
  return TruncateUtf8(text, kMaxTextBytes);
}

// The case a reply is about: its reference in the subject, else the newest message it
// answers that was taken in for a case. nullopt for a new conversation.
Result<std::optional<store::CaseRecord>> FindThread(const usecase::CaseContext& ctx,
                                                    const Message& message) {
  if (auto reference = FindReferenceIn(message.subject, ctx.reference_prefix)) {
    auto record = usecase::GetCaseRecord(ctx, *reference);
    if (record) {
      return std::optional<store::CaseRecord>(std::move(*record));
    }
    if (record.error().code() != ErrorCode::kNotFound) {
      return record.error();
    }
  }
  std::vector<std::string> ids = message.in_reply_to;
  ids.insert(ids.end(), message.references.begin(), message.references.end());
  if (ids.empty()) {
    return std::optional<store::CaseRecord>();
  }
  return store::ReadValue<std::optional<store::CaseRecord>>(
      ctx.store, [&](store::ReadTx& tx) -> Result<std::optional<store::CaseRecord>> {
        auto case_id = store::InboundMessages(tx).FindCase(ids);
        if (!case_id) {
          return case_id.error();
        }
        if (!*case_id) {
          return std::optional<store::CaseRecord>();
        }
        auto record = store::Cases(tx).FindById(**case_id);
        if (!record) {
          return record.error();
        }
        return std::optional<store::CaseRecord>(std::move(*record));
      });
}

// A missing or unusable triage service is the council's configuration, not the sender's
// fault: the message must wait (and be retried) rather than bounce.
Error TriageServiceFault(const IntakeOptions& options, const Error& cause) {
  return {ErrorCode::kUnavailable,
          "Email cannot raise cases: the triage service '" +
              TruncateUtf8(options.triage_service, 40) + "' " +
              (cause.code() == ErrorCode::kNotFound ? "does not exist" : "cannot take cases") +
              ". Create it, or set email_triage_service to a service that takes cases."};
}

Result<IntakeResult> RaiseCase(const usecase::CaseContext& ctx, const IntakeOptions& options,
                               const Message& message, const std::string& lead) {
  usecase::NewCase input;
  input.service_code = options.triage_service;
  input.channel = "email";
  input.description = Description(message, lead);
  input.contact = ContactFor(message);
  input.actor = ActorFor(message);
  auto created = usecase::CreateCase(ctx, input);
  if (!created) {
    const Error& error = created.error();
    const bool service_fault =
        error.code() == ErrorCode::kNotFound ||
        (error.code() == ErrorCode::kInvalidInput && !error.field_errors().empty() &&
         error.field_errors().front().field == "service_code");
    return service_fault ? TriageServiceFault(options, error) : error;
  }
  IntakeResult result;
  result.outcome = IntakeOutcome::kCaseRaised;
  result.reference = created->record.reference;
  return result;
}

Result<IntakeResult> Comment(const usecase::CaseContext& ctx, const Message& message,
                             const store::CaseRecord& record, bool reopen) {
  usecase::CustomerComment comment;
  comment.reference = record.reference;
  comment.external_id = ExternalId(message.message_id);
  comment.body = TruncateUtf8(message.new_text.empty() ? std::string(kNoText) : message.new_text,
                              kMaxTextBytes);
  comment.wants_open = reopen;
  comment.at = message.date;
  comment.contact = ContactFor(message);
  comment.actor = ActorFor(message);
  auto event = usecase::AddCustomerComment(ctx, comment);
  if (!event) {
    return event.error();
  }
  IntakeResult result;
  result.outcome = IntakeOutcome::kCommented;
  result.reference = record.reference;
  result.reopened = event->status.has_value();
  return result;
}

// Threads the message onto its case or raises a new one. Each of these writes durably before
// it returns, so what follows (attachments, the contact log) always has a case to attach to.
Result<IntakeResult> Deliver(const usecase::CaseContext& ctx, const IntakeOptions& options,
                             const Message& message) {
  auto thread = FindThread(ctx, message);
  if (!thread) {
    return thread.error();
  }
  if (!*thread) {
    return RaiseCase(ctx, options, message, "");
  }
  const store::CaseRecord& record = **thread;
  if (IsOpen(record.status)) {
    return Comment(ctx, message, record, false);
  }
  const Instant now = ctx.clock.Now();
  const bool recent = !record.closed_at || now - *record.closed_at <= options.reopen_window;
  if (recent) {
    return Comment(ctx, message, record, true);
  }
  // Long after resolution, a reply is a new problem more often than the old one back.
  auto raised = RaiseCase(ctx, options, message,
                          "Follow-up to " + record.reference + ", closed more than " +
                              std::to_string(options.reopen_window.count()) + " days ago.\n\n");
  if (!raised) {
    return raised;
  }
  if (auto linked = usecase::LinkCases(ctx, raised->reference, record.reference, "related",
                                       ActorFor(message));
      !linked) {
    raised->detail = "Could not link to " + record.reference + ": " + linked.error().message();
  }
  return raised;
}

std::string HumanSize(std::size_t bytes) {
  const double megabytes = static_cast<double>(bytes) / (1024.0 * 1024.0);
  if (megabytes >= 1) {
    return std::to_string(static_cast<int>(megabytes * 10) / 10) + "." +
           std::to_string(static_cast<int>(megabytes * 10) % 10) + " MB";
  }
  return std::to_string((bytes + 1023) / 1024) + " KB";
}

// Attaches what the case can take. A file refused for its size or type is named in a note
// on the case, so staff know the customer sent it; a database failure stops here and is
// reported, the case itself being safe already.
Result<std::vector<std::string>> AttachFiles(const usecase::CaseContext& ctx,
                                             const Message& message, const std::string& reference) {
  std::vector<std::string> not_kept;
  std::string note;
  for (const Attachment& attachment : message.attachments) {
    const std::string name = attachment.filename.empty() ? "attachment" : attachment.filename;
    auto added =
        usecase::AddAttachment(ctx, reference, name, attachment.content, false, ActorFor(message));
    if (added) {
      continue;
    }
    const ErrorCode code = added.error().code();
    if (code != ErrorCode::kPayloadTooLarge && code != ErrorCode::kInvalidInput) {
      return added.error();
    }
    not_kept.push_back(name);
    note += "\n- " + name + " (" + HumanSize(attachment.content.size()) +
            "): " + added.error().message();
  }
  if (!note.empty()) {
    auto noted = usecase::AddNote(
        ctx, reference, "Attachments of the customer's email that could not be kept:" + note,
        "system");
    if (!noted) {
      return noted.error();
    }
  }
  return not_kept;
}

Result<void> LogContact(const usecase::CaseContext& ctx, const Message& message,
                        const IntakeResult& result) {
  usecase::InteractionInput contact;
  contact.case_reference = result.reference;
  contact.channel = "email";
  contact.direction = "inbound";
  contact.outcome =
      result.outcome == IntakeOutcome::kCaseRaised ? "case_raised" : "information_given";
  contact.summary =
      TruncateUtf8(message.subject.empty() ? std::string("Email") : "Email: " + message.subject,
                   kMaxSummaryBytes);
  // The gateway is the system acting, not a member of staff: no record is hidden from it.
  const usecase::Viewer gateway{ActorFor(message), true};
  auto logged = usecase::LogInteraction(ctx.store, ctx.clock, contact, gateway);
  if (!logged) {
    return logged.error();
  }
  return {};
}

}  // namespace

std::string_view IntakeOutcomeName(IntakeOutcome outcome) {
  switch (outcome) {
    case IntakeOutcome::kCaseRaised: return "case_raised";
    case IntakeOutcome::kCommented: return "commented";
    case IntakeOutcome::kDuplicate: return "duplicate";
    case IntakeOutcome::kIgnored: return "ignored";
  }
  return "ignored";
}

Result<IntakeResult> TakeInEmail(const usecase::CaseContext& ctx, const IntakeOptions& options,
                                 std::string_view raw) {
  auto message = ParseMessage(raw);
  if (!message) {
    return message.error();
  }
  return TakeInMessage(ctx, options, *message);
}

Result<IntakeResult> TakeInMessage(const usecase::CaseContext& ctx, const IntakeOptions& options,
                                   const Message& message) {
  IntakeResult ignored;
  ignored.message_id = message.message_id;
  if (message.automatic != AutomaticKind::kNone) {
    // RFC 3834 section 2: never answer, or act on, what a machine sent.
    ignored.detail =
        std::string(AutomaticKindName(message.automatic)) + " (" + message.automatic_reason + ")";
    return ignored;
  }
  const Instant now = ctx.clock.Now();
  const std::optional<std::string> from =
      message.from_address.empty() ? std::nullopt : std::optional(message.from_address);
  auto claimed = store::WriteValue<bool>(ctx.store, [&](store::WriteTx& tx) {
    return store::InboundMessages(tx).Claim(message.message_id, from, now, now - kStaleClaim);
  });
  if (!claimed) {
    return claimed.error();
  }
  if (!*claimed) {
    auto earlier = store::ReadValue<store::InboundMessageRecord>(ctx.store, [&](store::ReadTx& tx) {
      return store::InboundMessages(tx).Find(message.message_id);
    });
    if (!earlier) {
      return earlier.error();
    }
    if (!earlier->outcome) {
      return Error(ErrorCode::kUnavailable,
                   "The same message is being taken in now; try again in a few minutes");
    }
    IntakeResult duplicate;
    duplicate.outcome = IntakeOutcome::kDuplicate;
    duplicate.reference = earlier->case_reference;
    duplicate.message_id = message.message_id;
    duplicate.detail = "already taken in";
    return duplicate;
  }

  auto delivered = Deliver(ctx, options, message);
  if (!delivered) {
    // Nothing was written: let a retry (the MTA's, the relay's) try again.
    (void)ctx.store.Write(
        [&](store::WriteTx& tx) { return store::InboundMessages(tx).Release(message.message_id); });
    return delivered.error();
  }
  IntakeResult result = std::move(*delivered);
  result.message_id = message.message_id;
  auto completed = ctx.store.Write([&](store::WriteTx& tx) -> Result<void> {
    auto record = store::Cases(tx).FindByReference(result.reference);
    if (!record) {
      return record.error();
    }
    return store::InboundMessages(tx).Complete(
        message.message_id, record->id,
        result.outcome == IntakeOutcome::kCaseRaised ? "case_raised" : "comment");
  });
  if (!completed) {
    return completed.error();
  }
  auto attached = AttachFiles(ctx, message, result.reference);
  if (!attached) {
    return attached.error();
  }
  result.not_kept = std::move(*attached);
  if (auto logged = LogContact(ctx, message, result); !logged) {
    return logged.error();
  }
  return result;
}

}  // namespace frontdoor::mail
