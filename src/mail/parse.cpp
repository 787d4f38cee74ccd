// GMime does the MIME work (RFC 2045-2049: structure, transfer encodings, RFC 2047 and 2231
// header words); this file decides what of it a case needs and guards GMime against input
// built to hurt it.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gmime/gmime.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/mail/message.hpp"

#include "gmime_init.hpp"
#include "mail_text.hpp"

namespace frontdoor::mail {
namespace {

// A reference-counted GObject released when it goes out of scope.
struct Unref {
  void operator()(gpointer object) const { g_object_unref(object); }
};
template <class T>
using GObjectPtr = std::unique_ptr<T, Unref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<gchar, GFree>;

struct FreeOptions {
  void operator()(GMimeParserOptions* options) const { g_mime_parser_options_free(options); }
};

struct FreeReferences {
  void operator()(GMimeReferences* references) const { g_mime_references_free(references); }
};

constexpr int kMaxDepth = 16;             // nested multiparts and forwarded messages
constexpr std::size_t kMaxIds = 50;       // In-Reply-To and References kept (the newest)
constexpr std::size_t kMaxIdBytes = 998;  // RFC 5322's line limit
constexpr std::size_t kMaxRecipients = 100;
constexpr std::size_t kMaxSubjectBytes = 998;

std::string Lower(std::string_view text) {
  return ToLowerAscii(text);
}

std::string Header(GMimeObject* object, const char* name) {
  const char* value = g_mime_object_get_header(object, name);
  return value != nullptr ? Trim(value) : std::string();
}

// A header's text made safe to store: valid UTF-8 on one line.
std::string OneLine(std::string_view text, std::size_t max_bytes) {
  std::string out = IsValidUtf8(text) ? std::string(text) : DecodeWindows1252(text);
  for (auto& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      c = ' ';
    }
  }
  return TruncateUtf8(Trim(out), max_bytes);
}

bool IsMessageId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

std::vector<std::string> ParseIds(GMimeParserOptions* options, const std::string& value) {
  std::vector<std::string> ids;
  if (value.empty()) {
    return ids;
  }
  std::unique_ptr<GMimeReferences, FreeReferences> references(
      g_mime_references_parse(options, value.c_str()));
  if (!references) {
    return ids;
  }
  const int count = g_mime_references_length(references.get());
  const int first = std::max(0, count - static_cast<int>(kMaxIds));
  for (int i = first; i < count; ++i) {
    const char* id = g_mime_references_get_message_id(references.get(), i);
    if (id != nullptr && IsMessageId(id)) {
      ids.emplace_back(id);
    }
  }
  return ids;
}

// GObject's type checks are macros; wrapped, they read as the facts they test.
bool IsMailbox(InternetAddress* address) {
  return INTERNET_ADDRESS_IS_MAILBOX(address) != FALSE;
}

InternetAddressList* GroupMembers(InternetAddress* address) {
  return INTERNET_ADDRESS_IS_GROUP(address) != FALSE
             ? internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address))
             : nullptr;
}

bool IsMultipart(GMimeObject* object) {
  return GMIME_IS_MULTIPART(object) != FALSE;
}

bool IsLeaf(GMimeObject* object) {
  return GMIME_IS_PART(object) != FALSE;
}

bool IsMessagePart(GMimeObject* object) {
  return GMIME_IS_MESSAGE_PART(object) != FALSE;
}

int Length(InternetAddressList* list) {
  return list != nullptr ? internet_address_list_length(list) : 0;
}

// Mailboxes of a list, groups flattened (one level: groups cannot nest, RFC 5322 3.4).
void CollectMailboxes(InternetAddressList* list, std::vector<InternetAddress*>& out) {
  for (int i = 0; i < Length(list) && out.size() < kMaxRecipients; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (IsMailbox(address)) {
      out.push_back(address);
      continue;
    }
    InternetAddressList* members = GroupMembers(address);
    for (int k = 0; k < Length(members) && out.size() < kMaxRecipients; ++k) {
      InternetAddress* member = internet_address_list_get_address(members, k);
      if (IsMailbox(member)) {
        out.push_back(member);
      }
    }
  }
}

std::string MailboxAddress(InternetAddress* address) {
  const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
  return addr != nullptr ? OneLine(addr, 254) : std::string();
}

// The bytes of a leaf part with its transfer encoding (base64, quoted-printable, uuencode)
// undone. Never larger than the part itself, so bounded by the message.
std::string DecodedContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) {
    return {};
  }
  GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, sink.get()) < 0) {
    return {};
  }
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
  if (bytes == nullptr || bytes->len == 0) {
    return {};
  }
  return {reinterpret_cast<const char*>(bytes->data), bytes->len};
}

bool IsAttachment(GMimeObject* object) {
  if (g_mime_part_is_attachment(GMIME_PART(object)) != FALSE) {
    return true;
  }
  const char* filename = g_mime_part_get_filename(GMIME_PART(object));
  return filename != nullptr && *filename != '\0';
}

bool IsType(GMimeObject* object, const char* type, const char* subtype) {
  GMimeContentType* content_type = g_mime_object_get_content_type(object);
  return content_type != nullptr &&
         g_mime_content_type_is_type(content_type, type, subtype) != FALSE;
}

// Walks the MIME tree, collecting the text, the attachments and any sign of a machine.
class Walker {
 public:
  explicit Walker(Message& out) : out_(out) {}

  void Walk(GMimeObject* object, int depth) {
    if (object == nullptr || depth > kMaxDepth) {
      return;
    }
    if (++parts_ > kMaxParts) {
      too_many_parts_ = true;
      return;
    }
    if (IsMultipart(object)) {
      WalkMultipart(object, depth);
    } else if (IsMessagePart(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner != nullptr) {
        Forwarded(inner, depth);
      }
    } else if (IsLeaf(object)) {
      Leaf(object);
    }
  }

  [[nodiscard]] bool too_many_parts() const { return too_many_parts_; }
  [[nodiscard]] std::string TakeText() { return std::move(text_); }

  // A bounce outranks an auto-reply: a DSN often carries Auto-Submitted as well.
  void MarkAutomatic(AutomaticKind kind, std::string reason) {
    if (out_.automatic == AutomaticKind::kNone ||
        (kind == AutomaticKind::kBounce && out_.automatic != AutomaticKind::kBounce)) {
      out_.automatic = kind;
      out_.automatic_reason = std::move(reason);
    }
  }

 private:
  void WalkMultipart(GMimeObject* object, int depth) {
    auto* multipart = GMIME_MULTIPART(object);
    const int count = g_mime_multipart_get_count(multipart);
    if (IsType(object, "multipart", "report")) {
      const std::string report =
          Lower(Trim(g_mime_object_get_content_type_parameter(object, "report-type") != nullptr
                         ? g_mime_object_get_content_type_parameter(object, "report-type")
                         : ""));
      if (report == "delivery-status") {
        MarkAutomatic(AutomaticKind::kBounce, "multipart/report; report-type=delivery-status");
      } else {
        MarkAutomatic(AutomaticKind::kAutoReply, "multipart/report; report-type=" + report);
      }
    }
    if (IsType(object, "multipart", "alternative")) {
      Walk(ChooseAlternative(multipart, count), depth + 1);
      return;
    }
    for (int i = 0; i < count && !too_many_parts_; ++i) {
      Walk(g_mime_multipart_get_part(multipart, i), depth + 1);
    }
  }

  // Alternatives come in increasing order of richness (RFC 2046 5.1.4); the plain text is
  // what the sender wrote, so it wins over HTML, and HTML over anything else.
  static GMimeObject* ChooseAlternative(GMimeMultipart* multipart, int count) {
    GMimeObject* html = nullptr;
    GMimeObject* nested = nullptr;
    for (int i = 0; i < count; ++i) {
      GMimeObject* part = g_mime_multipart_get_part(multipart, i);
      if (IsLeaf(part) && !IsAttachment(part)) {
        if (IsType(part, "text", "plain")) {
          return part;
        }
        if (IsType(part, "text", "html") && html == nullptr) {
          html = part;
        }
      } else if (IsMultipart(part) && nested == nullptr) {
        nested = part;
      }
    }
    if (html != nullptr) {
      return html;
    }
    if (nested != nullptr) {
      return nested;
    }
    return count > 0 ? g_mime_multipart_get_part(multipart, 0) : nullptr;
  }

  void Leaf(GMimeObject* object) {
    if (IsType(object, "message", "delivery-status")) {
      MarkAutomatic(AutomaticKind::kBounce, "message/delivery-status part");
    } else if (IsType(object, "message", "disposition-notification")) {
      MarkAutomatic(AutomaticKind::kAutoReply, "message/disposition-notification part");
    }
    const bool is_plain = IsType(object, "text", "plain");
    const bool is_html = IsType(object, "text", "html");
    if ((is_plain || is_html) && !IsAttachment(object)) {
      AddText(object, is_html);
      return;
    }
    std::string content = DecodedContent(GMIME_PART(object));
    if (content.empty()) {
      return;
    }
    Attachment attachment;
    const char* filename = g_mime_part_get_filename(GMIME_PART(object));
    attachment.filename = filename != nullptr ? OneLine(filename, 255) : std::string();
    GMimeContentType* content_type = g_mime_object_get_content_type(object);
    if (content_type != nullptr) {
      GCharPtr mime_type(g_mime_content_type_get_mime_type(content_type));
      if (mime_type) {
        attachment.media_type = OneLine(Lower(mime_type.get()), 255);
      }
    }
    attachment.content = std::move(content);
    out_.attachments.push_back(std::move(attachment));
  }

  void AddText(GMimeObject* object, bool is_html) {
    const char* charset = g_mime_object_get_content_type_parameter(object, "charset");
    std::string text = ToUtf8(DecodedContent(GMIME_PART(object)), charset ? charset : "");
    if (is_html) {
      text = HtmlToText(text);
    } else {
      const char* format = g_mime_object_get_content_type_parameter(object, "format");
      if (format != nullptr && Lower(format) == "flowed") {
        const char* delsp = g_mime_object_get_content_type_parameter(object, "delsp");
        text = Unflow(text, delsp != nullptr && Lower(delsp) == "yes");
      }
    }
    Append(CleanText(text));
  }

  void Append(const std::string& piece) {
    if (piece.empty()) {
      return;
    }
    if (!text_.empty()) {
      text_ += "\n\n";
    }
    text_ += piece;
  }

  // A forwarded message (message/rfc822): its headers as a person would see them, then its
  // text; its attachments join the outer message's.
  void Forwarded(GMimeMessage* inner, int depth) {
    std::string block = "---------- Forwarded message ----------\n";
    auto* object = GMIME_OBJECT(inner);
    std::vector<InternetAddress*> from;
    CollectMailboxes(g_mime_message_get_from(inner), from);
    if (!from.empty()) {
      const char* name = internet_address_get_name(from.front());
      block += "From: ";
      if (name != nullptr && *name != '\0') {
        block += OneLine(name, 200) + " <" + MailboxAddress(from.front()) + ">\n";
      } else {
        block += MailboxAddress(from.front()) + "\n";
      }
    }
    if (const std::string date = Header(object, "Date"); !date.empty()) {
      block += "Date: " + OneLine(date, 200) + "\n";
    }
    if (const char* subject = g_mime_message_get_subject(inner); subject != nullptr) {
      block += "Subject: " + OneLine(subject, kMaxSubjectBytes) + "\n";
    }
    Append(block);
    Walk(g_mime_message_get_mime_part(inner), depth + 1);
  }

  Message& out_;
  std::string text_;
  std::size_t parts_ = 0;
  bool too_many_parts_ = false;
};

// How many lines open with "Content-Type:". Every MIME part but a default text/plain needs
// one, so this bounds the parts, and the nesting, GMime's recursive parser would build.
std::size_t CountContentTypeHeaders(std::string_view raw) {
  constexpr std::string_view kName = "content-type";
  std::size_t count = 0;
  std::size_t start = 0;
  while (start < raw.size()) {
    const std::size_t end = raw.find('\n', start);
    const std::size_t stop = end == std::string_view::npos ? raw.size() : end;
    const std::string_view line = raw.substr(start, stop - start);
    if (line.size() > kName.size() && (line[0] == 'c' || line[0] == 'C') &&
        Lower(line.substr(0, kName.size())) == kName) {
      const std::size_t colon = line.find_first_not_of(" \t", kName.size());
      if (colon != std::string_view::npos && line[colon] == ':') {
        ++count;
      }
    }
    start = stop + 1;
  }
  return count;
}

// Whether the message opens with a header field ("Name: value", RFC 5322 2.2) or an mbox
// "From " line, as a pipe from an MTA gives it.
bool StartsWithHeader(std::string_view raw) {
  if (raw.starts_with("From ")) {
    return true;
  }
  const std::size_t colon = raw.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 200) {
    return false;
  }
  return std::all_of(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(colon),
                     [](char c) { return c > 0x20 && c < 0x7F; });
}

bool IsDaemonMailbox(std::string_view address) {
  const std::string local = Lower(address.substr(0, address.find('@')));
  return local == "mailer-daemon" || local == "postmaster";
}

void DetectAutomatic(GMimeObject* object, const std::string& envelope_sender, Walker& walker,
                     const Message& message) {
  if (const std::string value = Lower(Header(object, "Auto-Submitted"));
      !value.empty() && Trim(value.substr(0, value.find(';'))) != "no") {
    walker.MarkAutomatic(AutomaticKind::kAutoReply, "Auto-Submitted: " + OneLine(value, 100));
  }
  for (const char* name : {"X-Autoreply", "X-Autorespond", "X-Autogenerated"}) {
    if (g_mime_object_get_header(object, name) != nullptr) {
      walker.MarkAutomatic(AutomaticKind::kAutoReply, std::string(name) + " header");
    }
  }
  if (const std::string precedence = Lower(Header(object, "Precedence"));
      precedence == "bulk" || precedence == "junk" || precedence == "list") {
    walker.MarkAutomatic(AutomaticKind::kAutoReply, "Precedence: " + precedence);
  }
  // RFC 3834 section 2: replies to these would go nowhere or loop.
  if (const std::string return_path = Header(object, "Return-Path"); return_path == "<>") {
    walker.MarkAutomatic(AutomaticKind::kBounce, "Return-Path: <>");
  }
  if (envelope_sender == "MAILER-DAEMON" || envelope_sender == "<>") {
    walker.MarkAutomatic(AutomaticKind::kBounce, "envelope sender " + envelope_sender);
  }
  if (IsDaemonMailbox(message.from_address)) {
    walker.MarkAutomatic(AutomaticKind::kBounce, "sent by " + message.from_address);
  }
  std::vector<InternetAddress*> sender;
  CollectMailboxes(g_mime_message_get_sender(GMIME_MESSAGE(object)), sender);
  if (!sender.empty() && IsDaemonMailbox(MailboxAddress(sender.front()))) {
    walker.MarkAutomatic(AutomaticKind::kBounce, "sent by " + MailboxAddress(sender.front()));
  }
}

void ReadAddresses(GMimeMessage* message, Message& out) {
  std::vector<InternetAddress*> from;
  CollectMailboxes(g_mime_message_get_from(message), from);
  if (from.empty()) {
    CollectMailboxes(g_mime_message_get_sender(message), from);
  }
  if (!from.empty()) {
    out.from_address = MailboxAddress(from.front());
    const char* name = internet_address_get_name(from.front());
    out.from_name = name != nullptr ? OneLine(name, 200) : std::string();
  }
  std::vector<InternetAddress*> to;
  CollectMailboxes(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_TO), to);
  CollectMailboxes(g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_CC), to);
  for (InternetAddress* address : to) {
    if (std::string mailbox = MailboxAddress(address); !mailbox.empty()) {
      out.to.push_back(std::move(mailbox));
    }
  }
}

std::optional<Instant> ReadDate(GMimeMessage* message) {
  GDateTime* date = g_mime_message_get_date(message);
  if (date == nullptr) {
    return std::nullopt;
  }
  const gint64 seconds = g_date_time_to_unix(date);
  // Anything before e-mail existed or after 9999 is a forged or broken header.
  if (seconds < 0 || seconds > 253'402'300'799) {
    return std::nullopt;
  }
  return Instant(std::chrono::seconds(seconds));
}

std::string RawSha256(std::string_view raw) {
  GCharPtr hex(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(raw.data()), raw.size()));
  return "sha256-" + std::string(hex ? hex.get() : "");
}

}  // namespace

void InitialiseGMime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

std::string_view AutomaticKindName(AutomaticKind kind) {
  switch (kind) {
    case AutomaticKind::kNone: return "none";
    case AutomaticKind::kAutoReply: return "auto_reply";
    case AutomaticKind::kBounce: return "bounce";
  }
  return "none";
}

Result<Message> ParseMessage(std::string_view raw) {
  if (raw.size() > kMaxMessageBytes) {
    return Error(ErrorCode::kPayloadTooLarge, "The message is larger than 25 MiB");
  }
  if (!StartsWithHeader(raw)) {
    return Error(ErrorCode::kMalformed, "The message does not start with a header");
  }
  if (CountContentTypeHeaders(raw) > kMaxParts) {
    return Error(ErrorCode::kMalformed, "The message has more than 100 MIME parts");
  }
  // An MTA's pipe may put the envelope sender first, mbox style: "From sender date".
  std::string envelope_sender;
  std::string_view body = raw;
  if (body.starts_with("From ")) {
    const std::size_t end = body.find('\n');
    const std::string_view line =
        body.substr(5, end == std::string_view::npos ? body.size() - 5 : end - 5);
    envelope_sender = std::string(line.substr(0, line.find(' ')));
    body.remove_prefix(end == std::string_view::npos ? body.size() : end + 1);
  }
  InitialiseGMime();
  std::unique_ptr<GMimeParserOptions, FreeOptions> options(g_mime_parser_options_new());
  // Raw 8-bit header text is UTF-8 when valid, otherwise Windows text (see ToUtf8).
  std::array<const char*, 3> fallback{"utf-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback.data());
  g_mime_parser_options_set_allow_addresses_without_domain(options.get(), FALSE);

  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message) {
    return Error(ErrorCode::kMalformed, "The message cannot be read as an email");
  }
  auto* object = GMIME_OBJECT(message.get());

  Message out;
  const char* message_id = g_mime_message_get_message_id(message.get());
  if (message_id != nullptr && IsMessageId(message_id)) {
    out.message_id = message_id;
    out.has_message_id = true;
  } else {
    out.message_id = RawSha256(raw);
  }
  out.in_reply_to = ParseIds(options.get(), Header(object, "In-Reply-To"));
  out.references = ParseIds(options.get(), Header(object, "References"));
  ReadAddresses(message.get(), out);
  if (const char* subject = g_mime_message_get_subject(message.get()); subject != nullptr) {
    out.subject = OneLine(subject, kMaxSubjectBytes);
  }
  out.date = ReadDate(message.get());

  Walker walker(out);
  DetectAutomatic(object, envelope_sender, walker, out);
  walker.Walk(g_mime_message_get_mime_part(message.get()), 0);
  if (walker.too_many_parts()) {
    return Error(ErrorCode::kMalformed, "The message has more than 100 MIME parts");
  }
  out.text = walker.TakeText();
  out.new_text = StripQuotedReply(out.text);
  if (out.from_address.empty() && out.text.empty() && out.attachments.empty()) {
    return Error(ErrorCode::kMalformed, "The message has no sender and no content");
  }
  return out;
}

}  // namespace frontdoor::mail
