#include "frontdoor/usecase/attachments.hpp"

#include <algorithm>
#include <utility>

#include <boost/json.hpp>

#include "frontdoor/core/media_type.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::usecase {
namespace {

bool IsSha256Hex(std::string_view text) {
  return text.size() == 64 && std::ranges::all_of(text, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Result<store::AttachmentRecord> WriteAttachment(const CaseContext& ctx, const store::CaseRecord& c,
                                                const store::AttachmentRecord& record,
                                                std::string_view bytes) {
  return store::WriteValue<store::AttachmentRecord>(
      ctx.store, [&](store::WriteTx& tx) -> Result<store::AttachmentRecord> {
        store::Attachments attachments(tx);
        auto existing = attachments.ListForCase(c.id);
        if (!existing) {
          return existing.error();
        }
        if (existing->size() >= kMaxAttachmentsPerCase) {
          return Error::Invalid("file", "This case already has " +
                                            std::to_string(kMaxAttachmentsPerCase) +
                                            " attachments, the most it can have");
        }
        if (auto put =
                attachments.PutBlob(record.sha256, record.media_type, bytes, record.created_at);
            !put) {
          return put.error();
        }
        auto inserted = attachments.Insert(record);
        if (!inserted) {
          return inserted.error();
        }
        // Internal even for a public file: the public update feed (Open311
        // servicerequestupdates) carries the council's words, and this event has none.
        store::CaseEventRecord event;
        event.case_id = c.id;
        event.at = record.created_at;
        event.kind = "attachment";
        event.actor = record.actor;
        event.is_public = false;
        event.body = inserted->filename;
        event.data = boost::json::serialize(boost::json::object{
            {"attachment_id", inserted->id},
            {"filename", inserted->filename},
            {"media_type", inserted->media_type},
            {"size", inserted->size},
            {"sha256", inserted->sha256},
            {"public", inserted->is_public},
        });
        if (auto appended = store::Cases(tx).AppendEvent(event); !appended) {
          return appended.error();
        }
        return inserted;
      });
}

}  // namespace

Result<store::AttachmentRecord> AddAttachment(const CaseContext& ctx, const std::string& reference,
                                              const std::string& filename, std::string_view bytes,
                                              bool is_public, const Actor& actor) {
  if (bytes.size() > kMaxAttachmentBytes) {
    return Error(ErrorCode::kPayloadTooLarge,
                 "The file is larger than " + std::to_string(kMaxAttachmentBytes >> 20U) + " MB");
  }
  auto type = SniffMediaType(bytes);
  if (!type) {
    return type.error();
  }
  // Looked up before the write: cases are never deleted, so the id stays good, and a
  // mistyped reference costs no writer time.
  auto c = GetCaseRecord(ctx, reference);
  if (!c) {
    return c.error();
  }
  store::AttachmentRecord record;
  record.case_id = c->id;
  record.sha256 = Sha256Hex(bytes);
  record.filename = SafeFilename(filename, *type);
  record.media_type = type->name;
  record.size = static_cast<std::int64_t>(bytes.size());
  record.is_public = is_public;
  record.actor = actor;
  record.created_at = ctx.clock.Now();
  return WriteAttachment(ctx, *c, record, bytes);
}

Result<std::vector<store::AttachmentRecord>> ListAttachments(const CaseContext& ctx,
                                                             const std::string& reference) {
  auto c = GetCaseRecord(ctx, reference);
  if (!c) {
    return c.error();
  }
  return store::ReadValue<std::vector<store::AttachmentRecord>>(
      ctx.store, [&](store::ReadTx& tx) { return store::Attachments(tx).ListForCase(c->id); });
}

Result<AttachmentFile> GetAttachment(const CaseContext& ctx, const std::string& reference,
                                     std::int64_t id) {
  auto c = GetCaseRecord(ctx, reference);
  if (!c) {
    return c.error();
  }
  return store::ReadValue<AttachmentFile>(
      ctx.store, [&](store::ReadTx& tx) -> Result<AttachmentFile> {
        store::Attachments attachments(tx);
        auto record = attachments.Find(c->id, id);
        if (!record) {
          if (record.error().code() == ErrorCode::kNotFound) {
            return Error::NotFound("Case " + c->reference + " has no attachment " +
                                   std::to_string(id));
          }
          return record.error();
        }
        auto blob = attachments.FindBlob(record->sha256);
        if (!blob) {
          return blob.error();
        }
        return AttachmentFile{std::move(*record), std::move(blob->content)};
      });
}

Result<MediaFile> GetPublicMedia(const CaseContext& ctx, const std::string& sha256) {
  const Error not_found = Error::NotFound("No public file has that address");
  if (!IsSha256Hex(sha256)) {
    return not_found;
  }
  auto blob = store::ReadValue<store::BlobRecord>(
      ctx.store, [&](store::ReadTx& tx) { return store::Attachments(tx).FindPublicBlob(sha256); });
  if (!blob) {
    return blob.error().code() == ErrorCode::kNotFound ? not_found : blob.error();
  }
  const auto type = FindMediaType(blob->media_type);
  if (!type) {
    return Error::Internal("stored file " + sha256 + " has an unknown media type");
  }
  return MediaFile{type->name, type->extension, std::move(blob->content)};
}

std::string PublicMediaPath(const store::AttachmentRecord& record) {
  const auto type = FindMediaType(record.media_type);
  return "/media/" + record.sha256 + "." + (type ? type->extension : "bin");
}

}  // namespace frontdoor::usecase
