-- Case attachments (photos and documents). Files are content-addressed: each distinct file
-- is stored once in attachment_blob under its SHA-256, however many cases it is attached
-- to; case_attachment records each attachment of a file to a case. Instants are
-- microseconds since the Unix epoch, UTC.
CREATE TABLE attachment_blob (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  content BLOB NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE case_attachment (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES service_case (id),
  sha256 TEXT NOT NULL REFERENCES attachment_blob (sha256),
  -- Already made safe (no path, no control characters); its extension follows media_type.
  filename TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  -- Public attachments are served to anyone at /media/<sha256>.<ext> (Open311 media_url).
  is_public INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1)),
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_attachment_case ON case_attachment (case_id, id);
CREATE INDEX case_attachment_sha256 ON case_attachment (sha256, is_public);
