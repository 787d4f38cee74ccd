-- A number that moves with every change to the catalogue a new case is checked and routed
-- against (departments, teams, services and their forms, routing rules, wards), so that a
-- server may keep that catalogue in memory and see another node's change by reading one row
-- (usecase/catalogue_cache.hpp). Triggers move it in the transaction of the change itself.
CREATE TABLE catalogue_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 1);

CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER catalogue_version_department AFTER INSERT OR UPDATE OR DELETE ON department
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_version_team AFTER INSERT OR UPDATE OR DELETE ON team
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_version_service AFTER INSERT OR UPDATE OR DELETE ON service
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_version_routing_rule AFTER INSERT OR UPDATE OR DELETE ON routing_rule
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
CREATE TRIGGER catalogue_version_ward AFTER INSERT OR UPDATE OR DELETE ON ward
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
