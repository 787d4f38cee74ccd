-- What a durable create costs.
--
-- API keys move the catalogue's version too, so that a server may check Open311 keys against
-- its copy of the catalogue in memory (usecase/catalogue_cache.hpp) and still refuse a key
-- revoked on any node from the next create on.
CREATE TRIGGER catalogue_version_api_key AFTER INSERT OR UPDATE OR DELETE ON api_key
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();

-- No query reads customers by search_name (names are found through customer_name_token),
-- and every new customer with a name put an entry at a random place in it.
DROP INDEX customer_search_name;

-- Customers are found by email or phone through their contact points alone, which every
-- repository write and (from now) the bulk loader add; customers loaded in bulk before got
-- theirs here. The indexes on the primary columns served only those customers, and every new
-- customer put an entry at a random place in each. Merged customers' points moved with the
-- merge.
INSERT INTO customer_contact_point (customer_id, kind, value, created_at)
  SELECT id, 'email', email, created_at FROM customer
  WHERE email IS NOT NULL AND merged_into IS NULL
  ON CONFLICT DO NOTHING;
INSERT INTO customer_contact_point (customer_id, kind, value, created_at)
  SELECT id, 'phone', phone, created_at FROM customer
  WHERE phone IS NOT NULL AND merged_into IS NULL
  ON CONFLICT DO NOTHING;
DROP INDEX customer_email;
DROP INDEX customer_phone;
