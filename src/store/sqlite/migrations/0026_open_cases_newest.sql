-- Open311's list of a service's open requests (GET requests.json?service_code=&status=open,
-- Cases::List) read every case of the service in the 90-day window, open or closed, from the
-- table and sorted them all to keep the newest 1,000: 9,000 rows for fly-tipping among
-- 100,000 cases, more as creates pile up (81 ms p50 in the soak). Here the open cases of a
-- service are filed newest first, so the list reads the 1,000 it answers with and stops.
-- The predicate is the query's own, word for word, so that the planner can use the index.
CREATE INDEX service_case_open_newest
  ON service_case (service_id, id)
  WHERE status NOT IN ('resolved', 'closed');
