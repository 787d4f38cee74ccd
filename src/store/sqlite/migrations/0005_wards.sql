-- Ward boundaries, when the council configures them: a case's location puts it in a ward,
-- and routing rules and reports use the ward. The box columns find candidates quickly.
CREATE TABLE ward (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  area_name TEXT,
  -- JSON: an array of rings, each an array of [lat, lon] pairs.
  boundary TEXT NOT NULL,
  min_lat REAL NOT NULL,
  max_lat REAL NOT NULL,
  min_lon REAL NOT NULL,
  max_lon REAL NOT NULL
) STRICT;
CREATE INDEX ward_box ON ward (min_lat, max_lat);
