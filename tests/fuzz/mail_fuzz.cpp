// libFuzzer target for the mail gateway's parser (mail::ParseMessage): every byte of an inbound
// email comes from a stranger. Besides not crashing (ASan, UBSan), the parser must keep its
// promises: text that is valid UTF-8 without NUL or control characters, and a Message-ID.
//   cmake -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang -DFRONTDOOR_FUZZ=ON
//   cmake --build build-fuzz --target fd_mail_fuzz
//   mkdir -p /tmp/mail-corpus && build-fuzz/tests/fuzz/fd_mail_fuzz /tmp/mail-corpus
//   tests/data/mail
// (new inputs are written to the first directory, so the checked-in corpus stays as it is).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "frontdoor/core/text.hpp"
#include "frontdoor/mail/message.hpp"

namespace {

bool IsClean(std::string_view text) {
  if (!frontdoor::IsValidUtf8(text)) {
    return false;
  }
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) {
      return false;
    }
  }
  return true;
}

bool IsOneLine(std::string_view text) {
  return frontdoor::IsValidUtf8(text) && text.find_first_of("\r\n") == std::string_view::npos &&
         text.find('\0') == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto message = frontdoor::mail::ParseMessage(raw);
  if (!message) {
    return 0;
  }
  if (!IsClean(message->text) || !IsClean(message->new_text) || !IsOneLine(message->subject) ||
      !IsOneLine(message->from_name) || !IsOneLine(message->from_address) ||
      message->message_id.empty()) {
    __builtin_trap();
  }
  for (const auto& attachment : message->attachments) {
    if (!IsOneLine(attachment.filename) || attachment.content.empty()) {
      __builtin_trap();
    }
  }
  return 0;
}
