#include "frontdoor/core/media_type.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "frontdoor/core/text.hpp"

namespace frontdoor {
namespace {

struct Known {
  std::string_view name;
  std::string_view extension;
};

constexpr Known kJpeg{"image/jpeg", "jpg"};
constexpr Known kPng{"image/png", "png"};
constexpr Known kGif{"image/gif", "gif"};
constexpr Known kWebp{"image/webp", "webp"};
constexpr Known kHeic{"image/heic", "heic"};
constexpr Known kHeif{"image/heif", "heif"};
constexpr Known kPdf{"application/pdf", "pdf"};
constexpr Known kText{"text/plain", "txt"};
constexpr std::array<Known, 8> kKnown{kJpeg, kPng, kGif, kWebp, kHeic, kHeif, kPdf, kText};

MediaType Make(const Known& known) {
  return {std::string(known.name), std::string(known.extension)};
}

std::uint32_t BigEndian32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    value = (value << 8U) | static_cast<unsigned char>(bytes[at + i]);
  }
  return value;
}

// HEIF brands (ISO/IEC 23008-12 annex B): the HEVC-coded ones are "HEIC" to everyone,
// including the iPhone that sends most of them.
bool IsHevcBrand(std::string_view brand) {
  static constexpr std::array<std::string_view, 8> kBrands{"heic", "heix", "heim", "heis",
                                                           "hevc", "hevx", "hevm", "hevs"};
  return std::ranges::find(kBrands, brand) != kBrands.end();
}

bool IsGenericHeifBrand(std::string_view brand) {
  return brand == "mif1" || brand == "msf1" || brand == "mif2";
}

// An ISO base media file starts with an "ftyp" box: size (32 bits), "ftyp", major brand,
// minor version, then compatible brands to the end of the box. AVIF shares the generic
// brands, so a file that lists an AV1 brand is not taken for HEIF.
std::optional<Known> SniffHeif(std::string_view bytes) {
  if (bytes.size() < 16 || bytes.substr(4, 4) != "ftyp") {
    return std::nullopt;
  }
  const std::size_t box_size = BigEndian32(bytes, 0);
  if (box_size < 16 || box_size % 4 != 0) {
    return std::nullopt;
  }
  const std::string_view major = bytes.substr(8, 4);
  const std::size_t end = std::min(box_size, bytes.size());
  bool lists_hevc = IsHevcBrand(major);
  bool lists_av1 = false;
  for (std::size_t at = 16; at + 4 <= end; at += 4) {
    const std::string_view brand = bytes.substr(at, 4);
    lists_hevc = lists_hevc || IsHevcBrand(brand);
    lists_av1 = lists_av1 || brand == "avif" || brand == "avis";
  }
  if (lists_hevc) {
    return kHeic;
  }
  if (IsGenericHeifBrand(major) && !lists_av1) {
    return kHeif;
  }
  return std::nullopt;
}

bool IsAllowedControl(unsigned char c) {
  return c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Plain text is accepted only when nothing could take it for something to run: a script
// with a "#!" line, or HTML/SVG/XML that a browser would render if it ever ignored our
// Content-Type and X-Content-Type-Options.
bool IsHarmlessText(std::string_view bytes) {
  if (!IsValidUtf8(bytes)) {
    return false;
  }
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20U && !IsAllowedControl(byte)) || byte == 0x7FU) {
      return false;
    }
  }
  std::string_view text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  if (text.starts_with("#!")) {
    return false;
  }
  const auto first = text.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) {
    return false;  // nothing but white space is not a document
  }
  return text[first] != '<';
}

std::optional<Known> Sniff(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xD8\xFF")) {
    return kJpeg;
  }
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) {
    return kPng;
  }
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) {
    return kGif;
  }
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return kWebp;
  }
  if (auto heif = SniffHeif(bytes)) {
    return heif;
  }
  if (bytes.starts_with("%PDF-")) {
    return kPdf;
  }
  if (IsHarmlessText(bytes)) {
    return kText;
  }
  return std::nullopt;
}

// Invisible characters that reorder or hide text: "gpj.exe" written right to left shows as
// "exe.jpg" to a person. U+200B..U+200F, U+202A..U+202E, U+2066..U+2069, U+FEFF.
bool IsDeceptive(std::string_view sequence) {
  if (sequence == "\xEF\xBB\xBF") {
    return true;
  }
  if (sequence.size() != 3 || static_cast<unsigned char>(sequence[0]) != 0xE2U) {
    return false;
  }
  const auto b1 = static_cast<unsigned char>(sequence[1]);
  const auto b2 = static_cast<unsigned char>(sequence[2]);
  if (b1 == 0x80U) {
    return (b2 >= 0x8BU && b2 <= 0x8FU) || (b2 >= 0xAAU && b2 <= 0xAEU);
  }
  return b1 == 0x81U && b2 >= 0xA6U && b2 <= 0xA9U;
}

bool IsSafeAscii(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view(" .-_()+,@'").find(c) != std::string_view::npos;
}

std::size_t LeadLength(unsigned char lead) {
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return 2;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    return 4;
  }
  return 0;
}

// Every character of `name` kept, replaced by '_' or dropped (invalid UTF-8).
std::string CleanCharacters(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  std::size_t i = 0;
  while (i < name.size()) {
    const auto lead = static_cast<unsigned char>(name[i]);
    if (lead < 0x80U) {
      out += IsSafeAscii(name[i]) ? name[i] : '_';
      ++i;
      continue;
    }
    const std::size_t length = LeadLength(lead);
    const std::string_view sequence = name.substr(i, length);
    if (length == 0 || !IsValidUtf8(sequence) || sequence.size() != length) {
      ++i;
      continue;
    }
    if (IsDeceptive(sequence)) {
      out += '_';
    } else {
      out += sequence;
    }
    i += length;
  }
  return out;
}

std::string_view TrimDotsAndSpaces(std::string_view text) {
  const auto first = text.find_first_not_of(". ");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(". ");
  return text.substr(first, last - first + 1);
}

constexpr std::size_t kMaxFilenameBytes = 100;

}  // namespace

Result<MediaType> SniffMediaType(std::string_view bytes) {
  if (bytes.empty()) {
    return Error::Invalid("file", "The file is empty");
  }
  if (auto known = Sniff(bytes)) {
    return Make(*known);
  }
  return Error::Invalid("file", "The file must be " + std::string(kAllowedMediaTypes) +
                                    "; its contents are not one of these");
}

std::optional<MediaType> MediaTypeForExtension(std::string_view extension) {
  for (const Known& known : kKnown) {
    if (known.extension == extension) {
      return Make(known);
    }
  }
  return std::nullopt;
}

std::optional<MediaType> FindMediaType(std::string_view name) {
  for (const Known& known : kKnown) {
    if (known.name == name) {
      return Make(known);
    }
  }
  return std::nullopt;
}

std::string SafeFilename(std::string_view client_name, const MediaType& type) {
  const auto slash = client_name.find_last_of("/\\");
  if (slash != std::string_view::npos) {
    client_name.remove_prefix(slash + 1);
  }
  const std::string cleaned = CleanCharacters(client_name);
  std::string_view stem = TrimDotsAndSpaces(cleaned);
  // The client's extension says nothing true about the content: the sniffed one replaces it.
  if (const auto dot = stem.rfind('.'); dot != std::string_view::npos) {
    stem = TrimDotsAndSpaces(stem.substr(0, dot));
  }
  const std::size_t room = kMaxFilenameBytes - type.extension.size() - 1;
  std::string name = TruncateUtf8(stem, room);
  while (!name.empty() && (name.back() == ' ' || name.back() == '.')) {
    name.pop_back();
  }
  if (name.empty()) {
    name = "attachment";
  }
  return name + "." + type.extension;
}

}  // namespace frontdoor
