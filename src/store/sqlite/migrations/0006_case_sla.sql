-- SLA clocks: one per case and applicable charter standard, with the target copied at the start
-- (a standard edited later does not move promises already made). Instants are microseconds
-- since the Unix epoch, UTC.
CREATE TABLE case_sla (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES service_case (id),
  standard_code TEXT NOT NULL,
  measure TEXT NOT NULL,
  unit TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  started_at INTEGER NOT NULL,
  -- NULL while paused: the due instant is not known until the customer answers.
  due_at INTEGER,
  -- When the clock turns at risk if nothing changes; NULL while paused or stopped.
  at_risk_at INTEGER,
  paused_since INTEGER,
  -- Microseconds of finished pauses, wall-clock time, for reporting.
  paused_total INTEGER NOT NULL DEFAULT 0 CHECK (paused_total >= 0),
  stopped_at INTEGER,
  state TEXT NOT NULL CHECK (state IN ('on_track', 'at_risk', 'breached', 'met', 'missed',
    'paused')),
  state_changed_at INTEGER NOT NULL,
  UNIQUE (case_id, standard_code)
) STRICT;
-- Worklists sort by due_at; the sweep looks for running clocks whose moment has come.
CREATE INDEX case_sla_due ON case_sla (due_at) WHERE stopped_at IS NULL;
CREATE INDEX case_sla_at_risk ON case_sla (at_risk_at) WHERE stopped_at IS NULL;
-- Performance reports read a period of clocks by their start.
CREATE INDEX case_sla_started ON case_sla (started_at, standard_code);

-- Every pause of a clock, [from_at, to_at); to_at NULL while it lasts. The due instant is
-- recomputed from all of them when the clock resumes.
CREATE TABLE case_sla_pause (
  sla_id INTEGER NOT NULL REFERENCES case_sla (id),
  from_at INTEGER NOT NULL,
  to_at INTEGER,
  PRIMARY KEY (sla_id, from_at),
  CHECK (to_at IS NULL OR to_at >= from_at)
) STRICT;
