-- A number that moves with every change to what deadlines are counted with (calendars, their
-- opening hours, closed days and closures, and the standards), so that each server keeps
-- the charter in memory and sees another node's change, or the CLI's, by reading one row
-- (usecase/live_charter.hpp). Triggers move it in the transaction of the change itself.
CREATE TABLE charter_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO charter_version (id, version) VALUES (1, 1);

CREATE FUNCTION charter_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE charter_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER charter_version_calendar AFTER INSERT OR UPDATE OR DELETE ON calendar
  FOR EACH STATEMENT EXECUTE FUNCTION charter_version_bump();
CREATE TRIGGER charter_version_calendar_hours AFTER INSERT OR UPDATE OR DELETE ON calendar_hours
  FOR EACH STATEMENT EXECUTE FUNCTION charter_version_bump();
CREATE TRIGGER charter_version_calendar_closed_day AFTER INSERT OR UPDATE OR DELETE ON calendar_closed_day
  FOR EACH STATEMENT EXECUTE FUNCTION charter_version_bump();
CREATE TRIGGER charter_version_calendar_closure AFTER INSERT OR UPDATE OR DELETE ON calendar_closure
  FOR EACH STATEMENT EXECUTE FUNCTION charter_version_bump();
CREATE TRIGGER charter_version_charter_standard AFTER INSERT OR UPDATE OR DELETE ON charter_standard
  FOR EACH STATEMENT EXECUTE FUNCTION charter_version_bump();
