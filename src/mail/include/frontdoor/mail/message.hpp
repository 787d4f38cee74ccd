// One inbound email (RFC 5322 with MIME, RFC 2045-2049) read into a plain value: who sent it,
// how it threads (Message-ID, In-Reply-To, References), its text as UTF-8 whatever charset
// and transfer encoding it came in, its attachments, and whether a machine sent it (auto-reply
// or bounce), which must never raise a case or an answer. Parsing is done by GMime and knows
// nothing of cases or the database. Every input may be hostile: the parser never crashes,
// bounds what it reads, and is thread-safe (each call builds its own GMime objects).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::mail {

// Most mail systems refuse messages over 25 MB; base64 makes that ~18 MB of files.
inline constexpr std::size_t kMaxMessageBytes = std::size_t{25} * 1024 * 1024;
// MIME parts (every nested multipart counts). A real message has a handful; a forged one
// with thousands of nested parts would otherwise cost deep recursion and memory.
inline constexpr std::size_t kMaxParts = 100;

struct Attachment {
  std::string filename;    // as the sender named it (RFC 2231 decoded); may be empty
  std::string media_type;  // as the sender declared it, e.g. "image/jpeg"; not trusted
  std::string content;     // decoded bytes
};

// Why a message was sent by a machine: the header or structure that says so.
enum class AutomaticKind {
  kNone,
  kAutoReply,  // Auto-Submitted, X-Autoreply, X-Autorespond, Precedence
  kBounce,     // delivery status report, MAILER-DAEMON or postmaster, empty Return-Path
};

struct Message {
  // Without angle brackets. When the message has none, "sha256-<hex of the raw message>"
  // so that the same bytes delivered twice are still recognised.
  std::string message_id;
  bool has_message_id = false;
  std::vector<std::string> in_reply_to;  // ids, without angle brackets
  std::vector<std::string> references;   // ids, oldest first
  std::string from_address;              // the first From mailbox, as written
  std::string from_name;                 // its display name, decoded; may be empty
  std::vector<std::string> to;           // To and Cc mailboxes
  std::string subject;                   // RFC 2047 decoded, single line
  std::optional<Instant> date;           // the Date header, when it parses
  // The message's text: text/plain preferred, HTML-only mail turned into text, forwarded
  // messages (message/rfc822) included after a header block. Lines end with "\n"; no NUL or
  // other control characters but tab.
  std::string text;
  // `text` without the quoted message it replies to ("On ... wrote:", "-----Original
  // Message-----", '>' lines): what the customer wrote this time. Equal to `text` when
  // nothing is quoted.
  std::string new_text;
  std::vector<Attachment> attachments;
  AutomaticKind automatic = AutomaticKind::kNone;
  std::string automatic_reason;  // e.g. "Auto-Submitted: auto-replied"
};

// Parses one message. kPayloadTooLarge over kMaxMessageBytes; kMalformed when it is not an
// email at all (no header block, nothing GMime can read, more than kMaxParts parts, or neither
// a From address nor any text). Oddities GMime tolerates (bad charsets, broken base64,
// missing boundaries) are tolerated here too: the customer still gets a case.
[[nodiscard]] Result<Message> ParseMessage(std::string_view raw);

// A stable short name for logs: "auto_reply", "bounce" or "none".
[[nodiscard]] std::string_view AutomaticKindName(AutomaticKind kind);

}  // namespace frontdoor::mail
