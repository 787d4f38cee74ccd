-- Who may call Frontdoor: Open311 API keys (stored as digests) and staff users.
CREATE TABLE api_key (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  key_digest TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;

CREATE TABLE staff_user (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('agent', 'officer', 'manager', 'admin')),
  department TEXT,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
) STRICT;
