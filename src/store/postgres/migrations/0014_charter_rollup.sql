-- Charter performance over a million cases cannot scan every clock per request: the report
-- reads this rollup of clocks per UTC day of their start, standard, and the case's current
-- team, service and channel (team 0: none). Triggers keep it in the same transaction as every
-- change it counts: a clock started, a clock turning met or missed, a case moving to another
-- team or service. Days are UTC so that the rollup needs no time zone; the report reads the
-- clocks themselves for the part of a day that its local period cuts (an hour in London).
-- Clocks still running are counted in `total` only: whether they are breached depends on
-- the moment of asking, so the report counts them from case_sla (case_sla_open_started).
CREATE TABLE charter_rollup (
  day BIGINT NOT NULL,
  standard_code TEXT NOT NULL,
  team_id BIGINT NOT NULL,
  service_id BIGINT NOT NULL,
  channel TEXT NOT NULL,
  total BIGINT NOT NULL,
  met BIGINT NOT NULL,
  missed BIGINT NOT NULL,
  PRIMARY KEY (day, standard_code, team_id, service_id, channel)
);

-- A bulk loader that counts the clocks it loads itself (store/bulk.cpp) puts a row here for the
-- length of its transaction, which no other transaction sees: new clocks then skip the trigger.
CREATE TABLE charter_rollup_deferred (loader TEXT PRIMARY KEY);

CREATE INDEX case_sla_open_started ON case_sla (started_at) WHERE stopped_at IS NULL;

-- Adds `delta` times the clock to the row of its day, standard and the given case fields.
CREATE FUNCTION charter_rollup_add(clock case_sla, team BIGINT, service BIGINT, chan TEXT,
                                   delta INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO charter_rollup AS r (day, standard_code, team_id, service_id, channel, total, met,
                                   missed)
  VALUES (clock.started_at / 86400000000, clock.standard_code, COALESCE(team, 0), service, chan,
          delta, CASE WHEN clock.state = 'met' THEN delta ELSE 0 END,
          CASE WHEN clock.state = 'missed' THEN delta ELSE 0 END)
  ON CONFLICT (day, standard_code, team_id, service_id, channel) DO UPDATE SET
    total = r.total + excluded.total, met = r.met + excluded.met,
    missed = r.missed + excluded.missed;
$$;

CREATE FUNCTION charter_rollup_clock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c RECORD;
BEGIN
  IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM charter_rollup_deferred) THEN
    RETURN NULL;
  END IF;
  SELECT team_id, service_id, channel INTO c FROM service_case WHERE id = NEW.case_id;
  IF TG_OP = 'UPDATE' THEN
    PERFORM charter_rollup_add(OLD, c.team_id, c.service_id, c.channel, -1);
  END IF;
  PERFORM charter_rollup_add(NEW, c.team_id, c.service_id, c.channel, 1);
  RETURN NULL;
END;
$$;

CREATE TRIGGER charter_rollup_clock_started AFTER INSERT ON case_sla
  FOR EACH ROW EXECUTE FUNCTION charter_rollup_clock();
CREATE TRIGGER charter_rollup_clock_decided AFTER UPDATE OF state ON case_sla
  FOR EACH ROW
  WHEN ((OLD.state IN ('met', 'missed') OR NEW.state IN ('met', 'missed'))
        AND OLD.state <> NEW.state)
  EXECUTE FUNCTION charter_rollup_clock();

CREATE FUNCTION charter_rollup_case() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s case_sla;
BEGIN
  FOR s IN SELECT * FROM case_sla WHERE case_id = NEW.id ORDER BY standard_code LOOP
    PERFORM charter_rollup_add(s, OLD.team_id, OLD.service_id, OLD.channel, -1);
    PERFORM charter_rollup_add(s, NEW.team_id, NEW.service_id, NEW.channel, 1);
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER charter_rollup_case_moved AFTER UPDATE OF team_id, service_id, channel
  ON service_case FOR EACH ROW
  WHEN (OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.service_id <> NEW.service_id
        OR OLD.channel <> NEW.channel)
  EXECUTE FUNCTION charter_rollup_case();

-- Clocks already recorded.
INSERT INTO charter_rollup (day, standard_code, team_id, service_id, channel, total, met, missed)
SELECT s.started_at / 86400000000, s.standard_code, COALESCE(c.team_id, 0), c.service_id,
       c.channel, count(*), sum(CASE WHEN s.state = 'met' THEN 1 ELSE 0 END),
       sum(CASE WHEN s.state = 'missed' THEN 1 ELSE 0 END)
FROM case_sla s JOIN service_case c ON c.id = s.case_id
GROUP BY 1, 2, 3, 4, 5;
