-- The service catalogue (departments, teams, services with their Open311 forms, routing
-- rules), customers as far as cases need them, and cases with their append-only history.
-- Instants are microseconds since the Unix epoch, UTC.
CREATE TABLE department (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id INTEGER NOT NULL REFERENCES department (id),
  email TEXT
) STRICT;

CREATE TABLE service (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '',
  group_name TEXT NOT NULL DEFAULT '',
  department_id INTEGER REFERENCES department (id),
  default_team_id INTEGER REFERENCES team (id),
  case_type TEXT NOT NULL CHECK (case_type IN ('request', 'enquiry', 'complaint', 'compliment')),
  channels TEXT NOT NULL,
  -- Set for services another body provides: what to tell the customer instead.
  signpost TEXT,
  -- The Open311 service definition, a JSON array of attributes.
  form TEXT NOT NULL DEFAULT '[]',
  resolve_standard TEXT,
  service_notice TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Which team works a service in an area; the most specific rule wins (ward over any).
CREATE TABLE routing_rule (
  id INTEGER PRIMARY KEY,
  service_id INTEGER REFERENCES service (id),
  ward TEXT,
  team_id INTEGER NOT NULL REFERENCES team (id),
  UNIQUE (service_id, ward)
) STRICT;

CREATE TABLE customer (
  id INTEGER PRIMARY KEY,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  phone TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX customer_email ON customer (email) WHERE email IS NOT NULL;
CREATE INDEX customer_phone ON customer (phone) WHERE phone IS NOT NULL;

-- One sequence per reference prefix and year: BCC-26-000123.
CREATE TABLE reference_sequence (
  prefix TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_value INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
) STRICT;

CREATE TABLE service_case (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  service_id INTEGER NOT NULL REFERENCES service (id),
  status TEXT NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress',
    'awaiting_customer', 'resolved', 'closed', 'reopened')),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  channel TEXT NOT NULL,
  description TEXT NOT NULL,
  address TEXT,
  address_id TEXT,
  postcode TEXT,
  lat REAL,
  lon REAL,
  ward TEXT,
  customer_id INTEGER REFERENCES customer (id),
  team_id INTEGER REFERENCES team (id),
  assignee_id INTEGER REFERENCES staff_user (id),
  status_notes TEXT,
  media_url TEXT,
  source TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  due_at INTEGER,
  closed_at INTEGER
) STRICT;
CREATE INDEX service_case_created ON service_case (created_at);
CREATE INDEX service_case_updated ON service_case (updated_at);
CREATE INDEX service_case_service_created ON service_case (service_id, created_at);
CREATE INDEX service_case_worklist ON service_case (team_id, status, due_at);
CREATE INDEX service_case_place ON service_case (service_id, lat) WHERE lat IS NOT NULL;
CREATE INDEX service_case_customer ON service_case (customer_id) WHERE customer_id IS NOT NULL;

-- Answers to the service's form, in display order.
CREATE TABLE case_attribute (
  case_id INTEGER NOT NULL REFERENCES service_case (id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (case_id, position)
) STRICT;

CREATE TABLE case_link (
  case_id INTEGER NOT NULL REFERENCES service_case (id),
  other_case_id INTEGER NOT NULL REFERENCES service_case (id),
  kind TEXT NOT NULL CHECK (kind IN ('duplicate_of', 'related')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, other_case_id),
  CHECK (case_id <> other_case_id)
) STRICT;

-- Everything that happened to a case, in order. Never updated or deleted.
CREATE TABLE case_event (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES service_case (id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'routed', 'assigned', 'status', 'note',
    'public_update', 'customer_comment', 'linked', 'attachment', 'priority')),
  actor TEXT NOT NULL,
  is_public INTEGER NOT NULL DEFAULT 0,
  status TEXT,
  body TEXT,
  data TEXT,
  -- A client's own id for the event (Open311 update_id), so a retried post is not doubled.
  external_id TEXT
) STRICT;
CREATE INDEX case_event_case ON case_event (case_id, id);
CREATE INDEX case_event_public_at ON case_event (at) WHERE is_public = 1;
CREATE UNIQUE INDEX case_event_external ON case_event (case_id, external_id)
  WHERE external_id IS NOT NULL;

CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
BEGIN
  SELECT RAISE(ABORT, 'case_event is append-only');
END;
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
BEGIN
  SELECT RAISE(ABORT, 'case_event is append-only');
END;
