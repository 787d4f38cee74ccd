// Text of an email made fit to store: decoded from its declared charset to UTF-8, HTML turned
// into readable text, quoted replies cut off, line ends and control characters cleaned. Pure
// functions, so thread-safe; private to the mail module.
#pragma once

#include <string>
#include <string_view>

namespace frontdoor::mail {

// Appends `code_point` encoded as UTF-8; surrogates and values above U+10FFFF as U+FFFD.
void AppendCodePoint(std::string& out, char32_t code_point);

// `bytes` decoded from Windows-1252 (the WHATWG reading of "iso-8859-1" and unlabelled 8-bit
// text). The five undefined bytes become U+FFFD.
[[nodiscard]] std::string DecodeWindows1252(std::string_view bytes);

// `bytes` in the charset `label` (a MIME charset name, any case) as UTF-8. Unlabelled text is
// taken as UTF-8 when it is valid, else Windows-1252; Latin-1 and ASCII labels are read as
// Windows-1252, which is what such mail really is; an unknown label or bytes invalid in the
// declared charset fall back the same way. The result is always valid UTF-8.
[[nodiscard]] std::string ToUtf8(std::string_view bytes, std::string_view label);

// `text` (UTF-8) with "\r\n" and lone "\r" as "\n", NUL and other control characters but tab
// and newline removed (PostgreSQL refuses NUL in text), a leading byte-order mark dropped,
// trailing spaces cut from each line, and at most one blank line in a row.
[[nodiscard]] std::string CleanText(std::string_view text);

// Joins the soft line breaks of format=flowed text (RFC 3676 section 4.2): a line ending in
// a space continues on the next, except the signature separator "-- ". With `delete_space`
// (DelSp=yes) that trailing space is removed when joining.
[[nodiscard]] std::string Unflow(std::string_view text, bool delete_space);

// Readable text from an HTML body: tags removed, script/style/head contents dropped, entities
// decoded, runs of white space collapsed except inside <pre>, a line break for <br> and each
// block element (paragraphs separated by a blank line, list items as "- "), and a link's
// address kept after its text when the text does not already show it. Linear time.
[[nodiscard]] std::string HtmlToText(std::string_view html);

// What a reply adds to the conversation: `text` cut before the first quoted-message header
// ("On <date>, <name> wrote:", possibly wrapped over two lines; "-----Original Message-----";
// an Outlook rule of underscores or a "From:" line followed by "Sent:"/"Date:" within the
// next lines), with every line starting '>' removed. When the reply is written below the
// quote (nothing before the header), the header line is dropped and the text kept. When
// nothing would be left, `text` unchanged.
[[nodiscard]] std::string StripQuotedReply(std::string_view text);

}  // namespace frontdoor::mail
