// The outbox behind usecase::MailQueue: renders the template, gives the message its
// Message-ID and writes it to the outbound_message table in the caller's unit of work.
// Thread-safe (immutable).
#pragma once

#include <string>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/usecase/mail_queue.hpp"

namespace frontdoor::notify {

struct SenderSettings {
  std::string from = "noreply@localhost";        // smtp_from
  std::string council = "Belfast City Council";  // the ((council)) placeholder, the From name
};

class OutboxQueue final : public usecase::MailQueue {
 public:
  OutboxQueue(const Clock& clock, SenderSettings settings)
      : clock_(clock), settings_(std::move(settings)) {}
  Result<void> Queue(store::WriteTx& tx, const usecase::TemplatedMail& mail) override;

 private:
  const Clock& clock_;
  SenderSettings settings_;
};

}  // namespace frontdoor::notify
