-- Staff sign-in: sessions of the staff desktop and every sign-in attempt, in the database so
-- that several nodes share them. Instants are microseconds since the Unix epoch, UTC.
CREATE TABLE staff_session (
  id INTEGER PRIMARY KEY,
  -- SHA-256 (hex) of the cookie's 256-bit token: a copy of this table signs nobody in.
  token_digest TEXT NOT NULL UNIQUE,
  staff_id INTEGER NOT NULL REFERENCES staff_user (id),
  -- Sent back with every unsafe request made with the cookie (form field or header).
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip TEXT NOT NULL
) STRICT;
CREATE INDEX staff_session_staff ON staff_session (staff_id);
CREATE INDEX staff_session_seen ON staff_session (last_seen_at);

-- Attempts are kept by the email typed, known or not, so that lockout answers the same for
-- an address nobody has; and by client address, for the per-address limit.
CREATE TABLE sign_in_attempt (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  ip TEXT NOT NULL,
  at INTEGER NOT NULL,
  succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
) STRICT;
CREATE INDEX sign_in_attempt_email ON sign_in_attempt (email, at);
CREATE INDEX sign_in_attempt_ip ON sign_in_attempt (ip, at);
