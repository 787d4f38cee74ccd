-- Idempotency-Key on creates (POST /api/v1/cases, /customers, /interactions and Open311 POST
-- requests): the answer given to the first request with a key, so that a client retrying after
-- a timeout gets that answer again instead of making a second case. A row is written in the
-- same transaction as what its request created, so one never exists without the other. Keys
-- live 24 hours; the periodic sweep deletes older ones. Instants are microseconds since the
-- Unix epoch, UTC.
CREATE TABLE idempotency_key (
  -- Whose key: the actor of the client's API key ("apikey:crm", "open311:fixmystreet"), so two
  -- clients choosing the same key never meet.
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  -- SHA-256 (hex) of the method, target and body: the same key with another request is refused.
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  location TEXT,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
