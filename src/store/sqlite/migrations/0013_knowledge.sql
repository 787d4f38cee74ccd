-- The knowledge base: articles in Markdown for the public or for staff, every save kept as a
-- version, linked to services; administrators' synonyms for search; "did this answer your
-- question?" feedback; and the search and view log that self-service deflection is measured
-- from. The search index itself lives in memory (search::Index), rebuilt from these rows.
CREATE TABLE kb_article (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  body_html TEXT NOT NULL,
  keywords TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('public', 'staff')),
  state TEXT NOT NULL CHECK (state IN ('draft', 'published')),
  owner_user_id INTEGER REFERENCES staff_user (id),
  owner_team_id INTEGER REFERENCES team (id),
  review_by TEXT,  -- a local date, YYYY-MM-DD
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER
) STRICT;
CREATE INDEX kb_article_updated ON kb_article (updated_at);
CREATE INDEX kb_article_review ON kb_article (review_by) WHERE review_by IS NOT NULL;

CREATE TABLE kb_article_service (
  article_id INTEGER NOT NULL REFERENCES kb_article (id),
  service_id INTEGER NOT NULL REFERENCES service (id),
  PRIMARY KEY (article_id, service_id)
) STRICT;

-- One row per save, the first included: what the article said and who saved it.
CREATE TABLE kb_article_version (
  article_id INTEGER NOT NULL REFERENCES kb_article (id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body_markdown TEXT NOT NULL,
  keywords TEXT NOT NULL,
  audience TEXT NOT NULL,
  state TEXT NOT NULL,
  services TEXT NOT NULL,  -- service codes, comma-separated, as they were
  saved_by TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, version)
) STRICT;

-- A group of phrases that mean the same to searchers, one per line.
CREATE TABLE kb_synonym (
  id INTEGER PRIMARY KEY,
  phrases TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE kb_feedback (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES kb_article (id),
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  comment TEXT,
  session_key TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_feedback_article ON kb_feedback (article_id, created_at);

-- What self-service looked like: searches, article views, and cases raised, by session
-- (an opaque key the portal or desktop gives) and, when known, customer.
CREATE TABLE kb_event (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('search', 'view', 'case')),
  channel TEXT NOT NULL,
  session_key TEXT,
  customer_id INTEGER REFERENCES customer (id),
  query TEXT,
  article_id INTEGER REFERENCES kb_article (id),
  result_count INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX kb_event_created ON kb_event (created_at);
CREATE INDEX kb_event_session ON kb_event (session_key, created_at) WHERE session_key IS NOT NULL;
CREATE INDEX kb_event_customer ON kb_event (customer_id, created_at) WHERE customer_id IS NOT NULL;
