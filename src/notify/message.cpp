#include "frontdoor/notify/message.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include <sodium.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::notify {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 2045 6.7: encoded lines at most 76 characters, the soft break's '=' included.
constexpr std::size_t kQpLine = 75;
// RFC 2047 2: an encoded word at most 75 characters; 45 bytes make 60 in base64, plus 12
// for "=?UTF-8?B?" and "?=".
constexpr std::size_t kWordBytes = 45;
// Quoted-printable writes '=' as "=3D", so no encoded body can hold a line starting "=_".
constexpr std::string_view kBoundary = "=_frontdoor_alternative";

bool IsControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

// Header injection: a CR or LF would end the header and start another (or the body).
Result<void> CheckHeaderText(std::string_view field, std::string_view value) {
  for (const char c : value) {
    if (IsControl(static_cast<unsigned char>(c))) {
      return Error::Invalid(std::string(field),
                            "Must not contain line breaks or control characters");
    }
  }
  if (!IsValidUtf8(value)) {
    return Error::Invalid(std::string(field), "Must be UTF-8 text");
  }
  return {};
}

// A plain addr-spec in ASCII: what we write between angle brackets and give to MAIL FROM and
// RCPT TO, where nothing else may go.
Result<void> CheckAddress(std::string_view field, std::string_view address) {
  if (auto text = CheckHeaderText(field, address); !text) {
    return text;
  }
  const auto at = address.find('@');
  bool plain = at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
               address.find('@', at + 1) == std::string_view::npos && address.size() <= 254;
  for (const char c : address) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::string_view(" <>,;:\"()[]\\").find(c) != std::string_view::npos) {
      plain = false;
    }
  }
  if (!plain) {
    return Error::Invalid(std::string(field), "Must be one email address, like name@example.com");
  }
  return {};
}

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool IsPlainPhrase(std::string_view text) {
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == ' ' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

void AppendQpLine(std::string& out, std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    // Trailing white space would be lost in transit (RFC 2045 6.7 rule 3), and a dot at the
    // start of a line could end the SMTP data early on a relay that does not stuff dots.
    const bool literal = (c >= 33 && c <= 126 && c != '=' && !(c == '.' && width == 0)) ||
                         ((c == ' ' || c == '\t') && !last);
    std::string piece;
    if (literal) {
      piece = std::string(1, static_cast<char>(c));
    } else {
      std::array<char, 4> hex{};
      std::snprintf(hex.data(), hex.size(), "=%02X", c);
      piece = hex.data();
    }
    if (width + piece.size() > kQpLine) {
      out += "=";
      out += kCrlf;
      width = 0;
      if (piece == ".") {
        piece = "=2E";
      }
    }
    out += piece;
    width += piece.size();
  }
}

}  // namespace

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    const bool has_break = end != std::string_view::npos;
    if (!has_break) {
      end = text.size();
    }
    AppendQpLine(out, text.substr(start, end - start));
    if (!has_break) {
      break;
    }
    out += kCrlf;
    // CRLF, LF and CR alone are each one line break.
    start = end + (text.substr(end).starts_with("\r\n") ? 2 : 1);
  }
  return out;
}

std::string EncodeHeaderWords(std::string_view text) {
  bool plain = text.size() <= 70;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      plain = false;
    }
  }
  // "=?" in plain text would be read as the start of an encoded word.
  if (plain && text.find("=?") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kWordBytes);
    // Never split a UTF-8 sequence between two words (RFC 2047 5: each word stands alone).
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) {
      out += "\r\n ";
    }
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string DateHeader(Instant at) {
  using std::chrono::floor;
  const auto seconds = floor<std::chrono::seconds>(at);
  const auto day = floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss time(seconds - day);
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::array<char, 48> out{};
  std::snprintf(out.data(), out.size(), "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays.at(std::chrono::weekday(day).c_encoding()), static_cast<unsigned>(ymd.day()),
                kMonths.at(static_cast<unsigned>(ymd.month()) - 1), static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out.data();
}

std::string NewMessageId(std::string_view domain, Instant now) {
  std::array<char, 17> micros{};
  std::snprintf(micros.data(), micros.size(), "%016llx",
                static_cast<unsigned long long>(ToUnixMicros(now)));
  return std::string(micros.data()) + "." + usecase::RandomHex(8) + "@" + std::string(domain);
}

std::string DomainOf(std::string_view address) {
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size()) {
    return "localhost";
  }
  return std::string(address.substr(at + 1));
}

Result<std::string> BuildMessage(const OutgoingMail& mail) {
  std::vector<FieldError> errors;
  const auto check = [&errors](const Result<void>& checked) {
    if (!checked) {
      const Error error = checked.error();
      errors.insert(errors.end(), error.field_errors().begin(), error.field_errors().end());
    }
  };
  check(CheckAddress("from", mail.from));
  check(CheckHeaderText("from_name", mail.from_name));
  check(CheckAddress("to", mail.to));
  check(CheckHeaderText("subject", mail.subject));
  check(CheckAddress("message_id", mail.message_id));
  if (!IsValidUtf8(mail.text_body)) {
    errors.push_back({"text_body", "Must be UTF-8 text"});
  }
  if (mail.html_body && !IsValidUtf8(*mail.html_body)) {
    errors.push_back({"html_body", "Must be UTF-8 text"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  std::string out;
  const auto header = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += kCrlf;
  };
  header("Date", DateHeader(mail.date));
  std::string from = "<" + mail.from + ">";
  if (!mail.from_name.empty()) {
    from = (IsPlainPhrase(mail.from_name) ? mail.from_name : EncodeHeaderWords(mail.from_name)) +
           " " + from;
  }
  header("From", from);
  header("To", "<" + mail.to + ">");
  header("Subject", EncodeHeaderWords(mail.subject));
  header("Message-ID", "<" + mail.message_id + ">");
  header("MIME-Version", "1.0");
  // RFC 3834: out-of-office replies and other robots must not answer.
  header("Auto-Submitted", "auto-generated");
  const auto text_part = [&](std::string_view type, std::string_view body) {
    header("Content-Type", std::string(type) + "; charset=utf-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    out += kCrlf;
    out += QuotedPrintable(body);
    out += kCrlf;
  };
  if (!mail.html_body) {
    text_part("text/plain", mail.text_body);
    return out;
  }
  header("Content-Type", "multipart/alternative; boundary=\"" + std::string(kBoundary) + "\"");
  out += kCrlf;
  out += "--" + std::string(kBoundary) + std::string(kCrlf);
  text_part("text/plain", mail.text_body);
  out += "--" + std::string(kBoundary) + std::string(kCrlf);
  text_part("text/html", *mail.html_body);
  out += "--" + std::string(kBoundary) + "--" + std::string(kCrlf);
  return out;
}

}  // namespace frontdoor::notify
