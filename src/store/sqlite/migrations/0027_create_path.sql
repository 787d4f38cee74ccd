-- What a durable create costs.
--
-- API keys move the catalogue's version too, so that a server may check Open311 keys against
-- its copy of the catalogue in memory (usecase/catalogue_cache.hpp) and still refuse a key
-- revoked on any node from the next create on.
CREATE TRIGGER catalogue_version_api_key_insert AFTER INSERT ON api_key
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_api_key_update AFTER UPDATE ON api_key
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER catalogue_version_api_key_delete AFTER DELETE ON api_key
BEGIN
  UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
END;

-- No query reads customers by search_name (names are found through customer_name_token),
-- and every new customer with a name put an entry at a random place in it.
DROP INDEX customer_search_name;
