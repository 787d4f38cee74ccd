#include "frontdoor/app/mailgate_command.hpp"

#include <algorithm>
#include <array>
#include <istream>
#include <ostream>
#include <string>

#include "frontdoor/app/wiring.hpp"
#include "frontdoor/mail/intake.hpp"
#include "frontdoor/mail/message.hpp"

namespace frontdoor::app {
namespace {

// Reads all of `in`, keeping at most one byte over the limit: enough to know the message is
// too large without holding gigabytes a hostile sender might pipe through.
std::string ReadMessage(std::istream& in) {
  std::string raw;
  std::array<char, std::size_t{64} * 1024> buffer{};
  while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    if (raw.size() <= mail::kMaxMessageBytes) {
      raw.append(buffer.data(), std::min(n, mail::kMaxMessageBytes + 1 - raw.size()));
    }
  }
  return raw;
}

int Fail(const Error& error, std::ostream& err) {
  err << "mailgate: " << error.message() << "\n";
  for (std::size_t i = 1; i < error.field_errors().size(); ++i) {
    err << "mailgate: " << error.field_errors()[i].message << "\n";
  }
  return MailgateExitCode(error.code());
}

}  // namespace

int MailgateExitCode(ErrorCode code) {
  // No default: a new ErrorCode fails the build until it is decided here. When in doubt,
  // temporary: a queued message can still be delivered, a bounced one is the customer's loss.
  switch (code) {
    case ErrorCode::kMalformed:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kPayloadTooLarge: return kExitDataError;
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
    case ErrorCode::kNotFound:
    case ErrorCode::kConflict:
    case ErrorCode::kRateLimited:
    case ErrorCode::kUnavailable:
    case ErrorCode::kInternal: return kExitTempFail;
  }
  return kExitTempFail;
}

int RunMailgate(const Config& config, std::istream& in, std::ostream& err) {
  const std::string raw = ReadMessage(in);
  // Parse before touching the database: a message that is not an email is refused, and an
  // auto-reply ignored, even while the database is down.
  auto message = mail::ParseMessage(raw);
  if (!message) {
    return Fail(message.error(), err);
  }
  if (message->automatic != mail::AutomaticKind::kNone) {
    err << "mailgate: ignored " << mail::AutomaticKindName(message->automatic) << " <"
        << message->message_id << "> (" << message->automatic_reason << ")\n";
    return 0;
  }
  const SystemClock clock;
  auto store = OpenStore(config, clock);
  if (!store) {
    return Fail(store.error(), err);
  }
  if (auto version = (*store)->Migrate(); !version) {
    return Fail(version.error(), err);
  }
  auto cases = LoadCaseSetup(**store, clock, config);
  if (!cases) {
    return Fail(cases.error(), err);
  }
  mail::IntakeOptions options;
  options.triage_service = config.email_triage_service;
  auto taken = mail::TakeInMessage((*cases)->context(), options, *message);
  if (!taken) {
    return Fail(taken.error(), err);
  }
  err << "mailgate: " << mail::IntakeOutcomeName(taken->outcome) << " <" << taken->message_id
      << ">";
  if (!taken->reference.empty()) {
    err << " case " << taken->reference;
  }
  if (taken->reopened) {
    err << " (reopened)";
  }
  if (!taken->not_kept.empty()) {
    err << "; " << taken->not_kept.size() << " attachment(s) not kept";
  }
  err << "\n";
  return 0;
}

}  // namespace frontdoor::app
