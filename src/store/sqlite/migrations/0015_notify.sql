-- Outgoing email and citizen sign-in by an emailed one-time code. Instants are microseconds
-- since the Unix epoch, UTC.

-- The transactional outbox: a message is written in the same transaction as what causes it
-- (a case raised, a code asked for), so it is sent if and only if that commits. The delivery
-- worker claims due rows, sends them over SMTP and records the outcome.
CREATE TABLE outbound_message (
  id INTEGER PRIMARY KEY,
  -- The RFC 5322 Message-ID, without angle brackets: a reply names it in In-Reply-To, and
  -- the mail intake threads the reply onto case_id.
  message_id TEXT NOT NULL UNIQUE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT,
  template_code TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('en', 'ga')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  -- queued: when the next attempt is due; sending: when the claim lapses (a node that died
  -- while sending leaves the row to be claimed again then).
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER,
  case_id INTEGER REFERENCES service_case (id)
) STRICT;
CREATE INDEX outbound_message_due ON outbound_message (next_attempt_at)
  WHERE status IN ('queued', 'sending');
CREATE INDEX outbound_message_case ON outbound_message (case_id) WHERE case_id IS NOT NULL;

-- One-time sign-in codes, kept by the email typed whether or not any customer has it, so the
-- answer never tells who is known. Only a digest of the code is stored.
CREATE TABLE citizen_sign_in_code (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  -- SHA-256 (hex) of the row's salt and the code.
  code_digest TEXT NOT NULL,
  salt TEXT NOT NULL,
  ip TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  guesses INTEGER NOT NULL DEFAULT 0,
  used_at INTEGER
) STRICT;
CREATE INDEX citizen_sign_in_code_email ON citizen_sign_in_code (email, created_at);
CREATE INDEX citizen_sign_in_code_ip ON citizen_sign_in_code (ip, created_at);

-- Citizen sessions, apart from the staff ones: a citizen session grants only "my requests".
CREATE TABLE citizen_session (
  id INTEGER PRIMARY KEY,
  -- SHA-256 (hex) of the cookie's 256-bit token.
  token_digest TEXT NOT NULL UNIQUE,
  -- The verified address; the citizen's requests are the cases of customers with it.
  email TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  ip TEXT NOT NULL
) STRICT;
CREATE INDEX citizen_session_seen ON citizen_session (last_seen_at);
