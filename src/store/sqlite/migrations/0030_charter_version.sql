-- A number that moves with every change to what deadlines are counted with (calendars, their
-- opening hours, closed days and closures, and the standards), so that each server keeps
-- the charter in memory and sees another node's change, or the CLI's, by reading one row
-- (usecase/live_charter.hpp). Triggers move it in the transaction of the change itself.
CREATE TABLE charter_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO charter_version (id, version) VALUES (1, 1);
CREATE TRIGGER charter_version_calendar_insert AFTER INSERT ON calendar
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_update AFTER UPDATE ON calendar
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_delete AFTER DELETE ON calendar
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_hours_insert AFTER INSERT ON calendar_hours
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_hours_update AFTER UPDATE ON calendar_hours
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_hours_delete AFTER DELETE ON calendar_hours
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closed_day_insert AFTER INSERT ON calendar_closed_day
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closed_day_update AFTER UPDATE ON calendar_closed_day
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closed_day_delete AFTER DELETE ON calendar_closed_day
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closure_insert AFTER INSERT ON calendar_closure
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closure_update AFTER UPDATE ON calendar_closure
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_calendar_closure_delete AFTER DELETE ON calendar_closure
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_charter_standard_insert AFTER INSERT ON charter_standard
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_charter_standard_update AFTER UPDATE ON charter_standard
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER charter_version_charter_standard_delete AFTER DELETE ON charter_standard
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
END;
