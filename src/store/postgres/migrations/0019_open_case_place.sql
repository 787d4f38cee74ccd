-- The nearby-duplicate check of every new case (Cases::OpenInBox) reads the open cases of a
-- service in a 50 m box. On (service_id, lat) it fetched every case of the service in the
-- box's band of latitude, open or not, to test its longitude: hundreds of rows per create,
-- more as the history grows. Here open cases are filed by service, by band of a thousandth
-- of a degree of latitude (111 m) and by longitude, so that the box is read as one or two
-- short ranges of longitude inside the index, and the latitude is there too, so that only the
-- cases chosen are read from the table. Expression and predicate are the query's own, word
-- for word, so that the planner can use the index.
DROP INDEX service_case_place;
CREATE INDEX service_case_open_place
  ON service_case (service_id, trunc(lat * 1000), lon, lat)
  WHERE lat IS NOT NULL AND status NOT IN ('resolved', 'closed');
