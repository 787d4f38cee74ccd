// Building an RFC 5322 email from plain parts: Date, Message-ID, MIME-Version, a subject
// encoded by RFC 2047 when it is not plain ASCII, and a quoted-printable UTF-8 text body (with
// an HTML alternative when there is one). Pure: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::notify {

struct OutgoingMail {
  std::string from;       // an address, e.g. "noreply@belfastcity.gov.uk"
  std::string from_name;  // optional display name, e.g. "Belfast City Council"
  std::string to;         // one address
  std::string subject;    // UTF-8
  std::string text_body;  // UTF-8; any line ending
  std::optional<std::string> html_body;
  std::string message_id;  // without angle brackets, e.g. "<hex>@belfastcity.gov.uk"
  Instant date;
};

// The whole message with CRLF line endings. kInvalidInput naming the field ("from",
// "from_name", "to", "subject", "message_id") when a value holds CR, LF or another control
// character (header injection), an address is not a plain addr-spec, or a text is not UTF-8.
[[nodiscard]] Result<std::string> BuildMessage(const OutgoingMail& mail);

// A new Message-ID (without brackets) at `domain`: `now` in fixed-width hexadecimal
// microseconds, so that ids sort in the order they were made, then 64 random bits.
[[nodiscard]] std::string NewMessageId(std::string_view domain, Instant now);

// The domain of an address ("a@b.c" -> "b.c"); "localhost" when it has none.
[[nodiscard]] std::string DomainOf(std::string_view address);

// Exposed for the tests: the parts of BuildMessage.
[[nodiscard]] std::string QuotedPrintable(std::string_view text);
[[nodiscard]] std::string EncodeHeaderWords(std::string_view text);  // RFC 2047 when needed
[[nodiscard]] std::string DateHeader(Instant at);                    // RFC 5322, in UTC

}  // namespace frontdoor::notify
