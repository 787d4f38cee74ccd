// What kind of file an upload really is, judged from its first bytes alone: the name and
// the Content-Type a client sends are never trusted, since anyone can call an executable
// "photo.jpg". Also the safe file name an attachment is stored and offered under. Pure
// functions, so thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

struct MediaType {
  std::string name;       // e.g. "image/jpeg": what the file is served as
  std::string extension;  // e.g. "jpg": the conventional extension, without a dot
};

// The kinds accepted, as a sentence for error messages and documentation.
inline constexpr std::string_view kAllowedMediaTypes =
    "a JPEG, PNG, GIF, WebP or HEIC/HEIF image, a PDF document or a plain text file";

// Identifies `bytes` by its magic numbers: JPEG (FF D8 FF), PNG (its 8-byte signature), GIF
// (GIF87a/GIF89a), WebP (RIFF....WEBP), HEIC/HEIF (an ISO BMFF "ftyp" box with a HEIF brand),
// PDF (%PDF-) or plain text (valid UTF-8 without control characters, not a "#!" script and
// not markup starting with '<', which a browser might run). Anything else, or an empty
// file, fails with kInvalidInput on field "file" naming what is allowed.
[[nodiscard]] Result<MediaType> SniffMediaType(std::string_view bytes);

// The media type that has `extension` (lower case, no dot) as its conventional extension, or
// nullopt when it is not one SniffMediaType can return.
[[nodiscard]] std::optional<MediaType> MediaTypeForExtension(std::string_view extension);

// The media type SniffMediaType returns under that name ("image/png"), or nullopt.
[[nodiscard]] std::optional<MediaType> FindMediaType(std::string_view name);

// A file name safe to store and to put in a Content-Disposition header, made from what the
// client sent: only its last path component, with control characters, quotes, backslashes,
// path and shell separators replaced by '_', invalid UTF-8 dropped, at most 100 bytes, and
// the extension replaced by the one of the real `type` ("holiday.jpg" holding a PNG becomes
// "holiday.png"). Falls back to "attachment.<ext>" when nothing usable remains.
[[nodiscard]] std::string SafeFilename(std::string_view client_name, const MediaType& type);

}  // namespace frontdoor
