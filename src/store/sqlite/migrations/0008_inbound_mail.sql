-- Email taken in by the mail gateway (`frontdoor mailgate`, POST /api/v1/inbound/email): one
-- row per Message-ID, so that a message delivered twice (an MTA retrying after a timeout,
-- the same mail sent to two of the council's addresses) raises one case or comment, and so
-- that a later message naming it in In-Reply-To or References threads onto the same case.
-- A row without an outcome is a claim: the message is being taken in now. Instants are
-- microseconds since the Unix epoch, UTC.
CREATE TABLE inbound_message (
  id INTEGER PRIMARY KEY,
  -- Without angle brackets; "sha256-<hex>" of the raw message when it had none.
  message_id TEXT NOT NULL UNIQUE,
  case_id INTEGER REFERENCES service_case (id),
  outcome TEXT CHECK (outcome IN ('case_raised', 'comment')),
  from_address TEXT,
  received_at INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX inbound_message_case ON inbound_message (case_id) WHERE case_id IS NOT NULL;
