-- A number that moves with every change to the catalogue a new case is checked and routed
-- against (departments, teams, services and their forms, routing rules, wards), so that a
-- server may keep that catalogue in memory and see another node's change by reading one row
-- (usecase/catalogue_cache.hpp). Triggers move it in the transaction of the change itself.
CREATE TABLE catalogue_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO catalogue_version (id, version) VALUES (1, 1);
CREATE TRIGGER catalogue_version_department_insert AFTER INSERT ON department
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_department_update AFTER UPDATE ON department
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_department_delete AFTER DELETE ON department
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_team_insert AFTER INSERT ON team
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_team_update AFTER UPDATE ON team
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_team_delete AFTER DELETE ON team
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_service_insert AFTER INSERT ON service
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_service_update AFTER UPDATE ON service
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_service_delete AFTER DELETE ON service
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_routing_rule_insert AFTER INSERT ON routing_rule
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_routing_rule_update AFTER UPDATE ON routing_rule
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_routing_rule_delete AFTER DELETE ON routing_rule
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_ward_insert AFTER INSERT ON ward
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_ward_update AFTER UPDATE ON ward
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_ward_delete AFTER DELETE ON ward
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
