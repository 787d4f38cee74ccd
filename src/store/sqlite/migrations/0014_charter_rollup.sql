-- Charter performance over a million cases cannot scan every clock per request: the report
-- reads this rollup of clocks per UTC day of their start, standard, and the case's current
-- team, service and channel (team 0: none). Triggers keep it in the same transaction as every
-- change it counts: a clock started, a clock turning met or missed, a case moving to another
-- team or service. Days are UTC so that the rollup needs no time zone; the report reads the
-- clocks themselves for the part of a day that its local period cuts (an hour in London).
-- Clocks still running are counted in `total` only: whether they are breached depends on
-- the moment of asking, so the report counts them from case_sla (case_sla_open_started).
CREATE TABLE charter_rollup (
  day INTEGER NOT NULL,
  standard_code TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  service_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  total INTEGER NOT NULL,
  met INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  PRIMARY KEY (day, standard_code, team_id, service_id, channel)
) STRICT, WITHOUT ROWID;

-- A bulk loader that counts the clocks it loads itself (store/bulk.cpp) puts a row here for the
-- length of its transaction, which no other transaction sees: new clocks then skip the trigger.
CREATE TABLE charter_rollup_deferred (loader TEXT PRIMARY KEY) STRICT;

CREATE INDEX case_sla_open_started ON case_sla (started_at) WHERE stopped_at IS NULL;

CREATE TRIGGER charter_rollup_clock_started AFTER INSERT ON case_sla
WHEN NOT EXISTS (SELECT 1 FROM charter_rollup_deferred)
BEGIN
  INSERT INTO charter_rollup (day, standard_code, team_id, service_id, channel, total, met, missed)
  SELECT NEW.started_at / 86400000000, NEW.standard_code, COALESCE(c.team_id, 0), c.service_id,
         c.channel, 1, CASE WHEN NEW.state = 'met' THEN 1 ELSE 0 END,
         CASE WHEN NEW.state = 'missed' THEN 1 ELSE 0 END
  FROM service_case c WHERE c.id = NEW.case_id
  ON CONFLICT (day, standard_code, team_id, service_id, channel) DO UPDATE SET
    total = total + excluded.total, met = met + excluded.met, missed = missed + excluded.missed;
END;

CREATE TRIGGER charter_rollup_clock_decided AFTER UPDATE OF state ON case_sla
WHEN (OLD.state IN ('met', 'missed') OR NEW.state IN ('met', 'missed'))
  AND OLD.state <> NEW.state
BEGIN
  UPDATE charter_rollup SET
    met = met + (CASE WHEN NEW.state = 'met' THEN 1 ELSE 0 END)
              - (CASE WHEN OLD.state = 'met' THEN 1 ELSE 0 END),
    missed = missed + (CASE WHEN NEW.state = 'missed' THEN 1 ELSE 0 END)
                    - (CASE WHEN OLD.state = 'missed' THEN 1 ELSE 0 END)
  WHERE day = NEW.started_at / 86400000000 AND standard_code = NEW.standard_code
    AND (team_id, service_id, channel) =
        (SELECT COALESCE(c.team_id, 0), c.service_id, c.channel
         FROM service_case c WHERE c.id = NEW.case_id);
END;

CREATE TRIGGER charter_rollup_case_moved
AFTER UPDATE OF team_id, service_id, channel ON service_case
WHEN OLD.team_id IS NOT NEW.team_id OR OLD.service_id <> NEW.service_id
  OR OLD.channel <> NEW.channel
BEGIN
  UPDATE charter_rollup SET
    total = total - 1,
    met = met - (SELECT CASE WHEN s.state = 'met' THEN 1 ELSE 0 END FROM case_sla s
                 WHERE s.case_id = OLD.id AND s.standard_code = charter_rollup.standard_code),
    missed = missed - (SELECT CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END FROM case_sla s
                       WHERE s.case_id = OLD.id AND s.standard_code = charter_rollup.standard_code)
  WHERE team_id = COALESCE(OLD.team_id, 0) AND service_id = OLD.service_id
    AND channel = OLD.channel
    AND (day, standard_code) IN
        (SELECT s.started_at / 86400000000, s.standard_code FROM case_sla s
         WHERE s.case_id = OLD.id);
  INSERT INTO charter_rollup (day, standard_code, team_id, service_id, channel, total, met, missed)
  SELECT s.started_at / 86400000000, s.standard_code, COALESCE(NEW.team_id, 0), NEW.service_id,
         NEW.channel, 1, CASE WHEN s.state = 'met' THEN 1 ELSE 0 END,
         CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END
  FROM case_sla s WHERE s.case_id = NEW.id
  ON CONFLICT (day, standard_code, team_id, service_id, channel) DO UPDATE SET
    total = total + excluded.total, met = met + excluded.met, missed = missed + excluded.missed;
END;

-- Clocks already recorded.
INSERT INTO charter_rollup (day, standard_code, team_id, service_id, channel, total, met, missed)
SELECT s.started_at / 86400000000, s.standard_code, COALESCE(c.team_id, 0), c.service_id,
       c.channel, count(*), sum(CASE WHEN s.state = 'met' THEN 1 ELSE 0 END),
       sum(CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END)
FROM case_sla s JOIN service_case c ON c.id = s.case_id
GROUP BY 1, 2, 3, 4, 5;
