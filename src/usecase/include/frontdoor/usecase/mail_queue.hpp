// The port through which use cases send email: a message is queued in the caller's unit of
// work, so it goes out if and only if what caused it commits (the transactional outbox). The
// notify module implements it (templates, Message-IDs, the outbox table); use cases only say
// which template, to whom and with what values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

struct TemplatedMail {
  std::string to;             // a normalised email address
  std::string template_code;  // e.g. "sign_in_code", "case_received"
  std::string language = "en";
  // ((placeholder)) values, plain text.
  std::map<std::string, std::string> personalisation;
  std::optional<std::int64_t> case_id;  // a reply to the message threads onto this case
};

// Implementations are thread-safe.
class MailQueue {
 public:
  virtual ~MailQueue() = default;
  // Renders and stores the message in `tx`. kInvalidInput naming the placeholder a template
  // needs and `mail` lacks, or the field that would break the message (a CR or LF in an
  // address); kNotFound for an unknown template.
  virtual Result<void> Queue(store::WriteTx& tx, const TemplatedMail& mail) = 0;
};

}  // namespace frontdoor::usecase
