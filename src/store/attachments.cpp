#include "frontdoor/store/attachments.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

constexpr std::string_view kColumns =
    "id, case_id, sha256, filename, media_type, size, is_public, actor, created_at";

AttachmentRecord ReadAttachment(const SqlRow& row) {
  AttachmentRecord record;
  record.id = row.Int(0);
  record.case_id = row.Int(1);
  record.sha256 = row.String(2);
  record.filename = row.String(3);
  record.media_type = row.String(4);
  record.size = row.Int(5);
  record.is_public = row.Int(6) != 0;
  record.actor = row.String(7);
  record.created_at = FromUnixMicros(row.Int(8));
  return record;
}

BlobRecord ReadBlob(const SqlRow& row) {
  return {row.String(0), row.String(1), row.Blob(2)};
}

}  // namespace

Result<bool> Attachments::PutBlob(const std::string& sha256, const std::string& media_type,
                                  std::string_view content, Instant now) {
  // ON CONFLICT DO NOTHING rather than a look-up first: two cases receiving the same photo
  // at the same moment must both succeed, and the file be stored once.
  auto inserted = session_.Exec(
      "INSERT INTO attachment_blob (sha256, media_type, size, content, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
      {std::string_view{sha256}, std::string_view{media_type},
       static_cast<std::int64_t>(content.size()), SqlBlob{content}, ToUnixMicros(now)});
  if (!inserted) {
    return inserted.error();
  }
  return *inserted > 0;
}

Result<BlobRecord> Attachments::FindBlob(const std::string& sha256) {
  return QueryOne<BlobRecord>(
      session_, "SELECT sha256, media_type, content FROM attachment_blob WHERE sha256 = ?",
      {std::string_view{sha256}}, ReadBlob, "File");
}

Result<BlobRecord> Attachments::FindPublicBlob(const std::string& sha256) {
  return QueryOne<BlobRecord>(
      session_,
      "SELECT b.sha256, b.media_type, b.content FROM attachment_blob b WHERE b.sha256 = ? "
      "AND EXISTS (SELECT 1 FROM case_attachment a WHERE a.sha256 = b.sha256 "
      "AND a.is_public = 1)",
      {std::string_view{sha256}}, ReadBlob, "File");
}

Result<AttachmentRecord> Attachments::Insert(const AttachmentRecord& record) {
  return QueryOne<AttachmentRecord>(
      session_,
      "INSERT INTO case_attachment (case_id, sha256, filename, media_type, size, is_public, "
      "actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING " +
          std::string(kColumns),
      {record.case_id, std::string_view{record.sha256}, std::string_view{record.filename},
       std::string_view{record.media_type}, record.size, std::int64_t{record.is_public ? 1 : 0},
       std::string_view{record.actor}, ToUnixMicros(record.created_at)},
      ReadAttachment, "Attachment");
}

Result<std::vector<AttachmentRecord>> Attachments::ListForCase(std::int64_t case_id) {
  return QueryAll<AttachmentRecord>(
      session_,
      "SELECT " + std::string(kColumns) + " FROM case_attachment WHERE case_id = ? ORDER BY id",
      {case_id}, ReadAttachment);
}

Result<AttachmentRecord> Attachments::Find(std::int64_t case_id, std::int64_t id) {
  return QueryOne<AttachmentRecord>(
      session_,
      "SELECT " + std::string(kColumns) + " FROM case_attachment WHERE case_id = ? AND id = ?",
      {case_id, id}, ReadAttachment, "Attachment");
}

}  // namespace frontdoor::store
