-- Staff search over cases: every node re-reads the cases of customers changed since its last
-- look (a merge, a rename, an erasure changes what the case index holds), found by this.
CREATE INDEX customer_updated ON customer (updated_at);
