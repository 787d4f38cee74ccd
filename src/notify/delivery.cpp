#include "frontdoor/notify/delivery.hpp"

#include <spdlog/spdlog.h>

#include "frontdoor/notify/message.hpp"
#include "frontdoor/store/outbox.hpp"

namespace frontdoor::notify {
namespace {

// What an SMTP server says may hold addresses; a column of bounded size is enough to act on.
constexpr std::size_t kMaxErrorBytes = 500;

Result<void> Record(store::Store& store, const store::OutboundMessageRecord& message,
                    const Result<void>& outcome, Instant now, const DeliveryPolicy& policy,
                    DeliveryRound& round) {
  if (outcome) {
    ++round.sent;
    return store.Write(
        [&](store::WriteTx& tx) { return store::Outbox(tx).MarkSent(message.id, now); });
  }
  const Error error = outcome.error();
  std::optional<Instant> retry_at;
  // A refusal for good (5xx, a message we cannot build) is not retried.
  const bool permanent = error.code() == ErrorCode::kInvalidInput;
  const auto attempt = static_cast<std::size_t>(message.attempts);
  if (!permanent && attempt >= 1 && attempt <= policy.backoff.size()) {
    retry_at = now + policy.backoff[attempt - 1];
    ++round.retrying;
  } else {
    ++round.failed;
  }
  std::string text = error.message().substr(0, kMaxErrorBytes);
  spdlog::warn("email {} attempt {} not sent{}: {}", message.message_id, message.attempts,
               retry_at ? ", will retry" : ", given up", text);
  return store.Write(
      [&](store::WriteTx& tx) { return store::Outbox(tx).MarkFailed(message.id, text, retry_at); });
}

}  // namespace

Result<DeliveryRound> DeliverDue(store::Store& store, const Clock& clock, Transport& transport,
                                 const DeliverySettings& settings, const DeliveryPolicy& policy) {
  const Instant now = clock.Now();
  auto claimed =
      store::WriteValue<std::vector<store::OutboundMessageRecord>>(store, [&](store::WriteTx& tx) {
        return store::Outbox(tx).Claim(now, now + policy.claim_lease, policy.batch);
      });
  if (!claimed) {
    return claimed.error();
  }
  DeliveryRound round;
  for (const store::OutboundMessageRecord& message : *claimed) {
    OutgoingMail mail{settings.from,      settings.from_name, message.to_address,
                      message.subject,    message.text_body,  message.html_body,
                      message.message_id, message.created_at};
    auto built = BuildMessage(mail);
    Result<void> sent = built ? transport.Send(settings.from, message.to_address, *built)
                              : Result<void>(built.error());
    if (auto recorded = Record(store, message, sent, clock.Now(), policy, round); !recorded) {
      return recorded.error();
    }
  }
  return round;
}

DeliveryWorker::DeliveryWorker(store::Store& store, const Clock& clock, Transport& transport,
                               DeliverySettings settings, std::chrono::milliseconds interval,
                               DeliveryPolicy policy)
    : store_(store),
      clock_(clock),
      transport_(transport),
      settings_(std::move(settings)),
      policy_(std::move(policy)),
      thread_(interval, [this](runtime::PeriodicThread& self) { Loop(self); }) {}

void DeliveryWorker::Stop() {
  thread_.Stop();
}

void DeliveryWorker::Loop(runtime::PeriodicThread& self) {
  while (!self.StopAsked()) {
    auto round = DeliverDue(store_, clock_, transport_, settings_, policy_);
    if (!round) {
      // The database may be down for a while; the next round tries again.
      spdlog::warn("email delivery round failed: {}", round.error().message());
    } else if (round->sent + round->retrying + round->failed > 0) {
      spdlog::info("email delivery: {} sent, {} to retry, {} failed", round->sent, round->retrying,
                   round->failed);
    }
    // A full batch means more are waiting: go again at once.
    const bool full = round && round->sent + round->retrying + round->failed >= policy_.batch;
    if (!full && self.WaitOrStop()) {
      return;
    }
  }
}

}  // namespace frontdoor::notify
