// Use cases for case attachments: photos and documents added to a case by staff or sent by
// an Open311 client. What a file is comes from its content alone (core/media_type.hpp);
// files are stored once per SHA-256 however many cases they belong to. Public attachments
// are served to anyone at /media/<sha256>.<ext>; the others only to staff. No HTTP, no
// SQL. Thread-safe: the context only borrows thread-safe parts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/attachments.hpp"
#include "frontdoor/usecase/cases.hpp"

namespace frontdoor::usecase {

// The largest file accepted: a phone photo is 2-5 MB, a scanned letter less.
inline constexpr std::size_t kMaxAttachmentBytes = std::size_t{10} * 1024 * 1024;
// Enough for any real case; stops one client filling the disk through one case.
inline constexpr std::size_t kMaxAttachmentsPerCase = 50;

// Attaches `bytes` to the case. `filename` is what the client called the file: it is only
// made safe (core SafeFilename), its extension replaced by the real type's. Fails with
// kNotFound for an unknown reference, kPayloadTooLarge over kMaxAttachmentBytes, and
// kInvalidInput on field "file" when the file is empty, not an allowed type, or the case
// already has kMaxAttachmentsPerCase. Stores the file (once), the attachment and an internal
// "attachment" event in one unit of work.
Result<store::AttachmentRecord> AddAttachment(const CaseContext& ctx, const std::string& reference,
                                              const std::string& filename, std::string_view bytes,
                                              bool is_public, const Actor& actor);

// The case's attachments, oldest first; kNotFound for an unknown reference.
Result<std::vector<store::AttachmentRecord>> ListAttachments(const CaseContext& ctx,
                                                             const std::string& reference);

struct AttachmentFile {
  store::AttachmentRecord record;
  std::string content;
};

// One attachment with its bytes; kNotFound when the case is unknown or has no such id.
Result<AttachmentFile> GetAttachment(const CaseContext& ctx, const std::string& reference,
                                     std::int64_t id);

struct MediaFile {
  std::string media_type;
  std::string extension;  // conventional, without the dot
  std::string content;
};

// The file with that digest (64 lower-case hex digits) when some case has it as a public
// attachment; kNotFound otherwise, whether it is private, unknown or not a digest at all.
Result<MediaFile> GetPublicMedia(const CaseContext& ctx, const std::string& sha256);

// Where a public attachment is served, relative to the server's root: "/media/<sha256>.<ext>"
// (Open311 media_url, once joined to the public base URL).
[[nodiscard]] std::string PublicMediaPath(const store::AttachmentRecord& record);

}  // namespace frontdoor::usecase
