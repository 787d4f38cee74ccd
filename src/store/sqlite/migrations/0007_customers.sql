-- The single customer view: people and organisations with their contact points,
-- preferences, consent and a restricted marker; every contact on every channel
-- (interactions); merges of duplicate records, kept so that they can be undone.
ALTER TABLE customer ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
  CHECK (kind IN ('person', 'organisation'));
ALTER TABLE customer ADD COLUMN organisation_name TEXT;
ALTER TABLE customer ADD COLUMN title TEXT;
-- NormaliseName of the name, for candidate searches.
ALTER TABLE customer ADD COLUMN search_name TEXT;
ALTER TABLE customer ADD COLUMN address TEXT;
ALTER TABLE customer ADD COLUMN postcode TEXT;
ALTER TABLE customer ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ga'));
ALTER TABLE customer ADD COLUMN preferred_channel TEXT;
-- JSON array of needs: large_print, braille, bsl, isl, easy_read, hearing_loop, interpreter.
ALTER TABLE customer ADD COLUMN accessibility TEXT NOT NULL DEFAULT '[]';
ALTER TABLE customer ADD COLUMN interpreter_language TEXT;
ALTER TABLE customer ADD COLUMN consent_contact INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN consent_research INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer ADD COLUMN merged_into INTEGER REFERENCES customer (id);
CREATE INDEX customer_search_name ON customer (search_name) WHERE search_name IS NOT NULL;
CREATE INDEX customer_postcode ON customer (postcode) WHERE postcode IS NOT NULL;

-- Every email address and telephone number a customer has used (normalised), the
-- primary ones included, so that any of them finds the customer again.
CREATE TABLE customer_contact_point (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (customer_id, kind, value)
) STRICT;
CREATE INDEX customer_contact_point_value ON customer_contact_point (kind, value);

CREATE TABLE interaction (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customer (id),
  case_id INTEGER REFERENCES service_case (id),
  channel TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  agent_id INTEGER REFERENCES staff_user (id),
  outcome TEXT NOT NULL CHECK (outcome IN ('resolved_first_contact', 'case_raised',
    'signposted', 'transferred', 'abandoned', 'information_given')),
  service_id INTEGER REFERENCES service (id),
  summary TEXT NOT NULL DEFAULT '',
  -- JSON array of knowledge article ids used.
  articles TEXT NOT NULL DEFAULT '[]',
  actor TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX interaction_customer ON interaction (customer_id, started_at)
  WHERE customer_id IS NOT NULL;
CREATE INDEX interaction_case ON interaction (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX interaction_started ON interaction (started_at);

-- One row per merge: what moved, so that undoing it moves exactly that back.
CREATE TABLE customer_merge (
  id INTEGER PRIMARY KEY,
  from_customer_id INTEGER NOT NULL REFERENCES customer (id),
  into_customer_id INTEGER NOT NULL REFERENCES customer (id),
  merged_at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  moved TEXT NOT NULL,
  undone_at INTEGER,
  undone_by TEXT
) STRICT;
CREATE INDEX customer_merge_from ON customer_merge (from_customer_id);

-- The words of each customer's search name, so that candidates sharing a word prefix
-- ("smi" finds "smith" and "smyth" by "sm") are found by index, not by scanning.
CREATE TABLE customer_name_token (
  token TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customer (id),
  PRIMARY KEY (token, customer_id)
) STRICT;
