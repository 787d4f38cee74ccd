// Repository for case attachments. File contents are content-addressed: stored once per
// distinct SHA-256 in attachment_blob, however many cases they are attached to. The
// repository trusts its caller for the digest, the media type and the safe file name (the
// attachment use cases compute them); it only stores and finds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::store {

struct AttachmentRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string sha256;      // lower-case hex of the content's SHA-256
  std::string filename;    // safe to show and to send in a header
  std::string media_type;  // judged from the content, e.g. "image/png"
  std::int64_t size = 0;   // bytes
  bool is_public = false;  // shown to the customer and to Open311 clients
  std::string actor;       // who attached it, as CaseEventRecord::actor
  Instant created_at;
};

struct BlobRecord {
  std::string sha256;
  std::string media_type;
  std::string content;
};

class Attachments {
 public:
  explicit Attachments(ReadTx& tx) : session_(tx.session()) {}

  // Stores the content under its digest unless it is already there; true when it was new.
  // Safe against a concurrent writer storing the same file.
  Result<bool> PutBlob(const std::string& sha256, const std::string& media_type,
                       std::string_view content, Instant now);
  // The stored file; kNotFound when no file has that digest.
  Result<BlobRecord> FindBlob(const std::string& sha256);
  // The stored file when at least one case has it as a public attachment; kNotFound
  // otherwise, so a private file cannot be told apart from a missing one.
  Result<BlobRecord> FindPublicBlob(const std::string& sha256);

  // Inserts the attachment (the blob must exist) and returns it with its id.
  Result<AttachmentRecord> Insert(const AttachmentRecord& record);
  // The case's attachments, oldest first.
  Result<std::vector<AttachmentRecord>> ListForCase(std::int64_t case_id);
  // kNotFound when the case has no attachment with that id.
  Result<AttachmentRecord> Find(std::int64_t case_id, std::int64_t id);

 private:
  SqlSession& session_;
};

}  // namespace frontdoor::store
