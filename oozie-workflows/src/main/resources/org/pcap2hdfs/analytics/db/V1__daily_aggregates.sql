-- Daily aggregates of the warehouse (org.pcap2hdfs.analytics.aggregate), one row set per
-- (day, server, server_location); rewritten as a whole, in one transaction, when the day is recomputed.
-- Empty strings stand for nulls in key columns (no customer, unknown country).

-- Totals. queries counts rows (a query, or a response without one); answered: rows with a
-- response time, the base of the nearest-rank percentiles p50/p90/p99 (and max) of proc_time_us.
CREATE TABLE daily_totals (
  day DATE NOT NULL,
  server VARCHAR(255) NOT NULL,
  server_location VARCHAR(255) NOT NULL,
  queries BIGINT NOT NULL,
  unanswered BIGINT NOT NULL,
  unsolicited BIGINT NOT NULL,
  nxdomain BIGINT NOT NULL,
  distinct_sources BIGINT NOT NULL,
  answered BIGINT NOT NULL,
  p50_us BIGINT,
  p90_us BIGINT,
  p99_us BIGINT,
  max_us BIGINT,
  PRIMARY KEY (day, server, server_location)
);

-- Rows per value of one dimension: rcode (-1 unanswered), qtype, transport (udp, tcp, or the
-- protocol number), ip_version (4, 6), country, asn.
CREATE TABLE daily_breakdown (
  day DATE NOT NULL,
  server VARCHAR(255) NOT NULL,
  server_location VARCHAR(255) NOT NULL,
  dimension VARCHAR(32) NOT NULL,
  item VARCHAR(255) NOT NULL,
  queries BIGINT NOT NULL,
  PRIMARY KEY (day, server, server_location, dimension, item)
);

-- Per customer (customer_id '' for rows of no customer zone); shares are of queries.
CREATE TABLE daily_customers (
  day DATE NOT NULL,
  server VARCHAR(255) NOT NULL,
  server_location VARCHAR(255) NOT NULL,
  customer_id VARCHAR(255) NOT NULL,
  customer_name VARCHAR(255),
  queries BIGINT NOT NULL,
  nxdomain BIGINT NOT NULL,
  unanswered BIGINT NOT NULL,
  nxdomain_share DOUBLE PRECISION NOT NULL,
  unanswered_share DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (day, server, server_location, customer_id)
);

-- Top-N domains (kind 'domain', the domainname column) and sources (kind 'source', src) by rows;
-- place 1 is the busiest, ties broken by the item's text.
CREATE TABLE daily_top (
  day DATE NOT NULL,
  server VARCHAR(255) NOT NULL,
  server_location VARCHAR(255) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  place INT NOT NULL,
  item VARCHAR(1100) NOT NULL,
  queries BIGINT NOT NULL,
  PRIMARY KEY (day, server, server_location, kind, place)
);
