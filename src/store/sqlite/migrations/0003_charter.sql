-- The customer charter's data: working calendars (opening hours, closed days, ad-hoc
-- closures) and the service standards. Instants are microseconds since the Unix epoch,
-- UTC; local dates are TEXT YYYY-MM-DD in the calendar's zone.
CREATE TABLE calendar (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  zone TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- At most one default: deadlines need one answer to "which calendar?".
CREATE UNIQUE INDEX calendar_one_default ON calendar (is_default) WHERE is_default = 1;

-- One opening period per weekday (ISO 8601: 1 Monday .. 7 Sunday); a missing weekday is
-- closed. Minutes after local midnight, [opens, closes).
CREATE TABLE calendar_hours (
  calendar_id INTEGER NOT NULL REFERENCES calendar (id) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens_minute INTEGER NOT NULL CHECK (opens_minute >= 0),
  closes_minute INTEGER NOT NULL CHECK (closes_minute <= 1440),
  PRIMARY KEY (calendar_id, weekday),
  CHECK (opens_minute < closes_minute)
) STRICT;

-- Whole local days the calendar is closed: public holidays by rule, holidays imported from
-- GOV.UK's bank-holidays.json (one-off ones included) and closures an administrator adds.
CREATE TABLE calendar_closed_day (
  calendar_id INTEGER NOT NULL REFERENCES calendar (id) ON DELETE CASCADE,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  name TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('rule', 'imported', 'closure')),
  PRIMARY KEY (calendar_id, day)
) STRICT;

-- Ad-hoc closures between two instants (a storm, a system outage), [from_at, to_at).
CREATE TABLE calendar_closure (
  id INTEGER PRIMARY KEY,
  calendar_id INTEGER NOT NULL REFERENCES calendar (id) ON DELETE CASCADE,
  from_at INTEGER NOT NULL,
  to_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  CHECK (from_at < to_at)
) STRICT;
CREATE INDEX calendar_closure_calendar ON calendar_closure (calendar_id, from_at);

-- The charter's promises. measure and unit hold charter::MeasureName / TargetUnitName
-- values; they are checked by the code, so a new measure needs no table rebuild.
CREATE TABLE charter_standard (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  measure TEXT NOT NULL,
  channel TEXT,
  case_type TEXT,
  service_code TEXT,
  unit TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  threshold_percent REAL NOT NULL CHECK (threshold_percent BETWEEN 0 AND 100),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
