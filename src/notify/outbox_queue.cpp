#include "frontdoor/notify/outbox_queue.hpp"

#include "frontdoor/notify/message.hpp"
#include "frontdoor/notify/templates.hpp"
#include "frontdoor/store/outbox.hpp"

namespace frontdoor::notify {

Result<void> OutboxQueue::Queue(store::WriteTx& tx, const usecase::TemplatedMail& mail) {
  Personalisation values = mail.personalisation;
  values.emplace("council", settings_.council);
  auto rendered = RenderTemplate(mail.template_code, mail.language, values);
  if (!rendered) {
    return rendered.error();
  }
  const Instant now = clock_.Now();
  store::OutboundMessageRecord record;
  record.message_id = NewMessageId(DomainOf(settings_.from), now);
  record.to_address = mail.to;
  record.subject = std::move(rendered->subject);
  record.text_body = std::move(rendered->text_body);
  record.template_code = mail.template_code;
  record.language = mail.language;
  record.status = "queued";
  record.next_attempt_at = now;
  record.created_at = now;
  record.case_id = mail.case_id;
  // Built once now, so a value that would break the message (a line break in the subject)
  // fails the cause's unit of work instead of failing every delivery attempt later.
  OutgoingMail check{settings_.from,   settings_.council, record.to_address, record.subject,
                     record.text_body, std::nullopt,      record.message_id, now};
  if (auto built = BuildMessage(check); !built) {
    return built.error();
  }
  auto id = store::Outbox(tx).Insert(record);
  if (!id) {
    return id.error();
  }
  return {};
}

}  // namespace frontdoor::notify
