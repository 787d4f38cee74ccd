// Delivering the outbox: claim the messages that are due, send each through a Transport,
// record sent or the error, and retry with exponential back-off (1 min, 5 min, 30 min, 2 h,
// then failed). Several nodes may deliver at once: a claim is a write that PostgreSQL makes
// with FOR UPDATE SKIP LOCKED, and a node that dies mid-send leaves its claim to lapse.
// Sending is at least once: a crash after the server accepted a message sends it again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/runtime/periodic_thread.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::notify {

// Sends one finished message. Implementations are thread-safe.
class Transport {
 public:
  virtual ~Transport() = default;
  // kUnavailable for a failure worth retrying (no connection, 4xx); kInvalidInput when the
  // server refused the message for good (5xx). The message says what the server said.
  virtual Result<void> Send(const std::string& from, const std::string& to,
                            const std::string& message) = 0;
};

struct DeliveryPolicy {
  // The waits after the 1st, 2nd... failed attempt; after the last, the message fails.
  std::vector<std::chrono::seconds> backoff{std::chrono::minutes(1), std::chrono::minutes(5),
                                            std::chrono::minutes(30), std::chrono::hours(2)};
  int batch = 20;
  std::chrono::seconds claim_lease{std::chrono::minutes(5)};
};

struct DeliveryRound {
  int sent = 0;
  int retrying = 0;
  int failed = 0;
};

struct DeliverySettings {
  std::string from;       // the envelope and header sender (smtp_from)
  std::string from_name;  // the From display name
};

// One round: claims at most `policy.batch` due messages and tries each once.
Result<DeliveryRound> DeliverDue(store::Store& store, const Clock& clock, Transport& transport,
                                 const DeliverySettings& settings,
                                 const DeliveryPolicy& policy = {});

// A thread of `frontdoor serve` that runs DeliverDue every `interval` until stopped.
class DeliveryWorker {
 public:
  DeliveryWorker(store::Store& store, const Clock& clock, Transport& transport,
                 DeliverySettings settings, std::chrono::milliseconds interval,
                 DeliveryPolicy policy = {});
  DeliveryWorker(const DeliveryWorker&) = delete;
  DeliveryWorker& operator=(const DeliveryWorker&) = delete;
  void Stop();  // finishes the round under way; idempotent; the destructor stops too

 private:
  void Loop(runtime::PeriodicThread& self);

  store::Store& store_;
  const Clock& clock_;
  Transport& transport_;
  DeliverySettings settings_;
  DeliveryPolicy policy_;
  runtime::PeriodicThread thread_;  // last: it starts at once
};

}  // namespace frontdoor::notify
